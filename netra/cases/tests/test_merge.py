"""Merging two cases about one incident, and two records of one person."""

import datetime as dt

import pytest

from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseReport, CaseState, DeadlineState, EventKind, Person
from netra.cases.selectors.cases import person_history
from netra.cases.services.merge import case_merge, person_merge
from netra.cases.services.opening import case_open_for_report
from netra.cases.services.subjects import case_subject_add
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, make_submission
from netra.core.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from netra.core.testing import login
from netra.intake.models import ReportStatus
from netra.intake.services import report_for_receipt
from netra.intake.submission import PersonIn, report_submit

NIP = "198001012005011001"
PEMKOT = "Pemerintah Kota Balikpapan"
POST = "https://www.facebook.com/groups/warga/posts/123"


def submit(**changes):
    """A reporter's laporan and its case: (case, receipt)."""
    result = report_submit(submission=make_submission(**changes), now=NOW)
    return case_open_for_report(report=result.report), result.receipt


@pytest.fixture
def pair(case_world):
    """Two reporters about the same Facebook post by the same lurah (one link carries fbclid)."""
    target, _ = submit(
        persons=[
            PersonIn(name="Drs. H. Ahmad Yani, M.Si.", nip=NIP, agency_name=PEMKOT),
            PersonIn(name="Lurah Manggar", agency_name=PEMKOT),
        ],
        links=[POST],
    )
    source, receipt = submit(
        description="Lurah Manggar dan stafnya membagikan unggahan paslon di grup Facebook warga.",
        persons=[PersonIn(name="Ahmad Yani", nip=NIP), PersonIn(name="Staf Kelurahan Manggar")],
        links=[f"{POST}?fbclid=IwAR2xTq"],
    )
    return {"source": source, "target": target, "receipt": receipt, **case_world}


def merge(pair, user_key="bpp_head", **kw):
    return case_merge(
        source_id=pair["source"].pk,
        target_id=pair["target"].pk,
        user=pair["users"][user_key],
        reason="Laporan atas unggahan Facebook yang sama",
        **kw,
    )


@pytest.mark.django_db
def test_merge_moves_reports_unites_subjects_and_keeps_the_receipt_working(pair):
    source, target = pair["source"], pair["target"]
    [source_report] = [cr.report for cr in source.case_reports.all()]
    versions = (source.version, target.version)
    assert source.deadlines.filter(state=DeadlineState.OPEN).exists()

    merge(pair)

    source.refresh_from_db()
    target.refresh_from_db()
    assert source.state == CaseState.MERGED
    assert source.merged_into == target
    assert source.closed_at is not None
    assert (source.version, target.version) == (versions[0] + 1, versions[1] + 1)
    # Every report now belongs to the target, remembering where it came from.
    link = CaseReport.objects.get(report=source_report)
    assert (link.case, link.merged_from) == (target, source)
    assert target.case_reports.count() == 2
    # The reporter still opens their own report with their receipt; it is untouched.
    seen = report_for_receipt(receipt=pair["receipt"])
    assert seen == source_report
    assert seen.status == ReportStatus.IN_REVIEW
    assert seen.case_link.case == target
    # Ahmad Yani (one NIP) appears once; Lurah Manggar and the staff member are both there.
    names = sorted(s.person.name for s in target.subjects.select_related("person"))
    assert names == ["Drs. H. Ahmad Yani, M.Si.", "Lurah Manggar", "Staf Kelurahan Manggar"]
    # The source's clocks no longer run; both timelines and the audit log tell what happened.
    assert not source.deadlines.filter(state=DeadlineState.OPEN).exists()
    assert source.deadlines.filter(state=DeadlineState.CANCELLED).exists()
    flagged = source.events.get(kind=EventKind.MERGE, actor__isnull=True)  # proposed on arrival
    assert flagged.text.startswith(f"Kemungkinan duplikat: {target.reference}")
    assert target.reference in source.events.get(kind=EventKind.MERGE, actor__isnull=False).text
    assert source.reference in target.events.get(kind=EventKind.MERGE, actor__isnull=False).text
    audited = AuditLogEntry.objects.filter(action="case.merge")
    assert {e.object_id for e in audited} == {str(source.pk), str(target.pk)}


@pytest.mark.django_db
def test_merge_refuses_without_the_leadership_permission(pair):
    with pytest.raises(PermissionDeniedError):
        merge(pair, user_key="bpp_officer")
    pair["source"].refresh_from_db()
    assert pair["source"].state == CaseState.INITIAL_REVIEW
    assert not AuditLogEntry.objects.filter(action="case.merge").exists()


@pytest.mark.django_db
def test_merge_refuses_cases_outside_the_jurisdiction(pair):
    with pytest.raises(NotFoundError):
        merge(pair, user_key="pbg_head")


@pytest.mark.django_db
def test_merge_refuses_a_forwarded_case(pair):
    u, a = pair["users"], pair["agencies"]
    target = pair["target"]
    t = NOW + dt.timedelta(hours=2)
    for user, name, payload in [
        (u["bpp_officer"], "register", {}),
        (u["bpp_officer"], "start_clarification", {}),
        (u["bpp_officer"], "start_study", {}),
        (u["bpp_head"], "decide", {"outcome": "terbukti", "decided_on": "2024-10-11"}),
        (
            u["bpp_head"],
            "forward",
            {
                "destination": "oversight_body",
                "recipient_id": a["bkn"].pk,
                "forwarding_summary": "Ringkasan petugas",
            },
        ),
    ]:
        if name == "forward":
            classify_subjects(target, u["bpp_officer"])
        case_transition(case_id=target.pk, user=user, name=name, payload=payload, now=t)
    with pytest.raises(ConflictError) as err:
        merge(pair)
    assert err.value.code == "case_forwarded"
    with pytest.raises(ConflictError):  # nor the other way round
        case_merge(source_id=target.pk, target_id=pair["source"].pk, user=u["bpp_head"], reason="sama")


@pytest.mark.django_db
def test_merge_refuses_a_stale_version_and_a_merged_source(pair):
    with pytest.raises(ConflictError) as err:
        merge(pair, expected_source_version=pair["source"].version + 1)
    assert err.value.code == "version_conflict"
    merge(
        pair, expected_source_version=pair["source"].version, expected_target_version=pair["target"].version
    )
    with pytest.raises(ConflictError) as err:
        merge(pair)
    assert err.value.code == "case_closed"


@pytest.mark.django_db
def test_merge_api_answers_412_on_a_stale_if_match(pair):
    client = login(pair["users"]["bpp_head"])
    url = f"/api/v1/cases/{pair['source'].pk}/merge"
    body = {"into_case_id": pair["target"].pk, "reason": "Unggahan yang sama"}
    stale = f'"case-{pair["source"].pk}-v{pair["source"].version + 5}"'
    response = client.post(url, body, content_type="application/json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    response = client.post(url, body, content_type="application/json", HTTP_IF_MATCH=pair["source"].etag)
    assert response.status_code == 200
    assert response.json()["id"] == pair["target"].pk
    assert len(response.json()["report_references"]) == 2


@pytest.mark.django_db
def test_person_recorded_twice_is_merged_and_keeps_the_nip(case_world):
    head = case_world["users"]["bpp_head"]
    first, _ = submit(persons=[PersonIn(name="Ahmad Yani", agency_name=PEMKOT)], links=[])
    second, _ = submit(persons=[PersonIn(name="Drs. H. Ahmad Yani, M.Si.", nip=NIP)], links=[])
    both, _ = submit(persons=[PersonIn(name="Ahmad Yani", nip=NIP)], links=[])
    keep = first.subjects.get().person
    drop = second.subjects.get().person
    assert keep != drop
    assert drop.nip == NIP
    case_subject_add(case=both, person=keep)  # an officer linked the first record here too
    assert both.subjects.count() == 2

    with pytest.raises(PermissionDeniedError):
        person_merge(keep_id=keep.pk, drop_id=drop.pk, user=case_world["users"]["bpp_officer"], reason="x")
    kept = person_merge(keep_id=keep.pk, drop_id=drop.pk, user=head, reason="NIP diperoleh dari SIASN")

    assert kept.nip == NIP
    assert kept.agency_name == PEMKOT
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert [s.person_id for s in second.subjects.all()] == [keep.pk]
    # The case that held both records now holds the person once (the (case, person) rule holds).
    assert both.subjects.count() == 1
    history = list(person_history(person=kept, user=head))
    assert {c.pk for c in history} == {first.pk, second.pk, both.pk}
    entry = AuditLogEntry.objects.get(action="person.merge")
    assert entry.before["drop"]["nip"] == NIP


@pytest.mark.django_db
def test_person_merge_refuses_two_different_nips_and_other_jurisdictions(case_world):
    head = case_world["users"]["bpp_head"]
    a, _ = submit(persons=[PersonIn(name="Ahmad Yani", nip=NIP)], links=[])
    b, _ = submit(persons=[PersonIn(name="Ahmad Yani", nip="198502022010012002")], links=[])
    with pytest.raises(ConflictError) as err:
        person_merge(
            keep_id=a.subjects.get().person_id, drop_id=b.subjects.get().person_id, user=head, reason="x"
        )
    assert err.value.code == "different_nip"
    # A record that also appears in a Purbalingga case is not Balikpapan's to merge.
    c, _ = submit(persons=[PersonIn(name="Budi")], links=[])
    pbg, _ = submit(incident_region_code="33.03.01", persons=[PersonIn(name="Budi Harsono")], links=[])
    drop = pbg.subjects.get().person
    case_subject_add(case=c, person=drop)
    # Out of scope is not found, as everywhere (issue 8): nothing says the record is used elsewhere.
    with pytest.raises(NotFoundError):
        person_merge(keep_id=c.subjects.first().person_id, drop_id=drop.pk, user=head, reason="sama")
    with pytest.raises(NotFoundError):  # nor as the record that stays
        person_merge(keep_id=drop.pk, drop_id=c.subjects.first().person_id, user=head, reason="sama")
