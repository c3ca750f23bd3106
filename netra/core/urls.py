from django.urls import path

from netra.core import views, views_ops

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("ruang-kerja/", views.workspace, name="workspace"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("readyz", views_ops.readyz, name="readyz"),
    path("metrics", views_ops.metrics, name="metrics"),
]
