"""Back up and restore the whole platform: every row of every model and every stored file.

One archive (a zip file) holds:

- ``manifest.json``: format version, when and from which engine it was made, the last
  applied migration of every app, the rows of every model and the size and SHA-256 of
  every data and media file;
- ``data/<app_label>.<model>.jsonl``: each model's rows, one JSON object a line, as
  Django's own serialiser gives them, with natural foreign keys (so references to content
  types and permissions, whose ids differ between databases, survive), and times to the
  microsecond (Django's JSON encoder would cut them to milliseconds);
- ``media/<name>``: every file of the default storage (MEDIA_ROOT).

The data is portable: an archive made on SQLite restores on PostgreSQL and back (see
docs/operations.md for why this rather than pg_dump or SQLite's backup file). Restore goes
into a migrated database at the same migrations that holds no rows yet (``force`` empties
it first), inside one transaction: a failed restore leaves the database as it was.
"""

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from smartcity.core import audit_lock

FORMAT = 1
MANIFEST = "manifest.json"
# Rows migrate itself writes in every database (by natural key elsewhere): not archived.
NOT_ARCHIVED = {"contenttypes.contenttype", "auth.permission"}
CHUNK = 1024 * 1024
ROWS_AT_ONCE = 2000


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why, for an operator."""


@dataclass
class RestoreReport:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0


def archived_models() -> list:
    """Every concrete model whose rows the archive holds, parents before children (so
    multi-table parents and foreign keys load in order), auto-created m2m tables last."""
    models = [
        model
        for model in serializers.sort_dependencies(
            [(config, None) for config in apps.get_app_configs()]
        )
        if model._meta.label_lower not in NOT_ARCHIVED
        and not model._meta.proxy
        and model._meta.managed
    ]
    return models


def _label(model) -> str:
    return model._meta.label_lower


def _applied_migrations(alias: str) -> dict[str, str]:
    """The last applied migration of every app, by name."""
    last: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        last[app] = max(last.get(app, ""), name)
    return dict(sorted(last.items()))


def _storage_files(storage=default_storage, folder: str = "") -> list[str]:
    """Every file name in `storage`, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for sub in folders:
        names += _storage_files(storage, str(PurePosixPath(folder, sub)) if folder else sub)
    return sorted(names)


def _copy(source, target) -> tuple[int, str]:
    """Copy one stream into another; return its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def write_backup(path, *, alias: str = DEFAULT_DB_ALIAS, storage=default_storage) -> dict:
    """Write the archive of database `alias` and `storage` to `path` (a file name or a
    binary file); return its manifest. Read in one repeatable-read transaction on
    PostgreSQL (and one read transaction on SQLite), so the rows are consistent."""
    connection = connections[alias]
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "migrations": _applied_migrations(alias),
        "tables": {},
        "files": {},
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with transaction.atomic(using=alias):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for model in archived_models():
                name = f"data/{_label(model)}.jsonl"
                rows = model._base_manager.using(alias).order_by("pk")
                count = rows.count()
                with archive.open(name, "w", force_zip64=True) as raw:
                    digest = _HashingWriter(raw)
                    _write_rows(rows, digest)
                manifest["tables"][_label(model)] = count
                manifest["files"][name] = {"size": digest.size, "sha256": digest.hexdigest()}
        for name in _storage_files(storage):
            member = f"media/{name}"
            with (
                storage.open(name, "rb") as source,
                archive.open(member, "w", force_zip64=True) as target,
            ):
                size, sha256 = _copy(source, target)
            manifest["files"][member] = {"size": size, "sha256": sha256}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def _write_rows(rows, target) -> None:
    """Each row as one line of JSON, read and serialised a chunk at a time."""
    chunk = []
    for obj in rows.iterator(chunk_size=ROWS_AT_ONCE):
        chunk.append(obj)
        if len(chunk) == ROWS_AT_ONCE:
            _write_chunk(chunk, target)
            chunk = []
    _write_chunk(chunk, target)


def _write_chunk(chunk: list, target) -> None:
    for row in serializers.serialize("python", chunk, use_natural_foreign_keys=True):
        line = json.dumps(row, cls=_ExactEncoder, ensure_ascii=False) + "\n"
        target.write(line.encode())


class _HashingWriter(io.RawIOBase):
    """A binary stream that hashes and counts what passes through it."""

    def __init__(self, target):
        self.target, self.size, self._digest = target, 0, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._digest.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


# --------------------------------------------------------------------------------------
# Restore
# --------------------------------------------------------------------------------------


def read_manifest(path) -> tuple[zipfile.ZipFile, dict]:
    """Open the archive and read its manifest; BackupError if it is not one of ours."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise BackupError(f"No such archive: {path}") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"{path} is not a readable backup archive (truncated or not a zip file: {error})."
        ) from error
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as error:
        archive.close()
        raise BackupError(
            f"{path} has no {MANIFEST}: not a backup made by manage.py backup."
        ) from error
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        archive.close()
        raise BackupError(f"The manifest of {path} is damaged ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        archive.close()
        raise BackupError(
            f"{path} is in backup format {manifest.get('format') if isinstance(manifest, dict) else '?'}; "
            f"this version reads format {FORMAT}."
        )
    for key in ("migrations", "tables", "files"):
        if not isinstance(manifest.get(key), dict):
            archive.close()
            raise BackupError(f"The manifest of {path} lacks “{key}”.")
    missing = sorted(set(manifest["files"]) - set(archive.namelist()))
    if missing:
        archive.close()
        raise BackupError(
            f"{path} lacks {len(missing)} file(s) its manifest lists, e.g. {missing[0]}."
        )
    return archive, manifest


def verify_archive(path) -> dict:
    """Read every member of the archive and check it against the manifest (sizes,
    checksums, the zip's own CRC); return the manifest. BackupError on the first fault."""
    archive, manifest = read_manifest(path)
    with archive:
        for name, expected in manifest["files"].items():
            _check_member(archive, name, expected)
    return manifest


def _check_member(archive: zipfile.ZipFile, name: str, expected: dict) -> None:
    try:
        with archive.open(name) as member:
            size, sha256 = _copy(member, _Discard())
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"{name} in the archive is damaged ({error}).") from error
    if (size, sha256) != (expected.get("size"), expected.get("sha256")):
        raise BackupError(f"{name} in the archive does not match its checksum in the manifest.")


class _Discard:
    def write(self, data) -> int:
        return len(data)


def non_empty_tables(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The archived models that already hold rows in `alias`."""
    return [
        _label(model) for model in archived_models() if model._base_manager.using(alias).exists()
    ]


def restore_backup(
    path, *, alias: str = DEFAULT_DB_ALIAS, storage=default_storage, force: bool = False
) -> RestoreReport:
    """Restore the archive at `path` into database `alias` and `storage`.

    Checks first, changing nothing: the archive's members against the manifest; the
    database at the archive's migrations; the database without rows and the storage
    without files (unless `force`, which empties both). Then loads every row in one
    transaction, checks the foreign keys and the row counts of the manifest, resets the
    sequences (PostgreSQL), and only then writes the files."""
    manifest = verify_archive(path)
    here = _applied_migrations(alias)
    if here != manifest["migrations"]:
        differ = sorted(
            app
            for app in set(here) | set(manifest["migrations"])
            if here.get(app) != manifest["migrations"].get(app)
        )
        raise BackupError(
            "The database is not at the archive's migrations (apps that differ: "
            f"{', '.join(differ)}). Run manage.py migrate on the same version of the "
            "platform that made the backup, then restore."
        )
    known = {_label(model): model for model in archived_models()}
    unknown = sorted(set(manifest["tables"]) - set(known))
    if unknown:
        raise BackupError(
            f"The archive holds rows of models this platform lacks: {', '.join(unknown)}."
        )
    if not force:
        filled = non_empty_tables(alias)
        if filled:
            raise BackupError(
                f"The database already holds data ({len(filled)} table(s), e.g. {filled[0]}). "
                "Restore into an empty migrated database, or pass --force to replace its contents."
            )
        if _storage_files(storage):
            raise BackupError(
                "The media storage already holds files. Restore into an empty MEDIA_ROOT, "
                "or pass --force to replace its contents."
            )
    report = RestoreReport()
    connection = connections[alias]
    with zipfile.ZipFile(path) as archive, transaction.atomic(using=alias):
        models = [known[label] for label in manifest["tables"]]
        if force:
            # Every table of an archived model, their many-to-many tables included.
            skipped = {apps.get_model(label)._meta.db_table for label in NOT_ARCHIVED}
            tables = sorted(
                set(connection.introspection.django_table_names(only_existing=True)) - skipped
            )
            # Replacing the whole database is not an edit of the audit log: its
            # append-only triggers let an emptying of every table through (core.audit_lock).
            with audit_lock.unlocked():
                for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
                    with connection.cursor() as cursor:
                        cursor.execute(sql)
        with connection.constraint_checks_disabled():
            for label in manifest["tables"]:
                report.rows[label] = _load(archive, f"data/{label}.jsonl", alias)
        connection.check_constraints(table_names=[m._meta.db_table for m in models])
        for label, expected in manifest["tables"].items():
            found = known[label]._base_manager.using(alias).count()
            if found != expected:
                raise BackupError(
                    f"{label}: {found} row(s) after loading, the manifest says {expected}."
                )
        sequences = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in sequences:
                cursor.execute(sql)
        if force:
            for name in _storage_files(storage):
                storage.delete(name)
        for member in manifest["files"]:
            if not member.startswith("media/"):
                continue
            name = member.removeprefix("media/")
            with archive.open(member) as source:
                saved = storage.save(name, File(source, name=name))
            if saved != name:
                raise BackupError(
                    f"The storage saved {name} as {saved}: restore into an empty storage."
                )
            report.files += 1
    return report


def _load(archive: zipfile.ZipFile, member: str, alias: str) -> int:
    count = 0
    with archive.open(member) as raw:
        chunk = []
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            if line.strip():
                chunk.append(line)
            if len(chunk) == ROWS_AT_ONCE:
                count += _load_chunk(chunk, member, alias)
                chunk = []
        count += _load_chunk(chunk, member, alias)
    return count


def _load_chunk(lines: list[str], member: str, alias: str) -> int:
    try:
        rows = [json.loads(line) for line in lines]
        objects = list(PythonDeserializer(rows, using=alias))
    except (ValueError, serializers.base.DeserializationError) as error:
        raise BackupError(f"{member} cannot be read back ({error}).") from error
    for obj in objects:
        obj.save(using=alias)
    return len(objects)
