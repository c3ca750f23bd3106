"""Abstract base models shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """created_at/updated_at in UTC; shown to people in the office's own zone."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        abstract = True


class Verification(models.TextChoices):
    """How sure we are of a rule encoded as data (REGULATIONS.md markers). Shown next to the rule."""

    VERIFIED = "verified", _("Terverifikasi")
    SECONDARY = "secondary", _("Sumber sekunder")
    CONFLICT = "conflict", _("Sumber bertentangan")
    UNVERIFIED = "unverified", _("Belum terverifikasi")
