"""Forms for the proposal's sections. Their data goes to services.save_draft()."""

from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.forms import BahtField, BEYearField
from smartcity.geo.models import District, Province
from smartcity.proposals.enums import CriterionCode, Openness
from smartcity.proposals.models import Proposal

TEXT = forms.Textarea(attrs={"rows": 5})


class AreaForm(forms.ModelForm):
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces covered"),
        queryset=Province.objects.order_by(sort_key_ordering("sort_name")),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts covered"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Proposal
        fields = ["name_th", "name_en", "city_type", "vision", "goals", "population_served"]
        widgets = {"vision": TEXT, "goals": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = self.data.getlist("provinces") if self.is_bound else None
        provinces = (
            Province.objects.filter(pk__in=codes)
            if codes is not None
            else self.instance.provinces.all()
        )
        self.fields["districts"].queryset = District.objects.filter(
            province__in=provinces
        ).order_by("province__code", "code")
        if not self.is_bound:
            self.initial["provinces"] = list(self.instance.provinces.values_list("pk", flat=True))
            self.initial["districts"] = list(self.instance.districts.values_list("pk", flat=True))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def m2m(self) -> dict:
        return {
            "provinces": list(self.cleaned_data["provinces"]),
            "districts": list(self.cleaned_data["districts"]),
        }


class DataPlatformForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["data_platform_design", "data_security", "personal_data_protection"]
        widgets = {name: TEXT for name in fields}

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ManagementForm(forms.ModelForm):
    expected_private_investment_baht = BahtField(
        label=_("Expected private investment"), required=False
    )

    class Meta:
        model = Proposal
        fields = [
            "management_organisation",
            "management_model",
            "investment_plan",
            "expected_private_investment_baht",
        ]
        widgets = {
            "management_organisation": TEXT,
            "management_model": TEXT,
            "investment_plan": TEXT,
        }

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class InfrastructureRowForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    is_digital = forms.BooleanField(label=_("Digital"), required=False)
    cost_baht = BahtField(label=_("Cost (baht)"))
    year = BEYearField(label=_("Year"))


class DatasetRowForm(forms.Form):
    name = forms.CharField(label=_("Dataset"), max_length=300)
    provider = forms.CharField(label=_("Shared by"), max_length=300)
    openness = forms.ChoiceField(label=_("Openness"), choices=Openness.choices)
    has_personal_data = forms.BooleanField(label=_("Contains personal data"), required=False)


class SolutionRowForm(forms.Form):
    name = forms.CharField(label=_("Solution"), max_length=300)
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)
    indicator = forms.CharField(label=_("Indicator"), max_length=300)
    baseline = forms.CharField(label=_("Baseline"), max_length=100)
    target = forms.CharField(label=_("Target"), max_length=100)
    target_year = BEYearField(label=_("Target year"))


def row_formset(form_class, prefix: str):
    return forms.formset_factory(
        form_class, extra=1, can_delete=True, max_num=50, validate_max=True
    )


InfrastructureFormSet = row_formset(InfrastructureRowForm, "infrastructure")
DatasetFormSet = row_formset(DatasetRowForm, "datasets")
SolutionFormSet = row_formset(SolutionRowForm, "solutions")


def formset_rows(formset) -> list[dict]:
    """The rows a person kept: filled in, not marked for deletion."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


class BoundaryForm(forms.Form):
    file = forms.FileField(label=_("Boundary file (GeoJSON or KML)"), required=False)
    geojson = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("geojson"):
            raise forms.ValidationError(
                _("Choose a GeoJSON or KML file, or draw the boundary on the map.")
            )
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("PDF file"))
    criterion = forms.ChoiceField(
        label=_("Belongs to"),
        choices=[("", _("The whole proposal")), *CriterionCode.choices],
        required=False,
    )
