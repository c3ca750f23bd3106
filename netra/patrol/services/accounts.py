"""The ASN account registry: accounts known to belong to a civil servant, entered by supervisors from
reports and investigations, within their jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.audit.services import audit_record
from netra.cases.models import Person
from netra.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from netra.core.identifiers import nip_or_blank
from netra.core.scoping import restrict, scope_for
from netra.evidence.models import Platform
from netra.patrol.models import AsnAccount, EstablishedHow
from netra.patrol.registry_io import normalise_handle
from netra.patrol.services.capture import region_inside

FIELDS = ("platform", "handle", "url", "name", "nip", "agency_name", "position", "established_how", "basis")


@dataclass(frozen=True)
class AsnAccountIn:
    platform: str
    handle: str
    name: str
    established_how: str
    basis: str
    region_code: str
    url: str = ""
    nip: str = ""
    agency_name: str = ""
    position: str = ""
    person_id: int | None = None


def _problems(data: AsnAccountIn) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.platform not in Platform.values:
        errors["platform"] = _("Platform tidak dikenal.")
    if not normalise_handle(data.handle):
        errors["handle"] = _("Nama akun wajib diisi.")
    if not data.name.strip():
        errors["name"] = _("Nama ASN wajib diisi.")
    if data.nip.strip() and not nip_or_blank(data.nip.strip()):
        errors["nip"] = _("NIP harus 18 angka.")
    if data.established_how not in EstablishedHow.values:
        errors["established_how"] = _("Pilih cara akun ini diketahui milik ASN.")
    if len(data.basis.strip()) < 5:
        errors["basis"] = _("Tuliskan dasarnya (mis. nomor laporan atau berita acara klarifikasi).")
    return errors


def asn_account_create(*, actor, data: AsnAccountIn, now=None) -> AsnAccount:
    """Register an ASN's account (the office and jurisdiction of `actor`; audited)."""
    if not _may_change(actor):
        raise PermissionDeniedError(_("Anda tidak berwenang mencatat akun ASN."))
    errors = _problems(data)
    if errors:
        raise ApplicationError(
            next(iter(errors.values())), extra={"errors": errors, "field": next(iter(errors))}
        )
    region = region_inside(actor, data.region_code)
    person = None
    if data.person_id is not None:
        person = restrict(Person.objects.all(), actor, "view").filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError(_("Terlapor tidak ditemukan."), extra={"field": "person_id"})
    handle = normalise_handle(data.handle)
    with transaction.atomic():
        if AsnAccount.objects.filter(office=actor.agency, platform=data.platform, handle=handle).exists():
            raise ApplicationError(_("Akun ini sudah tercatat di kantor Anda."), extra={"field": "handle"})
        account = AsnAccount(
            platform=data.platform,
            handle=handle,
            url=data.url.strip(),
            name=data.name.strip(),
            nip=nip_or_blank(data.nip.strip()) or "",
            agency_name=data.agency_name.strip(),
            position=data.position.strip(),
            person=person,
            established_how=data.established_how,
            basis=data.basis.strip(),
            region=region,
            office=actor.agency,
            established_by=actor,
            established_at=now or timezone.now(),
        )
        account.full_clean()
        account.save()
        audit_record(
            actor=actor,
            action="patrol.asn_account_create",
            instance=account,
            after={f: getattr(account, f) for f in FIELDS}
            | {"region": region.code, "person": data.person_id},
        )
    return account


def _may_change(user) -> bool:
    from netra.core.scoping import registered_rules

    rule = registered_rules()[(AsnAccount, "change")]
    scope = scope_for(user)
    return scope.is_superuser or (rule(scope) is not None and getattr(user, "agency_id", None) is not None)


def asn_account_deactivate(*, actor, account_id: int) -> AsnAccount:
    """No longer match this account (it was wrongly attributed, or closed). The row stays (audited)."""
    with transaction.atomic():
        account = (
            restrict(AsnAccount.objects.select_for_update(), actor, "change").filter(pk=account_id).first()
        )
        if account is None:
            raise NotFoundError(_("Akun ASN tidak ditemukan."))
        account.is_active = False
        account.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="patrol.asn_account_deactivate",
            instance=account,
            before={"is_active": True},
            after={"is_active": False},
        )
    return account
