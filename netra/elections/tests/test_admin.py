"""The election admin: inline contestants follow the service rules, and every inline write is audited."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from netra.audit.models import AuditLogEntry
from netra.elections.models import Contestant, ElectionKind
from netra.elections.tests.factories import ElectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(username="admin-pemilihan", password="x")
    client.force_login(user)
    return client


@pytest.fixture
def election():
    return ElectionFactory(
        code="pilkada-admin",
        name="Pilkada Admin",
        kind=ElectionKind.PILKADA,
        voting_day=dt.date(2029, 11, 28),
        is_nationwide=False,
        region_codes=["64.71"],
    )


def _post_data(election, contestants: list[dict]) -> dict:
    data = {
        "code": election.code,
        "name": election.name,
        "kind": election.kind,
        "voting_day": election.voting_day.isoformat(),
        "regions": ["64.71"],
        "legal_basis": "",
        "notes": "",
    }
    for prefix, rows in (("stages", []), ("party_entries", []), ("contestants", contestants)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


PAIR = {
    "office": "wali_kota",
    "region": "64.71",
    "ballot_number": "1",
    "candidate_name": "Calon Fiktif",
    "running_mate_name": "Wakil Fiktif",
}
BOX = {"office": "wali_kota", "region": "64.71", "ballot_number": "", "is_empty_box": "on"}


def test_change_page_renders(admin_client, election):
    response = admin_client.get(reverse("admin:elections_election_change", args=[election.pk]))
    assert response.status_code == 200
    assert b"contestants-TOTAL_FORMS" in response.content


def test_inline_pair_and_empty_box_are_saved_and_audited(admin_client, election):
    url = reverse("admin:elections_election_change", args=[election.pk])
    response = admin_client.post(url, _post_data(election, [PAIR, BOX]))
    assert response.status_code == 302, response.context["inline_admin_formsets"][2].formset.non_form_errors()
    assert Contestant.objects.filter(election=election).count() == 2
    actions = list(
        AuditLogEntry.objects.filter(action="contestant.create.admin").values_list("after", flat=True)
    )
    assert len(actions) == 2
    assert {a["is_empty_box"] for a in actions} == {True, False}


def test_inline_empty_box_without_a_pair_is_refused(admin_client, election):
    url = reverse("admin:elections_election_change", args=[election.pk])
    response = admin_client.post(url, _post_data(election, [BOX]))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.non_form_errors()
    assert any("tepat satu pasangan" in e for e in errors)
    assert not Contestant.objects.filter(election=election).exists()
    assert not AuditLogEntry.objects.filter(action="contestant.create.admin").exists()


def test_inline_office_must_match_region(admin_client, election):
    url = reverse("admin:elections_election_change", args=[election.pk])
    response = admin_client.post(url, _post_data(election, [{**PAIR, "office": "bupati"}]))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.non_form_errors()
    assert any("kabupaten" in e.lower() for e in errors)
