from django.contrib import admin

from smartcity.core.admin import ReadOnlyAdmin
from smartcity.geo.models import District, Province, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en", "region"]
    list_filter = ["region"]
    search_fields = ["name_th", "name_en", "code"]
    exclude = ["boundary"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    search_fields = ["name_th", "name_en", "code"]
    list_select_related = ["province"]
