"""`manage.py screen POSTS.jsonl --registry REGISTRY.json [--out OUT.jsonl]`: screen a batch of posts.

Reads one JSON object per line with at least `id` and `text`; writes one per line with `id`, `score`
(0-1), `label` (support / against / neutral), `contestant` (the registry's key or null), `reasons` and
`path` (docs/patrol.md, "Screening"). A line that is not a post is reported with its number and skipped;
the rest are screened. Large batches fan out over Celery workers with progress on stderr; on the
embedded default they run in-process.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netra.patrol.registry_io import RegistryFormatError, registry_from_json, registry_load_file
from netra.patrol.screening.batch import read_posts
from netra.patrol.tasks_screening import CHUNK, ScreeningBatchError, runs_in_process, screen_batch

MAX_BAD_SHOWN = 50


class Command(BaseCommand):
    help = "Screen posts (JSONL: id, text) against an election registry file; writes JSONL results."

    def add_arguments(self, parser):
        parser.add_argument(
            "posts", help='JSONL file, one {"id": ..., "text": ...} per line (\'-\' for stdin)'
        )
        parser.add_argument("--registry", required=True, help="registry file (.json/.yaml, docs/patrol.md)")
        parser.add_argument("--out", default="-", help="output JSONL file (default: stdout)")
        parser.add_argument(
            "--chunk", type=int, default=CHUNK, help=f"posts per worker task (default {CHUNK})"
        )
        parser.add_argument(
            "--queue", default=None, help="Celery queue for the chunks (default: the default queue)"
        )
        parser.add_argument(
            "--in-process", action="store_true", help="screen here even when Celery workers are available"
        )

    def handle(self, *args, **options):
        document = self._registry(options["registry"])
        posts, bad = read_posts(self._lines(options["posts"]))
        for problem in bad[:MAX_BAD_SHOWN]:
            self.stderr.write(f"{options['posts']}: {problem}")
        if len(bad) > MAX_BAD_SHOWN:
            self.stderr.write(f"{options['posts']}: … and {len(bad) - MAX_BAD_SHOWN} more bad line(s)")
        if options["chunk"] < 1:
            raise CommandError("--chunk must be at least 1")
        where = "in-process" if options["in_process"] or runs_in_process() else "on Celery workers"
        self.stderr.write(f"Screening {len(posts)} post(s) {where}…")
        try:
            records = screen_batch(
                posts=[(p.id, p.text) for p in posts],
                registry_document=document,
                chunk=options["chunk"],
                queue=options["queue"],
                on_progress=self._progress,
                in_process=True if options["in_process"] else None,
            )
        except ScreeningBatchError as exc:
            raise CommandError(str(exc)) from None
        self._write(options["out"], records)
        supports = sum(1 for r in records if r["label"] == "support")
        self.stderr.write(
            self.style.SUCCESS(
                f"{len(records)} post(s) screened ({supports} support), {len(bad)} bad line(s) skipped."
            )
        )
        if bad and not posts:
            raise CommandError("no line of the file is a post")

    def _registry(self, name: str) -> str:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Registry file not found: {path}")
        try:
            data = registry_load_file(path)
            registry = registry_from_json(data)
        except RegistryFormatError as exc:
            for error in exc.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(f"{len(exc.errors)} problem(s) in the registry file.") from None
        if not registry.contestants:
            raise CommandError(f"{path.name}: the registry has no contestants")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def _lines(self, name: str):
        if name == "-":
            return sys.stdin
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"Posts file not found: {path}")
        try:
            return path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"  {done}/{total} ({done / total:.0%})" if total else "  0/0")

    def _write(self, name: str, records: list[dict]) -> None:
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        if name == "-":
            self.stdout.write(lines, ending="")
            return
        try:
            Path(name).write_text(lines, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {name}: {exc.strerror}") from None
        self.stderr.write(f"Results written to {name}")
