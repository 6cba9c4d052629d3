"""Database helpers that must behave the same on SQLite and PostgreSQL."""

import re

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

# PostgreSQL orders Thai correctly only with an ICU collation; SQLite gets one of ours.
POSTGRES_THAI_COLLATION = "th-TH-x-icu"
SQLITE_THAI_COLLATION = "thai"

_TONE_MARKS = re.compile(r"[\u0e47-\u0e4c]")
_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def thai_sort_key(text: str) -> str:
    """Dictionary-order key: leading vowels (เ แ โ ใ ไ) sort after their consonant, tone
    marks only break ties."""
    text = text or ""
    base = _LEADING_VOWEL.sub(r"\2\1", _TONE_MARKS.sub("", text))
    return base + "\x00" + "".join(_TONE_MARKS.findall(text))


def _compare_thai(left: str, right: str) -> int:
    a, b = thai_sort_key(left), thai_sort_key(right)
    return (a > b) - (a < b)


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_THAI_COLLATION, _compare_thai)


def install_thai_collation_for_sqlite() -> None:
    connection_created.connect(_register, dispatch_uid="smartcity-thai-collation")


def thai_ordering(field: str, *, descending: bool = False):
    """An order_by() expression that sorts a Thai text column in dictionary order."""
    name = POSTGRES_THAI_COLLATION if connection.vendor == "postgresql" else SQLITE_THAI_COLLATION
    expression = Collate(F(field), name)
    return expression.desc() if descending else expression.asc()
