"""Database helpers that must behave the same on SQLite and PostgreSQL."""

import re
from collections.abc import Iterator

from django.db import connection
from django.db.models import Aggregate, CharField, F, Func, QuerySet
from django.db.models.functions import Collate
from django.db.models.sql.constants import MULTI

# Thai sorts in dictionary order only if leading vowels are moved behind their consonant.
# Rather than a per-comparison collation (ICU on PostgreSQL, Python on SQLite: slow at
# scale), rows store thai_sort_key() of their name and the database compares bytes.
_TONE_MARKS = re.compile(r"[\u0e47-\u0e4c]")
_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def thai_sort_key(text: str) -> str:
    """Dictionary-order key: leading vowels (เ แ โ ใ ไ) sort after their consonant, tone
    marks only break ties."""
    text = (text or "").casefold()
    base = _LEADING_VOWEL.sub(r"\2\1", _TONE_MARKS.sub("", text))
    return base + "\x01" + "".join(_TONE_MARKS.findall(text))


def byte_order(field: str):
    """A stored thai_sort_key() column as the database must compare it, byte for byte.

    The key already encodes Thai dictionary order, so it must be compared by code point:
    PostgreSQL's "C" collation does that; SQLite's default (BINARY) already does. Ordering
    and keyset comparisons (core.keyset) both use it, so they agree."""
    return Collate(F(field), "C") if connection.vendor == "postgresql" else F(field)


def sort_key_ordering(field: str, *, descending: bool = False):
    """Order by a stored thai_sort_key() column, byte for byte on every database."""
    expression = byte_order(field)
    return expression.desc() if descending else expression.asc()


def ordered(compiler) -> bool:
    """The query being compiled has an order (a page of a list; a count has none)."""
    query = compiler.query
    return bool(query.order_by or (query.default_ordering and query.get_meta().ordering))


class NoIndex(Func):
    """A column's value that SQLite's planner must not look up through an index, in an
    ordered query: written `+"table"."column"` there (SQLite's documented way to turn an
    index off for one term), the column itself elsewhere and in a count. For a filter to
    be checked on the rows the list's order walks rather than drive the query: the
    secretariat's queue searched by a word filters its states this way, so SQLite walks
    the queue's order index and stops at the page, instead of reading every match by
    state and sorting them all."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        if not ordered(compiler):
            return self.as_sql(compiler, connection, **extra_context)
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class IdList(Aggregate):
    """The group's values as one text, joined by commas, in no particular order: SQLite's
    `group_concat`, PostgreSQL's `string_agg`. For a short list read with its row (a
    proposal's province ids in an export's row) instead of a query of its own. Written
    here because Django 5.2 has no such aggregate for both databases (its StringAgg is
    PostgreSQL's only until Django 6.0)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra_context,
        )


def driver_rows(queryset: QuerySet, *, chunk_size: int = 500) -> Iterator[tuple]:
    """A values_list() queryset's rows as the database driver returns them, read
    `chunk_size` at a time (a server-side cursor on PostgreSQL): one query, and memory of
    one chunk however many rows there are.

    Without Django's converters: a decimal is a float on SQLite and a Decimal on
    PostgreSQL, a time is naive UTC on SQLite (aware on PostgreSQL), a boolean may be 0 or
    1. The caller turns them into what it writes. For exports of tens of thousands of rows,
    where the converters cost as much as reading the rows (docs/performance.md,
    "Exports"). The columns come in the order the values_list() names them."""
    if not getattr(queryset, "_fields", None):
        raise TypeError("driver_rows() reads a values_list() queryset")
    # Since Django 5.2 a values_list() selects its columns in the order it names them.
    compiler = queryset.query.get_compiler(using=queryset.db)
    for chunk in compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=chunk_size):
        yield from chunk


def create_byte_order_index(schema_editor, *, table: str, name: str, columns: list[str]) -> None:
    """An index for an order by byte_order(columns[0]), then the other columns: on
    PostgreSQL the first column is indexed COLLATE "C" (an index of the column's own
    collation cannot serve an order in another, so a deep page of the list sorted every
    row); on SQLite the plain index of the same columns already serves it (BINARY is
    byte order) and nothing is made. For a migration's RunPython."""
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    first, *rest = columns
    listed = ", ".join([f'{quote(first)} COLLATE "C"', *map(quote, rest)])
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({listed})")


def drop_byte_order_index(schema_editor, *, name: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")
