from netra.regions.codes import codes_cover, region_code_lineage


def test_lineage_is_province_first_and_string_based():
    assert region_code_lineage("64.71.05") == ["64", "64.71", "64.71.05"]
    assert region_code_lineage("11.10") == ["11", "11.10"]  # never "11.1": codes are not numbers
    assert region_code_lineage("") == []
    assert region_code_lineage(None) == []


def test_codes_cover_the_code_and_its_children_only():
    assert codes_cover({"64.71"}, "64.71.05")
    assert codes_cover({"64.71"}, "64.71")
    assert not codes_cover({"64.71"}, "64.72.01")
    assert not codes_cover({"64.71"}, "64")
