"""Fixtures for the rules tests. The catalogue itself comes from the data migration (0002)."""

import datetime as dt

import pytest

from netra.elections.models import ElectionKind
from netra.rules.models import Conduct
from netra.rules.tests.factories import ElectionFactory, election_with_determination

PILKADA_2024_DETERMINATION = dt.date(2024, 9, 22)


@pytest.fixture
def pilkada_2024(db):
    """Pilkada Serentak 2024: paslon determined 22 Sep 2024, voting 27 Nov 2024."""
    return election_with_determination(
        code="uji-pilkada-2024",
        kind=ElectionKind.PILKADA,
        determined_on=PILKADA_2024_DETERMINATION,
        voting_day=dt.date(2024, 11, 27),
        name="Pilkada Serentak 2024",
    )


@pytest.fixture
def pilkada_2020(db):
    """Pilkada 2020 (SKB 2020, PP 53/2010): paslon determined 23 Sep 2020, voting 9 Dec 2020."""
    return election_with_determination(
        code="uji-pilkada-2020",
        kind=ElectionKind.PILKADA,
        determined_on=dt.date(2020, 9, 23),
        voting_day=dt.date(2020, 12, 9),
        name="Pilkada Serentak 2020",
    )


@pytest.fixture
def election_without_stages(db):
    return ElectionFactory(
        code="pemilu-tanpa-jadwal", kind=ElectionKind.PEMILU, voting_day=dt.date(2029, 2, 14)
    )


@pytest.fixture
def conduct(db):
    def get(code: str) -> Conduct:
        return Conduct.objects.prefetch_related("violations").get(code=code)

    return get
