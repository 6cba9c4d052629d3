import pytest
from django.db import DatabaseError, connection, transaction

from smartcity.core import audit
from smartcity.core.http import client_ip
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province


@pytest.mark.django_db
def test_record_writes_actor_target_and_values(secretariat_user):
    province = Province.objects.get(code="10")

    entry = audit.record(
        action="geo.province.renamed",
        by=secretariat_user,
        target=province,
        before={"name_en": "Bangkok"},
        after={"name_en": "Krung Thep"},
    )

    entry.refresh_from_db()
    assert (entry.action, entry.actor, entry.target_type, entry.target_id) == (
        "geo.province.renamed",
        secretariat_user,
        "geo.province",
        str(province.pk),
    )
    assert entry.before == {"name_en": "Bangkok"}
    assert entry.after == {"name_en": "Krung Thep"}
    assert list(AuditEntry.objects.for_object(province)) == [entry]


@pytest.mark.django_db
def test_audit_entries_cannot_be_edited_or_deleted():
    entry = audit.record(action="core.test.done")

    entry.note = "changed"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


# The database itself refuses edits (PostgreSQL: pgtrigger; SQLite: plain triggers)


@pytest.fixture
def entry(db):
    return audit.record(action="geo.province.renamed", note="as it happened")


@pytest.mark.django_db
def test_the_database_refuses_an_update_of_an_audit_row(entry):
    with pytest.raises(DatabaseError, match=r"(?i)append-only|cannot update"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(note="rewritten")

    entry.refresh_from_db()
    assert entry.note == "as it happened"


@pytest.mark.django_db
def test_the_database_refuses_a_delete_of_an_audit_row(entry):
    refused = pytest.raises(DatabaseError, match=r"(?i)append-only|cannot update or delete")
    with refused, transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists() is True


@pytest.mark.django_db
def test_the_database_refuses_a_raw_update_of_an_audit_row(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.pk])

    entry.refresh_from_db()
    assert entry.action == "geo.province.renamed"


@pytest.mark.django_db
def test_new_audit_rows_are_still_written(entry):
    audit.record(action="geo.province.renamed", note="a second")

    notes = AuditEntry.objects.filter(action="geo.province.renamed").values_list("note", flat=True)
    assert sorted(notes) == ["a second", "as it happened"]


# The request's address


def test_client_ip_is_remote_addr_and_ignores_a_forwarded_header_by_default(rf, settings):
    settings.SMARTCITY_TRUST_X_FORWARDED_FOR = False
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert client_ip(request) == "198.51.100.4"


def test_client_ip_takes_the_first_forwarded_hop_behind_a_trusted_proxy(rf, settings):
    settings.SMARTCITY_TRUST_X_FORWARDED_FOR = True
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")

    assert client_ip(request) == "203.0.113.9"


def test_client_ip_falls_back_to_remote_addr_when_the_forwarded_hop_is_not_an_address(rf, settings):
    settings.SMARTCITY_TRUST_X_FORWARDED_FOR = True
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>, 10.0.0.1")

    assert client_ip(request) == "10.0.0.2"


@pytest.mark.django_db
def test_rows_written_while_answering_a_request_carry_its_address():
    with audit.request_address("203.0.113.9"):
        inside = audit.record(action="geo.province.renamed")
    outside = audit.record(action="geo.province.renamed")

    assert (inside.ip, outside.ip) == ("203.0.113.9", None)
