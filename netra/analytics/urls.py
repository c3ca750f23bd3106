"""Staff statistics pages (/statistik/) and the public transparency page (/data/)."""

from django.urls import path

from netra.analytics import views, views_import, views_public

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *views.extra_urlpatterns,
    *views_import.urlpatterns,
    *views_public.urlpatterns,
]
