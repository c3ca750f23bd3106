"""The shared case workspace (HTML): case list and queues, the case page, and its actions.

Views parse input, call one service and render; every rule lives in the services. A stale form (the
case changed since the page was loaded) is refused with a clear message, never silently applied.
"""

import datetime as dt
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.agencies.models import Agency, AgencyFamily
from netra.agencies.selectors import employer_choices
from netra.cases import selectors, workflow
from netra.cases.models import Case, CaseState, ClarificationRole, DecisionOutcome, Person, PositionCategory
from netra.cases.selectors.casefile import case_file_for
from netra.cases.selectors.cases import (
    case_timeline,
    person_history,
    person_latest_subject,
    sanction_follow_up_stats,
)
from netra.cases.selectors.clarifications import clarification_list_visible, clarification_stats
from netra.cases.selectors.deadlines import deadline_queue_overdue, deadline_queue_upcoming, deadline_statuses
from netra.cases.selectors.documents import document_list_visible
from netra.cases.selectors.duplicates import duplicate_candidates
from netra.cases.services import clarifications as clarification_services
from netra.cases.services import documents as document_services
from netra.cases.services import merge as merge_services
from netra.cases.services import subjects as subject_services
from netra.cases.services import transitions as transition_services
from netra.cases.services.clarifications import absences_before_request
from netra.cases.services.edits import (
    case_deadline_extend,
    case_note_add,
    case_update,
)
from netra.cases.services.opening import finding_record, finding_refusal
from netra.cases.services.subjects import (
    subject_gaps,
    subject_update,
)
from netra.cases.services.transitions import transitions_for_user
from netra.cases.steps import step_for
from netra.cases.steps.forward import RECIPIENT_KINDS
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.core.scoping import action_refusal, scope_for
from netra.elections.selectors import contestant_label, contestant_list_for_incident, party_list_for_incident
from netra.intake.selectors import report_get_visible
from netra.rules.models import LEVEL_SEVERITY, Destination, EmploymentType, SubjectType, ViolationClass
from netra.rules.selectors.catalogue import conduct_list, sanctions_by_level


def _case_or_404(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_get_visible(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _run(request: HttpRequest, case_id: int, action, success: str, form: str = "") -> HttpResponse:
    """Call a service; on success go back to the case page with a notice. A refusal is shown on the
    case page too; when the refused `form` is named, the page is rendered again with what was typed,
    that form open and the refused field marked (nothing typed is lost)."""
    try:
        action()
    except NotFoundError as exc:
        raise Http404 from exc
    except ApplicationError as exc:  # ConflictError and PermissionDeniedError included
        if not form:
            messages.error(request, exc.message)
            return redirect("cases:detail", case_id=case_id)
        failed = {
            "form": form,
            "data": request.POST,
            "field": exc.extra.get("field", ""),
            "message": exc.message,
        }
        context = _detail_context(request, _case_or_404(request, case_id))
        context["failed"] = failed
        return render(request, "cases/detail.html", context, status=exc.status)
    messages.success(request, success)
    return redirect("cases:detail", case_id=case_id)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("tahap", "")
    q = request.GET.get("q", "").strip()[:100]
    cases = selectors.case_list_visible_to(
        user=request.user, state=state if state in CaseState.values else "", q=q
    )
    page = Paginator(cases, 50).get_page(request.GET.get("halaman"))
    stats = clarification_stats(selectors.case_list_visible_to(user=request.user))
    rate = stats["absence_rate"]
    stats["absence_percent"] = None if rate is None else round(rate * 100)
    return render(
        request,
        "cases/list.html",
        {
            "page": page,
            "states": CaseState,
            "state": state,
            "q": q,
            "clarification": stats,
            "can_record_finding": finding_refusal(user=request.user) is None,
            "follow_up": sanction_follow_up_stats(cases=selectors.case_list_visible_to(user=request.user)),
            **_queues(request),
        },
    )


def _queues(request: HttpRequest) -> dict:
    """The overdue queue and what falls due soon, for the clocks this user's offices answer for."""
    overdue = list(deadline_queue_overdue(user=request.user)[:20])
    upcoming = list(deadline_queue_upcoming(user=request.user)[:20])
    now = timezone.now()
    for d, status in zip(overdue + upcoming, deadline_statuses(overdue + upcoming, now), strict=True):
        d.status = status
    return {"overdue": overdue, "upcoming": upcoming}


def _detail_context(request: HttpRequest, case: Case) -> dict:
    user = request.user
    scope = scope_for(user)
    case = (
        Case.objects.select_related("election", "office", "recipient", "incident_region", "merged_into")
        .prefetch_related(
            "subjects__person",
            "subjects__agency",
            "subjects__violation",
            "subjects__conduct",
            "subjects__recommendations__addressed_to",
            "subjects__recommendations__sanction",
            "subjects__sanctions",
        )
        .get(pk=case.pk)
    )
    transitions = transitions_for_user(case=case, user=user)
    subjects = list(case.subjects.all())
    on = case.incident_date or timezone.localdate()
    catalogue: dict[str, dict] = {}  # one catalogue read per employment type, whatever the subjects
    for subject in subjects:
        subject.form_id = f"subject_edit-{subject.pk}"
        subject.gaps = subject_gaps(subject) if case.is_open else []
        _sanction_options(subject, on, catalogue)
    deadlines = list(case.deadlines.select_related("agency", "escalated_to"))
    for d, status in zip(deadlines, deadline_statuses(deadlines, timezone.now()), strict=True):
        d.status = status
    reports = [cr.report for cr in case.case_reports.select_related("report")]
    context = {
        "case": case,
        "scope": scope,
        "owner": workflow.STAGE_OWNER.get(case.state, ""),
        "transitions": transitions,
        "subjects": subjects,
        "deadlines": deadlines,
        "reports": reports,
        "events": case_timeline(case=case, user=user),
        "is_bawaslu": scope.acts_as(AgencyFamily.BAWASLU),
        "outcomes": DecisionOutcome,
        "violation_classes": ViolationClass,
        "destinations": [(d, Destination(d).label) for d in RECIPIENT_KINDS],
        "recipients": Agency.objects.filter(
            kind__in={k for kinds in RECIPIENT_KINDS.values() for k in kinds}, is_active=True
        ).order_by("name"),
        "subject_gaps_any": any(s.gaps for s in subjects),
        "can_extend": action_refusal(user, Case, "extend_deadline", case) is None,
        "can_classify": action_refusal(user, Case, "classify", case) is None,
        "moves": _moves(transitions, case),
        "conducts": conduct_list(),
        "employers": employer_choices(),
        "position_categories": PositionCategory,
        "employment_types": SubjectType,
        **_contest_choices(case),
        "today": timezone.localdate(timezone=zoneinfo.ZoneInfo(case.office.timezone)).isoformat(),
    }
    context.update(_area_context(request, case))
    return context


def _moves(transitions: list[workflow.Transition], case: Case) -> list[dict]:
    """Each move's form: its row in the table, its step's own fields and what to heed before it."""
    moves = []
    for t in transitions:
        step = step_for(t.name)
        moves.append(
            {"t": t, "form": step.form_template, "concerns": step.concerns(case) if step.concerns else []}
        )
    return moves


def _contest_choices(case: Case) -> dict:
    """Who can benefit, for this case's election and the incident's region only, labelled by ballot;
    kolom kosong is offered once (as the checkbox), and only where it is on the ballot."""
    if not case.election_id:
        return {"contestants": [], "parties": [], "empty_box_possible": False}
    pairs = contestant_list_for_incident(election=case.election, region_code=case.incident_region_id)
    return {
        "contestants": [(c.pk, contestant_label(c)) for c in pairs if not c.is_empty_box],
        "parties": party_list_for_incident(election=case.election, region_code=case.incident_region_id),
        "empty_box_possible": any(c.is_empty_box for c in pairs),
    }


def _sanction_options(subject, on: dt.date, catalogue: dict[str, dict]) -> None:
    """The punishments that may be recommended or recorded for this terlapor: the law in force on the
    incident date (PP 53/2010 until 30 Aug 2021, then PP 94/2021), the subject's employment type (PNS or
    PPPK; unknown counts as PNS) and, for the recommendation, the classified level."""
    employment = subject.employment_type if subject.employment_type in EmploymentType.values else "pns"
    if employment not in catalogue:
        catalogue[employment] = sanctions_by_level(employment_type=employment, on=on)
    by_level = catalogue[employment]
    every = [
        x for level in sorted(by_level, key=lambda lv: LEVEL_SEVERITY.get(lv, 9)) for x in by_level[level]
    ]
    subject.sanction_options = every
    level = subject.violation.level if subject.violation_id else ""
    subject.recommend_options = by_level.get(level, every) if level else every
    subject.law_note = f"{EmploymentType(employment).label}, {on:%d-%m-%Y}"


def _area_context(request: HttpRequest, case: Case) -> dict:
    """Documents, clarifications and duplicate proposals for this reader."""
    scope = scope_for(request.user)
    extra: dict = {
        "documents": document_list_visible(case=case, user=request.user),
        "clarifications": list(clarification_list_visible(case=case, user=request.user)),
        "duplicates": [],
        "case_file": case_file_for(case=case, user=request.user),
    }
    if case.is_open and scope.acts_as(AgencyFamily.BAWASLU):
        extra["duplicates"] = [
            {
                "case": c.case,
                "reasons": c.reasons,
                "can_merge": merge_services.case_merge_refusal(source=case, target=c.case, user=request.user)
                is None,
            }
            for c in duplicate_candidates(case=case, user=request.user)
        ]
    extra["can_notify_reporter"] = (
        document_services.status_notice_refusal(case=case, user=request.user) is None
    )
    extra["absences_needed"] = absences_before_request()
    extra["clarification_roles"] = ClarificationRole
    return extra


@login_required
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    return render(request, "cases/detail.html", _detail_context(request, case))


def _unconfirmed_final_move() -> None:
    raise ApplicationError(
        _("Centang konfirmasi: langkah ini mengakhiri penanganan kasus."), extra={"field": "confirm"}
    )


@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int, name: str) -> HttpResponse:
    case = _case_or_404(request, case_id)
    transition = workflow.transition_get(name)
    if transition is None:
        raise Http404
    payload = step_for(name).input.from_post(request.POST, case)
    if transition.is_final and request.POST.get("confirm") != "on":
        return _run(request, case_id, _unconfirmed_final_move, "", form=f"transition-{name}")
    return _run(
        request,
        case_id,
        lambda: transition_services.case_transition(
            case_id=case_id, user=request.user, name=name, payload=payload, expected_version=_version(request)
        ),
        _("Langkah “%(move)s” tercatat.") % {"move": transition.label},
        form=f"transition-{name}",
    )


@login_required
@require_POST
def case_note(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: case_note_add(
            case_id=case_id,
            user=request.user,
            body=request.POST.get("body", ""),
            internal_to_family=request.POST.get("internal") == "on",
        ),
        _("Catatan tersimpan."),
    )


@login_required
@require_POST
def case_extend(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: case_deadline_extend(
            case_id=case_id, user=request.user, reason=request.POST.get("reason", "")
        ),
        _("Tenggat tindak lanjut diperpanjang."),
    )


@login_required
@require_POST
def subject_add(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    data = _subject_form_data(request, include=("conduct",))
    return _run(
        request,
        case_id,
        lambda: subject_services.subject_add(
            case_id=case_id, user=request.user, data=data, expected_version=_version(request)
        ),
        _("Terlapor ditambahkan."),
        form="subject_add",
    )


def _subject_form_data(request: HttpRequest, include: tuple[str, ...] = ()) -> dict:
    """The terlapor form's fields as the services take them (an empty picker means "resolve from the
    name typed")."""
    fields = ("name", "nip", "agency_name", "position", "position_category", "employment_type", *include)
    data: dict = {k: request.POST.get(k, "").strip() for k in fields}
    agency_id = request.POST.get("agency_id", "")
    if agency_id.isdigit():
        data["agency_id"] = int(agency_id)
    return data


@login_required
@require_POST
def subject_edit(request: HttpRequest, case_id: int, subject_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    data = _subject_form_data(request)
    return _run(
        request,
        case_id,
        lambda: subject_update(
            case_id=case_id,
            subject_id=subject_id,
            user=request.user,
            data=data,
            expected_version=_version(request),
        ),
        _("Data terlapor diperbarui."),
        form=f"subject_edit-{subject_id}",
    )


@login_required
@require_POST
def subject_classify(request: HttpRequest, case_id: int, subject_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: subject_services.subject_classify(
            case_id=case_id,
            subject_id=subject_id,
            user=request.user,
            conduct_code=request.POST.get("conduct", ""),
            expected_version=_version(request),
        ),
        _("Klasifikasi tersimpan."),
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = Person.objects.filter(pk=person_id).first()
    recorded = person_latest_subject(person=person, user=request.user) if person else None
    if recorded is None:  # reachable only through a case the user may see
        raise Http404
    cases = list(person_history(person=person, user=request.user))
    context = {"person": person, "recorded": recorded, "cases": cases}
    return render(request, "cases/person.html", context)


@login_required
def finding_new(request: HttpRequest) -> HttpResponse:
    """Record a temuan (Formulir Model B.2), e.g. from social-media patrol or an anonymous tip."""
    if finding_refusal(user=request.user) is not None:
        raise Http404  # not a supervisor: there is no such page for them
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        try:
            incident = dt.date.fromisoformat(post["incident_date"]) if post.get("incident_date") else None
            found = dt.date.fromisoformat(post["found_date"]) if post.get("found_date") else None
        except ValueError:
            errors["incident_date"] = _("Tanggal tidak valid.")
        else:
            persons = [
                {
                    "name": post.get("person_name", ""),
                    "agency_name": post.get("person_agency", ""),
                    "nip": post.get("person_nip", ""),
                }
            ]
            sources = [int(x) for x in post.getlist("source_report_ids") if x.isdigit()]
            try:
                case = finding_record(
                    user=request.user,
                    description=post.get("description", ""),
                    incident_region_code=post.get("incident_region_code", "").strip(),
                    incident_place=post.get("incident_place", ""),
                    incident_date=incident,
                    found_date=found,
                    persons=persons,
                    source_report_ids=sources,
                    links=[u for u in post.get("links", "").split() if u],
                )
            except (ApplicationError, PermissionDeniedError) as exc:
                errors[exc.extra.get("field", "general")] = exc.message
            else:
                messages.success(
                    request, _("Temuan tercatat sebagai kasus %(ref)s.") % {"ref": case.reference}
                )
                return redirect("cases:detail", case_id=case.pk)
    initial = request.POST
    source = request.GET.get("sumber", "") or request.POST.get("source_report_ids", "")
    if request.method == "GET" and source.isdigit():
        tip = report_get_visible(user=request.user, report_id=int(source))
        if tip is None:
            raise Http404
        initial = {
            "description": tip.description,
            "incident_region_code": tip.incident_region_id or "",
            "incident_place": tip.incident_place,
            "incident_date": tip.incident_date.isoformat() if tip.incident_date else "",
            "links": "\n".join(link.url for link in tip.evidence_links.all()),
        }
    return render(
        request,
        "cases/finding_form.html",
        {"errors": errors, "post": initial, "source": source},
        status=400 if errors else 200,
    )


@login_required
@require_GET
def document_download(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    try:
        content, document = document_services.document_open(
            case_id=case_id, document_id=document_id, user=request.user
        )
    except NotFoundError as exc:
        raise Http404 from exc
    except ApplicationError as exc:  # a letter still being rendered, or whose rendering failed
        messages.error(request, exc.message)
        return redirect("cases:detail", case_id=case_id)
    response = HttpResponse(content, content_type=document.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{document.kind}-{document.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def status_notice(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: document_services.status_notice_send(case_id=case_id, user=request.user),
        _("Pemberitahuan status dikirim kepada pelapor."),
    )


def _local_datetime(case: Case, value: str) -> dt.datetime:
    """A datetime-local form value, read in the handling office's time zone."""
    try:
        naive = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ApplicationError(_("Jadwal tidak valid."), extra={"field": "scheduled_at"}) from exc
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(case.office.timezone))


@login_required
@require_POST
def clarification_schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_schedule(
            case_id=case_id,
            user=request.user,
            role=post.get("role", ""),
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            subject_id=int(post["subject_id"]) if post.get("subject_id", "").isdigit() else None,
            invitee_name=post.get("invitee_name", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request, case_id, act, _("Klarifikasi dijadwalkan dan surat undangan dibuat."), form="clarification"
    )


@login_required
@require_POST
def clarification_cancel(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: clarification_services.clarification_cancel(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            reason=request.POST.get("reason", ""),
        ),
        _("Jadwal klarifikasi dibatalkan."),
        form=f"clar-cancel-{clarification_id}",
    )


@login_required
@require_POST
def clarification_reschedule(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_reschedule(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            reason=post.get("reason", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request,
        case_id,
        act,
        _("Klarifikasi dijadwalkan ulang dan surat undangan pengganti dibuat."),
        form=f"clar-move-{clarification_id}",
    )


@login_required
@require_POST
def clarification_record(request: HttpRequest, case_id: int, clarification_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    return _run(
        request,
        case_id,
        lambda: clarification_services.clarification_record(
            case_id=case_id,
            clarification_id=clarification_id,
            user=request.user,
            attendance=request.POST.get("attendance", ""),
            absence_reason=request.POST.get("absence_reason", ""),
            minutes_file=request.FILES.get("minutes"),
        ),
        _("Kehadiran klarifikasi tercatat."),
    )


@login_required
@require_POST
def clarification_presentation(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_or_404(request, case_id)
    post = request.POST

    def act():
        clarification_services.clarification_request_presentation(
            case_id=case_id,
            user=request.user,
            subject_id=int(post.get("subject_id") or 0),
            scheduled_at=_local_datetime(case, post.get("scheduled_at", "")),
            place=post.get("place", ""),
            confirm_non_working_day=post.get("confirm_non_working_day") == "on",
        )

    return _run(
        request,
        case_id,
        act,
        _("Permintaan menghadirkan terlapor dikirim kepada atasan/PPK."),
        form="presentation",
    )


@login_required
@require_POST
def case_merge(request: HttpRequest, case_id: int) -> HttpResponse:
    _case_or_404(request, case_id)
    into = request.POST.get("into_case_id", "")
    target_id = int(into) if into.isdigit() else 0

    def act():
        merge_services.case_merge(
            source_id=case_id,
            target_id=target_id,
            user=request.user,
            reason=request.POST.get("reason", ""),
            expected_source_version=_version(request),
        )

    response = _run(request, case_id, act, _("Kasus digabungkan."))
    if Case.objects.filter(pk=case_id, state=CaseState.MERGED).exists():
        return redirect("cases:detail", case_id=target_id)
    return response


@login_required
@require_POST
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """Edit the contest target (and title) of the case, refusing a stale form."""
    _case_or_404(request, case_id)
    post = request.POST
    data = {
        "target_contestant_id": int(post["target_contestant_id"])
        if post.get("target_contestant_id", "").isdigit()
        else None,
        "target_party_id": int(post["target_party_id"])
        if post.get("target_party_id", "").isdigit()
        else None,
        "target_blank_column": post.get("target_blank_column") == "on",
    }
    if post.get("title", "").strip():
        data["title"] = post["title"].strip()[:300]
    return _run(
        request,
        case_id,
        lambda: case_update(
            case_id=case_id, user=request.user, data=data, expected_version=_version(request)
        ),
        _("Data kasus tersimpan."),
    )
