"""The receipt as a PDF the reporter can keep (issue 14): the reference, the receipt code, when it was
received and by which office, and what happens next. Never the reporter's identity, the description or
the terlapor: a PDF lying in a phone's downloads folder must not tell anyone who reported whom.

Rendered on request with WeasyPrint (as the officers' letters are, `netra.cases.letters`), outside any
transaction and never stored.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from netra.intake.models import Report
from netra.intake.next_steps import NextStep


@sensitive_variables("receipt")
def receipt_pdf(*, report: Report, receipt: str, steps: list[NextStep]) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads fonts and Pango on first use

    html = render_to_string(
        "intake/pdf/receipt.html",
        {"report": report, "receipt": receipt, "steps": steps, "printed_at": timezone.now()},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
