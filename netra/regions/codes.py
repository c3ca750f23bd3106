"""Kemendagri region codes as strings: "64", "64.71", "64.71.05". Never arithmetic on them."""


def region_code_lineage(code: str | None) -> list[str]:
    """The code and its parents, province first: "64.71.05" → ["64", "64.71", "64.71.05"]; "" → []."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def codes_cover(codes: set[str] | frozenset[str], region_code: str) -> bool:
    """Whether `region_code` is one of `codes` or lies inside one of them."""
    return any(c in codes for c in region_code_lineage(region_code))
