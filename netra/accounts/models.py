"""One row per staff sign-in: what the person sees on their security page and what an administrator
ends when an account is disabled. The session data itself stays in Django's session store."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffSession(models.Model):
    """A signed-in staff session (password login through /akun/masuk/)."""

    class EndReason(models.TextChoices):
        LOGOUT = "logout", _("Keluar")
        IDLE = "idle", _("Tidak aktif terlalu lama")
        ABSOLUTE = "absolute", _("Batas waktu sesi tercapai")
        ENDED_BY_USER = "ended_by_user", _("Diakhiri oleh pemilik akun")
        ACCOUNT_DISABLED = "account_disabled", _("Akun dinonaktifkan")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="staff_sessions",
    )
    # The session store's key: needed to end the session from elsewhere (another device, the admin).
    session_key = models.CharField(_("kunci sesi"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("mulai"))
    last_seen_at = models.DateTimeField(_("terakhir aktif"))
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    user_agent = models.CharField(_("peramban"), max_length=300, blank=True)
    second_factor = models.BooleanField(_("diverifikasi dengan 2FA"), default=False)
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berakhir"), max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = _("sesi petugas")
        verbose_name_plural = _("sesi petugas")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "-started_at"], name="accounts_session_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True, end_reason="")
                | models.Q(ended_at__isnull=False) & ~models.Q(end_reason=""),
                name="accounts_session_end_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
