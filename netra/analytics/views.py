"""Staff dashboard pages (scoped: each user sees their own jurisdiction)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

extra_urlpatterns: list = []  # further dashboard pages and downloads


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")  # replaced by the dashboard (issue 11)
