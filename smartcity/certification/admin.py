from django.contrib import admin

from smartcity.certification.models import AreaDomain, Batch, CertifiedArea
from smartcity.core.admin import ReadOnlyAdmin, ReadOnlyMixin


class AreaDomainInline(ReadOnlyMixin, admin.TabularInline):
    model = AreaDomain
    extra = 0


@admin.register(CertifiedArea)
class CertifiedAreaAdmin(ReadOnlyAdmin):
    list_display = ["name_th", "name_en", "province", "batch", "certified_on", "record_quality"]
    list_filter = ["batch", "record_quality", "province__region"]
    search_fields = ["name_th", "name_en"]
    list_select_related = ["province", "batch"]
    inlines = [AreaDomainInline]


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ["code", "logo_ceremony_on"]
