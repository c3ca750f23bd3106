"""Request and response schemas of the core case API (`netra.cases.api.core`): cases, transitions,
subjects and persons, deadlines, notes and temuan. Other case routers reuse the case and person outputs.
"""

import datetime as dt

from ninja import Schema
from pydantic import Field

from netra.cases.models import Case, CaseSubject, Deadline


class CaseDeadlineOut(Schema):
    id: int
    kind: str
    kind_label: str
    agency_id: int
    agency: str
    starts_at: dt.datetime
    due_at: dt.datetime
    state: str
    basis: str
    explanation: str  # how due_at was counted, incl. the day-1 convention and any roll (netra.clocks)
    met_at: dt.datetime | None
    breached_at: dt.datetime | None
    escalated_to_id: int | None

    @staticmethod
    def resolve_kind_label(obj: Deadline) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_agency(obj: Deadline) -> str:
        return str(obj.agency)


class PersonOut(Schema):
    id: int
    name: str
    nip: str
    agency_id: int | None
    agency_name: str
    position: str
    position_category: str
    employment_type: str


def recorded_person_out(subject: CaseSubject) -> dict:
    """`PersonOut` from what one case recorded about its subject (never another office's entries)."""
    return {
        "id": subject.person_id,
        "nip": subject.nip,
        **{f: getattr(subject, f) for f in ("name", "agency_id", "agency_name", "position")},
        "position_category": subject.position_category,
        "employment_type": subject.employment_type,
    }


class RecommendationOut(Schema):
    id: int
    addressed_to_id: int
    sanction_code: str | None
    level: str
    legal_basis: str
    issued_at: dt.datetime

    @staticmethod
    def resolve_sanction_code(obj) -> str | None:
        return obj.sanction.code if obj.sanction_id else None


class SanctionRecordOut(Schema):
    id: int
    decision_number: str
    decision_date: dt.date
    punishment: str
    imposed_by_id: int
    matches_recommendation: bool


class SubjectOut(Schema):
    id: int
    person: PersonOut = Field(
        description="The person as recorded in this case (NIP ties it to their other cases)."
    )
    conduct: str | None
    violation: str | None
    level: str
    classification_note: str
    is_proven: bool | None
    recommendations: list[RecommendationOut]
    sanctions: list[SanctionRecordOut]

    @staticmethod
    def resolve_person(obj: CaseSubject) -> dict:
        return recorded_person_out(obj)

    @staticmethod
    def resolve_conduct(obj: CaseSubject) -> str | None:
        return obj.conduct.code if obj.conduct else None

    @staticmethod
    def resolve_violation(obj: CaseSubject) -> str | None:
        return obj.violation.code if obj.violation else None

    @staticmethod
    def resolve_recommendations(obj: CaseSubject):
        return list(obj.recommendations.all())

    @staticmethod
    def resolve_sanctions(obj: CaseSubject):
        return list(obj.sanctions.all())


class CaseSummaryOut(Schema):
    id: int
    reference: str | None
    title: str
    origin: str
    state: str
    state_label: str
    office_id: int
    recipient_id: int | None
    election: str | None
    incident_region_code: str | None
    incident_date: dt.date | None
    version: int
    created_at: dt.datetime

    @staticmethod
    def resolve_state_label(obj: Case) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_election(obj: Case) -> str | None:
        return obj.election.code if obj.election else None

    @staticmethod
    def resolve_incident_region_code(obj: Case) -> str | None:
        return obj.incident_region_id


class TransitionOut(Schema):
    name: str
    label: str
    requires: list[str]


class CaseOut(CaseSummaryOut):
    summary: str
    target_contestant_id: int | None
    target_party_id: int | None
    target_blank_column: bool
    known_date: dt.date | None
    violation_class: str
    decision_outcome: str
    decided_on: dt.date | None
    destination: str
    forwarded_at: dt.datetime | None
    stop_reason: str
    closed_at: dt.datetime | None
    report_references: list[str]
    subjects: list[SubjectOut]
    deadlines: list[CaseDeadlineOut]
    allowed_transitions: list[TransitionOut]


class EventOut(Schema):
    id: int
    kind: str
    text: str
    actor: str | None
    agency: str | None
    from_state: str
    to_state: str
    created_at: dt.datetime

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None

    @staticmethod
    def resolve_agency(obj) -> str | None:
        return str(obj.agency) if obj.agency_id else None


class CasePatchIn(Schema):
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=20000)
    incident_date: dt.date | None = None
    violation_class: str | None = None
    target_contestant_id: int | None = Field(None, description="Pasangan calon yang diuntungkan")
    target_party_id: int | None = Field(None, description="Partai politik yang diuntungkan")
    target_blank_column: bool | None = Field(None, description="Kolom kosong (calon tunggal)")


class TransitionIn(Schema):
    name: str = Field(description="Nama langkah, lihat `allowed_transitions`")
    reason: str = ""
    outcome: str = ""
    decided_on: dt.date | None = None
    summary: str = ""
    violation_class: str = ""
    destination: str = ""
    recipient_id: int | None = None
    forwarding_summary: str = Field(
        "", max_length=10000, description="forward: the officer's own summary for the forwarding letter"
    )
    recommendations: list[dict] = Field(default_factory=list)
    sanctions: list[dict] = Field(default_factory=list)


class NoteIn(Schema):
    body: str = Field(max_length=10000)
    internal_to_my_agency_family: bool = False


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


class AssignIn(Schema):
    assignee_id: int


class SubjectIn(Schema):
    person_id: int | None = None
    name: str = Field("", max_length=200)
    nip: str = Field("", max_length=30)
    agency_id: int | None = None
    agency_name: str = Field("", max_length=200)
    position: str = Field("", max_length=200)
    position_category: str = ""
    employment_type: str = ""
    conduct: str = ""


class ClassifyIn(Schema):
    conduct: str


class PersonPatchIn(Schema):
    name: str | None = Field(None, max_length=200)
    nip: str | None = Field(None, max_length=30)
    agency_id: int | None = None
    agency_name: str | None = Field(None, max_length=200)
    position: str | None = Field(None, max_length=200)
    position_category: str | None = None
    employment_type: str | None = None


class PersonHistoryOut(Schema):
    person: PersonOut
    cases: list[CaseSummaryOut]


class FindingIn(Schema):
    description: str = Field(max_length=20000)
    incident_region_code: str
    incident_place: str = Field("", max_length=300)
    incident_date: dt.date | None = None
    found_date: dt.date | None = None
    persons: list[dict] = Field(default_factory=list)
    source_report_ids: list[int] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
