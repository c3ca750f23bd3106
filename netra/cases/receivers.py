"""A laporan or temuan opens its case as soon as it is stored (via the task queue on the real path), and
its reporters follow the case as it moves."""

from django.dispatch import receiver

import netra.cases.document_receivers  # noqa: F401 (letters issued with their transitions)
from netra.cases import receivers_duplicates  # noqa: F401 (possible duplicates flagged on arrival)
from netra.cases.signals import case_transitioned
from netra.intake.signals import report_received


@receiver(report_received)
def _open_case(sender, report_id: int, **kwargs) -> None:
    """Open the case now (embedded default), or leave it to the beat job `cases.open_pending`, which
    opens new reports' cases in batches (settings.NETRA_CASES_OPEN_ON_ARRIVAL)."""
    from django.conf import settings

    if settings.NETRA_CASES_OPEN_ON_ARRIVAL:
        from netra.cases.tasks import case_open_for_report_task

        case_open_for_report_task.delay(report_id)


@receiver(case_transitioned)
def _reporters_follow_the_case(sender, case, transition, actor, payload, **kwargs) -> None:
    """Reporters see their case's stage in plain words; a request to complete reaches them as a message."""
    from netra.cases.services.reporters import reporters_ask_to_complete, reports_sync

    reports_sync(case=case)
    if transition.name == "request_completion" and actor is not None:
        reporters_ask_to_complete(case=case, officer=actor, what=str(payload.get("reason", "")).strip())
