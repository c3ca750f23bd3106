"""The demo's synthetic history follows the published figures it cites (synthetic.py), exactly, through
the same selectors the dashboard uses; it is marked as imported and loads once."""

import pytest

from netra.analytics.models import Stage, SubjectFact
from netra.analytics.selectors import StatsFilter, facts_for, stats_breakdown, stats_funnel
from netra.analytics.synthetic import synthetic_history_seed


def _funnel(user, **filters) -> dict:
    return {r["step"]: r["n"] for r in stats_funnel(facts_for(user=user, filters=StatsFilter(**filters)))}


@pytest.mark.django_db
def test_totals_follow_the_published_figures(world):
    assert synthetic_history_seed() == 2034 + 403 + 1158
    assert synthetic_history_seed() == 0  # once
    national = world["users"]["ri"]
    pilkada_2020 = _funnel(national, election_code="pilkada-2020")
    assert (pilkada_2020["alleged"], pilkada_2020["proven"], pilkada_2020["sanctioned"]) == (2034, 1597, 1450)
    pemilu_2024 = _funnel(national, election_code="pemilu-2024")
    assert (pemilu_2024["alleged"], pemilu_2024["proven"], pemilu_2024["sanctioned"]) == (403, 183, 97)
    facts_2024 = facts_for(user=national, filters=StatsFilter(election_code="pilkada-2024"))
    stages = {r["key"]: r["n"] for r in stats_breakdown(facts_2024, dimension="stage")}
    assert stages == {Stage.OVERSIGHT: 667, Stage.EMPLOYER: 436, Stage.SANCTIONED: 19, Stage.STOPPED: 36}
    jateng = facts_2024.filter(province_code="33")
    assert jateng.count() == 57
    assert jateng.filter(stage=Stage.STOPPED).count() == 10
    assert jateng.filter(forwarded_on__isnull=False).count() == 47
    balikpapan = {
        code: facts_for(user=national, filters=StatsFilter(election_code=code, region_code="64.71")).count()
        for code in ("pilkada-2020", "pilkada-2024")
    }
    assert balikpapan == {"pilkada-2020": 2, "pilkada-2024": 7}
    by_province_2020 = {
        r["key"]: r["n"]
        for r in stats_breakdown(
            facts_for(user=national, filters=StatsFilter(election_code="pilkada-2020")), dimension="province"
        )
    }
    assert by_province_2020["74"] == 90
    assert by_province_2020["52"] == 81
    assert not SubjectFact.objects.filter(is_imported=False, batch__isnull=False).exists()
