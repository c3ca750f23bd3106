"""Text normalisation and ranking without the database (netra/rules/search.py)."""

from collections import Counter

import pytest

from netra.rules import search
from netra.rules.search import Document, build_index, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nge-like", ["like"]),
        ("ngelike dan komenin postingannya", ["like", "komentar", "posting"]),
        ("di-share ke grup WA", ["share", "grup", "whatsapp"]),
        ("membagikan repost retweet", ["share", "share", "share"]),
        ("selfie swafoto poto", ["foto", "foto", "foto"]),
        ("paslon capres cabup cawalkot caleg kandidat", ["calon"] * 6),
        ("relawan", ["timses"]),  # Sastrawi alone would stem it to "rawan"
        ("tim sukses tim pemenangan", ["timses", "timses"]),
        ("pasangan calon", ["calon"]),  # not "pasang" (as in pasang baliho)
        ("memasang baliho", ["pasang", "baliho"]),
        ("simbol dua jari", ["simboljari"]),
        ("pose 3 jari", ["simboljari"]),
        ("fotokopi KTP calon perseorangan", ["fotokopi", "ktp", "calon", "perseorangan"]),
        ("datang ke deklarasi", ["hadir", "deklarasi"]),  # "datang" is a Sastrawi stopword
        ("Boleh tidak saya sih?", []),
        ("kumpulkan dukungan", ["kumpul", "dukung"]),
    ],
)
def test_tokenize_normalises_slang_phrases_and_affixes(text, expected):
    assert tokenize(text) == expected


def test_every_slang_word_belongs_to_one_group_only():
    counts = Counter(word for words in search._SYNONYM_GROUPS.values() for word in words)
    assert [w for w, n in counts.items() if n > 1] == []


def test_stemmer_is_built_once_per_process():
    assert search._stemmer() is search._stemmer()


DOCS = [
    Document("likes", "Menyukai unggahan calon", "Memberi like pada unggahan calon", ("like", "suka")),
    Document("banners", "Memasang baliho calon", "Memasang spanduk atau baliho calon", ("baliho", "spanduk")),
    Document("party", "Menjadi anggota partai", "Anggota atau pengurus partai", ("anggota", "pengurus")),
]


def test_keywords_outweigh_description():
    index = build_index(
        [
            Document("a", "judul", "uraian baliho", ()),
            Document("b", "judul", "uraian", ("baliho",)),
            Document("c", "lain", "lain", ("spanduk",)),
            Document("d", "lain", "lain", ("stiker",)),
        ]
    )
    hits = index.search(tokenize("pasang baliho calon"))
    assert [h.key for h in hits][:2] == ["b", "a"]


def test_a_term_shared_by_most_conducts_matches_nothing_on_its_own():
    index = build_index(DOCS)
    assert index.search(tokenize("calon")) == []
    assert [h.key for h in index.search(tokenize("like calon"))] == ["likes"]


def test_one_everyday_word_without_election_context_is_not_a_match():
    index = build_index(DOCS)
    assert index.search(tokenize("rapat pengurus RT")) == []  # "pengurus" alone, no election context
    assert [h.key for h in index.search(tokenize("pengurus partai"))] == ["party"]


def test_index_cache_rebuilds_only_when_the_key_changes():
    cache = search.IndexCache()
    builds = []

    def build():
        builds.append(1)
        return build_index(DOCS)

    first = cache.get(("v", 1), build)
    assert cache.get(("v", 1), build) is first
    second = cache.get(("v", 2), build)
    assert second is not first
    assert len(builds) == 2
