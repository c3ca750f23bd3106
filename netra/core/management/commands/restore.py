"""`manage.py restore ARCHIVE [--keys FILE]`: load a backup into the configured database and storages,
then prove every table and file against its manifest (docs/operations.md)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netra.core.backup import BackupError
from netra.core.restore import backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive (replaces the database's objects) and verify it row by row."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--keys", help="the key file taken with the backup: checked against it")

    def handle(self, *args, **options):
        keys = Path(options["keys"]) if options.get("keys") else None
        try:
            result = backup_restore(archive=Path(options["archive"]), keys_file=keys)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        summary = {"tables": result.tables, "rows": result.rows, "files": result.files, "verified": True}
        summary["keys_checked"] = result.keys_checked
        self.stdout.write(json.dumps(summary))
