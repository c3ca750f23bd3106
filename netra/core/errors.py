"""The error pages (handler500): a database that cannot be reached is a 503, not a 500 (issue 13).

When PostgreSQL is down (restarting, failing over, out of connections) nothing can be stored, so the
honest answer is "temporarily unavailable, try again shortly": 503 with Retry-After, an Indonesian page
for people and problem details for the API. The page is rendered without a request context: the
context processors would read the session and the user from the very database that is down. Django
opens a new connection on the next request, so the app recovers by itself when the database is back.
"""

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    """True for an error that means "the database cannot be reached now" (also when wrapped)."""
    while exc is not None:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def unavailable_response(request) -> HttpResponse:
    from netra.core.api import PROBLEM_CONTENT_TYPE, problem_body

    if request.path.startswith("/api/"):
        body = problem_body(
            request,
            status=503,
            code="service-unavailable",
            title=_("Layanan sedang tidak tersedia. Silakan coba lagi beberapa saat lagi."),
        )
        response = HttpResponse(json.dumps(body), status=503, content_type=PROBLEM_CONTENT_TYPE)
    else:
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name: str = "500.html") -> HttpResponse:
    """handler500: called by Django inside its `except` for an unhandled exception (any layer)."""
    exc = sys.exc_info()[1]
    if database_unavailable(exc):
        logger.error("database unavailable: %s", type(exc).__name__)
        return unavailable_response(request)
    if request.path.startswith("/api/"):
        from netra.core.api import PROBLEM_CONTENT_TYPE, problem_body

        body = problem_body(
            request, status=500, code="server-error", title=_("Terjadi kesalahan pada server.")
        )
        return HttpResponse(json.dumps(body), status=500, content_type=PROBLEM_CONTENT_TYPE)
    return HttpResponseServerError(loader.get_template(template_name).render({}))


def bad_request(request, exception=None, template_name: str = "400.html") -> HttpResponse:
    """handler400. An upload over the limit (stopped while streaming, netra.evidence.uploads) is a 413
    that says the limit; anything else keeps Django's 400 page."""
    from django.core.exceptions import RequestDataTooBig
    from django.shortcuts import render
    from django.views.defaults import bad_request as django_bad_request

    if isinstance(exception, RequestDataTooBig):
        reason = getattr(exception, "message", "") or _("Isi permintaan terlalu besar.")
        if request.path.startswith("/api/"):
            from netra.core.api import PROBLEM_CONTENT_TYPE, problem_body

            body = problem_body(request, status=413, code="payload-too-large", title=reason)
            return HttpResponse(json.dumps(body), status=413, content_type=PROBLEM_CONTENT_TYPE)
        return render(request, template_name, {"reason": reason}, status=413)
    return django_bad_request(request, exception, template_name=template_name)
