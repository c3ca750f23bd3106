"""Permission cases for the statistics API (netra.core.testing.EndpointCase), collected by
netra/core/tests/test_api_permissions.py. A statistic never 404s: out of scope it counts nothing
(tests/test_api.py checks that Purbalingga's officers count none of Balikpapan's cases)."""

from netra.core.testing import EndpointCase

A = "/api/v1/stats"

CASES = [
    EndpointCase("get", f"{A}/waiting", allowed="bpp_officer"),
    EndpointCase("get", f"{A}/funnel", allowed="bpp_officer"),
    EndpointCase("get", f"{A}/breakdown", allowed="bkn_officer"),
    EndpointCase("get", f"{A}/ppk-follow-up", allowed="bkpsdm_officer"),
    EndpointCase("get", f"{A}/within-time", allowed="bpp_head"),
    EndpointCase("get", f"{A}/clarification", allowed="bpp_officer"),
    EndpointCase("get", f"{A}/vulnerability", allowed="bpp_head"),
]
