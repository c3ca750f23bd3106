"""The authorization matrix, generated from the permission rules (issue 13).

Rows: every rule of the scoping registry (`registered_rules()`: each model's scope rules and every
named action the apps' permissions.py register). Columns: every role of `netra.agencies.roles` held in
offices at every level and family of the world (Bawaslu RI / provinsi / kab-kota and a sibling kab-kota,
an oversight body, an employer), plus anonymous. Nothing here lists the rules by hand: a new rule, action
or role is in the matrix the moment it is registered, and fails until the world has objects of its kind.

For each cell (rule × role × office) the checks are:
- deny by default: anonymous reaches nothing, except the rules on the explicit public list;
- an action never reaches what the same user cannot view (the model's "view" rule);
- a named action whose permission the role lacks reaches nothing and is refused (403);
- the jurisdiction nests: an office's superior (same role) reaches at least what the office reaches;
- siblings are apart: what two kab/kota offices (Balikpapan, Purbalingga) both reach under a rule is
  only what a user of the same role with no office reaches too (directories), or an object the world
  ties to both on purpose (a terlapor in cases of both);
- the doors agree with the rule: every kind with a detail endpoint answers 200 for an object in the
  user's scope and 404/403 for one outside it (pages and API alike); every other action is checked
  where services check it (`get_scoped_or_404` for the rule, `action_refusal` for named actions).
"""

import datetime as dt

import pytest
from django.http import Http404
from django.test import Client

from netra.agencies.roles import ROLE_PERMISSIONS
from netra.core.scoping import action_refusal, get_scoped_or_404, registered_actions, registered_rules
from netra.patrol.tests.fixtures import patrol_world  # noqa: F401 (a fixture the matrix world builds on)

# Rules anonymous users may use: public reference data (the law, regions, elections). Any other rule
# that lets anonymous reach an object fails the matrix.
PUBLIC_RULES = {
    ("regions", "region", "view"),
    ("rules", "conduct", "view"),
    ("rules", "violationtype", "view"),
    ("rules", "sanction", "view"),
    ("rules", "oversightbody", "view"),
    ("rules", "routingrule", "view"),
    ("elections", "election", "view"),
}

# Rules that follow a person, not a jurisdiction (a superior office does not read its staff's inbox).
PERSONAL_RULES = {("notifications", "notification", "view"), ("notifications", "notification", "change")}


# Objects the world deliberately ties to both sibling offices: (app, model) -> ids.
def _shared(world) -> dict:
    return {("cases", "person"): {world["shared_person"].pk}}


# Offices of the world that hold every role: (key, superior key or None).
OFFICES = [
    ("ri", None),
    ("kaltim", "ri"),
    ("bpp", "kaltim"),
    ("pbg", "jateng"),
    ("jateng", "ri"),
    ("bkn", None),
    ("pemkot", None),
]


def _detail_doors():
    """How each object kind is opened: (url builder, ...) per model; pages and the API."""
    from netra.agencies.models import Agency, User
    from netra.audit.models import AuditLogEntry
    from netra.cases.models import Case, Person
    from netra.elections.models import Election
    from netra.intake.models import Report
    from netra.patrol.models import LoadBatch, PatrolItem
    from netra.regions.models import Region
    from netra.rules.models import ViolationType

    return {
        Case: [lambda o: f"/kasus/{o.pk}/", lambda o: f"/api/v1/cases/{o.pk}"],
        Person: [lambda o: f"/kasus/terlapor/{o.pk}/", lambda o: f"/api/v1/cases/persons/{o.pk}"],
        Report: [lambda o: f"/lapor/petugas/{o.pk}/", lambda o: f"/api/v1/reports/{o.pk}"],
        Agency: [lambda o: f"/api/v1/agencies/{o.pk}"],
        User: [lambda o: f"/api/v1/agencies/users/{o.pk}"],
        AuditLogEntry: [lambda o: f"/api/v1/audit/entries/{o.seq}"],
        Region: [lambda o: f"/api/v1/regions/{o.code}"],
        ViolationType: [
            lambda o: f"/aturan/pelanggaran/{o.code}/",
            lambda o: f"/api/v1/rules/violations/{o.code}",
        ],
        Election: [lambda o: f"/api/v1/elections/{o.code}"],
        PatrolItem: [lambda o: f"/patroli/butir/{o.pk}/"],
        LoadBatch: [lambda o: f"/patroli/muat/{o.pk}/"],
    }


def _list_doors():
    """Kinds read only as lists (no detail endpoint): the list URL, the id field of its items, the
    model attribute it matches, and whether the list shows every object in scope (the public catalogue
    lists show the law in force only, so for them only "nothing out of scope" is checked)."""
    from netra.notifications.models import Notification
    from netra.rules.models import Conduct, OversightBody, Sanction

    return {
        Notification: ("/api/v1/notifications", "id", "pk", True),
        Conduct: ("/api/v1/rules/conducts", "code", "code", False),
        Sanction: ("/api/v1/rules/sanctions", "code", "code", False),
        OversightBody: ("/api/v1/rules/oversight-bodies", "code", "code", False),
    }


# Kinds with neither: why they are still covered.
NO_DOOR = {
    ("analytics", "subjectfact"): "counted, never opened: every dashboard, export and stats endpoint "
    "aggregates restrict(SubjectFact) (netra/analytics/tests/permission_cases.py)",
    ("rules", "routingrule"): "read through /api/v1/rules/routing's answer, not as rows",
    (
        "patrol",
        "asnaccount",
    ): "listed on /patroli/akun-asn/ (an HTML page over restrict(); netra/patrol/tests)",
    ("patrol", "capture"): "opened through its queue item (/patroli/butir/<pk>/, a door above)",
    ("elections", "contestant"): "no 'view' rule of its own here: the patrol's registry rules "
    "(patrol_view, patrol_edit) are checked as cells",
}

# Rules whose reach is deliberately the same for every office of the family (no jurisdiction).
SHARED_BY_DESIGN = {
    ("elections", "contestant", "patrol_view"): "every supervisor reads the election registry "
    "(netra/patrol/permissions.py)",
}


def _label(model) -> tuple[str, str]:
    return (model._meta.app_label, model._meta.model_name)


def _rule_key(model, action) -> tuple[str, str, str]:
    return (*_label(model), action)


def _patrol_objects(world: dict, capture_on_commit) -> None:
    """A capture (with its queue item) in Balikpapan and in Purbalingga, and a bulk load."""
    from django.utils import timezone

    from netra.patrol.services.capture import CaptureIn, capture_create
    from netra.patrol.services.loads import LoadIn, load_start
    from netra.patrol.tests.test_services import CSV

    users = world["users"]
    for user, region in ((users["bpp_officer"], "64.71"), (users["pbg_officer"], "33.03")):
        data = CaptureIn(
            url=f"https://www.instagram.com/p/MATRIX{region.replace('.', '')}/",
            region_code=region,
            text="Mari dukung Bang Andi nomor 1 #AndiBudiMenang",
            author_handle="@lurah.fiktif",
            election_code="pilkada-uji-kini",
        )
        with capture_on_commit(execute=True):
            capture_create(actor=user, data=data, now=timezone.now())
    t = (timezone.now() - dt.timedelta(days=1)).isoformat()
    load = LoadIn(
        name="ekspor.csv",
        data=CSV.format(t=t).encode(),
        region_code="64.71",
        platform="instagram",
        election_code="pilkada-uji-kini",
    )
    with capture_on_commit(execute=True):
        load_start(actor=users["bpp_officer"], load=load)


@pytest.fixture
def matrix_world(door_world, request, django_capture_on_commit_callbacks):
    """The scoping doors' world (cases in Balikpapan and Purbalingga, one forwarded to BKN and
    recommended to Pemkot Balikpapan), its facts and notifications, and one user per role per office."""
    from netra.agencies.tests.factories import UserFactory
    from netra.analytics.facts import facts_rebuild
    from netra.notifications.services import notify_users

    world = door_world
    request.getfixturevalue("patrol_world")  # the election registry and an ASN account, on the same world
    _patrol_objects(world, django_capture_on_commit_callbacks)
    facts_rebuild()
    agencies = world["agencies"]
    matrix = {}
    for office, _superior in OFFICES:
        for role in ROLE_PERMISSIONS:
            matrix[(office, role)] = UserFactory(
                username=f"m-{office}-{role}", agency=agencies[office], roles=[role]
            )
    for role in ROLE_PERMISSIONS:
        matrix[(None, role)] = UserFactory(username=f"m-none-{role}", agency=None, roles=[role])
    for user in (matrix[("bpp", "petugas")], matrix[("pbg", "petugas")]):
        notify_users(users=[user], kind="note", title=f"Untuk {user.username}", case=world["case"])
    world["matrix"] = matrix
    return world


def _sample(model):
    qs = model.objects.all().order_by("pk")
    if not qs.exists():
        pytest.fail(f"The matrix world has no {model.__name__}: add one to matrix_world")
    return qs


def _scoped_ids(model, user, action) -> set:
    from netra.core.scoping import restrict

    return set(restrict(model.objects.all(), user, action).values_list("pk", flat=True))


def _role_has(role: str, permission: str) -> bool:
    app, _, codename = permission.partition(".")
    for pattern in ROLE_PERMISSIONS[role]:
        p_app, _, p_code = pattern.partition(".")
        if p_app == app and (
            p_code == codename or (p_code.endswith("*") and codename.startswith(p_code[:-1]))
        ):
            return True
    return False


def _open(client: Client, url: str) -> int:
    return client.get(url, HTTP_ACCEPT="application/json").status_code


def _check_doors(model, user, client, in_ids: set, all_ids: list, stats: dict) -> None:
    """One object in scope answers 200, one out of scope 404/403, through every door of its kind."""
    inside = next((pk for pk in all_ids if pk in in_ids), None)
    outside = next((pk for pk in all_ids if pk not in in_ids), None)
    doors = _detail_doors().get(model)
    if doors:
        for pk, allowed in ((inside, True), (outside, False)):
            if pk is None:
                continue
            obj = model.objects.get(pk=pk)
            for door in doors:
                status = _open(client, door(obj))
                if allowed:
                    assert status == 200, (model.__name__, user.username, door(obj), status)
                else:
                    assert status in (401, 403, 404), (model.__name__, user.username, door(obj), status)
                stats["requests"] += 1
        return
    listing = _list_doors().get(model)
    if listing:
        url, item_key, attr, complete = listing
        response = client.get(url, HTTP_ACCEPT="application/json")
        stats["requests"] += 1
        if response.status_code in (401, 403):
            assert not in_ids, (model.__name__, user.username, "in scope but the list refused")
            return
        assert response.status_code == 200, (model.__name__, url, response.status_code)
        body = response.json()
        items = body["items"] if isinstance(body, dict) else body
        listed = {item[item_key] for item in items}
        wanted = {getattr(o, attr) for o in model.objects.filter(pk__in=in_ids)}
        hidden = {getattr(o, attr) for o in model.objects.exclude(pk__in=in_ids)}
        if complete:
            assert wanted <= listed, (
                model.__name__,
                user.username,
                "in scope but not listed",
                wanted - listed,
            )
        assert not (hidden & listed), (model.__name__, user.username, "out of scope listed", hidden & listed)
        return
    assert _label(model) in NO_DOOR, f"{model.__name__}: add a door to the matrix or a reason to NO_DOOR"


def _check_cell(model, action, user, role, stats) -> set:
    """One cell: the user's reach under the rule, checked against the view rule, the action's
    permission and the service-level lookup. Returns the ids in scope."""
    ids = _scoped_ids(model, user, action)
    if (model, "view") in registered_rules() and action != "view":
        assert ids <= _scoped_ids(model, user, "view"), (model.__name__, action, role, "acts beyond view")
    named = registered_actions().get((model, action))
    sample = list(_sample(model).values_list("pk", flat=True)[:200])
    if named is not None and not _role_has(role, named.permission) and not user.is_superuser:
        assert not ids, (model.__name__, action, role, "reached without the permission")
        refusal = action_refusal(user, model, action, model.objects.get(pk=sample[0]))
        assert refusal is not None, (model.__name__, action, role)
        assert refusal.status == 403, (model.__name__, action, role)
    for pk in [next((p for p in sample if p in ids), None), next((p for p in sample if p not in ids), None)]:
        if pk is None:
            continue
        if pk in ids:
            assert get_scoped_or_404(model.objects.all(), user, action, pk=pk).pk == pk
        else:
            with pytest.raises(Http404):
                get_scoped_or_404(model.objects.all(), user, action, pk=pk)
    stats["cells"] += 1
    return ids


def test_every_kind_has_a_door_or_a_reason():
    models = {model for model, _ in registered_rules()}
    doors = set(_detail_doors()) | set(_list_doors())
    missing = [m.__name__ for m in models if m not in doors and _label(m) not in NO_DOOR]
    assert not missing, f"object kinds the matrix cannot open: {missing}"
    assert {_label(m) for m in models} >= set(NO_DOOR), "stale NO_DOOR entries"


def test_public_rules_are_still_registered():
    keys = {_rule_key(m, a) for m, a in registered_rules()}
    assert keys >= PUBLIC_RULES, PUBLIC_RULES - keys


@pytest.mark.django_db
def test_authorization_matrix(matrix_world, capsys):
    from django.contrib.auth.models import AnonymousUser

    rules = sorted(registered_rules(), key=lambda k: _rule_key(*k))
    stats = {"cells": 0, "requests": 0}
    anonymous = AnonymousUser()
    for model, action in rules:
        reach = _scoped_ids(model, anonymous, action)
        if _rule_key(model, action) not in PUBLIC_RULES:
            assert not reach, (model.__name__, action, "anonymous reaches objects")
        else:
            assert reach, (model.__name__, action, "a public rule shows nothing")
        stats["cells"] += 1

    clients = {}
    shared = _shared(matrix_world)
    for (office, role), user in matrix_world["matrix"].items():
        clients[(office, role)] = Client()
        clients[(office, role)].force_login(user)
    for model, action in rules:
        all_ids = list(_sample(model).values_list("pk", flat=True)[:200])
        for role in ROLE_PERMISSIONS:
            reach = {}
            for office, _superior in OFFICES:
                user = matrix_world["matrix"][(office, role)]
                reach[office] = _check_cell(model, action, user, role, stats)
                if action == "view":
                    _check_doors(model, user, clients[(office, role)], reach[office], all_ids, stats)
            if _rule_key(model, action) in PERSONAL_RULES:
                continue
            if _rule_key(model, action) in SHARED_BY_DESIGN:
                continue
            baseline = _scoped_ids(model, matrix_world["matrix"][(None, role)], action)
            both = (reach["bpp"] & reach["pbg"]) - baseline - shared.get(_label(model), set())
            assert not both, (model.__name__, action, role, "reached by both sibling offices", both)
            for office, superior in OFFICES:
                if superior is not None:
                    assert reach[office] <= reach[superior], (model.__name__, action, role, office, superior)
    with capsys.disabled():
        print(
            f"\nauthorization matrix: {len(rules)} rules x {len(ROLE_PERMISSIONS)} roles x {len(OFFICES)} "
            f"offices (+ anonymous) = {stats['cells']} cells, {stats['requests']} requests through the doors"
        )
    assert stats["cells"] == len(rules) * (1 + len(ROLE_PERMISSIONS) * len(OFFICES))
