"""Clarification sessions: one summons of one person, its letters and what happened."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.cases.models.cases import Case
from netra.cases.models.documents import Document
from netra.cases.models.subjects import CaseSubject


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
