from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api, openapi_json
from netra.accounts.views import admin_login

urlpatterns = [
    path("", include("netra.core.urls")),
    path("aturan/", include("netra.rules.urls")),
    path("lapor/", include("netra.intake.urls")),
    path("kasus/", include("netra.cases.urls")),
    path("notifikasi/", include("netra.notifications.urls")),
    path("statistik/", include("netra.analytics.urls")),
    path("patroli/", include("netra.patrol.urls")),
    path("akun/", include("netra.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("api/openapi.json", openapi_json, name="openapi-json"),
    # The admin signs in through the staff login (lockout, second factor, session record), never its own.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Netra — Administrasi"
admin.site.site_title = "Netra"

# A database that cannot be reached is a 503 page/problem document, other errors the 500 page (issue 13).
handler500 = "netra.core.errors.server_error"
# An upload stopped at the size limit while streaming is a 413 that says the limit (issue 13).
handler400 = "netra.core.errors.bad_request"
