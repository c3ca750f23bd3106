"""The officer's inbox (HTML): list, open (marks read and follows the link), mark all read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from netra.core.exceptions import NotFoundError
from netra.notifications import selectors, services


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    notes = selectors.notification_list_for(user=request.user, unread_only=request.GET.get("belum") == "1")
    page = Paginator(notes, 50).get_page(request.GET.get("halaman"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    try:
        note = services.notification_mark_read(user=request.user, notification_id=notification_id)
    except NotFoundError as exc:
        raise Http404 from exc
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("notifications:inbox")


def unread_count(request: HttpRequest) -> dict:
    """Template context: the unread badge in the top bar (one indexed COUNT for signed-in officers)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.notification_unread_count(user=user)}
