"""Security headers on every response (issue 13, item 5; OWASP ASVS V14.4).

- Content-Security-Policy on every HTML page: scripts and styles only from Netra's own origin (no
  inline script, no inline style attribute, no third-party host: everything is vendored), nothing may
  frame Netra, forms post only to Netra. The Django admin keeps inline style attributes (its own
  templates use them), nothing more.
- Permissions-Policy: no camera, microphone, location or other device APIs for any page (the report
  form takes files through the ordinary file picker, which needs none of them).
- Cache-Control: a response to a signed-in person (case pages, reports, identities, exports, the API)
  is `private, no-store` unless the view itself declared it public; a shared computer or a proxy must
  not keep a copy. The public reporter's pages are `never_cache` in intake.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


def content_security_policy(path: str) -> str:
    directives = dict(CSP_DIRECTIVES)
    if path.startswith("/admin/"):
        directives["style-src"] = "'self' 'unsafe-inline'"  # the admin's own templates use style=""
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            if "Content-Security-Policy" not in response:
                response["Content-Security-Policy"] = content_security_policy(request.path)
            if "Permissions-Policy" not in response:
                response["Permissions-Policy"] = PERMISSIONS_POLICY
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
