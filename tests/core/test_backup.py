"""manage.py backup / restore: every row of every model and every stored file come back,
on SQLite and PostgreSQL; a damaged archive or a filled database is refused clearly."""

import hashlib
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import CommandError, call_command

from smartcity.core import audit, backup
from smartcity.proposals.services.attachments import add_attachment
from tests.accounts.factories import UserFactory
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory
from tests.proposals.factories import ProposalFactory, complete, member

PDF = b"%PDF-1.4\n% a letter of support\n%%EOF\n"


def populate() -> None:
    """A platform with a certified area, a meeting, a proposal with an uploaded attachment
    and the audit rows the services wrote (plus one written directly)."""
    officer = UserFactory(is_secretariat=True)
    CertifiedAreaFactory()
    MeetingFactory()
    proposal = complete(ProposalFactory())
    add_attachment(
        proposal=proposal,
        data=PDF,
        original_name="หนังสือสนับสนุน.pdf",
        sha256=hashlib.sha256(PDF).hexdigest(),
        criterion="management",
        by=member(proposal.organisation),
    )
    audit.record(action="core.backup.tested", by=officer, target=proposal, note="ทดสอบ")


def every_row() -> dict[str, list]:
    """Every row of every archived model, as the serialiser sees it (references to
    content types and permissions by natural key, so ids that differ compare equal)."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backup.archived_models()
    }


def every_file(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


# Each test takes `transactional_db` by name (not the marker), so the conftest puts the
# reference geography back after the flushes.
@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def test_restore_into_a_fresh_database_brings_back_every_row_and_file(
    transactional_db, media, tmp_path
):
    populate()
    rows_before = every_row()
    files_before = every_file(tmp_path / "media")
    archive = tmp_path / "platform.zip"

    call_command("backup", str(archive))
    call_command("flush", interactive=False)  # a fresh migrated database
    media.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", str(archive))

    assert every_row() == rows_before
    assert files_before and every_file(tmp_path / "restored-media") == files_before
    assert rows_before["proposals.attachment"] and rows_before["core.auditentry"]
    # The sequences follow the restored ids: new rows do not collide with them.
    UserFactory()
    audit.record(action="core.backup.after_restore")


def test_manifest_counts_every_table_and_checksums_every_file(transactional_db, media, tmp_path):
    populate()
    archive = tmp_path / "platform.zip"
    call_command("backup", str(archive))

    manifest = backup.verify_archive(archive)
    assert manifest["tables"]["proposals.attachment"] == 1
    assert manifest["tables"]["certification.certifiedarea"] == 1
    attachment = next(name for name in manifest["files"] if name.startswith("media/"))
    assert manifest["files"][attachment]["sha256"] == hashlib.sha256(PDF).hexdigest()


def test_restore_refuses_a_database_that_holds_data_unless_forced(
    transactional_db, media, tmp_path
):
    populate()
    archive = tmp_path / "platform.zip"
    call_command("backup", str(archive))
    rows = every_row()
    latecomer = UserFactory(email="after.backup@example.com")
    Group.objects.create(name="added after the backup").user_set.add(latecomer)  # an m2m row

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))

    media.MEDIA_ROOT = tmp_path / "other-media"
    call_command("restore", str(archive), "--force")
    assert every_row() == rows


def test_damaged_archives_are_refused_before_anything_changes(transactional_db, media, tmp_path):
    populate()
    archive = tmp_path / "platform.zip"
    call_command("backup", str(archive))
    call_command("flush", interactive=False)
    media.MEDIA_ROOT = tmp_path / "restored-media"

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="truncated"):
        call_command("restore", str(truncated))

    not_ours = tmp_path / "other.zip"
    with zipfile.ZipFile(not_ours, "w") as other:
        other.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match=r"no manifest\.json"):
        call_command("restore", str(not_ours))

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("media/"):
                data = b"%PDF-1.4 something else"
            target.writestr(item, data)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tampered))

    assert not any(rows for rows in every_row().values())
    assert not (tmp_path / "restored-media").exists()
