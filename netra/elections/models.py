"""Elections (Pemilu and Pilkada), their stages, parties and contestants.

The stage dates matter to the rules: whether an act falls under ethics (before candidates are
determined: *bakal calon*) or discipline (after), and when Bawaslu's intake runs round the clock
(masa tenang, voting day, rekapitulasi: Perbawaslu 9/2024).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import TimeStampedModel
from netra.elections.ballot import pair_label


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu (UU 7/2017)")
    PILKADA = "pilkada", _("Pilkada (UU 1/2015 jo. UU 10/2016)")


class ElectionScope(models.TextChoices):
    """Which elections a rule applies to: one kind, or both (blank). Values match ElectionKind."""

    ANY = "", _("Pemilu dan Pilkada")
    PEMILU = ElectionKind.PEMILU.value, _("Pemilu")
    PILKADA = ElectionKind.PILKADA.value, _("Pilkada")


class StageKind(models.TextChoices):
    PARTY_DETERMINATION = "party_determination", _("Penetapan partai politik peserta")
    CANDIDATE_REGISTRATION = "candidate_registration", _("Pendaftaran (bakal) calon")
    CANDIDATE_DETERMINATION = "candidate_determination", _("Penetapan calon / pasangan calon")
    CAMPAIGN = "campaign", _("Masa kampanye")
    QUIET_PERIOD = "quiet_period", _("Masa tenang")
    VOTING = "voting", _("Pemungutan suara")
    RECAPITULATION = "recapitulation", _("Rekapitulasi hasil")


class Contest(models.TextChoices):
    """One race of an election: its candidates are determined on their own date (Pemilu 2024: DCT
    DPR/DPD/DPRD on 3 November 2023, the presidential pairs on 13 November 2023). The executive values
    equal `Contestant.Office`, so a case's target pair names its race."""

    PRESIDEN = "presiden", _("Presiden dan Wakil Presiden")
    DPR = "dpr", _("Anggota DPR")
    DPD = "dpd", _("Anggota DPD")
    DPRD_PROVINSI = "dprd_provinsi", _("Anggota DPRD provinsi")
    DPRD_KABKOTA = "dprd_kabkota", _("Anggota DPRD kabupaten/kota")
    GUBERNUR = "gubernur", _("Gubernur dan Wakil Gubernur")
    BUPATI = "bupati", _("Bupati dan Wakil Bupati")
    WALI_KOTA = "wali_kota", _("Wali Kota dan Wakil Wali Kota")


# The party-list races of a Pemilu: a case naming a party (and no pair) concerns one of these.
PARTY_LIST_CONTESTS = (Contest.DPR, Contest.DPRD_PROVINSI, Contest.DPRD_KABKOTA)


# Stages during which Bawaslu receives reports 24 hours a day (Perbawaslu 9/2024; Perbawaslu 7/2022
# Pasal 11 ayat (4) for Pemilu: "1×24 jam" during masa tenang and voting/counting).
ROUND_THE_CLOCK_STAGES = frozenset({StageKind.QUIET_PERIOD, StageKind.VOTING, StageKind.RECAPITULATION})


class Election(TimeStampedModel):
    """One election event, e.g. Pemilu 2024 or Pilkada Serentak 2024."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=ElectionKind.choices)
    voting_day = models.DateField(_("hari pemungutan suara"))
    is_nationwide = models.BooleanField(
        _("serentak nasional"), default=True, help_text=_("Jika tidak, cakupan wilayah diisi di bawah.")
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("wilayah penyelenggaraan"), blank=True, related_name="elections"
    )
    legal_basis = models.TextField(_("dasar hukum tahapan"), blank=True)
    is_tentative = models.BooleanField(
        _("jadwal sementara"),
        default=False,
        help_text=_("Tanggal belum ditetapkan KPU; dipakai untuk simulasi."),
    )
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-voting_day", "code"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self) -> str:
        return self.name


class ElectionStage(models.Model):
    """A dated stage (tahapan) of an election; both ends inclusive, in local calendar dates.

    Without `contest` the stage is election-wide (the schedule of the PKPU on tahapan); with it, the
    date of one race (e.g. penetapan DCT DPR), optionally in one region (a Pilkada race re-determined
    after a dispute). The election-wide row is the fallback when a case's race is unknown."""

    election = models.ForeignKey(
        Election, verbose_name=_("pemilihan"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("tahapan"), max_length=30, choices=StageKind.choices)
    contest = models.CharField(
        _("kontestasi"),
        max_length=20,
        choices=Contest.choices,
        blank=True,
        help_text=_("Kosong: berlaku untuk seluruh pemilihan."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hanya untuk tanggal satu daerah (mis. penetapan ulang pasangan calon)."),
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "starts_on", "kind", "contest", "region_id"]
        verbose_name = _("tahapan pemilihan")
        verbose_name_plural = _("tahapan pemilihan")
        constraints = [
            # One row per (kind, contest) election-wide and per (kind, contest, region); NULL regions
            # would never collide in a plain unique constraint, hence the two conditional ones.
            models.UniqueConstraint(
                fields=["election", "kind", "contest"],
                condition=models.Q(region__isnull=True),
                name="election_stage_unique_kind",
            ),
            models.UniqueConstraint(
                fields=["election", "kind", "contest", "region"],
                condition=models.Q(region__isnull=False),
                name="election_stage_unique_kind_region",
            ),
            models.CheckConstraint(
                condition=models.Q(region__isnull=True) | ~models.Q(contest=""),
                name="election_stage_region_needs_contest",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="stage_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        where = f" ({self.get_contest_display()}{f' {self.region_id}' if self.region_id else ''})"
        return f"{self.election}: {self.get_kind_display()}{where if self.contest else ''}"


class Party(models.Model):
    """A political party (national, or local in Aceh)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    abbreviation = models.CharField(_("singkatan"), max_length=40)
    is_local = models.BooleanField(_("partai lokal Aceh"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partai politik")
        verbose_name_plural = _("partai politik")

    def __str__(self) -> str:
        return self.abbreviation or self.name


class ElectionParty(models.Model):
    """A party's participation in one election, with its ballot number."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="party_entries")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="election_entries")
    ballot_number = models.PositiveSmallIntegerField(_("nomor urut"))

    class Meta:
        ordering = ["election", "ballot_number"]
        verbose_name = _("partai peserta")
        verbose_name_plural = _("partai peserta")
        constraints = [
            models.UniqueConstraint(fields=["election", "party"], name="election_party_once"),
            models.UniqueConstraint(
                fields=["election", "ballot_number"], name="election_party_ballot_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_number}. {self.party}"


class Contestant(models.Model):
    """A candidate pair on one ballot (president, governor, regent/mayor), or the *kolom kosong*
    (empty box) in a single-candidate region (Putusan MK 100/PUU-XIII/2015; UU 10/2016 Pasal 54C)."""

    class Office(models.TextChoices):
        PRESIDEN = "presiden", _("Presiden dan Wakil Presiden")
        GUBERNUR = "gubernur", _("Gubernur dan Wakil Gubernur")
        BUPATI = "bupati", _("Bupati dan Wakil Bupati")
        WALI_KOTA = "wali_kota", _("Wali Kota dan Wakil Wali Kota")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contestants")
    office = models.CharField(_("jabatan"), max_length=12, choices=Office.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong untuk pemilihan presiden."),
    )
    ballot_number = models.PositiveSmallIntegerField(_("nomor urut"), null=True, blank=True)
    candidate_name = models.CharField(_("calon"), max_length=200, blank=True)
    running_mate_name = models.CharField(_("calon wakil"), max_length=200, blank=True)
    is_empty_box = models.BooleanField(_("kolom kosong"), default=False)
    parties = models.ManyToManyField(Party, verbose_name=_("partai pengusung"), blank=True, related_name="+")

    class Meta:
        ordering = ["election", "office", "region_id", "ballot_number"]
        verbose_name = _("peserta (pasangan calon)")
        verbose_name_plural = _("peserta (pasangan calon)")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(is_empty_box=True, candidate_name="", running_mate_name="", ballot_number=None)
                    | models.Q(is_empty_box=False)
                ),
                name="contestant_empty_box_has_no_names",
            ),
            models.UniqueConstraint(
                fields=["election", "office", "region", "ballot_number"], name="contestant_ballot_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.is_empty_box:
            return str(_("Kolom kosong"))
        return pair_label(self.ballot_number, self.candidate_name, self.running_mate_name)
