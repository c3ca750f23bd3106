"""The terlapor: `Person` (the identity across cases), `CaseSubject` (that person in one case, as the
case recorded them), the oversight body's `Recommendation` and the PPK's `SanctionRecord`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models.cases import Case
from netra.core.models import TimeStampedModel
from netra.rules.models import SubjectType


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
