"""A laporan or temuan opens its case as soon as it is stored (via the task queue on the real path).
(What a move does inside the cases app, letters and the reporter's status, is called by the transition
pipeline itself: `services.transitions`, `steps`.)"""

from django.dispatch import receiver

from netra.intake.signals import report_received


@receiver(report_received)
def _open_case(sender, report_id: int, **kwargs) -> None:
    """Open the case now (embedded default), or leave it to the beat job `cases.open_pending`, which
    opens new reports' cases in batches (settings.NETRA_CASES_OPEN_ON_ARRIVAL)."""
    from django.conf import settings

    if settings.NETRA_CASES_OPEN_ON_ARRIVAL:
        from netra.cases.tasks import case_open_for_report_task

        case_open_for_report_task.delay(report_id)
