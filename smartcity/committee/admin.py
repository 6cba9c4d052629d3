from django.contrib import admin

from smartcity.committee.models import Committee, Meeting
from smartcity.core.admin import ReadOnlyAdmin


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["kind", "name_th", "name_en"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["committee", "number", "year_be", "held_on", "held_on_precision"]
    list_filter = ["committee"]
