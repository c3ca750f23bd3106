"""seed_demo: a consistent, idempotent demo world that never loads in production."""

import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netra.agencies.models import Agency, User
from netra.audit.services import audit_chain_verify
from netra.clocks.selectors import deadline_for
from netra.core.scoping import scope_for
from netra.demo.seed import DEMO_PASSWORD, PEOPLE, SIMULATION_CODE, seed_demo
from netra.elections.models import Contestant, Election
from netra.elections.selectors import election_candidates_determined_on, election_stages_on

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def test_seed_is_idempotent_and_audited(capsys):
    call_command("seed_demo")
    counts = (Agency.objects.count(), User.objects.count(), Contestant.objects.count())
    call_command("seed_demo")
    assert (Agency.objects.count(), User.objects.count(), Contestant.objects.count()) == counts
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert "balikpapan.petugas" in out
    assert audit_chain_verify().ok


def test_every_demo_login_works_and_has_its_office():
    seed_demo(today=TODAY)
    for person in PEOPLE:
        user = User.objects.get(username=person.username)
        assert user.check_password(DEMO_PASSWORD)
        assert {g.name for g in user.groups.all()} == set(person.roles)


def test_demo_offices_have_the_right_zones_and_jurisdictions():
    seed_demo(today=TODAY)
    bpp = Agency.objects.get(code="bawaslu-kota-balikpapan")
    assert bpp.timezone == "Asia/Makassar"
    assert Agency.objects.get(code="bawaslu-kab-purbalingga").timezone == "Asia/Jakarta"
    assert scope_for(User.objects.get(username="balikpapan.petugas")).region_prefixes == ("64.71",)
    ppk = scope_for(User.objects.get(username="ppk.balikpapan"))
    assert Agency.objects.get(code="pemkot-balikpapan").pk in ppk.agency_ids
    assert bpp.pk not in ppk.agency_ids


def test_simulated_election_is_live_around_today():
    seed_demo(today=TODAY)
    election = Election.objects.prefetch_related("stages").get(code=SIMULATION_CODE)
    assert "campaign" in election_stages_on(election=election, on=TODAY)
    assert election_candidates_determined_on(election=election) < TODAY
    kotim = Contestant.objects.filter(election=election, region_id="62.02")
    assert kotim.filter(is_empty_box=True).count() == 1
    assert kotim.filter(is_empty_box=False).count() == 1
    # Clocks work on the demo world: a Pilkada report known today in Balikpapan.
    office = Agency.objects.get(code="bawaslu-kota-balikpapan")
    start = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    due = deadline_for("filing_window", start, election, office).due_at
    assert due.date() == dt.date(2026, 11, 30)
    assert due.hour == 16  # Monday, intake closes 16.00 WITA


def test_demo_reports_are_real_submissions():
    from netra.intake.models import Report
    from netra.intake.services import report_for_receipt

    world = seed_demo(today=TODAY)
    assert Report.objects.exclude(kind="temuan").count() == 4  # plus two temuan recorded by supervisors
    assert Report.objects.filter(kind="temuan").count() == 2
    first = report_for_receipt(receipt=world["receipt"])
    assert first.office.code == "panwaslu-balikpapan-selatan"
    assert first.election.code == SIMULATION_CODE
    assert first.is_timely is True
    assert first.messages.filter(sender="petugas").exists()
    assert Report.objects.filter(kind="informasi_awal").count() == 1
    assert Report.objects.exclude(missing=[]).exists()  # an incomplete one shows what is missing
    assert seed_demo(today=TODAY)["receipt"] is None  # idempotent: no second batch


def test_a_seed_for_a_fixed_day_never_reads_the_real_clock(django_capture_on_commit_callbacks):
    """Issue 8: seeded for 23 Nov 2026 but run years later, the world is still the one of 23 Nov 2026
    (10.00 WITA): reports received then, timely, and every clock started by then."""
    import time_machine

    from netra.cases.models import Deadline
    from netra.intake.models import Report
    from netra.intake.services import report_for_receipt

    seeded_at = dt.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
    years_later = dt.datetime(2029, 7, 14, 22, 30, tzinfo=dt.UTC)  # a Saturday night
    with time_machine.travel(years_later, tick=False), django_capture_on_commit_callbacks(execute=True):
        world = seed_demo(today=TODAY)
    first = report_for_receipt(receipt=world["receipt"])
    assert first.received_at == seeded_at
    assert first.is_timely is True
    assert first.reference.startswith("LAP-2026-")
    assert Report.objects.filter(received_at__gt=seeded_at).count() == 0
    assert Deadline.objects.count() > 0
    assert Deadline.objects.filter(starts_at__gt=seeded_at).count() == 0
    ppk_clock = Deadline.objects.filter(case__case_reports__report=first).latest("starts_at")
    assert ppk_clock.starts_at == seeded_at  # the PPK's clock runs from the recommendation at 10.00


def test_refused_when_demo_not_allowed(settings):
    settings.NETRA_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="never loads in production"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()


def test_demo_cases_give_every_agency_something_to_do(django_capture_on_commit_callbacks):
    from netra.cases.models import Case, CaseState
    from netra.cases.selectors import case_list_visible_to

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(today=TODAY)
    states = dict(Case.objects.values_list("reference", "state"))
    assert sorted(states.values()) == sorted(
        [
            CaseState.RECOMMENDED,  # this election's lurah case, waiting for the PPK
            CaseState.INITIAL_REVIEW,
            CaseState.REGISTERED,
            CaseState.CLOSED,  # Pilkada 2024, sanctioned and closed
            CaseState.RECEIVED,  # the temuan made from Kotawaringin Timur's tip
        ]
    )
    ppk = User.objects.get(username="ppk.balikpapan")
    assert {c.state for c in case_list_visible_to(user=ppk)} == {CaseState.RECOMMENDED, CaseState.CLOSED}
    assert case_list_visible_to(user=User.objects.get(username="kotim.petugas")).count() == 1
    assert audit_chain_verify().ok


def test_seeded_history_is_recorded_when_it_happened(django_capture_on_commit_callbacks):
    """Issue 15 item 8: the closed Pilkada 2024 case said "Dibuka 4 Desember 2026" and its letters were
    numbered /XII/2026 for a pleno of 16 Oct 2024."""
    from netra.cases.models import Case, CaseState, DocumentKind

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(today=TODAY)
    old = Case.objects.get(state=CaseState.CLOSED)
    assert old.created_at.year == 2024
    assert {e.created_at.year for e in old.events.all()} == {2024}
    forwarding = old.documents.get(kind=DocumentKind.FORWARDING)
    assert forwarding.number.endswith("/X/2024")
    assert forwarding.dated.year == 2024


def test_printed_links_use_the_address_actually_served(capsys, settings):
    """Issue 14 item 6: scripts/demo passes the address it serves on; no link may point elsewhere."""
    settings.NETRA_SITE_URL = ""
    call_command("seed_demo", base_url="http://192.0.2.7:8080")
    out = capsys.readouterr().out
    assert "http://192.0.2.7:8080/akun/masuk/" in out
    assert "http://192.0.2.7:8080/admin/" in out
    assert "127.0.0.1" not in out

    call_command("seed_demo", base_url="10.0.0.5:9000/")  # a bare host:port, as NETRA_DEMO_ADDR is written
    assert "http://10.0.0.5:9000/akun/masuk/" in capsys.readouterr().out


def test_scripts_demo_prints_the_served_address_not_the_default():
    """The shell side: the address logic of scripts/demo, run on its own (no server started)."""
    import pathlib
    import subprocess

    script = (pathlib.Path(__file__).resolve().parents[3] / "scripts" / "demo").read_text()
    logic = script[script.index('addr="${NETRA_DEMO_ADDR') : script.index('base_url="http://')]
    logic += 'base_url="http://$shown_host:$port"; echo "$base_url"'

    def run(addr: str) -> str:
        return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            ["/bin/bash", "-c", logic],
            env={"NETRA_DEMO_ADDR": addr, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert run("192.0.2.7:8080") == "http://192.0.2.7:8080"
    assert run("9000") == "http://127.0.0.1:9000"
    assert run("0.0.0.0:8000").endswith(":8000")
    assert not run("0.0.0.0:8000").startswith("http://0.0.0.0")
