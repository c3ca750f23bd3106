"""Signals other parts of Netra listen to, so the case core does not import them.

Only other apps listen (notifications); what a move does inside the cases app is called explicitly by
`services.transitions` (see `steps`). `case_transitioned` is sent inside the transition's transaction,
after the state, timeline, audit, clocks and letters are written: receivers may add rows
(notifications) that commit or roll back with the move. Work outside the database (e-mail) belongs in
`transaction.on_commit`.
"""

from django.dispatch import Signal

# kwargs: case, transition (workflow.Transition), actor (User | None), result (steps.StepResult: what the
# move's step did, e.g. `result.recommendations`), now (datetime: the moment the move is recorded at)
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
