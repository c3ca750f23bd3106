"""Factories for cases: the case with its handling office, its reports, terlapor (`Person`,
`CaseSubject`), timeline lines, participants, clocks, clarifications, documents, the oversight body's
recommendation and the PPK's sanction.

They build rows directly, for tests about what is *done with* a case in some state (lists, pages,
counts, permissions). A test of a move itself goes through `case_transition` (and `case_world`), which
also writes the timeline, clocks, letters and audit rows these factories leave out.

Related rows are real: regions and elections from the reference data (64.71.01 Balikpapan Selatan,
Pilkada 2024, the rules catalogue's sanctions), the handling office from the one office rule
(`handling_office_for`), and the agencies by the codes the `world` fixture uses (bkn,
pemkot-balikpapan), got or created, so a factory row and the world share them.

No factory for `DocumentCounter`: it is the agenda of an office's outgoing letter numbers, advanced
only under a row lock by `services.letters_issue.letter_number_next`; a test wanting a number calls that
(a hand-made counter would make the next letter skip or repeat a number).
"""

import datetime as dt
import hashlib

import factory
from django.core.files.base import ContentFile

from netra.agencies.models import AgencyKind
from netra.agencies.selectors import handling_office_for
from netra.agencies.tests.factories import AgencyFactory, UserFactory, bawaslu
from netra.cases.models import (
    Attendance,
    Case,
    CaseEvent,
    CaseOrigin,
    CaseReport,
    CaseState,
    CaseSubject,
    Clarification,
    ClarificationRole,
    Deadline,
    DecisionOutcome,
    Document,
    DocumentKind,
    EventKind,
    Participant,
    ParticipantRole,
    Person,
    PositionCategory,
    Recommendation,
    SanctionRecord,
    StopReason,
)
from netra.cases.services.persons import normalize_key
from netra.clocks.models import DeadlineKind
from netra.intake.tests.conftest import NOW
from netra.intake.tests.factories import ReportFactory, election, region
from netra.rules.models import Destination, Sanction, SubjectType

# The smallest well-formed PDF (one empty page): what an uploaded document's bytes look like.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def handling_office(region_code: str):
    """The office that would handle a case there (the one rule); without any office made by the test,
    the Bawaslu of the region's kab/kota."""
    return handling_office_for(region_code=region_code) or bawaslu(".".join(region_code.split(".")[:2]))


def bkn():
    """The national oversight body (the `world` fixture's `bkn`)."""
    return AgencyFactory(code="bkn", name="Badan Kepegawaian Negara", kind=AgencyKind.BKN)


def pemkot_balikpapan():
    """The PPK of Balikpapan's civil servants (the `world` fixture's `pemkot`)."""
    return AgencyFactory(
        code="pemkot-balikpapan",
        name="Pemerintah Kota Balikpapan",
        kind=AgencyKind.INSTANSI,
        region=region("64.71"),
    )


class CaseFactory(factory.django.DjangoModelFactory):
    """A laporan's case in kajian awal (as `case_open_for_report` leaves it), in Balikpapan Selatan in
    Pilkada 2024, numbered KSS-<year>-<id>, with its handling office as participant. Traits: `finding`
    (a temuan's, just received), `with_report` (one laporan linked), `forwarded` (decided proven and
    forwarded to BKN), `stopped`."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    class Params:
        region_code = "64.71.01"
        finding = factory.Trait(origin=CaseOrigin.FINDING, state=CaseState.RECEIVED)
        with_report = factory.Trait(
            report_link=factory.RelatedFactory("netra.cases.tests.factories.CaseReportFactory", "case")
        )
        forwarded = factory.Trait(
            state=CaseState.FORWARDED,
            decision_outcome=DecisionOutcome.VIOLATION,
            decided_on=factory.LazyAttribute(lambda o: o.created_at.date() + dt.timedelta(days=10)),
            destination=Destination.OVERSIGHT_BODY,
            recipient=factory.LazyFunction(bkn),
            forwarded_at=factory.LazyAttribute(lambda o: o.created_at + dt.timedelta(days=11)),
            forwarding_summary="Ringkasan petugas: lurah membagikan materi kampanye di grup warga.",
        )
        stopped = factory.Trait(
            state=CaseState.STOPPED,
            state_before_end=CaseState.INITIAL_REVIEW,
            stop_reason=StopReason.NOT_REGISTERED,
            closed_at=factory.LazyAttribute(lambda o: o.created_at + dt.timedelta(days=7)),
        )

    created_at = NOW
    origin = CaseOrigin.REPORT
    state = CaseState.INITIAL_REVIEW
    title = factory.Sequence(lambda n: f"Lurah Uji {n} — Balikpapan Selatan")
    summary = "Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga."
    election = factory.LazyFunction(lambda: election("pilkada-2024"))
    incident_region = factory.LazyAttribute(lambda o: region(o.region_code))
    office = factory.LazyAttribute(lambda o: handling_office(o.region_code))
    incident_date = factory.LazyAttribute(lambda o: o.created_at.date() - dt.timedelta(days=3))
    known_date = factory.LazyAttribute(lambda o: o.created_at.date() - dt.timedelta(days=2))
    handling = factory.RelatedFactory(
        "netra.cases.tests.factories.ParticipantFactory",
        "case",
        agency=factory.SelfAttribute("..office"),
        role=ParticipantRole.HANDLING,
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        case = super()._create(model_class, *args, **kwargs)
        if not case.reference:
            case.reference = f"KSS-{case.created_at.year}-{case.pk:06d}"
            model_class.objects.filter(pk=case.pk).update(reference=case.reference)
        return case


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    case = factory.SubFactory(CaseFactory)
    agency = factory.SelfAttribute("case.office")
    role = ParticipantRole.ASSIGNEE
    user = None


class CaseReportFactory(factory.django.DjangoModelFactory):
    """A report of the case: a laporan from the case's region, received by the office that routes there."""

    class Meta:
        model = CaseReport

    case = factory.SubFactory(CaseFactory)
    report = factory.SubFactory(
        ReportFactory,
        region_code=factory.SelfAttribute("..case.incident_region.code"),
        received_at=factory.SelfAttribute("..case.created_at"),
    )


class PersonFactory(factory.django.DjangoModelFactory):
    """A terlapor's record: a lurah of Pemkot Balikpapan with a whole NIP (18 digits, PP 11/2017)."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Lurah Uji {n}")
    name_key = factory.LazyAttribute(lambda o: normalize_key(o.name))
    nip = factory.Sequence(lambda n: f"19800101200501{1000 + n % 9000:04d}")
    agency = factory.LazyFunction(pemkot_balikpapan)
    agency_name = factory.LazyAttribute(lambda o: o.agency.name if o.agency else "")
    agency_key = factory.LazyAttribute(lambda o: normalize_key(o.agency_name))
    position = "Lurah"
    position_category = PositionCategory.CAMAT_LURAH
    employment_type = SubjectType.PNS


class CaseSubjectFactory(factory.django.DjangoModelFactory):
    """A person as a terlapor of a case, with the details the case recorded (copied from the person,
    as `case_subject_add` does). Unclassified: classify through `subject_classify`."""

    class Meta:
        model = CaseSubject

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory)
    name = factory.SelfAttribute("person.name")
    agency = factory.SelfAttribute("person.agency")
    agency_name = factory.SelfAttribute("person.agency_name")
    position = factory.SelfAttribute("person.position")
    position_category = factory.SelfAttribute("person.position_category")
    employment_type = factory.SelfAttribute("person.employment_type")


class CaseEventFactory(factory.django.DjangoModelFactory):
    """An internal note on the timeline (append-only, like every line)."""

    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = EventKind.NOTE
    agency = factory.SelfAttribute("case.office")
    text = factory.Sequence(lambda n: f"Catatan uji {n}.")


class DeadlineFactory(factory.django.DjangoModelFactory):
    """An open follow-up clock of the handling office (7 days from the case's opening)."""

    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory)
    kind = DeadlineKind.FOLLOW_UP
    agency = factory.SelfAttribute("case.office")
    starts_at = factory.SelfAttribute("case.created_at")
    due_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=7))


class ClarificationFactory(factory.django.DjangoModelFactory):
    """A terlapor summoned to a clarification session two days after the case opened."""

    class Meta:
        model = Clarification

    case = factory.SubFactory(CaseFactory)
    role = ClarificationRole.SUBJECT
    subject = factory.SubFactory(CaseSubjectFactory, case=factory.SelfAttribute("..case"))
    invitee_name = factory.SelfAttribute("subject.name")
    scheduled_at = factory.LazyAttribute(lambda o: o.case.created_at + dt.timedelta(days=2))
    place = factory.LazyAttribute(lambda o: f"Kantor {o.case.office.name}")
    attendance = Attendance.SCHEDULED


class DocumentFactory(factory.django.DjangoModelFactory):
    """An uploaded document of the case (a PDF stored privately with its SHA-256), issued by the
    handling office and read by Bawaslu. `content=` gives other bytes."""

    class Meta:
        model = Document
        exclude = ("content",)

    content = PDF
    case = factory.SubFactory(CaseFactory)
    kind = DocumentKind.OTHER
    number = factory.Sequence(lambda n: f"UJI/{n:03d}/2024")
    dated = factory.LazyAttribute(lambda o: o.case.created_at.date())
    title = "Dokumen uji"
    issued_by = factory.SelfAttribute("case.office")
    generated = False
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="dokumen.pdf"))
    mime_type = "application/pdf"
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    size = factory.LazyAttribute(lambda o: len(o.content))
    audience = factory.LazyFunction(lambda: ["bawaslu"])


def sanction(code: str = "pns-moral-tertutup") -> Sanction:
    """A sanction of the reference catalogue (PP 42/2004 moral sanctions, PP 94/2021 discipline)."""
    return Sanction.objects.get(code=code)


class RecommendationFactory(factory.django.DjangoModelFactory):
    """BKN's recommendation of a closed moral sanction (PP 42/2004) to Pemkot Balikpapan, for a
    terlapor of a forwarded case."""

    class Meta:
        model = Recommendation

    subject = factory.SubFactory(CaseSubjectFactory, case=factory.SubFactory(CaseFactory, forwarded=True))
    issued_by = factory.LazyFunction(bkn)
    addressed_to = factory.SelfAttribute("subject.agency")
    sanction = factory.LazyFunction(sanction)
    level = factory.SelfAttribute("sanction.level")
    legal_basis = factory.SelfAttribute("sanction.legal_basis")
    body = "Menjatuhkan sanksi moral pernyataan secara tertutup."
    issued_at = factory.LazyAttribute(lambda o: o.subject.case.created_at + dt.timedelta(days=20))


class SanctionRecordFactory(factory.django.DjangoModelFactory):
    """What the PPK imposed: the recommended sanction, by decree, recorded by one of its officers."""

    class Meta:
        model = SanctionRecord

    recommendation = factory.SubFactory(RecommendationFactory)
    subject = factory.SelfAttribute("recommendation.subject")
    imposed_by = factory.SelfAttribute("recommendation.addressed_to")
    decision_number = factory.Sequence(lambda n: f"800/{n:03d}/BKPSDM/2024")
    decision_date = factory.LazyAttribute(lambda o: o.recommendation.issued_at.date() + dt.timedelta(days=14))
    sanction = factory.SelfAttribute("recommendation.sanction")
    punishment = factory.LazyAttribute(lambda o: o.sanction.name if o.sanction else "Sanksi moral")
    recorded_by = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..imposed_by"))
