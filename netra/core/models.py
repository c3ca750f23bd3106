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


class AppendOnlyError(Exception):
    """A write that would change or remove a row of an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} is append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name} is append-only.")


class AppendOnlyModel(models.Model):
    """Rows are added, never changed or deleted (audit log, chain of custody). A PostgreSQL trigger in
    each app's migrations enforces the same at the database."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} rows cannot be deleted.")


class DeferredTask(models.Model):
    """A background task that could not be queued because the broker (Redis) was down (issue 13).

    Kept in PostgreSQL, in the same place as the report that caused it, and queued again by
    `netra.core.deferred.deferred_flush` once the broker answers: nothing accepted is lost."""

    name = models.CharField(_("tugas"), max_length=200)
    args = models.JSONField(_("argumen"), default=list)
    kwargs = models.JSONField(_("argumen bernama"), default=dict)
    options = models.JSONField(_("opsi"), default=dict)
    created_at = models.DateTimeField(_("dibuat"), db_index=True)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tugas tertunda")
        verbose_name_plural = _("tugas tertunda")

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d %H:%M})"
