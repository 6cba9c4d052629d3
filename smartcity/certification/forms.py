"""Forms of the certificate pages. The rules are the services'; these forms only read what
was typed (certification.services.status.transition_certificate,
services.batches.set_ceremony)."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smartcity.certification import selectors
from smartcity.certification.enums import CertificateStatus, DisplayStatus
from smartcity.core.dates import format_date
from smartcity.core.forms import BEDateField
from smartcity.core.i18n import localised

MAX_REASON = 5_000


def _date_field(label, **kwargs) -> BEDateField:
    return BEDateField(label=label, **kwargs)


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=60, required=False)

    def number_typed(self) -> str:
        if not self.is_valid():
            return ""
        return self.cleaned_data["number"].strip()


class CertificateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *DisplayStatus.choices],
    )
    batch = forms.ChoiceField(label=_("Batch"), required=False)

    def __init__(self, *args, batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = [("", _("All batches"))] + [
            (b.code, b.code) for b in batches
        ]

    def filters(self) -> dict:
        """The valid filters; an invalid value is ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        label = f"{localised(obj.committee, 'name')} {obj.reference}"
        if obj.held_on:
            style = "month" if obj.held_on_precision == "month" else "long"
            label += f" ({format_date(obj.held_on, get_language() or 'th', style=style)})"
        return label


class CertificateTransitionForm(forms.Form):
    """Suspend, reinstate or revoke: the target status, the reason, the meeting, the date."""

    to_status = forms.ChoiceField(choices=CertificateStatus.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3, "class": "full-width"}),
    )
    meeting = MeetingChoiceField(
        label=_("Meeting that decided"),
        queryset=selectors.deciding_meetings(),
        empty_label=_("Choose the meeting"),
    )
    on = _date_field(_("Effective on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.deciding_meetings()
        if not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())


class CeremonyForm(forms.Form):
    on = _date_field(_("Logo ceremony"))


class HistoryUploadForm(forms.Form):
    """A CSV of areas certified before the platform (read by certification.history)."""

    file = forms.FileField(
        label=_("CSV file (UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
