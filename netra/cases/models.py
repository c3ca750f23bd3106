"""Cases: one shared record that carries reports and findings from Bawaslu through the ASN oversight
body to the employing agency's sanction (REGULATIONS.md §3–4).

- `Case` gathers reports, tips and temuan (`CaseReport`) about one incident; its `state` moves only
  through `netra.cases.workflow` (one transition table) and `services.case_transition`.
- `Person` is a subject (*terlapor*) across cases and elections; `CaseSubject` is that person in one case,
  with the classification (catalogue item, ethics vs discipline), the oversight body's recommendation and
  the PPK's sanction.
- `Deadline` rows are the legal clocks of each stage, computed by `netra.clocks.deadline_for`.
- `CaseEvent` is the human-readable timeline (append-only); every write is also in the audit log.
- `Clarification` sessions, generated letters (`Document`) and `Participant` offices complete the
  shared workspace.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.storage import case_document_storage
from netra.clocks.models import DeadlineKind
from netra.core.clock import record_time
from netra.core.models import AppendOnlyModel, TimeStampedModel
from netra.rules.models import Destination, SubjectType, ViolationClass


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


class PositionCategory(models.TextChoices):
    JPT = "jpt", _("Jabatan Pimpinan Tinggi (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")
    CAMAT_LURAH = "camat_lurah", _("Camat/Lurah")
    OTHER = "lainnya", _("Lainnya/tidak diketahui")


class EmploymentDetails(models.Model):
    """Where a terlapor works, as recorded: on the `Person` (the identity's own record) and on each
    `CaseSubject` (what that case recorded). One definition, so the two never drift apart."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("instansi (PPK)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_name = models.CharField(_("nama instansi (sebagaimana dicatat)"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    position_category = models.CharField(
        _("kategori jabatan"), max_length=16, choices=PositionCategory.choices, default=PositionCategory.OTHER
    )
    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=16, choices=SubjectType.choices, blank=True
    )

    class Meta:
        abstract = True


class Person(EmploymentDetails, TimeStampedModel):
    """A subject (*terlapor*) across cases and elections. NIP is optional at first and unique once
    known; two records of one person are merged by `services.person_merge`."""

    name = models.CharField(_("nama"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    agency_key = models.CharField(max_length=200, db_index=True, editable=False, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("terlapor")
        verbose_name_plural = _("terlapor")
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="person_nip_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})" if self.nip else self.name


class SubjectLevel(models.TextChoices):
    """Ethics (sanksi moral, PP 42/2004) or discipline (PP 94/2021), from the election stage on the
    incident date (SKB 2022)."""

    ETHICS = "etik", _("Pelanggaran kode etik")
    DISCIPLINE = "disiplin", _("Pelanggaran disiplin")
    UNDETERMINED = "", _("Belum ditentukan")


class CaseSubject(EmploymentDetails):
    """A person as a terlapor of one case. The details (name, agency, position, employment type) are
    those recorded *in this case*: a position changes between elections, and a record shared by two
    jurisdictions (the same NIP) must not show or take one office's entries in the other's case.
    `person` is the identity (NIP) that ties a subject's cases together."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_roles")
    name = models.CharField(_("nama"), max_length=200, blank=True)
    conduct = models.ForeignKey(
        "rules.Conduct",
        verbose_name=_("perbuatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    violation = models.ForeignKey(
        "rules.ViolationType",
        verbose_name=_("butir pelanggaran"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("jenis"), max_length=12, choices=SubjectLevel.choices, blank=True)
    classification_note = models.TextField(_("catatan klasifikasi"), blank=True)
    is_proven = models.BooleanField(_("terbukti"), null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("terlapor dalam kasus")
        verbose_name_plural = _("terlapor dalam kasus")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_subject_unique")]

    def __str__(self) -> str:
        nip = self.person.nip if self.person_id else ""
        name = self.name or (self.person.name if self.person_id else "")
        return f"{name} ({nip})" if nip else name

    @property
    def nip(self) -> str:
        return self.person.nip

    @property
    def agency_label(self) -> str:
        """The employing agency as recorded: the resolved PPK if known, else the name as written."""
        return self.agency.name if self.agency_id else self.agency_name


class Recommendation(TimeStampedModel):
    """The oversight body's recommendation to the PPK for one subject (sanction level, kind, basis)."""

    subject = models.ForeignKey(CaseSubject, on_delete=models.PROTECT, related_name="recommendations")
    issued_by = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    addressed_to = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("PPK"),
        on_delete=models.PROTECT,
        related_name="recommendations_received",
    )
    sanction = models.ForeignKey(
        "rules.Sanction",
        verbose_name=_("sanksi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("tingkat"), max_length=20, blank=True)
    legal_basis = models.TextField(_("dasar hukum"))
    body = models.TextField(_("isi rekomendasi"), blank=True)
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    document = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def level_label(self) -> str:
        """The recommended level in words ("Hukuman disiplin sedang"), from the sanction if one was named."""
        from netra.rules.models import Level

        level = self.sanction.level if self.sanction_id else self.level
        return str(Level(level).label) if level in Level.values else level

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")


class SanctionDeviation(models.TextChoices):
    """How the imposed sanction compares with the recommended level (the gap between proven and
    sanctioned that Netra exists to show)."""

    SAME = "", _("Sesuai tingkat rekomendasi")
    LIGHTER = "lebih_ringan", _("Lebih ringan dari rekomendasi")
    HEAVIER = "lebih_berat", _("Lebih berat dari rekomendasi")


class SanctionRecord(TimeStampedModel):
    """What the PPK imposed (decision number, date, punishment) — or that it refused to."""

    subject = models.ForeignKey(CaseSubject, on_delete=models.PROTECT, related_name="sanctions")
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.PROTECT, related_name="sanctions"
    )
    imposed_by = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("nomor keputusan"), max_length=120)
    decision_date = models.DateField(_("tanggal keputusan"))
    sanction = models.ForeignKey(
        "rules.Sanction",
        verbose_name=_("sanksi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    punishment = models.TextField(_("hukuman yang dijatuhkan"))
    matches_recommendation = models.BooleanField(_("sesuai rekomendasi"), default=True)
    deviation = models.CharField(
        _("dibandingkan rekomendasi"), max_length=16, choices=SanctionDeviation.choices, blank=True
    )
    deviation_reason = models.TextField(_("alasan PPK menyimpang dari rekomendasi"), blank=True)
    document = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decision_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(deviation="lebih_ringan") | ~models.Q(deviation_reason=""),
                name="lighter_sanction_has_reason",
            )
        ]
        verbose_name = _("sanksi dijatuhkan")
        verbose_name_plural = _("sanksi dijatuhkan")


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


class DeadlineState(models.TextChoices):
    OPEN = "berjalan", _("Berjalan")
    MET = "terpenuhi", _("Terpenuhi")
    BREACHED = "terlewat", _("Terlewat")
    MET_LATE = "terpenuhi_terlambat", _("Terpenuhi terlambat")
    CANCELLED = "dibatalkan", _("Tidak berlaku lagi")


class Deadline(models.Model):
    """One legal or configured clock of one stage, computed in the responsible office's time zone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("jenis tenggat"), max_length=30, choices=DeadlineKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("kantor yang bertanggung jawab"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("mulai"))
    due_at = models.DateTimeField(_("batas waktu"), db_index=True)
    state = models.CharField(
        _("status"), max_length=20, choices=DeadlineState.choices, default=DeadlineState.OPEN, db_index=True
    )
    rule = models.ForeignKey(
        "clocks.DeadlineRule", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("dasar hukum"), blank=True)
    explanation = models.TextField(_("cara penghitungan"), blank=True)
    met_at = models.DateTimeField(_("dipenuhi pada"), null=True, blank=True)
    breached_at = models.DateTimeField(_("terlewat pada"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("pengingat dikirim pada"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("tenggat")
        verbose_name_plural = _("tenggat")
        indexes = [models.Index(fields=["state", "due_at"], name="deadline_state_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.case}"


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


class ClarificationRole(models.TextChoices):
    REPORTER = "pelapor", _("Pelapor")
    SUBJECT = "terlapor", _("Terlapor")
    WITNESS = "saksi", _("Saksi")
    EXPERT = "ahli", _("Ahli")


class Attendance(models.TextChoices):
    SCHEDULED = "dijadwalkan", _("Dijadwalkan")
    ATTENDED = "hadir", _("Hadir")
    ABSENT = "tidak_hadir", _("Tidak hadir")
    CANCELLED = "dibatalkan", _("Dibatalkan")
    RESCHEDULED = "dijadwalkan_ulang", _("Dijadwalkan ulang")


class Clarification(models.Model):
    """One summons of one person to a clarification session, and what happened."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="clarifications")
    role = models.CharField(_("dipanggil sebagai"), max_length=8, choices=ClarificationRole.choices)
    subject = models.ForeignKey(
        CaseSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="clarifications"
    )
    # For a reporter: only "Pelapor" is ever written (identity stays sealed); for witnesses their name.
    invitee_name = models.CharField(_("nama yang diundang"), max_length=200)
    attempt = models.PositiveSmallIntegerField(_("panggilan ke-"), default=1)
    scheduled_at = models.DateTimeField(_("jadwal"))
    place = models.CharField(_("tempat"), max_length=300)
    attendance = models.CharField(
        _("kehadiran"), max_length=20, choices=Attendance.choices, default=Attendance.SCHEDULED
    )
    absence_reason = models.TextField(_("alasan tidak hadir"), blank=True)
    # Why a session was cancelled or moved (clarification_cancel / clarification_reschedule).
    change_reason = models.TextField(_("alasan pembatalan/perubahan jadwal"), blank=True)
    # A moved session points at the session (and summons) that replaced it.
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    # A day the office is closed (weekend, holiday), confirmed by the officer who scheduled it.
    schedule_warning = models.CharField(_("peringatan jadwal"), max_length=300, blank=True)
    summons = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    minutes = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    presentation_request = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "scheduled_at", "id"]
        verbose_name = _("klarifikasi")
        verbose_name_plural = _("klarifikasi")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.invitee_name} ({self.attempt})"
