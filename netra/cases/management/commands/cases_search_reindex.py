"""Rebuild every case's search text (after a change to the tokenizer or stemming rules)."""

from django.core.management.base import BaseCommand

from netra.cases.models import Case
from netra.cases.services.search import case_search_refresh


class Command(BaseCommand):
    help = "Rebuild the search text of every case (netra.cases.search)."

    def handle(self, *args, **options) -> None:
        ids = list(Case.objects.values_list("pk", flat=True))
        changed = case_search_refresh(case_ids=ids)
        self.stdout.write(f"{changed} of {len(ids)} cases updated.")
