from django.urls import path

from netra.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("laporan/", views.report, name="report"),
    path("informasi/", views.tip, name="tip"),
    path("cek/", views.follow, name="follow"),
    path("cek/status/", views.status, name="status"),
    path("cek/status/pesan/", views.status_message, name="status_message"),
    path("cek/status/bukti/", views.status_evidence, name="status_evidence"),
    path("cek/keluar/", views.status_logout, name="status_logout"),
    path("petugas/", views.officer_list, name="officer_list"),
    path("petugas/<int:report_id>/", views.officer_detail, name="officer_detail"),
    path("petugas/<int:report_id>/pesan/", views.officer_message, name="officer_message"),
    path("petugas/<int:report_id>/identitas/", views.officer_reveal, name="officer_reveal"),
    path(
        "petugas/<int:report_id>/bukti/<int:evidence_id>/",
        views.evidence_display,
        name="evidence_display",
    ),
    path(
        "petugas/<int:report_id>/bukti/<int:evidence_id>/asli/",
        views.evidence_original,
        name="evidence_original",
    ),
]
