"""Public home page, the officer's workspace and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from netra.core.scoping import scope_for


def home(request):
    return render(request, "core/home.html")


@login_required
def workspace(request):
    """The officer's desk: my queue (assigned to me, waiting for my agency, overdue, due soon), the
    stages of my scope, recent notifications and, for the leadership, the office's load per officer."""
    # The workspace reads the case apps above core: imported here, so core itself depends on nothing.
    from netra.cases.selectors.workspace import workspace_for

    scope = scope_for(request.user)
    return render(
        request,
        "core/workspace.html",
        {
            "agency": request.user.agency,
            "scope": scope,
            "roles": request.user.groups.values_list("name", flat=True),
            "work": workspace_for(user=request.user),
        },
    )


def ping(request):
    """The smallest Django view (no database, no template): the baseline of bench/intake."""
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
