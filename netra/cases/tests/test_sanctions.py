"""What the PPK imposed against what was recommended (issue 15 items 6 and 9): a lighter sanction needs
the PPK's reason, is flagged to the oversight body and counted; pickers offer the law in force."""

import datetime as dt

import pytest
from django.test import Client

from netra.cases.models import SanctionDeviation, SanctionRecord
from netra.cases.selectors.cases import case_list_visible_to, sanction_follow_up_stats
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects
from netra.core.exceptions import ApplicationError
from netra.notifications.models import Notification

pytestmark = pytest.mark.django_db
T = NOW + dt.timedelta(hours=5)


def move(case, user, name, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=T)


def recommended_sedang(world):
    """The case world's lurah: proven, forwarded, recommended a medium discipline sanction."""
    u, a, case = world["users"], world["agencies"], world["case"]
    case = move(case, u["bpp_officer"], "register")
    case = move(case, u["bpp_officer"], "start_study")
    case = move(case, u["bpp_head"], "decide", outcome="terbukti", decided_on="2024-10-11")
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Terlapor membagikan konten kampanye pasangan calon.",
    )
    case = move(case, u["bkn_officer"], "examine")
    subject = case.subjects.get()
    rec = {"subject_id": subject.pk, "sanction_code": "pp94-pns-sedang-tukin-6", "legal_basis": "PP 94/2021"}
    return move(case, u["bkn_officer"], "recommend", recommendations=[rec]), subject


def sanction(subject, code, **extra):
    return {
        "subject_id": subject.pk,
        "decision_number": "800/77/BKPSDM/2024",
        "decision_date": "2024-10-25",
        "punishment": "Teguran lisan",
        "sanction_code": code,
        **extra,
    }


def test_a_lighter_sanction_needs_the_ppks_reason_and_is_flagged_and_counted(case_world):
    u = case_world["users"]
    case, subject = recommended_sedang(case_world)
    ppk = u["bkpsdm_officer"]
    with pytest.raises(ApplicationError) as refused:
        move(case, ppk, "record_sanction", sanctions=[sanction(subject, "pp94-pns-ringan-lisan")])
    assert refused.value.extra == {"field": "sanctions[0].deviation_reason"}
    assert "lebih ringan dari rekomendasi (Hukuman disiplin sedang)" in refused.value.message
    with pytest.raises(ApplicationError) as no_kind:  # the kind imposed is needed to compare
        move(case, ppk, "record_sanction", sanctions=[sanction(subject, "")])
    assert no_kind.value.extra == {"field": "sanctions[0].sanction_code"}

    reason = "Terlapor baru pertama kali melanggar dan telah meminta maaf secara terbuka."
    case = move(
        case,
        ppk,
        "record_sanction",
        sanctions=[sanction(subject, "pp94-pns-ringan-lisan", deviation_reason=reason)],
    )
    record = SanctionRecord.objects.get(subject=subject)
    assert record.deviation == SanctionDeviation.LIGHTER
    assert record.deviation_reason == reason
    assert record.matches_recommendation is False
    assert reason in case.events.filter(kind="tahap").last().text
    # BKN, which recommended, is told at once (besides the ordinary stage notice).
    flagged = Notification.objects.filter(recipient=u["bkn_officer"], title__contains="lebih ringan")
    assert flagged.count() == 1
    stats = sanction_follow_up_stats(cases=case_list_visible_to(user=u["bkn_officer"]))
    assert stats == {"recommended": 1, "sanctioned": 1, "lighter": 1, "heavier": 0}
    # Bawaslu sees the count on its case list.
    client = Client()
    client.force_login(u["bpp_officer"])
    html = client.get("/kasus/").content.decode()
    assert 'data-testid="lighter-count"' in html


def test_the_recommended_level_or_heavier_needs_no_reason(case_world):
    u = case_world["users"]
    case, subject = recommended_sedang(case_world)
    move(
        case,
        u["bkpsdm_officer"],
        "record_sanction",
        sanctions=[sanction(subject, "pp94-pns-berat-turun-jabatan")],
    )
    record = SanctionRecord.objects.get(subject=subject)
    assert record.deviation == SanctionDeviation.HEAVIER
    assert not Notification.objects.filter(title__contains="lebih ringan").exists()


def test_pickers_offer_the_law_in_force_for_the_subjects_employment_and_level(case_world):
    u = case_world["users"]
    case, subject = recommended_sedang(case_world)
    client = Client()
    client.force_login(u["bkpsdm_officer"])
    html = client.get(f"/kasus/{case.pk}/").content.decode()
    # Incident 7 Oct 2024, a PNS: PP 94/2021 items, never the repealed PP 53/2010 ones nor PPPK items.
    assert 'value="pp94-pns-ringan-lisan"' in html
    assert 'value="pp53-pns-ringan-lisan"' not in html
    assert 'value="pppk-ringan-lisan"' not in html


def test_the_ppk_acts_on_the_recommendation_and_does_not_reclassify(case_world):
    from netra.cases.services.subjects import subject_classify
    from netra.core.exceptions import PermissionDeniedError

    u = case_world["users"]
    case, subject = recommended_sedang(case_world)
    with pytest.raises(PermissionDeniedError):
        subject_classify(
            case_id=case.pk, subject_id=subject.pk, user=u["bkpsdm_officer"], conduct_code="alat-peraga"
        )
    client = Client()
    client.force_login(u["bkpsdm_officer"])
    html = client.get(f"/kasus/{case.pk}/").content.decode()
    assert 'data-testid="classify"' not in html
    assert "Direkomendasikan: Hukuman disiplin sedang" in " ".join(html.split())
