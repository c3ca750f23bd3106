"""The catalogue factories fetch the rows the rules data migrations loaded (by natural key), and a key
the data lacks makes a row the model's checks accept."""

import pytest

from netra.rules.models import (
    AsnPosition,
    Category,
    Conduct,
    CrimeProvision,
    Destination,
    Level,
    OversightBody,
    RoutingRule,
    Sanction,
    SubjectType,
    ViolationClass,
    ViolationType,
)
from netra.rules.tests.factories import (
    AsnPositionFactory,
    ConductFactory,
    CrimeProvisionFactory,
    OversightBodyFactory,
    RoutingRuleFactory,
    SanctionFactory,
    ViolationTypeFactory,
)

pytestmark = pytest.mark.django_db


def test_each_factory_fetches_its_catalogue_row():
    models = (Conduct, ViolationType, Sanction, OversightBody, RoutingRule, CrimeProvision, AsnPosition)
    counts = [m.objects.count() for m in models]
    rows = [
        ConductFactory(),
        ViolationTypeFactory(),
        ViolationTypeFactory(code="D-6"),
        SanctionFactory(),
        SanctionFactory(code="pppk-moral-terbuka"),
        OversightBodyFactory(),
        OversightBodyFactory(code="kasn"),
        RoutingRuleFactory(),
        CrimeProvisionFactory(),
        AsnPositionFactory(),
        AsnPositionFactory(code="camat"),
    ]
    assert [m.objects.count() for m in models] == counts  # all fetched, none made
    for row in rows:
        row.full_clean()
    ke2, d6 = rows[1], rows[2]
    assert ke2.conduct == rows[0]
    assert (ke2.category, ke2.level) == (Category.ETHICS, Level.MORAL)
    assert ke2.title.startswith("Melakukan sosialisasi/kampanye media sosial/online bakal calon (Presiden")
    assert d6.category == Category.DISCIPLINE
    assert rows[7].destination == Destination.OVERSIGHT_BODY


def test_a_key_the_catalogue_lacks_makes_a_valid_row():
    before = ViolationType.objects.count()
    item = ViolationTypeFactory(code="UJI-1", title="Butir uji")
    assert ViolationType.objects.count() == before + 1
    item.full_clean()
    assert item.conduct == Conduct.objects.get(code="medsos-kampanye")
    assert (item.category, item.level, item.verification) == (Category.ETHICS, Level.MORAL, "verified")
    rule = RoutingRuleFactory(subject_type=SubjectType.OTHER, violation_class=ViolationClass.CRIMINAL)
    rule.full_clean()
    assert (rule.election_kind, rule.destination) == ("", Destination.OVERSIGHT_BODY)
