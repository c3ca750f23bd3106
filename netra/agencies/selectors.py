"""Reading agencies and users, always through the scoping selector."""

import re
from collections.abc import Callable

from django.db.models import Q, QuerySet

from netra.agencies.models import Agency, AgencyKind, SavedView, User
from netra.core.cache import ttl_memoize
from netra.core.scoping import restrict
from netra.regions.codes import region_code_lineage
from netra.regions.models import Region


def agency_list_visible_to(
    *, user, kind: str | None = None, region_prefix: str | None = None
) -> QuerySet[Agency]:
    qs = restrict(Agency.objects.select_related("region", "parent"), user, "view")
    if kind:
        qs = qs.filter(kind=kind)
    if region_prefix:
        # The region itself and everything inside it ("64" → "64", "64.71", …; never "640").
        qs = qs.filter(Q(region__code=region_prefix) | Q(region__code__startswith=region_prefix + "."))
    return qs.order_by("kind", "region_id", "name")


def user_list_visible_to(*, user) -> QuerySet[User]:
    return restrict(User.objects.select_related("agency"), user, "view").prefetch_related("groups")


# Offices that receive laporan: Bawaslu at every level down to Panwaslu Kecamatan (UU 7/2017 Pasal 454
# ayat (1)–(3); the ad hoc kelurahan/desa and TPS supervisors are not Netra offices).
RECEIVING_KINDS = (
    AgencyKind.PANWASLU_KECAMATAN,
    AgencyKind.BAWASLU_KABKOTA,
    AgencyKind.BAWASLU_PROVINSI,
    AgencyKind.BAWASLU_RI,
)
# Offices that handle a case (register, clarify, decide in plenary): Bawaslu kab/kota and above
# (Perbawaslu 7/2022); a Panwaslu Kecamatan passes what it receives to its Bawaslu kab/kota.
HANDLING_KINDS = (AgencyKind.BAWASLU_KABKOTA, AgencyKind.BAWASLU_PROVINSI, AgencyKind.BAWASLU_RI)


def agency_receiving_reports(*, code: str) -> Agency | None:
    """An active supervisory office (Bawaslu, Panwaslu kecamatan) by its code. Public: where and when
    reports are received is public information (GET /api/v1/clocks/receipt)."""
    return Agency.objects.filter(code=code, kind__in=RECEIVING_KINDS, is_active=True).first()


def bawaslu_office_for(*, region_code: str, handling: bool = False, national: bool = True) -> Agency | None:
    """The most local Bawaslu office for a region that receives reports (or, `handling`, that handles
    cases); without one (or without a region), Bawaslu RI unless `national` is off. The one rule for
    where a report is received and which office handles its case."""
    kinds = HANDLING_KINDS if handling else RECEIVING_KINDS
    office = agency_for_region(region_code=region_code, kinds=kinds) if region_code else None
    if office is None and national:
        office = agency_for_region(region_code="", kinds=(AgencyKind.BAWASLU_RI,))
    return office


def handling_office_for(*, region_code: str, received_by_id: int | None = None) -> Agency | None:
    """The office that handles a case (registers, clarifies, decides in plenary): the incident region's
    Bawaslu kab/kota, province or RI; without an incident region, the office that received the report
    if it handles cases (a province's own temuan stays there); else Bawaslu RI. A Panwaslu Kecamatan
    receives laporan but never handles them (`HANDLING_KINDS`)."""
    office = bawaslu_office_for(region_code=region_code, handling=True, national=False)
    if office is None and received_by_id is not None:
        office = Agency.objects.filter(pk=received_by_id, kind__in=HANDLING_KINDS).first()
    return office or bawaslu_office_for(region_code="", handling=True)


@ttl_memoize(60)
def agency_for_region(*, region_code: str, kinds: tuple[str, ...]) -> Agency | None:
    """The most local active agency of one of `kinds` whose jurisdiction covers `region_code`.

    Used to route a report to the Bawaslu office of the incident's region: kecamatan → kab/kota →
    province → national, the first that exists.
    """
    candidates = region_code_lineage(region_code)[::-1]  # most local first
    found = {
        a.region_id: a
        for a in Agency.objects.filter(kind__in=kinds, is_active=True, region_id__in=candidates).order_by(
            "pk"
        )
    }
    for code in candidates:
        if code in found:
            return found[code]
    return Agency.objects.filter(kind__in=kinds, is_active=True, region__isnull=True).order_by("pk").first()


_ABBREVIATIONS = (
    (re.compile(r"\bpemkot\b"), "pemerintah kota"),
    (re.compile(r"\bpemkab\b"), "pemerintah kabupaten"),
    (re.compile(r"\bpemprov\b"), "pemerintah provinsi"),
    (re.compile(r"\bkab\b"), "kabupaten"),
    (re.compile(r"\bprov\b"), "provinsi"),
)
_REGION_WORD = re.compile(r"\b(kota|kabupaten|provinsi)\s+")


def _unit_key(text: str) -> str:
    key = re.sub(r"[^a-z0-9 ]+", " ", (text or "").lower())
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    return " ".join(key.split())


def _region_named(word: str, words: list[str]) -> Region | None:
    """The kab/kota or province named by the longest run of `words` after `word` ("kota balikpapan")."""
    level, prefix = (Region.Level.PROVINCE, "") if word == "provinsi" else (Region.Level.REGENCY, word + " ")
    for n in range(min(len(words), 5), 0, -1):
        name = prefix + " ".join(words[:n])
        region = Region.objects.filter(level=level, name__iexact=name, is_active=True).first()
        if region is not None:
            return region
    return None


def employer_for_unit(*, name: str) -> Agency | None:
    """The PPK (an active `instansi` agency) for an employing unit as an officer or reporter typed it.

    1. An instansi whose name is the text (abbreviations such as "Pemkot", "Kab." expanded).
    2. A unit of a regional government ("Dinas Pendidikan Kota Balikpapan", "SMPN 2 Kab. Purbalingga",
       "RSUD Provinsi Kalimantan Timur"): the instansi of that kab/kota or province. The governor or
       regent/mayor is the PPK of the region's civil servants (PP 11/2017 as amended by PP 17/2020,
       delegation of PPK authority; article not re-checked here [UNVERIFIED]), so every unit of Pemerintah
       Kota Balikpapan answers to the same PPK.
    3. Otherwise None: nothing is guessed, the officer picks from the list of instansi.
    """
    key = _unit_key(name)
    if not key:
        return None
    instansi = Agency.objects.filter(kind=AgencyKind.INSTANSI, is_active=True)
    for agency in instansi.filter(name__icontains=key.split()[-1]):
        if _unit_key(agency.name) == key:
            return agency
    for match in _REGION_WORD.finditer(key):
        region = _region_named(match.group(1), key[match.end() :].split())
        if region is not None:
            found = instansi.filter(region=region).order_by("pk")
            if found.count() == 1:
                return found.first()
            government = [a for a in found if _unit_key(a.name).startswith("pemerintah")]
            if len(government) == 1:
                return government[0]
    return None


def employer_choices() -> QuerySet[Agency]:
    """Every active instansi (PPK), for the picker on a terlapor's record."""
    return (
        Agency.objects.filter(kind=AgencyKind.INSTANSI, is_active=True)
        .select_related("region")
        .order_by("name")
    )


def saved_view_list(*, user, page: str) -> QuerySet[SavedView]:
    """The user's own saved filters for one list page (nobody else's, whatever their role)."""
    if not getattr(user, "pk", None):
        return SavedView.objects.none()
    return SavedView.objects.filter(user_id=user.pk, page=page).order_by("name")


def handling_office_resolver() -> Callable[[str], int | None]:
    """`bawaslu_office_for(region_code=…, handling=True)` for many regions at once (a history import
    of 100,000 rows over 500 regions): one query, then the same rule in memory — the most local
    handling office along the region's lineage, else a handling office without a region, else none."""
    by_region: dict[str, int] = {}
    regionless: int | None = None
    offices = Agency.objects.filter(kind__in=HANDLING_KINDS, is_active=True).order_by("pk")
    for pk, region_id in offices.values_list("pk", "region_id"):
        if region_id is None:
            regionless = regionless or pk
        else:
            by_region.setdefault(region_id, pk)

    def resolve(region_code: str) -> int | None:
        for code in region_code_lineage(region_code)[::-1] if region_code else ():
            if code in by_region:
                return by_region[code]
        return regionless

    return resolve
