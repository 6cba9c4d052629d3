from django.urls import path

from smartcity.api.catalog import views

app_name = "opendata"

urlpatterns = [
    path("catalog.ttl", views.catalogue_turtle, name="catalog_ttl"),
    path("catalog.jsonld", views.catalogue_jsonld, name="catalog_jsonld"),
    path("open-data/", views.index, name="index"),
    path("open-data/dictionary/<slug:dataset>/", views.dictionary, name="dictionary"),
    path(
        "open-data/dictionary/<slug:dataset>.json",
        views.dictionary_json,
        name="dictionary_json",
    ),
]
