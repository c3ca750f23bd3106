"""Letters off the lock: a letter is numbered and written with its move, and its PDF is rendered only
after the move's transaction commits (services.letters_issue / letters_render, task cases.document_render).

A pytest-django test runs inside a transaction that never commits; `django_capture_on_commit_callbacks(
execute=True)` runs what the commit would, at the end of its block (the real path, with real commits and
the task run in-process as on the embedded default, is the `transaction=True` test below)."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netra.agencies.models import OfficeLetterSettings
from netra.audit.models import AuditLogEntry
from netra.cases.models import CaseState, Document, DocumentCounter, DocumentKind, DocumentRenderState
from netra.cases.services.documents import document_open
from netra.cases.services.letters_issue import forwarding_letter_issue
from netra.cases.services.transitions import case_transition
from netra.cases.tests.fixtures import NOW
from netra.cases.tests.test_documents import OFFICER_SUMMARY, decided, flat, pdf_text
from netra.core.exceptions import ConflictError
from netra.core.tests.test_translations import compiled_locale, english_catalogue  # noqa: F401 (fixtures)

FORWARD = {"destination": "oversight_body", "forwarding_summary": OFFICER_SUMMARY}


def forward(world) -> None:
    case_transition(
        case_id=world["case"].pk,
        user=world["users"]["bpp_head"],
        name="forward",
        payload={**FORWARD, "recipient_id": world["agencies"]["bkn"].pk},
        now=NOW,
    )


def forwarding_letter(world) -> Document:
    return Document.objects.get(case=world["case"], kind=DocumentKind.FORWARDING)


def in_english(user) -> Client:
    client = Client()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def wpdf_fails(monkeypatch, message="cannot load font 'Noto Sans'"):
    """WeasyPrint failing as it does on a host without its fonts or Pango."""
    from weasyprint import HTML

    def fail(self, *args, **kwargs):
        raise OSError(message)

    monkeypatch.setattr(HTML, "write_pdf", fail)


@pytest.mark.django_db
def test_the_letter_is_numbered_with_the_move_and_rendered_only_after_the_commit(
    case_world, django_capture_on_commit_callbacks
):
    decided(case_world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        forward(case_world)
        # Inside the move's transaction: the row, its number, timeline line and audit row; no PDF yet.
        letter = forwarding_letter(case_world)
        assert letter.render_state == DocumentRenderState.PENDING
        assert not letter.file
        assert letter.sha256 == ""
        assert letter.number.startswith("001/PM.00.02/64.71/")
        assert letter.template == "forwarding.html"
        assert letter.render_context["number"] == letter.number
        assert letter.render_context["case"]["reference"] == case_world["case"].reference
        assert DocumentCounter.objects.get(agency=letter.issued_by).last == 1
        assert case_world["case"].events.filter(data__document_id=letter.pk).exists()
        generated = AuditLogEntry.objects.get(action="case.document_generate", after__document_id=letter.pk)
        assert generated.after["number"] == letter.number
        assert not AuditLogEntry.objects.filter(action="case.document_render").exists()
        with pytest.raises(ConflictError) as pending:
            document_open(
                case_id=letter.case_id, document_id=letter.pk, user=case_world["users"]["bpp_viewer"]
            )
        assert pending.value.code == "document-pending"
    assert len(callbacks) >= 1
    letter.refresh_from_db()
    assert letter.render_state == DocumentRenderState.RENDERED
    assert letter.render_attempts == 1
    assert letter.render_attempted_at is not None
    content, _doc = document_open(
        case_id=letter.case_id, document_id=letter.pk, user=case_world["users"]["bpp_viewer"]
    )
    assert content.startswith(b"%PDF")
    assert letter.number in flat(pdf_text(letter))
    rendered = AuditLogEntry.objects.get(action="case.document_render", after__document_id=letter.pk)
    assert rendered.after["sha256"] == letter.sha256
    assert rendered.actor_id is None  # the system rendered it


@pytest.mark.django_db
def test_a_rolled_back_move_leaves_no_letter_and_uses_no_number(
    case_world, django_capture_on_commit_callbacks
):
    from netra.cases.services.common import case_lock_for

    u = case_world["users"]
    case = decided(case_world)

    def move_that_fails_after_its_letter():
        with transaction.atomic():
            locked = case_lock_for(case_id=case.pk, user=u["bpp_head"])
            locked.recipient = case_world["agencies"]["bkn"]
            locked.forwarded_at = NOW
            forwarding_letter_issue(case=locked, actor=u["bpp_head"], now=NOW)
            assert Document.objects.filter(case=locked).count() == 1
            raise RuntimeError("a later effect of the move fails")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        move_that_fails_after_its_letter()
    assert callbacks == []  # nothing was left to render
    assert not Document.objects.filter(case=case).exists()
    assert DocumentCounter.objects.filter(last__gt=0).count() == 0
    # The number was not used up: the letter of the move that does commit is 001.
    with django_capture_on_commit_callbacks(execute=True):
        forward(case_world)
    letter = forwarding_letter(case_world)
    assert letter.number.startswith("001/")
    assert letter.render_state == DocumentRenderState.RENDERED


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_a_failed_render_is_recorded_shown_and_a_retry_renders_the_letter_as_issued(
    case_world, django_capture_on_commit_callbacks, monkeypatch
):
    u, a = case_world["users"], case_world["agencies"]
    OfficeLetterSettings.objects.create(agency=a["bpp"], signer_name="Ahmad Wirawan, S.H.")
    decided(case_world)
    wpdf_fails(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        forward(case_world)  # the move itself succeeds
    case_world["case"].refresh_from_db()
    assert case_world["case"].state == CaseState.FORWARDED
    letter = forwarding_letter(case_world)
    assert letter.render_state == DocumentRenderState.FAILED
    assert letter.render_attempts == 1  # in-process the one attempt is the last (see the worker test)
    assert letter.render_error == "OSError: cannot load font 'Noto Sans'"
    assert letter.render_attempted_at is not None
    assert not letter.file
    failed = AuditLogEntry.objects.get(action="case.document_render_failed", after__document_id=letter.pk)
    assert failed.after["attempts"] == letter.render_attempts

    # The case page says so (no download link), in Indonesian and in English; the API gives the state.
    viewer, officer = Client(), Client()
    viewer.force_login(u["bpp_viewer"])
    officer.force_login(u["bpp_officer"])
    page = officer.get(reverse("cases:detail", args=[letter.case_id])).content.decode()
    assert "Gagal dibuat: OSError: cannot load font" in page
    assert f'data-testid="doc-retry-{letter.pk}"' in page
    assert 'data-testid="doc-penerusan"' not in page
    assert (
        f'data-testid="doc-retry-{letter.pk}"' not in viewer.get(f"/kasus/{letter.case_id}/").content.decode()
    )
    english = in_english(u["bpp_officer"]).get(reverse("cases:detail", args=[letter.case_id]))
    assert "Could not be made: OSError" in english.content.decode()
    assert ">try again<" in english.content.decode()
    api = officer.get(f"/api/v1/cases/{letter.case_id}/documents", HTTP_ACCEPT="application/json").json()
    listed = next(d for d in api if d["id"] == letter.pk)
    assert (listed["render_state"], listed["render_attempts"]) == ("failed", letter.render_attempts)
    download = officer.get(listed["download_url"], HTTP_ACCEPT="application/json")
    assert download.status_code == 409
    assert download.json()["type"].endswith("/document-render-failed")
    assert download.json()["render_state"] == "failed"
    html_download = officer.get(reverse("cases:document", args=[letter.case_id, letter.pk]))
    assert html_download.status_code == 302  # back to the case page with the reason, never a 500

    # Meanwhile the office changes its signer: the letter keeps the one it was issued with.
    OfficeLetterSettings.objects.filter(agency=a["bpp"]).update(signer_name="Pejabat Baru")
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reverse("cases:document_render_retry", args=[letter.case_id, letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.render_state == DocumentRenderState.RENDERED
    assert letter.render_error == ""
    text = flat(pdf_text(letter))
    assert "Ahmad Wirawan, S.H." in text
    assert "Pejabat Baru" not in text
    assert AuditLogEntry.objects.filter(action="case.document_render_retry", actor_id=u["bpp_officer"].pk)
    assert officer.get(listed["download_url"]).status_code == 200


@pytest.mark.django_db
def test_on_a_worker_a_failed_attempt_is_retried_and_the_last_one_gives_up(case_world, monkeypatch):
    """The task's attempts as a Celery worker runs them (not in-process): an early failure is recorded and
    raised for autoretry (the letter stays pending); the last attempt records the failure and returns."""
    from netra.cases.services.letters_render import LetterRenderError
    from netra.cases.tasks import document_render_task

    decided(case_world)
    forward(case_world)  # not committed: the render has not run
    letter = forwarding_letter(case_world)
    wpdf_fails(monkeypatch, "Pango is not installed")
    assert document_render_task.autoretry_for == (LetterRenderError,)
    for retries in range(document_render_task.max_retries):
        document_render_task.push_request(retries=retries, is_eager=False)
        try:
            with pytest.raises(LetterRenderError):
                document_render_task.run(letter.pk)
        finally:
            document_render_task.pop_request()
        letter.refresh_from_db()
        assert (letter.render_state, letter.render_attempts) == ("pending", retries + 1)
        assert letter.render_error == "OSError: Pango is not installed"
    assert not AuditLogEntry.objects.filter(action="case.document_render_failed").exists()
    document_render_task.push_request(retries=document_render_task.max_retries, is_eager=False)
    try:
        assert document_render_task.run(letter.pk) == "failed"
    finally:
        document_render_task.pop_request()
    letter.refresh_from_db()
    assert (letter.render_state, letter.render_attempts) == ("failed", document_render_task.max_retries + 1)
    assert AuditLogEntry.objects.filter(action="case.document_render_failed", after__document_id=letter.pk)


@pytest.mark.django_db
def test_only_the_issuing_office_may_retry_and_not_a_rendered_letter(
    case_world, django_capture_on_commit_callbacks
):
    from netra.cases.services.letters_render import document_render_retry
    from netra.core.exceptions import PermissionDeniedError

    u = case_world["users"]
    decided(case_world)
    with django_capture_on_commit_callbacks(execute=True):
        forward(case_world)
    letter = forwarding_letter(case_world)
    with pytest.raises(ConflictError):  # rendered already
        document_render_retry(case_id=letter.case_id, document_id=letter.pk, user=u["bpp_officer"])
    Document.objects.filter(pk=letter.pk).update(render_state=DocumentRenderState.FAILED, render_error="x")
    with pytest.raises(PermissionDeniedError):  # the oversight body reads it but did not issue it
        document_render_retry(case_id=letter.case_id, document_id=letter.pk, user=u["bkn_officer"])
    with pytest.raises(PermissionDeniedError):  # a viewer may not
        document_render_retry(case_id=letter.case_id, document_id=letter.pk, user=u["bpp_viewer"])


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_a_pending_letter_is_shown_as_being_made(case_world):
    """A letter whose render has not run yet (its task still queued): honest on the page and the API."""
    u = case_world["users"]
    decided(case_world)
    forward(case_world)  # the test's transaction never commits: the render is still to come
    letter = forwarding_letter(case_world)
    client = Client()
    client.force_login(u["bpp_viewer"])
    page = client.get(reverse("cases:detail", args=[letter.case_id])).content.decode()
    assert "Surat sedang dibuat…" in page
    assert 'data-testid="doc-pending-penerusan"' in page
    english = in_english(u["bpp_viewer"]).get(reverse("cases:detail", args=[letter.case_id]))
    assert "The letter is being made…" in english.content.decode()
    download = client.get(
        f"/api/v1/cases/{letter.case_id}/documents/{letter.pk}/download", HTTP_ACCEPT="application/json"
    )
    assert download.status_code == 409
    assert download.json()["type"].endswith("/document-pending")
    assert download.json()["render_state"] == "pending"
    listed = client.get(f"/api/v1/cases/{letter.case_id}/documents", HTTP_ACCEPT="application/json").json()
    assert [d["render_state"] for d in listed] == ["pending"]


@pytest.mark.django_db
def test_the_sweep_renders_letters_whose_task_was_lost(case_world, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    decided(case_world)
    forward(case_world)  # issued; its render task is "lost" (never run)
    letter = forwarding_letter(case_world)
    call_command("documents_render_pending")
    letter.refresh_from_db()
    assert letter.render_state == DocumentRenderState.PENDING  # too fresh: its task may still come
    Document.objects.filter(pk=letter.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    call_command("documents_render_pending")
    letter.refresh_from_db()
    assert letter.render_state == DocumentRenderState.RENDERED
    assert letter.number in flat(pdf_text(letter))


@pytest.mark.django_db(transaction=True)
def test_on_the_real_path_the_letter_is_rendered_when_its_transaction_commits(reference_regions, world):
    """Real commits (no test transaction) and tasks in-process, as on the embedded default: pending inside
    the transaction that issued it, rendered as soon as that transaction commits (the browser tests in
    tests/e2e walk the whole chain this way)."""
    from netra.cases.models import Case, CaseOrigin

    a = world["agencies"]
    case = Case.objects.create(
        origin=CaseOrigin.FINDING,
        state=CaseState.FORWARDED,
        title="Uji jalur nyata",
        office=a["bpp"],
        recipient=a["bkn"],
        forwarded_at=timezone.now(),
        forwarding_summary=OFFICER_SUMMARY,
    )
    with transaction.atomic():
        letter = forwarding_letter_issue(case=case, actor=world["users"]["bpp_head"])
        assert Document.objects.get(pk=letter.pk).render_state == DocumentRenderState.PENDING
    letter.refresh_from_db()
    assert letter.render_state == DocumentRenderState.RENDERED
    assert OFFICER_SUMMARY in flat(pdf_text(letter))
