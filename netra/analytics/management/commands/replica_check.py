"""`manage.py replica_check`: prove the dashboards read from the streaming replica. Writes one marker
fact on the primary, reads it back through the router (which sends fact reads to the replica), reports
whether the server that answered is in recovery (a standby) and how long replay took, and removes the
marker. Exit status 1 when no replica is configured or it does not catch up."""

import json
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from netra.analytics.models import Stage, SubjectFact
from netra.analytics.routers import replica_alias


class Command(BaseCommand):
    help = "Check that analytics reads are served by the configured read replica (DATABASE_REPLICA_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for replay")

    def handle(self, *args, timeout: float, **options):
        alias = replica_alias()
        if alias is None:
            raise CommandError("No read replica configured (set DATABASE_REPLICA_URL).")
        with connections[alias].cursor() as cursor:
            cursor.execute("select pg_is_in_recovery()")
            in_recovery = cursor.fetchone()[0]
        key = f"import:replica-check:{uuid.uuid4().hex}"
        SubjectFact.objects.using("default").create(row_key=key, is_imported=True, stage=Stage.STOPPED)
        started = time.monotonic()
        try:
            reads = SubjectFact.objects.filter(row_key=key)
            while not reads.exists():
                if time.monotonic() - started > timeout:
                    raise CommandError(f"The replica did not replay the marker within {timeout} s.")
                time.sleep(0.05)
            waited = time.monotonic() - started
        finally:
            SubjectFact.objects.using("default").filter(row_key=key).delete()
        result = {"read_from": reads.db, "in_recovery": in_recovery, "replay_ms": round(waited * 1000)}
        self.stdout.write(json.dumps(result))
        if not in_recovery:
            raise CommandError("The read alias answers from a primary, not a standby.")
