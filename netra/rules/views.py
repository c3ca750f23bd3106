"""Public pages: the rulebook, one catalogue item, and the self-check. Thin: parse, call a selector, render."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from netra.core.scoping import scope_for
from netra.rules import selectors
from netra.rules.forms import SelfCheckForm
from netra.rules.models import EmploymentType, Level


def _shows_research(user) -> bool:
    """Sources, confidence marks and research notes are for officers (signed in, with an agency) and
    administrators; the public sees the legal basis only (issue 14)."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or scope_for(user).agency_id is not None)


def rulebook(request):
    return render(
        request,
        "rules/rulebook.html",
        {"book": selectors.rulebook(), "levels": Level, "show_research": _shows_research(request.user)},
    )


def violation_detail(request, code: str):
    violation = selectors.violation_get(code=code)
    if violation is None:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "rules/violation_detail.html",
        {
            "violation": violation,
            "recommended_level": Level(selectors.violation_recommended_level(violation=violation)),
            "siblings": selectors.violation_list(conduct=violation.conduct.code).exclude(pk=violation.pk),
            "sanctions": {
                label: selectors.sanctions_for(level=violation.level, employment_type=value, on=today)
                for value, label in EmploymentType.choices
            },
            "today": today,
            "show_research": _shows_research(request.user),
        },
    )


def self_check(request):
    form = SelfCheckForm(request.GET if "q" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = selectors.self_check(
            text=data["q"],
            election=data["election"],
            incident_date=data["date"],
            employment_type=data["employment_type"],
        )
    input_error = (
        result.message
        if result is not None
        and result.status in (selectors.SelfCheckStatus.EMPTY, selectors.SelfCheckStatus.TOO_SHORT)
        else ""
    )
    return render(
        request,
        "rules/self_check.html",
        {
            "form": form,
            "result": result,
            "input_error": input_error,
            "statuses": selectors.SelfCheckStatus,
            "show_research": _shows_research(request.user),
        },
    )
