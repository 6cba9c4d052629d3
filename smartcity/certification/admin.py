from django.contrib import admin

from smartcity.certification.models import AreaDomain, Batch, CertificateEvent, CertifiedArea
from smartcity.core.admin import ReadOnlyAdmin, ReadOnlyMixin


class AreaDomainInline(ReadOnlyMixin, admin.TabularInline):
    model = AreaDomain
    extra = 0


class CertificateEventInline(ReadOnlyMixin, admin.TabularInline):
    model = CertificateEvent
    fk_name = "area"
    extra = 0
    fields = ["kind", "on", "reason", "meeting", "by"]


@admin.register(CertifiedArea)
class CertifiedAreaAdmin(ReadOnlyAdmin):
    list_display = [
        "certificate_number", "name_th", "name_en", "province", "batch", "certified_on",
        "status", "valid_until", "record_quality",
    ]  # fmt: skip
    list_filter = ["status", "batch", "record_quality", "province__region"]
    search_fields = ["certificate_number", "name_th", "name_en"]
    list_select_related = ["province", "batch"]
    inlines = [AreaDomainInline, CertificateEventInline]


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ["code", "logo_ceremony_on"]
