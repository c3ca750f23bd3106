"""Reads of the patrol app: the screening engine's `Registry` from the tables, and scoped lists."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from netra.core.scoping import restrict
from netra.elections.models import Contestant, Election
from netra.elections.selectors import contestant_list_for_incident
from netra.patrol.models import (
    AsnAccount,
    Capture,
    ContestantAccount,
    ContestantProfile,
    ItemStatus,
    LoadBatch,
    PatrolItem,
)
from netra.patrol.registry_io import contestant_key, normalise_hashtag
from netra.patrol.screening.types import ContestantTerms, Registry


def key_of(contestant: Contestant) -> str:
    """The contestant's key in screenings (the registry file's default key, see registry_io)."""
    return contestant_key(
        contestant.election.code,
        contestant.region_id or "",
        contestant.ballot_number,
        empty_box=contestant.is_empty_box,
    )


def terms_for(contestant: Contestant) -> ContestantTerms:
    """What identifies one contestant in text (its profile and accounts must be prefetched or exist)."""
    profile = getattr(contestant, "patrol_profile", None) if _has_profile(contestant) else None
    names = tuple(n for n in (contestant.candidate_name, contestant.running_mate_name) if n)
    parties: list[str] = []
    for party in contestant.parties.all():
        parties += [p for p in (party.abbreviation, party.name) if p]
    return ContestantTerms(
        key=key_of(contestant),
        label=str(contestant),
        names=names,
        nicknames=tuple(profile.nicknames) if profile else (),
        ballot_number=contestant.ballot_number,
        parties=tuple(parties),
        taglines=tuple(profile.taglines + profile.slogans) if profile else (),
        hashtags=tuple(normalise_hashtag(h) for h in profile.hashtags) if profile else (),
        gestures=tuple(profile.gestures) if profile else (),
        handles=tuple(a.handle for a in contestant.patrol_accounts.all()),  # type: ignore[attr-defined, unused-ignore]
        is_empty_box=contestant.is_empty_box,
    )


def _has_profile(contestant: Contestant) -> bool:
    try:
        contestant.patrol_profile  # type: ignore[attr-defined, unused-ignore]  # noqa: B018 (raises when there is none)
    except ContestantProfile.DoesNotExist:
        return False
    return True


def contestants_for(*, election: Election | None, region_code: str | None) -> list[Contestant]:
    """Every contestant a post in `region_code` can be about (presidency, governor, regent/mayor)."""
    if election is None:
        return []
    ids = [c.pk for c in contestant_list_for_incident(election=election, region_code=region_code)]
    return list(
        Contestant.objects.filter(pk__in=ids)
        .select_related("election", "region", "patrol_profile")
        .prefetch_related(
            "parties", Prefetch("patrol_accounts", ContestantAccount.objects.order_by("handle"))
        )
        .order_by("office", "region_id", "ballot_number")
    )


def registry_for(election: Election | None, region) -> Registry:
    """The screening engine's registry for posts about `region` (a Region, a code, or None: national)."""
    code = getattr(region, "code", region) or None
    return Registry(
        contestants=tuple(terms_for(c) for c in contestants_for(election=election, region_code=code))
    )


def contestant_accounts_for(*, contestants: list[Contestant]) -> dict[tuple[str, str], Contestant]:
    """(platform, handle) → contestant, for matching interactions against their content."""
    by_id = {c.pk: c for c in contestants}
    return {
        (a.platform, a.handle): by_id[a.contestant_id]
        for a in ContestantAccount.objects.filter(contestant_id__in=by_id)
    }


def registry_contestants_visible_to(*, user, election: Election) -> QuerySet[Contestant]:
    qs = Contestant.objects.filter(election=election).select_related("region", "election")
    return restrict(qs, user, "patrol_view").order_by("office", "region_id", "ballot_number")


def registry_contestant_editable(*, user, pk: int) -> Contestant | None:
    qs = Contestant.objects.select_related("region", "election")
    return restrict(qs, user, "patrol_edit").filter(pk=pk).first()


def asn_account_list_visible_to(*, user) -> QuerySet[AsnAccount]:
    return restrict(AsnAccount.objects.select_related("region", "office", "established_by"), user, "view")


def asn_accounts_matchable(*, user, platform: str) -> dict[str, AsnAccount]:
    """handle → account: the active ASN accounts the loading user may see on this platform."""
    qs = asn_account_list_visible_to(user=user).filter(platform=platform, is_active=True)
    return {a.handle: a for a in qs.order_by("id")}


def capture_list_visible_to(*, user) -> QuerySet[Capture]:
    return restrict(Capture.objects.select_related("region", "captured_by"), user, "view")


def batch_list_visible_to(*, user) -> QuerySet[LoadBatch]:
    return restrict(LoadBatch.objects.defer("data").select_related("region"), user, "view")


def queue_list_visible_to(*, user, status: str = ItemStatus.OPEN) -> QuerySet[PatrolItem]:
    """The review queue, highest score first."""
    qs = PatrolItem.objects.select_related(
        "capture", "interaction", "asn_account", "contestant", "region", "case"
    ).filter(status=status)
    return restrict(qs, user, "view").order_by("-score", "-created_at", "-id")


def queue_item_get(*, user, pk: int, action: str = "view") -> PatrolItem | None:
    qs = PatrolItem.objects.select_related(
        "capture", "interaction", "interaction__batch", "asn_account", "contestant", "region", "case"
    )
    return restrict(qs, user, action).filter(pk=pk).first()
