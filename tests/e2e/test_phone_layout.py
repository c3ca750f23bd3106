"""Officer pages on a 390-px phone: nothing wider than the screen, and the unread badge readable.

A table cannot shrink below its content, so on a phone the case list scrolls inside its own box and the
page itself never scrolls sideways; the notification badge keeps WCAG AA contrast on the top bar."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role, sync_roles
from netra.agencies.services import agency_create, user_create
from netra.cases.models import CaseReport
from netra.clocks.loader import sync_deadline_rules, sync_intake_hours
from netra.clocks.models import DeadlineRule, IntakeHours
from netra.elections.tests.factories import running_pilkada
from netra.intake.submission import IdentityIn, PersonIn, Submission, report_submit
from netra.notifications.services import notify_users
from netra.regions.models import Region
from netra.rules.loader import catalogue_models, sync_catalogue

pytestmark = pytest.mark.django_db(transaction=True)

WITA = "Asia/Makassar"
PASSWORD = "kata-sandi-uji-123"
PHONE_WIDTH = 390

# Relative luminance and contrast ratio (WCAG 2.1, 1.4.3), computed in the page from computed styles.
CONTRAST_JS = """
(el) => {
  const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  // The badge's own background, or the first opaque one behind it.
  let node = el, bg = null;
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def _region(code, name, level, kind, parent=None):
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "kind": kind, "parent": parent, "timezone": WITA}
    )
    return region


@pytest.fixture
def officer_with_case():
    cache.clear()
    kaltim = _region("64", "Kalimantan Timur", 1, "provinsi")
    bpp = _region("64.71", "Kota Balikpapan", 2, "kota", kaltim)
    _region("64.71.05", "Balikpapan Selatan", 3, "kecamatan", bpp)
    sync_roles()
    sync_deadline_rules(DeadlineRule)
    sync_intake_hours(IntakeHours)
    sync_catalogue(catalogue_models(apps))
    today = timezone.localdate()
    running_pilkada(code="pilkada-uji-ponsel", today=today)
    office = agency_create(
        actor=None,
        code="bawaslu-kota-balikpapan",
        name="Bawaslu Kota Balikpapan",
        kind=AgencyKind.BAWASLU_KABKOTA,
        region=bpp,
    )
    user = user_create(
        actor=None,
        username="agus",
        password=PASSWORD,
        agency=office,
        roles=[Role.HEAD],
        full_name="Agus Salim",
    )
    report = report_submit(
        submission=Submission(
            kind="laporan",
            description=(
                "Lurah Damai membagikan unggahan kampanye pasangan calon wali kota di grup WhatsApp warga "
                "kelurahan, disertai ajakan memilih pada hari pemungutan suara."
            ),
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
    notify_users(users=[user], kind="info", title="Kasus baru", case=case)
    return case


def _login(page: Page) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("agus")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_officer_pages_fit_a_390px_phone_and_the_badge_is_readable(page: Page, officer_with_case):
    assert page.viewport_size["width"] == PHONE_WIDTH
    _login(page)

    page.goto("/kasus/")
    expect(page.get_by_test_id("case-table")).to_contain_text(officer_with_case.reference)
    assert _page_width(page) <= PHONE_WIDTH, f"case list is {_page_width(page)} px wide"

    badge = page.get_by_test_id("inbox").locator(".badge")
    expect(badge).to_have_text("1")
    assert badge.evaluate(CONTRAST_JS) >= 4.5
    box = badge.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE_WIDTH  # seen without scrolling the top bar

    page.goto(f"/kasus/{officer_with_case.pk}/")
    expect(page.locator("h1")).to_contain_text(officer_with_case.reference)
    assert _page_width(page) <= PHONE_WIDTH, f"case page is {_page_width(page)} px wide"
