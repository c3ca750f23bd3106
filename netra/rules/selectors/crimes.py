"""May this act also be an election crime, and under which article? (UU 7/2017 Pasal 280, 282–283,
490, 493–494; UU 10/2016 Pasal 70–71, 188–189.) A suggestion for the officer: Bawaslu decides, with
Polri and Kejaksaan in Sentra Gakkumdu, whether to forward (1×24 jam, UU 7/2017 Pasal 476; UU 10/2016
Pasal 135); nothing here routes a case."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from netra.rules.i18n import localized_text
from netra.rules.models import CrimeProvision, Punishes, Verification

MARKS = {
    Verification.VERIFIED: "[VERIFIED]",
    Verification.SECONDARY: "[SECONDARY]",
    Verification.UNVERIFIED: "[UNVERIFIED]",
    Verification.CONFLICT: "[CONFLICT]",
}


@dataclass(frozen=True)
class CrimeReferral:
    """One provision as the officer reads it: the article, whom it punishes, and the suggestion."""

    provision: CrimeProvision

    @property
    def is_crime(self) -> bool:
        return self.provision.punishes != Punishes.NONE

    @property
    def mark(self) -> str:
        return MARKS.get(self.provision.verification, "[UNVERIFIED]")

    @property
    def public_text(self) -> str:
        """The suggestion without the confidence mark (public pages: the self-check), in the active
        language (the provision's texts are data: `summary_en`, …)."""
        p = self.provision
        kind = p.get_election_kind_display()
        prohibition = localized_text(p, "prohibition")
        summary = localized_text(p, "summary")
        if p.punishes == Punishes.NONE:
            return _("%(kind)s: %(prohibition)s — bukan tindak pidana bagi subjek ini. %(summary)s") % {
                "kind": kind,
                "prohibition": prohibition,
                "summary": summary,
            }
        who = (
            _("terlapor dapat dipidana")
            if p.punishes == Punishes.SUBJECT
            else _("yang dipidana: %(who)s") % {"who": str(Punishes(p.punishes).label).lower()}
        )
        return _(
            "%(kind)s: juga dapat diteruskan ke Sentra Gakkumdu (1×24 jam): %(prohibition)s jo. %(article)s "
            "(%(penalty)s); %(who)s. %(summary)s Bawaslu yang memutuskan; tidak diteruskan otomatis."
        ) % {
            "kind": kind,
            "prohibition": prohibition,
            "article": p.penal_article,
            "penalty": localized_text(p, "penalty"),
            "who": who,
            "summary": summary,
        }

    @property
    def text(self) -> str:
        """The suggestion with its confidence mark, for officers (the case page's classification note)."""
        return f"{self.public_text} {self.mark}"


def crime_referrals_for(
    *, conduct_code: str, election_kind: str = "", subject_type: str = ""
) -> tuple[CrimeReferral, ...]:
    """The active provisions naming this conduct, for one election kind (blank: both) and subject
    type (blank: any); crimes first, then the "not a crime for this subject" notes."""
    rows = CrimeProvision.objects.filter(is_active=True)
    if election_kind:
        rows = rows.filter(election_kind=election_kind)
    # Few rows; the JSON lists are matched in Python so SQLite (demo) and PostgreSQL behave alike.
    found = [
        CrimeReferral(p)
        for p in rows
        if conduct_code in p.conducts and (not subject_type or subject_type in p.subject_types)
    ]
    return tuple(sorted(found, key=lambda r: (not r.is_crime, r.provision.election_kind, r.provision.order)))


def crime_note(referrals: tuple[CrimeReferral, ...]) -> str:
    """One paragraph per provision, for the classification note on the case page."""
    return "\n".join(r.text for r in referrals)
