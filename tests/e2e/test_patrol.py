"""Social-media patrol in the browser (issue 12): a registry is loaded, a supervisor registers an ASN's
account, loads an export of a contestant's page and captures a post with a screenshot, reviews the queue
(highest score first, the reasons highlighted in the text), dismisses one item with a reason and turns
another into a temuan that appears as a case with its evidence hashes."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Page, expect

from netra.audit.models import AuditLogEntry
from netra.cases.models import Case, CaseReport
from netra.patrol.models import Capture, PatrolItem

from .test_case_chain import DESKTOP, chain_offices, login

pytestmark = pytest.mark.django_db(transaction=True)

REGISTRY = {
    "election": "pilkada-uji-rantai",
    "region": "64.71",
    "contestants": [
        {
            "office": "wali_kota",
            "ballot_number": 1,
            "candidate": "Andi Fiktif",
            "running_mate": "Budi Rekaan",
            "nicknames": ["Bang Andi"],
            "hashtags": ["#AndiBudiMenang"],
            "gestures": ["salam satu jari"],
            "accounts": [{"platform": "instagram", "handle": "@andifiktif"}],
        },
        {
            "office": "wali_kota",
            "ballot_number": 2,
            "candidate": "Citra Karangan",
            "running_mate": "Dodi Khayal",
            "hashtags": ["#CitraDodi2"],
            "accounts": [{"platform": "instagram", "handle": "timcitradodi", "role": "campaign"}],
        },
    ],
}


def _screenshot(lines: list[str]) -> bytes:
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 32)
    image = Image.new("RGB", (1200, 70 * len(lines) + 60), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 30 + 70 * i), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _export() -> bytes:
    at = (timezone.now() - dt.timedelta(hours=5)).isoformat(timespec="seconds")
    rows = [
        "kind,account,at,text,url,target_url,target_account",
        f"post,andifiktif,{at},Ayo coblos nomor 1 #AndiBudiMenang,https://www.instagram.com/p/ANDI1/,,",
        f"like,lurah.damai,{at},,,https://www.instagram.com/p/ANDI1/?utm_source=ig_web,",
        f"like,warga.biasa,{at},,,https://www.instagram.com/p/ANDI1/,",
        f"follow,lurah.damai,{at},,,,timcitradodi",
    ]
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_registry_load_review_and_temuan(page: Page, tmp_path):
    chain_offices()
    registry = tmp_path / "registri.json"
    registry.write_text(json.dumps(REGISTRY), encoding="utf-8")
    call_command("import_registry", str(registry))

    login(page, "agus")
    page.get_by_role("link", name="Patroli").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrean telaah patroli")

    # the registry as loaded
    page.get_by_test_id("patrol-nav").get_by_role("link", name="Registri peserta").click()
    expect(page.get_by_test_id("registry-contestants")).to_contain_text("Andi Fiktif")
    expect(page.get_by_test_id("registry-contestants")).to_contain_text("Citra Karangan")

    # an ASN's account, from a clarification
    page.get_by_test_id("patrol-nav").get_by_role("link", name="Akun ASN").click()
    form = page.get_by_test_id("asn-form")
    form.get_by_label("Platform").select_option("instagram")
    form.get_by_label("Nama akun").fill("@Lurah.Damai")
    form.get_by_label("Nama ASN").fill("Lurah Damai")
    form.get_by_label("Instansi").fill("Pemerintah Kota Balikpapan")
    form.get_by_label("Cara diketahui").select_option("investigation")
    form.get_by_label("Dasar").fill("Berita acara klarifikasi 12/BA/2024")
    form.get_by_label("Kode wilayah").fill("64.71")
    form.get_by_role("button", name="Catat").click()
    expect(page.get_by_test_id("asn-accounts")).to_contain_text("@lurah.damai")

    # an export of the contestant's page: only the registered ASN's interactions are queued
    page.get_by_test_id("patrol-nav").get_by_role("link", name="Muat data").click()
    form = page.get_by_test_id("load-form")
    form.get_by_label("Berkas ekspor").set_input_files(
        files=[{"name": "andi-ig.csv", "mimeType": "text/csv", "buffer": _export()}]
    )
    form.get_by_label("Platform").select_option("instagram")
    form.get_by_label("Kode wilayah").fill("64.71")
    form.get_by_label("Kode pemilihan").fill("pilkada-uji-rantai")
    form.get_by_role("button", name="Muat").click()
    expect(page.get_by_test_id("load-status")).to_have_text("Selesai")
    expect(page.get_by_test_id("load-flagged")).to_contain_text("2 butir")

    # a post captured with its screenshot (OCR'd)
    page.get_by_test_id("patrol-nav").get_by_role("link", name="Tangkap unggahan").click()
    form = page.get_by_test_id("capture-form")
    form.get_by_label("Tautan unggahan").fill(
        "https://www.instagram.com/p/DAMAI555/?igsh=MTIz&utm_source=ig_web_copy_link"
    )
    form.get_by_label("Kode wilayah").fill("64.71")
    form.get_by_label("Kode pemilihan").fill("pilkada-uji-rantai")
    form.get_by_label("Akun pengunggah").fill("lurah.damai")
    screenshot = _screenshot(
        ["Lurah Damai", "Warga, coblos nomor 1 ya!", "Bersama Bang Andi #AndiBudiMenang"]
    )
    form.get_by_label("Tangkapan layar").set_input_files(
        files=[{"name": "tangkapan.png", "mimeType": "image/png", "buffer": screenshot}]
    )
    form.get_by_role("button", name="Simpan tangkapan").click()
    expect(page.locator(".messages")).to_contain_text("Tangkapan disimpan")
    capture = Capture.objects.get()
    assert capture.url == "https://www.instagram.com/p/DAMAI555/"
    assert "coblos nomor 1" in capture.ocr_text
    expect(page.get_by_test_id("item-sha256")).to_have_text(capture.file_sha256)

    # the queue: three items, highest score first; the capture's reasons are highlighted
    page.get_by_test_id("patrol-nav").get_by_role("link", name="Antrean telaah").click()
    rows = page.get_by_test_id("queue-row")
    expect(rows).to_have_count(3)
    scores = [float(s.replace(",", ".")) for s in page.get_by_test_id("queue-item").all_inner_texts()]
    assert scores == sorted(scores, reverse=True)
    follow = PatrolItem.objects.get(interaction__kind="follow")
    page.goto(f"/patroli/butir/{follow.pk}/")
    expect(page.get_by_test_id("item-reasons")).to_be_visible()
    dismiss = page.get_by_test_id("dismiss-form")
    dismiss.get_by_label("Alasan diabaikan").fill(
        "Mengikuti akun tim kampanye saja; dicatat untuk pemantauan."
    )
    dismiss.get_by_role("button", name="Abaikan butir").click()
    expect(page.locator(".messages")).to_contain_text("Butir diabaikan")
    expect(rows).to_have_count(2)
    assert AuditLogEntry.objects.filter(action="patrol.item_dismiss", object_id=str(follow.pk)).exists()

    item = capture.item
    page.goto(f"/patroli/butir/{item.pk}/")
    expect(page.get_by_test_id("item-text").locator("mark").first).to_be_visible()
    finding = page.get_by_test_id("finding-form")
    finding.get_by_label("Uraian temuan").fill("Lurah Damai mengajak warga memilih pasangan calon nomor 1.")
    finding.get_by_role("button", name="Catat temuan dengan buktinya").click()

    # the temuan is a case with the capture's hash in its evidence and the cleaned link
    case = Case.objects.get(origin="temuan")
    expect(page).to_have_url(f"/kasus/{case.pk}/")
    expect(page.get_by_test_id("case-evidence")).to_contain_text(capture.file_sha256)
    expect(page.get_by_test_id("case-links")).to_contain_text("https://www.instagram.com/p/DAMAI555/")
    report = CaseReport.objects.get(case=case).report
    assert report.reference.startswith("TEM-")
    assert [e.sha256 for e in report.evidence.all()] == [capture.file_sha256]
    assert [s.name for s in case.subjects.all()] == ["Lurah Damai"]
    assert case.deadlines.exists()  # the temuan's own clock runs, as for any temuan
