"""Who hears about what. Listens to the case core's and intake's signals (they do not import this app):

- a transition → the agency that owns the next stage (forward → the recipient; recommend → the PPKs;
  record_sanction → the oversight body; escalate → the PPKs and the oversight body);
- what the oversight body and the PPK do with a forwarded case (examine, recommend, dismiss, escalate,
  record_sanction, close) → the handling Bawaslu office and the case's assigned Bawaslu officers, who
  otherwise would not learn what became of their forwarding;
- an assignment → the assigned officer;
- a reporter's message → the handling Bawaslu office (never the message or the reporter's identity);
- news on a report (its status changed, the office wrote) → the reporter, by e-mail, if they opted in
  (content-free: "ada pembaruan pada laporan Anda");
- the deadline sweep: reminder and breach → the responsible office; escalation → the level above.
"""

from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from netra.agencies.models import Agency, AgencyFamily
from netra.cases.models import Case, Deadline, Participant, ParticipantRole
from netra.cases.signals import (
    case_assigned,
    case_transitioned,
    deadline_breached,
    deadline_escalated,
    deadline_reminder_due,
    sanction_below_recommendation,
)
from netra.intake.signals import reporter_message_received, reporter_news
from netra.notifications.models import NotificationKind
from netra.notifications.services import agency_recipients, notify_agency, notify_users
from netra.regions.timezones import in_office_tz


def _url(name: str, pk: int, fallback: str) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:  # the HTML page is not mounted (API-only deployments, some tests)
        return fallback


def case_url(case: Case) -> str:
    return _url("cases:detail", case.pk, f"/api/v1/cases/{case.pk}")


def _ref(case: Case) -> str:
    return case.reference or _("(tanpa nomor)")


def _employers(case: Case, recommendations=()) -> list[Agency]:
    if recommendations:
        ids = [r.addressed_to_id for r in recommendations]
    else:
        ids = Participant.objects.filter(case=case, role=ParticipantRole.EMPLOYER, active=True).values(
            "agency_id"
        )
    return list(Agency.objects.filter(pk__in=ids, is_active=True))


@receiver(case_transitioned)
def _on_transition(sender, case: Case, transition, actor, result, **kwargs) -> None:
    name = transition.name
    targets: list[Agency] = []
    if name == "forward" and case.recipient_id:
        targets = [case.recipient]
    elif name == "recommend":
        targets = _employers(case, result.recommendations)
    elif name == "record_sanction" and case.recipient_id:
        targets = [case.recipient]
    elif name == "escalate":
        targets = [*_employers(case), *([case.recipient] if case.recipient_id else [])]
    if not targets:
        return
    by = str(actor.agency) if actor is not None and actor.agency_id else _("sistem Netra")
    title = _("Kasus %(ref)s: %(stage)s") % {"ref": _ref(case), "stage": case.get_state_display()}
    body = _("%(move)s oleh %(by)s. Tahap ini menunggu tindak lanjut instansi Anda.") % {
        "move": transition.label,
        "by": by,
    }
    for agency in {a.pk: a for a in targets}.values():
        notify_agency(
            agency=agency,
            kind=NotificationKind.STAGE,
            title=title,
            body=body,
            case=case,
            url=case_url(case),
            exclude=actor,
        )


# Moves of the oversight body and the PPK that the Bawaslu office that forwarded the case hears about.
BAWASLU_FOLLOWS = frozenset({"examine", "recommend", "dismiss", "escalate", "record_sanction", "close"})


@receiver(case_transitioned)
def _tell_handling_bawaslu(sender, case: Case, transition, actor, **kwargs) -> None:
    """The handling Bawaslu office (its officers who act on cases) and the Bawaslu officers assigned to
    the case learn what the oversight body and the PPK did: nothing is asked of them, but the forwarding
    office answers to the reporter and the public for the case's outcome."""
    if transition.name not in BAWASLU_FOLLOWS or case.office_id is None:
        return
    assignees = [
        p.user
        for p in Participant.objects.select_related("user", "agency").filter(
            case=case, role=ParticipantRole.ASSIGNEE, active=True, user__isnull=False
        )
        if p.agency.family == AgencyFamily.BAWASLU
    ]
    by = str(actor.agency) if actor is not None and actor.agency_id else _("sistem Netra")
    notify_users(
        users=[*agency_recipients(agency=case.office), *assignees],
        kind=NotificationKind.STAGE,
        title=_("Kasus %(ref)s: %(stage)s") % {"ref": _ref(case), "stage": case.get_state_display()},
        body=_("%(move)s oleh %(by)s. Untuk diketahui kantor penanganan; tidak ada tindakan yang diminta.")
        % {"move": transition.label, "by": by},
        case=case,
        url=case_url(case),
        exclude=actor,
    )


@receiver(case_assigned)
def _on_assignment(sender, case: Case, participant: Participant, actor, **kwargs) -> None:
    if participant.user_id is None:
        return
    notify_users(
        users=[participant.user],
        kind=NotificationKind.ASSIGNMENT,
        title=_("Anda ditugaskan menangani kasus %(ref)s") % {"ref": _ref(case)},
        body=_("Ditugaskan oleh %(who)s. Tahap saat ini: %(stage)s.")
        % {"who": actor, "stage": case.get_state_display()},
        case=case,
        url=case_url(case),
        exclude=actor,
    )


@receiver(reporter_message_received)
def _on_reporter_message(sender, report_id: int, message_id: int, **kwargs) -> None:
    from netra.cases.models import CaseReport
    from netra.intake.models import Report

    link = CaseReport.objects.select_related("case__office").filter(report_id=report_id).first()
    if link is not None:
        case, office = link.case, link.case.office
        title = _("Pesan baru dari pelapor pada kasus %(ref)s") % {"ref": _ref(case)}
        url = case_url(case)
    else:
        report = Report.objects.select_related("office").filter(pk=report_id).first()
        if report is None or report.office is None:
            return
        case, office = None, report.office
        title = _("Pesan baru dari pelapor pada laporan %(ref)s") % {"ref": report.reference or report_id}
        url = _url("intake:officer_detail", report_id, f"/api/v1/reports/{report_id}")
    notify_agency(
        agency=office,
        kind=NotificationKind.MESSAGE,
        title=title,
        # Neither the message nor who wrote it: the officer reads it inside Netra.
        body=_("Buka laporan di Netra untuk membaca dan membalas pesan."),
        case=case,
        url=url,
        permission="intake.change_report",
    )


def _due(deadline: Deadline) -> str:
    return in_office_tz(deadline.due_at, deadline.agency.timezone)


@receiver(deadline_reminder_due)
def _on_reminder(sender, case: Case, deadline: Deadline, **kwargs) -> None:
    notify_agency(
        agency=deadline.agency,
        kind=NotificationKind.DEADLINE_REMINDER,
        title=_("Tenggat segera berakhir: %(kind)s, kasus %(ref)s")
        % {"kind": deadline.get_kind_display(), "ref": _ref(case)},
        body=_("Batas waktu: %(due)s.") % {"due": _due(deadline)},
        case=case,
        url=case_url(case),
    )


@receiver(deadline_breached)
def _on_breach(sender, case: Case, deadline: Deadline, **kwargs) -> None:
    notify_agency(
        agency=deadline.agency,
        kind=NotificationKind.DEADLINE_BREACHED,
        title=_("Tenggat terlewat: %(kind)s, kasus %(ref)s")
        % {"kind": deadline.get_kind_display(), "ref": _ref(case)},
        body=_("Batas waktu %(due)s telah lewat. Selesaikan tahap ini secepatnya.") % {"due": _due(deadline)},
        case=case,
        url=case_url(case),
    )


@receiver(deadline_escalated)
def _on_escalation(sender, case: Case, deadline: Deadline, agencies: list[Agency], **kwargs) -> None:
    for agency in agencies:
        notify_agency(
            agency=agency,
            kind=NotificationKind.ESCALATION,
            title=_("Eskalasi: tenggat %(kind)s kasus %(ref)s terlewat")
            % {"kind": deadline.get_kind_display(), "ref": _ref(case)},
            body=_(
                "%(office)s belum menyelesaikan tahap ini sebelum %(due)s. Mohon pengawasan instansi Anda."
            )
            % {"office": deadline.agency, "due": _due(deadline)},
            case=case,
            url=case_url(case),
        )


@receiver(sanction_below_recommendation)
def _on_lighter_sanction(sender, case: Case, sanction, actor, **kwargs) -> None:
    """The oversight body that recommended hears at once when a PPK imposes less (issue 15 item 6)."""
    recommending = sanction.recommendation.issued_by if sanction.recommendation_id else case.recipient
    if recommending is None:
        return
    notify_agency(
        agency=recommending,
        kind=NotificationKind.STAGE,
        title=_("Kasus %(ref)s: sanksi lebih ringan dari rekomendasi") % {"ref": _ref(case)},
        body=_("%(ppk)s menjatuhkan %(imposed)s. Alasan PPK tercatat pada kasus.")
        % {
            "ppk": sanction.imposed_by,
            "imposed": sanction.sanction.get_level_display() if sanction.sanction_id else "",
        },
        case=case,
        url=case_url(case),
        exclude=actor,
    )


@receiver(reporter_news)
def _on_reporter_news(sender, report_id: int, **kwargs) -> None:
    """Sent after commit; the e-mail goes from the worker (which holds the identity key)."""
    from netra.notifications.tasks import reporter_news_email_task

    reporter_news_email_task.delay(report_id)
