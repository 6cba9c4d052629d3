from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.accounts.enums import OrganisationType
from smartcity.core.enums import Domain
from smartcity.core.forms import BEDateField
from smartcity.geo.enums import RegionCode

SORTS = {
    "name": _("Name"),
    "province": _("Province"),
    "newest": _("Newest certification"),
}


class RegistryFilterForm(forms.Form):
    """The registry's filters; the same form drives the list, the map and the exports."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.CharField(label=_("Province"), required=False, max_length=2)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *RegionCode.choices]
    )
    batch = forms.CharField(label=_("Batch"), required=False, max_length=20)
    proponent_type = forms.ChoiceField(
        label=_("Proponent type"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices, ("unknown", _("Not reported"))],
    )
    domain = forms.ChoiceField(
        label=_("Domain"), required=False, choices=[("", _("All domains")), *Domain.choices]
    )
    as_of = BEDateField(label=_("As of"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, provinces=(), batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.province_choices = provinces
        self.batch_choices = batches

    def clean_province(self):
        return self.cleaned_data["province"].strip()

    def filters(self) -> dict:
        """The cleaned filters, dropping the invalid ones so a bad value never hides data."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
