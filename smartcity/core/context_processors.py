from django.conf import settings


def site(request):
    return {"SMARTCITY": settings.SMARTCITY}
