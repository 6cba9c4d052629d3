from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from smartcity.api.views import collections, docs, records

app_name = "api"

urlpatterns = [
    path("areas/", collections.AreaList.as_view(), name="areas"),
    path("areas/<int:pk>/", records.AreaDetail.as_view(), name="area"),
    path("figures/", records.Figures.as_view(), name="figures"),
    path("provinces/", collections.ProvinceList.as_view(), name="provinces"),
    path("provinces.geojson", collections.ProvinceBoundaries.as_view(), name="province_boundaries"),
    path("regions/", collections.RegionList.as_view(), name="regions"),
    path("certificates/<str:number>/", records.CertificateDetail.as_view(), name="certificate"),
    path("meetings/", collections.MeetingList.as_view(), name="meetings"),
    path("meetings/<int:pk>/", records.MeetingDetail.as_view(), name="meeting"),
    path("network-cities/", collections.NetworkCityList.as_view(), name="network_cities"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.SwaggerUI.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", docs.Redoc.as_view(url_name="api:schema"), name="redoc"),
]
