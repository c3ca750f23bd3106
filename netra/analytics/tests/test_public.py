"""The public page and its open data: counts only, no login, small cells suppressed and not
recoverable from what is shown (the differencing attack fails), the same cells everywhere."""

import csv
import io

import pytest
from django.test import Client

from netra.analytics.models import Stage, SubjectFact
from netra.analytics.public import public_table
from netra.analytics.suppression import ALL, complete_table, disclosed, flat, pinned, relations_for

COUNTS = {
    ("64", "pilkada-2020"): 2,
    ("64", "pilkada-2024"): 7,
    ("33", "pilkada-2020"): 74,
    ("33", "pilkada-2024"): 57,
}


def _facts() -> None:
    SubjectFact.objects.bulk_create(
        SubjectFact(
            row_key=f"import:p:{p}:{e}:{i}",
            is_imported=True,
            province_code=p,
            region_code=p,
            election_code=e,
            stage=Stage.STOPPED,
        )
        for (p, e), n in COUNTS.items()
        for i in range(n)
    )


@pytest.mark.django_db
def test_small_cells_are_hidden_and_cannot_be_recovered():
    _facts()
    table = public_table()
    cells = table.cells
    assert cells[("64", "pilkada-2020")] is None  # 2 < 5
    assert cells[(ALL, ALL)] == 140  # the national total is large and shown
    # The differencing attack: from everything shown, recover any hidden cell exactly.
    dims = (flat(["33", "64"]), flat(["pilkada-2020", "pilkada-2024"]))
    truth = {k: v for k, v in _truth().items()}
    hidden = [k for k, v in cells.items() if v is None]
    assert hidden
    assert not disclosed(truth, hidden, relations_for(*dims))
    assert not pinned(truth, hidden, relations_for(*dims))
    assert all(v is None or v == 0 or v >= table.threshold for v in cells.values())


def _truth() -> dict:
    from netra.analytics.suppression import complete_table

    return complete_table(COUNTS, flat(["33", "64"]), flat(["pilkada-2020", "pilkada-2024"]))


@pytest.mark.django_db
def test_the_page_and_open_data_show_the_same_cells_without_login():
    _facts()
    client = Client()
    page = client.get("/statistik/publik/")
    assert page.status_code == 200
    assert "—" in page.content.decode()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/statistik/publik/asn-terlapor.csv").content.decode("utf-8-sig"))
        )
    )
    by_key = {(r["province"], r["election"]): r["asn_alleged"] for r in rows}
    assert by_key[("64", "pilkada-2020")] == ""
    assert by_key[("", "")] == "140"
    data = client.get("/statistik/publik/asn-terlapor.json").json()
    assert data["suppressed_below"] == 5
    truth = {("" if p == ALL else p, "" if e == ALL else e): n for (p, e), n in _truth().items()}
    shown = {(r["province"], r["election"]): r["asn_alleged"] for r in data["rows"]}
    assert all(v is None or v == truth[k] for k, v in shown.items())  # what is shown is true
    assert shown == {k: (None if v == "" else int(v)) for k, v in by_key.items()}  # CSV = JSON
    assert set(data["rows"][0]) == {"province", "election", "asn_alleged"}  # counts only, never a name


WAITING = {
    ("64", Stage.BAWASLU): 3,
    ("64", Stage.EMPLOYER): 9,
    ("33", Stage.OVERSIGHT): 12,
    ("33", Stage.EMPLOYER): 6,
}


@pytest.mark.django_db
def test_where_cases_wait_is_public_suppressed_and_unrecoverable():
    from netra.analytics.public import public_waiting

    SubjectFact.objects.bulk_create(
        SubjectFact(
            row_key=f"import:w:{p}:{s}:{i}", is_imported=True, province_code=p, region_code=p, stage=s
        )
        for (p, s), n in WAITING.items()
        for i in range(n)
    )
    waiting = public_waiting()
    assert waiting.stages == [Stage.BAWASLU, Stage.OVERSIGHT, Stage.EMPLOYER, ALL]
    assert waiting.cells[("64", Stage.BAWASLU)] is None  # 3 < 5
    assert waiting.cells[(ALL, ALL)] == 30
    hidden = {k for k, v in waiting.cells.items() if v is None}
    dims = (flat(["33", "64"]), flat([Stage.BAWASLU, Stage.OVERSIGHT, Stage.EMPLOYER]))
    relations = relations_for(*dims)
    table = complete_table(WAITING, *dims)  # the true counts, margins included
    assert not (set(disclosed(table, hidden, relations)) & hidden)  # the differencing attack fails
    assert not (pinned(table, hidden, relations) & hidden)
    page = Client().get("/statistik/publik/")
    assert 'data-testid="public-waiting"' in page.content.decode()
    data = Client().get("/statistik/publik/data/asn-menunggu.json").json()
    assert {(r["province"], r["stage"]): r["asn_waiting"] for r in data["rows"]}[("64", "bawaslu")] is None
    assert Client().get("/statistik/publik/data/nama-orang.json").status_code == 404


@pytest.mark.django_db
def test_within_time_is_public_only_for_agencies_with_enough_clocks(case_world, settings):
    from netra.analytics.public import public_within_time

    settings.NETRA_PUBLIC_MIN_CELL = 1
    rows = public_within_time()
    assert all(set(r) == {"clock", "clock_label", "agency", "ended", "share_within"} for r in rows)
    settings.NETRA_PUBLIC_MIN_CELL = 10_000
    assert public_within_time() == []
    csv_text = Client().get("/statistik/publik/data/tepat-waktu.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "clock,clock_label,agency,ended,share_within"
