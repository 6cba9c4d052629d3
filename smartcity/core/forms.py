"""Form fields every app uses for dates, years and amounts of baht.

Dates and years are stored in C.E. and typed and shown in the reader's era: dd/mm/yyyy in
B.E. to a Thai reader (09/11/2565), in C.E. to an English one (09/11/2022). A native
`<input type=date>` would show a C.E. calendar to Thai readers, so these are typed fields
that carry a visible hint of the expected form (วว/ดด/ปปปป พ.ศ.). Amounts are shown and
typed grouped in thousands (150,000,000), followed by their unit."""

import datetime as dt

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from smartcity.core import dates, money

EXAMPLE_DATE = dt.date(2022, 11, 9)


def _language() -> str:
    return get_language() or "th"


class _TypedInput(forms.TextInput):
    """A text input followed by a visible hint that the input names (aria-describedby)."""

    template_name = "core/widgets/typed_input.html"
    hint = ""
    placeholder = ""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if self.placeholder:
            widget_attrs.setdefault("placeholder", str(self.placeholder))
        hint_id = f"{widget_attrs.get('id') or 'id_' + name}_hint"
        described = widget_attrs.get("aria-describedby", "")
        widget_attrs["aria-describedby"] = f"{described} {hint_id}".strip()
        context["widget"]["hint"] = str(self.hint)
        context["widget"]["hint_id"] = hint_id
        return context


class BEDateInput(_TypedInput):
    hint = pgettext_lazy("date hint", "dd/mm/yyyy")
    placeholder = pgettext_lazy("date placeholder", "dd/mm/yyyy")

    def format_value(self, value):
        if hasattr(value, "year"):
            return dates.typed_date(value, _language())
        return super().format_value(value)


class BEYearInput(_TypedInput):
    hint = pgettext_lazy("year hint", "yyyy")
    placeholder = pgettext_lazy("year placeholder", "yyyy")

    def __init__(self, attrs=None):
        super().__init__({"size": 6, "maxlength": 4, "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return dates.typed_year(value, _language())
        return super().format_value(value)


def _era_error(year: int) -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "Type the year in B.E.: %(typed)s looks like a C.E. year (%(typed)s C.E. is %(be)s B.E.)."
        ),
        code="ce_year",
        params={"typed": year, "be": dates.be_year(year)},
    )


class BEDateField(forms.DateField):
    """A date typed as dd/mm/yyyy in the reader's era (Thai digits too); stored in C.E."""

    widget = BEDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as %(example)s (day/month/year)."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return dates.read_date(value, _language())
        except dates.TypedDateError as error:
            if error.code == "ce_year":
                raise _era_error(error.year) from None
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": dates.typed_date(EXAMPLE_DATE, _language())},
            ) from None


class BEYearField(forms.Field):
    """A year typed in the reader's era (B.E. in Thai, C.E. in English); stored in C.E.,
    between `earliest` and `latest` (C.E.)."""

    widget = BEYearInput
    default_error_messages = {
        "invalid": _("Enter a year of four digits, such as %(example)s."),
        "range": _("Enter a year between %(earliest)s and %(latest)s."),
    }

    def __init__(self, *, earliest: int = 2000, latest: int = 2100, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        language = _language()
        try:
            year = dates.read_year(value, language)
        except dates.TypedDateError as error:
            if error.code == "ce_year":
                raise _era_error(error.year) from None
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": dates.typed_year(2027, language)},
            ) from None
        if not self.earliest <= year <= self.latest:
            raise forms.ValidationError(
                self.error_messages["range"],
                code="range",
                params={
                    "earliest": dates.typed_year(self.earliest, language),
                    "latest": dates.typed_year(self.latest, language),
                },
            )
        return year


class BahtInput(_TypedInput):
    """An amount shown grouped (150,000,000) and followed by its unit."""

    hint = _("baht")
    placeholder = ""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str) and money.read_amount(value) is None:
            return value  # what was typed, shown back with its error
        return money.group_amount(money.read_amount(str(value)))


class BahtField(forms.DecimalField):
    """An amount in baht typed with or without thousands separators (Thai digits too)."""

    widget = BahtInput
    default_error_messages = {
        "invalid": _("Enter an amount in baht, such as 150,000,000."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)
        amount = money.read_amount(value)
        if amount is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


# The former name, while other branches still import it.
ThaiDateField = BEDateField
