"""Forms of the secretariat's side: the screening queue's filters and the screening itself.
Their data goes to selectors.screening_queue() and services.screen_proposal()."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import OrganisationType
from smartcity.core.forms import BEDateField
from smartcity.proposals.enums import ProposalState, ScreeningOutcome
from smartcity.proposals.services import MissingItem

ALL = "all"
# Drafts are the proponent's own business: the secretariat's queue never lists them.
QUEUE_VISIBLE_STATES = [s for s in ProposalState if s != ProposalState.DRAFT]
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
    """One screening of the latest version: a checklist row per criterion of the frozen
    criteria, the outcome and what it needs. Whether an outcome has what it needs (items,
    due date, reason) is the service's rule, not repeated here."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ScreeningOutcome.choices, widget=forms.RadioSelect
    )
    missing_items = forms.CharField(
        label=_("Missing items"),
        help_text=_(
            "One per line. Start a line with a criterion code and a colon (for example “management: แผนการลงทุนรายปี”) to file it under that criterion; other lines go under the first criterion not ticked complete."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
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
        thai = (get_language() or "th").startswith("th")
        for criterion in self.criteria:
            code = criterion["code"]
            title = (
                criterion.get("title_th") or criterion.get("title_en")
                if thai
                else criterion.get("title_en") or criterion.get("title_th")
            )
            self.fields[f"complete_{code}"] = forms.BooleanField(
                label=_("Complete"), required=False
            )
            self.fields[f"note_{code}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=1000,
                widget=forms.TextInput(
                    attrs={"aria-label": _("Note on “%(criterion)s”") % {"criterion": title}}
                ),
            )

    @property
    def checklist_rows(self) -> list[dict]:
        return [
            {
                "criterion": criterion,
                "complete": self[f"complete_{criterion['code']}"],
                "note": self[f"note_{criterion['code']}"],
            }
            for criterion in self.criteria
        ]

    def checklist(self) -> dict[str, dict]:
        return {
            c["code"]: {
                "complete": self.cleaned_data[f"complete_{c['code']}"],
                "note": self.cleaned_data[f"note_{c['code']}"].strip(),
            }
            for c in self.criteria
        }

    def missing(self) -> list[MissingItem]:
        return parse_missing_items(
            self.cleaned_data["missing_items"],
            codes=[c["code"] for c in self.criteria],
            incomplete=[
                c["code"] for c in self.criteria if not self.cleaned_data[f"complete_{c['code']}"]
            ],
        )


def parse_missing_items(text: str, *, codes: list[str], incomplete: list[str]) -> list[MissingItem]:
    """One item per non-empty line. "management: แผนการลงทุนรายปี" files the item under
    that criterion code; a line without a known code goes under the first criterion not
    ticked complete, or under "general" when every criterion is ticked."""
    default = incomplete[0] if incomplete else GENERAL
    known = {code.casefold(): code for code in [*codes, GENERAL]}
    items = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        if not line:
            continue
        head, colon, rest = line.replace("：", ":").partition(":")
        code = known.get(head.strip().casefold()) if colon else None
        if code and rest.strip():
            items.append(MissingItem(code, rest.strip()))
        else:
            items.append(MissingItem(default, line))
    return items
