"""Every URL the project serves, walked from the resolver: which are public is an explicit list
(issue 13). Any other URL must send an anonymous visitor to the login page or answer 401/403/404
(405 to a GET is accepted only when the same URL refuses an anonymous POST too). A new URL fails this
test until it is either protected or added to PUBLIC with a reason.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Public on purpose, by URL name. Everything else needs a signed-in officer (or the admin's login).
PUBLIC = {
    # The public site: home, the law (rulebook, self-check), the public statistics and open data.
    "core:home",
    "rules:rulebook",
    "rules:violation_detail",
    "rules:self_check",
    "analytics:public",
    "analytics:open_data",
    "analytics:boundaries",  # region outlines (public geography)
    # Operations: liveness and readiness probes for the load balancer (no data in them).
    "core:healthz",
    "core:ping",
    "core:readyz",
    # Reporting: the public forms; the receipt pages ask for the receipt (the reporter's credential).
    "intake:start",
    "intake:report",
    "intake:tip",
    "intake:follow",
    "intake:status",
    "intake:status_message",
    "intake:status_evidence",
    "intake:status_logout",
    # The receipt page and its PDF read the receipt this browser just filed (session, 30 minutes); the
    # status PDF needs the receipt login; the privacy page and the offices' contacts are public by design.
    "intake:receipt",
    "intake:receipt_pdf",
    "intake:receipt_done",
    "intake:status_pdf",
    "intake:contacts",
    "intake:privacy",
    # Signing in, out, and choosing the language.
    "accounts:login",
    "accounts:logout",
    # (admin:login is not public: /admin/login/ sends everyone to the staff login, netra.accounts)
    "admin:logout",
    "set_language",
    # The API's description (the contract is public) and its public endpoints (auth=None; the API
    # test base checks each operation: netra/core/tests/test_api_permissions.py).
    "openapi-json",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "api:list_regions",
    "api:get_region",
    "api:list_violations",
    "api:get_violation",
    "api:list_conducts",
    "api:list_sanctions",
    "api:list_oversight_bodies",
    "api:current_oversight_body",
    "api:get_route",
    "api:self_check",
    "api:list_elections",
    "api:get_election",
    "api:election_stage_on",
    "api:list_holidays",
    "api:list_rules",
    "api:compute",
    "api:receipt",
    "api:submit_report",
    "api:submit_tip",
}
# Not in PUBLIC: /api/v1/my-report* (the receipt in a header is the credential: 401 without it).

LOGIN_PREFIXES = ("/akun/masuk/", "/admin/login/")
DENIED = {401, 403, 404}
OTHER_METHODS = ("post", "patch", "put", "delete")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield name, prefix + str(entry.pattern)


def all_urls() -> list[tuple[str, str]]:
    return sorted(set(_walk(get_resolver())))


def _sample_values(world) -> dict:
    return {
        "case_id": world["case"].pk,
        "report_id": world["report"].pk,
        "person_id": world["case"].subjects.get().person_id,
        "subject_id": world["case"].subjects.get().pk,
        "code": "64.71",
        "level": "provinsi",
        "fmt": "csv",
        "table": "funnel",
        "name": "register",
    }


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _concrete(pattern: str, samples: dict) -> str:
    """A URL for the pattern: regex admin patterns are skipped; converters take a sample value."""

    def value(match: re.Match) -> str:
        return str(samples.get(match.group(2), "1"))

    url = _CONVERTER.sub(value, pattern)
    return "/" + url.lstrip("^").rstrip("$").replace("\\Z", "")


def _is_login_redirect(response) -> bool:
    return response.status_code in (301, 302) and response["Location"].startswith(LOGIN_PREFIXES)


def _refuses(url: str, response) -> bool:
    """Login redirect or 401/403/404; a GET answering 405 counts when every method the URL accepts
    refuses the anonymous caller."""
    if _is_login_redirect(response) or response.status_code in DENIED:
        return True
    if response.status_code != 405:
        return False
    answers = [
        getattr(Client(), method)(url, {}, content_type="application/json") for method in OTHER_METHODS
    ]
    accepted = [r for r in answers if r.status_code != 405]
    return bool(accepted) and all(_is_login_redirect(r) or r.status_code in DENIED for r in accepted)


def test_public_list_names_only_existing_urls():
    names = {name for name, _ in all_urls()}
    assert names >= PUBLIC, sorted(PUBLIC - names)


@pytest.mark.django_db
def test_every_url_is_public_by_name_or_refuses_anonymous(case_world, capsys):
    samples = _sample_values(case_world)
    checked = {"public": 0, "protected": 0}
    problems = []
    for name, pattern in all_urls():
        if "(?P<" in pattern or pattern.startswith("^"):
            # Django admin's regex patterns (app/model lists): all behind the admin's login.
            pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", "1", pattern).replace("^", "").replace("$", "")
        url = _concrete(pattern, samples)
        response = Client().get(url, HTTP_ACCEPT="text/html")
        if name in PUBLIC:
            checked["public"] += 1
            if response.status_code in (401, 403, 405) and url.startswith("/api/"):
                # The API path's public operation is a POST (e.g. /api/v1/reports: GET is the officers').
                response = Client().post(url, {}, content_type="application/json")
            if (
                response.status_code in (401, 403)
                or _is_login_redirect(response)
                or response.status_code >= 500
            ):
                problems.append((name, url, response.status_code, "public URL refused or failed"))
            continue
        checked["protected"] += 1
        if not _refuses(url, response):
            problems.append((name, url, response.status_code, "served to anonymous"))
    assert not problems, problems
    with capsys.disabled():
        print(f"\nURLs: {checked['public']} public by name, {checked['protected']} refuse anonymous")
    assert checked["public"] >= 20
    assert checked["protected"] >= 50
