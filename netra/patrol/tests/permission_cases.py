"""Permission cases for the patrol API (netra.core.testing.EndpointCase), collected by
netra/core/tests/test_api_permissions.py. World: `api_world` (Balikpapan supervisors; `pbg` is
Purbalingga's administrator, for whom Balikpapan's queue does not exist)."""

from netra.core.testing import EndpointCase
from netra.patrol.tests.action_cases import _item

A = "/api/v1/patrol"

CASES = [
    EndpointCase("get", f"{A}/items", allowed="bpp_officer", denied="pbg", list_probe=lambda w: _item(w).pk),
    EndpointCase(
        "get",
        f"{A}/items/{{item_id}}",
        allowed="bpp_viewer",
        denied="pbg",
        path_params=lambda w: {"item_id": _item(w).pk},
    ),
    EndpointCase(
        "post",
        f"{A}/items/{{item_id}}/dismiss",
        allowed="bpp_officer",
        denied="pbg",
        forbidden="bpp_viewer",
        path_params=lambda w: {"item_id": _item(w).pk},
        body={"reason": "Sapaan biasa, bukan dukungan."},
        audit_action="patrol.item_dismiss",
    ),
]
