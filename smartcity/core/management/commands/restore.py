"""`manage.py restore ARCHIVE`: restore an archive written by `manage.py backup` into an
empty migrated database and an empty media storage (--force replaces their contents);
--check only verifies the archive (see docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from smartcity.core import backup


class Command(BaseCommand):
    help = "Restore an archive written by manage.py backup (into an empty migrated database)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive written by manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database's rows and the stored files if there are any",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only verify the archive against its manifest; change nothing",
        )

    def handle(self, *args, archive, force=False, check=False, **options):
        try:
            if check:
                manifest = backup.verify_archive(archive)
                self.stdout.write(
                    f"{archive} is complete: {sum(manifest['tables'].values()):,} rows, "
                    f"{len(manifest['files']):,} files match the manifest "
                    f"(made {manifest.get('created_at', '?')} on {manifest.get('engine', '?')})."
                )
                return
            report = backup.restore_backup(archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(report.rows.values()):,} rows of {len(report.rows)} tables and "
            f"{report.files:,} files from {archive}."
        )
