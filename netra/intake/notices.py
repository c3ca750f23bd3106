"""Who to tell, by e-mail, that a report has news (issue 14): only a reporter who gave an e-mail and
asked for it (opt-in on the form, sealed with the identity), and only the handling office's name.

Read on the officers' tier, where the notice worker holds the identity key: the address is opened for
sending and nothing else (it is neither shown, logged nor stored elsewhere). The notice itself carries
no content of the report (`netra.notifications.services.reporter_news_email_send`).
"""

from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from netra.intake import crypto
from netra.intake.models import Report, ReporterIdentity
from netra.intake.selectors import handling_office
from netra.intake.submission import NOTIFY_KEY


@dataclass(frozen=True)
class ReporterNotice:
    email: str
    office_name: str


@sensitive_variables("identity")
def reporter_notice_for(*, report_id: int) -> ReporterNotice | None:
    """The address to tell and the office to name, or None when the reporter did not ask (or the
    identity was purged). Raises `crypto.IdentityKeyUnavailableError` on a tier without the key."""
    record = (
        ReporterIdentity.objects.filter(
            report_id=report_id, sealed__isnull=False, report__purged_at__isnull=True
        )
        .only("sealed", "report_id")
        .first()
    )
    if record is None or record.sealed is None:
        return None
    identity = crypto.open_identity(bytes(record.sealed))
    email = (identity.get("email") or "").strip()
    if not identity.get(NOTIFY_KEY) or not email:
        return None
    report = Report.objects.select_related("office", "case_link__case__office").get(pk=report_id)
    office = handling_office(report)
    return ReporterNotice(email=email, office_name=office.name if office else "Bawaslu")
