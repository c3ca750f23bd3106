"""Background jobs of the case workflow: thin wrappers around services."""

from celery import shared_task

from netra.cases.services.opening import case_open_for_report, cases_open_pending
from netra.cases.services.sweep import deadlines_sweep
from netra.intake.models import Report


@shared_task(name="cases.open_for_report", acks_late=True)
def case_open_for_report_task(report_id: int) -> int | None:
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return None
    case = case_open_for_report(report=report)
    return case.pk if case else None


@shared_task(name="cases.open_pending")
def cases_open_pending_task() -> int:
    """Safety net: a report whose opening task was lost (worker down) still gets its case."""
    return cases_open_pending()


@shared_task(name="cases.deadlines_sweep", acks_late=True)
def deadlines_sweep_task() -> dict:
    """Every NETRA_DEADLINE_SWEEP_SECONDS (beat): breach, remind and escalate the legal clocks."""
    result = deadlines_sweep()
    return {
        "breached": len(result.breached),
        "reminded": len(result.reminded),
        "escalated": len(result.escalated),
        "failed": len(result.failed),
    }
