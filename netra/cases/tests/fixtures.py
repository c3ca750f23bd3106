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
    from netra.intake.services import report_submit

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
