"""The election registry's patrol data: a contestant's terms and accounts, edited in the interface or
imported from a file (docs/patrol.md). Contestants themselves belong to the elections app: a missing one
is created through its service (`contestant_create`), never written here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.elections.models import Contestant, Election, Party
from netra.elections.services import contestant_create
from netra.patrol.models import ContestantAccount, ContestantProfile
from netra.patrol.registry_io import (
    AccountSpec,
    ContestantSpecIn,
    RegistryFormatError,
    RegistrySpec,
    normalise_handle,
    normalise_hashtag,
)
from netra.regions.models import Region

TERMS = ("nicknames", "taglines", "slogans", "hashtags", "gestures")


@dataclass(frozen=True)
class ProfileIn:
    nicknames: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    gestures: tuple[str, ...] = ()


def _clean(values: tuple[str, ...], *, hashtags: bool = False) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = normalise_hashtag(value) if hashtags else value.strip()
        if value and value not in seen:
            seen.append(value[:200])
    return seen


def profile_set(*, actor, contestant: Contestant, profile: ProfileIn) -> ContestantProfile:
    """Replace a contestant's terms (audited, with before/after)."""
    with transaction.atomic():
        row, _created = ContestantProfile.objects.select_for_update().get_or_create(contestant=contestant)
        before = {t: list(getattr(row, t)) for t in TERMS}
        for term in TERMS:
            setattr(row, term, _clean(getattr(profile, term), hashtags=term == "hashtags"))
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action="patrol.profile_set",
            instance=row,
            before=before,
            after={t: getattr(row, t) for t in TERMS},
        )
    return row


def account_add(*, actor, contestant: Contestant, account: AccountSpec) -> ContestantAccount:
    """Add an official/campaign account to a contestant."""
    handle = normalise_handle(account.handle)
    if not handle:
        raise ApplicationError(_("Nama akun wajib diisi."), extra={"field": "handle"})
    with transaction.atomic():
        if ContestantAccount.objects.filter(
            contestant=contestant, platform=account.platform, handle=handle
        ).exists():
            raise ApplicationError(_("Akun ini sudah tercatat untuk peserta ini."), extra={"field": "handle"})
        row = ContestantAccount(
            contestant=contestant,
            platform=account.platform,
            handle=handle,
            url=account.url,
            role=account.role,
        )
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action="patrol.account_add",
            instance=row,
            after={"contestant": contestant.pk, "platform": row.platform, "handle": handle, "role": row.role},
        )
    return row


def account_remove(*, actor, account: ContestantAccount) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="patrol.account_remove",
            instance=account,
            before={
                "contestant": account.contestant_id,
                "platform": account.platform,
                "handle": account.handle,
            },
        )
        account.delete()


# --- import -------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0  # contestants created through the elections app
    updated: int = 0  # contestants whose terms and accounts were replaced
    accounts: int = 0


def _resolve(spec: RegistrySpec, where: str, errors: list[str]) -> tuple[Election | None, Region | None]:
    election = Election.objects.filter(code=spec.election).first()
    if election is None:
        errors.append(f"{where}election: unknown election '{spec.election}'")
    region = None
    if spec.region:
        region = Region.objects.filter(code=spec.region).first()
        if region is None:
            errors.append(f"{where}region: unknown region '{spec.region}'")
    return election, region


def _check_parties(spec: RegistrySpec, where: str, errors: list[str]) -> None:
    known = set(Party.objects.values_list("code", flat=True))
    for i, contestant in enumerate(spec.contestants):
        for code in contestant.parties:
            if code not in known:
                errors.append(f"{where}contestants[{i}].parties: unknown party '{code}'")


def registry_import_check(specs: list[RegistrySpec]) -> list[str]:
    """Every problem the database finds in parsed registries (unknown election, region, party)."""
    errors: list[str] = []
    for n, spec in enumerate(specs):
        where = f"registries[{n}]." if len(specs) > 1 else ""
        _resolve(spec, where, errors)
        _check_parties(spec, where, errors)
    return errors


def _existing(election: Election, region: Region | None, c: ContestantSpecIn) -> Contestant | None:
    qs = Contestant.objects.filter(election=election, office=c.office, region=region)
    if c.empty_box:
        return qs.filter(is_empty_box=True).first()
    return qs.filter(is_empty_box=False, ballot_number=c.ballot_number).first()


def _import_one(
    *, actor, election: Election, region: Region | None, c: ContestantSpecIn, result: ImportResult
):
    contestant = _existing(election, region, c)
    if contestant is None:
        contestant = contestant_create(
            actor=actor,
            election=election,
            office=c.office,
            region_code=region.code if region else None,
            ballot_number=c.ballot_number,
            candidate_name=c.candidate,
            running_mate_name=c.running_mate,
            is_empty_box=c.empty_box,
            party_codes=c.parties,
        )
        result.created += 1
    else:
        result.updated += 1
    profile_set(
        actor=actor,
        contestant=contestant,
        profile=ProfileIn(**{t: getattr(c, t) for t in TERMS}),
    )
    ContestantAccount.objects.filter(contestant=contestant).delete()
    for account in c.accounts:
        account_add(actor=actor, contestant=contestant, account=account)
        result.accounts += 1


def registry_import_refusal(*, actor, specs: list[RegistrySpec]) -> list[str]:
    """Why `actor` may not import these registries from the interface: each race's region must lie in
    their jurisdiction (the presidency: national offices only), as for editing a contestant."""
    from netra.core.scoping import registered_rules, scope_for

    scope = scope_for(actor)
    if scope.is_superuser:
        return []
    if registered_rules()[(Contestant, "patrol_edit")](scope) is None:
        return [_("Anda tidak berwenang mengubah registri peserta.")]
    inside = scope.region_q("code")
    problems = []
    for spec in specs:
        if not spec.region:
            allowed = scope.is_national
        else:
            allowed = inside is not None and Region.objects.filter(inside, code=spec.region).exists()
        if not allowed:
            problems.append(
                _("%(election)s/%(region)s: di luar wilayah kerja Anda.")
                % {"election": spec.election, "region": spec.region or "-"}
            )
    return problems


def registry_import(*, actor, specs: list[RegistrySpec]) -> ImportResult:
    """Write parsed registries: all or nothing. Raises RegistryFormatError with every problem (the
    database's checks first, then the elections app's rules per contestant, each with where it is)."""
    errors = registry_import_check(specs)
    if errors:
        raise RegistryFormatError(errors)
    result = ImportResult()
    with transaction.atomic():
        for n, spec in enumerate(specs):
            where = f"registries[{n}]." if len(specs) > 1 else ""
            election, region = _resolve(spec, where, errors)
            assert election is not None  # checked above  # noqa: S101
            for i, c in enumerate(spec.contestants):
                try:
                    with transaction.atomic():
                        _import_one(actor=actor, election=election, region=region, c=c, result=result)
                except ApplicationError as exc:
                    errors.append(f"{where}contestants[{i}]: {exc.message}")
        if errors:
            raise RegistryFormatError(errors)
        audit_record(
            actor=actor,
            action="patrol.registry_import",
            object_type="patrol.registry",
            object_id=",".join(f"{s.election}/{s.region or '-'}" for s in specs)[:100],
            after={"created": result.created, "updated": result.updated, "accounts": result.accounts},
        )
    return result
