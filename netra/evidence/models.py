"""Evidence attached to a report: files (kept byte for byte, with a metadata-stripped display copy),
links to posts, and the chain of custody (who received, stored, viewed, downloaded or exported a file).

Files live in a private storage (netra.evidence.storage) that no URL serves. Names on disk are random:
the name the reporter gave the file may identify them (`IMG_budi_santoso.jpg`), so it is kept only in
`Evidence.original_name` and never in a path, an audit row or a display-copy download name.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.core.models import AppendOnlyError, AppendOnlyModel
from netra.evidence.storage import evidence_storage, sealed_evidence_storage

__all__ = ["AppendOnlyError", "CustodyEvent", "Evidence", "EvidenceLink"]


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("Gambar")
    PDF = "pdf", _("PDF")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Dokumen")


class UploadedBy(models.TextChoices):
    REPORTER = "pelapor", _("Pelapor")
    OFFICER = "petugas", _("Petugas")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    TIKTOK = "tiktok", _("TikTok")
    X = "x", _("X (Twitter)")
    YOUTUBE = "youtube", _("YouTube")
    WHATSAPP = "whatsapp", _("WhatsApp")
    OTHER = "other", _("Lainnya")


class CustodyAction(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    STORED = "stored", _("Disimpan")
    STRIPPED = "stripped", _("Metadata dihapus (salinan tampilan)")
    VIEWED = "viewed", _("Dilihat")
    DOWNLOADED = "downloaded", _("Diunduh (berkas asli)")
    EXPORTED = "exported", _("Diekspor")
    PURGED = "purged", _("Salinan tampilan dihapus (retensi)")


def _private_name(folder: str) -> str:
    # Random, extension-less: nothing in the path says who sent the file or what it is called.
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def original_upload_to(instance, filename: str) -> str:
    return _private_name("original")


def display_upload_to(instance, filename: str) -> str:
    return _private_name("display")


class Evidence(models.Model):
    """One file submitted with a report: the original as received, and a copy safe to show."""

    report = models.ForeignKey(
        "intake.Report", verbose_name=_("laporan"), on_delete=models.PROTECT, related_name="evidence"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=EvidenceKind.choices)
    original = models.FileField(
        _("berkas asli"), upload_to=original_upload_to, storage=sealed_evidence_storage, max_length=255
    )
    original_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    mime_type = models.CharField(_("jenis isi (MIME)"), max_length=120)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256 berkas asli"), max_length=64, db_index=True)
    # Empty (not NULL: a FileField is a string column) when no copy exists or after the retention purge.
    display = models.FileField(
        _("salinan tampilan"),
        upload_to=display_upload_to,
        storage=evidence_storage,
        max_length=255,
        blank=True,
    )
    display_sha256 = models.CharField(_("SHA-256 salinan tampilan"), max_length=64, blank=True)
    stripped = models.BooleanField(_("metadata dihapus"), default=False)
    strip_note = models.TextField(_("catatan penghapusan metadata"), blank=True)
    uploaded_by = models.CharField(_("diunggah oleh"), max_length=8, choices=UploadedBy.choices)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas pengunggah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diterima pada"), default=timezone.now, editable=False, db_index=True)
    purged_at = models.DateTimeField(_("salinan tampilan dihapus pada"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bukti berkas")
        verbose_name_plural = _("bukti berkas")
        permissions = [("download_original", _("Boleh mengunduh berkas bukti asli (dengan metadata)"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="evidence_size_positive"),
            models.CheckConstraint(
                condition=models.Q(kind__in=EvidenceKind.values), name="evidence_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(uploaded_by=UploadedBy.REPORTER)
                | models.Q(uploaded_by=UploadedBy.OFFICER, uploaded_by_user__isnull=False),
                name="evidence_officer_upload_has_user",
            ),
            models.CheckConstraint(
                condition=models.Q(stripped=False)
                | ~models.Q(display="")
                | models.Q(purged_at__isnull=False),
                name="evidence_stripped_has_display",
            ),
        ]

    def __str__(self) -> str:
        # Never the original file name: this string lands in audit rows (object_repr).
        return f"{self.get_kind_display()} {self.sha256[:12]}"


class EvidenceLink(models.Model):
    """A link to a post (Facebook, Instagram, TikTok, X, YouTube, WhatsApp, ...) given as evidence."""

    report = models.ForeignKey(
        "intake.Report", verbose_name=_("laporan"), on_delete=models.PROTECT, related_name="evidence_links"
    )
    url = models.URLField(_("tautan"), max_length=2000)
    platform = models.CharField(
        _("platform"), max_length=16, choices=Platform.choices, default=Platform.OTHER
    )
    captured_at = models.DateTimeField(_("dilihat/direkam pada"), default=timezone.now)
    submitted_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("bukti tautan")
        verbose_name_plural = _("bukti tautan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url__startswith="http://") | models.Q(url__startswith="https://"),
                name="evidence_link_http_only",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} #{self.pk}"


class CustodyEvent(AppendOnlyModel):
    """One step in a file's chain of custody. Append-only (also by trigger on PostgreSQL, migration 0002)."""

    evidence = models.ForeignKey(
        Evidence, verbose_name=_("bukti"), on_delete=models.PROTECT, related_name="custody_events"
    )
    action = models.CharField(_("tindakan"), max_length=16, choices=CustodyAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A snapshot of who it was: "pelapor" for the reporter (no account), "sistem" for scheduled jobs,
    # the username otherwise (kept even if the account is renamed later).
    actor_label = models.CharField(_("nama pelaku"), max_length=150)
    at = models.DateTimeField(_("waktu"), default=timezone.now, editable=False, db_index=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("peristiwa rantai penguasaan")
        verbose_name_plural = _("rantai penguasaan bukti")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.actor_label} {self.at:%Y-%m-%d %H:%M}"
