"""Subjects people get wrong: a lurah or a camat is an ASN (routed to the ASN oversight body, sanctioned
by the PPK), not a village head; UU 10/2016 Pasal 71(1) names "kepala desa atau sebutan lain/lurah"
together, so the wrong subject type is easy to pick. Read-only; the intake form and the case subject
form call `subject_type_warning` and show its text without blocking the officer."""

import re

from django.utils.translation import gettext as _

from netra.rules.models import AsnPosition, SubjectType

# Subject types outside the ASN whose sanctions come from the village law (UU 6/2014), not a PPK.
VILLAGE_TYPES = frozenset({SubjectType.KEPALA_DESA, SubjectType.PERANGKAT_DESA, SubjectType.BPD})
ASN_TYPES = frozenset({SubjectType.PNS, SubjectType.PPPK})
# Position words of village offices (UU 6/2014 Pasal 26, 48): never an ASN position by themselves.
_VILLAGE_POSITION = re.compile(
    r"\b(kepala desa|kades|sekretaris desa|sekdes|perangkat desa|kepala dusun|kadus|kaur|anggota bpd)\b"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", (text or "").lower())).strip()


def asn_position_list() -> list[AsnPosition]:
    return list(AsnPosition.objects.filter(is_active=True))


def asn_position_for(*, position_text: str) -> AsnPosition | None:
    """The ASN position a recorded position text names ("Lurah Gunung Samarinda" → lurah), by whole
    words, so "kelurahan" alone is not "lurah"; the longest keyword wins ("sekretaris kelurahan" over
    "lurah")."""
    text = _norm(position_text)
    if not text:
        return None
    best: tuple[int, AsnPosition] | None = None
    for position in asn_position_list():
        for keyword in position.keywords:
            if re.search(rf"\b{re.escape(_norm(keyword))}\b", text) and (
                best is None or len(keyword) > best[0]
            ):
                best = (len(keyword), position)
    return best[1] if best else None


def subject_type_warning(subject_type: str, position_text: str) -> str:
    """A warning when the subject type chosen contradicts the position recorded, or "" when it does not:
    a village type for an ASN position (a lurah recorded as kepala desa), or an ASN type for a village
    office (a kepala desa recorded as PNS)."""
    position = asn_position_for(position_text=position_text)
    if subject_type in VILLAGE_TYPES and position is not None:
        return _(
            "Jabatan “%(text)s” adalah jabatan ASN (%(title)s; %(basis)s), bukan %(chosen)s. Pilih PNS atau "
            "PPPK: perkaranya diteruskan ke badan pengawas ASN dan sanksinya dijatuhkan PPK (%(ppk)s), bukan "
            "berdasarkan UU Desa. UU 10/2016 Pasal 71 ayat (1) menyebut “kepala desa atau sebutan lain/lurah” "
            "bersama-sama, tetapi lurah adalah PNS."
        ) % {
            "text": position_text.strip(),
            "title": position.title,
            "basis": position.legal_basis.split(". Sumber")[0],
            "chosen": str(SubjectType(subject_type).label).lower(),
            "ppk": position.usual_ppk,
        }
    if subject_type in ASN_TYPES and position is None and _VILLAGE_POSITION.search(_norm(position_text)):
        return _(
            "Jabatan “%(text)s” adalah jabatan pemerintahan desa, bukan ASN (UU 6/2014): pilih kepala desa, "
            "perangkat desa atau anggota BPD, kecuali orang ini memang PNS/PPPK yang ditugaskan di desa."
        ) % {"text": position_text.strip()}
    return ""
