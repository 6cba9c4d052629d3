from django.contrib import admin

from smartcity.core.models import AuditEntry, ExportJob, WorkerHeartbeat


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


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "requested_by", "status", "done", "total"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "hostname", "pid", "queues", "started_at", "seen_at"]
    readonly_fields = [f.name for f in WorkerHeartbeat._meta.fields]
