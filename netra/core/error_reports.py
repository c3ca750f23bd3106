"""Error reports that carry no identity (issue 13).

Django's error report (the technical 500 page with DEBUG on, the e-mail AdminEmailHandler sends to
ADMINS, any handler that renders `ExceptionReporter`) shows the request's POST parameters and every
frame's local variables. On this system those hold reporters' and witnesses' names, NIKs and phone
numbers (the public form, the API's payload, the cleaned form data), so this filter is always active
(even with DEBUG on) and keeps the traceback and the variable names but never their values; settings
whose name says salt are hidden as well as keys and secrets.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class IdentitySafeExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|SALT", flags=re.IGNORECASE)

    def is_active(self, request) -> bool:
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for name in cleansed:
            cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name, _value in tb_frame.f_locals.items()]
