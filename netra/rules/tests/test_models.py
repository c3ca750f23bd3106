"""The catalogue as loaded by the data migration, and the invariants the database enforces."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from netra.agencies.models import AgencyKind
from netra.elections.models import ElectionKind
from netra.rules.models import (
    Category,
    Conduct,
    ElectionScope,
    Level,
    OversightBody,
    RoutingRule,
    Sanction,
    Stage,
    Verification,
    ViolationType,
    validate_agency_kind,
)

pytestmark = pytest.mark.django_db

ETHICS_CODES = [f"KE-{n}" for n in range(1, 8)]
DISCIPLINE_CODES = ["D-1", "D-2", "D-3", "D-4", "D-5", "D-6", "D-7", "D-8", "D-9a", "D-9b", "D-10", "D-11"]


def test_catalogue_has_seven_ethics_and_twelve_discipline_items_in_order():
    ethics = list(ViolationType.objects.filter(category=Category.ETHICS).values_list("code", flat=True))
    discipline = list(
        ViolationType.objects.filter(category=Category.DISCIPLINE).values_list("code", flat=True)
    )

    assert ethics == ETHICS_CODES
    assert discipline == DISCIPLINE_CODES  # ordering is by `order`, not alphabetical (D-10 after D-9b)


def test_every_catalogue_row_cites_its_legal_basis_and_a_known_verification_marker():
    for model in (ViolationType, Sanction, OversightBody, RoutingRule):
        for row in model.objects.all():
            assert row.legal_basis.strip(), f"{model.__name__} {row} has no legal basis"
            assert row.verification in Verification.values, row
    for violation in ViolationType.objects.all():
        assert "SKB 2022" in violation.legal_basis, violation.code
        assert violation.source_note.strip(), violation.code
        assert violation.valid_from == dt.date(2022, 9, 22)  # SKB 2022 signed 22 Sep 2022


def test_ethics_items_carry_moral_sanction_under_pp_42_2004():
    for violation in ViolationType.objects.filter(category=Category.ETHICS):
        assert violation.level == Level.MORAL
        assert "PP 42/2004 Pasal 11 huruf c" in violation.legal_basis
        assert "Pasal 15" in violation.legal_basis


@pytest.mark.parametrize(
    ("code", "level", "stage"),
    [
        ("D-1", Level.BERAT, Stage.AFTER_DETERMINATION),
        ("D-3", Level.SEDANG, Stage.ANY),
        ("D-5", Level.PTDH, Stage.ANY),
        ("D-6", Level.BERAT, Stage.AFTER_DETERMINATION),
        ("D-8", Level.BERAT, Stage.ANY),
        ("D-9a", Level.SEDANG, Stage.BEFORE_DETERMINATION),
        ("D-9b", Level.BERAT, Stage.AFTER_DETERMINATION),
        ("D-10", Level.BERAT, Stage.ANY),
        ("KE-4", Level.MORAL, Stage.BEFORE_DETERMINATION),
    ],
)
def test_levels_and_stages_follow_regulations(code, level, stage):
    violation = ViolationType.objects.get(code=code)
    assert (violation.level, violation.stage) == (level, stage)
    assert violation.catalogue_values["level"] == level  # the recommended default is remembered


def test_pp94_articles_are_cited_where_regulations_name_them():
    assert "Pasal 5 huruf n angka 5" in ViolationType.objects.get(code="D-6").legal_basis
    assert "Pasal 5 huruf n angka 6" in ViolationType.objects.get(code="D-8").legal_basis
    assert "Pasal 5 huruf n angka 7" in ViolationType.objects.get(code="D-10").legal_basis
    d5 = ViolationType.objects.get(code="D-5").legal_basis
    assert "UU 5/2014 Pasal 87 ayat (4) huruf c" in d5
    assert "UU 20/2023 Pasal 52 ayat (3) huruf j" in d5


def test_conflict_rows_record_every_sources_position():
    conflicts = ViolationType.objects.filter(verification=Verification.CONFLICT)
    assert sorted(conflicts.values_list("code", flat=True)) == ["D-8", "D-9a", "D-9b"]
    d8 = ViolationType.objects.get(code="D-8")
    levels = {p["level"]: p["sources"] for p in d8.level_positions}
    assert set(levels) == {Level.SEDANG, Level.BERAT}
    assert "tribunnews" in levels["sedang"]
    assert "infosemarang" in levels["sedang"]
    assert "kompas.com 06-11-2023" in levels["berat"]
    assert "Pasal 14" in levels["berat"]
    for row in conflicts:
        assert len({p["level"] for p in row.level_positions}) >= 2, row.code


def test_every_conduct_is_punished_by_at_least_one_item_and_is_searchable():
    assert Conduct.objects.count() == 13
    for conduct in Conduct.objects.prefetch_related("violations"):
        assert conduct.violations.exists(), conduct.code
        assert conduct.keywords, conduct.code
        assert conduct.examples, conduct.code
    pairs = {
        c.code: sorted(c.violations.values_list("code", flat=True))
        for c in Conduct.objects.filter(code__in=["medsos-interaksi", "foto-bersama", "tim-pemenangan"])
    }
    assert pairs == {
        "medsos-interaksi": ["D-6", "KE-4"],
        "foto-bersama": ["D-7", "KE-5"],
        "tim-pemenangan": ["D-9a", "D-9b"],
    }


def _integrity_error(callable_) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_database_refuses_an_ethics_item_with_a_disciplinary_level():
    _integrity_error(lambda: ViolationType.objects.filter(code="KE-1").update(level=Level.BERAT))


def test_database_refuses_a_discipline_item_with_a_moral_sanction():
    _integrity_error(lambda: ViolationType.objects.filter(code="D-8").update(level=Level.MORAL))


def test_database_refuses_an_unknown_level():
    _integrity_error(lambda: ViolationType.objects.filter(code="D-8").update(level="parah"))


def test_database_refuses_an_item_that_applies_to_nobody():
    _integrity_error(
        lambda: ViolationType.objects.filter(code="D-1").update(applies_to_pns=False, applies_to_pppk=False)
    )


def test_database_refuses_a_validity_that_ends_before_it_starts():
    _integrity_error(
        lambda: Sanction.objects.filter(code="pp94-pns-berat-pdhtaps").update(valid_until=dt.date(2020, 1, 1))
    )
    _integrity_error(lambda: OversightBody.objects.filter(code="bkn").update(valid_until=dt.date(2024, 1, 1)))


def test_an_oversight_body_not_in_force_cannot_have_an_end_date():
    _integrity_error(
        lambda: OversightBody.objects.filter(code="badan-independen").update(valid_until=dt.date(2030, 1, 1))
    )


def test_routing_rule_is_unique_per_subject_class_and_election_kind():
    existing = RoutingRule.objects.get(subject_type="tni", violation_class="neutrality", election_kind="")
    _integrity_error(
        lambda: RoutingRule.objects.create(
            subject_type=existing.subject_type,
            violation_class=existing.violation_class,
            election_kind=existing.election_kind,
            destination="record_only",
            legal_basis="uji",
        )
    )


def test_a_conflict_row_without_source_positions_fails_validation():
    d8 = ViolationType.objects.get(code="D-8")
    d8.level_positions = []
    with pytest.raises(ValidationError) as excinfo:
        d8.full_clean()
    assert "level_positions" in excinfo.value.message_dict


@pytest.mark.parametrize(
    "positions",
    [
        [{"level": "sedang"}],
        [{"level": "parah", "sources": "x"}],
        ["berat"],
        [{"level": "berat", "sources": " "}],
    ],
)
def test_source_positions_need_a_valid_level_and_sources(positions):
    d8 = ViolationType.objects.get(code="D-8")
    d8.level_positions = positions
    with pytest.raises(ValidationError) as excinfo:
        d8.full_clean()
    assert "level_positions" in excinfo.value.message_dict


def test_agency_kinds_in_the_catalogue_are_real_agency_kinds():
    validate_agency_kind("bkn")
    validate_agency_kind("")
    with pytest.raises(ValidationError):
        validate_agency_kind("dinas-rahasia")
    kinds = set(OversightBody.objects.values_list("agency_kind", flat=True)) | set(
        RoutingRule.objects.values_list("destination_agency_kind", flat=True)
    )
    assert kinds - {""} <= set(AgencyKind.values)
    assert OversightBody.objects.get(code="kasn").agency_kind == AgencyKind.KASN
    assert OversightBody.objects.get(code="bkn").agency_kind == AgencyKind.BKN


def test_election_scope_values_match_the_elections_app():
    assert set(ElectionScope.values) - {""} == set(ElectionKind.values)


def test_oversight_bodies_switch_from_kasn_to_bkn_and_the_independent_body_is_not_in_force():
    bodies = {b.code: b for b in OversightBody.objects.all()}
    assert bodies["kasn"].valid_until == dt.date(2024, 9, 3)
    assert bodies["bkn"].valid_from == dt.date(2024, 9, 4)
    assert "SE MenPANRB No. 4 Tahun 2024" in bodies["bkn"].legal_basis
    # The PEERS date is kept as a research note (officers and administrators only); the switch date is data.
    assert "24 Agustus 2024" in bodies["kasn"].research_note
    assert "24 Agustus 2024" not in bodies["kasn"].notes
    assert bodies["badan-independen"].valid_from is None
    assert "121/PUU-XXII/2024" in bodies["badan-independen"].legal_basis


def test_saving_a_row_keeps_history_and_str_names_the_item():
    d8 = ViolationType.objects.get(code="D-8")
    d8.level = Level.SEDANG
    d8.save()
    assert d8.history.first().level == Level.SEDANG
    assert str(d8).startswith("D-8 Mengadakan kegiatan")
    assert str(OversightBody.objects.get(code="bkn")) == "BKN"
    assert str(Sanction.objects.get(code="pppk-ptdh")).startswith("PPPK · Pemutusan hubungan")
