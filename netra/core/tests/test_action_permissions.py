"""Every named action of the scoping registry is covered by the permission test base
(netra.core.testing.ActionCase), like every API endpoint is (test_api_permissions.py)."""

import pytest

from netra.cases.tests.action_cases import CASES as CASE_ACTIONS
from netra.core.scoping import registered_actions
from netra.core.testing import check_action
from netra.patrol.tests.action_cases import CASES as PATROL_ACTIONS

CASES = [*CASE_ACTIONS, *PATROL_ACTIONS]


def test_every_registered_action_has_a_case():
    covered = {(c.model, c.action) for c in CASES}
    missing = sorted(f"{m.__name__}.{a}" for m, a in registered_actions() if (m, a) not in covered)
    assert not missing, f"named actions without an ActionCase: {missing}"


def test_no_stale_action_cases():
    assert {(c.model, c.action) for c in CASES} <= set(registered_actions())


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.model.__name__}.{c.action}:{c.allowed}")
def test_action_permissions(case, case_world):
    check_action(case, case_world)
