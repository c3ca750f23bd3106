"""The screening engine's behaviour on posts a supervisor would recognise (no database needed)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netra.patrol.screening import evaluate, model, screen, screen_many, screen_rules_only
from netra.patrol.screening.normalize import normalize
from netra.patrol.screening.rules import matcher_for

PILPRES = "pemilu-2024-presiden"
KEY = "pemilu-2024/-/{}".format


@pytest.fixture(scope="module")
def pilpres():
    return evaluate.registries()[PILPRES]


def _kinds(screening):
    return {(e.kind, e.text.lower()) for e in screening.evidence}


def test_normalisation_reads_slang_and_maps_back_to_the_post():
    norm = normalize("Ayo COBLOS no2️⃣!!! Pr4bowo bangeeet, hati2 ✌️✌️ #PrabowoGibran2024 Mas'ud")
    assert norm.text == " ayo coblos no 2 prabowo banget hati ✌ prabowo gibran 2024 masud "
    start = norm.text.index("prabowo")
    assert norm.source(start, start + len("prabowo")) == "Pr4bowo"
    start = norm.text.index("✌")
    assert norm.source(start, start + 1) == "✌️✌️"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Ayo coblos no 2 biar satu putaran!! ✌️✌️", 2),
        ("pokoknya nomor urut 3, sat set tas tes 🤟", 3),
        ("udah fix pilih paslon 01, perubahan!", 1),
        ("pr4bowo gibran mantulll, coblos 02!!", 2),
        ("#AMINajaDulu 🔥🔥", 1),
        ("gk ada pilihan lain selain 03 💪", 3),
        ("tgl 14 februari jgn lupa coblos 02 ya gaes", 2),
        ("warga kampung siap memenangkan paslon 03", 3),  # affixed: me- + menang + -kan
        ("02 02 02!!! ✌️", 2),  # a chant
        ("siapa lagi kalau bukan Anies? ☝️", 1),
    ],
)
def test_support_names_the_contestant_and_why(pilpres, text, number):
    result = screen_rules_only(text, pilpres)
    assert result.label == "support", result
    assert result.supports
    assert result.contestant_key == KEY(number)
    assert result.score >= 0.5
    assert any(e.contestant_key == KEY(number) for e in result.evidence)


def test_a_negated_call_is_against_and_the_next_call_is_support(pilpres):
    result = screen_rules_only("jangan pilih 01, pilih 03 aja", pilpres)
    assert result.label == "support"
    assert result.contestant_key == KEY(3)
    assert ("negation", "jangan") in _kinds(result)
    against = screen_rules_only("jangan pilih Anies, omdo semua", pilpres)
    assert against.label == "against"
    assert against.contestant_key == KEY(1)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Gibran planga plongo, dinasti politik 👎", "against"),
        ("hebat ya 02, katanya makan siang gratis 🤡", "against"),
        ("bukan 02 ya gaes", "against"),
        ("Menurut KPU, paslon 02 Prabowo-Gibran memperoleh 58 persen suara, ujarnya", "neutral"),
        ("Hasil quick count: Anies-Muhaimin 25%, Ganjar-Mahfud 17%", "neutral"),
        ("no 2 nasi goreng pedes ya bang", "neutral"),
        ("pak Anies tetangga saya dulu", "neutral"),
        ("foto jari dua sama temen kantor", "neutral"),
        ("aku masih bingung mau pilih siapa, Prabowo atau Ganjar 🤔", "neutral"),
        ("pilih yg mana ya, baju no 2 atau no 5?", "neutral"),
        ("makan siang dulu gaes, ayo semangat 💪", "neutral"),
        ("sebagai ASN saya wajib netral, no comment soal Prabowo", "neutral"),
        ("apapun pilihanmu, Anies atau Ganjar, tetap rukun ya", "neutral"),
        ("Prabowo presiden terpilih, dilantik Oktober", "neutral"),
    ],
)
def test_criticism_news_and_chatter_are_not_support(pilpres, text, label):
    result = screen_rules_only(text, pilpres)
    assert result.label == label, (text, result)
    assert not result.supports


def test_the_kolom_kosong_is_a_contestant_too():
    balikpapan = evaluate.registries()["pilkada-2020-balikpapan"]
    result = screen_rules_only("Coblos kotak kosong! lanjutkan perlawanan 🔥", balikpapan)
    assert result.label == "support"
    assert result.contestant_key == "pilkada-2020/64.71/kosong"


def test_every_reason_quotes_the_post_itself():
    regs = evaluate.registries()
    checked = 0
    for item in evaluate.items():
        for evidence in screen_rules_only(item.text, regs[item.registry]).evidence:
            assert evidence.text, item.text
            assert evidence.text in item.text, (evidence, item.text)
            checked += 1
    assert checked > 1000


def test_a_registry_is_compiled_once(pilpres):
    assert matcher_for(pilpres) is matcher_for(pilpres)


def test_the_model_runs_only_on_gated_posts_in_one_batch(pilpres, monkeypatch):
    calls = []
    real = model.embed

    def counting(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(model, "embed", counting)
    texts = [
        "ayo coblos 02 biar satu putaran ✌️",
        "hujan deres bgt, banjir lagi 😭",
        "Anies cuma jago ngomong, kerjanya nol",
        "rapat sampe sore, capek bgt",
    ]
    results = screen_many(texts, pilpres)
    assert calls == [[texts[0], texts[2]]]
    assert [r.path for r in results] == ["full", "rules", "full", "rules"]
    assert results[0].label == "support"
    assert results[0].contestant_key == KEY(2)
    assert results[0].evidence[-1].kind == "model"
    assert results[0].evidence[-1].text in texts[0]
    assert results[2].label == "against"
    assert results[1].label == results[3].label == "neutral"
    assert screen("hujan deres bgt", pilpres).path == "rules"
    lone = screen("coblos 02 \ud800 prabowo", pilpres)  # valid JSON, not valid UTF-8: still embedded
    assert lone.path == "full"
    assert lone.label == "support"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Prabowo",
                    "coblos",
                    "no 2",
                    "02",
                    "✌️",
                    "#AMINajaDulu",
                    "@prabowo",
                    "jangan",
                    "pilih",
                    "2️⃣",
                    "Mas'ud",
                ]
            ),
            st.text(max_size=12),
        ),
        max_size=12,
    )
)
def test_any_text_is_screened_and_every_reason_quotes_it(parts):
    """Arbitrary input (emoji, combining marks, surrogates, control characters) never breaks the rules
    path, and the reasons are still pieces of the post."""
    text = " ".join(parts)
    registry = evaluate.registries()[PILPRES]
    result = screen_rules_only(text, registry)
    assert result.label in ("support", "against", "neutral")
    assert 0.0 <= result.score <= 1.0
    for evidence in result.evidence:
        assert evidence.text in text


def test_a_short_word_glued_to_a_2_reads_as_a_letter_and_a_number():
    """Hypothesis found "a2": a reduplication mark needs a word of two letters or more ("hati2")."""
    from netra.patrol.screening.normalize import normalize

    assert normalize("a2").text.split() == ["a", "2"]
    assert normalize("hati2").text.split() == ["hati"]
