from django.contrib import admin

from smartcity.network.models import NetworkCity


@admin.register(NetworkCity)
class NetworkCityAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "province", "status", "since_year"]
    list_filter = ["status"]
