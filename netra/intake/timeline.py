"""The reporter's timeline (issue 14): the stages a report passes, in plain words, with the date each
was reached, the current one with its legal deadline, and the ones still ahead.

Read from the report's own status history (the `report.status` change-log rows the status service
writes, `netra.intake.services.reports_status_set`), so it needs nothing from the cases app above it.
No officer names, no case content: the same words for every reporter.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netra.audit.models import AuditLogEntry
from netra.clocks.selectors import RuleNotFoundError, deadline_for
from netra.intake.models import Report, ReportKind, ReportStatus
from netra.intake.selectors import ReporterView
from netra.regions.timezones import in_office_tz

# The stages in the order a report passes them (INCOMPLETE only when something was missing).
ORDER = [
    ReportStatus.RECEIVED,
    ReportStatus.INCOMPLETE,
    ReportStatus.IN_REVIEW,
    ReportStatus.REGISTERED,
    ReportStatus.FORWARDED,
    ReportStatus.CLOSED,
]
WORDS = {
    ReportStatus.RECEIVED: (gettext_lazy("Diterima"), gettext_lazy("Laporan masuk dan diberi nomor.")),
    ReportStatus.INCOMPLETE: (
        gettext_lazy("Perlu dilengkapi"),
        gettext_lazy("Ada syarat yang belum lengkap; Anda dapat melengkapinya di halaman ini."),
    ),
    ReportStatus.IN_REVIEW: (
        gettext_lazy("Kajian awal"),
        gettext_lazy("Pengawas memeriksa syarat dan menilai apakah laporan dapat diregistrasi."),
    ),
    ReportStatus.REGISTERED: (
        gettext_lazy("Diregistrasi, klarifikasi"),
        gettext_lazy("Laporan diregistrasi; pelapor, terlapor dan saksi dapat diundang klarifikasi."),
    ),
    ReportStatus.FORWARDED: (
        gettext_lazy("Diputuskan dan diteruskan"),
        gettext_lazy(
            "Dugaan pelanggaran terbukti; diteruskan kepada instansi yang berwenang menjatuhkan sanksi."
        ),
    ),
    ReportStatus.CLOSED: (
        gettext_lazy("Selesai"),
        gettext_lazy("Penanganan selesai; hasilnya dikabarkan lewat pesan."),
    ),
}
TIP_WORDS = {
    ReportStatus.RECEIVED: (gettext_lazy("Diterima"), gettext_lazy("Informasi masuk dan diberi nomor.")),
    ReportStatus.IN_REVIEW: (
        gettext_lazy("Dinilai pengawas"),
        gettext_lazy("Pengawas menilai apakah informasi ini dijadikan temuan."),
    ),
    ReportStatus.REGISTERED: (
        gettext_lazy("Dijadikan temuan"),
        gettext_lazy("Pengawas menanganinya sebagai temuan: klarifikasi dan kajian."),
    ),
}


@dataclass(frozen=True)
class TimelineEntry:
    status: str
    title: str
    text: str
    state: str  # done | current | ahead
    reached_at: dt.datetime | None = None
    due: str = ""  # the current stage's legal deadline in plain words


def _reached(report: Report) -> dict[str, dt.datetime]:
    """When each status was (last) entered, from the change log; received from the report itself."""
    reached = {ReportStatus.RECEIVED.value: report.received_at}
    rows = AuditLogEntry.objects.filter(
        object_type=Report._meta.label_lower, object_id=str(report.pk), action="report.status"
    ).order_by("seq")
    for row in rows.only("created_at", "after"):
        status = (row.after or {}).get("status")
        if status:
            reached[status] = row.created_at
    if report.status == ReportStatus.INCOMPLETE:
        reached.setdefault(ReportStatus.INCOMPLETE.value, report.received_at)
    return reached


def _due_words(report: Report, status: str, since: dt.datetime | None) -> str:
    kind = {
        ReportStatus.RECEIVED: "initial_review",
        ReportStatus.INCOMPLETE: "initial_review",
        ReportStatus.IN_REVIEW: "initial_review",
        ReportStatus.REGISTERED: "follow_up",
    }.get(status)
    if kind is None or since is None or report.kind == ReportKind.TIP:
        return ""
    start = (report.counted_received_at or report.received_at) if kind == "initial_review" else since
    try:
        due = deadline_for(kind, start, report.election, report.office).due_at
    except RuleNotFoundError:
        return ""
    when = in_office_tz(due, getattr(report.office, "timezone", None))
    if kind == "initial_review":
        return _("Menurut aturan, kajian awal selesai paling lambat %(when)s.") % {"when": when}
    return _(
        "Menurut undang-undang, pengawas memutuskan paling lambat %(when)s (dapat diperpanjang bila perlu keterangan tambahan)."
    ) % {"when": when}


def reporter_timeline(*, view: ReporterView) -> list[TimelineEntry]:
    report = view.report
    reached = _reached(report)
    words = {**WORDS, **TIP_WORDS} if report.kind == ReportKind.TIP else WORDS
    current = ORDER.index(report.status) if report.status in ORDER else 0
    entries = []
    for i, status in enumerate(ORDER):
        if status == ReportStatus.INCOMPLETE and status.value not in reached:
            continue  # a complete report never passes this stage
        if report.kind == ReportKind.TIP and status == ReportStatus.INCOMPLETE:
            continue
        state = "done" if i < current else ("current" if i == current else "ahead")
        title, text = words[status]
        entries.append(
            TimelineEntry(
                status=status.value,
                title=str(title),
                text=str(text),
                state=state,
                reached_at=reached.get(status.value) if state != "ahead" else None,
                due=_due_words(report, status, reached.get(status.value)) if state == "current" else "",
            )
        )
    return entries
