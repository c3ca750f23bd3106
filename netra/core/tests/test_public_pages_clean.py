"""No public page shows internal research notes (issue 14 item 2).

The catalogue's data files keep, next to every rule, where it was read and how sure the compilers were:
confidence marks ([VERIFIED: lampost.co; …], [UNVERIFIED], [SECONDARY]), news-site sources and notes to
administrators ("Catatan PEERS …, ubah 'berlaku sampai' di admin"). Those live in separate fields
(`source_note`, `research_note`) shown only in the admin and to signed-in officers; the public sees the
legal basis (regulation, article, date). This test renders every public page anonymously — the
rulebook, every violation detail, the self-check for the labelled questions and a few more, the
reporting pages, the home page and the public statistics — and the public catalogue API, and fails if
any contains a confidence mark, a source the research notes cite, or an internal note.
"""

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from netra.rules.loader import read_catalogue
from netra.rules.models import ViolationType

pytestmark = pytest.mark.django_db

QUESTIONS = Path(__file__).resolve().parents[2] / "rules" / "tests" / "data" / "self_check_questions.json"
EXTRA_QUESTIONS = (
    "boleh tidak saya like postingan calon bupati?",
    "jadi anggota partai",
    "ikut fit and proper test partai",  # D-3, whose basis had an unverified article
    "pertemuan dengan staf untuk mengarahkan dukungan ke petahana",  # D-8, a [CONFLICT] row
    "jadi tim pemenangan calon gubernur",  # D-9a/D-9b, [CONFLICT] rows
    "nama saya tercatat sebagai pengurus partai, saya PPPK",  # PPPK sanctions ([SECONDARY] rows)
    "ikut kampanye calon presiden",  # a crime referral (UU 7/2017 Pasal 280 jo. 494)
)

MARK = re.compile(r"\[\s*(VERIFIED|UNVERIFIED|SECONDARY|CONFLICT)\b", re.IGNORECASE)
INTERNAL_NOTES = (
    "Sumber:",
    "Catatan PEERS",
    "REGULATIONS.md",
    "di admin",
    "belum dicek",
    "belum dibaca dari naskah resmi",
    "asumsi yang perlu dicek",
    "isi 'berlaku",
    "Catatan riset",
)
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|co|id|net|org|news|shop))\b", re.IGNORECASE)
# News sites the notes cite by name without a domain.
NAMED_SOURCES = ("tribunnews", "sindonews", "okezone", "kompas", "jabarekspres", "wikisource", "flipbuilder")


def _cited_domains() -> set[str]:
    """Every web address the research notes cite (government sites, *.go.id, are not sources here)."""
    domains = set()
    for rows in read_catalogue().values():
        for row in rows:
            for name in ("source_note", "research_note", "level_positions"):
                text = json.dumps(row.get(name, ""), ensure_ascii=False)
                domains |= {d.lower() for d in _DOMAIN.findall(text) if not d.lower().endswith(".go.id")}
    return domains


CITED_DOMAINS = _cited_domains()


def _leaks(text: str) -> list[str]:
    found = [m.group(0) for m in MARK.finditer(text)]
    found += [note for note in INTERNAL_NOTES if re.search(rf"(?<!\w){re.escape(note)}(?!\w)", text)]
    lowered = text.lower()
    found += [d for d in CITED_DOMAINS if re.search(rf"(?<![\w.-]){re.escape(d)}\b", lowered)]
    found += [name for name in NAMED_SOURCES if name in lowered]
    return found


def _public_pages() -> list[tuple[str, dict]]:
    pages: list[tuple[str, dict]] = [(reverse("rules:rulebook"), {}), (reverse("rules:self_check"), {})]
    pages += [
        (reverse("rules:violation_detail", args=[code]), {})
        for code in ViolationType.objects.values_list("code", flat=True)
    ]
    questions = [q["q"] for q in json.loads(QUESTIONS.read_text("utf-8"))] + list(EXTRA_QUESTIONS)
    pages += [(reverse("rules:self_check"), {"q": q}) for q in questions]
    pages.append((reverse("rules:self_check"), {"q": "ikut kampanye", "employment_type": "pppk"}))
    for name in (
        "core:home",
        "intake:start",
        "intake:report",
        "intake:tip",
        "intake:follow",
        "intake:privacy",
        "intake:contacts",
        "analytics:public",
    ):
        try:
            pages.append((reverse(name), {}))
        except NoReverseMatch:  # a page another part of the project has not added yet
            continue
    api = "/api/v1/rules"
    pages += [
        (f"{api}/violations", {}),
        (f"{api}/conducts", {}),
        (f"{api}/sanctions", {}),
        (f"{api}/oversight-bodies", {}),
        (f"{api}/self-check", {"q": "jadi tim pemenangan calon gubernur"}),
        (f"{api}/self-check", {"q": "mencoblos di TPS"}),
    ]
    return pages


def test_the_scan_knows_what_to_look_for():
    assert {"lampost.co", "jabarekspres.com", "kompas.com"} & CITED_DOMAINS
    assert _leaks("Dasar hukum: PP 94/2021 Pasal 8 [SECONDARY]")
    assert _leaks("Sumber: jabarekspres.com 20-12-2021")
    assert _leaks("… ubah 'berlaku sampai' di admin")
    assert not _leaks("Dasar hukum: PP 94/2021 Pasal 8 (hukuman disiplin ringan); SKB 2022 Lampiran II.")


@pytest.fixture
def public_statistics():
    """A few imported facts, so the public statistics page has cells to show (with no facts at all it
    currently answers 500: reported to the analytics owner, not this test's subject)."""
    from netra.analytics.models import Stage, SubjectFact

    SubjectFact.objects.bulk_create(
        SubjectFact(
            row_key=f"import:p:{province}:{election}:{i}",
            is_imported=True,
            province_code=province,
            region_code=province,
            election_code=election,
            stage=Stage.STOPPED,
        )
        for province, election, n in (
            ("33", "pilkada-2020", 74),
            ("33", "pilkada-2024", 57),
            ("64", "pilkada-2024", 7),
        )
        for i in range(n)
    )


def test_no_public_page_shows_a_confidence_mark_a_source_or_an_internal_note(public_statistics):
    client = Client()
    pages = _public_pages()
    assert len(pages) > 150
    leaks = {}
    for url, params in pages:
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 200, (url, params, response.status_code)
        found = _leaks(response.content.decode())
        if found:
            leaks[f"{url} {params or ''}"] = found
    assert leaks == {}


def test_english_public_rules_pages_are_clean_too():
    client = Client()
    client.cookies["django_language"] = "en"
    for url, params in [
        (reverse("rules:rulebook"), {}),
        (reverse("rules:violation_detail", args=["D-8"]), {}),
        (reverse("rules:self_check"), {"q": "ikut kampanye saat cuti"}),
    ]:
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert _leaks(response.content.decode()) == [], url
