"""Word search through the index (core.text.search_filter over core.search_index): what
the services write is found, on SQLite (FTS5) and PostgreSQL (pg_trgm) alike, with the
meaning of a LIKE '% word%' per query word."""

import pytest
from django.core.management import call_command
from django.db import connection

from smartcity.core.models import AuditEntry
from smartcity.core.search_index import fts_table, restore_triggers
from smartcity.core.text import search_filter, segment
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.drafting import create_proposal, save_draft
from tests.accounts.factories import OrganisationFactory
from tests.proposals.factories import member, rolling_call

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only"
)

TABLE = Proposal._meta.db_table

NAMES = [
    "เมืองอัจฉริยะพิษณุโลก",
    "ย่านนวัตกรรมภูเก็ต",
    "Andaman Smart City",
    "Nearby Organic Farms",
    "Notting Minus Quote",
]


def write(name: str) -> Proposal:
    """A draft named `name`, written as the applicant's screens write it."""
    organisation = OrganisationFactory()
    editor = member(organisation)
    proposal = create_proposal(organisation=organisation, call=rolling_call(), by=editor)
    return save_draft(
        proposal=proposal, values={"name_th": name}, revision=proposal.revision, by=editor
    )


def found(query: str) -> list[str]:
    condition = search_filter(query)
    rows = Proposal.objects.filter(condition) if condition else Proposal.objects.all()
    return sorted(rows.values_list("name_th", flat=True))


def expected(query: str) -> list[str]:
    """The meaning, written out: every query word begins a word of the stored document."""
    words = segment(query)
    return sorted(
        name
        for name, document in Proposal.objects.values_list("name_th", "search_document")
        if all(any(w.startswith(q) for w in document.split()) for q in words)
    )


def index_is_consistent() -> bool:
    """FTS5's own check of an external-content index against the rows."""
    fts = fts_table(TABLE)
    with connection.cursor() as cursor:
        try:
            cursor.execute(f'INSERT INTO "{fts}"("{fts}", rank) VALUES (\'integrity-check\', 1)')  # noqa: S608
        except Exception:
            return False
    return True


@pytest.mark.parametrize("word", ["พิษณุโลก", "นวัตกรรม", "อัจฉริยะ", "ภูเก็ต"])
@pytest.mark.django_db
def test_a_thai_word_with_vowel_and_tone_marks_is_found_after_the_service_writes_it(word):
    for name in NAMES:
        write(name)

    assert found(word) == [name for name in NAMES if word in name]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("anda", ["Andaman Smart City"]),  # the beginning of a word
        ("ษณุโลก", []),  # the middle of a word (marks are not word breaks)
        ("วัตกรรม", []),
        ("ริยะ", []),
        ("ภูเก็ตนวัตกรรม", ["ย่านนวัตกรรมภูเก็ต"]),  # two words typed together, both needed
        ("ภูเก็ต andaman", []),
    ],
)
@pytest.mark.django_db
def test_a_query_word_must_begin_a_word_of_the_document(query, names):
    for name in NAMES:
        write(name)

    assert found(query) == names


HOSTILE = [
    "AND", "OR", "NOT", "NEAR", "and smart", "andaman OR ภูเก็ต", "NOT ภูเก็ต",
    '"', '""', '"ภูเก็ต', 'ภูเก็ต"', "*", "ภูเก็ต*", "-", "-ภูเก็ต", "^andaman",
    "NEAR(andaman smart)", "search_document:andaman", "(", ")", "+", "'", "%", "_", "\\",
    'a"b', "minus-quote", "{near}", "ภูเก็ต AND", "OR OR", "near 2",
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.django_db
def test_operators_quotes_and_wildcards_in_a_query_are_words_to_find(query):
    for name in NAMES:
        write(name)

    assert found(query) == expected(query)


@pytest.mark.django_db
def test_a_renamed_proposal_is_found_by_its_new_name_only():
    proposal = write("เมืองอัจฉริยะพิษณุโลก")
    editor = member(proposal.organisation)

    save_draft(
        proposal=proposal,
        values={"name_th": "ย่านนวัตกรรมภูเก็ต"},
        revision=proposal.revision,
        by=editor,
    )

    assert found("พิษณุโลก") == []
    assert found("ภูเก็ต") == ["ย่านนวัตกรรมภูเก็ต"]


@pytest.mark.django_db
def test_a_deleted_proposal_leaves_the_index():
    keep = write("ย่านนวัตกรรมภูเก็ต")
    write("เมืองอัจฉริยะพิษณุโลก").delete()

    assert found("พิษณุโลก") == []
    assert found("ภูเก็ต") == [keep.name_th]
    if connection.vendor == "sqlite":
        assert index_is_consistent()


@sqlite_only
@pytest.mark.django_db
def test_a_change_of_other_fields_keeps_the_index_consistent():
    proposal = write("เมืองอัจฉริยะพิษณุโลก")

    Proposal.objects.filter(pk=proposal.pk).update(vision="เมืองน่าอยู่")
    Proposal.objects.filter(pk=proposal.pk).update(search_document=" ภูเก็ต ")

    assert index_is_consistent()
    assert found("ภูเก็ต") == ["เมืองอัจฉริยะพิษณุโลก"]


@sqlite_only
@pytest.mark.django_db
def test_rebuild_segments_every_document_again_and_refills_an_emptied_index():
    for name in NAMES:
        write(name)
    # A document written by an older dictionary (or not at all, by a bulk load).
    Proposal.objects.filter(name_th=NAMES[0]).update(search_document="")
    fts = fts_table(TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'delete-all\')')  # noqa: S608
    assert found("พิษณุโลก") == []

    call_command("rebuild_search_index", stdout=None)

    assert found("พิษณุโลก") == ["เมืองอัจฉริยะพิษณุโลก"]
    assert found("andaman") == ["Andaman Smart City"]
    assert index_is_consistent()
    entry = AuditEntry.objects.get(action="core.search_index.rebuilt")
    assert entry.after["changed_rows"][TABLE] == 1


@pytest.mark.django_db
def test_rebuild_twice_changes_nothing_the_second_time(capsys):
    write("เมืองอัจฉริยะพิษณุโลก")
    call_command("rebuild_search_index")
    capsys.readouterr()

    call_command("rebuild_search_index")

    assert f"{TABLE}: 0 documents changed" in capsys.readouterr().out
    assert found("พิษณุโลก") == ["เมืองอัจฉริยะพิษณุโลก"]


@sqlite_only
@pytest.mark.django_db
def test_triggers_lost_with_a_rebuilt_table_come_back_with_the_rows_written_meanwhile():
    fts = fts_table(TABLE)
    with connection.cursor() as cursor:
        for trigger in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "{fts}_{trigger}"')
    written_meanwhile = write("เมืองอัจฉริยะพิษณุโลก")
    assert found("พิษณุโลก") == []

    assert restore_triggers(connection, TABLE) is True

    assert found("พิษณุโลก") == [written_meanwhile.name_th]
    write("ย่านนวัตกรรมภูเก็ต")
    assert found("ภูเก็ต") == ["ย่านนวัตกรรมภูเก็ต"]
    assert restore_triggers(connection, TABLE) is False  # nothing missing any more


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index of PostgreSQL")
@pytest.mark.django_db
def test_postgresql_has_a_trigram_index_on_each_search_document():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_indexes WHERE indexdef LIKE %s ORDER BY tablename",
            ["%gin_trgm_ops%"],
        )
        tables = [row[0] for row in cursor.fetchall()]

    assert tables == ["certification_certifiedarea", "proposals_proposal"]


def _plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[3] for row in cursor.fetchall()]


@sqlite_only
@pytest.mark.django_db
def test_the_queue_searched_by_a_word_reads_a_page_in_its_order_and_counts_by_the_matches():
    from smartcity.proposals.selectors import screening_queue

    searched = screening_queue({"q": "นวัตกรรม"})

    page = _plan(searched[:25])
    count = _plan(searched.order_by())
    assert any("USING INDEX proposal_queue_oldest" in step for step in page), page
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in page), page
    assert not any("SCAN proposals_proposal " in s and "INDEX" not in s for s in count), count
    assert any("rowid=?" in step for step in count), count
