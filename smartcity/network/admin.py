from django.contrib import admin

from smartcity.core.admin import ReadOnlyAdmin
from smartcity.network.models import NetworkCity


@admin.register(NetworkCity)
class NetworkCityAdmin(ReadOnlyAdmin):
    list_display = ["name_th", "name_en", "province", "status", "since_year"]
    list_filter = ["status"]
