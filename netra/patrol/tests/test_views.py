"""The patrol pages: scoped (404 out of scope), forms show the services' errors on their fields, never a 500."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netra.cases.models import Case
from netra.elections.models import Contestant
from netra.patrol.models import (
    AsnAccount,
    ContestantAccount,
    ContestantProfile,
    ItemStatus,
    LoadBatch,
    PatrolItem,
)
from netra.patrol.services.capture import CaptureIn, capture_create
from netra.patrol.tests.fixtures import REGISTRY, screenshot

pytestmark = pytest.mark.django_db


def _item(world, text="Ayo coblos nomor 1 #AndiBudiMenang"):
    data = CaptureIn(
        url="https://x.com/lurah/status/1", region_code="64.71", text=text, election_code="pilkada-uji-kini"
    )
    return capture_create(actor=world["users"]["bpp_officer"], data=data).item


def test_queue_and_item_pages_are_scoped(client, patrol_world):
    item = _item(patrol_world)
    client.force_login(patrol_world["users"]["bpp_officer"])
    page = client.get(reverse("patrol:queue"))
    assert page.status_code == 200
    assert reverse("patrol:item", args=[item.pk]) in page.content.decode()
    detail = client.get(reverse("patrol:item", args=[item.pk])).content.decode()
    assert '<mark data-kind="hashtag">#AndiBudiMenang</mark>' in detail
    assert '<mark data-kind="number">coblos nomor 1</mark>' in detail
    client.force_login(patrol_world["users"]["pbg_officer"])
    assert client.get(reverse("patrol:item", args=[item.pk])).status_code == 404
    assert reverse("patrol:item", args=[item.pk]) not in client.get(reverse("patrol:queue")).content.decode()
    client.force_login(patrol_world["users"]["bkpsdm"])  # an employer's admin: not a supervisor
    assert client.get(reverse("patrol:queue")).status_code == 403


def test_item_reasons_are_named_in_the_readers_language(client, patrol_world):
    """The engine's codes ("hashtag", "call_to_vote") are kept beside words the reviewer reads."""
    item = _item(patrol_world)
    kinds = {r["kind"] for r in item.reasons}
    assert {"hashtag", "call_to_vote"} <= kinds
    client.force_login(patrol_world["users"]["bpp_officer"])
    url = reverse("patrol:item", args=[item.pk])
    page = client.get(url).content.decode()
    assert "tagar kampanye <code>hashtag</code>" in page
    assert "ajakan memilih <code>call_to_vote</code>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # what the language picker sets
    english = client.get(url).content.decode()
    assert "campaign hashtag <code>hashtag</code>" in english
    assert "call to vote <code>call_to_vote</code>" in english


def test_dismiss_and_finding_through_the_pages(client, patrol_world):
    first, second = _item(patrol_world), _item(patrol_world, text="Selamat pagi warga")
    client.force_login(patrol_world["users"]["bpp_viewer"])  # may read, may not decide
    page = client.get(reverse("patrol:item", args=[first.pk])).content.decode()
    assert 'data-testid="finding-form"' not in page
    assert (
        client.post(reverse("patrol:item_dismiss", args=[second.pk]), {"reason": "sapaan biasa"}).status_code
        == 403
    )
    client.force_login(patrol_world["users"]["bpp_officer"])
    bad = client.post(reverse("patrol:item_dismiss", args=[second.pk]), {"reason": "no"})
    assert bad.status_code == 400
    assert "Tuliskan alasan" in bad.content.decode()
    client.post(reverse("patrol:item_dismiss", args=[second.pk]), {"reason": "Sapaan biasa, bukan dukungan."})
    second.refresh_from_db()
    assert second.status == ItemStatus.DISMISSED
    response = client.post(
        reverse("patrol:item_finding", args=[first.pk]), {"description": "Lurah mengajak memilih."}
    )
    first.refresh_from_db()
    assert first.status == ItemStatus.FINDING
    assert response.url == reverse("cases:detail", args=[first.case_id])
    assert Case.objects.filter(pk=first.case_id, origin="temuan").exists()


def test_capture_page_stores_the_file_and_reports_bad_input(
    client, patrol_world, django_capture_on_commit_callbacks
):
    client.force_login(patrol_world["users"]["bpp_officer"])
    bad = client.post(
        reverse("patrol:capture"),
        {"url": "nota-url", "region_code": "33.03", "source": "officer", "text": "x"},
    )
    assert bad.status_code == 400
    assert 'data-testid="error-url"' in bad.content.decode()
    form = {
        "url": "https://www.instagram.com/p/XYZ/?igsh=abc",
        "region_code": "64.71",
        "source": "reporter",
        "file": screenshot(["Coblos nomor 1"]),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("patrol:capture"), form)
    item = PatrolItem.objects.get()
    assert response.url == reverse("patrol:item", args=[item.pk])
    page = client.get(response.url).content.decode()
    assert item.capture.file_sha256 in page
    assert "petunjuk" in page
    client.force_login(patrol_world["users"]["bpp_viewer"])
    assert client.get(reverse("patrol:capture")).status_code == 403


def test_load_page_shows_row_errors(client, patrol_world, django_capture_on_commit_callbacks):
    client.force_login(patrol_world["users"]["bpp_officer"])
    data = b"kind,account,at\nlike,lurah.fiktif,bukan-waktu\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("patrol:loads"),
            {"file": SimpleUploadedFile("e.csv", data), "platform": "instagram", "region_code": "64.71"},
        )
    batch = LoadBatch.objects.get()
    page = client.get(response.url).content.decode()
    assert 'data-testid="load-errors"' in page
    assert "<td>2</td><td>at</td>" in page
    assert batch.status == "failed"
    client.force_login(patrol_world["users"]["pbg_officer"])
    assert client.get(reverse("patrol:load", args=[batch.pk])).status_code == 404


def test_registry_and_asn_pages(client, patrol_world):
    pair = Contestant.objects.get(election=patrol_world["election"], ballot_number=2)
    url = reverse("patrol:registry_contestant", args=[pair.pk])
    client.force_login(patrol_world["users"]["pbg_officer"])
    assert client.get(url).status_code == 404  # Balikpapan's race is not Purbalingga's to edit
    client.force_login(patrol_world["users"]["bpp_officer"])
    client.post(
        url, {"nicknames": "Mbak Citra\nCiDo", "hashtags": "#CitraDodi2", "gestures": "salam dua jari"}
    )
    assert pair.patrol_profile.nicknames == ["Mbak Citra", "CiDo"]
    client.post(
        reverse("patrol:registry_account_add", args=[pair.pk]),
        {"platform": "tiktok", "handle": "@CiDo.Official", "role": "official"},
    )
    assert ContestantAccount.objects.filter(
        contestant=pair, platform="tiktok", handle="cido.official"
    ).exists()
    asn = {
        "platform": "facebook", "handle": "guru.x", "name": "Guru X", "nip": "12", "established_how": "report",
        "basis": "LAP", "region_code": "64.71",
    }  # fmt: skip
    bad = client.post(reverse("patrol:asn_accounts"), asn)
    assert bad.status_code == 400
    assert 'data-testid="error-nip"' in bad.content.decode()
    assert 'data-testid="error-basis"' in bad.content.decode()
    client.post(reverse("patrol:asn_accounts"), asn | {"nip": "", "basis": "Laporan LAP-2024-000009"})
    assert AsnAccount.objects.filter(
        handle="guru.x", established_by=patrol_world["users"]["bpp_officer"]
    ).exists()


def test_highlight_escapes_and_marks_without_overlaps():
    from netra.patrol.views import highlight

    reasons = [
        {"kind": "name", "text": "Andi"},
        {"kind": "hashtag", "text": "#AndiMenang"},
        {"kind": "model", "text": "<b>Pilih</b> #AndiMenang"},
    ]
    out = highlight("<b>Pilih</b> #AndiMenang", reasons)
    assert out == '&lt;b&gt;Pilih&lt;/b&gt; <mark data-kind="hashtag">#AndiMenang</mark>'


def test_queue_page_stays_within_a_query_budget(client, patrol_world, django_assert_max_num_queries):
    for n in range(3):
        _item(patrol_world, text=f"Ayo coblos nomor 1 #AndiBudiMenang ke-{n}")
    client.force_login(patrol_world["users"]["bpp_officer"])
    client.get(reverse("patrol:queue"))  # warm the session and the scope
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("patrol:queue"))
    for n in range(10):
        _item(patrol_world, text=f"Selamat pagi {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):  # 13 items cost what 3 did
        page = client.get(reverse("patrol:queue"))
    assert page.content.decode().count('data-testid="queue-row"') == 13


def test_registry_file_upload_in_the_page(client, patrol_world):
    doc = json.loads(json.dumps(REGISTRY))
    doc["contestants"][0]["hashtags"] = ["#AndiLagi"]
    client.force_login(patrol_world["users"]["bpp_officer"])
    upload = SimpleUploadedFile("registri.json", json.dumps(doc).encode())
    response = client.post(reverse("patrol:registry"), {"file": upload})
    assert response.status_code == 302
    assert ContestantProfile.objects.get(
        contestant__ballot_number=1, contestant__region_id="64.71"
    ).hashtags == ["AndiLagi"]
    # another jurisdiction's race is refused, with every problem on the form, nothing written
    client.force_login(patrol_world["users"]["pbg_officer"])
    doc["contestants"][0]["hashtags"] = ["#Diubah"]
    bad = client.post(
        reverse("patrol:registry"), {"file": SimpleUploadedFile("r.json", json.dumps(doc).encode())}
    )
    assert bad.status_code == 400
    assert "pilkada-uji-kini/64.71: di luar wilayah kerja Anda." in bad.content.decode()
    broken = client.post(reverse("patrol:registry"), {"file": SimpleUploadedFile("r.json", b"{")})
    assert broken.status_code == 400
    assert "not valid JSON" in broken.content.decode()
    assert ContestantProfile.objects.get(
        contestant__ballot_number=1, contestant__region_id="64.71"
    ).hashtags == ["AndiLagi"]


def test_api_lists_the_queue_with_reasons_and_dismisses(client, patrol_world):
    item = _item(patrol_world)
    client.force_login(patrol_world["users"]["bpp_officer"])
    listed = client.get("/api/v1/patrol/items").json()
    assert [i["id"] for i in listed] == [item.pk]
    assert listed[0]["url"] == "https://x.com/lurah/status/1"
    assert {"kind": "hashtag", "text": "#AndiBudiMenang"}.items() <= next(
        r for r in listed[0]["reasons"] if r["kind"] == "hashtag"
    ).items()
    bad = client.post(
        f"/api/v1/patrol/items/{item.pk}/dismiss", {"reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")
    done = client.post(
        f"/api/v1/patrol/items/{item.pk}/dismiss",
        {"reason": "Bukan dukungan."},
        content_type="application/json",
    )
    assert done.json()["status"] == "dismissed"
    assert client.get("/api/v1/patrol/items").json() == []
