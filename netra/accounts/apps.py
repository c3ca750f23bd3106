from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: lockout (django-axes), second factor (django-otp TOTP), session expiry and the
    list of one's own sessions. The public reporter's receipt session is intake's, not this app's."""

    name = "netra.accounts"
    label = "accounts"
    verbose_name = _("Akun dan keamanan")

    def ready(self) -> None:
        from netra.accounts import receivers  # noqa: F401  (axes lockout -> audit row)
