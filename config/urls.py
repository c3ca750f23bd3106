from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api, openapi_json

accounts = (
    [
        path(
            "masuk/",
            auth_views.LoginView.as_view(
                template_name="accounts/login.html", redirect_authenticated_user=True
            ),
            name="login",
        ),
        path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    ],
    "accounts",
)

urlpatterns = [
    path("", include("netra.core.urls")),
    path("aturan/", include("netra.rules.urls")),
    path("lapor/", include("netra.intake.urls")),
    path("kasus/", include("netra.cases.urls")),
    path("notifikasi/", include("netra.notifications.urls")),
    path("statistik/", include("netra.analytics.urls")),
    path("patroli/", include("netra.patrol.urls")),
    path("akun/", include(accounts)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("api/openapi.json", openapi_json, name="openapi-json"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Netra — Administrasi"
admin.site.site_title = "Netra"
