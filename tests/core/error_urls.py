"""A URL that fails like a database outage, for the 500 page's tests."""

from django.db import OperationalError
from django.urls import include, path


def database_down(request):
    raise OperationalError("could not connect to server")


urlpatterns = [path("broken/", database_down), path("", include("smartcity.urls"))]
