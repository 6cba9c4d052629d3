"""Template helpers every page uses: B.E. dates, baht, bilingual fields, "not reported".

Registered as builtins in settings, so templates need no {% load %}.
"""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartcity.core import dates, money
from smartcity.core.forms import BEDateInput
from smartcity.core.i18n import localised

register = template.Library()


def _language() -> str:
    return get_language() or "th"


@register.filter
def be_date(value: dt.date | None, style: str = "long") -> str:
    """9 พฤศจิกายน 2565 in Thai, 9 November 2022 in English."""
    return dates.format_date(value, _language(), style=style)


@register.filter
def be_year(value: int | None) -> str:
    if value is None:
        return ""
    return str(dates.be_year(value) if _language().startswith("th") else value)


@register.simple_tag
def date_input(name: str, value=None, **attrs) -> str:
    """A date input outside a form object, typed and shown in the reader's era with its
    hint (the widget of core.forms.BEDateField): {% date_input "due_on" due_on id="due" %}."""
    attrs = {key: value for key, value in attrs.items() if value not in (None, False)}
    return BEDateInput().render(
        name, value, attrs={k: "" if v is True else v for k, v in attrs.items()}
    )


@register.filter
def loc(obj, field: str) -> str:
    """The Thai or English variant of a bilingual field, falling back to the other one."""
    return localised(obj, field)


@register.filter
def million_baht(value: Decimal | int | None) -> str:
    if value is None:
        return _("not reported")
    millions = Decimal(value) / Decimal(1_000_000)
    return _("%(amount)s million baht") % {"amount": f"{millions:,.1f}"}


@register.filter
def baht(value: Decimal | int | str | None, bare: str = "") -> str:
    """150,000,000 บาท (150,000,000 baht in English); with "bare", the grouped number
    alone, for a column whose heading says baht. Nothing is "not reported"."""
    if value is None or value == "":
        return _("not reported")
    if bare:
        return money.group_amount(value)
    return _("%(amount)s baht") % {"amount": money.group_amount(value)}


@register.filter
def or_not_reported(value) -> str:
    if value is None or value == "":
        return _("not reported")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def percent(part: int | float, whole: int | float) -> str:
    if not whole:
        return "0"
    return f"{100 * part / whole:.0f}"
