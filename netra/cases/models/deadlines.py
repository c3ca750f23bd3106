"""The legal clocks of each stage (`Deadline`), computed by `netra.clocks.deadline_for`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models.cases import Case
from netra.clocks.models import DeadlineKind


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
