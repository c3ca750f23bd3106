"""Patrol services: registry import, ASN accounts, capture, bulk loads and matching, the queue's decisions."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseReport
from netra.core.exceptions import ApplicationError, PermissionDeniedError
from netra.elections.models import Contestant
from netra.patrol.models import (
    AsnAccount,
    BatchStatus,
    CaptureSource,
    ContestantAccount,
    Interaction,
    ItemReason,
    ItemStatus,
    LoadBatch,
    PatrolItem,
)
from netra.patrol.registry_io import RegistryFormatError, registry_specs
from netra.patrol.selectors import queue_list_visible_to, registry_for
from netra.patrol.services.accounts import AsnAccountIn, asn_account_create
from netra.patrol.services.capture import CaptureIn, capture_create, clean_post_url
from netra.patrol.services.loads import LoadIn, load_start
from netra.patrol.services.registry import registry_import
from netra.patrol.services.review import FindingFromItemIn, item_dismiss, item_make_finding
from netra.patrol.tests.fixtures import REGISTRY
from netra.regions.timezones import office_local

pytestmark = pytest.mark.django_db


def test_registry_import_and_registry_for(patrol_world):
    election = patrol_world["election"]
    pairs = Contestant.objects.filter(election=election).order_by("ballot_number")
    assert [p.candidate_name for p in pairs] == ["Andi Fiktif", "Citra Karangan"]
    registry = registry_for(election, "64.71.01")  # a kecamatan of Balikpapan: the city's race applies
    keys = [c.key for c in registry.contestants]
    assert keys == ["pilkada-uji-kini/64.71/1", "pilkada-uji-kini/64.71/2"]
    first = registry.contestants[0]
    assert first.hashtags == ("AndiBudiMenang",)
    assert first.handles == ("andifiktif",)
    assert first.gestures == ("salam satu jari",)
    assert first.nicknames == ("Bang Andi",)
    assert registry_for(election, "33.03").contestants == ()  # Purbalingga has no race here
    # importing again replaces terms and accounts, creates nothing
    registry_import(actor=None, specs=registry_specs(REGISTRY))
    assert Contestant.objects.filter(election=election).count() == 2
    assert ContestantAccount.objects.filter(contestant__election=election).count() == 2


def test_registry_import_refuses_a_bad_file_and_writes_nothing(patrol_world):
    doc = json.loads(json.dumps(REGISTRY))
    doc["contestants"][0]["parties"] = ["tidak-ada"]
    doc["contestants"].append(
        {"office": "wali_kota", "ballot_number": 3, "candidate": "E", "running_mate": ""}
    )
    before = ContestantAccount.objects.count()
    with pytest.raises(RegistryFormatError) as exc:
        registry_import(actor=None, specs=registry_specs(doc))
    assert exc.value.errors == ["contestants[0].parties: unknown party 'tidak-ada'"]
    doc["contestants"][0]["parties"] = []
    with pytest.raises(RegistryFormatError) as exc:
        registry_import(actor=None, specs=registry_specs(doc))
    assert exc.value.errors == ["contestants[2]: Nama calon dan calon wakil wajib diisi."]
    assert Contestant.objects.filter(election=patrol_world["election"]).count() == 2
    assert ContestantAccount.objects.count() == before


def _asn_in(**changes):
    values = dict(
        platform="facebook",
        handle="@Guru.Fiktif",
        name="Guru Fiktif",
        established_how="report",
        basis="Laporan LAP-2024-000001",
        region_code="64.71",
    )
    return AsnAccountIn(**(values | changes))


def test_asn_accounts_are_scoped_like_cases(patrol_world):
    users = patrol_world["users"]
    account = asn_account_create(actor=users["bpp_officer"], data=_asn_in())
    assert account.handle == "guru.fiktif"
    assert account.office == patrol_world["agencies"]["bpp"]
    assert AuditLogEntry.objects.filter(
        action="patrol.asn_account_create", object_id=str(account.pk)
    ).exists()
    with pytest.raises(PermissionDeniedError):  # Purbalingga is outside Balikpapan's jurisdiction
        asn_account_create(actor=users["bpp_officer"], data=_asn_in(handle="x", region_code="33.03"))
    with pytest.raises(PermissionDeniedError):  # a viewer does not record
        asn_account_create(actor=users["bpp_viewer"], data=_asn_in(handle="y"))
    with pytest.raises(ApplicationError, match="sudah tercatat"):
        asn_account_create(actor=users["bpp_officer"], data=_asn_in())
    with pytest.raises(ApplicationError) as exc:
        asn_account_create(actor=users["bpp_officer"], data=_asn_in(handle="z", nip="123", basis=""))
    assert set(exc.value.extra["errors"]) == {"nip", "basis"}
    from netra.patrol.selectors import asn_account_list_visible_to

    assert set(asn_account_list_visible_to(user=users["bpp_officer"])) == {account, patrol_world["asn"]}
    assert not asn_account_list_visible_to(user=users["pbg_officer"]).exists()  # an officer of Purbalingga
    assert AsnAccount.objects.count() == 2


def test_clean_post_url_drops_tracking_parameters():
    url, platform = clean_post_url(
        "https://www.instagram.com/p/AbC123/?igsh=MTIz&utm_source=ig_web&utm_medium=copy_link&img_index=2"
    )
    assert (url, platform) == ("https://www.instagram.com/p/AbC123/?img_index=2", "instagram")
    url, _ = clean_post_url("https://open.example.org/post/9?si=abc&fbclid=IwAR0&id=9")
    assert url == "https://open.example.org/post/9?id=9"
    with pytest.raises(ApplicationError):
        clean_post_url("javascript:alert(1)")


CSV = """kind,account,at,text,url,target_url,target_account
post,andifiktif,{t},Ayo coblos nomor 1 #AndiBudiMenang,https://www.instagram.com/p/ANDI1/,,
like,lurah.fiktif,{t},,,https://www.instagram.com/p/ANDI1/?utm_source=x,
like,warga.biasa,{t},,,https://www.instagram.com/p/ANDI1/,
comment,lurah.fiktif,{t},Mantap pak lanjutkan,,https://www.instagram.com/p/ANDI1/,
follow,lurah.fiktif,{t},,,,timcitradodi
post,lurah.fiktif,{t},Kerja bakti di kelurahan pagi ini,https://www.instagram.com/p/LURAH1/,,
"""


def test_bulk_load_flags_only_asn_accounts_on_contestants_content(
    patrol_world, django_capture_on_commit_callbacks
):
    officer = patrol_world["users"]["bpp_officer"]
    t = (timezone.now() - dt.timedelta(days=1)).isoformat()
    load = LoadIn(
        name="ekspor.csv",
        data=CSV.format(t=t).encode(),
        region_code="64.71",
        platform="instagram",
        election_code="pilkada-uji-kini",
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = load_start(actor=officer, load=load)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE, batch.errors
    assert batch.total == 6
    assert batch.flagged == 3
    items = list(queue_list_visible_to(user=officer))
    assert {(i.interaction.kind, i.reason) for i in items} == {
        ("like", ItemReason.ASN_INTERACTION),
        ("comment", ItemReason.ASN_INTERACTION),
        ("follow", ItemReason.ASN_INTERACTION),
    }
    by_kind = {i.interaction.kind: i for i in items}
    assert by_kind["follow"].contestant.ballot_number == 2
    assert by_kind["like"].contestant.ballot_number == 1
    assert by_kind["like"].asn_account == patrol_world["asn"]
    # the liked post's text is screened with the like: the engine names contestant 1 and says why
    assert by_kind["like"].contestant_key == "pilkada-uji-kini/64.71/1"
    assert any(r["kind"] == "hashtag" for r in by_kind["like"].reasons)
    assert items == sorted(items, key=lambda i: -i.score)
    # nothing of the citizen's like, and nobody outside the jurisdiction sees the queue
    assert not Interaction.objects.filter(account="warga.biasa").exists()  # a citizen's like is not kept
    assert set(Interaction.objects.values_list("account", flat=True)) == {"andifiktif", "lurah.fiktif"}
    assert bytes(batch.data) == b""  # the export is not kept once read; its hash is
    assert len(batch.sha256) == 64
    assert not queue_list_visible_to(user=patrol_world["users"]["pbg_officer"]).exists()


def test_bulk_load_with_bad_rows_reports_them_and_writes_nothing(
    patrol_world, django_capture_on_commit_callbacks
):
    officer = patrol_world["users"]["bpp_officer"]
    future = (timezone.now() + dt.timedelta(days=3)).isoformat()
    lines = [
        '{"kind": "like", "account": "lurah.fiktif", "at": "kemarin", "target_url": "https://x.com/a/status/1"}',
        json.dumps({"kind": "retweet", "account": "", "at": future}),
        '{"kind": "comment", "account": "a", "at": "2024-11-01T10:00:00+08:00", "target_url": "ftp://x"}',
    ]
    load = LoadIn(name="ekspor.jsonl", data="\n".join(lines).encode(), region_code="64.71", platform="x")
    with django_capture_on_commit_callbacks(execute=True):
        batch = load_start(actor=officer, load=load)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    where = {(e["row"], e["column"]) for e in batch.errors}
    assert where == {(1, "at"), (2, "kind"), (2, "account"), (2, "at"), (3, "target_url")}
    assert not Interaction.objects.exists()
    assert not PatrolItem.objects.exists()
    with pytest.raises(ApplicationError):
        load_start(
            actor=officer, load=LoadIn(name="ekspor.xlsx", data=b"x", region_code="64.71", platform="x")
        )
    assert LoadBatch.objects.count() == 1


def test_capture_to_temuan_with_its_evidence(patrol_world, django_capture_on_commit_callbacks):
    from netra.patrol.tests.fixtures import screenshot

    officer = patrol_world["users"]["bpp_officer"]
    now = timezone.now()
    data = CaptureIn(
        url="https://www.instagram.com/p/LURAH123/?igsh=abc&utm_source=wa",
        region_code="64.71",
        source=CaptureSource.OFFICER,
        text="Mari dukung Bang Andi nomor 1 #AndiBudiMenang",
        author_handle="@lurah.fiktif",
        election_code="pilkada-uji-kini",
    )
    with django_capture_on_commit_callbacks(execute=True):  # captured three days before the review
        capture = capture_create(
            actor=officer, data=data, file=screenshot(["Coblos nomor 1"]), now=now - dt.timedelta(days=3)
        )
    capture.refresh_from_db()
    assert capture.url == "https://www.instagram.com/p/LURAH123/"
    assert len(capture.file_sha256) == 64
    item = capture.item
    assert item.status == ItemStatus.OPEN
    assert item.asn_account == patrol_world["asn"]  # the author is a registered ASN account
    assert item.contestant_key == "pilkada-uji-kini/64.71/1"
    with pytest.raises(ApplicationError):
        item_dismiss(actor=officer, item_id=item.pk, reason="")
    case = item_make_finding(
        actor=officer,
        item_id=item.pk,
        finding=FindingFromItemIn(description="Lurah mengajak memilih paslon 1."),
        now=now,
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.FINDING
    assert item.case == case
    report = CaseReport.objects.get(case=case).report
    assert report.reference.startswith("TEM-")
    # discovered when captured: the temuan's 7-day window runs from the capture, not from the review
    assert report.known_date == office_local(capture.captured_at, officer.agency).date()
    stored = list(report.evidence.all())
    assert [e.sha256 for e in stored] == [capture.file_sha256]
    assert stored[0].uploaded_by == "petugas"
    assert [link.url for link in report.evidence_links.all()] == [capture.url]
    assert capture.file_sha256 in report.description
    assert AuditLogEntry.objects.filter(action="patrol.item_finding", object_id=str(item.pk)).exists()
    assert [s.name for s in case.subjects.all()] == ["Lurah Fiktif"]  # the ASN named as terlapor
    with pytest.raises(ApplicationError):  # decided once
        item_dismiss(actor=officer, item_id=item.pk, reason="sudah jadi temuan")


def test_dismiss_needs_a_reason_and_is_audited(patrol_world):
    officer = patrol_world["users"]["bpp_officer"]
    data = CaptureIn(url="https://x.com/a/status/5", region_code="64.71", text="Selamat pagi Balikpapan")
    item = capture_create(actor=officer, data=data).item
    item_dismiss(actor=officer, item_id=item.pk, reason="Bukan dukungan, sapaan biasa.")
    item.refresh_from_db()
    assert item.status == ItemStatus.DISMISSED
    entry = AuditLogEntry.objects.get(action="patrol.item_dismiss", object_id=str(item.pk))
    assert entry.after["reason"] == "Bukan dukungan, sapaan biasa."
    from netra.core.exceptions import NotFoundError

    with pytest.raises(NotFoundError):  # another office's item is not found
        item_dismiss(actor=patrol_world["users"]["pbg_officer"], item_id=item.pk, reason="coba coba")
