"""One row per ASN alleged in one case (`SubjectFact`): the unit KASN and BKN count ("1,158 ASN
alleged"), flattened so every dashboard question is one indexed GROUP BY on one table.

Live cases are projected here after every commit that touched them (`netra.analytics.facts`, like the
search index); historical cases imported from spreadsheets live only here (`is_imported`), so they never
open a clock or appear in a caseload. A case without a terlapor yet counts as one row with no subject.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where the case stands for this ASN: with whom it waits, or how it ended."""

    BAWASLU = "bawaslu", _("Di Bawaslu")
    OVERSIGHT = "pengawas_asn", _("Di pengawas ASN")
    EMPLOYER = "ppk", _("Di PPK")
    SANCTIONED = "disanksi", _("Disanksi")
    STOPPED = "dihentikan", _("Dihentikan")
    CLOSED = "selesai", _("Selesai (lainnya)")


WAITING_STAGES = (Stage.BAWASLU, Stage.OVERSIGHT, Stage.EMPLOYER)


class ImportBatch(models.Model):
    """One historical import (a CSV/XLSX file): all-or-nothing, idempotent by the file's rows."""

    class Status(models.TextChoices):
        PENDING = "menunggu", _("Menunggu")
        RUNNING = "berjalan", _("Berjalan")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")
        WITHDRAWN = "ditarik", _("Ditarik")

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("berkas"), max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_added = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 3, "column": "region", "why": "..."}]
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life of a run (queued, each progress step): a batch silent for long is resumed
    # (netra.analytics.imports.recovery), e.g. when its task was lost with the broker.
    progress_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdraw_reason = models.TextField(_("alasan penarikan"), blank=True)

    class Meta:
        verbose_name = _("impor riwayat")
        verbose_name_plural = _("impor riwayat")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def progress(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class FactQuerySet(models.QuerySet):
    """Facts; the instance `facts_for` returns carries `rollup` (the cubes that may answer for its
    reader and filters). Any further `.filter()` makes a copy without it, so a narrowed query is never
    answered from a cube that ignores the narrowing."""

    rollup = None


class SubjectFact(models.Model):
    row_key = models.CharField(max_length=80, unique=True)  # live:<subject>, live-case:<case>, import:<hash>
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject = models.OneToOneField(
        "cases.CaseSubject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="facts"
    )
    is_imported = models.BooleanField(_("impor riwayat"), default=False)

    election_code = models.CharField(max_length=60, blank=True, db_index=True)
    election_kind = models.CharField(max_length=10, blank=True)
    election_year = models.PositiveSmallIntegerField(null=True, blank=True)
    region_code = models.CharField(max_length=13, blank=True, db_index=True)  # kab/kota (or province)
    province_code = models.CharField(max_length=2, blank=True, db_index=True)
    office = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_name = models.CharField(max_length=200, blank=True)

    violation_code = models.CharField(max_length=40, blank=True)
    violation_category = models.CharField(max_length=60, blank=True)
    level = models.CharField(max_length=12, blank=True)  # etik / disiplin
    position_category = models.CharField(max_length=20, blank=True)
    employment_type = models.CharField(max_length=20, blank=True)

    received_on = models.DateField(null=True, blank=True, db_index=True)
    registered_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    proven = models.BooleanField(null=True, blank=True)
    forwarded_on = models.DateField(null=True, blank=True)
    recommended_on = models.DateField(null=True, blank=True)
    sanctioned_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=14, choices=Stage.choices, db_index=True)
    waiting_since = models.DateField(null=True, blank=True)  # when the present stage began
    outcome = models.CharField(max_length=40, blank=True)
    recommended_level = models.CharField(max_length=20, blank=True)
    imposed_level = models.CharField(max_length=20, blank=True)
    deviation = models.CharField(max_length=14, blank=True)  # SanctionDeviation ("lebih_ringan")
    clarification_invited = models.PositiveSmallIntegerField(default=0)
    clarification_absent = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        verbose_name = _("fakta terlapor")
        verbose_name_plural = _("fakta terlapor")
        indexes = [
            models.Index(fields=["province_code", "election_code"], name="fact_province_election"),
            models.Index(fields=["stage", "waiting_since"], name="fact_stage_since"),
            models.Index(fields=["employer", "stage"], name="fact_employer_stage"),
        ]

    def __str__(self) -> str:
        return self.row_key


# --- rollups -----------------------------------------------------------------------------------------
# Pre-aggregated counts of `SubjectFact`, kept exact by PostgreSQL statement-level triggers (one
# aggregated upsert per INSERT/UPDATE/DELETE statement on the fact table, in the same transaction:
# netra.analytics.rollup). The national dashboard reads these instead of a million facts. Never written
# by Django; on the embedded SQLite default they stay empty and every statistic reads the facts.


class FactCube(models.Model):
    """Counts per combination of the dashboard's categorical filters (no dates, no agencies)."""

    election_code = models.CharField(max_length=60)
    province_code = models.CharField(max_length=2)
    region_code = models.CharField(max_length=13)
    is_imported = models.BooleanField()
    stage = models.CharField(max_length=14)
    violation_code = models.CharField(max_length=40)
    violation_category = models.CharField(max_length=60)
    level = models.CharField(max_length=12)
    position_category = models.CharField(max_length=20)
    employment_type = models.CharField(max_length=20)
    n = models.BigIntegerField(default=0)
    registered = models.BigIntegerField(default=0)
    proven = models.BigIntegerField(default=0)
    forwarded = models.BigIntegerField(default=0)
    recommended = models.BigIntegerField(default=0)
    sanctioned = models.BigIntegerField(default=0)
    clarification_invited = models.BigIntegerField(default=0)
    clarification_absent = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "election_code",
                    "province_code",
                    "region_code",
                    "is_imported",
                    "stage",
                    "violation_code",
                    "violation_category",
                    "level",
                    "position_category",
                    "employment_type",
                ],
                name="factcube_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_code} {self.region_code} {self.stage}: {self.n}"


class WaitingCube(models.Model):
    """How many ASN wait at each stage since each day (ages are computed at read time)."""

    election_code = models.CharField(max_length=60)
    is_imported = models.BooleanField()
    stage = models.CharField(max_length=14)
    waiting_since = models.DateField()
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election_code", "is_imported", "stage", "waiting_since"], name="waitingcube_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_code} {self.stage} {self.waiting_since}: {self.n}"


class EmployerCube(models.Model):
    """Counts per employing agency (PPK): the follow-up of recommendations and the employer breakdown."""

    election_code = models.CharField(max_length=60)
    is_imported = models.BooleanField()
    employer_id = models.BigIntegerField(null=True)  # the Agency's id (no FK: a rollup keeps no rows alive)
    employer_name = models.CharField(max_length=200)
    n = models.BigIntegerField(default=0)
    proven = models.BigIntegerField(default=0)
    sanctioned = models.BigIntegerField(default=0)
    recommended = models.BigIntegerField(default=0)
    recommended_sanctioned = models.BigIntegerField(default=0)
    recommended_waiting = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election_code", "is_imported", "employer_id", "employer_name"],
                name="employercube_key",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_code} {self.employer_name}: {self.n}"
