"""Reads on cases, always narrowed by `netra.core.scoping.restrict` (out of scope = not found)."""

from netra.cases.selectors.cases import (  # noqa: F401
    case_get_visible,
    case_list_visible_to,
    case_timeline,
    person_history,
)
