"""Factories for intake: reports (laporan, informasi awal, temuan), their terlapor, witnesses, sealed
identities and messages.

Rows point at reference data, never at invented places: the incident region is a real Kemendagri code
(64.71.01, Balikpapan Selatan), the election the reference Pilkada 2024, and the receiving office the
Bawaslu of the incident's kab/kota (got or created by its code, so it is the same row as the agencies
`world` fixture's). They build the rows directly: a test of `report_submit` itself still submits.
"""

import datetime as dt
import uuid

import factory

from netra.agencies.selectors import bawaslu_office_for
from netra.agencies.tests.factories import UserFactory, bawaslu
from netra.elections.models import Election
from netra.intake import crypto
from netra.intake.models import (
    IdentityReveal,
    Message,
    Report,
    ReportChannel,
    ReportedPerson,
    ReporterIdentity,
    ReportKind,
    ReportStatus,
    Witness,
)
from netra.intake.requirements import FORMAL, FORMAL_BASIS, Missing
from netra.intake.tests.conftest import NOW
from netra.regions.models import Region

REFERENCE_PREFIX = {ReportKind.LAPORAN: "LAP", ReportKind.TIP: "INF", ReportKind.FINDING: "TEM"}


def region(code: str) -> Region:
    """A reference region (loaded by the regions data migration)."""
    return Region.objects.get(code=code)


def election(code: str) -> Election:
    """A reference election (pemilu-2019, pilkada-2020, pemilu-2024, pilkada-2024)."""
    return Election.objects.get(code=code)


def receiving_office(region_code: str):
    """The office `report_submit` would route to (the one rule, `bawaslu_office_for`); when the test
    made no office at all, the Bawaslu of the region's kab/kota."""
    return bawaslu_office_for(region_code=region_code) or bawaslu(".".join(region_code.split(".")[:2]))


class ReportFactory(factory.django.DjangoModelFactory):
    """A laporan as `report_submit` stores it (complete, timely, received in Pilkada 2024's campaign),
    numbered LAP-/INF-/TEM-<year>-<id> like the services do. Traits: `tip`, `finding`, `incomplete`,
    `closed`."""

    class Meta:
        model = Report
        skip_postgeneration_save = True

    class Params:
        region_code = "64.71.01"
        tip = factory.Trait(kind=ReportKind.TIP, statement_of_truth=False)
        finding = factory.Trait(
            kind=ReportKind.FINDING,
            channel=ReportChannel.OFFICER,
            receipt_hash=None,
            counted_received_at=None,
            found_by=factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..office")),
        )
        incomplete = factory.Trait(
            status=ReportStatus.INCOMPLETE,
            requirements_met=False,
            missing=[
                Missing("reporter_address", FORMAL, "Alamat pelapor belum diisi.", FORMAL_BASIS).as_dict()
            ],
        )
        closed = factory.Trait(status=ReportStatus.CLOSED, closed_at=NOW + dt.timedelta(days=30))

    kind = ReportKind.LAPORAN
    channel = ReportChannel.WEB
    status = ReportStatus.RECEIVED
    received_at = NOW
    counted_received_at = factory.SelfAttribute("received_at")
    incident_region = factory.LazyAttribute(lambda o: region(o.region_code) if o.region_code else None)
    office = factory.LazyAttribute(lambda o: receiving_office(o.region_code))
    election = factory.LazyFunction(lambda: election("pilkada-2024"))
    incident_place = "Kantor Kelurahan Manggar"
    incident_date = factory.LazyAttribute(lambda o: o.received_at.date() - dt.timedelta(days=3))
    known_date = factory.LazyAttribute(lambda o: o.received_at.date() - dt.timedelta(days=2))
    description = factory.Sequence(
        lambda n: f"Lurah membagikan unggahan kampanye pasangan calon di grup WhatsApp warga ({n})."
    )
    statement_of_truth = True
    requirements_met = True
    is_timely = True
    receipt_hash = factory.LazyFunction(lambda: uuid.uuid4().hex + uuid.uuid4().hex)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        report = super()._create(model_class, *args, **kwargs)
        if not report.reference:
            report.reference = f"{REFERENCE_PREFIX[report.kind]}-{report.received_at.year}-{report.pk:06d}"
            model_class.objects.filter(pk=report.pk).update(reference=report.reference)
        return report


class ReportedPersonFactory(factory.django.DjangoModelFactory):
    """A terlapor as a reporter names them (a lurah of Pemkot Balikpapan by default, no NIP)."""

    class Meta:
        model = ReportedPerson

    report = factory.SubFactory(ReportFactory)
    name = factory.Sequence(lambda n: f"Lurah Uji {n}")
    nip = ""
    agency_name = "Pemerintah Kota Balikpapan"
    position = "Lurah"
    employment_type = "pns"


class WitnessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Witness

    class Params:
        name = factory.Sequence(lambda n: f"Saksi Uji {n}")
        contact = "0811-222-333"

    report = factory.SubFactory(ReportFactory)
    # Sealed like `report_submit` stores it (issue 13, item 7): only the office key opens it.
    sealed = factory.LazyAttribute(lambda o: crypto.seal_identity({"name": o.name, "contact": o.contact})[0])
    key_id = factory.LazyAttribute(lambda o: bytes(o.sealed).split(b":", 1)[0].decode())


class ReporterIdentityFactory(factory.django.DjangoModelFactory):
    """The reporter's identity sealed to the test office key, with its blind indexes (as `report_submit`
    stores it), so `identity_reveal` and `same_reporter_count` work on it."""

    class Meta:
        model = ReporterIdentity
        exclude = ("identity", "sealed_pair")

    report = factory.SubFactory(ReportFactory)
    identity = factory.LazyFunction(
        lambda: {
            "name": "Budi Santoso",
            "nik": "6471012345670001",
            "address": "Jl. Mulawarman 12, Balikpapan",
            "phone": "0812-3456-7890",
            "email": "budi.santoso@contoh.id",
        }
    )
    sealed_pair = factory.LazyAttribute(lambda o: crypto.seal_identity(o.identity))
    sealed = factory.LazyAttribute(lambda o: o.sealed_pair[0])
    key_id = factory.LazyAttribute(lambda o: o.sealed_pair[1])
    nik_index = factory.LazyAttribute(lambda o: crypto.blind_index("nik", o.identity.get("nik", "")))
    phone_index = factory.LazyAttribute(lambda o: crypto.blind_index("phone", o.identity.get("phone", "")))
    email_index = factory.LazyAttribute(lambda o: crypto.blind_index("email", o.identity.get("email", "")))


class MessageFactory(factory.django.DjangoModelFactory):
    """A message from the reporter; `from_officer=True` makes it the office's (with its officer)."""

    class Meta:
        model = Message

    class Params:
        from_officer = factory.Trait(
            sender=Message.Sender.OFFICER,
            officer=factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..report.office")),
            agency=factory.SelfAttribute("report.office"),
        )

    report = factory.SubFactory(ReportFactory)
    sender = Message.Sender.REPORTER
    body = factory.Sequence(lambda n: f"Pesan uji {n}.")


class IdentityRevealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityReveal

    report = factory.SubFactory(ReportFactory)
    officer = factory.SubFactory(UserFactory, agency=factory.SelfAttribute("..report.office"))
    agency = factory.SelfAttribute("officer.agency")
    reason = "Pelapor dipanggil klarifikasi; alamat diperlukan untuk undangan."
