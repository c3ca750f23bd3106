"""Audit rows for refused passwords and lockouts (framework signals: Django's and django-axes')."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from netra.accounts import services


@receiver(user_login_failed, dispatch_uid="netra.accounts.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        services.login_failure_record(
            username=credentials.get("username", ""), request=request, locked_out=False
        )


@receiver(user_locked_out, dispatch_uid="netra.accounts.locked_out")
def _locked_out(sender, request=None, username=None, **kwargs):
    if request is not None:
        services.login_failure_record(username=username or "", request=request, locked_out=True)
