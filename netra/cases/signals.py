"""Signals other parts of Netra listen to, so the case core does not import them.

`case_transitioned` is sent inside the transition's transaction, after the state has changed and the
event row is written: receivers may add rows (documents, notifications) that commit or roll back with
the move. Work outside the database (e-mail) belongs in `transaction.on_commit`.
"""

from django.dispatch import Signal

# kwargs: case, transition (workflow.Transition), actor (User | None), payload (dict), event (CaseEvent),
# now (datetime: the moment the move is recorded at; letters issued with it are dated then)
case_transitioned = Signal()

# kwargs: case, kind (DeadlineKind), deadline (Deadline), event (CaseEvent): a clock passed its due time.
deadline_breached = Signal()

# kwargs: case, deadline (Deadline): a running clock is due soon (sent once, by the deadline sweep).
deadline_reminder_due = Signal()

# kwargs: case, deadline (Deadline), agencies (list[Agency]): a breached clock went to the level above.
deadline_escalated = Signal()

# kwargs: case, participant (Participant), actor (User): an officer was assigned to the case.
case_assigned = Signal()

# kwargs: case, report (intake.Report), actor (User | None): a laporan or temuan opened its case. Sent
# inside the opening transaction (receivers' rows commit or roll back with the case).
case_opened = Signal()

# kwargs: case, sanction (SanctionRecord), actor (User): the PPK imposed a lighter sanction than the
# oversight body recommended (with its reason). Sent inside the record_sanction transaction.
sanction_below_recommendation = Signal()
