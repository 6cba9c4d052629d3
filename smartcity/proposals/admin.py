"""The secretariat edits criteria sets and calls here. A published criteria set is frozen:
a change of rubric is a new version, so no submitted proposal is ever judged by rules it
did not see."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartcity.core import audit
from smartcity.core.admin import ReadOnlyAdmin
from smartcity.proposals.enums import CriteriaSetStatus
from smartcity.proposals.models import Call, CriteriaSet, Criterion, CriterionItem, Proposal


class WeightsAddUp(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = sum(
            (form.cleaned_data.get("weight") or Decimal(0))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if self.forms and total != 100:
            raise forms.ValidationError(
                _("The weights add up to %(total)s; they must add up to 100.") % {"total": total}
            )


class FrozenWhenPublished:
    def has_change_permission(self, request, obj=None):
        criteria_set = getattr(obj, "criteria_set", obj)
        if isinstance(obj, Criterion | CriterionItem):
            criteria_set = (
                obj.criteria_set if isinstance(obj, Criterion) else obj.criterion.criteria_set
            )
        if criteria_set is not None and criteria_set.status != CriteriaSetStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission


class CriterionInline(FrozenWhenPublished, admin.TabularInline):
    model = Criterion
    formset = WeightsAddUp
    extra = 0
    fields = ["position", "code", "title_th", "title_en", "weight", "max_score", "pass_mark"]

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.status == CriteriaSetStatus.DRAFT


class CriterionItemInline(FrozenWhenPublished, admin.TabularInline):
    model = CriterionItem
    formset = WeightsAddUp
    extra = 0

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.criteria_set.status == CriteriaSetStatus.DRAFT


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        label = obj._meta.model_name
        audit.record(
            action=f"proposals.{label}.{'changed' if change else 'created'}",
            by=request.user,
            target=obj,
            after={name: form.cleaned_data.get(name) for name in form.changed_data},
        )


@admin.register(CriteriaSet)
class CriteriaSetAdmin(AuditedAdmin):
    """A draft set may be edited, then published; after that only its status moves on
    (to retired). A new rubric is a new version."""

    list_display = ["version", "name_th", "status", "min_domains", "pass_mark"]
    list_filter = ["status"]
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != CriteriaSetStatus.DRAFT:
            return ["version", "name_th", "name_en", "min_domains", "required_domains", "pass_mark"]
        return []


@admin.register(Criterion)
class CriterionAdmin(FrozenWhenPublished, AuditedAdmin):
    list_display = ["criteria_set", "position", "code", "title_th", "weight", "pass_mark"]
    list_filter = ["criteria_set"]
    inlines = [CriterionItemInline]


@admin.register(Call)
class CallAdmin(AuditedAdmin):
    list_display = ["title_th", "criteria_set", "opens_on", "closes_on"]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["name_th", "organisation", "state", "version_number", "submitted_at"]
    list_filter = ["state"]
    search_fields = ["name_th", "name_en"]
    list_select_related = ["organisation"]
    exclude = ["boundary", "frozen_criteria"]
