"""Reusable API permission checks (NetBox-style): one table of cases covers every endpoint.

Each secured operation in the OpenAPI document must have an `EndpointCase`; the checks are:
anonymous → 401; a user out of scope → 404 (or absent from a list); a user without the permission →
403/404; a user in scope → 2xx; and a write leaves an audit row. Public operations (no `security` in the
document) are called anonymously and must not answer 401/403/5xx.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from netra.audit.models import AuditLogEntry

SAFE_METHODS = {"get", "head", "options"}


@dataclass
class EndpointCase:
    method: str
    path: str  # the OpenAPI template, e.g. "/api/v1/agencies/{agency_id}"
    allowed: str  # key of a user who may call it on the target
    path_params: Callable[[dict], dict] = lambda world: {}
    denied: str | None = None  # key of a user for whom the target is out of scope
    denied_status: int = 404
    forbidden: str | None = None  # key of a user who sees the target but lacks the permission to act
    body: dict | None = None
    audit_action: str | None = None
    # For list endpoints: the id that the allowed user sees and the denied user must not.
    list_probe: Callable[[dict], Any] | None = None
    list_id_key: str = "id"
    # Request headers built from the world (e.g. If-Match with the target's current ETag).
    headers: Callable[[dict], dict] | None = None
    # A body that needs the world (ids of objects made by the fixture); overrides `body`.
    make_body: Callable[[dict], dict] | None = None
    extra: dict = field(default_factory=dict)

    def url(self, world: dict) -> str:
        return self.path.format(**self.path_params(world))

    @property
    def key(self) -> tuple[str, str]:
        return (self.method.lower(), self.path)


def call(client: Client, method: str, url: str, body: dict | None = None, headers: dict | None = None):
    kwargs: dict[str, Any] = {"HTTP_ACCEPT": "application/json", **(headers or {})}
    if body is not None:
        kwargs.update(data=body, content_type="application/json")
    return getattr(client, method.lower())(url, **kwargs)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def check_case(case: EndpointCase, world: dict) -> None:
    users = world["users"]
    url = case.url(world)
    body = case.make_body(world) if case.make_body else case.body
    headers = case.headers(world) if case.headers else None
    # 1. Anonymous: 401 with problem details.
    anon = call(Client(), case.method, url, body, headers)
    assert anon.status_code == 401, (case.key, anon.status_code, anon.content[:300])
    assert anon["Content-Type"].startswith("application/problem+json")

    # 2. Out of scope: not found (detail) or absent (list).
    if case.denied:
        response = call(login(users[case.denied]), case.method, url, body, headers)
        if case.list_probe is None:
            assert response.status_code == case.denied_status, (
                case.key,
                response.status_code,
                response.content[:300],
            )
        else:
            assert response.status_code == 200, (case.key, response.content[:300])
            ids = {item[case.list_id_key] for item in response.json()}
            assert case.list_probe(world) not in ids, (case.key, "out-of-scope item listed")

    # 3. Visible but not permitted.
    if case.forbidden:
        before = AuditLogEntry.objects.count()
        response = call(login(users[case.forbidden]), case.method, url, body, headers)
        assert response.status_code in (403, 404), (case.key, response.status_code)
        assert AuditLogEntry.objects.count() == before

    # 4. In scope: success, and a write leaves exactly its audit row.
    before = AuditLogEntry.objects.count()
    response = call(login(users[case.allowed]), case.method, url, body, headers)
    assert 200 <= response.status_code < 300, (case.key, response.status_code, response.content[:500])
    if case.list_probe is not None:
        ids = {item[case.list_id_key] for item in response.json()}
        assert case.list_probe(world) in ids, (case.key, "in-scope item missing")
    if case.method.lower() not in SAFE_METHODS:
        assert case.audit_action, f"{case.key}: a write endpoint must name its audit action"
        assert AuditLogEntry.objects.filter(action=case.audit_action).count() > 0
        assert AuditLogEntry.objects.count() > before
    else:
        assert AuditLogEntry.objects.count() == before, f"{case.key}: a read wrote to the audit log"


def openapi_operations(schema: dict) -> list[tuple[str, str, dict]]:
    ops = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                ops.append((method, path, op))
    return ops


@dataclass
class DoorCase:
    """A door around the scoping rules: a request on the user's *own* object whose body (or a second
    id) names an object of another jurisdiction, e.g. attaching another office's terlapor to one's own
    case. `EndpointCase` checks who may call an endpoint; a door case checks what the call may reach.

    Checked: the status (404 by default: out of scope is not found); a refused call writes no audit row;
    none of `secrets` (the other jurisdiction's stored values) appears in the response; then `expect`.
    """

    name: str
    method: str
    path: str
    user: str  # key of the user who calls (in scope for the path, not for what the body names)
    path_params: Callable[[dict], dict] = lambda world: {}
    make_body: Callable[[dict], dict] | None = None
    status: int = 404
    secrets: Callable[[dict], list[str]] = lambda world: []
    expect: Callable[[dict, Any], None] | None = None

    def url(self, world: dict) -> str:
        return self.path.format(**self.path_params(world))


def check_door(door: DoorCase, world: dict) -> None:
    before = AuditLogEntry.objects.count()
    body = door.make_body(world) if door.make_body else None
    response = call(login(world["users"][door.user]), door.method, door.url(world), body)
    assert response.status_code == door.status, (door.name, response.status_code, response.content[:500])
    if response.status_code >= 400:
        assert AuditLogEntry.objects.count() == before, (door.name, "a refused call wrote an audit row")
    text = response.content.decode("utf-8", "replace")
    for secret in door.secrets(world):
        assert secret not in text, (door.name, f"leaked {secret!r}")
    if door.expect is not None:
        door.expect(world, response)


@dataclass
class ActionCase:
    """A named action of the scoping registry (`core.scoping.register_action`), checked on one object:
    `allowed` may take it (and the object is in `restrict(qs, user, action)`); each of `refused` is
    refused with the given error code. A refusal for who the user is (permission, agency family) also
    keeps the object out of `restrict`; a refusal for the object's state (`state_codes`) does not.
    `prepare` brings the object into the state the action needs (e.g. a running clock)."""

    model: type[Any]
    action: str
    allowed: str | None  # None: nobody may, in this state (the case checks the refusals only)
    refused: tuple[tuple[str, str], ...] = ()
    obj: Callable[[dict], Any] = lambda world: world["case"]
    prepare: Callable[[dict], None] | None = None
    state_codes: frozenset[str] = frozenset({"case_closed", "no_running_clock"})


def check_action(case: ActionCase, world: dict) -> None:
    from netra.core.scoping import action_refusal, restrict

    if case.prepare is not None:
        case.prepare(world)
    obj = case.obj(world)
    obj.refresh_from_db()
    objects = case.model.objects.filter(pk=obj.pk)
    if case.allowed is not None:
        user = world["users"][case.allowed]
        assert action_refusal(user, case.model, case.action, obj) is None, (case.action, case.allowed)
        assert restrict(objects, user, case.action).exists(), (case.action, case.allowed, "not in restrict")
    for key, code in case.refused:
        refusal = action_refusal(world["users"][key], case.model, case.action, obj)
        assert refusal is not None, (case.action, key, "was allowed")
        assert refusal.code == code, (case.action, key, refusal.code, str(refusal))
        if code not in case.state_codes and refusal.status == 403 and code != "not_your_stage":
            assert not restrict(objects, world["users"][key], case.action).exists(), (case.action, key)
