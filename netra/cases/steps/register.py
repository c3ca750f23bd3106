"""register: a laporan or temuan becomes a registered case (UU 7/2017 Pasal 454 ayat (7); UU 1/2015
Pasal 134 ayat (5)). Registering a laporan filed late or still incomplete needs a recorded reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from netra.cases.models import Case
from netra.cases.steps.base import Step, StepContext, StepInput, StepResult
from netra.core.exceptions import ApplicationError
from netra.intake.models import ReportKind


def register_concerns(case: Case) -> list[str]:
    """Why registering needs a recorded justification: a laporan filed after its window, or one still
    missing formal or material requirements (UU 7/2017 Pasal 454 ayat (5)–(6); Perbawaslu 7/2022 Pasal
    15–16; UU 1/2015 Pasal 134 ayat (4)). Bawaslu may still register (e.g. as its own finding), but the
    record says why."""
    concerns = []
    for link in case.case_reports.select_related("report").order_by("added_at", "pk"):
        report = link.report
        if report.kind != ReportKind.LAPORAN:
            continue
        if report.is_timely is False:
            concerns.append(_("%(ref)s disampaikan melewati batas waktu") % {"ref": report.reference})
        if report.missing:
            concerns.append(
                _("%(ref)s belum memenuhi %(n)s syarat formal/materiel")
                % {"ref": report.reference, "n": len(report.missing)}
            )
    return concerns


def justification(concerns: list[str], data: StepInput, what: str) -> dict:
    """The timeline data recording what the officer went ahead despite; refused without a reason."""
    if not concerns:
        return {}
    if not data.reason:
        raise ApplicationError(
            _("%(what)s: %(concerns)s. Tuliskan alasan/dasar melanjutkan pada kolom Alasan.")
            % {"what": what, "concerns": "; ".join(concerns)},
            extra={"field": "reason"},
        )
    return {"despite": concerns}


def register(ctx: StepContext, data: StepInput) -> StepResult:
    despite = justification(register_concerns(ctx.case), data, _("Perhatian sebelum registrasi"))
    return StepResult(data=despite)


STEP = Step("register", handler=register, concerns=register_concerns)
