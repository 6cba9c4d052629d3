"""Evaluation in the admin. The reviewer pool, the phases and the conflict-of-interest rules
are edited here (phases through services.phases, so a status change follows its table);
conflicts, assignments and reviews are read here and changed only through the site's
services, which audit them."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from smartcity.core import audit
from smartcity.core.admin import ReadOnlyAdmin
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    ConflictRules,
    Review,
    Reviewer,
    ReviewPhase,
)
from smartcity.reviews.services import EvaluationError
from smartcity.reviews.services.phases import (
    SETTINGS,
    check_status_change,
    clean_settings,
    create_phase,
    update_phase,
)


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            action=f"reviews.{obj._meta.model_name}.{'changed' if change else 'created'}",
            by=request.user,
            target=obj,
            after={name: form.cleaned_data.get(name) for name in form.changed_data},
        )

    def has_delete_permission(self, request, obj=None):
        return False  # history is kept: deactivate instead


@admin.register(Reviewer)
class ReviewerAdmin(AuditedAdmin):
    list_display = ["user", "organisation_name", "province", "max_load", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__email", "user__full_name", "organisation_name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "province"]


class ReviewPhaseForm(forms.ModelForm):
    class Meta:
        model = ReviewPhase
        fields = SETTINGS

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.instance.pk:
            previous = ReviewPhase.objects.values_list("status", flat=True).get(pk=self.instance.pk)
            try:
                check_status_change(previous, status)
            except EvaluationError as error:
                raise ValidationError(str(error)) from error
        return status

    def clean(self):
        cleaned = super().clean()
        if all(name in cleaned for name in SETTINGS):
            try:
                clean_settings(cleaned)
            except EvaluationError as error:
                raise ValidationError(str(error)) from error
        return cleaned


@admin.register(ReviewPhase)
class ReviewPhaseAdmin(admin.ModelAdmin):
    form = ReviewPhaseForm
    list_display = ["name_th", "name_en", "status", "reviewers_per_proposal", "created_at"]
    list_filter = ["status"]

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in SETTINGS}
        if change:
            saved = update_phase(phase=obj, by=request.user, **values)
        else:
            saved = create_phase(by=request.user, **values)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConflictRules)
class ConflictRulesAdmin(AuditedAdmin):
    """One row: the list goes straight to it (or to adding it, the first time)."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ConflictRules.objects.exists()

    def changelist_view(self, request, extra_context=None):
        rules = ConflictRules.objects.order_by("pk").first()
        if rules is None:
            return redirect(reverse("admin:reviews_conflictrules_add"))
        return redirect(reverse("admin:reviews_conflictrules_change", args=[rules.pk]))


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ["reviewer", "dossier", "source", "created_at", "dismissed_at"]
    list_filter = ["source"]
    list_select_related = ["reviewer__user", "dossier"]
    search_fields = [
        "reviewer__user__email",
        "reviewer__user__full_name",
        "dossier__title_th",
        "dossier__label_th",
    ]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["reviewer", "dossier", "phase", "due_on", "reminded_before_at"]
    list_filter = ["phase"]
    list_select_related = ["reviewer__user", "dossier", "phase"]
    search_fields = [
        "reviewer__user__email",
        "reviewer__user__full_name",
        "dossier__title_th",
        "dossier__label_th",
    ]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "state", "total_score", "recommendation", "submitted_at"]
    list_filter = ["state", "recommendation"]
    list_select_related = ["assignment__reviewer__user", "assignment__dossier"]
