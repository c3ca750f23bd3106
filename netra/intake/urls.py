from django.urls import path

from netra.intake import views, views_filing

app_name = "intake"

urlpatterns = [
    path("", views_filing.start, name="start"),
    path("laporan/", views_filing.report, name="report"),
    path("informasi/", views_filing.tip, name="tip"),
    path("tanda-terima/", views_filing.receipt, name="receipt"),
    path("tanda-terima/pdf/", views_filing.receipt_pdf, name="receipt_pdf"),
    path("tanda-terima/selesai/", views_filing.receipt_done, name="receipt_done"),
    path("kontak/", views_filing.contacts, name="contacts"),
    path("privasi/", views_filing.privacy, name="privacy"),
    path("cek/", views.follow, name="follow"),
    path("cek/status/", views.status, name="status"),
    path("cek/status/pdf/", views.status_pdf, name="status_pdf"),
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
