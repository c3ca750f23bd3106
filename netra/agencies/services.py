"""Writes for agencies and users. Every write validates, saves and audits in one transaction."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from netra.agencies.models import REGION_LEVEL_OF_KIND, Agency, SavedView, User
from netra.agencies.roles import ROLE_PERMISSIONS
from netra.audit.services import audit_record
from netra.core.exceptions import ApplicationError
from netra.core.serialization import instance_snapshot
from netra.core.services import model_update
from netra.regions.models import Region
from netra.regions.timezones import WIB

_USER_SECRET_FIELDS = ("password",)


def _check_jurisdiction(kind: str, region: Region | None) -> None:
    if kind not in REGION_LEVEL_OF_KIND:
        return
    level = REGION_LEVEL_OF_KIND[kind]
    if level is None and region is not None:
        raise ApplicationError(_("Instansi jenis ini berwenang nasional dan tidak memiliki wilayah."))
    if level is not None and (region is None or region.level != level):
        raise ApplicationError(
            _("Wilayah kerja tidak sesuai jenis instansi (harus tingkat %(level)s).") % {"level": level}
        )


def agency_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    region: Region | None = None,
    parent: Agency | None = None,
    email: str = "",
    address: str = "",
) -> Agency:
    _check_jurisdiction(kind, region)
    agency = Agency(
        code=code,
        name=name,
        kind=kind,
        region=region,
        parent=parent,
        timezone=region.timezone if region else WIB,
        email=email,
        address=address,
    )
    with transaction.atomic():
        agency.full_clean()
        agency.save()
        audit_record(actor=actor, action="agency.create", instance=agency, after=instance_snapshot(agency))
    return agency


def agency_update(*, actor, agency: Agency, data: dict) -> Agency:
    fields = ["name", "email", "address", "is_active", "parent"]
    with transaction.atomic():
        changed, before, after = model_update(instance=agency, fields=fields, data=data)
        if changed:
            audit_record(actor=actor, action="agency.update", instance=agency, before=before, after=after)
    return agency


def _set_roles(user: User, roles: list[str]) -> None:
    unknown = set(roles) - set(ROLE_PERMISSIONS)
    if unknown:
        raise ApplicationError(_("Peran tidak dikenal: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    user.groups.set(Group.objects.filter(name__in=roles))


def user_create(
    *,
    actor,
    username: str,
    password: str | None,
    agency: Agency | None,
    roles: list[str],
    full_name: str = "",
    email: str = "",
    position: str = "",
) -> User:
    user = User(username=username, agency=agency, full_name=full_name, email=email, position=position)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        user.full_clean()
        user.save()
        _set_roles(user, roles)
        audit_record(
            actor=actor,
            action="user.create",
            instance=user,
            after={**instance_snapshot(user, exclude=_USER_SECRET_FIELDS), "roles": sorted(roles)},
        )
    return user


def user_update(*, actor, user: User, data: dict, roles: list[str] | None = None) -> User:
    fields = ["full_name", "email", "position", "is_active", "agency"]
    with transaction.atomic():
        changed, before, after = model_update(instance=user, fields=fields, data=data)
        old_roles = sorted(user.groups.values_list("name", flat=True))
        if roles is not None and sorted(roles) != old_roles:
            _set_roles(user, roles)
            before["roles"], after["roles"] = old_roles, sorted(roles)
            changed = True
        if changed:
            audit_record(actor=actor, action="user.update", instance=user, before=before, after=after)
    return user


def saved_view_save(*, user: User, page: str, name: str, query: str) -> SavedView:
    """Save (or replace) the user's named filter for a list page; `query` is the page's own canonical
    query string. Audited like every write."""
    name = " ".join(name.split())[:80]
    if not name:
        raise ApplicationError(_("Beri nama filter yang disimpan."), extra={"field": "name"})
    if len(query) > 1000:
        raise ApplicationError(_("Filter terlalu panjang untuk disimpan."), extra={"field": "name"})
    with transaction.atomic():
        view, created = SavedView.objects.update_or_create(
            user=user, page=page, name=name, defaults={"query": query}
        )
        view.full_clean()
        audit_record(
            actor=user,
            action="saved_view.create" if created else "saved_view.update",
            instance=view,
            after={"page": page, "name": name, "query": query},
        )
    return view


def saved_view_delete(*, user: User, view_id: int) -> None:
    """Delete one of the user's own saved filters (another user's is not found)."""
    from netra.core.exceptions import NotFoundError

    with transaction.atomic():
        view = SavedView.objects.select_for_update().filter(pk=view_id, user=user).first()
        if view is None:
            raise NotFoundError(_("Filter tersimpan tidak ditemukan."))
        audit_record(
            actor=user,
            action="saved_view.delete",
            instance=view,
            before={"page": view.page, "name": view.name, "query": view.query},
        )
        view.delete()
