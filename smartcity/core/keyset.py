"""Keyset pagination: a page of a long list read by its sort key, not by OFFSET.

A page is the rows after (or before) a cursor, the sort key and id of the row at its
edge: `?after=<cursor>` for the next page, `?before=<cursor>` for the previous one. The
database seeks the cursor in the list's index and reads one page, so page 300 costs what
page 1 costs. A page number (`?page=12`, a bookmark or the first pages) is found by
reading the key and id of the row before it (from the index, no other column) and then
reading the page by key. A cursor that cannot be read gives the first page, as
Paginator.get_page() does with a bad number.

The key may be null: null sorts before every value (ascending; after every value when
descending), as SQLite orders it natively and PostgreSQL is told to. Ties on the key are
broken by the id, always ascending, so the order is total and no row is skipped or shown
twice across pages.

The page object answers what core/_pagination.html asks (has_previous, has_next,
number, paginator.count and num_pages) and carries the query strings of its neighbours
(previous_query, next_query) that keep the other filters."""

import base64
import binascii
import json
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import BaseExpression

from smartcity.core.querystring import changed_query


@dataclass
class Counts:
    count: int
    num_pages: int


@dataclass
class KeysetPage:
    object_list: list
    number: int
    paginator: Counts
    previous_query: str = ""
    next_query: str = ""
    start_index: int = 0

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_query)

    @property
    def has_next(self) -> bool:
        return bool(self.next_query)

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def encode_cursor(value, pk) -> str:
    raw = json.dumps([None if value is None else str(value), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, key_field) -> tuple | None:
    """(value, id) of a cursor, the value read by the key's model field; None if the
    cursor is not one this module wrote."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        value, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool):
            return None
        return (None if value is None else key_field.to_python(value), pk)
    except (ValueError, TypeError, binascii.Error, ValidationError, UnicodeDecodeError):
        return None


class Keyset:
    """How a list is ordered: by `key` (a field name; `expression`, if given, is what the
    database compares, such as the field in the "C" collation) then by `tiebreak` (a
    unique field, the id by default)."""

    def __init__(
        self,
        key: str,
        *,
        descending: bool = False,
        tiebreak: str = "pk",
        expression: BaseExpression | None = None,
    ):
        self.key = key
        self.descending = descending
        self.tiebreak = tiebreak
        self.expression = expression if expression is not None else F(key)

    def ordering(self, *, reverse: bool = False) -> list:
        descending = self.descending != reverse
        key = (
            self.expression.desc(nulls_last=True)
            if descending
            else self.expression.asc(nulls_first=True)
        )
        tie = F(self.tiebreak).desc() if reverse else F(self.tiebreak).asc()
        return [key, tie]

    def _beyond(self, value, *, forward: bool) -> Q:
        """Rows whose key lies strictly beyond `value`, in the list's order (forward) or
        against it."""
        key = "_keyset_key"
        higher = forward != self.descending  # beyond means a greater key
        if value is None:
            return Q(**{f"{key}__isnull": False}) if higher else Q(pk__in=[])
        if higher:
            return Q(**{f"{key}__gt": value})
        return Q(**{f"{key}__lt": value}) | Q(**{f"{key}__isnull": True})

    def _same(self, value) -> Q:
        key = "_keyset_key"
        return Q(**{f"{key}__isnull": True}) if value is None else Q(**{key: value})

    def after(self, queryset: QuerySet, cursor: tuple) -> QuerySet:
        value, pk = cursor
        condition = self._beyond(value, forward=True) | (
            self._same(value) & Q(**{f"{self.tiebreak}__gt": pk})
        )
        return queryset.alias(_keyset_key=self.expression).filter(condition)

    def before(self, queryset: QuerySet, cursor: tuple) -> QuerySet:
        value, pk = cursor
        condition = self._beyond(value, forward=False) | (
            self._same(value) & Q(**{f"{self.tiebreak}__lt": pk})
        )
        return queryset.alias(_keyset_key=self.expression).filter(condition)

    def cursor_of(self, row) -> str:
        value = getattr(row, self.key)
        return encode_cursor(value, getattr(row, self.tiebreak))


def paginate(request, queryset: QuerySet, keyset: Keyset, *, size: int) -> KeysetPage:
    """The page the request asks for (after=, before=, page=), of `queryset` in the order
    of `keyset`. Four or five queries whatever the page: the list's count, at most one
    seek for a page number, the page's keys, its rows (with the queryset's prefetches
    after them), the rows before the page (its number)."""
    key_field = queryset.model._meta.get_field(keyset.key)
    count = queryset.order_by().count()
    num_pages = max(1, math.ceil(count / size))
    ordered = queryset.order_by(*keyset.ordering())
    after = decode_cursor(request.GET.get("after", ""), key_field)
    before = None if after else decode_cursor(request.GET.get("before", ""), key_field)
    if before:
        keys = list(_keys(keyset.before(queryset, before), keyset, reverse=True)[:size])
        keys.reverse()
    else:
        if after is None:
            after = _seek(request.GET.get("page"), ordered, keyset, size=size, num_pages=num_pages)
        keys = list(_keys(keyset.after(queryset, after) if after else queryset, keyset)[:size])
    if not keys:
        # A cursor past either end (the rows moved since the link was made): page 1.
        after = before = None
        keys = list(_keys(queryset, keyset)[:size])
    rows = _rows(queryset, keyset, [pk for _value, pk in keys])
    first_page = not (after or before)
    # The first page has nothing before it: no count to make.
    preceding = (
        0 if first_page or not rows else keyset.before(queryset, _cursor(keyset, rows[0])).count()
    )
    following = count - preceding - len(rows)
    page = KeysetPage(
        object_list=rows,
        number=min(num_pages, math.ceil(preceding / size) + 1),
        paginator=Counts(count=count, num_pages=num_pages),
        start_index=preceding,
    )
    if rows and preceding > 0:
        page.previous_query = changed_query(
            request, page=None, after=None, before=keyset.cursor_of(rows[0])
        )
    if rows and following > 0:
        page.next_query = changed_query(
            request, page=None, before=None, after=keyset.cursor_of(rows[-1])
        )
    return page


def _keys(queryset: QuerySet, keyset: Keyset, *, reverse: bool = False) -> QuerySet:
    """The (key, id) pairs of the rows in order: read from an index that holds the key,
    the id and the filtered columns, without the rows; sorting those pairs is cheap
    even when the database cannot walk the index in the list's order."""
    return queryset.order_by(*keyset.ordering(reverse=reverse)).values_list(
        keyset.key, keyset.tiebreak
    )


def _rows(queryset: QuerySet, keyset: Keyset, ids: list) -> list:
    """The page's rows, by id, in the order of `ids`: one query, with the queryset's
    joins and prefetches."""
    if not ids:
        return []
    found = {
        getattr(row, keyset.tiebreak): row
        for row in queryset.filter(**{f"{keyset.tiebreak}__in": ids})
    }
    return [found[pk] for pk in ids if pk in found]


def _cursor(keyset: Keyset, row) -> tuple:
    return getattr(row, keyset.key), getattr(row, keyset.tiebreak)


def _seek(raw, ordered: QuerySet, keyset: Keyset, *, size: int, num_pages: int):
    """The cursor of the row just before page `raw` (None for the first page or a number
    that is not one); a number past the end means the last page."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return None
    number = min(number, num_pages)
    if number <= 1:
        return None
    edge = ordered.values_list(keyset.key, keyset.tiebreak)[(number - 1) * size - 1]
    return tuple(edge)
