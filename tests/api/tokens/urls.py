"""A small API view for the authentication tests: the real /api/v1/ endpoints live with
the API and need not exist for the token's behaviour to be checked."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from smartcity.api.tokens.authentication import TokenAuthentication


class WhoAsks(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes: list = []
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response(
            {
                "token": request.auth.pk if request.auth else None,
                "anonymous": request.user.is_anonymous,
            }
        )


urlpatterns = [path("probe/", WhoAsks.as_view())]
