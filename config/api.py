"""The Netra API (django-ninja), mounted at /api/v1/. OpenAPI document at /api/openapi.json.

Deny by default: the API's default auth is the session (officers); public endpoints say `auth=None`
explicitly. Every router is one app's `api.py`.
"""

from django.http import JsonResponse
from ninja.security import django_auth

from netra.core.api import NetraAPI, install_problem_handlers

# NetraAPI: the document defines every schema it references, date-times are RFC 3339 (issue 13 item 4).
api = NetraAPI(
    title="Netra API",
    version="1",
    description=(
        "Netra: pengawasan netralitas ASN dalam Pemilu dan Pilkada. Semua galat memakai format "
        "problem details (RFC 9457)."
    ),
    auth=django_auth,
    urls_namespace="api",
)
install_problem_handlers(api)

from netra.agencies.api import router as agencies_router  # noqa: E402
from netra.analytics.api import router as analytics_router  # noqa: E402
from netra.audit.api import router as audit_router  # noqa: E402
from netra.cases.api import router as cases_router  # noqa: E402
from netra.clocks.api import router as clocks_router  # noqa: E402
from netra.elections.api import router as elections_router  # noqa: E402
from netra.intake.api import router as intake_router  # noqa: E402
from netra.notifications.api import router as notifications_router  # noqa: E402
from netra.patrol.api import router as patrol_router  # noqa: E402
from netra.regions.api import router as regions_router  # noqa: E402
from netra.rules.api import router as rules_router  # noqa: E402

api.add_router("/regions/", regions_router)
api.add_router("/rules/", rules_router)
api.add_router("/elections/", elections_router)
api.add_router("/clocks/", clocks_router)
api.add_router("/agencies/", agencies_router)
api.add_router("/audit/", audit_router)
api.add_router("/notifications", notifications_router)
api.add_router("/stats/", analytics_router)
api.add_router("/patrol/", patrol_router)
api.add_router("/", cases_router)
api.add_router("/", intake_router)


def openapi_json(request):
    """The OpenAPI document, also at /api/openapi.json (the contract, tested in the suite)."""
    return JsonResponse(api.get_openapi_schema(path_prefix="/api/v1"))
