"""How often the self-check answers realistic questions right (issue 14), on the labelled set in
`data/self_check_questions.json`: questions as ASN type them (slang, Javanese/Betawi-flavoured Indonesian,
typos), each with the expected act and verdict (boleh / tidak_boleh / tergantung).

The set has two parts: `tune` (the engine's cues and vocabulary were adjusted while looking at its
failures) and `holdout` (written and committed before any tuning, never used to tune: its figure is the
honest estimate for new questions). The engine is pure, so this runs on the data files without the
database; `test_self_check_selector_agrees_with_the_data_files` checks the database-backed index gives
the same answers.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from netra.rules import search
from netra.rules.loader import read_catalogue

QUESTIONS = json.loads((Path(__file__).parent / "data" / "self_check_questions.json").read_text("utf-8"))
TOP1_FLOOR = 0.90  # the tuned set and the whole set
HOLDOUT_TOP1_FLOOR = 0.85  # fewer questions, never tuned on: a lower bar, reported separately
VERDICT_FLOOR = 0.90


@dataclass
class Score:
    n: int = 0
    top1: int = 0
    top3: int = 0
    verdict: int = 0

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.n} questions, top-1 {self.top1 / self.n:.1%}, top-3 {self.top3 / self.n:.1%}, "
            f"verdict {self.verdict / self.n:.1%}"
        )


@pytest.fixture(scope="module")
def index() -> search.Index:
    data = read_catalogue()
    return search.build_index(
        search.catalogue_documents(conducts=data["conducts"], permitted_acts=data["permitted_acts"])
    )


def _score(index: search.Index, questions: list[dict]) -> tuple[Score, list[str]]:
    score, misses = Score(), []
    for q in questions:
        answer = index.answer(search.tokenize(q["q"]))
        keys = [h.key for h in answer.hits]
        score.n += 1
        score.top1 += bool(keys) and keys[0] in q["expect"]
        score.top3 += any(k in q["expect"] for k in keys[:3])
        score.verdict += answer.verdict == q["verdict"]
        if not keys or keys[0] not in q["expect"]:
            misses.append(f"{q['q']!r}: expected {q['expect'][0]}, got {keys[:3]}")
    return score, misses


def test_the_labelled_set_is_large_varied_and_well_formed(index):
    assert len(QUESTIONS) >= 100
    assert {q["split"] for q in QUESTIONS} == {"tune", "holdout"}
    assert sum(q["split"] == "holdout" for q in QUESTIONS) >= 30
    known = set(index.tf)
    for q in QUESTIONS:
        assert set(q["expect"]) <= known, q
        assert q["verdict"] in (search.VERDICT_ALLOWED, search.VERDICT_PROHIBITED, search.VERDICT_DEPENDS)
    # Every act of the catalogue is asked about, and every verdict occurs.
    assert {q["expect"][0] for q in QUESTIONS} == known
    assert len({q["verdict"] for q in QUESTIONS}) == 3


def test_self_check_accuracy_on_the_labelled_questions(index, capsys):
    tuned, tuned_misses = _score(index, [q for q in QUESTIONS if q["split"] == "tune"])
    held, held_misses = _score(index, [q for q in QUESTIONS if q["split"] == "holdout"])
    total = Score(
        tuned.n + held.n, tuned.top1 + held.top1, tuned.top3 + held.top3, tuned.verdict + held.verdict
    )
    with capsys.disabled():
        print("\nSelf-check accuracy (issue 14)")
        for line in (tuned.line("tuned"), held.line("held out"), total.line("all")):
            print("  " + line)
        for miss in tuned_misses + held_misses:
            print("  miss: " + miss)
    assert tuned.top1 / tuned.n >= TOP1_FLOOR, tuned_misses
    assert total.top1 / total.n >= TOP1_FLOOR
    assert held.top1 / held.n >= HOLDOUT_TOP1_FLOOR, held_misses
    assert total.verdict / total.n >= VERDICT_FLOOR


@pytest.mark.parametrize(
    ("question", "expected", "verdict"),
    [
        # The four wrong answers of issue 14, item 3.
        ("mencoblos di TPS", "hak-pilih", "boleh"),
        ("camat mengumpulkan kepala desa untuk mendukung petahana", "kegiatan-keberpihakan", "tidak_boleh"),
        ("ikut kampanye saat cuti", "ikut-kampanye", "tidak_boleh"),
        ("share status instagram paslon", "medsos-interaksi", "tidak_boleh"),
    ],
)
def test_the_reported_wrong_answers_are_right_now(index, question, expected, verdict):
    answer = index.answer(search.tokenize(question))
    assert answer.hits[0].key == expected
    assert answer.verdict == verdict


def test_the_ktp_item_needs_an_identity_card_not_just_collecting(index):
    keys = [h.key for h in index.search(search.tokenize("camat mengumpulkan kepala desa untuk petahana"))]
    assert "dukungan-ktp" not in keys
    keys = [h.key for h in index.search(search.tokenize("mengumpulkan fotokopi KTP untuk calon independen"))]
    assert keys[0] == "dukungan-ktp"


@pytest.mark.parametrize(
    "text",
    [
        "like foto kucing teman",
        "share resep masakan ke grup wa keluarga",
        "pasang spanduk HUT RI di kantor",
        "foto bareng pak camat saat upacara",
        "rapat anggaran di kantor kecamatan",
    ],
)
def test_everyday_acts_without_an_election_match_nothing(index, text):
    assert index.answer(search.tokenize(text)) == search.Answer(None, ())


def test_the_spouse_item_needs_a_spouse_not_just_leave(index):
    keys = [h.key for h in index.search(search.tokenize("ikut kampanye saat cuti tahunan"))]
    assert "kampanye-suami-istri" not in keys


@pytest.mark.parametrize(
    ("text", "terms", "words"),
    [
        ("Saya jadi tim sukses caleg", ("timses", "calon"), ("tim sukses", "caleg")),
        ("camat ngumpulin kepala desa", ("kumpul", "kades"), ("camat", "ngumpulin", "kepala desa")),
        ("nge-share status IG paslon", ("share", "medsos", "calon"), ("nge-share", "IG", "paslon")),
    ],
)
def test_matched_words_are_the_users_own_words(text, terms, words):
    assert search.matched_words(text, terms) == words


@pytest.mark.django_db
def test_self_check_selector_agrees_with_the_data_files(index):
    from netra.rules.selectors import self_check

    for q in QUESTIONS[::7]:
        result = self_check(text=q["q"])
        expected = index.answer(search.tokenize(q["q"]))
        assert [m.key for m in result.matches] == [h.key for h in expected.hits], q["q"]
        assert result.verdict == expected.verdict
