from django.contrib import admin

from smartcity.core.models import AuditEntry


class ReadOnlyMixin:
    """Staff may look; changes go through the services, which audit them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "action", "actor", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr", "target_id"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
