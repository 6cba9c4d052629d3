"""Forms for the proposal's sections. Their data goes to services.drafting.save_draft()."""

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from smartcity.core.db import sort_key_ordering
from smartcity.core.enums import Domain
from smartcity.core.forms import BahtField, BEYearField
from smartcity.core.i18n import localised
from smartcity.geo.models import District, Province
from smartcity.proposals.enums import CriterionCode, Openness
from smartcity.proposals.models import Proposal

TEXT = forms.Textarea(attrs={"rows": 5})
# A row's choices start blank, so that the empty row left for adding one is unchanged
# (a preselected first choice made it count as filled in, and the section unsavable).
BLANK = BLANK_CHOICE_DASH


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each a fieldset with its legend (provinces by region,
    districts by province): several are chosen without a Ctrl-click."""

    template_name = "proposals/widgets/grouped_checkboxes.html"


def _grouped(objects, group) -> list:
    """Choices nested by group, in the order the objects come: [(group, [(pk, name)])]."""
    groups: dict[str, list] = {}
    for obj in objects:
        groups.setdefault(localised(group(obj), "name"), []).append(
            (obj.pk, localised(obj, "name"))
        )
    return list(groups.items())


class AreaForm(forms.ModelForm):
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces covered"),
        queryset=Province.objects.all(),
        required=False,
        widget=GroupedCheckboxes,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts covered"),
        queryset=District.objects.none(),
        required=False,
        widget=GroupedCheckboxes,
        help_text=_("The districts of the provinces ticked above."),
    )

    class Meta:
        model = Proposal
        fields = ["name_th", "name_en", "city_type", "vision", "goals", "population_served"]
        widgets = {"vision": TEXT, "goals": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            codes = [c for c in self.data.getlist("provinces") if c.isdigit()]
            provinces = Province.objects.filter(pk__in=codes)
        else:
            provinces = self.instance.provinces.all()
            self.initial["provinces"] = list(self.instance.provinces.values_list("pk", flat=True))
            self.initial["districts"] = list(self.instance.districts.values_list("pk", flat=True))
        self.fields["provinces"].choices = _grouped(
            Province.objects.select_related("region").order_by(
                "region__position", sort_key_ordering("sort_name")
            ),
            lambda province: province.region,
        )
        districts = (
            District.objects.filter(province__in=provinces)
            .select_related("province")
            .order_by("province__code", "code")
        )
        self.fields["districts"].queryset = districts
        self.fields["districts"].choices = _grouped(districts, lambda d: d.province)
        if self.is_bound:
            # A district follows its province: unticking a province drops its districts
            # instead of refusing the whole section.
            offered = {str(pk) for _group, options in self.fields["districts"].choices
                       for pk, _name in options}  # fmt: skip
            self.data = self.data.copy()
            self.data.setlist(
                "districts", [d for d in self.data.getlist("districts") if d in offered]
            )

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
    openness = forms.ChoiceField(label=_("Openness"), choices=[*BLANK, *Openness.choices])
    has_personal_data = forms.BooleanField(label=_("Contains personal data"), required=False)


class SolutionRowForm(forms.Form):
    name = forms.CharField(label=_("Solution"), max_length=300)
    domain = forms.ChoiceField(label=_("Domain"), choices=[*BLANK, *Domain.choices])
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
