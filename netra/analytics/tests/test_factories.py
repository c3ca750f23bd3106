"""The analytics factories build imported facts as an import stores them; live facts come from a case
built by the cases factories through `facts_refresh`, never by hand."""

import pytest

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.analytics.facts import facts_refresh
from netra.analytics.models import ImportBatch, Stage, SubjectFact
from netra.analytics.selectors import StatsFilter, facts_for
from netra.analytics.tests.factories import ImportBatchFactory, ImportedFactFactory
from netra.cases.tests.factories import CaseSubjectFactory
from netra.elections.models import Election

pytestmark = pytest.mark.django_db


def test_an_imported_fact_is_valid_and_points_at_reference_rows(world):
    fact = ImportedFactFactory()
    fact.full_clean()
    fact.batch.full_clean()
    assert (fact.is_imported, fact.case_id, fact.subject_id) == (True, None, None)
    assert fact.row_key.startswith("import:")
    assert len(fact.row_key) == len("import:") + 64
    assert Election.objects.filter(code=fact.election_code, kind=fact.election_kind).exists()
    assert (fact.province_code, fact.office, fact.employer) == (
        "64",
        world["agencies"]["bpp"],
        world["agencies"]["pemkot"],
    )
    assert (fact.batch.status, fact.batch.progress) == (ImportBatch.Status.DONE, 100)
    assert (fact.stage, fact.closed_on) == (Stage.SANCTIONED, fact.sanctioned_on)
    waiting = ImportedFactFactory(at_oversight=True, batch=fact.batch)
    assert (waiting.stage, waiting.waiting_since, waiting.closed_on) == (
        Stage.OVERSIGHT,
        waiting.forwarded_on,
        None,
    )
    # Counted by the offices that reach Kota Balikpapan's cases and by the PPK, not by Purbalingga.
    ppk = UserFactory(agency=world["agencies"]["pemkot"], roles=[Role.OFFICER])
    pbg = UserFactory(agency=world["agencies"]["pbg"], roles=[Role.OFFICER])
    for user in (world["users"]["bpp_officer"], ppk):
        assert set(facts_for(user=user, filters=StatsFilter())) == {fact, waiting}
    assert not facts_for(user=pbg, filters=StatsFilter()).exists()


def test_a_live_fact_is_the_projection_of_a_factory_case(world):
    subject = CaseSubjectFactory()
    assert facts_refresh(case_ids=[subject.case_id]) == 1
    fact = SubjectFact.objects.get(subject=subject)
    fact.full_clean()
    assert (fact.case, fact.is_imported, fact.region_code) == (subject.case, False, "64.71.01")
    assert (fact.election_code, fact.office, fact.employer) == (
        "pilkada-2024",
        subject.case.office,
        world["agencies"]["pemkot"],
    )
    assert ImportBatchFactory().facts.count() == 0
