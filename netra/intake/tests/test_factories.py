"""The intake factories build the rows the services build: valid, numbered, routed by the one office
rule, and usable by the services that read them (scoping, revealing, counting a reporter)."""

import pytest

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.core.scoping import restrict
from netra.intake import services
from netra.intake.models import Message, Report, ReportKind, ReportStatus
from netra.intake.selectors import same_reporter_count
from netra.intake.submission import report_submit
from netra.intake.tests.conftest import NOW, make_submission
from netra.intake.tests.factories import (
    IdentityRevealFactory,
    MessageFactory,
    ReportedPersonFactory,
    ReporterIdentityFactory,
    ReportFactory,
    WitnessFactory,
)

pytestmark = pytest.mark.django_db


def test_a_report_is_routed_and_numbered_as_report_submit_does(world):
    submitted = report_submit(submission=make_submission(), now=NOW).report
    built = ReportFactory()
    built.full_clean()
    assert built.office == submitted.office == world["agencies"]["bpp_sel"]  # Panwaslu Kec. receives
    assert (built.election, built.incident_region) == (submitted.election, submitted.incident_region)
    assert built.reference == f"LAP-2024-{built.pk:06d}"
    assert ReportFactory(tip=True).reference.startswith("INF-2024-")
    assert ReportFactory(region_code="33.03.01").office == world["agencies"]["pbg"]


def test_without_the_world_the_kabkota_bawaslu_receives():
    report = ReportFactory(region_code="64.71.02")
    assert (report.office.code, report.incident_region.code) == ("bawaslu-64-71", "64.71.02")


def test_a_report_is_seen_by_its_offices_only(world):
    u = world["users"]
    report = ReportFactory()
    assert restrict(Report.objects.filter(pk=report.pk), u["bpp_officer"], "view").exists()
    assert not restrict(Report.objects.filter(pk=report.pk), u["pbg"], "view").exists()


def test_a_temuan_is_found_by_an_officer_of_its_office(world):
    finding = ReportFactory(finding=True, region_code="64.71.02")
    finding.full_clean()
    assert finding.kind == ReportKind.FINDING
    assert finding.receipt_hash is None
    assert finding.found_by.agency == finding.office == world["agencies"]["bpp"]
    assert finding.reference == f"TEM-2024-{finding.pk:06d}"


def test_the_sealed_identity_opens_and_counts_one_reporter(world):
    head = UserFactory(agency=world["agencies"]["bpp"], roles=[Role.HEAD])
    first, second = ReporterIdentityFactory(), ReporterIdentityFactory()
    first.full_clean()
    assert first.report != second.report
    identity = services.identity_reveal(
        report=first.report, officer=head, reason="Pelapor dipanggil klarifikasi tanggal 14."
    )
    assert identity["name"] == "Budi Santoso"
    assert same_reporter_count(report=second.report, user=world["users"]["bpp_officer"]) == 1


def test_people_messages_and_reveals_are_valid_rows(world):
    report = ReportFactory(incomplete=True)
    assert report.status == ReportStatus.INCOMPLETE
    assert report.missing[0]["code"] == "reporter_address"
    for row in (
        ReportedPersonFactory(report=report),
        WitnessFactory(report=report),
        MessageFactory(report=report),
        MessageFactory(report=report, from_officer=True),
        IdentityRevealFactory(report=report),
    ):
        row.full_clean()
    officer_message = Message.objects.get(report=report, sender=Message.Sender.OFFICER)
    assert officer_message.agency == officer_message.officer.agency == report.office
    assert report.reported_persons.get().agency_name == "Pemerintah Kota Balikpapan"
