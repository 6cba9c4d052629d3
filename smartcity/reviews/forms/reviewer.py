"""Forms for evaluation. Their data goes to services.save_review_draft() and
services.declare_conflict()."""

from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.reviews.enums import Recommendation

TEXT = forms.Textarea(attrs={"rows": 3})
MAX_TEXT = 10_000


def _title(data: dict) -> str:
    return localised(SimpleNamespace(**data), "title")


def criterion_items(criterion: dict) -> list[dict]:
    """The sub-items a criterion is scored on; a criterion without sub-items is scored as
    one item (as services.missing_in_review() counts it)."""
    return criterion["items"] or [
        {"title_th": criterion["title_th"], "title_en": criterion["title_en"], "weight": "100"}
    ]


def _domain_label(code: str) -> str:
    try:
        return Domain(code).label
    except ValueError:
        return code


class ScoreSheetForm(forms.Form):
    """A reviewer's score sheet, built from the proposal's frozen criteria and the domains
    it claims. Every field may be empty while the reviewer works (the sheet is saved as
    they type); completeness is checked when they submit."""

    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"),
        choices=[("", "—"), *Recommendation.choices],
        required=False,
    )
    conditions = forms.CharField(
        label=_("Conditions the proponent must revise"),
        help_text=_("Required when you approve with conditions."),
        widget=TEXT,
        required=False,
        max_length=MAX_TEXT,
    )

    def __init__(self, *args, criteria: list[dict], domains: list[str], review=None, **kwargs):
        self.criteria = criteria
        self.domains = domains
        super().__init__(*args, initial=self._initial(review), **kwargs)
        for criterion in criteria:
            choices = [("", "–")] + [(n, str(n)) for n in range(criterion["max_score"] + 1)]
            for position, item in enumerate(criterion_items(criterion), start=1):
                key = f"{criterion['code']}-{position}"
                score_label = _("Score for “%(item)s”") % {"item": _title(item)}
                comment_label = _("Comment on “%(item)s”") % {"item": _title(item)}
                self.fields[f"score-{key}"] = forms.TypedChoiceField(
                    label=score_label,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.Select(attrs={"aria-label": score_label}),
                )
                self.fields[f"comment-{key}"] = forms.CharField(
                    label=comment_label,
                    widget=forms.Textarea(
                        attrs={"rows": 2, "aria-label": comment_label, "aria-required": "true"}
                    ),
                    required=False,
                    max_length=MAX_TEXT,
                )
        for code in domains:
            self.fields[f"domain-{code}"] = forms.CharField(
                label=_domain_label(code),
                widget=forms.Textarea(attrs={"rows": 3, "aria-required": "true"}),
                required=False,
                max_length=MAX_TEXT,
            )

    @staticmethod
    def _initial(review) -> dict:
        if review is None:
            return {}
        initial = {
            "recommendation": review.recommendation,
            "conditions": review.conditions,
        }
        for row in review.scores.all():
            key = f"{row.criterion}-{row.item}"
            initial[f"score-{key}"] = row.score
            initial[f"comment-{key}"] = row.comment
        for code, text in (review.domain_assessments or {}).items():
            initial[f"domain-{code}"] = text
        return initial

    def criteria_rows(self) -> list[dict]:
        """The sheet as the template draws it: criteria, their sub-items and fields."""
        return [
            {
                "code": criterion["code"],
                "title": _title(criterion),
                "weight": criterion["weight"],
                "max_score": criterion["max_score"],
                "pass_mark": criterion["pass_mark"],
                "items": [
                    {
                        "title": _title(item),
                        "weight": item.get("weight"),
                        "score": self[f"score-{criterion['code']}-{position}"],
                        "comment": self[f"comment-{criterion['code']}-{position}"],
                    }
                    for position, item in enumerate(criterion_items(criterion), start=1)
                ],
            }
            for criterion in self.criteria
        ]

    def domain_fields(self) -> list:
        return [self[f"domain-{code}"] for code in self.domains]

    # Cleaned values in the shape save_review_draft() takes.

    def scores(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "criterion": criterion["code"],
                "item": position,
                "score": data[f"score-{criterion['code']}-{position}"],
                "comment": data[f"comment-{criterion['code']}-{position}"],
            }
            for criterion in self.criteria
            for position, _item in enumerate(criterion_items(criterion), start=1)
        ]

    def domain_assessments(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"domain-{code}"] for code in self.domains}


class DeclareConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you have a conflict of interest"),
        widget=TEXT,
        max_length=2000,
    )
