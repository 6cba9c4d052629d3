from django.contrib import admin

from smartcity.certification.models import (
    Batch,
    Certificate,
    CertificateDomain,
    CertificateEvent,
    CertifiedArea,
)
from smartcity.core.admin import ReadOnlyAdmin, ReadOnlyMixin


class CertificateInline(ReadOnlyMixin, admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["number", "certified_on", "valid_from", "valid_until", "status", "revoked_on"]


class CertificateDomainInline(ReadOnlyMixin, admin.TabularInline):
    model = CertificateDomain
    extra = 0


class CertificateEventInline(ReadOnlyMixin, admin.TabularInline):
    model = CertificateEvent
    extra = 0
    fields = ["kind", "on", "reason", "meeting", "by"]


@admin.register(CertifiedArea)
class CertifiedAreaAdmin(ReadOnlyAdmin):
    list_display = ["name_th", "name_en", "province", "batch", "certified_on", "record_quality"]
    list_filter = ["batch", "record_quality", "province__region"]
    search_fields = ["name_th", "name_en", "certificates__number"]
    list_select_related = ["province", "batch"]
    inlines = [CertificateInline]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "area", "certified_on", "status", "valid_until"]
    list_filter = ["status"]
    search_fields = ["number", "area__name_th", "area__name_en"]
    list_select_related = ["area"]
    inlines = [CertificateDomainInline, CertificateEventInline]


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ["code", "logo_ceremony_on"]
