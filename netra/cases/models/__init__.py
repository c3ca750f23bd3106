"""Cases: one shared record that carries reports and findings from Bawaslu through the ASN oversight
body to the employing agency's sanction (REGULATIONS.md §3–4).

- `Case` gathers reports, tips and temuan (`CaseReport`) about one incident; its `state` moves only
  through `netra.cases.workflow` (one transition table) and `services.case_transition`.
- `Person` is a subject (*terlapor*) across cases and elections; `CaseSubject` is that person in one case,
  with the classification (catalogue item, ethics vs discipline), the oversight body's recommendation and
  the PPK's sanction.
- `Deadline` rows are the legal clocks of each stage, computed by `netra.clocks.deadline_for`.
- `CaseEvent` is the human-readable timeline (append-only); every write is also in the audit log.
- `Clarification` sessions, generated letters (`Document`) and `Participant` offices complete the
  shared workspace.

The models are split by concept (issue 9); every name is importable from `netra.cases.models` as before
(the migrations name `netra.cases.models.document_upload_to`). Each model's app label is "cases", taken
from the app whose package contains these modules.
"""

from netra.cases.models.cases import (
    TERMINAL_STATES,
    Case,
    CaseEvent,
    CaseOrigin,
    CaseReport,
    CaseState,
    DecisionOutcome,
    EventKind,
    Participant,
    ParticipantRole,
    StopReason,
)
from netra.cases.models.clarifications import Attendance, Clarification, ClarificationRole
from netra.cases.models.deadlines import Deadline, DeadlineState
from netra.cases.models.documents import (
    Document,
    DocumentCounter,
    DocumentKind,
    DocumentRenderState,
    document_upload_to,
)
from netra.cases.models.subjects import (
    CaseSubject,
    EmploymentDetails,
    Person,
    PositionCategory,
    Recommendation,
    SanctionDeviation,
    SanctionRecord,
    SubjectLevel,
)

__all__ = [
    "TERMINAL_STATES",
    "Attendance",
    "Case",
    "CaseEvent",
    "CaseOrigin",
    "CaseReport",
    "CaseState",
    "CaseSubject",
    "Clarification",
    "ClarificationRole",
    "Deadline",
    "DeadlineState",
    "DecisionOutcome",
    "Document",
    "DocumentCounter",
    "DocumentKind",
    "DocumentRenderState",
    "EmploymentDetails",
    "EventKind",
    "Participant",
    "ParticipantRole",
    "Person",
    "PositionCategory",
    "Recommendation",
    "SanctionDeviation",
    "SanctionRecord",
    "StopReason",
    "SubjectLevel",
    "document_upload_to",
]
