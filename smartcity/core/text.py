"""Thai-aware text search.

Thai is written without spaces between words, so a search that matches raw substrings
either misses ("ภูเก็ตอัจฉริยะ" typed as one run) or needs the whole phrase. We segment
every searchable field into words with PyThaiNLP once, when the row is written, and store
the words in a search document; a query is segmented the same way and every query word
must begin a word of the document. The same words and the same meaning on SQLite and
PostgreSQL; each engine reads them through its own index (core.search_index: FTS5 on
SQLite, a pg_trgm index under the LIKE on PostgreSQL). A model is searchable once its app
calls register_searchable() at ready().
"""

import functools
import gc
import unicodedata
from collections.abc import Callable, Sequence

from django.db.models import Lookup, Model, Q

from smartcity.core.db import ordered
from smartcity.core.search_index import fts_table

# Punctuation separates words; turned into spaces before segmentation.
_SEPARATORS = str.maketrans({ch: " " for ch in "\t\r\n.,;:!?()[]{}\"'`/\\|-–—_+*&^%$#@~<>="})


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import word_tokenize

    word_tokenize("เมืองอัจฉริยะ", engine="newmm")  # load the dictionary now
    # The dictionary is half a million long-lived objects: move them out of the garbage
    # collector's sight so that every later collection does not walk them again.
    gc.freeze()
    return word_tokenize


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").casefold()


def segment(text: str) -> list[str]:
    """Split text into lower-case words, Thai runs segmented by PyThaiNLP (newmm)."""
    text = normalise(text).translate(_SEPARATORS)
    if not text.strip():
        return []
    tokens = _tokenizer()(text, engine="newmm", keep_whitespace=False)
    return [token.strip() for token in tokens if token.strip()]


def search_document(*texts: str) -> str:
    """Build the stored search document: distinct words, each framed by spaces."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in segment(text):
            seen.setdefault(word, None)
    return " " + " ".join(seen) + " " if seen else ""


class Words(Lookup):
    """`search_document__words=[...]`: every word begins a word of the document.

    Compiled for the connection that runs the query: an FTS5 match on SQLite, a LIKE per
    word elsewhere (indexed by pg_trgm on PostgreSQL)."""

    lookup_name = "words"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        conditions = []
        for word in self.rhs:
            conditions.append(f"{column} LIKE %s")
            params = (*params, f"% {connection.ops.prep_for_like_query(word)}%")
        return " AND ".join(conditions), list(params)

    def as_sqlite(self, compiler, connection):
        # The row's own id against the FTS table of its own table, on the query's alias
        # (a relation such as area__search_document joins under another name). In an
        # ordered query the id is written +id (core.db.NoIndex), so that the planner
        # checks the matches on the rows the list's order walks (an index of that order,
        # stopping at the page) rather than reading every match by its id and sorting
        # them all; a count (no order) still reads the matches by id.
        alias = compiler.quote_name_unless_alias(self.lhs.alias)
        model = self.lhs.target.model
        pk = connection.ops.quote_name(model._meta.pk.column)
        fts = connection.ops.quote_name(fts_table(model._meta.db_table))
        column = f"+{alias}.{pk}" if ordered(compiler) else f"{alias}.{pk}"
        sql = f"{column} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
        return sql, [fts_query(self.rhs)]


def fts_query(words: Sequence[str]) -> str:
    """An FTS5 query in which each word begins a word, all of them required. Every word
    is a quoted string (a quote inside doubled), so AND, OR, NEAR, '*', '-' or '"' in
    what someone typed are words to find, never operators."""
    return " AND ".join('"' + word.replace('"', '""') + '" *' for word in words)


# The searchable models and how each one's document is written (for rebuild_search_index).
SEARCHABLE: dict[type[Model], tuple[Callable[[Model], str], tuple[str, ...]]] = {}


def register_searchable(
    model: type[Model], *, refresh: Callable[[Model], str], related: tuple[str, ...] = ()
) -> None:
    """Make `model.search_document` searchable by search_filter(); `refresh(row)` writes
    a row's document again (reading the `related` relations). Called at the app's
    ready(); the owning app's migration creates the index (core.search_index)."""
    model._meta.get_field("search_document").register_lookup(Words)
    SEARCHABLE[model] = (refresh, related)


def search_filter(query: str, field: str = "search_document") -> Q | None:
    """A filter that keeps rows whose document has a word starting with each query word.
    `field` is the search document's path, through a relation if need be
    ("area__search_document"); its model must be registered (register_searchable).

    Returns None for an empty query (no filtering)."""
    words = segment(query)
    if not words:
        return None
    return Q(**{f"{field}__words": list(dict.fromkeys(words))})
