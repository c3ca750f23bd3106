"""The audit app has no factory (see its factories module): the recipe it gives instead writes a row
that belongs to the chain."""

import inspect

import factory
import pytest
from django.db import transaction

from netra.audit.services import audit_chain_verify, audit_record
from netra.audit.tests import factories
from netra.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_no_factory_bypasses_the_service():
    assert not [
        obj
        for _, obj in inspect.getmembers(factories, inspect.isclass)
        if issubclass(obj, factory.base.BaseFactory)
    ]


def test_the_documented_recipe_writes_a_chained_row(world):
    case = CaseFactory()
    officer = world["users"]["bpp_officer"]
    with transaction.atomic():
        entry = audit_record(actor=officer, action="uji.catat", instance=case, after={"state": case.state})
    entry.full_clean()
    assert (entry.object_type, entry.object_id, entry.actor_agency_id) == (
        "cases.case",
        str(case.pk),
        officer.agency_id,
    )
    assert audit_chain_verify().ok
