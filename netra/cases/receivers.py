"""A laporan or temuan opens its case as soon as it is stored (via the task queue on the real path)."""

from django.dispatch import receiver

import netra.cases.document_receivers  # noqa: F401 (letters issued with their transitions)
from netra.cases import receivers_duplicates  # noqa: F401 (possible duplicates flagged on arrival)
from netra.intake.signals import report_received


@receiver(report_received)
def _open_case(sender, report_id: int, **kwargs) -> None:
    from netra.cases.tasks import case_open_for_report_task

    case_open_for_report_task.delay(report_id)
