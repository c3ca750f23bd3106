"""The public reporting API's schemas (`netra.intake.api`): what a report, a tip and a reporter's
follow-up look like in JSON, and what officers read."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class PersonIn(Schema):
    name: str = Field(max_length=200, description="Nama atau ciri-ciri terlapor")
    nip: str = Field("", max_length=18)
    agency_name: str = Field("", max_length=200)
    position: str = Field("", max_length=200)
    employment_type: str = Field("", max_length=16)


class WitnessIn(Schema):
    name: str = Field(max_length=200)
    contact: str = Field("", max_length=300)


class ReporterIn(Schema):
    """Identitas pelapor (Formulir Model B.1). Disegel; tidak pernah disimpan sebagai teks biasa."""

    name: str = Field("", max_length=200)
    nik: str = Field("", max_length=32)
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    birth_place: str = Field("", max_length=100)
    birth_date: str = Field("", max_length=20)
    gender: str = Field("", max_length=20)
    occupation: str = Field("", max_length=100)
    nationality: str = Field("", max_length=40)


class _IncidentIn(Schema):
    description: str = Field(max_length=20000)
    incident_region_code: str = Field("", max_length=13)
    incident_place: str = Field("", max_length=300)
    incident_date: dt.date | None = None
    known_date: dt.date | None = None
    election_code: str = Field("", max_length=60)
    reported_persons: list[PersonIn] = Field(default_factory=list, max_length=50)
    links: list[str] = Field(default_factory=list, max_length=50)
    website: str = Field("", description="Leave empty (spam trap).")


class ReportIn(_IncidentIn):
    reporter: ReporterIn = Field(default_factory=ReporterIn)  # type: ignore[arg-type]
    witnesses: list[WitnessIn] = Field(default_factory=list, max_length=50)
    identity_confidential: bool = True
    statement_of_truth: bool = False
    notify_by_email: bool = Field(
        False,
        description="Opt-in: e-mail the reporter (reporter.email) a content-free notice when there is news.",
    )


class TipIn(_IncidentIn):
    pass


class MissingOut(Schema):
    code: str
    requirement: str
    message: str
    basis: str


class NextStepOut(Schema):
    title: str
    text: str
    basis: str


class SubmissionOut(Schema):
    reference: str
    receipt: str = Field(description="Shown once. Keep it: it is the only way to follow the report.")
    kind: str
    status: str
    status_label: str
    office: str | None
    filing_deadline: dt.datetime | None
    is_timely: bool | None
    missing: list[MissingOut]
    notice: str = Field(description="What happens next, in one paragraph (the same as `next_steps`).")
    next_steps: list[NextStepOut]


class MessageOut(Schema):
    id: int
    sender: str
    body: str
    created_at: dt.datetime
    office: str | None = None


class RevealOut(Schema):
    created_at: dt.datetime
    office: str | None


class ReporterStatusOut(Schema):
    reference: str
    kind: str
    status: str
    status_label: str
    received_at: dt.datetime
    office: str | None
    missing: list[MissingOut]
    evidence_count: int
    messages: list[MessageOut]
    identity_reveals: list[RevealOut]


class MessageIn(Schema):
    body: str = Field(max_length=5000)


class ReportSummaryOut(Schema):
    id: int
    reference: str | None
    kind: str
    status: str
    received_at: dt.datetime
    office_id: int | None
    incident_region_code: str | None
    is_timely: bool | None
    requirements_met: bool
    unread: int = 0

    @staticmethod
    def resolve_incident_region_code(obj) -> str | None:
        return obj.get("incident_region_code") if isinstance(obj, dict) else obj.incident_region_id


class OfficerReportOut(ReportSummaryOut):
    description: str
    incident_place: str
    incident_date: dt.date | None
    known_date: dt.date | None
    filing_deadline: dt.datetime | None
    missing: list[MissingOut]
    reported_persons: list[PersonIn]
    messages: list[MessageOut]
    has_identity: bool
    identity_confidential: bool
    same_reporter_reports: int


class RevealIn(Schema):
    reason: str = Field(max_length=2000)
