"""Social-media patrol (issue 12): the election registry's terms and accounts, the ASN account registry,
captured posts and bulk-loaded interactions, and the review queue.

Captured files stay in the sealed evidence storage with their SHA-256 from the evidence app's check;
when an item becomes a temuan they are stored on its report by the evidence app's own service
(`evidence_store`), which checks the bytes against the same hash and starts the chain of custody there.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netra.core.models import TimeStampedModel
from netra.evidence.models import Platform
from netra.evidence.storage import sealed_evidence_storage


def capture_upload_to(instance, filename: str) -> str:
    # Random and extension-less, like the evidence app's: the name says nothing about the file.
    return f"patrol/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ContestantProfile(TimeStampedModel):
    """What identifies a contestant on social media besides its ballot data: nicknames, taglines,
    slogans, hashtags (without "#") and gesture codes ("salam dua jari"). Lists of texts."""

    contestant = models.OneToOneField(
        "elections.Contestant", on_delete=models.CASCADE, related_name="patrol_profile"
    )
    nicknames = models.JSONField(_("nama panggilan"), default=list, blank=True)
    taglines = models.JSONField(_("tagline"), default=list, blank=True)
    slogans = models.JSONField(_("slogan"), default=list, blank=True)
    hashtags = models.JSONField(_("tagar"), default=list, blank=True)
    gestures = models.JSONField(_("kode gestur"), default=list, blank=True)

    class Meta:
        ordering = ["contestant_id"]
        verbose_name = _("profil peserta (patroli)")
        verbose_name_plural = _("profil peserta (patroli)")

    def __str__(self) -> str:
        return f"{self.contestant}"


class AccountRole(models.TextChoices):
    OFFICIAL = "official", _("Akun resmi")
    CAMPAIGN = "campaign", _("Akun tim kampanye")


class ContestantAccount(TimeStampedModel):
    """An official or campaign-team account of a contestant on one platform."""

    contestant = models.ForeignKey(
        "elections.Contestant", on_delete=models.CASCADE, related_name="patrol_accounts"
    )
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=100, help_text=_("Tanpa @, huruf kecil."))
    url = models.URLField(_("tautan profil"), max_length=500, blank=True)
    role = models.CharField(_("jenis akun"), max_length=10, choices=AccountRole.choices)

    class Meta:
        ordering = ["contestant_id", "platform", "handle"]
        verbose_name = _("akun peserta")
        verbose_name_plural = _("akun peserta")
        constraints = [
            models.UniqueConstraint(fields=["contestant", "platform", "handle"], name="patrol_account_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle}"


class EstablishedHow(models.TextChoices):
    REPORT = "report", _("Dari laporan masyarakat")
    INVESTIGATION = "investigation", _("Dari penelusuran/klarifikasi pengawas")
    SELF_DECLARED = "self_declared", _("Diakui pemilik akun")
    AGENCY = "agency", _("Dikonfirmasi instansi")


class AsnAccount(TimeStampedModel):
    """An account known to belong to a civil servant (ASN), with how and by whom that was established.
    Entered by the officers of one Bawaslu office, within its jurisdiction (`region`), and seen only
    there (netra/patrol/permissions.py)."""

    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    handle = models.CharField(_("nama akun"), max_length=100, help_text=_("Tanpa @, huruf kecil."))
    url = models.URLField(_("tautan profil"), max_length=500, blank=True)
    name = models.CharField(_("nama ASN"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency_name = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    person = models.ForeignKey(
        "cases.Person",
        verbose_name=_("terlapor terkait"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    established_how = models.CharField(_("cara diketahui"), max_length=16, choices=EstablishedHow.choices)
    basis = models.TextField(_("dasar"), help_text=_("Mis. nomor laporan, berita acara klarifikasi."))
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "agencies.Agency", verbose_name=_("kantor pencatat"), on_delete=models.PROTECT, related_name="+"
    )
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    established_at = models.DateTimeField(_("dicatat pada"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["platform", "handle", "id"]
        verbose_name = _("akun ASN")
        verbose_name_plural = _("akun ASN")
        constraints = [
            models.UniqueConstraint(fields=["office", "platform", "handle"], name="patrol_asn_account_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} @{self.handle}"


class CaptureSource(models.TextChoices):
    # A reporter's screenshot can be faked by editing a page: it is a lead (petunjuk), not evidence.
    OFFICER = "officer", _("Tangkapan petugas (bukti)")
    REPORTER = "reporter", _("Tangkapan pelapor (petunjuk)")


class OcrStatus(models.TextChoices):
    NONE = "", _("Tidak perlu")
    PENDING = "pending", _("Menunggu")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class Capture(models.Model):
    """A post a supervisor captured: its URL (without tracking parameters) and what was captured
    (a screenshot or a saved page), hashed by the evidence app's check. The file and its hash never
    change; only the OCR fields are filled in later."""

    office = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    url = models.URLField(_("tautan unggahan"), max_length=2000)
    author_handle = models.CharField(_("akun pengunggah"), max_length=100, blank=True)
    text = models.TextField(_("teks unggahan"), blank=True)
    posted_at = models.DateTimeField(_("diunggah pada"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=CaptureSource.choices)
    captured_at = models.DateTimeField(_("direkam pada"))
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("direkam oleh"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(
        _("berkas"), upload_to=capture_upload_to, storage=sealed_evidence_storage, max_length=255, blank=True
    )
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    file_kind = models.CharField(max_length=16, blank=True)
    file_mime = models.CharField(max_length=120, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    ocr_status = models.CharField(_("OCR"), max_length=8, choices=OcrStatus.choices, blank=True)
    ocr_text = models.TextField(_("teks hasil OCR"), blank=True)
    ocr_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-captured_at", "-id"]
        verbose_name = _("tangkapan unggahan")
        verbose_name_plural = _("tangkapan unggahan")

    def __str__(self) -> str:
        return f"{self.get_platform_display()} #{self.pk}"


class InteractionKind(models.TextChoices):
    POST = "post", _("Unggahan")
    LIKE = "like", _("Suka")
    SHARE = "share", _("Bagikan")
    COMMENT = "comment", _("Komentar")
    FOLLOW = "follow", _("Mengikuti")


class BatchStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class LoadBatch(models.Model):
    """One bulk load of posts and interactions (CSV or JSONL export), with its progress and errors."""

    office = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    name = models.CharField(_("nama berkas"), max_length=200)
    data = models.BinaryField(editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("muatan data patroli")
        verbose_name_plural = _("muatan data patroli")

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"


class Interaction(models.Model):
    """One loaded row: an account posted, liked, shared, commented on or followed something."""

    batch = models.ForeignKey(LoadBatch, on_delete=models.CASCADE, related_name="interactions")
    row = models.PositiveIntegerField()
    kind = models.CharField(_("jenis"), max_length=8, choices=InteractionKind.choices)
    account = models.CharField(_("akun"), max_length=100)
    at = models.DateTimeField(_("waktu"))
    text = models.TextField(_("teks"), blank=True)
    url = models.URLField(_("tautan"), max_length=2000, blank=True)
    target_url = models.URLField(_("tautan sasaran"), max_length=2000, blank=True)
    target_account = models.CharField(_("akun sasaran"), max_length=100, blank=True)

    class Meta:
        ordering = ["batch", "row"]
        verbose_name = _("interaksi")
        verbose_name_plural = _("interaksi")

    def __str__(self) -> str:
        return f"@{self.account} {self.kind} #{self.row}"


class ItemReason(models.TextChoices):
    CAPTURE = "capture", _("Tangkapan petugas")
    ASN_INTERACTION = "asn_interaction", _("Akun ASN berinteraksi dengan konten peserta")
    ASN_POST = "asn_post", _("Unggahan akun ASN menyebut peserta")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Menunggu telaah")
    DISMISSED = "dismissed", _("Diabaikan")
    FINDING = "finding", _("Dijadikan temuan")


class PatrolItem(models.Model):
    """One item of the review queue: a capture or a flagged interaction, its screening (a risk score with
    its reasons, never a verdict) and the reviewer's decision."""

    office = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("alasan masuk antrean"), max_length=16, choices=ItemReason.choices)
    capture = models.OneToOneField(
        Capture, null=True, blank=True, on_delete=models.PROTECT, related_name="item"
    )
    interaction = models.OneToOneField(
        Interaction, null=True, blank=True, on_delete=models.PROTECT, related_name="item"
    )
    asn_account = models.ForeignKey(
        AsnAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    contestant = models.ForeignKey(
        "elections.Contestant", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("teks yang ditelaah"), blank=True)
    score = models.FloatField(_("skor"), default=0.0, db_index=True)
    label = models.CharField(_("label"), max_length=10, blank=True)
    supports = models.BooleanField(default=False)
    contestant_key = models.CharField(max_length=120, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    path = models.CharField(max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.TextField(_("alasan diabaikan"), blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-score", "-created_at", "-id"]
        verbose_name = _("butir patroli")
        verbose_name_plural = _("butir patroli")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capture__isnull=False, interaction__isnull=True)
                | models.Q(capture__isnull=True, interaction__isnull=False),
                name="patrol_item_one_source",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="finding") | models.Q(case__isnull=False),
                name="patrol_item_finding_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} #{self.pk}"
