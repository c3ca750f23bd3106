"""Notifications made by the case flow, assignments and reporters' messages; e-mail after commit; the
inbox API. No notice or e-mail ever names the reporter or repeats what they wrote."""

import datetime as dt

import pytest

from netra.cases.services.edits import case_assign
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW, classify_subjects, days
from netra.core.testing import login
from netra.intake.services import message_from_reporter
from netra.notifications.models import Notification, NotificationKind
from netra.notifications.services import agency_recipients

# From make_submission(): the reporter's identity, which must never appear in a notice.
REPORTER = ("Budi Santoso", "6471012345670001", "0812-3456-7890", "budi.santoso@contoh.id", "Mulawarman")


def _no_identity(*texts: str) -> None:
    joined = "\n".join(texts)
    assert [s for s in REPORTER if s in joined] == []


def move(case, user, name, now, **payload):
    return case_transition(case_id=case.pk, user=user, name=name, payload=payload, now=now)


def _with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user


@pytest.mark.django_db
def test_forwarding_notifies_the_recipient_in_app_and_by_email(
    case_world, django_capture_on_commit_callbacks, mailoutbox
):
    u, a, case = case_world["users"], case_world["agencies"], case_world["case"]
    _with_email(u["bkn_officer"], "satgas@bkn.go.id")
    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    case = move(case, u["bpp_officer"], "start_study", t)
    case = move(case, u["bpp_head"], "decide", t + days(1), outcome="terbukti", decided_on="2024-10-11")
    assert not Notification.objects.filter(recipient=u["bkn_officer"]).exists()  # not BKN's stage yet
    case = classify_subjects(case, u["bpp_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        move(
            case,
            u["bpp_head"],
            "forward",
            t + days(1),
            destination="oversight_body",
            recipient_id=a["bkn"].pk,
            forwarding_summary="Ringkasan petugas",
        )
    note = Notification.objects.get(recipient=u["bkn_officer"])
    assert note.kind == NotificationKind.STAGE
    assert note.case == case
    assert note.title == f"Kasus {case.reference}: Diteruskan"
    assert "Bawaslu Kota Balikpapan" in note.body
    assert note.emailed_at is not None
    # bkn_viewer may only read cases: no action is asked of them.
    assert not Notification.objects.filter(recipient=u["bkn_viewer"]).exists()
    [mail] = mailoutbox
    assert mail.to == ["satgas@bkn.go.id"]
    assert mail.subject == f"[Netra] Kasus {case.reference}: Diteruskan"
    _no_identity(mail.subject, mail.body, note.title, note.body)


@pytest.mark.django_db
def test_recommendation_notifies_the_ppk_through_its_bkpsdm(case_world):
    u, a = case_world["users"], case_world["agencies"]
    # An employing agency acts through its BKPSDM and Inspektorat.
    recipients = {user.pk for user in agency_recipients(agency=a["pemkot"])}
    assert u["bkpsdm_officer"].pk in recipients
    case = case_world["case"]
    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    case = move(case, u["bpp_officer"], "start_study", t)
    case = move(case, u["bpp_head"], "decide", t, outcome="terbukti", decided_on="2024-10-10")
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        t,
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    case = move(case, u["bkn_officer"], "examine", t + days(1))
    subject = case.subjects.get()
    move(
        case,
        u["bkn_officer"],
        "recommend",
        t + days(2),
        recommendations=[{"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}],
    )
    note = Notification.objects.get(recipient=u["bkpsdm_officer"])
    assert note.title == f"Kasus {case.reference}: Rekomendasi sanksi kepada PPK"
    # The officer who made the move is not told about it.
    assert list(Notification.objects.filter(recipient=u["bkn_officer"]).values_list("title", flat=True)) == [
        f"Kasus {case.reference}: Diteruskan"
    ]


@pytest.mark.django_db
def test_assignment_notifies_the_assignee(case_world, django_capture_on_commit_callbacks, mailoutbox):
    u, case = case_world["users"], case_world["case"]
    _with_email(u["bpp_officer"], "petugas@balikpapan.bawaslu.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)
    note = Notification.objects.get(recipient=u["bpp_officer"])
    assert note.kind == NotificationKind.ASSIGNMENT
    assert note.title == f"Anda ditugaskan menangani kasus {case.reference}"
    assert note.url
    assert [m.to for m in mailoutbox] == [["petugas@balikpapan.bawaslu.go.id"]]


@pytest.mark.django_db
def test_reporter_message_notifies_the_office_without_its_content(
    case_world, django_capture_on_commit_callbacks, mailoutbox
):
    u, case = case_world["users"], case_world["case"]
    _with_email(u["bpp_officer"], "petugas@balikpapan.bawaslu.go.id")
    body = "Saya Budi Santoso, HP 0812-3456-7890: videonya sudah saya kirim ulang."
    with django_capture_on_commit_callbacks(execute=True):
        message_from_reporter(report=case_world["report"], body=body)
    notes = Notification.objects.filter(kind=NotificationKind.MESSAGE)
    assert {n.recipient_id for n in notes} == {u["bpp_officer"].pk, u["bpp_head"].pk}
    assert {n.case_id for n in notes} == {case.pk}
    assert notes.first().title == f"Pesan baru dari pelapor pada kasus {case.reference}"
    [mail] = mailoutbox
    _no_identity(*(n.title + n.body for n in notes), mail.subject, mail.body)
    assert "videonya" not in mail.body


@pytest.mark.django_db
def test_inbox_api_lists_counts_and_marks_read(case_world, django_capture_on_commit_callbacks):
    u, case = case_world["users"], case_world["case"]
    case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_officer"].pk)
    other = Notification.objects.create(
        recipient=u["bpp_head"], case=case, kind=NotificationKind.STAGE, title="Milik pimpinan"
    )
    client = login(u["bpp_officer"])
    listed = client.get("/api/v1/notifications").json()
    assert [n["kind"] for n in listed] == ["penugasan"]
    assert listed[0]["case_reference"] == case.reference
    assert client.get("/api/v1/notifications/unread-count").json() == {"unread": 1}
    # Someone else's notification is not found, and stays unread.
    assert client.post(f"/api/v1/notifications/{other.pk}/read").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    response = client.post(f"/api/v1/notifications/{listed[0]['id']}/read")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert client.get("/api/v1/notifications/unread-count").json() == {"unread": 0}
    assert client.get("/api/v1/notifications", {"unread": True}).json() == []
    assert login(u["bpp_head"]).post("/api/v1/notifications/read-all").json() == {"marked": 1}


@pytest.mark.django_db
def test_bawaslu_hears_what_bkn_and_the_ppk_did_with_its_forwarded_case(case_world):
    """Issue 15 item 10: the handling Bawaslu office and its assigned officer learn of examine,
    recommend, record_sanction and close; nobody is told of their own move."""
    from netra.cases.models import CaseState

    u, a, case = case_world["users"], case_world["agencies"], case_world["case"]
    # An assigned officer hears even without the permission that makes the office's officers hear.
    case_assign(case_id=case.pk, user=u["bpp_head"], assignee_id=u["bpp_viewer"].pk)
    bawaslu = [u["bpp_officer"], u["bpp_head"], u["bpp_viewer"]]

    def told(state) -> set[int]:
        title = f"Kasus {case.reference}: {state.label}"
        return set(Notification.objects.filter(title=title).values_list("recipient_id", flat=True))

    t = NOW + dt.timedelta(hours=5)
    case = move(case, u["bpp_officer"], "register", t)
    case = move(case, u["bpp_officer"], "start_study", t)
    case = move(case, u["bpp_head"], "decide", t, outcome="terbukti", decided_on="2024-10-10")
    case = classify_subjects(case, u["bpp_officer"])
    case = move(
        case,
        u["bpp_head"],
        "forward",
        t,
        destination="oversight_body",
        recipient_id=a["bkn"].pk,
        forwarding_summary="Ringkasan petugas",
    )
    assert told(CaseState.FORWARDED) & {x.pk for x in bawaslu} == set()  # its own move
    case = move(case, u["bkn_officer"], "examine", t + days(1))
    assert told(CaseState.EXAMINATION) == {x.pk for x in bawaslu}
    note = Notification.objects.get(
        recipient=u["bpp_viewer"], title__endswith=str(CaseState.EXAMINATION.label)
    )
    assert note.kind == NotificationKind.STAGE
    assert "Mulai pemeriksaan" in note.body
    assert str(a["bkn"]) in note.body
    assert note.case_id == case.pk
    subject = case.subjects.get()
    case = move(
        case,
        u["bkn_officer"],
        "recommend",
        t + days(2),
        recommendations=[{"subject_id": subject.pk, "level": "moral", "legal_basis": "PP 42/2004 Pasal 15"}],
    )
    assert {x.pk for x in bawaslu} <= told(CaseState.RECOMMENDED)
    case = move(
        case,
        u["bkpsdm_officer"],
        "record_sanction",
        t + days(5),
        sanctions=[
            {
                "subject_id": subject.pk,
                "decision_number": "800/123/BKPSDM",
                "decision_date": "2024-10-15",
                "punishment": "Pernyataan secara terbuka",
                "sanction_code": "pns-moral-terbuka",
            }
        ],
    )
    assert {x.pk for x in bawaslu} <= told(CaseState.SANCTIONED)
    sanctioned = Notification.objects.get(
        recipient=u["bpp_head"], title__endswith=str(CaseState.SANCTIONED.label)
    )
    assert str(u["bkpsdm_officer"].agency) in sanctioned.body
    move(case, u["bkn_officer"], "close", t + days(6))
    assert told(CaseState.CLOSED) == {x.pk for x in bawaslu}
    # The oversight officer who acted is never told of their own moves; the province is not told.
    assert u["bkn_officer"].pk not in told(CaseState.EXAMINATION) | told(CaseState.CLOSED)
    assert not Notification.objects.filter(
        recipient=u["kaltim_head"], title__endswith=str(CaseState.CLOSED.label)
    )
    _no_identity(*Notification.objects.values_list("body", flat=True))
