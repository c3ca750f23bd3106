"""Classification by election stage, sanctions by date and employment type, oversight body, routing."""

import datetime as dt

import pytest

from netra.rules.models import (
    Destination,
    EmploymentType,
    Level,
    OversightBody,
    Stage,
    SubjectType,
    ViolationClass,
    ViolationType,
)
from netra.rules.selectors import (
    SelfCheckStatus,
    classify_conduct,
    oversight_body_on,
    route_for,
    rulebook,
    sanctions_for,
    self_check,
    violation_get,
)

pytestmark = pytest.mark.django_db

PP94_BERAT = [
    "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
    "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
    "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
]
MORAL = ["Pernyataan secara tertutup", "Pernyataan secara terbuka"]


def names(sanctions) -> list[str]:
    return [s.name for s in sanctions]


# --- classification -------------------------------------------------------------------------------


def test_liking_a_post_before_candidate_determination_is_an_ethics_breach(pilkada_2024, conduct):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=dt.date(2024, 9, 1), election=pilkada_2024
    )

    assert result.stage == Stage.BEFORE_DETERMINATION
    assert result.determined_on == dt.date(2024, 9, 22)
    assert [v.code for v in result.violations] == ["KE-4"]
    assert result.level == Level.MORAL
    assert names(result.sanctions) == MORAL
    assert "PP 42/2004" in result.legal_basis
    assert result.stage_changes_outcome
    assert "sebelum penetapan calon (22 Sep 2024)" in result.stage_note
    assert "KE-4" in result.stage_note
    assert "D-6" in result.stage_note


def test_liking_a_post_after_candidate_determination_is_a_serious_discipline_breach(pilkada_2024, conduct):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=dt.date(2024, 10, 1), election=pilkada_2024
    )

    assert result.stage == Stage.AFTER_DETERMINATION
    assert [v.code for v in result.violations] == ["D-6"]
    assert result.level == Level.BERAT
    assert names(result.sanctions) == PP94_BERAT
    assert "Pasal 5 huruf n angka 5" in result.legal_basis
    assert "sejak penetapan calon (22 Sep 2024)" in result.stage_note
    assert "Sebelum penetapan calon" in result.stage_note
    assert "KE-4" in result.stage_note


def test_the_determination_day_itself_counts_as_after(pilkada_2024, conduct):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=dt.date(2024, 9, 22), election=pilkada_2024
    )
    assert result.stage == Stage.AFTER_DETERMINATION
    assert result.applicable.codes == ("D-6",)


def test_without_election_or_date_both_variants_are_returned_with_an_explanation(conduct):
    result = classify_conduct(conduct=conduct("medsos-interaksi"), incident_date=None)

    assert result.stage is None
    assert result.applicable is None
    assert result.level is None
    assert result.sanctions == ()
    assert result.before.codes == ("KE-4",)
    assert result.before.level == Level.MORAL
    assert result.after.codes == ("D-6",)
    assert result.after.level == Level.BERAT
    assert names(result.before.sanctions) == MORAL
    assert names(result.after.sanctions) == PP94_BERAT
    assert {v.code for v in result.violations} == {"KE-4", "D-6"}
    assert "Pilih pemilihan" in result.stage_note


def test_election_without_a_determination_date_is_explained(election_without_stages, conduct):
    result = classify_conduct(
        conduct=conduct("foto-bersama"), incident_date=dt.date(2028, 10, 1), election=election_without_stages
    )
    assert result.stage is None
    assert "belum tercatat" in result.stage_note


def test_election_without_incident_date_asks_for_the_date(pilkada_2024, conduct):
    result = classify_conduct(conduct=conduct("foto-bersama"), incident_date=None, election=pilkada_2024)
    assert result.stage is None
    assert "(22 Sep 2024)" in result.stage_note
    assert "Isi tanggal kegiatan" in result.stage_note


def test_party_membership_is_ptdh_at_every_stage(conduct):
    pns = classify_conduct(conduct=conduct("anggota-parpol"), incident_date=None)
    pppk = classify_conduct(conduct=conduct("anggota-parpol"), incident_date=None, employment_type="pppk")

    assert not pns.stage_changes_outcome
    assert pns.applicable is not None
    assert pns.applicable.codes == ("D-5",)
    assert pns.level == Level.PTDH
    assert names(pns.sanctions) == ["Pemberhentian tidak dengan hormat sebagai PNS"]
    assert names(pppk.sanctions) == ["Pemutusan hubungan perjanjian kerja tidak dengan hormat"]
    assert "tidak mengubah hasil" in pns.stage_note


def test_campaign_team_membership_is_split_by_stage(pilkada_2024, conduct):
    before = classify_conduct(
        conduct=conduct("tim-pemenangan"), incident_date=dt.date(2024, 8, 1), election=pilkada_2024
    )
    after = classify_conduct(
        conduct=conduct("tim-pemenangan"), incident_date=dt.date(2024, 11, 1), election=pilkada_2024
    )

    assert (before.applicable.codes, before.level) == (("D-9a",), Level.SEDANG)
    assert names(before.sanctions) == [
        f"Pemotongan tunjangan kinerja 25% selama {m} bulan" for m in (6, 9, 12)
    ]
    assert (after.applicable.codes, after.level) == (("D-9b",), Level.BERAT)
    assert before.applicable.has_conflict
    assert after.applicable.has_conflict


def test_an_administrators_level_for_a_conflict_row_is_what_classification_uses(conduct):
    ViolationType.objects.filter(code="D-8").update(level=Level.SEDANG)

    result = classify_conduct(conduct=conduct("kegiatan-keberpihakan"), incident_date=dt.date(2024, 10, 1))

    assert result.level == Level.SEDANG
    assert names(result.sanctions)[0] == "Pemotongan tunjangan kinerja 25% selama 6 bulan"


def test_a_stage_without_a_catalogue_item_shows_the_gap_note(pilkada_2024, conduct):
    result = classify_conduct(
        conduct=conduct("ikut-kampanye"), incident_date=dt.date(2024, 10, 10), election=pilkada_2024
    )

    assert result.applicable is result.after
    assert result.after.violations == ()
    assert "Pasal 13 huruf g" in result.after.note
    assert "tidak ada butir SKB 2022" in result.stage_note
    assert result.before.codes == ("KE-6",)


def test_pilkada_2020_incident_uses_pp_53_2010_and_flags_the_older_skb(pilkada_2020, conduct):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"), incident_date=dt.date(2020, 12, 1), election=pilkada_2020
    )

    assert result.applicable.codes == ("D-6",)
    assert names(result.sanctions)[:2] == [
        "Penurunan pangkat setingkat lebih rendah selama 3 tahun",
        "Pemindahan dalam rangka penurunan jabatan setingkat lebih rendah",
    ]
    assert "SKB 2020" in result.catalogue_note


def test_pppk_gets_pppk_sanctions(pilkada_2024, conduct):
    result = classify_conduct(
        conduct=conduct("medsos-interaksi"),
        incident_date=dt.date(2024, 10, 1),
        election=pilkada_2024,
        employment_type=EmploymentType.PPPK,
    )
    assert names(result.sanctions) == [
        "Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri"
    ]


def test_unknown_employment_type_is_refused(conduct):
    with pytest.raises(ValueError, match="employment type"):
        classify_conduct(conduct=conduct("medsos-interaksi"), incident_date=None, employment_type="honorer")


# --- sanctions -------------------------------------------------------------------------------------


def test_moderate_sanctions_switch_from_pp_53_2010_to_pp_94_2021_on_31_august_2021():
    pilkada_2020 = sanctions_for(level=Level.SEDANG, employment_type="pns", on=dt.date(2020, 12, 1))
    last_day_old = sanctions_for(level=Level.SEDANG, employment_type="pns", on=dt.date(2021, 8, 30))
    first_day_new = sanctions_for(level=Level.SEDANG, employment_type="pns", on=dt.date(2021, 8, 31))
    year_2022 = sanctions_for(level=Level.SEDANG, employment_type="pns", on=dt.date(2022, 1, 1))

    assert names(pilkada_2020) == [
        "Penundaan kenaikan gaji berkala selama 1 tahun",
        "Penundaan kenaikan pangkat selama 1 tahun",
        "Penurunan pangkat setingkat lebih rendah selama 1 tahun",
    ]
    assert names(last_day_old) == names(pilkada_2020)
    assert names(first_day_new) == names(year_2022)
    assert names(year_2022) == [f"Pemotongan tunjangan kinerja 25% selama {m} bulan" for m in (6, 9, 12)]
    assert all("PP 94/2021" in s.legal_basis for s in year_2022)


def test_heavy_sanctions_differ_for_pns_and_pppk():
    on = dt.date(2024, 10, 1)
    pns = sanctions_for(level=Level.BERAT, employment_type="pns", on=on)
    pppk = sanctions_for(level=Level.BERAT, employment_type="pppk", on=on)

    assert names(pns) == PP94_BERAT
    assert names(pppk) == ["Pemutusan hubungan perjanjian kerja dengan hormat tidak atas permintaan sendiri"]
    assert pppk[0].verification == "unverified"  # REGULATIONS §2: PPPK counterpart not confirmed


def test_light_sanctions_exist_for_both_regimes_and_moral_sanctions_are_undated():
    assert len(sanctions_for(level=Level.RINGAN, employment_type="pns", on=dt.date(2024, 1, 1))) == 3
    assert len(sanctions_for(level=Level.RINGAN, employment_type="pns", on=dt.date(2019, 1, 1))) == 3
    assert names(sanctions_for(level=Level.MORAL, employment_type="pns", on=dt.date(2010, 1, 1))) == MORAL


# --- oversight body --------------------------------------------------------------------------------


def test_oversight_body_switches_from_kasn_to_bkn_on_4_september_2024():
    assert oversight_body_on(on=dt.date(2024, 9, 3)).code == "kasn"
    assert oversight_body_on(on=dt.date(2024, 9, 4)).code == "bkn"
    assert oversight_body_on(on=dt.date(2030, 1, 1)).code == "bkn"  # independent body not in force yet
    assert oversight_body_on(on=dt.date(2010, 1, 1)) is None


def test_independent_body_takes_over_once_its_start_date_is_set():
    OversightBody.objects.filter(code="bkn").update(valid_until=dt.date(2027, 9, 30))
    OversightBody.objects.filter(code="badan-independen").update(valid_from=dt.date(2027, 10, 1))

    assert oversight_body_on(on=dt.date(2027, 9, 30)).code == "bkn"
    assert oversight_body_on(on=dt.date(2027, 10, 1)).code == "badan-independen"


def test_overlapping_bodies_resolve_to_the_one_that_started_last():
    OversightBody.objects.filter(code="badan-independen").update(valid_from=dt.date(2027, 10, 1))
    assert oversight_body_on(on=dt.date(2028, 1, 1)).code == "badan-independen"


# --- routing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "destination", "agency_kind"),
    [
        (SubjectType.PNS, Destination.OVERSIGHT_BODY, "bkn"),
        (SubjectType.PPPK, Destination.OVERSIGHT_BODY, "bkn"),
        (SubjectType.NON_ASN, Destination.RECORD_ONLY, ""),
        (SubjectType.TNI, Destination.POM_TNI, "tni"),
        (SubjectType.POLRI, Destination.POLRI_INTERNAL, "polri"),
        (SubjectType.KEPALA_DESA, Destination.REGIONAL_HEAD, "pemda"),
        # UU 6/2014 Pasal 52–53: the kepala desa sanctions perangkat desa (after consulting the camat).
        (SubjectType.PERANGKAT_DESA, Destination.VILLAGE_HEAD, "pemda"),
        (SubjectType.BPD, Destination.REGIONAL_HEAD, "pemda"),
        (SubjectType.PENYELENGGARA, Destination.DKPP, "dkpp"),
        (SubjectType.OTHER, Destination.RECORD_ONLY, ""),
    ],
)
def test_neutrality_matters_route_by_subject_type(subject, destination, agency_kind):
    route = route_for(
        subject_type=subject,
        violation_class=ViolationClass.NEUTRALITY,
        election_kind="pilkada",
        on=dt.date(2024, 10, 1),
    )
    assert (route.destination, route.agency_kind) == (destination, agency_kind)
    assert not route.is_fallback
    assert route.legal_basis


def test_asn_neutrality_goes_to_kasn_or_bkn_by_date():
    before = route_for(
        subject_type="pns", violation_class="neutrality", election_kind="pemilu", on=dt.date(2024, 2, 1)
    )
    after = route_for(
        subject_type="pns", violation_class="neutrality", election_kind="pilkada", on=dt.date(2024, 9, 4)
    )

    assert (before.oversight_body.code, before.agency_kind) == ("kasn", "kasn")
    assert (after.oversight_body.code, after.agency_kind) == ("bkn", "bkn")
    assert after.destination_label.startswith("Badan Kepegawaian Negara")
    assert "Pasal 455 ayat (1) huruf c" in after.legal_basis


def test_asn_neutrality_without_an_oversight_body_in_force_says_so():
    route = route_for(
        subject_type="pns", violation_class="neutrality", election_kind="", on=dt.date(2010, 1, 1)
    )
    assert route.oversight_body is None
    assert route.agency_kind == ""
    assert "Tidak ada badan pengawas ASN" in route.note


def test_tni_goes_to_military_police_and_village_head_to_the_regent():
    tni = route_for(subject_type="tni", violation_class="neutrality", election_kind="pemilu")
    village = route_for(subject_type="kepala_desa", violation_class="neutrality", election_kind="pilkada")

    assert tni.destination == Destination.POM_TNI
    assert "UU 34/2004 tentang TNI Pasal 39" in tni.legal_basis
    assert village.destination == Destination.REGIONAL_HEAD
    assert "UU 6/2014" in village.legal_basis
    assert "Pasal 29" in village.legal_basis


@pytest.mark.parametrize("subject", [SubjectType.TNI, SubjectType.OTHER, SubjectType.NON_ASN])
def test_crimes_go_to_gakkumdu_with_the_24_hour_clock(subject):
    pemilu = route_for(subject_type=subject, violation_class="criminal", election_kind="pemilu")
    pilkada = route_for(subject_type=subject, violation_class="criminal", election_kind="pilkada")

    assert pemilu.destination == pilkada.destination == Destination.GAKKUMDU
    assert "1×24 jam" in pemilu.deadline_note
    assert "Pasal 476" in pemilu.deadline_note
    assert "1×24 jam" in pilkada.deadline_note
    assert "Pasal 135" in pilkada.deadline_note


def test_the_most_specific_routing_rule_wins():
    asn_crime = route_for(subject_type="pns", violation_class="criminal", election_kind="pemilu")
    village_crime = route_for(subject_type="kepala_desa", violation_class="criminal", election_kind="pemilu")
    other_crime = route_for(subject_type="other", violation_class="criminal", election_kind="pemilu")
    unknown_kind = route_for(subject_type="other", violation_class="criminal", election_kind="")

    assert "Pasal 494" in asn_crime.legal_basis
    assert "Pasal 490" in village_crime.legal_basis
    assert "Pasal 494" not in other_crime.legal_basis
    assert "Pasal 476" in other_crime.legal_basis
    assert unknown_kind.rule.election_kind == ""
    assert unknown_kind.destination == Destination.GAKKUMDU


def test_administrative_matters_are_decided_by_bawaslu_in_pemilu_and_by_kpu_in_pilkada():
    pemilu = route_for(subject_type="pns", violation_class="administrative", election_kind="pemilu")
    pilkada = route_for(subject_type="pns", violation_class="administrative", election_kind="pilkada")

    assert pemilu.destination == Destination.BAWASLU
    assert "Pasal 460–461" in pemilu.legal_basis
    assert pilkada.destination == Destination.KPU
    assert pilkada.agency_kind == "kpu"
    assert "Pasal 135" in pilkada.legal_basis


def test_organiser_ethics_go_to_dkpp_and_ad_hoc_supervisors_to_bawaslu_kabkota():
    organiser = route_for(
        subject_type="penyelenggara", violation_class="election_ethics", election_kind="pemilu"
    )
    adhoc = route_for(
        subject_type="pengawas_adhoc", violation_class="election_ethics", election_kind="pemilu"
    )

    assert organiser.destination == Destination.DKPP
    assert adhoc.destination == Destination.BAWASLU_KABKOTA
    assert "Perbawaslu 7/2022 Pasal 20" in adhoc.legal_basis


@pytest.mark.parametrize(
    ("subject", "violation_class"),
    [("tni", "election_ethics"), ("alien", "neutrality"), ("pns", "bukan-kelas")],
)
def test_unknown_combinations_fall_back_to_bawaslu_recording_it(subject, violation_class):
    route = route_for(subject_type=subject, violation_class=violation_class, election_kind="pemilu")

    assert route.is_fallback
    assert route.destination == Destination.RECORD_ONLY
    assert "Pasal 455 ayat (1) huruf c" in route.legal_basis
    assert "Bawaslu mencatat" in route.note


def test_an_administrator_can_reroute_and_routing_follows():
    from netra.rules.models import RoutingRule

    RoutingRule.objects.filter(subject_type="polri", violation_class="neutrality").update(
        destination=Destination.GAKKUMDU, destination_agency_kind="gakkumdu"
    )
    assert route_for(subject_type="polri", violation_class="neutrality").destination == Destination.GAKKUMDU


# --- lookups and the rulebook ---------------------------------------------------------------------


def test_violation_lookup_is_case_insensitive():
    assert violation_get(code="ke-4").code == "KE-4"
    assert violation_get(code=" d-9A ").code == "D-9a"
    assert violation_get(code="X-1") is None


def test_rulebook_groups_every_item_under_its_conduct(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        book = rulebook(on=dt.date(2024, 10, 1))

    codes = [v.code for g in book.groups for v in (*g.ethics, *g.discipline)]
    assert sorted(codes) == sorted(ViolationType.objects.values_list("code", flat=True))
    assert book.oversight_body.code == "bkn"
    interaction = next(g for g in book.groups if g.conduct.code == "medsos-interaksi")
    assert [v.code for v in interaction.ethics] == ["KE-4"]
    assert [v.code for v in interaction.discipline] == ["D-6"]
    assert names(book.sanctions["pns"]["berat"]) == PP94_BERAT


# --- self-check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "conduct_code", "codes"),
    [
        ("boleh tidak saya like postingan calon bupati?", "medsos-interaksi", {"KE-4", "D-6"}),
        ("foto bareng paslon pakai simbol dua jari", "foto-bersama", {"KE-5", "D-7"}),
        ("saya diajak jadi anggota partai", "anggota-parpol", {"D-5"}),
        ("pasang baliho cagub di depan rumah", "alat-peraga", {"KE-1", "D-1"}),
        ("datang ke deklarasi calon walikota", "hadir-deklarasi", {"KE-3", "D-4"}),
        ("kumpulkan fotokopi KTP untuk calon perseorangan", "dukungan-ktp", {"D-10"}),
        ("Istri saya nyaleg, bolehkah saya ikut kampanyenya tanpa cuti?", "kampanye-suami-istri", {"KE-7"}),
        ("saya mau jadi relawan capres", "tim-pemenangan", {"D-9a", "D-9b"}),
        ("ngeshare video kampanye caleg di grup WA kantor", "medsos-interaksi", {"KE-4", "D-6"}),
        ("kadis mengumpulkan bawahan dan mengajak memilih paslon nomor 1", "kegiatan-keberpihakan", {"D-8"}),
    ],
)
def test_self_check_ranks_the_right_conduct_first(text, conduct_code, codes):
    result = self_check(text=text)

    assert result.status == SelfCheckStatus.OK
    first = result.matches[0]
    assert first.conduct.code == conduct_code, [m.conduct.code for m in result.matches]
    assert {v.code for v in first.classification.violations} == codes
    assert [m.score for m in result.matches] == sorted((m.score for m in result.matches), reverse=True)


def test_self_check_party_membership_result_is_ptdh():
    first = self_check(text="saya diajak jadi anggota partai").matches[0]
    assert first.classification.level == Level.PTDH


def test_self_check_with_election_and_date_gives_the_applicable_outcome(pilkada_2024):
    before = self_check(
        text="boleh tidak saya like postingan calon bupati?",
        election=pilkada_2024,
        incident_date=dt.date(2024, 9, 1),
    ).matches[0]
    after = self_check(
        text="boleh tidak saya like postingan calon bupati?",
        election=pilkada_2024,
        incident_date=dt.date(2024, 10, 1),
        employment_type="pppk",
    ).matches[0]

    assert before.classification.applicable.codes == ("KE-4",)
    assert names(before.classification.sanctions) == MORAL
    assert after.classification.applicable.codes == ("D-6",)
    assert after.classification.employment_type == "pppk"
    assert names(after.classification.sanctions)[0].startswith("Pemutusan hubungan perjanjian kerja")


@pytest.mark.parametrize(
    "text",
    ["saya makan siang", "hari ini saya rapat anggaran di kantor kecamatan", "calon", "like", "bagaimana?"],
)
def test_self_check_without_a_distinctive_match_returns_nothing_and_says_why(text):
    result = self_check(text=text)

    assert result.status == SelfCheckStatus.NO_MATCH
    assert result.matches == ()
    assert "Tidak ditemukan" in result.message


@pytest.mark.parametrize(
    ("text", "status"),
    [("", SelfCheckStatus.EMPTY), ("   ", SelfCheckStatus.EMPTY), ("a?", SelfCheckStatus.TOO_SHORT)],
)
def test_self_check_refuses_empty_or_too_short_text(text, status):
    result = self_check(text=text)
    assert result.status == status
    assert result.matches == ()
    assert result.message


def test_self_check_respects_the_limit():
    result = self_check(text="like share komen foto baliho kampanye deklarasi KTP partai", limit=2)
    assert len(result.matches) == 2


def test_self_check_index_follows_catalogue_edits():
    # Every match needs the election context ("calon" here), and a term of the act (none yet).
    assert self_check(text="saya makan siang dengan calon").status == SelfCheckStatus.NO_MATCH
    from netra.rules.models import Conduct

    lunch = Conduct.objects.get(code="kegiatan-keberpihakan")
    lunch.keywords = [*lunch.keywords, "makan siang bersama pegawai"]
    lunch.save()

    result = self_check(text="saya makan siang dengan calon")
    assert result.status == SelfCheckStatus.OK
    assert result.matches[0].conduct.code == "kegiatan-keberpihakan"


def test_self_check_query_budget(django_assert_max_num_queries, pilkada_2024):
    self_check(text="pemanasan indeks like")  # build the index once
    # 2 fingerprints (conducts, permitted acts), permitted acts, conducts + items, determination, sanctions, …
    with django_assert_max_num_queries(9):
        self_check(
            text="like postingan calon bupati dan pasang baliho",
            election=pilkada_2024,
            incident_date=dt.date(2024, 10, 1),
        )
