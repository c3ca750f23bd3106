import datetime as dt

import pytest

from netra.agencies.roles import Role
from netra.agencies.tests.factories import UserFactory
from netra.intake.tests.conftest import NOW, WITA, make_submission  # noqa: F401 (re-exported for tests)


@pytest.fixture
def case_world(world, django_capture_on_commit_callbacks):
    """The agencies world plus casework users of BKN and the PPK, and one laporan that opened a case
    (Pilkada 2024, Balikpapan, a lurah of Pemkot Balikpapan)."""
    from netra.cases.models import CaseReport
    from netra.intake.submission import report_submit

    a = world["agencies"]
    users = world["users"]
    users["bkn_officer"] = UserFactory(username="u-bkn-officer", agency=a["bkn"], roles=[Role.OFFICER])
    users["bkn_head"] = UserFactory(username="u-bkn-head", agency=a["bkn"], roles=[Role.HEAD])
    users["bkn_viewer"] = UserFactory(username="u-bkn-viewer", agency=a["bkn"], roles=[Role.VIEWER])
    users["bkpsdm_officer"] = UserFactory(
        username="u-bkpsdm-officer", agency=a["bkpsdm"], roles=[Role.OFFICER]
    )
    users["pbg_head"] = UserFactory(username="u-pbg-head", agency=a["pbg"], roles=[Role.HEAD])
    users["kaltim_head"] = UserFactory(username="u-kaltim-head", agency=a["kaltim"], roles=[Role.HEAD])
    with django_capture_on_commit_callbacks(execute=True):  # the report_received → open-case path
        report = report_submit(submission=make_submission(), now=NOW).report
    world["report"] = report
    world["case"] = CaseReport.objects.get(report=report).case
    return world


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


PBG_SECRETS = ("Siti Rahayu", "Guru SMP Negeri 2 Purbalingga", "Dinas Pendidikan Kabupaten Purbalingga")


@pytest.fixture
def door_world(case_world, django_capture_on_commit_callbacks):
    """The case world plus what the scoping doors need (issue 8):
    - `pbg_person`: a terlapor recorded only in a Purbalingga case (name, NIP, agency, position there);
      the same reporter filed that report, so reporter linkage would count it;
    - `shared_person`: another Purbalingga terlapor that a Balikpapan case links too (as an officer's
      silent link by NIP leaves it), with `own_person` a terlapor only Balikpapan's;
    - `ppk_case`: a Balikpapan case recommended to Pemkot Balikpapan, in the PPK's stage."""
    from netra.cases.models import CaseReport
    from netra.cases.services.subjects import case_subject_add
    from netra.cases.services.transitions import case_transition
    from netra.intake.submission import PersonIn, report_submit

    def open_case(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            report = report_submit(submission=make_submission(**changes), now=NOW).report
        return CaseReport.objects.get(report=report).case

    pbg_case = open_case(
        incident_region_code="33.03.01",
        persons=[
            PersonIn(
                name=PBG_SECRETS[0],
                nip="198701012010012001",
                agency_name=PBG_SECRETS[2],
                position=PBG_SECRETS[1],
                employment_type="pns",
            ),
            PersonIn(name="Bambang Purbalingga", nip="198801012010011002", position="Camat Kemangkon"),
        ],
    )
    by_name = {s.person.name: s.person for s in pbg_case.subjects.select_related("person")}
    world = case_world
    world["pbg_case"] = pbg_case
    world["pbg_person"] = by_name[PBG_SECRETS[0]]
    world["shared_person"] = by_name["Bambang Purbalingga"]
    world["own_person"] = world["case"].subjects.get().person
    case_subject_add(case=world["case"], person=world["shared_person"])

    u = world["users"]
    ppk_case = open_case(persons=[PersonIn(name="Lurah Prapatan", agency_name="Pemerintah Kota Balikpapan")])
    t = NOW + dt.timedelta(hours=5)
    subject = ppk_case.subjects.get()
    for user, name, payload in [
        (u["bpp_officer"], "register", {}),
        (u["bpp_officer"], "start_study", {}),
        (u["bpp_head"], "decide", {"outcome": "terbukti", "decided_on": "2024-10-11"}),
        (
            u["bpp_head"],
            "forward",
            {
                "destination": "oversight_body",
                "recipient_id": world["agencies"]["bkn"].pk,
                "forwarding_summary": "Ringkasan petugas",
            },
        ),
        (u["bkn_officer"], "examine", {}),
        (
            u["bkn_officer"],
            "recommend",
            {"recommendations": [{"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004"}]},
        ),
    ]:
        if name == "forward":
            ppk_case = classify_subjects(ppk_case, u["bpp_officer"])
        ppk_case = case_transition(case_id=ppk_case.pk, user=user, name=name, payload=payload, now=t)
    world["ppk_case"] = ppk_case
    return world


def classify_subjects(case, user, conduct: str = "medsos-kampanye"):
    """Classify every subject of `case` through the service, as Bawaslu must before forwarding an ASN
    case to the oversight body (issue 15). Returns the refreshed case."""
    from netra.cases.services.subjects import subject_classify

    for subject in case.subjects.all():
        subject_classify(case_id=case.pk, subject_id=subject.pk, user=user, conduct_code=conduct)
    case.refresh_from_db()
    return case
