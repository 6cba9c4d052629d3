from django.urls import path, re_path

from smartcity.registry.views import announcements, public

app_name = "registry"

urlpatterns = [
    path("", public.home, name="home"),
    path("areas/", public.area_list, name="area_list"),
    path("areas/export/", public.export_request, name="export_request"),
    path("areas/export.csv", public.export_csv, name="export_csv"),
    path("areas/export.geojson", public.export_geojson, name="export_geojson"),
    path("areas/<int:pk>/", public.area_detail, name="area_detail"),
    path("provinces/<str:code>/", public.province_detail, name="province_detail"),
    path("map/", public.map_view, name="map"),
    path("map/provinces.geojson", public.map_geojson, name="map_geojson"),
    path("announcements/", announcements.announcement_list, name="announcements"),
    path("announcements/<int:pk>/", announcements.announcement_detail, name="announcement"),
    re_path(
        r"^announcements/(?P<pk>\d+)/(?P<lang>th|en)\.pdf$",
        announcements.announcement_pdf,
        name="announcement_pdf",
    ),
]
