"""Forms of the committee pages. Each one's data goes to one service (in services:
members, meetings, attendance, agenda, resolutions, minutes); the rules are the
services', these forms only read what was typed. Dates are typed in the reader's era
(core.forms.BEDateField)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartcity.committee.enums import Attendance, MeetingStatus, MemberRole, Outcome
from smartcity.committee.models import Committee
from smartcity.committee.services.resolutions import Vote
from smartcity.core.enums import Domain
from smartcity.core.forms import BEDateField
from smartcity.core.i18n import localised

TEXT = forms.Textarea(attrs={"rows": 3, "class": "full-width"})
MAX_TEXT = 10_000
COUNT = {"invalid": _("Type the number of votes as a whole number, such as 3.")}
VOTE = forms.NumberInput(
    attrs={"min": 0, "step": 1, "inputmode": "numeric", "class": "narrow-number"}
)


def _date_field(label, **kwargs) -> BEDateField:
    return BEDateField(label=label, **kwargs)


class CommitteeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return localised(obj, "name")


def _committees():
    return Committee.objects.order_by("kind")


class MemberForm(forms.Form):
    """A new seat: an existing person (by email), a role and a term."""

    committee = CommitteeChoiceField(label=_("Committee"), queryset=_committees())
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The person must already have an account on the platform."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    position = forms.CharField(
        label=_("Position"),
        max_length=300,
        required=False,
        help_text=_("e.g. the office held ex officio"),
    )
    term_starts_on = _date_field(_("Term starts on"))
    term_ends_on = _date_field(_("Term ends on"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses this email address; invite the person to the platform first.")
            )
        self.cleaned_data["user"] = user
        return email

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "committee": data["committee"],
            "user": data["user"],
            "role": data["role"],
            "position": data["position"],
            "term_starts_on": data["term_starts_on"],
            "term_ends_on": data["term_ends_on"],
        }


class EndTermForm(forms.Form):
    ends_on = _date_field(_("Last day of the term"))


class MeetingFilterForm(forms.Form):
    committee = forms.ChoiceField(label=_("Committee"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *MeetingStatus.choices],
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [
            ("", _("Both committees")),
            *[(c.kind, localised(c, "name")) for c in committees],
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class MeetingForm(forms.Form):
    committee = CommitteeChoiceField(label=_("Committee"), queryset=_committees())
    held_on = _date_field(_("Date"))
    starts_at_time = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Online meeting link"), max_length=500, required=False, assume_scheme="https"
    )

    def clean(self):
        cleaned = super().clean()
        missing = not (cleaned.get("place") or "").strip() and not cleaned.get("online_link")
        if missing and not self.has_error("online_link"):
            raise forms.ValidationError(_("Give the place or the online meeting link."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=TEXT)


class AttendanceForm(forms.Form):
    """One select per invited member, named after the attendee row."""

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(attendees)
        for row in self.rows:
            self.fields[f"attendance-{row.pk}"] = forms.ChoiceField(
                label=str(row.member.user),
                choices=Attendance.choices,
                initial=row.attendance,
            )

    def attendance(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"attendance-{row.pk}"] for row in self.rows}


class InformationItemForm(forms.Form):
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=500)
    title_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    background = forms.CharField(
        label=_("Background"), max_length=MAX_TEXT, required=False, widget=TEXT
    )


class RecusalForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=TEXT)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, str(m.user)) for m in members]


class ResolutionForm(forms.Form):
    """The outcome of one item, with the domains, conditions or reasons it needs. The
    choices are the item's (outcomes_for, proposed_domains); the service checks the rest."""

    outcome = forms.ChoiceField(label=_("Resolution"), widget=forms.RadioSelect)
    domains = forms.MultipleChoiceField(
        label=_("Domains approved"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conditions = forms.CharField(
        label=_("Conditions to revise"), max_length=MAX_TEXT, required=False, widget=TEXT
    )
    reasons = forms.CharField(label=_("Reasons"), max_length=MAX_TEXT, required=False, widget=TEXT)
    # The vote, when the committee votes: empty means a resolution by consensus. The
    # service checks the numbers against the item's quorum.
    votes_for = forms.IntegerField(
        label=pgettext_lazy("vote", "For"), required=False, widget=VOTE, error_messages=COUNT
    )
    votes_against = forms.IntegerField(
        label=pgettext_lazy("vote", "Against"), required=False, widget=VOTE, error_messages=COUNT
    )
    votes_abstaining = forms.IntegerField(
        label=pgettext_lazy("vote", "Abstaining"), required=False, widget=VOTE, error_messages=COUNT
    )

    def __init__(self, *args, outcomes: list[str], domains: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Outcome(o).label) for o in outcomes]
        labels = dict(Domain.choices)
        self.fields["domains"].choices = [(d, labels.get(d, d)) for d in domains]

    def service_arguments(self) -> dict:
        """The arguments of record_resolution: a vote when any count was typed (a count
        left empty beside others is zero), none when all three are empty."""
        data = self.cleaned_data
        counts = [data.get(f"votes_{name}") for name in ("for", "against", "abstaining")]
        vote = None if all(c is None for c in counts) else Vote(*(c or 0 for c in counts))
        return {
            "outcome": data["outcome"],
            "domains": data["domains"],
            "conditions": data["conditions"],
            "reasons": data["reasons"],
            "vote": vote,
        }


class MinutesForm(forms.Form):
    body = forms.CharField(
        label=_("Minutes"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18, "class": "full-width"}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
