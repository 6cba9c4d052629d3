"""Forms of the secretariat's side: the screening queue's filters, the screening itself and
moving a returned proposal's due date. Their data goes to selectors.screening_queue(),
services.screening.screen_proposal() and .extend_information_due()."""

from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import OrganisationType
from smartcity.core.forms import BEDateField
from smartcity.core.i18n import localised
from smartcity.proposals.enums import ProposalState, ScreeningOutcome
from smartcity.proposals.services.screening import MissingItem

ALL = "all"
# Drafts are the proponent's own business: the secretariat's queue never lists them.
QUEUE_VISIBLE_STATES = [s for s in ProposalState if s in ProposalState.seen_by_secretariat()]
# A missing item that belongs to no criterion in particular.
GENERAL = "general"

SORTS = [("", _("Oldest submission first")), ("name", _("Name"))]


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Waiting for screening")),
            (ALL, _("All states")),
            *[(s.value, s.label) for s in QUEUE_VISIBLE_STATES],
        ],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.CharField(label=_("Province"), required=False, max_length=2)
    organisation_type = forms.ChoiceField(
        label=_("Proponent type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.province_choices = provinces

    def filters(self) -> dict:
        """The cleaned filters for selectors.screening_queue(); an invalid value is dropped
        rather than hiding the whole queue."""
        if not self.is_bound:
            return {}
        self.is_valid()
        filters = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if filters.get("state") == ALL:
            filters["state"] = [s.value for s in QUEUE_VISIBLE_STATES]
        return filters


class ScreeningDecisionForm(forms.Form):
    """One screening of the latest version: a row per criterion of the frozen criteria (its
    title, whether it is complete, a note, and what is missing under it), a row for what
    belongs to no criterion, the outcome and what it needs. Whether an outcome has what it
    needs (items, due date, reason) is the service's rule, not repeated here."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ScreeningOutcome.choices, widget=forms.RadioSelect
    )
    due_on = BEDateField(
        label=_("Information due on"),
        help_text=_("For a return: the date by which the proponent should resubmit."),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required when the proposal is ineligible; sent to the proponent."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria.get("criteria", [])
        for criterion in self.criteria:
            code = criterion["code"]
            title = criterion_title(criterion)
            self.fields[f"complete_{code}"] = forms.BooleanField(
                label=_("Complete"), required=False
            )
            self.fields[f"note_{code}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=1000,
                widget=forms.TextInput(
                    attrs={
                        "aria-label": _("Note on “%(criterion)s”") % {"criterion": title},
                        "placeholder": _("Note"),
                    }
                ),
            )
            self.fields[f"missing_{code}"] = _missing_field()
        self.fields[f"missing_{GENERAL}"] = _missing_field()

    @property
    def checklist_rows(self) -> list[dict]:
        return [
            {
                "criterion": criterion,
                "title": criterion_title(criterion),
                "complete": self[f"complete_{criterion['code']}"],
                "note": self[f"note_{criterion['code']}"],
                "missing": self[f"missing_{criterion['code']}"],
            }
            for criterion in self.criteria
        ]

    @property
    def general_missing(self):
        return self[f"missing_{GENERAL}"]

    def checklist(self) -> dict[str, dict]:
        return {
            c["code"]: {
                "complete": self.cleaned_data[f"complete_{c['code']}"],
                "note": self.cleaned_data[f"note_{c['code']}"].strip(),
            }
            for c in self.criteria
        }

    def missing(self) -> list[MissingItem]:
        """The missing items, criterion by criterion in the criteria's order, then those of
        the proposal as a whole: one per non-empty line of each box."""
        codes = [*(c["code"] for c in self.criteria), GENERAL]
        return [
            MissingItem(code, line)
            for code in codes
            for line in _lines(self.cleaned_data[f"missing_{code}"])
        ]


class ExtendDueDateForm(forms.Form):
    """A new due date and the reason for it; which dates are accepted is the service's
    rule (services.screening.check_new_due_date)."""

    due_on = BEDateField(
        label=_("New due date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Sent to the proponent and shown on their timeline."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def criterion_title(criterion: dict) -> str:
    """A frozen criterion's title in the reader's language (the other one if it lacks it)."""
    return localised(SimpleNamespace(**criterion), "title") or criterion["code"]


def _missing_field() -> forms.CharField:
    # The criterion's title is the legend of the fieldset around the box.
    return forms.CharField(
        label=_("Missing items"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _lines(text: str) -> list[str]:
    # People paste bulleted lists: the bullet is not part of the item.
    return [
        line for line in (raw.strip().lstrip("-•*").strip() for raw in text.splitlines()) if line
    ]
