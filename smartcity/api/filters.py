"""The API's query parameters, as forms: the registry's own filters (one definition of
each filter, registry.forms) with the API's spelling of dates (ISO 8601, YYYY-MM-DD)
and of the sort (`ordering`). Unlike the registry's pages, which drop a bad value so that
it never hides data, the API refuses it: a client must learn that its query is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from smartcity.committee.enums import CommitteeKind
from smartcity.network.enums import NetworkStatus
from smartcity.registry.forms import SORTS, RegistryFilterForm

ISO_DATE = ["%Y-%m-%d"]
BAD_DATE = _("Enter a date as YYYY-MM-DD (Christian era), such as 2022-11-09.")


def _as_of():
    return forms.DateField(
        required=False, input_formats=ISO_DATE, error_messages={"invalid": BAD_DATE}
    )


class AreaFilters(RegistryFilterForm):
    as_of = _as_of()
    ordering = forms.ChoiceField(required=False, choices=list(SORTS.items()))
    sort = None

    def clean(self):
        cleaned = super().clean()
        cleaned["sort"] = cleaned.pop("ordering", "")
        return cleaned


class AsOfFilter(forms.Form):
    as_of = _as_of()


class MeetingFilters(forms.Form):
    committee = forms.ChoiceField(required=False, choices=CommitteeKind.choices)
    year_be = forms.IntegerField(required=False, min_value=2500, max_value=2700)


class NetworkCityFilters(forms.Form):
    status = forms.ChoiceField(required=False, choices=NetworkStatus.choices)


def cleaned(form_class: type[forms.Form], query) -> dict:
    """The filters of `query` (the request's query parameters), without the empty ones;
    a bad value raises a 400 that names each wrong parameter in the reader's language."""
    names = set(form_class.base_fields)
    form = form_class({k: v for k, v in query.items() if k in names})
    if not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        raise ValidationError(
            {"detail": str(_("A query parameter is not valid.")), "errors": errors}
        )
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
