"""The data files keep public legal text and internal research notes in separate fields (issue 14).

Every field a public page or the public API may show carries the legal basis only: no confidence mark,
no news-site source, no note to administrators. Those belong in `source_note` / `research_note` (and the
sources of a [CONFLICT] row's `level_positions`), shown in the admin and to signed-in officers.
"""

import re

import pytest

from netra.rules.loader import read_catalogue

PUBLIC_FIELDS = {
    "conducts": ("title", "description", "stage_gap_note", "verdict_note"),
    "violation_types": ("title", "legal_basis"),
    "sanctions": ("name", "description", "legal_basis"),
    "oversight_bodies": ("name", "short_name", "legal_basis", "notes"),
    "routing_rules": ("legal_basis", "deadline_note", "note"),
    "crime_provisions": ("prohibition", "penal_article", "penalty", "summary", "legal_basis"),
    "asn_positions": ("title", "usual_ppk", "note", "legal_basis"),
    "permitted_acts": ("title", "explanation", "legal_basis"),
}
LEAK = re.compile(
    r"\[\s*(VERIFIED|UNVERIFIED|SECONDARY|CONFLICT)|Sumber:|PEERS|REGULATIONS\.md|di admin|belum dicek"
    r"|(?<![\w.-])(?:[a-z0-9-]+\.)+(?:com|co|net|org|news|shop)\b|\b(?:[a-z0-9-]+\.)+id\b(?<!go\.id)",
    re.IGNORECASE,
)
DATA = read_catalogue()
CASES = [
    (name, field, i, row.get(field, "") or row.get(field + "_en", ""))
    for name, fields in PUBLIC_FIELDS.items()
    for i, row in enumerate(DATA[name])
    for field in (*fields, *(f + "_en" for f in fields))
    if row.get(field)
]


def test_every_public_field_is_checked():
    assert len(CASES) > 300


@pytest.mark.parametrize(
    ("name", "field", "row", "text"), CASES, ids=[f"{c[0]}-{c[2]}-{c[1]}" for c in CASES]
)
def test_public_fields_carry_no_research_notes(name, field, row, text):
    assert not LEAK.search(text), LEAK.search(text).group(0)


def test_the_research_notes_kept_what_the_public_fields_lost():
    rows = {r["code"]: r for r in DATA["oversight_bodies"]}
    assert "Catatan PEERS" in rows["kasn"]["research_note"]
    assert "lampost.co" in rows["kasn"]["research_note"]
    sanctions = {r["code"]: r for r in DATA["sanctions"]}
    assert "jabarekspres.com" in sanctions["pp94-pns-ringan-lisan"]["source_note"]
