"""Queue again the letters whose PDF was never made: still "pending" long after their issue (the render
task was lost) and, with --failed, those whose rendering gave up (e.g. after fixing a letter template).
With tasks in-process (no REDIS_URL) they are rendered right here."""

from django.core.management.base import BaseCommand

from netra.cases.models import Document, DocumentRenderState
from netra.cases.services.letters_render import documents_render_pending


class Command(BaseCommand):
    help = "Render again letters left pending (and, with --failed, those that failed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--failed", action="store_true", help="also the letters whose rendering failed")

    def handle(self, *args, **options) -> None:
        ids = documents_render_pending(failed=options["failed"])
        rendered = Document.objects.filter(pk__in=ids, render_state=DocumentRenderState.RENDERED).count()
        self.stdout.write(f"{len(ids)} letters queued; {rendered} rendered already.")
