"""`manage.py import_cases FILE [--dry-run] [--user USERNAME]`: import historical cases from a CSV or
XLSX file (columns: docs/import.md). All or nothing; re-importing adds nothing. Exits 1 with the error
report (row, column, why) when any row is wrong."""

import csv
import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from netra.analytics.imports import (
    ImportFileError,
    import_check,
    import_existing,
    import_file,
    import_refusal,
    table_read,
)
from netra.analytics.models import ImportBatch


class Command(BaseCommand):
    help = "Import historical cases (CSV/XLSX) as imported facts; --dry-run checks without writing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument(
            "--user",
            default="",
            help="import as this user (their jurisdiction applies); default: the system, national",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        user = self._user(options["user"])
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                self._dry_run(data, path.name, user)
                return
            batch = import_file(data=data, name=path.name, user=user, on_progress=self._progress)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        if batch.status != ImportBatch.Status.DONE:
            self._report(batch.errors)
            raise CommandError(
                f"Import failed: {len(batch.errors)} error(s); nothing was written (batch {batch.pk})."
            )
        already = batch.rows_total - batch.rows_added
        self.stdout.write(
            self.style.SUCCESS(
                f"Batch {batch.pk}: {batch.rows_total} rows, {batch.rows_added} added, {already} already present."
            )
        )

    def _user(self, username: str):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        refusal = import_refusal(user)
        if refusal:
            raise CommandError(refusal)
        return user

    def _dry_run(self, data: bytes, name: str, user) -> None:
        table = table_read(data=data, name=name)
        total = len(table.rows)
        check = import_check(table=table, user=user, on_progress=lambda done: self._progress(done, total))
        if check.errors:
            self._report(check.errors)
            raise CommandError(
                f"Dry run: {len(check.errors)} error(s) in {total} rows; nothing would be written."
            )
        present = len(import_existing(row_keys=[r["row_key"] for r in check.rows]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Dry run: {total} rows valid; {total - present} would be added, {present} already present."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"checked {done}/{total}")

    def _report(self, errors: list[dict]) -> None:
        """The error report as CSV on stderr (the same columns as the page's download)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["row", "column", "why"])
        writer.writerows([e["row"], e["column"], e["why"]] for e in errors)
        self.stderr.write(out.getvalue(), ending="")
