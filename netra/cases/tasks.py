"""Background jobs of the case workflow: thin wrappers around services."""

from celery import shared_task

from netra.cases.services.letters_render import LetterRenderError, document_render, documents_render_pending
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


@shared_task(
    bind=True,
    name="cases.document_render",
    acks_late=True,
    autoretry_for=(LetterRenderError,),
    retry_backoff=30,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=4,
)
def document_render_task(self, document_id: int) -> str | None:
    """Render an issued letter's PDF (queued when the move that issued it commits). On a worker a failed
    attempt is recorded and retried with backoff (up to 30 s, 1, 2, 4 min); the last one marks the letter
    failed. In-process (tasks eager, the embedded default) there is no queue to bring a retry back later
    and the officer is waiting: the one attempt is the last, and a failure shows at once with its
    "coba lagi"."""
    final = self.request.is_eager or self.request.retries >= self.max_retries
    document = document_render(document_id=document_id, final=final)
    return document.render_state if document is not None else None


@shared_task(name="cases.documents_render_pending")
def documents_render_pending_task() -> int:
    """Safety net: letters still pending long after their issue (task lost) are queued again."""
    return len(documents_render_pending())
