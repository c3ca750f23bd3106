"""The case itself: its stages and outcomes, the reports it gathers, the offices taking part and the
shared timeline (`CaseEvent`)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.core.clock import record_time
from netra.core.models import AppendOnlyModel, TimeStampedModel
from netra.rules.models import Destination, ViolationClass


class CaseState(models.TextChoices):
    """Stages of the chain (Perbawaslu 7/2022; UU 1/2015 Pasal 134–135; SKB 2022; BKN flow 2024)."""

    RECEIVED = "diterima", _("Diterima")
    INITIAL_REVIEW = "kajian_awal", _("Kajian awal")
    AWAITING_COMPLETION = "menunggu_kelengkapan", _("Menunggu kelengkapan dari pelapor")
    REGISTERED = "diregistrasi", _("Diregistrasi")
    CLARIFICATION = "klarifikasi", _("Klarifikasi")
    STUDY = "kajian", _("Kajian dugaan pelanggaran")
    DECIDED = "diputus_pleno", _("Diputus dalam rapat pleno")
    FORWARDED = "diteruskan", _("Diteruskan")
    EXAMINATION = "pemeriksaan", _("Pemeriksaan oleh pengawas ASN")
    RECOMMENDED = "direkomendasikan", _("Rekomendasi sanksi kepada PPK")
    SANCTIONED = "sanksi_dijatuhkan", _("Sanksi dijatuhkan PPK")
    ESCALATED = "eskalasi", _("Eskalasi: PPK belum menindaklanjuti")
    STOPPED = "dihentikan", _("Dihentikan")
    MERGED = "digabung", _("Digabung ke kasus lain")
    CLOSED = "selesai", _("Selesai")


TERMINAL_STATES = frozenset({CaseState.CLOSED, CaseState.STOPPED, CaseState.MERGED})


class CaseOrigin(models.TextChoices):
    REPORT = "laporan", _("Laporan")
    FINDING = "temuan", _("Temuan")


class DecisionOutcome(models.TextChoices):
    """Status laporan after the plenary (Perbawaslu 7/2022: terbukti → diteruskan; else dihentikan)."""

    VIOLATION = "terbukti", _("Terbukti melanggar: diteruskan")
    NOT_VIOLATION = "bukan_pelanggaran", _("Bukan pelanggaran")
    NOT_PROVEN = "tidak_terbukti", _("Tidak terbukti")


class StopReason(models.TextChoices):
    NOT_REGISTERED = "tidak_diregistrasi", _("Tidak diregistrasi (syarat tidak dilengkapi/terlambat)")
    WITHDRAWN = "dicabut", _("Dicabut pelapor sebelum registrasi")
    NOT_VIOLATION = "bukan_pelanggaran", _("Bukan pelanggaran")
    NOT_PROVEN = "tidak_terbukti", _("Tidak terbukti")
    OVERSIGHT_DISMISSED = "tidak_terbukti_pengawas_asn", _("Tidak terbukti menurut pengawas ASN")


class Case(TimeStampedModel):
    # When the case was opened, as the opening service recorded it (netra.core.clock: a case of past
    # history is opened in the past, not on the day it was entered).
    created_at = models.DateTimeField(_("dibuka"), default=record_time, db_index=True)
    public_id = models.UUIDField(_("id publik"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("nomor kasus"), max_length=40, unique=True, null=True, blank=True)
    registration_number = models.CharField(_("nomor registrasi"), max_length=80, blank=True)
    origin = models.CharField(_("asal"), max_length=8, choices=CaseOrigin.choices)
    state = models.CharField(
        _("tahap"), max_length=24, choices=CaseState.choices, default=CaseState.RECEIVED, db_index=True
    )
    # The state a closed/stopped case returns to when reopened.
    state_before_end = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    title = models.CharField(_("judul"), max_length=300)
    summary = models.TextField(_("ringkasan"), blank=True)
    election = models.ForeignKey(
        "elections.Election",
        verbose_name=_("pemilihan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    office = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("kantor Bawaslu penanganan"),
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )
    incident_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah kejadian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    known_date = models.DateField(_("tanggal diketahui/ditemukan"), null=True, blank=True)
    # Classification and contest target.
    violation_class = models.CharField(
        _("jenis pelanggaran"),
        max_length=20,
        choices=ViolationClass.choices,
        default=ViolationClass.NEUTRALITY,
    )
    target_contestant = models.ForeignKey(
        "elections.Contestant",
        verbose_name=_("pasangan calon yang diuntungkan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_party = models.ForeignKey(
        "elections.Party",
        verbose_name=_("partai politik"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_blank_column = models.BooleanField(_("kolom kosong"), default=False)
    # Plenary decision.
    decision_outcome = models.CharField(
        _("putusan pleno"), max_length=20, choices=DecisionOutcome.choices, blank=True
    )
    decided_on = models.DateField(_("tanggal pleno"), null=True, blank=True)
    decision_summary = models.TextField(_("pertimbangan putusan"), blank=True)
    destination = models.CharField(
        _("diteruskan kepada"), max_length=20, choices=Destination.choices, blank=True
    )
    recipient = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("instansi penerima penerusan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_cases",
    )
    forwarded_at = models.DateTimeField(_("diteruskan pada"), null=True, blank=True)
    # The officer's own account for the forwarding letter (the `forward` move requires it): never the
    # reporter's words, which can identify them (issue 15 item 18).
    forwarding_summary = models.TextField(_("ringkasan penerusan"), blank=True)
    stop_reason = models.CharField(
        _("alasan dihentikan"), max_length=32, choices=StopReason.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter_notified_at = models.DateTimeField(
        _("status diberitahukan kepada pelapor"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # Optimistic concurrency: bumped by every write through the services (ETag / If-Match).
    version = models.PositiveIntegerField(_("versi"), default=1)
    # Search index, derived (never edited): words and their Indonesian stems, squeezed numbers and NIPs.
    # The case's own record and, apart, its reports' text, which only readers of the reports may search
    # (netra.cases.search, kept by netra.cases.receivers_search).
    search_text = models.TextField(default="", blank=True, editable=False)
    search_text_reports = models.TextField(default="", blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        permissions = [
            ("decide_case", _("Boleh mencatat putusan pleno dan meneruskan kasus")),
            ("reopen_case", _("Boleh membuka kembali kasus")),
            ("merge_case", _("Boleh menggabungkan kasus")),
            ("recommend_case", _("Boleh menerbitkan rekomendasi sanksi")),
            ("record_sanction", _("Boleh mencatat sanksi yang dijatuhkan PPK")),
        ]
        indexes = [
            models.Index(fields=["office", "state"], name="case_office_state"),
            models.Index(fields=["recipient", "state"], name="case_recipient_state"),
        ]

    def __str__(self) -> str:
        return self.reference or str(self.public_id)

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES

    @property
    def etag(self) -> str:
        return f'"case-{self.pk}-v{self.version}"'


class CaseReport(models.Model):
    """A report, tip or temuan belonging to a case. Merging moves the link; the report is untouched."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="case_reports")
    report = models.OneToOneField("intake.Report", on_delete=models.PROTECT, related_name="case_link")
    added_at = models.DateTimeField(_("ditambahkan pada"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_from = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("dari kasus")
    )

    class Meta:
        ordering = ["case", "added_at", "id"]
        verbose_name = _("laporan dalam kasus")
        verbose_name_plural = _("laporan dalam kasus")

    def __str__(self) -> str:
        return f"{self.report_id} → {self.case_id}"


class ParticipantRole(models.TextChoices):
    HANDLING = "penanganan", _("Kantor penanganan")
    ASSIGNEE = "petugas", _("Petugas yang ditugaskan")
    RECIPIENT = "penerima", _("Penerima penerusan")
    EMPLOYER = "ppk", _("PPK / instansi terlapor")
    ESCALATION = "eskalasi", _("Atasan (eskalasi tenggat)")
    OBSERVER = "pemantau", _("Pemantau")


class Participant(models.Model):
    """An office (and optionally one of its officers) taking part in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="case_participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_assignments",
    )
    role = models.CharField(_("peran"), max_length=12, choices=ParticipantRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["case", "added_at", "id"]
        verbose_name = _("peserta kasus")
        verbose_name_plural = _("peserta kasus")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class EventKind(models.TextChoices):
    OPENED = "dibuka", _("Kasus dibuka")
    TRANSITION = "tahap", _("Perpindahan tahap")
    NOTE = "catatan", _("Catatan internal")
    REPORT_ADDED = "laporan", _("Laporan ditambahkan")
    SUBJECT = "terlapor", _("Terlapor")
    DOCUMENT = "dokumen", _("Dokumen")
    CLARIFICATION = "klarifikasi", _("Klarifikasi")
    DEADLINE = "tenggat", _("Tenggat")
    MESSAGE = "pesan", _("Pesan dengan pelapor")
    ASSIGNMENT = "penugasan", _("Penugasan")
    MERGE = "gabung", _("Penggabungan")
    EDIT = "ubah", _("Perubahan data")
    SANCTION = "sanksi", _("Sanksi")


class CaseEvent(AppendOnlyModel):
    """One line of the shared timeline, written in plain words at the time it happened."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("jenis"), max_length=12, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    text = models.TextField(_("uraian"))
    data = models.JSONField(default=dict, blank=True)
    # Internal notes and the like are visible only to these agency families ("" = every participant).
    visible_to = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(_("waktu"), default=record_time, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("peristiwa kasus")
