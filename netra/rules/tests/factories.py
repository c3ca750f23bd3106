"""Test data for the rules app: elections with a dated candidate determination, and the catalogue.

The catalogue (conducts, SKB 2022 violation types, sanctions, oversight bodies, routing, crime provisions,
ASN positions) is reference data loaded from netra/rules/data/*.json by the data migrations. Its
factories fetch the loaded row by its natural key (`django_get_or_create`): `ViolationTypeFactory()` is
KE-2 as the catalogue has it, `SanctionFactory(code="pns-ringan-teguran-lisan")` that sanction. Only a key
the data lacks makes a row (a fictional "UJI-1" item for an admin test), with values that pass the
model's checks (ethics carry a moral sanction, every row cites a legal basis).
"""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from netra.core.models import Verification
from netra.elections.models import Election, ElectionKind, ElectionScope, ElectionStage, StageKind
from netra.rules.models import (
    AsnPosition,
    Category,
    Conduct,
    CrimeProvision,
    Destination,
    EmploymentType,
    Level,
    OversightBody,
    Punishes,
    RoutingRule,
    Sanction,
    Stage,
    SubjectType,
    ViolationClass,
    ViolationType,
)


class ElectionFactory(DjangoModelFactory):
    class Meta:
        model = Election
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"pilkada-uji-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())
    kind = ElectionKind.PILKADA
    voting_day = dt.date(2024, 11, 27)


class ElectionStageFactory(DjangoModelFactory):
    class Meta:
        model = ElectionStage

    election = factory.SubFactory(ElectionFactory)
    kind = StageKind.CANDIDATE_DETERMINATION
    starts_on = dt.date(2024, 9, 22)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)


def election_with_determination(
    *, code: str, kind: str, determined_on: dt.date, voting_day: dt.date, name: str = ""
) -> Election:
    """An election whose candidates were determined on `determined_on` (penetapan calon)."""
    election = ElectionFactory(code=code, kind=kind, voting_day=voting_day, name=name or code)
    ElectionStageFactory(election=election, starts_on=determined_on)
    return election


# --- The catalogue (reference rows, fetched by their natural key) ---------------------------------------

SKB_2022 = (
    "SKB 2022 (Keputusan Bersama MenPANRB No. 2/2022, Mendagri No. 800-5474/2022, Kepala BKN No. 246/2022, "
    "Ketua KASN No. 30/2022, Ketua Bawaslu No. 1447.1/PM.01/K.1/09/2022; 22-09-2022) Lampiran II"
)


class ConductFactory(DjangoModelFactory):
    """An act as an ASN would describe it: campaigning for a candidate on social media by default."""

    class Meta:
        model = Conduct
        django_get_or_create = ("code",)

    code = "medsos-kampanye"
    title = "Sosialisasi atau kampanye (bakal) calon di media sosial/online"
    description = "Mempromosikan bakal calon atau calon melalui media sosial atau media daring."
    keywords = factory.LazyFunction(lambda: ["kampanye online", "medsos", "status"])
    examples = factory.LazyFunction(lambda: ["Memasang status WhatsApp 'coblos nomor 2' di akun pribadi."])


class ViolationTypeFactory(DjangoModelFactory):
    """An item of SKB 2022 Lampiran II: KE-2 (kode etik, before candidates are determined) by default."""

    class Meta:
        model = ViolationType
        django_get_or_create = ("code",)

    code = "KE-2"
    conduct = factory.SubFactory(ConductFactory)
    title = "Melakukan sosialisasi/kampanye media sosial/online bakal calon"
    category = Category.ETHICS
    stage = Stage.BEFORE_DETERMINATION
    level = Level.MORAL
    legal_basis = SKB_2022
    verification = Verification.VERIFIED
    valid_from = dt.date(2022, 9, 22)


class SanctionFactory(DjangoModelFactory):
    """A concrete punishment: a PNS's closed moral sanction (PP 42/2004 Pasal 15) by default."""

    class Meta:
        model = Sanction
        django_get_or_create = ("code",)

    code = "pns-moral-tertutup"
    level = Level.MORAL
    employment_type = EmploymentType.PNS
    name = "Pernyataan secara tertutup"
    legal_basis = "PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS, Pasal 15 ayat (1)–(3)"
    verification = Verification.VERIFIED


class OversightBodyFactory(DjangoModelFactory):
    """The ASN oversight body: BKN (in force since 4 September 2024) by default."""

    class Meta:
        model = OversightBody
        django_get_or_create = ("code",)

    code = "bkn"
    name = "Badan Kepegawaian Negara (Deputi Bidang Pengawasan dan Pengendalian)"
    short_name = "BKN"
    valid_from = dt.date(2024, 9, 4)
    legal_basis = "UU 20/2023 tentang ASN Pasal 70 ayat (3); Perpres 92/2024 tentang BKN"
    agency_kind = "bkn"
    verification = Verification.VERIFIED


class RoutingRuleFactory(DjangoModelFactory):
    """Where a matter goes after Bawaslu's kajian: a PNS's neutrality breach, any election, to the
    oversight body (UU 7/2017 Pasal 455 ayat (1) huruf c) by default."""

    class Meta:
        model = RoutingRule
        django_get_or_create = ("subject_type", "violation_class", "election_kind")

    subject_type = SubjectType.PNS
    violation_class = ViolationClass.NEUTRALITY
    election_kind = ElectionScope.ANY
    destination = Destination.OVERSIGHT_BODY
    legal_basis = "UU 7/2017 Pasal 455 ayat (1) huruf c"
    verification = Verification.VERIFIED


class CrimeProvisionFactory(DjangoModelFactory):
    """An act that may also be an election crime: UU 10/2016 Pasal 71 ayat (1) jo. Pasal 188 (Pilkada)
    by default."""

    class Meta:
        model = CrimeProvision
        django_get_or_create = ("code",)

    code = "pilkada-71-188"
    election_kind = ElectionScope.PILKADA
    conducts = factory.LazyFunction(lambda: ["keputusan-menguntungkan", "kegiatan-keberpihakan"])
    subject_types = factory.LazyFunction(lambda: ["pns", "pppk", "kepala_desa"])
    prohibition = (
        "UU 10/2016 Pasal 71 ayat (1): pejabat ASN dilarang membuat keputusan dan/atau tindakan yang "
        "menguntungkan atau merugikan salah satu pasangan calon"
    )
    penal_article = "UU 10/2016 Pasal 188"
    punishes = Punishes.SUBJECT
    penalty = (
        "pidana penjara paling singkat 1 bulan atau paling lama 6 bulan dan/atau denda paling sedikit "
        "Rp600.000 atau paling banyak Rp6.000.000"
    )
    summary = "Pejabat ASN yang dengan sengaja membuat keputusan/tindakan yang menguntungkan pasangan calon."
    legal_basis = "UU 1/2015 jo. UU 10/2016 Pasal 71 ayat (1) jo. Pasal 188"
    verification = Verification.VERIFIED


class AsnPositionFactory(DjangoModelFactory):
    """A position officers mistake for another: a lurah (a PNS, not a village head) by default."""

    class Meta:
        model = AsnPosition
        django_get_or_create = ("code",)

    code = "lurah"
    title = "Lurah (kepala kelurahan)"
    keywords = factory.LazyFunction(lambda: ["lurah", "kepala kelurahan"])
    subject_type = SubjectType.PNS
    usual_ppk = "Bupati/Wali Kota (PPK kabupaten/kota), melalui BKPSDM"
    legal_basis = "UU 23/2014 Pasal 229 ayat (2)–(4)"
    verification = Verification.VERIFIED
