import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache

from netra.intake import submission as intake_submission

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
NOW = dt.datetime(2024, 10, 10, 10, 0, tzinfo=WITA)  # Pilkada 2024 campaign (reference data)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_submission(**changes) -> intake_submission.Submission:
    base = {
        "kind": "laporan",
        "description": "Lurah membagikan unggahan kampanye pasangan calon wali kota di grup WhatsApp warga.",
        "incident_region_code": "64.71.01",
        "incident_place": "Kantor Kelurahan Manggar",
        "incident_date": dt.date(2024, 10, 7),
        "known_date": dt.date(2024, 10, 8),
        "persons": [
            intake_submission.PersonIn(name="Lurah Manggar", agency_name="Pemerintah Kota Balikpapan")
        ],
        "witnesses": [intake_submission.WitnessIn(name="Rina Wati", contact="0811-222-333")],
        "identity": intake_submission.IdentityIn(
            name="Budi Santoso",
            nik="6471012345670001",
            address="Jl. Mulawarman 12, Balikpapan",
            phone="0812-3456-7890",
            email="budi.santoso@contoh.id",
        ),
        "statement_of_truth": True,
        "links": ["https://www.facebook.com/groups/warga/posts/123"],
    }
    base.update(changes)
    return intake_submission.Submission(**base)


@pytest.fixture
def submission():
    return make_submission


@pytest.fixture
def current_election(db):
    """A nationwide Pilkada whose campaign runs today, so relative dates have a filing window."""
    from netra.elections.tests.factories import running_pilkada

    return running_pilkada()
