from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core import dates


class ThaiDateField(forms.DateField):
    """A date typed as YYYY-MM-DD or DD/MM/YYYY in either era (a year of 2400 or more is
    B.E.); stored in C.E."""

    default_error_messages = {
        "invalid": _("Enter a date such as 9/11/2565 or 2022-11-09."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        parsed = dates.parse_date(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed
