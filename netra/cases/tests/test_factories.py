"""The cases factories build rows the app's rules accept: valid, handled by the office the opening rule
picks, seen by exactly the offices the scoping rules name, and readable by the services that read them."""

import pytest

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.cases.models import Case, CaseState, CaseSubject, ParticipantRole, Person
from netra.cases.services.documents import document_open
from netra.cases.tests.factories import (
    PDF,
    CaseEventFactory,
    CaseFactory,
    CaseReportFactory,
    CaseSubjectFactory,
    ClarificationFactory,
    DeadlineFactory,
    DocumentFactory,
    ParticipantFactory,
    PersonFactory,
    RecommendationFactory,
    SanctionRecordFactory,
)
from netra.core.scoping import restrict
from netra.intake.models import ReportKind

pytestmark = pytest.mark.django_db


def visible(model, obj, user) -> bool:
    return restrict(model.objects.filter(pk=obj.pk), user, "view").exists()


def test_a_case_is_handled_by_the_kabkota_and_seen_in_its_jurisdiction_only(world):
    a, u = world["agencies"], world["users"]
    case = CaseFactory()
    case.full_clean()
    # 64.71.01 has a Panwaslu Kecamatan, which receives but never handles: Bawaslu Kota Balikpapan does.
    assert case.office == a["bpp"]
    assert case.participants.get().role == ParticipantRole.HANDLING
    assert case.reference == f"KSS-2024-{case.pk:06d}"
    assert visible(Case, case, u["bpp_officer"])
    assert not visible(Case, case, u["pbg"])
    assert CaseFactory(region_code="33.03.01").office == a["pbg"]


def test_a_case_with_its_laporan(world):
    case = CaseFactory(with_report=True)
    (link,) = case.case_reports.select_related("report")
    assert link.report.kind == ReportKind.LAPORAN
    assert link.report.incident_region == case.incident_region
    assert link.report.office == world["agencies"]["bpp_sel"]
    other = CaseReportFactory(case=CaseFactory(finding=True))
    assert other.case.state == CaseState.RECEIVED


def test_the_chain_to_a_sanction_is_seen_by_the_oversight_body_and_the_ppk(world):
    a = world["agencies"]
    record = SanctionRecordFactory()
    subject, recommendation = record.subject, record.recommendation
    case = subject.case
    for row in (case, subject.person, subject, recommendation, record):
        row.full_clean()
    assert (case.state, case.recipient) == (CaseState.FORWARDED, a["bkn"])
    assert recommendation.addressed_to == record.imposed_by == subject.agency == a["pemkot"]
    assert recommendation.level_label == "Sanksi moral"
    bkn_officer = UserFactory(agency=a["bkn"], roles=[Role.OFFICER])
    ppk_officer = UserFactory(agency=a["pemkot"], roles=[Role.OFFICER])
    for user in (bkn_officer, ppk_officer, world["users"]["bpp_officer"]):
        assert visible(Case, case, user)
        assert visible(Person, subject.person, user)
    assert not visible(Case, CaseFactory(), ppk_officer)  # no recommendation addressed to it


def test_subjects_keep_their_nip_unique_and_their_details_from_the_person(world):
    first, second = CaseSubjectFactory(), CaseSubjectFactory()
    assert first.person.nip != second.person.nip
    assert len(first.person.nip) == 18
    assert (first.name, first.agency_label) == (first.person.name, "Pemerintah Kota Balikpapan")


def test_documents_open_by_hash_and_other_rows_are_valid(world):
    document = DocumentFactory()
    content, opened = document_open(
        case_id=document.case_id, document_id=document.pk, user=world["users"]["bpp_officer"]
    )
    assert (content, opened) == (PDF, document)
    case = document.case
    for row in (
        CaseEventFactory(case=case),
        DeadlineFactory(case=case),
        ClarificationFactory(case=case),
    ):
        row.full_clean()
        assert row.case == case


def test_every_row_is_valid_and_hangs_off_one_case(world):
    case = CaseFactory()
    subject = CaseSubjectFactory(case=case)
    officer = UserFactory(agency=case.office, roles=[Role.OFFICER])
    rows = [
        subject,
        ParticipantFactory(case=case, user=officer),
        CaseEventFactory(case=case),
        DeadlineFactory(case=case),
        ClarificationFactory(case=case, subject=subject),
        DocumentFactory(case=case),
    ]
    for row in rows:
        row.full_clean()
        assert row.case == case
    # The terlapor's case and person are stored rows, and its details are the person's.
    assert CaseSubject.objects.filter(pk=subject.pk, case=case, person=subject.person).exists()
    assert (subject.name, subject.agency) == (subject.person.name, subject.person.agency)
    assert rows[1].agency == officer.agency == case.office
    assert rows[4].invitee_name == subject.name  # the summoned terlapor is this case's
    assert case.participants.filter(role=ParticipantRole.HANDLING, agency=case.office).count() == 1


def test_a_recommendation_is_for_a_terlapor_of_the_forwarded_case(world):
    recommendation = RecommendationFactory()
    recommendation.full_clean()
    subject = recommendation.subject
    case = subject.case
    assert subject in case.subjects.all()
    assert (case.state, case.recipient) == (CaseState.FORWARDED, recommendation.issued_by)
    assert recommendation.issued_at > case.forwarded_at
    assert recommendation.addressed_to == subject.person.agency
    assert recommendation.level == recommendation.sanction.level
    # A sanction record follows its recommendation's terlapor, PPK and sanction.
    record = SanctionRecordFactory(recommendation=recommendation)
    record.full_clean()
    assert (record.subject, record.imposed_by, record.sanction) == (
        subject,
        recommendation.addressed_to,
        recommendation.sanction,
    )
    assert record.recorded_by.agency == record.imposed_by
    assert record.decision_date > recommendation.issued_at.date()


def test_persons_get_distinct_whole_nips():
    nips = [PersonFactory().nip for _ in range(5)]
    assert len(set(nips)) == 5
    assert all(len(nip) == 18 and nip.isdigit() for nip in nips)
