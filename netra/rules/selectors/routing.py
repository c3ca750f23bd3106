"""Who receives a matter after Bawaslu's kajian (UU 7/2017 Pasal 455; UU 1/2015 Pasal 135)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from netra.rules.models import (
    Destination,
    ElectionScope,
    OversightBody,
    RoutingRule,
    SubjectType,
    Verification,
)
from netra.rules.selectors.catalogue import fmt_date, oversight_body_on


@dataclass(frozen=True)
class Route:
    """Who receives a matter. `oversight_body` is resolved by date when the destination is the ASN
    oversight body (KASN until 3 Sep 2024, BKN from 4 Sep 2024)."""

    subject_type: str
    violation_class: str
    election_kind: str
    on: dt.date
    destination: str
    agency_kind: str
    oversight_body: OversightBody | None
    legal_basis: str
    deadline_note: str
    note: str
    verification: str
    rule: RoutingRule | None = None

    @property
    def is_fallback(self) -> bool:
        return self.rule is None

    @property
    def destination_label(self) -> str:
        if self.destination == Destination.OVERSIGHT_BODY and self.oversight_body is not None:
            return self.oversight_body.name
        return str(Destination(self.destination).label)


FALLBACK_LEGAL_BASIS = (
    "UU 7/2017 Pasal 455 ayat (1) huruf c: pelanggaran peraturan perundang-undangan lainnya diproses oleh "
    "Bawaslu dan/atau diteruskan kepada instansi yang berwenang."
)


def _fallback_route(*, subject_type: str, violation_class: str, election_kind: str, on: dt.date) -> Route:
    """No rule matches: Bawaslu records the matter and judges itself who else is competent."""
    return Route(
        subject_type=subject_type,
        violation_class=violation_class,
        election_kind=election_kind,
        on=on,
        destination=Destination.RECORD_ONLY,
        agency_kind="",
        oversight_body=None,
        legal_basis=FALLBACK_LEGAL_BASIS,
        deadline_note="",
        note=_(
            "Tidak ada aturan penerusan untuk kombinasi ini; Bawaslu mencatat dan menilai sendiri "
            "apakah ada instansi yang berwenang."
        ),
        verification=Verification.UNVERIFIED,
    )


def _most_specific_rule(*, subject_type: str, violation_class: str, election_kind: str) -> RoutingRule | None:
    """Exact subject before "any subject", then exact election kind before "any election"."""
    candidates = RoutingRule.objects.filter(
        subject_type__in={subject_type, SubjectType.ANY},
        violation_class=violation_class,
        election_kind__in={election_kind, ElectionScope.ANY},
    )

    def specificity(rule: RoutingRule) -> tuple[bool, bool]:
        return (rule.subject_type == subject_type, rule.election_kind == election_kind)

    return max(candidates, key=specificity, default=None)


def _receiver(rule: RoutingRule, on: dt.date) -> tuple[OversightBody | None, str, str]:
    """(oversight body, agency kind, note): the ASN oversight body is the one in force on `on`."""
    if rule.destination != Destination.OVERSIGHT_BODY:
        return None, rule.destination_agency_kind, rule.note
    body = oversight_body_on(on=on)
    if body is not None:
        return body, body.agency_kind, rule.note
    missing = _("Tidak ada badan pengawas ASN yang berlaku pada %(day)s.") % {"day": fmt_date(on)}
    return None, "", " ".join(filter(None, [rule.note, missing]))


def route_for(
    *, subject_type: str, violation_class: str, election_kind: str = "", on: dt.date | None = None
) -> Route:
    """The most specific matching rule wins: exact subject before "any subject", exact election kind
    before "any election". No match (or unknown values): Bawaslu records the matter (documented
    fallback); this never raises, so a person always gets an answer."""
    on = on or timezone.localdate()
    election_kind = election_kind or ""
    rule = _most_specific_rule(
        subject_type=subject_type, violation_class=violation_class, election_kind=election_kind
    )
    if rule is None:
        return _fallback_route(
            subject_type=subject_type, violation_class=violation_class, election_kind=election_kind, on=on
        )
    body, agency_kind, note = _receiver(rule, on)
    return Route(
        subject_type=subject_type,
        violation_class=violation_class,
        election_kind=election_kind,
        on=on,
        destination=rule.destination,
        agency_kind=agency_kind,
        oversight_body=body,
        legal_basis=rule.legal_basis,
        deadline_note=rule.deadline_note,
        note=note,
        verification=rule.verification,
        rule=rule,
    )
