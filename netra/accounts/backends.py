"""The one authentication backend: Django's ModelBackend behind django-axes' lockout check.

django-axes' own classes only check the lockout and leave the password to a second backend; two
backends break `User.objects.with_perm()` (used by notifications), so both steps live in one class."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(AxesStandaloneBackend, ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:  # a sign-in over HTTP; raises PermissionDenied while the username is locked
            AxesStandaloneBackend.authenticate(self, request, username=username, password=password, **kwargs)
        return ModelBackend.authenticate(self, request, username=username, password=password, **kwargs)
