"""The terlapor on the case page (add, edit, classify) and the person page (issue 9: split out of
netra.cases.views). Thin: each calls one service."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.cases.models import Person
from netra.cases.selectors.cases import person_history, person_latest_subject
from netra.cases.services import subjects as subject_services
from netra.cases.services.subjects import subject_update
from netra.cases.views_common import _case_or_404, _run, _version
from netra.rules.selectors.positions import subject_type_warning


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
        warning=subject_type_warning(data["employment_type"], data["position"]),
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
        warning=subject_type_warning(data["employment_type"], data["position"]),
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
