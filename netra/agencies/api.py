"""Agencies and users (officers only; scoped)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from netra.agencies import selectors, services
from netra.agencies.models import Agency
from netra.core.exceptions import PermissionDeniedError
from netra.core.scoping import get_scoped_or_404, restrict, scope_for

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    family: str
    region_code: str | None
    parent_id: int | None
    timezone: str
    is_active: bool

    @staticmethod
    def resolve_region_code(obj) -> str | None:
        return obj.region_id


class AgencyPatchIn(Schema):
    name: str | None = None
    email: str | None = None
    address: str | None = None
    is_active: bool | None = None


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    agency_id: int | None
    roles: list[str]
    is_active: bool

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return sorted(g.name for g in obj.groups.all())


class MeOut(Schema):
    user: UserOut
    agency: AgencyOut | None
    region_prefixes: list[str]
    permissions: list[str]


@router.get("/me", response=MeOut, summary="Pengguna yang sedang masuk dan cakupannya")
def me(request):
    scope = scope_for(request.user)
    return {
        "user": request.user,
        "agency": request.user.agency,
        "region_prefixes": list(scope.region_prefixes),
        "permissions": sorted(scope.permissions),
    }


@router.get("", response=list[AgencyOut], summary="Daftar instansi")
def list_agencies(request, kind: str = "", region: str = ""):
    return list(
        selectors.agency_list_visible_to(user=request.user, kind=kind or None, region_prefix=region or None)
    )


@router.get("/users", response=list[UserOut], summary="Pengguna dalam cakupan")
def list_users(request):
    return list(selectors.user_list_visible_to(user=request.user))


@router.get("/{agency_id}", response=AgencyOut, summary="Satu instansi")
def get_agency(request, agency_id: int):
    return get_scoped_or_404(Agency.objects.select_related("region"), request.user, "view", pk=agency_id)


@router.patch("/{agency_id}", response=AgencyOut, summary="Ubah instansi")
def patch_agency(request, agency_id: int, payload: AgencyPatchIn):
    agency = get_scoped_or_404(Agency.objects.all(), request.user, "view", pk=agency_id)
    if not restrict(Agency.objects.filter(pk=agency.pk), request.user, "change").exists():
        raise PermissionDeniedError(_("Anda tidak berwenang mengubah instansi ini."))
    data = payload.dict(exclude_none=True)
    return services.agency_update(actor=request.user, agency=agency, data=data)


@router.get("/users/{user_id}", response=UserOut, summary="Satu pengguna")
def get_user(request, user_id: int):
    return get_object_or_404(selectors.user_list_visible_to(user=request.user), pk=user_id)
