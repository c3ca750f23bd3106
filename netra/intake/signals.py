"""Sent after commit, so the case workflow (netra.cases) and notifications can react without intake
depending on them."""

from django.dispatch import Signal

# kwargs: report_id. A report was stored.
report_received = Signal()

# kwargs: report_id, message_id. The reporter wrote to the office (the body never travels with it).
reporter_message_received = Signal()

# kwargs: report_id. There is news for the reporter (the status changed, or the office wrote): the
# notifications app tells a reporter who asked for it by e-mail, without any of the content.
reporter_news = Signal()
