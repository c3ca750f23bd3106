"""One case through the whole chain in a real browser, with a user of each agency:
Bawaslu Kota Balikpapan (registers, clarifies — the terlapor does not come twice — decides, forwards)
→ BKN (examines, recommends a sanction) → the PPK's deadline is breached and the case escalates
→ BKPSDM Kota Balikpapan for the PPK (records the sanction) → BKN closes it.
The summons, forwarding and recommendation letters are downloaded and read back with pypdf.
"""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role, sync_roles
from netra.agencies.services import agency_create, user_create
from netra.cases.models import Case, CaseReport, CaseState, DeadlineState
from netra.cases.services.sweep import deadlines_sweep
from netra.clocks.loader import sync_deadline_rules, sync_intake_hours
from netra.clocks.models import DeadlineKind, DeadlineRule, IntakeHours
from netra.elections.tests.factories import running_pilkada
from netra.intake.submission import IdentityIn, PersonIn, Submission, report_submit
from netra.regions.models import Region
from netra.rules.loader import catalogue_models, sync_catalogue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sessions_outlast_the_moved_clock(settings):
    """This journey moves the clock ahead by hours and days while the officers stay signed in; staff
    session expiry (30 min idle, 12 h absolute) is tested in netra/accounts, not here."""
    settings.NETRA_STAFF_SESSION_IDLE_SECONDS = 400 * 86400
    settings.NETRA_STAFF_SESSION_ABSOLUTE_SECONDS = 400 * 86400
    settings.SESSION_COOKIE_AGE = 400 * 86400


WITA = "Asia/Makassar"
PASSWORD = "kata-sandi-uji-123"
DESKTOP = {"width": 1280, "height": 900}


def _region(code, name, level, kind, parent=None):
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "kind": kind, "parent": parent, "timezone": WITA}
    )
    return region


def chain_offices() -> dict:
    """Reference data the flushed database lost, the offices of the chain, one officer each (agus:
    Bawaslu Kota Balikpapan's head, maya: BKN, fajar: BKPSDM for Pemkot Balikpapan) and a Pilkada
    running today."""
    cache.clear()
    kaltim = _region("64", "Kalimantan Timur", 1, "provinsi")
    bpp = _region("64.71", "Kota Balikpapan", 2, "kota", kaltim)
    _region("64.71.05", "Balikpapan Selatan", 3, "kecamatan", bpp)
    sync_roles()
    sync_deadline_rules(DeadlineRule)
    sync_intake_hours(IntakeHours)
    sync_catalogue(catalogue_models(apps))
    running_pilkada(code="pilkada-uji-rantai")
    ri = agency_create(
        actor=None, code="bawaslu-ri", name="Bawaslu RI", kind=AgencyKind.BAWASLU_RI, region=None
    )
    prov = agency_create(
        actor=None,
        code="bawaslu-kaltim",
        name="Bawaslu Provinsi Kalimantan Timur",
        kind=AgencyKind.BAWASLU_PROVINSI,
        region=kaltim,
        parent=ri,
    )
    office = agency_create(
        actor=None,
        code="bawaslu-kota-balikpapan",
        name="Bawaslu Kota Balikpapan",
        kind=AgencyKind.BAWASLU_KABKOTA,
        region=bpp,
        parent=prov,
    )
    bkn = agency_create(
        actor=None, code="bkn", name="Badan Kepegawaian Negara", kind=AgencyKind.BKN, region=None
    )
    pemkot = agency_create(
        actor=None,
        code="pemkot-balikpapan",
        name="Pemerintah Kota Balikpapan",
        kind=AgencyKind.INSTANSI,
        region=bpp,
    )
    bkpsdm = agency_create(
        actor=None,
        code="bkpsdm-balikpapan",
        name="BKPSDM Kota Balikpapan",
        kind=AgencyKind.BKPSDM,
        region=bpp,
        parent=pemkot,
    )
    people = {
        "agus": (office, Role.HEAD, "Agus Salim"),
        "maya": (bkn, Role.OFFICER, "Maya Anggraini"),
        "fajar": (bkpsdm, Role.OFFICER, "Fajar Nugroho"),
    }
    for username, (agency, role, name) in people.items():
        user_create(
            actor=None, username=username, password=PASSWORD, agency=agency, roles=[role], full_name=name
        )
    return {"office": office, "bkn": bkn, "pemkot": pemkot}


@pytest.fixture
def chain():
    """The offices of the chain and one laporan about a lurah of Pemkot Balikpapan (which opens its
    case)."""
    chain_offices()
    today = timezone.localdate()
    report = report_submit(
        submission=Submission(
            kind="laporan",
            description="Lurah Damai membagikan unggahan kampanye pasangan calon di grup WhatsApp warga.",
            incident_region_code="64.71.05",
            incident_place="Kelurahan Damai",
            incident_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            persons=[
                PersonIn(name="Lurah Damai", agency_name="Pemerintah Kota Balikpapan", employment_type="pns")
            ],
            identity=IdentityIn(name="Budi Santoso", nik="6471050101900001", address="Jl. Mulawarman 12"),
            statement_of_truth=True,
            links=["https://www.facebook.com/groups/warga/posts/77"],
        )
    ).report
    case = CaseReport.objects.get(report=report).case  # opened by the report_received task on commit
    yield {"case": case}
    cache.clear()


def login(page: Page, username: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def logout(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


def step(page: Page, name: str) -> None:
    page.get_by_test_id(f"do-{name}").click()
    expect(page.locator(".messages")).to_contain_text("tercatat")


def classify(page: Page, name: str, conduct: str) -> None:
    """Classify one terlapor through the subject's form on the case page."""
    subject = page.get_by_test_id("subject").filter(has_text=name)
    subject.locator("select[name=conduct]").select_option(conduct)
    subject.get_by_test_id("classify").click()
    expect(page.locator(".messages")).to_contain_text("Klasifikasi tersimpan")


def pdf_text(page: Page, kind: str) -> str:
    link = page.get_by_test_id(f"doc-{kind}").last
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    body = response.body()
    assert body.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)


def state_is(page: Page, label: str) -> None:
    expect(page.get_by_test_id("case-state")).to_have_text(label)


@pytest.mark.parametrize("page", [DESKTOP], indirect=True)
def test_case_walks_from_bawaslu_to_bkn_to_ppk(page: Page, chain):
    case: Case = chain["case"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    # --- Bawaslu Kota Balikpapan -----------------------------------------------------------------
    login(page, "agus")
    page.goto("/kasus/")
    expect(page.get_by_test_id("upcoming-queue")).to_contain_text(case.reference)  # kajian awal is due soon
    page.get_by_test_id("case-table").get_by_role("link", name=case.reference).click()
    state_is(page, "Kajian awal")
    expect(page.get_by_test_id("due-label").first).to_be_visible()
    step(page, "register")
    state_is(page, "Diregistrasi")
    step(page, "start_clarification")

    # The terlapor is summoned twice and does not come; then their PPK is asked to present them.
    # Tomorrow may be a weekend or a holiday: the officer confirms it. An absence is recorded only once
    # the session's hour has come, so the clock travels there (the live server shares this process).
    for attempt, reason in [(1, "Sedang dinas luar kota"), (2, "Tanpa keterangan")]:
        form = page.get_by_test_id("form-clarification")
        form.locator("select[name=subject_id]").select_option(label="Lurah Damai")
        form.locator("input[name=scheduled_at]").fill(f"{tomorrow.isoformat()}T{8 + attempt:02d}:00")
        form.locator("input[name=place]").fill("Kantor Bawaslu Kota Balikpapan")
        form.locator("input[name=confirm_non_working_day]").check()
        page.get_by_test_id("schedule-clarification").click()
        expect(page.locator(".messages")).to_contain_text("dijadwalkan")
        session = dt.datetime.combine(tomorrow, dt.time(8 + attempt), tzinfo=zoneinfo.ZoneInfo(WITA))
        with time_machine.travel(session + dt.timedelta(hours=1, minutes=30), tick=True):
            row = page.locator("tr[data-attendance=dijadwalkan]")
            row.locator("select[name=attendance]").select_option("tidak_hadir")
            row.locator("input[name=absence_reason]").fill(reason)
            row.get_by_role("button", name="Catat").click()
            expect(page.locator(".messages")).to_contain_text("tercatat")
    expect(page.locator("tr[data-attendance=tidak_hadir]")).to_have_count(2)
    summons = pdf_text(page, "undangan_klarifikasi")
    assert "Lurah Damai" in summons
    assert "Budi Santoso" not in summons
    page.get_by_text("Minta atasan/PPK menghadirkan terlapor").click()
    request_form = page.get_by_test_id("form-presentation")
    request_form.locator("input[name=scheduled_at]").fill(f"{tomorrow.isoformat()}T13:00")
    request_form.locator("input[name=confirm_non_working_day]").check()
    page.get_by_test_id("request-presentation").click()
    expect(page.locator(".messages")).to_contain_text("Permintaan menghadirkan")
    assert "Pemerintah Kota Balikpapan" in pdf_text(page, "permintaan_menghadirkan")

    step(page, "start_study")
    decide = page.get_by_test_id("form-decide")
    decide.locator("select[name=outcome]").select_option("terbukti")
    step(page, "decide")
    state_is(page, "Diputus dalam rapat pleno")
    expect(page.get_by_test_id("forward-blocked")).to_be_visible()  # not classified yet
    classify(page, "Lurah Damai", "kegiatan-keberpihakan")
    expect(page.get_by_test_id("forward-blocked")).to_have_count(0)
    forward = page.get_by_test_id("form-forward")
    forward.locator("select[name=destination]").select_option("oversight_body")
    forward.locator("select[name=recipient_id]").select_option(label="Badan Kepegawaian Negara")
    forward.locator("textarea[name=forwarding_summary]").fill(
        "Terlapor menyebarkan ajakan memilih pasangan calon di grup warga (ringkasan petugas)."
    )
    step(page, "forward")
    state_is(page, "Diteruskan")
    letter = " ".join(pdf_text(page, "penerusan").split())  # table cells wrap inside the PDF
    case.refresh_from_db()
    assert "Lurah Damai" in letter
    assert "facebook.com/groups/warga/posts/77" in "".join(letter.split())  # long URLs wrap in the PDF
    assert "Badan Kepegawaian Negara" in letter
    assert "Budi Santoso" not in letter
    assert "(ringkasan petugas)" in " ".join(letter.split())
    expect(page.get_by_test_id("waiting")).to_be_visible()  # BKN's stage now
    logout(page)

    # --- BKN ---------------------------------------------------------------------------------------
    login(page, "maya")
    page.get_by_test_id("inbox").click()
    expect(page.get_by_test_id("notifications")).to_contain_text(case.reference)
    page.goto(f"/kasus/{case.pk}/")
    state_is(page, "Diteruskan")
    step(page, "examine")
    recommend = page.get_by_test_id("form-recommend")
    recommend.locator("textarea[name$=-basis]").fill(
        "PP 42/2004 Pasal 15 ayat (1): sanksi moral pernyataan terbuka"
    )
    step(page, "recommend")
    state_is(page, "Rekomendasi sanksi kepada PPK")
    recommendation = pdf_text(page, "rekomendasi")
    assert "Pemerintah Kota Balikpapan" in recommendation
    assert "PP 42/2004" in recommendation

    # The PPK lets its clock run out: the periodic sweep (Celery beat on the real path) escalates.
    ppk_clock = case.deadlines.get(kind=DeadlineKind.PPK_FOLLOW_UP)
    deadlines_sweep(now=ppk_clock.due_at + dt.timedelta(hours=1))
    ppk_clock.refresh_from_db()
    assert ppk_clock.state == DeadlineState.BREACHED
    page.reload()
    state_is(page, "Eskalasi: PPK belum menindaklanjuti")
    expect(page.locator("tr[data-kind=ppk_follow_up]")).to_contain_text("dieskalasi ke")
    logout(page)

    # --- PPK (BKPSDM Kota Balikpapan) -------------------------------------------------------------
    login(page, "fajar")
    page.goto("/kasus/")
    page.get_by_test_id("case-table").get_by_role("link", name=case.reference).click()
    sanction = page.get_by_test_id("form-record_sanction")
    sanction.locator("input[name$=-number]").fill("800/1234/BKPSDM/2026")
    sanction.locator("textarea[name$=-punishment]").fill("Pernyataan secara terbuka")
    sanction.locator("select[name$=-sanction]").select_option("pns-moral-terbuka")
    step(page, "record_sanction")
    state_is(page, "Sanksi dijatuhkan PPK")
    expect(page.get_by_test_id("sanction")).to_contain_text("800/1234/BKPSDM/2026")
    logout(page)

    # --- BKN closes --------------------------------------------------------------------------------
    login(page, "maya")
    page.goto(f"/kasus/{case.pk}/")
    page.get_by_test_id("confirm-close").check()  # a final move is confirmed
    step(page, "close")
    state_is(page, "Selesai")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert not case.deadlines.filter(state=DeadlineState.OPEN).exists()
