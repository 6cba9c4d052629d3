from django.urls import path

from smartcity.certification.views import public

urlpatterns = [
    path("verify/", public.verify_search, name="verify_search"),
    path("verify/<str:number>/", public.verify, name="verify"),
    path("verify/<str:number>.json", public.verify_json, name="verify_json"),
]
