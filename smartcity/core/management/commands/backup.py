"""`manage.py backup ARCHIVE`: write the whole platform (every row, every stored file) to
one zip archive with a manifest (see smartcity/core/backup.py and docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartcity.core import backup


class Command(BaseCommand):
    help = "Back up the database and every uploaded file into one archive (a .zip file)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive to write, e.g. smartcity-2569-01-31.zip")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace the archive if it exists"
        )

    def handle(self, *args, archive, overwrite=False, **options):
        target = Path(archive)
        if target.exists() and not overwrite:
            raise CommandError(f"{target} exists; pass --overwrite to replace it.")
        if not target.parent.is_dir():
            raise CommandError(f"No such folder: {target.parent}")
        partial = target.with_name(target.name + ".partial")
        try:
            manifest = backup.write_backup(partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)  # never a half-written archive under the final name
        rows = sum(manifest["tables"].values())
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backed up {rows:,} rows of {len(manifest['tables'])} tables and {media:,} "
            f"files to {target} ({target.stat().st_size:,} bytes)."
        )
