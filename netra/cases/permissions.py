"""Who sees which case (netra.core.scoping): deny by default, out of scope is 404.

- Bawaslu: cases whose incident region lies in its jurisdiction, or that its office handles.
- ASN oversight (BKN, KASN, Satgas members KemenPANRB/Kemendagri): cases forwarded to the oversight
  body, from the moment of forwarding (a regional office within its region).
- Employers (PPK with its BKPSDM/Inspektorat): cases with a recommendation addressed to them.
- Other recipients (TNI, Polri, Gakkumdu, KPU, DKPP, regional heads): cases forwarded to them.
A reporter's identity is never reachable through a case: it stays behind `intake.reveal_identity`.

A terlapor record (`Person`) is reachable only through a case: visible when the person is a subject of a
case the user may view; changeable only when *every* case the person appears in is one the user may
change (the same NIP can tie a Balikpapan case to a Purbalingga one, and neither office may edit the
other's record). What one case recorded about a subject lives on its `CaseSubject`.

Named actions on a case (`register_action`, below): who may take them and when the case's own state
refuses them. Services refuse with `action_refusal`; pages show a form exactly when it returns None.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netra.agencies.models import AgencyFamily
from netra.cases.models import Case, CaseSubject, Person, Recommendation
from netra.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from netra.core.scoping import Action, Scope, register_action, register_scope
from netra.rules.models import Destination


def _case_q(scope: Scope, perm: str) -> Q | None:
    if not scope.can(perm):
        return None
    family = scope.agency_family
    if family == AgencyFamily.BAWASLU:
        region = scope.region_q("incident_region__code")
        if region is None:
            return None
        return Q() if scope.is_national else region | Q(office_id__in=scope.agency_ids)
    if family == AgencyFamily.OVERSIGHT:
        region = scope.region_q("incident_region__code")
        if region is None:
            return None
        return Q(destination=Destination.OVERSIGHT_BODY, forwarded_at__isnull=False) & region
    if family == AgencyFamily.EMPLOYER:
        addressed = Recommendation.objects.filter(addressed_to_id__in=scope.agency_ids).values(
            "subject__case_id"
        )
        return Q(pk__in=addressed)
    if family == AgencyFamily.RECIPIENT:
        return Q(recipient_id__in=scope.agency_ids, forwarded_at__isnull=False)
    return None


@register_scope(Case, "view")
def _view(scope: Scope) -> Q | None:
    return _case_q(scope, "cases.view_case")


@register_scope(Case, "change")
def _change(scope: Scope) -> Q | None:
    return _case_q(scope, "cases.change_case")


@register_scope(Person, "view")
def _person_view(scope: Scope) -> Q | None:
    cases = _case_q(scope, "cases.view_case")
    if cases is None:
        return None
    return Q(pk__in=CaseSubject.objects.filter(case__in=Case.objects.filter(cases)).values("person_id"))


@register_scope(Person, "change")
def _person_change(scope: Scope) -> Q | None:
    cases = _case_q(scope, "cases.change_case")
    if cases is None:
        return None
    changeable = Case.objects.filter(cases)
    inside = CaseSubject.objects.filter(case__in=changeable).values("person_id")
    outside = CaseSubject.objects.exclude(case__in=changeable).values("person_id")
    return Q(pk__in=inside) & ~Q(pk__in=outside)


# --- named actions on a case ---------------------------------------------------------------------------

BAWASLU, OVERSIGHT = AgencyFamily.BAWASLU, AgencyFamily.OVERSIGHT


def _stage_owner(case: Case, user) -> ApplicationError | None:
    """Only the agency family that owns the current stage edits the case's substance."""
    from netra.cases.services.common import require_stage_owner

    try:
        require_stage_owner(case, user)
    except ApplicationError as refusal:
        return refusal
    return None


def _follow_up_running(case: Case, user) -> ApplicationError | None:
    from netra.cases.services.deadlines import OPEN_STATES
    from netra.clocks.models import DeadlineKind

    if (refusal := _stage_owner(case, user)) is not None:
        return refusal
    if not case.deadlines.filter(kind=DeadlineKind.FOLLOW_UP, state__in=OPEN_STATES).exists():
        return ConflictError(
            _("Tidak ada tenggat tindak lanjut yang berjalan untuk diperpanjang."), code="no_running_clock"
        )
    return None


# Bawaslu during its stages, the oversight body during examination; never the PPK, which acts on the
# recommendation and does not re-judge the violation.
register_action(
    Case,
    Action(
        "classify",
        "cases.change_case",
        families=(BAWASLU, OVERSIGHT),
        no_permission=_("Anda tidak berwenang mengubah klasifikasi."),
        not_family=_("Klasifikasi ditetapkan oleh pengawas pemilu atau pengawas ASN."),
        check=_stage_owner,
    ),
)
# The stage owner's officers, while a follow-up clock runs (additional information needed).
register_action(
    Case,
    Action(
        "extend_deadline",
        "cases.change_case",
        no_permission=_("Anda tidak berwenang memperpanjang tenggat."),
        check=_follow_up_running,
    ),
)
# The terlapor of a case: added and corrected by the stage owner.
register_action(
    Case,
    Action(
        "add_subject",
        "cases.change_case",
        no_permission=_("Anda tidak berwenang menambah terlapor."),
        check=_stage_owner,
    ),
)
register_action(
    Case,
    Action(
        "edit_subject",
        "cases.change_case",
        no_permission=_("Anda tidak berwenang mengubah data terlapor."),
        check=_stage_owner,
    ),
)
# The case's own details (title, summary, incident date, who benefits): the stage owner.
register_action(
    Case,
    Action(
        "edit",
        "cases.change_case",
        no_permission=_("Anda tidak berwenang mengubah kasus."),
        check=_stage_owner,
    ),
)
# A note on the shared timeline, and assigning an officer of one's own office: anyone who may change
# the case (every agency on the chain writes notes).
register_action(
    Case, Action("note", "cases.change_case", no_permission=_("Anda tidak berwenang menulis catatan."))
)
register_action(
    Case, Action("assign", "cases.change_case", no_permission=_("Anda tidak berwenang menugaskan petugas."))
)
# A temuan is recorded by supervisors (the Bawaslu family) with the permission to add cases.
register_action(
    Case,
    Action(
        "record_finding",
        "cases.add_case",
        families=(BAWASLU,),
        objects="view",
        no_permission=_("Anda tidak berwenang mencatat temuan."),
        not_family=_("Temuan hanya dicatat oleh pengawas pemilu."),
        not_family_code=PermissionDeniedError.code,
        family_first=True,
    ),
)


def _status_settled(case: Case, user) -> ApplicationError | None:
    """The status notice says how the laporan ended: after the plenary decision (or a stop), and only
    to a case that has a reporter (a temuan has none)."""
    from netra.cases.models import CaseState
    from netra.intake.models import ReportKind

    if case.state != CaseState.STOPPED and not case.decision_outcome:
        return ConflictError(
            _("Status laporan belum ditetapkan (belum ada putusan pleno)."), code="status_not_settled"
        )
    if not case.case_reports.exclude(report__kind=ReportKind.FINDING).exists():
        return ConflictError(_("Kasus ini tidak memiliki pelapor (temuan)."), code="no_reporter")
    return None


# The status notice to the reporter (pemberitahuan status laporan): Bawaslu's officers.
register_action(
    Case,
    Action(
        "notify_reporter",
        "cases.change_case",
        families=(BAWASLU,),
        no_permission=_("Anda tidak berwenang mengirim pemberitahuan status."),
        not_family=_("Anda tidak berwenang mengirim pemberitahuan status."),
        not_family_code=PermissionDeniedError.code,
        check=_status_settled,
    ),
)
# Clarification (summons, sessions, minutes): the election supervisors' step.
register_action(
    Case,
    Action(
        "clarify",
        "cases.change_case",
        families=(BAWASLU,),
        no_permission=_("Anda tidak berwenang mengelola klarifikasi."),
        not_family=_("Klarifikasi dilakukan oleh pengawas pemilu."),
    ),
)
# Merging duplicate cases is the supervisors' leadership's decision; both cases must still be in
# Bawaslu's hands (checked by services.merge on the pair).
register_action(
    Case,
    Action(
        "merge",
        "cases.merge_case",
        families=(BAWASLU,),
        no_permission=_("Anda tidak berwenang menggabungkan kasus."),
        no_permission_code="no_permission",
        not_family=_("Penggabungan kasus adalah kewenangan pengawas pemilu."),
        not_family_code=PermissionDeniedError.code,
    ),
)
# Uploading a document (BAP, the PPK's SK, other): who may upload which kind is the document's rule
# (services.documents); the action is the permission to add to the case file at all.
register_action(
    Case,
    Action(
        "upload_document", "cases.change_case", no_permission=_("Anda tidak berwenang mengunggah dokumen.")
    ),
)
# A terlapor record shared by cases: changed only by who may change every case it appears in (the
# Person "change" rule above).
register_action(
    Person,
    Action(
        "edit",
        "cases.change_case",
        objects="change",
        no_permission=_("Anda tidak berwenang mengubah data terlapor."),
    ),
)
