"""The database index behind core.text.search_filter, one per searchable table.

Every searchable row stores its PyThaiNLP-segmented words in `search_document`
(" word word "); a query word must begin one of those words. Without an index that is a
`LIKE '% word%'` reading every row. The index differs per engine, the meaning does not:

- SQLite: an FTS5 table `<table>_fts` over the row's search_document (external content:
  the words are stored once, in the row; the FTS table keeps only the inverted index),
  kept by three triggers on the row's table (insert, update of search_document, delete).
  The `ascii` tokenizer: the document is already split into words by spaces, and
  `unicode61` would split Thai words again at every vowel or tone mark (Unicode category
  Mn, not a letter to it), so that "ษณ" would find "พิษณุโลก". `ascii` treats every
  non-ASCII character as part of a word and splits on ASCII spaces and punctuation
  (which segmentation has already turned into spaces).
- PostgreSQL: pg_trgm and a GIN trigram index on search_document, which the unchanged
  `LIKE '% word%'` uses. It needs a database whose LC_CTYPE knows Thai letters
  (C.UTF-8, en_US.UTF-8, th_TH.UTF-8; not plain C): pg_trgm only takes trigrams of
  letters and digits. The index is lossy and every candidate is checked again, so a
  wrong locale costs speed, never a result.

Migrations of the owning apps call create_index / drop_index; `rebuild_search_index`
calls ensure_index and refill.
"""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def fts_table(table: str) -> str:
    """The SQLite FTS5 table over `table`'s search documents."""
    return f"{table}_fts"


def _trigram_index(table: str) -> str:
    return f"{table}_search_trgm"


def _sqlite_statements(table: str) -> list[str]:
    fts = fts_table(table)
    # External content: 'delete' must be given the values the index holds, which the
    # triggers read from `old`; an update of other columns leaves the index alone.
    # Table names here come from model metadata, never from input (hence the noqa S608).
    delete_old = (
        f'INSERT INTO "{fts}"("{fts}", rowid, search_document) '  # noqa: S608
        f"VALUES ('delete', old.id, old.search_document);"
    )
    insert_new = (
        f'INSERT INTO "{fts}"(rowid, search_document) '  # noqa: S608
        f"VALUES (new.id, new.search_document);"
    )
    return [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5('
        f"search_document, content='{table}', content_rowid='id', tokenize='ascii')",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_insert" AFTER INSERT ON "{table}" '
        f"BEGIN {insert_new} END",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_delete" AFTER DELETE ON "{table}" '
        f"BEGIN {delete_old} END",
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_update" AFTER UPDATE OF search_document '
        f'ON "{table}" BEGIN {delete_old} {insert_new} END',
    ]


def ensure_index(connection, table: str) -> None:
    """Create whatever part of `table`'s index is missing (nothing else is touched).
    SQLite drops a table's triggers when Django's schema editor rebuilds the table (some
    AlterField migrations do), so this runs again after every migrate."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in _sqlite_statements(table):
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            # Asked first: CREATE ... IF NOT EXISTS is refused, even when there is nothing
            # to create, inside a transaction with deferred constraint checks pending.
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [_trigram_index(table)])
            if cursor.fetchone()[0]:
                return
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_trigram_index(table)}" ON "{table}" '
                f'USING gin ("search_document" gin_trgm_ops)'
            )


def restore_triggers(connection, table: str) -> bool:
    """SQLite: put back the triggers of an FTS table that exists but lost them (Django's
    schema editor rebuilds a table for some migrations, and SQLite drops a dropped
    table's triggers with it), then refill it, since rows may have been written without
    them. Answers whether anything was missing. Nothing happens before the index's own
    migration has created the FTS table."""
    if connection.vendor != "sqlite":
        return False
    fts = fts_table(table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE (type = 'table' AND name = %s) "
            "OR (type = 'trigger' AND tbl_name = %s AND name LIKE %s)",
            [fts, table, f"{fts}_%"],
        )
        found = cursor.fetchall()
    if ("table", fts) not in found or len(found) == 4:
        return False
    ensure_index(connection, table)
    refill(connection, table)
    return True


def refill(connection, table: str) -> None:
    """Rebuild SQLite's FTS table from the rows' documents (PostgreSQL's index needs
    nothing: it is an ordinary index of the column)."""
    if connection.vendor == "sqlite":
        fts = fts_table(table)
        with connection.cursor() as cursor:
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')  # noqa: S608


def create_index(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    """For a migration: the index of `table`, filled from the rows already there."""
    ensure_index(schema_editor.connection, table)
    refill(schema_editor.connection, table)


def drop_index(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    """For a migration's reverse: the index of `table` gone (pg_trgm stays: another
    table or database object may use it)."""
    fts = fts_table(table)
    if schema_editor.connection.vendor == "sqlite":
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{trigger}"')
        schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_trigram_index(table)}"')
