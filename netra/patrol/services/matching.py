"""Matching: which loaded rows go to the review queue, and the screening of each item's text.

Watch candidates, not citizens: interactions are matched only where an account of the ASN registry (the
loading supervisor's, scoped) touches a contestant's or campaign team's content — a post by one of
their registered accounts, or a post the same load shows such an account made. Posts of ASN accounts
that name or support a contestant are flagged too. Nothing else is kept in the queue.
"""

from __future__ import annotations

from dataclasses import asdict

from netra.elections.models import Contestant
from netra.patrol.models import AsnAccount, Interaction, InteractionKind, ItemReason, LoadBatch, PatrolItem
from netra.patrol.screening import screen, screen_many
from netra.patrol.screening.types import Registry, Screening
from netra.patrol.selectors import (
    asn_accounts_matchable,
    contestant_accounts_for,
    contestants_for,
    key_of,
    registry_for,
)


def item_fill(*, item: PatrolItem, text: str, screening: Screening) -> None:
    """Copy a screening onto an item (not saved): score, label, contestant and the reasons."""
    item.text = text
    item.score = round(float(screening.score), 4)
    item.label = screening.label
    item.supports = screening.supports
    item.contestant_key = screening.contestant_key or ""
    item.path = screening.path
    item.reasons = [asdict(e) for e in screening.evidence]


def item_screen(*, item: PatrolItem, text: str, registry: Registry | None = None) -> None:
    if registry is None:
        registry = registry_for(item.election, item.region)
    item_fill(item=item, text=text, screening=screen(text, registry))


def _target_of(row: Interaction, by_account: dict, by_post: dict, platform: str):
    """The contestant whose content the row touches, or None."""
    if row.target_account and (platform, row.target_account) in by_account:
        return by_account[(platform, row.target_account)]
    if row.target_url and row.target_url in by_post:
        return by_post[row.target_url]
    return None


def rows_worth_keeping(*, batch: LoadBatch, rows: list[Interaction], user) -> list[Interaction]:
    """Only what patrol needs of a load: rows of registered ASN accounts and posts of contestants'
    accounts. Other people's likes, shares and comments are not stored (watch candidates, not citizens)."""
    contestants = contestants_for(election=batch.election, region_code=batch.region_id)
    by_account = contestant_accounts_for(contestants=contestants)
    asn = asn_accounts_matchable(user=user, platform=batch.platform)
    return [r for r in rows if r.account in asn or (batch.platform, r.account) in by_account]


def batch_match(*, batch: LoadBatch, user) -> list[PatrolItem]:
    """The queue items for a stored load (not saved): ASN accounts' interactions with contestants'
    content, and ASN accounts' posts that the screening ties to a contestant."""
    rows = list(batch.interactions.order_by("row"))
    contestants = contestants_for(election=batch.election, region_code=batch.region_id)
    by_account = contestant_accounts_for(contestants=contestants)
    # Posts in this load made by a contestant's account: interactions may name them by URL only.
    by_post = {r.url: by_account[(batch.platform, r.account)] for r in rows if r.kind == InteractionKind.POST
               and r.url and (batch.platform, r.account) in by_account}  # fmt: skip
    post_text = {r.url: r.text for r in rows if r.kind == InteractionKind.POST and r.url}
    asn = asn_accounts_matchable(user=user, platform=batch.platform)
    candidates: list[tuple[Interaction, AsnAccount, Contestant | None, str]] = []
    for row in rows:
        account = asn.get(row.account)
        if account is None:
            continue
        if row.kind == InteractionKind.POST:
            candidates.append((row, account, None, row.text))
            continue
        target = _target_of(row, by_account, by_post, batch.platform)
        if target is not None:
            text = "\n".join(t for t in (row.text, post_text.get(row.target_url, "")) if t)
            candidates.append((row, account, target, text))
    registry = Registry(contestants=tuple(_terms(contestants)))
    screenings = screen_many([c[3] for c in candidates], registry) if candidates else []
    keyed = {key_of(c): c for c in contestants}
    items = []
    for (row, account, target, text), screening in zip(candidates, screenings, strict=True):
        if target is None and not (screening.supports or screening.contestant_key):
            continue  # an ASN's own post that names no contestant: not ours to keep
        item = PatrolItem(
            office=batch.office,
            region=batch.region,
            election=batch.election,
            reason=ItemReason.ASN_INTERACTION if target is not None else ItemReason.ASN_POST,
            interaction=row,
            asn_account=account,
            contestant=target if target is not None else keyed.get(screening.contestant_key or ""),
        )
        item_fill(item=item, text=text, screening=screening)
        items.append(item)
    return items


def _terms(contestants):
    from netra.patrol.selectors import terms_for

    return [terms_for(c) for c in contestants]
