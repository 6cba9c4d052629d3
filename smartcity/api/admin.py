from django.contrib import admin

from smartcity.api.models import ApiToken, ApiTokenRequest
from smartcity.core.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are issued and revoked on the secretariat's pages (audited); the admin only
    shows them, without the hash of the secret."""

    list_display = [
        "agency",
        "label",
        "prefix",
        "issued_at",
        "expires_on",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["agency", "label", "prefix"]
    fields = readonly_fields = [
        "agency",
        "label",
        "prefix",
        "issued_by",
        "issued_at",
        "expires_on",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
        "last_used_at",
    ]


@admin.register(ApiTokenRequest)
class ApiTokenRequestAdmin(ReadOnlyAdmin):
    list_display = ["at", "token", "method", "path", "status", "ip", "duration_ms"]
    list_filter = ["status", "method"]
    list_select_related = ["token"]
    fields = readonly_fields = ["token", "at", "method", "path", "status", "ip", "duration_ms"]
