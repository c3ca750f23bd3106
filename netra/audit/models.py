"""The append-only change log. Every state-changing service writes one row in the same transaction.

Rows form an HMAC-SHA256 chain: each row's `hash` covers its own content and the previous row's hash,
keyed with NETRA_AUDIT_CHAIN_KEY (kept outside the database). `seq` is contiguous (assigned under a
lock), so a deleted row leaves a gap and an edited row breaks its own hash and the link of the next one.
`manage.py audit_verify` checks both. Updates and deletes are refused here and, on PostgreSQL, by a
trigger (migration 0002).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netra.core.models import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError", "AuditLogEntry"]


class AuditLogEntry(AppendOnlyModel):
    """One change: who did what to which object, with before/after snapshots."""

    seq = models.PositiveBigIntegerField(_("urutan"), unique=True, editable=False)
    created_at = models.DateTimeField(_("waktu"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    actor_agency_id = models.BigIntegerField(_("id instansi pelaku"), null=True, blank=True, db_index=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, db_index=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    before = models.JSONField(_("sebelum"), default=dict, blank=True)
    after = models.JSONField(_("sesudah"), default=dict, blank=True)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True)
    key_id = models.CharField(
        _("id kunci"), max_length=16, help_text=_("Kunci HMAC yang menandatangani baris ini.")
    )
    prev_hash = models.CharField(_("hash sebelumnya"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
