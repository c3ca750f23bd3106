"""Notifications: one row per recipient officer, read in the app and (when the officer has an address)
sent by e-mail after the transaction that caused it commits.

Texts name the case by its reference and never carry a reporter's identity or a message's body: an
e-mail leaves the system, so it says only that something happened and where to look.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ASSIGNMENT = "penugasan", _("Penugasan")
    MESSAGE = "pesan", _("Pesan dari pelapor")
    DEADLINE_REMINDER = "pengingat_tenggat", _("Pengingat tenggat")
    DEADLINE_BREACHED = "tenggat_terlewat", _("Tenggat terlewat")
    ESCALATION = "eskalasi", _("Eskalasi tenggat")
    STAGE = "tahap", _("Tahap kasus")


class Notification(models.Model):
    """One notice for one officer. Only `read_at` and `emailed_at` ever change."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("kasus"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat surel pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
