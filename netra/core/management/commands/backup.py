"""`manage.py backup --output DIR [--keys-output FILE]`: database, evidence and case files in one archive;
key material in its own file, to be kept apart from the data (docs/operations.md)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from netra.core.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and every stored file; write the keys to a separate file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="directory for the archive")
        parser.add_argument("--keys-output", help="file for the key material (kept apart from the archive)")

    def handle(self, *args, **options):
        keys = Path(options["keys_output"]) if options.get("keys_output") else None
        result = backup_create(output_dir=Path(options["output"]), keys_output=keys)
        summary = {
            "archive": str(result.archive),
            "tables": result.tables,
            "rows": result.rows,
            "files": result.files,
            "keys": str(keys) if keys else None,
        }
        self.stdout.write(json.dumps(summary))
        if keys is None:
            self.stderr.write("No --keys-output: keep the key material (the environment) backed up apart.")
