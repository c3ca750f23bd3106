"""Reports and tips as received, before they become (part of) a case.

The reporter's identity never sits in these tables in plaintext: it is sealed (netra.intake.crypto)
into `ReporterIdentity.sealed`, with keyed blind indexes so officers can see that two reports come from
the same person without opening either.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.core.models import TimeStampedModel
from netra.rules.models import SubjectType


class ReportKind(models.TextChoices):
    LAPORAN = "laporan", _("Laporan")
    TIP = "informasi_awal", _("Informasi awal (anonim)")
    # Formulir Model B.2: a supervisor's own finding (UU 7/2017 Pasal 454 ayat 5), entered by an officer.
    FINDING = "temuan", _("Temuan pengawas")


class ReportChannel(models.TextChoices):
    WEB = "web", _("Formulir web")
    API = "api", _("API")
    OFFICER = "petugas", _("Dicatat petugas")


class ReportStatus(models.TextChoices):
    """What the reporter sees, in plain words. Intake receives; the case workflow (netra.cases) moves the
    reports of a case along as the case moves (`netra.cases.services.reporters`)."""

    RECEIVED = "diterima", _("Diterima")
    INCOMPLETE = "perlu_dilengkapi", _("Perlu dilengkapi")
    IN_REVIEW = "dikaji", _("Sedang dikaji")
    REGISTERED = "diregistrasi", _("Diregistrasi dan ditangani")
    FORWARDED = "diteruskan", _("Diteruskan kepada instansi berwenang")
    CLOSED = "selesai", _("Selesai")


# The reported person's employment type is the subject type the routing rules use (netra.rules); the
# reporter may not know it, so "" reads "unknown" here rather than "any".
EMPLOYMENT_TYPE_CHOICES = [("", _("Tidak diketahui")), *[(v, label) for v, label in SubjectType.choices if v]]


class Report(TimeStampedModel):
    """A laporan (Formulir Model B.1, Perbawaslu 7/2022) or an informasi awal, as submitted."""

    public_id = models.UUIDField(_("id publik"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("nomor"), max_length=32, unique=True, null=True, blank=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=ReportKind.choices)
    channel = models.CharField(_("saluran"), max_length=8, choices=ReportChannel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("diterima pada"), db_index=True)
    # When the submission counts as received (netra.clocks.receipt.receipt_counted): the next opening of
    # the intake desk for one handed in after hours (Perbawaslu 9/2024). The clocks that start at receipt
    # (kajian awal) run from it; timeliness does not (docs/domain/clocks.md). Null for a temuan.
    counted_received_at = models.DateTimeField(_("dihitung diterima pada"), null=True, blank=True)
    counted_received_reason = models.CharField(_("alasan waktu diterima"), max_length=500, blank=True)
    election = models.ForeignKey(
        "elections.Election",
        verbose_name=_("pemilihan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    office = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("kantor penerima"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    incident_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah kejadian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    incident_place = models.CharField(_("tempat kejadian"), max_length=300, blank=True)
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    known_date = models.DateField(_("tanggal diketahui"), null=True, blank=True)
    description = models.TextField(_("uraian kejadian"), blank=True)
    statement_of_truth = models.BooleanField(_("pernyataan kebenaran"), default=False)
    identity_confidential = models.BooleanField(_("identitas dirahasiakan"), default=True)
    filing_deadline = models.DateTimeField(_("batas waktu pelaporan"), null=True, blank=True)
    is_timely = models.BooleanField(_("tepat waktu"), null=True, blank=True)
    requirements_met = models.BooleanField(_("syarat terpenuhi"), default=False)
    missing = models.JSONField(_("kekurangan"), default=list, blank=True)
    # A temuan has no reporter and so no receipt.
    receipt_hash = models.CharField(_("hash tanda terima"), max_length=64, unique=True, null=True, blank=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditemukan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    purged_at = models.DateTimeField(_("data pribadi dihapus pada"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("laporan masuk")
        verbose_name_plural = _("laporan masuk")
        permissions = [("reveal_identity", _("Boleh membuka identitas pelapor"))]
        indexes = [models.Index(fields=["office", "-received_at"], name="report_office_recent")]

    def __str__(self) -> str:
        return self.reference or f"{self.get_kind_display()} {self.public_id}"

    @property
    def counted_receipt(self):
        """Where the clocks that start at receipt start: the counted moment, or the submission for rows
        that have none (a temuan, or a report made outside `report_submit`)."""
        return self.counted_received_at or self.received_at


class ReportedPerson(models.Model):
    """A terlapor as the reporter knows them: only the name (or a description) is expected."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reported_persons")
    name = models.CharField(_("nama/keterangan"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency_name = models.CharField(_("instansi"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    employment_type = models.CharField(
        _("status kepegawaian"), max_length=16, choices=EMPLOYMENT_TYPE_CHOICES, blank=True
    )

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")

    def __str__(self) -> str:
        return self.name


class Witness(models.Model):
    """A witness named by the reporter: name and contact sealed to the office key like the reporter's
    identity (`{"name", "contact"}` as JSON, netra.intake.crypto), opened only together with it
    (`identity_reveal`, audited). Personal data: purged with the identity by the retention job."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="witnesses")
    sealed = models.BinaryField(_("saksi tersegel"), null=True, blank=True)
    key_id = models.CharField(_("id kunci"), max_length=16, blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("saksi")
        verbose_name_plural = _("saksi")

    def __str__(self) -> str:
        return f"{_('Saksi')} #{self.pk}"


class ReporterIdentity(models.Model):
    """The reporter's identity, sealed to the office key (only ciphertext and keyed indexes here)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    sealed = models.BinaryField(_("identitas tersegel"), null=True, blank=True)
    key_id = models.CharField(_("id kunci"), max_length=16, blank=True)
    nik_index = models.CharField(_("indeks NIK"), max_length=64, blank=True, db_index=True)
    phone_index = models.CharField(_("indeks telepon"), max_length=64, blank=True, db_index=True)
    email_index = models.CharField(_("indeks surel"), max_length=64, blank=True, db_index=True)
    purged_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("identitas pelapor")
        verbose_name_plural = _("identitas pelapor")

    def __str__(self) -> str:
        return f"identitas {self.report_id}"


class IdentityReveal(models.Model):
    """Each time an officer opened the identity: who, when, why. Shown to the reporter too."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="reveals")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("agencies.Agency", null=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pembukaan identitas")
        verbose_name_plural = _("pembukaan identitas")

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Message(models.Model):
    """The conversation between the reporter (via receipt) and the office, through the report."""

    class Sender(models.TextChoices):
        REPORTER = "pelapor", _("Pelapor")
        OFFICER = "petugas", _("Petugas")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("pengirim"), max_length=8, choices=Sender.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sender="pelapor", officer__isnull=True)
                | models.Q(sender="petugas", officer__isnull=False),
                name="message_sender_matches_officer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_sender_display()}: {self.body[:40]}"


class SubmissionKey(models.Model):
    """A submission already accepted under a client's idempotency key (the API's `Idempotency-Key`
    header, the web form's one-time token), kept for NETRA_IDEMPOTENCY_HOURS so that a retried or
    double-sent request returns the first report instead of filing a second one.

    Neither the key nor the receipt is stored readably: `key_hash` is a keyed hash of the key, and the
    receipt is encrypted under a key derived from the client's key (only a client that still holds the
    key can get the receipt back). See `netra.intake.idempotency`.
    """

    key_hash = models.CharField(_("hash kunci"), max_length=64, unique=True)
    fingerprint = models.CharField(_("sidik isi permintaan"), max_length=64)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sealed_receipt = models.BinaryField(_("tanda terima terenkripsi"), null=True, blank=True)
    created_at = models.DateTimeField(_("waktu"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kunci pengiriman")
        verbose_name_plural = _("kunci pengiriman")

    def __str__(self) -> str:
        return f"{self.key_hash[:12]}… → {self.report_id}"
