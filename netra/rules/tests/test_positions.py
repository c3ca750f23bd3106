"""Subjects people get wrong (issue 10 item 6): lurah and camat are ASN positions, not village heads;
perangkat desa are sanctioned by the kepala desa, not by the regent."""

import pytest

from netra.rules.models import AsnPosition, Destination, SubjectType
from netra.rules.selectors import route_for
from netra.rules.selectors.positions import asn_position_for, subject_type_warning

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lurah Gunung Samarinda", "lurah"),
        ("LURAH", "lurah"),
        ("Kepala Kelurahan Damai", "lurah"),
        ("Sekretaris Kelurahan Damai", "sekretaris-kelurahan"),  # the longest keyword wins over "lurah"
        ("Camat Balikpapan Selatan", "camat"),
        ("Sekda Kota Balikpapan", "sekda"),
        ("Kepala Dinas Pendidikan", "kepala-dinas"),
        ("Guru SDN 001 Balikpapan", "guru"),
        ("Bidan Puskesmas Klandasan", "tenaga-kesehatan"),
        ("Staf Kelurahan Damai", None),  # "kelurahan" is not the word "lurah"
        ("Kepala Desa Sukamaju", None),
        ("", None),
    ],
)
def test_position_text_is_matched_by_whole_words(text, code):
    found = asn_position_for(position_text=text)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("position", ["Lurah Gunung Samarinda", "Camat Balikpapan Selatan"])
def test_kepala_desa_chosen_for_a_lurah_or_camat_warns(position):
    warning = subject_type_warning(SubjectType.KEPALA_DESA, position)
    assert "adalah jabatan ASN" in warning
    assert "Pilih PNS atau PPPK" in warning
    assert "UU 23/2014 Pasal 22" in warning  # Pasal 229 (lurah) / Pasal 224 (camat)
    assert "Bupati/Wali Kota" in warning  # the usual PPK
    assert "Pasal 71 ayat (1)" in warning


def test_perangkat_desa_chosen_for_a_lurah_warns_too():
    assert "bukan perangkat desa" in subject_type_warning(SubjectType.PERANGKAT_DESA, "Lurah Damai")


@pytest.mark.parametrize(
    ("subject_type", "position"),
    [
        (SubjectType.KEPALA_DESA, "Kepala Desa Sukamaju"),
        (SubjectType.PNS, "Lurah Gunung Samarinda"),
        (SubjectType.PNS, ""),
        (SubjectType.KEPALA_DESA, ""),
        (SubjectType.TNI, "Danramil"),
    ],
)
def test_consistent_choices_do_not_warn(subject_type, position):
    assert subject_type_warning(subject_type, position) == ""


def test_pns_chosen_for_a_village_head_warns():
    warning = subject_type_warning(SubjectType.PNS, "Kades Sukamaju")
    assert "bukan ASN (UU 6/2014)" in warning


def test_every_position_is_asn_with_a_ppk_and_a_cited_basis():
    positions = AsnPosition.objects.all()
    assert {p.code for p in positions} >= {
        "lurah",
        "camat",
        "sekda",
        "kepala-dinas",
        "guru",
        "tenaga-kesehatan",
    }
    for p in positions:
        assert p.subject_type in {SubjectType.PNS, SubjectType.PPPK}
        assert p.usual_ppk
        assert p.legal_basis
        assert p.verification in {"verified", "secondary", "unverified", "conflict"}


def test_perangkat_desa_go_to_the_village_head_not_the_regent():
    route = route_for(subject_type="perangkat_desa", violation_class="neutrality", election_kind="pilkada")
    assert route.destination == Destination.VILLAGE_HEAD
    assert route.destination_label == "Kepala desa (setelah konsultasi dengan camat)"
    assert "Pasal 53" in route.legal_basis
    assert "camat" in route.legal_basis
    # A village head himself is still sanctioned by the regent (UU 6/2014 Pasal 29–30).
    assert route_for(subject_type="kepala_desa", violation_class="neutrality").destination == (
        Destination.REGIONAL_HEAD
    )
