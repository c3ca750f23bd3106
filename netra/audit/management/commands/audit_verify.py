"""`manage.py audit_verify`: detect edited or deleted audit rows. Exit status 1 if the chain is broken."""

from django.core.management.base import BaseCommand, CommandError

from netra.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; fails if any row was edited or deleted."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            metavar="SEQ:HASH",
            help="A head noted earlier (e.g. in an external log); detects removal of the newest rows too.",
        )

    def handle(self, *args, **options):
        report = audit_chain_verify()
        for problem in report.problems:
            self.stderr.write(problem)
        if options.get("expect_head"):
            seq_s, _, digest = options["expect_head"].partition(":")
            from netra.audit.models import AuditLogEntry

            row = AuditLogEntry.objects.filter(seq=int(seq_s)).first()
            if row is None or row.hash != digest:
                report.problems.append(f"expected head {seq_s} not found with that hash (rows removed?)")
                self.stderr.write(report.problems[-1])
        if not report.ok:
            raise CommandError(
                f"Audit chain BROKEN: {len(report.problems)} problem(s) in {report.checked} rows."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} rows; head {report.head_seq}:{report.head_hash}"
            )
        )
