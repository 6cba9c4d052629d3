"""Amounts of money as people read and type them: grouped in thousands, satang only when
there are some (150,000,000 and 1,234.50). Stored as Decimal; never shown raw."""

import re
from decimal import Decimal, InvalidOperation

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TYPED = re.compile(r"^\d+(\.\d+)?$")


def group_amount(value) -> str:
    """150000000.00 -> "150,000,000"; 1234.5 -> "1,234.50"; None or "" -> ""."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    return f"{amount:,.2f}".removesuffix(".00")


def read_amount(text: str) -> Decimal | None:
    """The amount a person typed, with or without thousands separators, spaces, Thai
    digits or the word baht; None when it is not an amount."""
    cleaned = str(text).translate(_THAI_DIGITS)
    for noise in (",", " ", "\u00a0", "บาท", "baht", "฿"):
        cleaned = cleaned.replace(noise, "")
    if not _TYPED.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
