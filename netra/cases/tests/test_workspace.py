"""The officer's workspace (issue 14): my queue, stages of my scope, notifications, the office's load —
scoped like every other read, within a fixed query budget."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from netra.cases.models import CaseState
from netra.cases.selectors.workspace import workspace_for
from netra.cases.services.edits import case_assign
from netra.cases.tests.fixtures import NOW

pytestmark = pytest.mark.django_db
SOON = NOW + dt.timedelta(hours=1)
LATE = NOW + dt.timedelta(days=40)


def counts(work) -> dict[str, int]:
    return {s.state: s.count for s in work.stages}


def test_my_queue_holds_what_is_assigned_to_me_and_what_waits_for_my_office(case_world):
    u, case = case_world["users"], case_world["case"]
    case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)

    mine = workspace_for(user=u["bpp_officer"], now=SOON)
    assert [c.pk for c in mine.assigned] == [case.pk]
    assert [c.pk for c in mine.waiting] == [case.pk]
    assert mine.waiting_total == 1
    assert counts(mine)[CaseState.INITIAL_REVIEW] == 1
    assert mine.load is None  # an officer does not see the office's load
    assert [n.case_id for n in mine.notifications][:1] == [case.pk]  # told of the assignment

    head = workspace_for(user=u["bpp_head"], now=SOON)
    assert head.assigned == []
    load = {o.name: (o.open_cases, o.overdue_cases) for o in head.load}
    assert load[str(u["bpp_officer"])] == (1, 0)


def test_overdue_and_due_soon_are_the_clocks_my_office_answers_for(case_world):
    u, case = case_world["users"], case_world["case"]
    case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)
    early = workspace_for(user=u["bpp_officer"], now=SOON)
    assert early.overdue == []
    late = workspace_for(user=u["bpp_officer"], now=LATE)
    assert {d.case_id for d in late.overdue} == {case.pk}
    assert all(d.status.severity == "overdue" for d in late.overdue)
    head = workspace_for(user=u["bpp_head"], now=LATE)
    officer = str(u["bpp_officer"])
    assert {o.name: o.overdue_cases for o in head.load}[officer] == 1


def test_out_of_scope_offices_see_nothing_of_the_case(case_world):
    u, case = case_world["users"], case_world["case"]
    for user in (u["pbg_head"], u["bkn_officer"], u["bkpsdm_officer"]):
        work = workspace_for(user=user, now=LATE)
        assert case.pk not in {c.pk for c in work.assigned + work.waiting}
        assert case.pk not in {d.case_id for d in work.overdue + work.due_soon}
        assert sum(counts(work).values()) == 0


def test_the_page_shows_the_queue_within_a_fixed_query_budget(case_world, django_assert_max_num_queries):
    u, case = case_world["users"], case_world["case"]
    case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)
    client = Client()
    client.force_login(u["bpp_head"])
    with time_machine.travel(LATE, tick=False), django_assert_max_num_queries(24):
        response = client.get("/ruang-kerja/")
    assert response.status_code == 200
    html = response.content.decode()
    overdue = html.split('data-testid="queue-overdue"')[1].split("</section>")[0]
    assert case.reference in overdue
    waiting = html.split('data-testid="queue-waiting"')[1].split("</section>")[0]
    assert case.reference in waiting
    assert 'data-testid="office-load"' in html
    officer = Client()
    officer.force_login(u["bpp_officer"])
    with time_machine.travel(LATE, tick=False):
        html = officer.get("/ruang-kerja/").content.decode()
    assigned = html.split('data-testid="queue-assigned"')[1].split("</section>")[0]
    assert case.reference in assigned
    assert 'data-testid="office-load"' not in html
