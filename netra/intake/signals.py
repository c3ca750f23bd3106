"""Sent after a report is committed, so the case workflow (netra.cases) can pick it up without intake
depending on it. kwargs: report_id."""

from django.dispatch import Signal

report_received = Signal()
