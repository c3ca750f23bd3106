"""The legal clocks as data: holidays, Bawaslu's intake hours and the deadline rules.

Every rule cites its legal basis and how sure we are of it; where sources conflict (e.g. "7 hari" vs
"7 hari kerja"), the rule is a row an administrator can change in the admin, with history and audit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import Verification
from netra.elections.models import ElectionScope


class Holiday(models.Model):
    """A day government offices are closed: libur nasional, cuti bersama, election day or a regional
    holiday. National rows have no region; regional rows apply inside their region code prefix."""

    class Kind(models.TextChoices):
        NATIONAL = "libur_nasional", _("Libur nasional")
        JOINT_LEAVE = "cuti_bersama", _("Cuti bersama")
        ELECTION_DAY = "libur_pemilihan", _("Hari pemungutan suara")
        REGIONAL = "libur_daerah", _("Libur daerah")

    class Origin(models.TextChoices):
        # SHIPPED rows come from lokal-id / python-holidays plus netra/clocks/data/holiday_overrides.json
        # and are reconciled by holiday_sync (added, moved, renamed, deactivated: never deleted).
        SHIPPED = "shipped", _("Data kiriman")
        MANUAL = "manual", _("Diisi administrator")

    date = models.DateField(_("tanggal"), db_index=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong berarti berlaku nasional."),
    )
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    origin = models.CharField(
        _("asal"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.MANUAL,
        help_text=_(
            "Data kiriman diselaraskan oleh load_holidays; baris yang diubah di admin menjadi milik "
            "administrator dan tidak disentuh lagi."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "name"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind"],
                condition=models.Q(region__isnull=True),
                name="holiday_national_unique",
            ),
            models.UniqueConstraint(
                fields=["date", "kind", "region"],
                condition=models.Q(region__isnull=False),
                name="holiday_regional_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class IntakeHours(models.Model):
    """When a Bawaslu office receives reports on a weekday (Perbawaslu 9/2024 for Pilkada: Mon–Fri
    08.00–16.00, Friday to 16.30), outside the round-the-clock stages."""

    weekday = models.PositiveSmallIntegerField(
        _("hari"), unique=True, help_text=_("0 = Senin … 6 = Minggu"), choices=[(i, str(i)) for i in range(7)]
    )
    opens_at = models.TimeField(_("buka"))
    closes_at = models.TimeField(_("tutup"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday"]
        verbose_name = _("jam penerimaan laporan")
        verbose_name_plural = _("jam penerimaan laporan")
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="intake_weekday_range"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="intake_hours_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class DeadlineKind(models.TextChoices):
    FILING_WINDOW = "filing_window", _("Batas penyampaian laporan")
    FINDING_WINDOW = "finding_window", _("Batas penetapan temuan")
    INITIAL_REVIEW = "initial_review", _("Kajian awal")
    COMPLETION_NOTICE = "completion_notice", _("Pemberitahuan kelengkapan kepada pelapor")
    COMPLETION_WINDOW = "completion_window", _("Batas pelapor melengkapi syarat")
    FOLLOW_UP = "follow_up", _("Tindak lanjut laporan/temuan")
    FOLLOW_UP_EXTENDED = "follow_up_extended", _("Tindak lanjut dengan keterangan tambahan")
    CRIMINAL_FORWARD = "criminal_forward", _("Penerusan dugaan tindak pidana ke penyidik")
    SATGAS_VERIFICATION = "satgas_verification", _("Verifikasi Satgas Netralitas")
    BAWASLU_VERIFICATION = "bawaslu_verification", _("Kajian, verifikasi dan validasi Bawaslu (alur BKN)")
    PPK_FOLLOW_UP = "ppk_follow_up", _("Tindak lanjut rekomendasi oleh PPK")
    DISCIPLINE_DELIVERY = "discipline_delivery", _("Penyampaian keputusan hukuman disiplin")


class DeadlineRule(models.Model):
    """How long one step may take, for Pemilu, Pilkada or both ("" = any election kind).

    Counting (see docs/domain/clocks.md): the start is read in the handling office's time zone; the
    start day is not counted ("sejak"/"setelah") unless `counts_start_day`; calendar days add n days,
    working days skip weekends, holidays and (if so configured) cuti bersama; hours are exact. The
    deadline ends at 23.59.59 local time, or at the office's intake closing time when the rule says so.
    A last day the office is closed stands or rolls forward (`roll_to_working_day`), never back. Both
    conventions carry their own citation and certainty (`*_basis`, `*_verification`).
    """

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("hari kalender")
        WORKING_DAYS = "working_days", _("hari kerja")
        HOURS = "hours", _("jam")

    class EndsAt(models.TextChoices):
        END_OF_DAY = "end_of_day", _("akhir hari (23.59.59)")
        OFFICE_CLOSE = "office_close", _("jam tutup penerimaan laporan")

    kind = models.CharField(_("jenis tenggat"), max_length=30, choices=DeadlineKind.choices)
    election_kind = models.CharField(
        _("jenis pemilihan"),
        max_length=10,
        blank=True,
        choices=ElectionScope.choices,
    )
    amount = models.PositiveIntegerField(_("lama"))
    unit = models.CharField(_("satuan"), max_length=16, choices=Unit.choices)
    ends_at = models.CharField(
        _("berakhir pada"), max_length=16, choices=EndsAt.choices, default=EndsAt.END_OF_DAY
    )
    roll_to_working_day = models.BooleanField(
        _("geser ke hari kantor buka berikutnya"),
        default=False,
        help_text=_(
            "Jika hari terakhir kantor tutup: dicentang = tenggat bergeser ke hari kantor buka berikutnya; "
            "tidak dicentang = tenggat tetap berakhir pada hari terakhirnya. Tenggat tidak pernah dimajukan "
            "ke hari sebelumnya."
        ),
    )
    roll_basis = models.CharField(
        _("dasar hukum: hari terakhir kantor tutup"),
        max_length=400,
        blank=True,
        help_text=_("Sumber pilihan tetap/bergeser di atas, beserta bacaan lainnya."),
    )
    roll_verification = models.CharField(
        _("kepastian: hari terakhir kantor tutup"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    counts_start_day = models.BooleanField(
        _("hari mulai dihitung sebagai hari ke-1"),
        default=False,
        help_text=_(
            "Tidak dicentang: hari diketahui/diterima tidak dihitung, hari ke-1 adalah hari berikutnya. "
            "Dicentang: hari diketahui adalah hari ke-1 (bacaan Bawaslu Kabupaten Bogor, 2019)."
        ),
    )
    day_count_basis = models.CharField(
        _("dasar hukum: cara menghitung hari"),
        max_length=400,
        blank=True,
        help_text=_("Sumber cara menghitung hari pertama di atas, beserta bacaan lainnya."),
    )
    day_count_verification = models.CharField(
        _("kepastian: cara menghitung hari"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    cuti_bersama_is_holiday = models.BooleanField(
        _("cuti bersama dihitung libur"),
        default=True,
        help_text=_("Kantor pemerintah tutup pada cuti bersama ASN (SKB 3 Menteri)."),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=400)
    verification = models.CharField(_("kepastian"), max_length=12, choices=Verification.choices)
    note = models.TextField(_("catatan / sumber lain"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "election_kind"]
        verbose_name = _("aturan tenggat")
        verbose_name_plural = _("aturan tenggat")
        constraints = [
            models.UniqueConstraint(fields=["kind", "election_kind"], name="deadline_rule_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="deadline_rule_positive"),
            models.CheckConstraint(
                condition=~models.Q(unit="hours", ends_at="office_close"), name="deadline_rule_hours_exact"
            ),
        ]

    def __str__(self) -> str:
        scope = self.election_kind or "semua"
        return f"{self.get_kind_display()} ({scope}): {self.amount} {self.get_unit_display()}"
