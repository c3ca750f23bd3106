"""API fuzzing (issue 13): schemathesis generates requests from the app's own OpenAPI document, sends them to
the Django WSGI app (the whole middleware stack, PostgreSQL, Redis), anonymous and as a logged-in officer
(session cookie plus CSRF token, as a browser sends them), and checks every answer:

- not_a_server_error: no 5xx, whatever the input (valid or not);
- response_schema_conformance / content_type_conformance: a documented answer matches its schema.

Bounded for CI: NETRA_FUZZ_EXAMPLES examples per operation and generation mode (positive: valid by the
schema; negative: violating it), derandomised so a run is repeatable; raise it locally to search harder
(`NETRA_FUZZ_EXAMPLES=200 pytest netra/core/tests/test_api_fuzz.py -s`). Each failure is reported with
the request that caused it; the summary line (operations, examples, failures) is printed with -s.
"""

import json
import os
import secrets
from collections import Counter
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.api import api

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("NETRA_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _schema():
    document = json.loads(json.dumps(api.get_openapi_schema(path_prefix=""), default=str))
    document["servers"] = [{"url": "/api/v1"}]
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = WSGIHandler()
    return loaded


@dataclass
class Tally:
    operations: int = 0
    examples: int = 0
    unsatisfiable: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)

    def line(self, who: str) -> str:
        return (
            f"fuzz ({who}): {self.operations} operations, {self.examples} examples, "
            f"{len(self.failures)} failures; statuses {dict(sorted(self.statuses.items()))}"
        )


def _fuzz(operation, mode: GenerationMode, tally: Tally, *, headers: dict, cookies: dict) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        tally.examples += 1
        response = case.call(headers=headers, cookies=cookies)
        tally.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except AssertionError as exc:  # Failure / FailureGroup (a BaseExceptionGroup of Failures)
            key = f"{operation.label} {response.status_code}"
            tally.failures.setdefault(key, f"{exc}\n{case.as_curl_command()}"[:3000])
        except BaseExceptionGroup as exc:
            key = f"{operation.label} {response.status_code}"
            tally.failures.setdefault(key, f"{exc.exceptions[0]}\n{case.as_curl_command()}"[:3000])

    try:
        run()
    except Unsatisfiable:  # e.g. no way to break a schema without parameters in negative mode
        tally.unsatisfiable.append(f"{operation.label} {mode.value}")


def _run_all(*, headers: dict, cookies: dict) -> Tally:
    tally = Tally()
    for result in _schema().get_all_operations():
        operation = result.ok()
        tally.operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, tally, headers=headers, cookies=cookies)
    return tally


def _report(tally: Tally, who: str) -> None:
    print("\n" + tally.line(who))  # noqa: T201 (the figures the issue asks for)
    assert tally.operations >= 66
    assert tally.examples >= tally.operations
    assert not tally.failures, "\n\n".join(f"{k}\n{v}" for k, v in sorted(tally.failures.items()))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's WSGI handler closes the database connection after each request (request_finished); the
    test client disconnects that for the test's transaction, and so must requests sent straight to the
    handler here."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_fuzz_anonymous(case_world):
    _report(_run_all(headers={}, cookies={}), "anonymous")


def test_fuzz_officer(case_world):
    client = Client()
    client.force_login(case_world["users"]["bpp_officer"])
    token = secrets.token_hex(16)  # a CSRF secret (32 characters), as the csrftoken cookie carries
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    _report(_run_all(headers={"X-CSRFToken": token}, cookies=cookies), "officer")
