"""Compute a user's Scope (see netra.core.scoping): jurisdiction, agency subtree and permissions."""

from netra.agencies.models import Agency, AgencyFamily, AgencyKind
from netra.core.scoping import Scope


def agency_subtree_ids(agency: Agency, *, max_depth: int = 4) -> frozenset[int]:
    """The agency and all its descendants (agency trees are shallow: RI > prov > kab/kota > kecamatan)."""
    ids = {agency.pk}
    frontier = [agency.pk]
    for _ in range(max_depth):
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        if not frontier:
            break
        ids.update(frontier)
    return frozenset(ids)


def _employer_root(agency: Agency) -> Agency:
    """A BKPSDM or Inspektorat acts for its employing agency (the PPK's instansi)."""
    node = agency
    while node.kind != AgencyKind.INSTANSI and node.parent_id is not None:
        node = node.parent
    return node if node.kind == AgencyKind.INSTANSI else agency


def user_scope(user) -> Scope:
    perms = frozenset(user.get_all_permissions())
    if user.is_superuser:
        return Scope(user_id=user.pk, is_superuser=True, region_prefixes=("",), permissions=perms)
    agency = user.agency
    if agency is None or not agency.is_active:
        # A user without an (active) agency reaches nothing beyond public data.
        return Scope(user_id=user.pk, permissions=perms)
    family = agency.family
    if family == AgencyFamily.EMPLOYER:
        root = _employer_root(agency)
        agency_ids = agency_subtree_ids(root)
        prefixes: tuple[str, ...] = ()  # an employer sees its own ASN, not its region
    else:
        agency_ids = agency_subtree_ids(agency)
        prefixes = (agency.jurisdiction_code,)
    return Scope(
        user_id=user.pk,
        agency_id=agency.pk,
        agency_kind=agency.kind,
        agency_family=family,
        region_prefixes=prefixes,
        agency_ids=agency_ids,
        permissions=perms,
    )
