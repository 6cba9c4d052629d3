import pytest

from smartcity.core import audit
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
