"""Forms of the secretariat's evaluation pages. Each one's data goes to one service:
services.phases, services.reviewers, or services (assignment, conflicts, reviews,
summaries), services_deadlines. The rules are the services'; these forms only read what was
typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.forms import BEDateField
from smartcity.core.i18n import localised
from smartcity.geo.models import Province
from smartcity.reviews.enums import PhaseStatus, Recommendation
from smartcity.reviews.models import Dossier, Reviewer, ReviewPhase
from smartcity.reviews.selectors import in_evaluation
from smartcity.reviews.services import EvaluationError
from smartcity.reviews.services.phases import SETTINGS, STATUS_TRANSITIONS, clean_settings
from smartcity.reviews.services.reviewers import MAX_LOAD

# Textareas fill their card: the site's stylesheet sizes inputs, not textareas.
TEXT = forms.Textarea(attrs={"rows": 3, "class": "full-width"})
MAX_TEXT = 10_000


def _date_field(label, **kwargs) -> BEDateField:
    return BEDateField(label=label, **kwargs)


class PhaseForm(forms.ModelForm):
    """The settings of a phase. Saved through services.phases, never by form.save()."""

    class Meta:
        model = ReviewPhase
        fields = SETTINGS
        widgets = {"score_visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Offer only the statuses the phase may move to (services.phases decides).
            current = self.instance.status
            allowed = {current} | {to for (frm, to) in STATUS_TRANSITIONS if frm == current}
            self.fields["status"].choices = [
                (value, label) for value, label in PhaseStatus.choices if value in allowed
            ]

    def clean(self):
        cleaned = super().clean()
        if all(name in cleaned for name in SETTINGS):
            try:
                clean_settings(cleaned)
            except EvaluationError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return localised(obj, "name")


class ReviewerDetailsForm(forms.Form):
    """What the secretariat keeps about a pool member: saved by update_reviewer()."""

    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        help_text=_("Where the reviewer works: conflicts of interest are detected from it."),
    )
    province = ProvinceChoiceField(
        label=_("Province"),
        queryset=Province.objects.order_by(sort_key_ordering("sort_name")),
        required=False,
        empty_label=_("Not tied to a province"),
    )
    expertise = forms.MultipleChoiceField(
        label=_("Domains of expertise"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_load = forms.IntegerField(
        label=_("Most proposals at once"), min_value=1, max_value=MAX_LOAD, initial=5
    )


class InviteReviewerForm(ReviewerDetailsForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200)

    field_order = ["email", "full_name"]


class ReasonForm(forms.Form):
    """Why: reopening a review, dismissing a conflict. Required, as the services say."""

    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=TEXT)


class SummaryForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation to the sub-committee"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "class": "full-width"}),
        help_text=_("What the reviews found, for the sub-committee."),
    )
    conditions = forms.CharField(
        label=_("Conditions to revise"),
        max_length=MAX_TEXT,
        required=False,
        widget=TEXT,
        help_text=_("Required when approving with conditions."),
    )


class DueDateForm(forms.Form):
    due_on = _date_field(_("Due on"))

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due_on


class ExtendDueForm(forms.Form):
    """A later due date for one review and the reason; which dates are accepted is the
    service's rule (services_deadlines.extend_review_due)."""

    due_on = _date_field(_("New due date"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=TEXT,
        help_text=_("Sent to the reviewer with the new date."),
    )


class ManualAssignmentForm(DueDateForm):
    dossier = forms.ModelChoiceField(
        label=_("Proposal"), queryset=in_evaluation(), widget=forms.HiddenInput
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), queryset=Reviewer.objects.filter(is_active=True)
    )


class PairsField(forms.Field):
    """(dossier, reviewer) pairs posted as "<dossier id>:<reviewer id>"."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Tick at least one reviewer for a proposal."),
        "invalid": _("The selection is not valid; reload the page and tick again."),
    }

    def to_python(self, value) -> list[tuple[int, int]]:
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        pairs = []
        for text in values:
            dossier, _sep, reviewer = str(text).partition(":")
            if not (dossier.isdigit() and reviewer.isdigit()):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            pair = (int(dossier), int(reviewer))
            if pair not in pairs:
                pairs.append(pair)
        return pairs


class BulkSelectionForm(forms.Form):
    pair = PairsField()

    def clean_pair(self) -> list[tuple[Dossier, Reviewer]]:
        ids = self.cleaned_data["pair"]
        dossiers = in_evaluation().in_bulk({d for d, _r in ids})
        reviewers = (
            Reviewer.objects.filter(is_active=True)
            .select_related("user")
            .in_bulk({r for _p, r in ids})
        )
        if any(d not in dossiers or r not in reviewers for d, r in ids):
            raise forms.ValidationError(self.fields["pair"].error_messages["invalid"])
        return [(dossiers[d], reviewers[r]) for d, r in ids]

    def encoded(self) -> list[str]:
        return [f"{p.pk}:{r.pk}" for p, r in self.cleaned_data["pair"]]


class BulkConfirmForm(BulkSelectionForm, DueDateForm):
    pass


class AutoAssignForm(DueDateForm):
    pass
