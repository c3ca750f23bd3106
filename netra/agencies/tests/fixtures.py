import pytest

from netra.agencies.models import AgencyKind
from netra.agencies.roles import Role
from netra.agencies.tests.factories import AgencyFactory, UserFactory, bawaslu, region


@pytest.fixture
def world(db):
    """A small world: Bawaslu RI > Kaltim > Balikpapan > Balikpapan Selatan; Jateng > Purbalingga;
    BKN; Pemkot Balikpapan with its BKPSDM and Inspektorat; and one officer per office."""
    ri = bawaslu("")
    kaltim = bawaslu("64", parent=ri)
    bpp = bawaslu("64.71", parent=kaltim)
    bpp_sel = bawaslu("64.71.01", parent=bpp)
    jateng = bawaslu("33", parent=ri)
    pbg = bawaslu("33.03", parent=jateng)
    bkn = AgencyFactory(code="bkn", name="Badan Kepegawaian Negara", kind=AgencyKind.BKN)
    pemkot = AgencyFactory(
        code="pemkot-balikpapan",
        name="Pemerintah Kota Balikpapan",
        kind=AgencyKind.INSTANSI,
        region=region("64.71"),
    )
    bkpsdm = AgencyFactory(
        code="bkpsdm-balikpapan",
        name="BKPSDM Kota Balikpapan",
        kind=AgencyKind.BKPSDM,
        region=region("64.71"),
        parent=pemkot,
    )
    inspektorat = AgencyFactory(
        code="inspektorat-balikpapan",
        name="Inspektorat Kota Balikpapan",
        kind=AgencyKind.INSPEKTORAT,
        region=region("64.71"),
        parent=pemkot,
    )
    agencies = {
        "ri": ri,
        "kaltim": kaltim,
        "bpp": bpp,
        "bpp_sel": bpp_sel,
        "jateng": jateng,
        "pbg": pbg,
        "bkn": bkn,
        "pemkot": pemkot,
        "bkpsdm": bkpsdm,
        "inspektorat": inspektorat,
    }
    users = {
        key: UserFactory(username=f"u-{key}", agency=agency, roles=[Role.AGENCY_ADMIN])
        for key, agency in agencies.items()
    }
    users["bpp_officer"] = UserFactory(username="u-bpp-officer", agency=bpp, roles=[Role.OFFICER])
    users["bpp_viewer"] = UserFactory(username="u-bpp-viewer", agency=bpp, roles=[Role.VIEWER])
    users["bpp_head"] = UserFactory(username="u-bpp-head", agency=bpp, roles=[Role.HEAD])
    users["platform"] = UserFactory(username="u-platform", agency=ri, roles=[Role.PLATFORM_ADMIN])
    users["orphan"] = UserFactory(username="u-orphan", agency=None, roles=[Role.OFFICER])
    return {"agencies": agencies, "users": users}


@pytest.fixture
def reference_regions(db):
    """Regions and roles as after `migrate`. Transactional tests (live server, pg_dump) run on a flushed
    database, which loses the data migrations' rows: request this before `world` there."""
    from netra.agencies.roles import sync_roles
    from netra.regions.loader import sync_regions
    from netra.regions.models import Region

    sync_regions(Region)
    sync_roles()
