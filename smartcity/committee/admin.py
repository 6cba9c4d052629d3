"""The committees in Django's admin: for looking only. Seats, meetings, agendas,
resolutions and minutes change through the committee pages, whose services check the
rules and write the audit rows."""

from django.contrib import admin
from django.db import models

from smartcity.committee.models import (
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    Minutes,
    Resolution,
)
from smartcity.core.admin import ReadOnlyAdmin


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["kind", "name_th", "name_en", "quorum_members"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ["user", "committee", "role", "position", "term_starts_on", "term_ends_on"]
    list_filter = ["committee", "role"]
    list_select_related = ["user", "committee"]
    search_fields = ["user__email", "user__full_name", "position"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["committee", "number", "year_be", "held_on", "held_on_precision", "status"]
    list_filter = ["committee", "status"]
    list_select_related = ["committee"]
    # Django 6 changes URLField's default scheme; say it, as the meeting form does.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "position", "kind", "subject_kind", "subject_id", "title_th"]
    list_filter = ["meeting__committee", "kind", "subject_kind"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title_th", "title_en"]


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyAdmin):
    list_display = ["item", "outcome", "status", "released_at"]
    list_filter = ["outcome", "status"]
    list_select_related = ["item__meeting__committee"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "revision", "adopted_at"]
    list_filter = ["status"]
    list_select_related = ["meeting__committee"]
