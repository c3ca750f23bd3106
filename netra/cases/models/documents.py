"""Documents of a case: numbered letters generated from templates and uploaded documents, and the
outgoing-letter numbering per office (`DocumentCounter`)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models.cases import Case
from netra.cases.storage import case_document_storage


class DocumentKind(models.TextChoices):
    SUMMONS = "undangan_klarifikasi", _("Undangan klarifikasi")
    MINUTES = "bap", _("Berita acara klarifikasi (BAP)")
    PRESENTATION_REQUEST = "permintaan_menghadirkan", _("Permintaan menghadirkan terlapor kepada atasan/PPK")
    FORWARDING = "penerusan", _("Surat penerusan")
    STATUS_NOTICE = "pemberitahuan_status", _("Pemberitahuan status laporan")
    RECOMMENDATION = "rekomendasi", _("Rekomendasi kepada PPK")
    SANCTION_DECISION = "keputusan_sanksi", _("Keputusan hukuman/sanksi")
    OTHER = "lainnya", _("Dokumen lain")


def document_upload_to(instance, filename: str) -> str:
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}.pdf"


class DocumentRenderState(models.TextChoices):
    """Where a generated letter's PDF is: numbered and written with the move, rendered after the commit
    (services.letters_render). Uploads are stored as they arrive (rendered)."""

    PENDING = "pending", _("Sedang dibuat")
    RENDERED = "rendered", _("Tersedia")
    FAILED = "failed", _("Gagal dibuat")


class Document(models.Model):
    """A numbered official letter generated from a template, or an uploaded document (BAP, decree)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("jenis"), max_length=32, choices=DocumentKind.choices)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    dated = models.DateField(_("tanggal"))
    title = models.CharField(_("perihal"), max_length=300)
    issued_by = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    addressed_to = models.CharField(_("kepada"), max_length=300, blank=True)
    # Empty while a letter's PDF is still being rendered (render_state).
    file = models.FileField(
        _("berkas"), upload_to=document_upload_to, storage=case_document_storage, max_length=300, blank=True
    )
    mime_type = models.CharField(max_length=120, default="application/pdf")
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    generated = models.BooleanField(_("dibuat dari templat"), default=True)
    # A generated letter: its template and everything it shows, frozen at issue (letters.letter_snapshot),
    # so the PDF rendered after the commit, or again after a failure, shows the case as it was issued.
    template = models.CharField(_("templat"), max_length=64, blank=True)
    render_context = models.JSONField(_("isi surat saat terbit"), default=dict, blank=True)
    render_state = models.CharField(
        _("status pembuatan"),
        max_length=16,
        choices=DocumentRenderState.choices,
        default=DocumentRenderState.RENDERED,
    )
    render_attempts = models.PositiveSmallIntegerField(_("percobaan pembuatan"), default=0)
    render_error = models.TextField(_("galat pembuatan"), blank=True)
    render_attempted_at = models.DateTimeField(_("percobaan terakhir"), null=True, blank=True)
    # Which families may read it (e.g. a status notice is Bawaslu's only; a recommendation the PPK's too).
    audience = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "created_at", "id"]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        constraints = [
            # The agenda surat keluar: an office never gives two of its letters one number (the number
            # carries the classification code and the year). Uploaded documents carry someone else's
            # number (a PPK's decree), so only generated letters are bound.
            models.UniqueConstraint(
                fields=["issued_by", "number"],
                condition=models.Q(generated=True) & ~models.Q(number=""),
                name="document_number_unique_per_office",
            ),
            # A document that may be opened has its file's hash (it is checked on every download).
            models.CheckConstraint(
                condition=~models.Q(render_state="rendered") | ~models.Q(sha256=""),
                name="document_rendered_has_sha256",
            ),
            models.CheckConstraint(
                condition=models.Q(render_state__in=["pending", "rendered", "failed"]),
                name="document_render_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class DocumentCounter(models.Model):
    """Outgoing-letter numbers per issuing office, series and year (locked with SELECT … FOR UPDATE).

    The series of a letter is its classification code ("PM.00.02"): kinds that share a code share one
    run of numbers, as an office's agenda surat keluar does (`services.documents.letter_number_next`)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)  # the series: a classification code ("PM.00.02")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="doc_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last}"
