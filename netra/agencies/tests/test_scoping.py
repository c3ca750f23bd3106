"""The scoping selector: jurisdiction by region prefix, agency subtrees, deny by default, 404 not 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from netra.agencies.models import Agency, User
from netra.agencies.selectors import agency_for_region, user_list_visible_to
from netra.clocks.models import Holiday
from netra.core.scoping import get_scoped_or_404, restrict, scope_for
from netra.regions.models import Region


def visible_usernames(viewer):
    return set(user_list_visible_to(user=viewer).values_list("username", flat=True))


def test_region_prefix_of_each_bawaslu_level(world):
    u = world["users"]
    assert scope_for(u["bpp"]).region_prefixes == ("64.71",)
    assert scope_for(u["kaltim"]).region_prefixes == ("64",)
    assert scope_for(u["ri"]).is_national


def test_region_q_matches_the_code_and_its_children_only(world):
    u = world["users"]
    bpp_regions = Region.objects.filter(scope_for(u["bpp"]).region_q("code"))
    codes = set(bpp_regions.values_list("code", flat=True))
    assert "64.71" in codes
    assert "64.71.01" in codes
    assert "64.72" not in codes  # Samarinda
    assert all(c == "64.71" or c.startswith("64.71.") for c in codes)
    kaltim_codes = set(
        Region.objects.filter(scope_for(u["kaltim"]).region_q("code")).values_list("code", flat=True)
    )
    assert {"64", "64.71", "64.72", "64.71.01"} <= kaltim_codes
    assert not any(c.startswith("65") for c in kaltim_codes)  # Kalimantan Utara is another province


def test_balikpapan_sees_its_office_and_kecamatan_staff_only(world):
    assert visible_usernames(world["users"]["bpp"]) == {
        "u-bpp",
        "u-bpp_sel",
        "u-bpp-officer",
        "u-bpp-viewer",
        "u-bpp-head",
    }


def test_province_sees_its_kab_kota_but_not_another_province(world):
    seen = visible_usernames(world["users"]["kaltim"])
    assert {"u-kaltim", "u-bpp", "u-bpp_sel"} <= seen
    assert "u-pbg" not in seen
    assert "u-jateng" not in seen


def test_ppk_units_act_for_their_employing_agency(world):
    """BKPSDM and Inspektorat see the people of their Pemkot, and nothing of Bawaslu."""
    scope = scope_for(world["users"]["bkpsdm"])
    a = world["agencies"]
    assert scope.agency_ids == {a["pemkot"].pk, a["bkpsdm"].pk, a["inspektorat"].pk}
    assert scope.region_prefixes == ()  # an employer has no regional jurisdiction
    assert scope.region_q("code") is None  # so region-scoped records are not reachable
    assert visible_usernames(world["users"]["bkpsdm"]) == {"u-pemkot", "u-bkpsdm", "u-inspektorat"}


def test_bkn_is_national_but_sees_only_its_own_people(world):
    scope = scope_for(world["users"]["bkn"])
    assert scope.is_national
    assert visible_usernames(world["users"]["bkn"]) == {"u-bkn"}


def test_role_without_permission_sees_nothing(world):
    assert visible_usernames(world["users"]["bpp_viewer"]) == set()


def test_user_without_agency_or_anonymous_reaches_nothing(world):
    assert visible_usernames(world["users"]["orphan"]) == set()
    assert restrict(User.objects.all(), AnonymousUser()).count() == 0
    assert restrict(Agency.objects.all(), AnonymousUser()).count() == 0


def test_deactivated_user_is_treated_as_anonymous(world):
    user = world["users"]["bpp"]
    user.is_active = False
    assert scope_for(user).user_id is None


def test_unregistered_model_is_denied_by_default(world):
    assert restrict(Holiday.objects.all(), world["users"]["platform"]).count() == 0


def test_superuser_sees_everything_registered(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.invalid", "x" * 12)
    assert restrict(User.objects.all(), root).count() == User.objects.count()


def test_out_of_scope_is_404_not_403(world):
    target = world["users"]["pbg"]
    with pytest.raises(Http404):
        get_scoped_or_404(User.objects.all(), world["users"]["bpp"], "view", pk=target.pk)
    assert get_scoped_or_404(User.objects.all(), world["users"]["jateng"], "view", pk=target.pk) == target


def test_change_scope_is_narrower_than_view(world):
    u, a = world["users"], world["agencies"]
    assert not restrict(Agency.objects.filter(pk=a["bpp"].pk), u["bpp_officer"], "change").exists()
    assert restrict(Agency.objects.filter(pk=a["bpp"].pk), u["platform"], "change").exists()


def test_report_routing_picks_the_most_local_bawaslu(world):
    a = world["agencies"]
    kinds = ("bawaslu_ri", "bawaslu_provinsi", "bawaslu_kabkota", "panwaslu_kecamatan")
    assert agency_for_region(region_code="64.71.01", kinds=kinds) == a["bpp_sel"]
    assert agency_for_region(region_code="64.71.02", kinds=kinds) == a["bpp"]  # no Panwaslu there: kab/kota
    assert agency_for_region(region_code="64.72.01", kinds=kinds) == a["kaltim"]  # Samarinda: province
    assert agency_for_region(region_code="91.01", kinds=kinds) == a["ri"]  # no office in Papua: national
