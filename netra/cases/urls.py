from django.urls import path

from netra.cases import (
    views,
    views_calendar,
    views_casefile,
    views_clarifications,
    views_documents,
    views_findings,
    views_list,
    views_subjects,
    views_summary,
)

app_name = "cases"

urlpatterns = [
    path("", views_list.case_list, name="list"),
    path("ekspor.xlsx", views_list.case_export, name="export"),
    path("filter/simpan/", views_list.saved_filter_save, name="saved_filter_save"),
    path("filter/<int:view_id>/hapus/", views_list.saved_filter_delete, name="saved_filter_delete"),
    path("temuan/baru/", views_findings.finding_new, name="finding_new"),
    path("klarifikasi/kalender/", views_calendar.clarification_calendar_page, name="calendar"),
    path("klarifikasi/kalender.ics", views_calendar.clarification_calendar_ics, name="calendar_ics"),
    path("klarifikasi/kalender.xlsx", views_calendar.clarification_calendar_xlsx, name="calendar_xlsx"),
    path("terlapor/<int:person_id>/", views_subjects.person_detail, name="person"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/ringkasan.pdf", views_summary.case_summary_pdf, name="summary"),
    path("<int:case_id>/langkah/<slug:name>/", views.case_transition, name="transition"),
    path("<int:case_id>/catatan/", views.case_note, name="note"),
    path("<int:case_id>/petugas/", views.case_assign_officer, name="assign"),
    path("<int:case_id>/ubah/", views.case_edit, name="edit"),
    path("<int:case_id>/perpanjang/", views.case_extend, name="extend"),
    path("<int:case_id>/terlapor/", views_subjects.subject_add, name="subject_add"),
    path("<int:case_id>/terlapor/<int:subject_id>/ubah/", views_subjects.subject_edit, name="subject_edit"),
    path(
        "<int:case_id>/terlapor/<int:subject_id>/klasifikasi/",
        views_subjects.subject_classify,
        name="subject_classify",
    ),
    path("<int:case_id>/dokumen/<int:document_id>/", views_documents.document_download, name="document"),
    path("<int:case_id>/dokumen/unggah/", views_casefile.document_upload, name="document_upload"),
    path(
        "<int:case_id>/dokumen/<int:document_id>/buat-ulang/",
        views_casefile.document_render_retry,
        name="document_render_retry",
    ),
    path("<int:case_id>/bukti/<int:evidence_id>/", views_casefile.case_evidence, name="evidence"),
    path("<int:case_id>/pemberitahuan-status/", views_documents.status_notice, name="status_notice"),
    path(
        "<int:case_id>/klarifikasi/",
        views_clarifications.clarification_schedule,
        name="clarification_schedule",
    ),
    path(
        "<int:case_id>/klarifikasi/<int:clarification_id>/",
        views_clarifications.clarification_record,
        name="clarification_record",
    ),
    path(
        "<int:case_id>/klarifikasi/<int:clarification_id>/batal/",
        views_clarifications.clarification_cancel,
        name="clarification_cancel",
    ),
    path(
        "<int:case_id>/klarifikasi/<int:clarification_id>/jadwal-ulang/",
        views_clarifications.clarification_reschedule,
        name="clarification_reschedule",
    ),
    path(
        "<int:case_id>/klarifikasi/permintaan-menghadirkan/",
        views_clarifications.clarification_presentation,
        name="clarification_presentation",
    ),
    path("<int:case_id>/gabung/", views_findings.case_merge, name="merge"),
]
