"""Filing once (issue 14 item 1): the service, the API's Idempotency-Key and the web form's token."""

import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.test import Client

from netra.intake import idempotency
from netra.intake.models import Report, SubmissionKey
from netra.intake.tests.conftest import NOW, make_submission
from netra.intake.tests.test_api import payload, post_json

KEY = "3f0c2a8e-6a55-4d43-9a3e-9b1f2f7e2c11"


def once(key=KEY, fp="a" * 64, now=NOW, **changes):
    return idempotency.report_submit_once(
        key=key, fingerprint=fp, submission=make_submission(**changes), now=now
    )


@pytest.mark.django_db
def test_a_retry_with_the_same_key_returns_the_first_report_and_files_nothing(world):
    first = once()
    again = once()

    assert not first.replayed
    assert again.replayed
    assert again.result.report.pk == first.result.report.pk
    assert again.result.receipt == first.result.receipt
    assert Report.objects.count() == 1
    row = SubmissionKey.objects.get()
    assert KEY not in row.key_hash  # neither the key nor the receipt is stored readably
    assert first.result.receipt.encode() not in bytes(row.sealed_receipt)


@pytest.mark.django_db
def test_the_same_key_with_other_content_is_refused_and_the_first_report_stays(world):
    first = once()
    with pytest.raises(idempotency.IdempotencyMismatchError) as refused:
        once(fp="b" * 64, description="Isi lain sama sekali: camat berkampanye di balai desa.")

    assert refused.value.status == 422
    assert "isi berbeda" in refused.value.message
    assert list(Report.objects.values_list("pk", flat=True)) == [first.result.report.pk]


@pytest.mark.django_db
def test_a_key_is_forgotten_after_its_time(world, settings):
    settings.NETRA_IDEMPOTENCY_HOURS = 24
    once()
    later = once(now=NOW + dt.timedelta(hours=25))

    assert not later.replayed
    assert Report.objects.count() == 2
    assert SubmissionKey.objects.count() == 1  # the old row was purged


@pytest.mark.django_db
def test_a_refused_submission_keeps_nothing_so_the_key_can_be_used_again(world):
    from netra.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError):
        once(description="pendek")
    assert not SubmissionKey.objects.exists()

    assert not once().replayed
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_a_malformed_key_is_refused_with_a_clear_message():
    from netra.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError, match="16–255"):
        once(key="pendek")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_file_one_report(reference_regions, world):
    results, errors = [], []

    def send():
        try:
            results.append(once(now=None))
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert Report.objects.count() == 1
    assert sorted(r.replayed for r in results) == [False, True]
    assert len({r.result.receipt for r in results}) == 1


# --- the API ---------------------------------------------------------------------------------------------


def _post(client, data, key=KEY):
    return client.post(
        "/api/v1/reports", data=json.dumps(data), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("current_election")
def test_api_retry_returns_the_first_answer(world):
    client = Client()
    first = _post(client, payload())
    again = _post(client, payload())

    assert first.status_code == 201, first.content
    assert again.status_code == 200
    assert again.json()["receipt"] == first.json()["receipt"]
    assert again.json()["reference"] == first.json()["reference"]
    assert Report.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("current_election")
def test_api_same_key_other_body_is_422_with_a_clear_message(world):
    client = Client()
    assert _post(client, payload()).status_code == 201
    other = _post(client, payload(incident_place="Balai desa lain"))

    assert other.status_code == 422
    assert other["Content-Type"].startswith("application/problem+json")
    assert "isi berbeda" in other.json()["title"]
    assert Report.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("current_election")
def test_api_malformed_key_is_400_and_files_nothing(world):
    response = _post(Client(), payload(), key="x")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["title"]
    assert not Report.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("current_election")
def test_api_without_a_key_still_files(world):
    assert post_json(Client(), "/api/v1/reports", payload()).status_code == 201
    assert post_json(Client(), "/api/v1/reports", payload()).status_code == 201
    assert Report.objects.count() == 2  # no key: the client asked for no deduplication


@pytest.mark.django_db
@pytest.mark.usefixtures("current_election")
def test_api_tips_take_the_key_too(world):
    client = Client()
    tip = {k: v for k, v in payload().items() if k not in ("reporter", "statement_of_truth")}
    send = lambda: client.post(  # noqa: E731
        "/api/v1/tips", data=json.dumps(tip), content_type="application/json", HTTP_IDEMPOTENCY_KEY=KEY
    )
    first, again = send(), send()

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["receipt"] == first.json()["receipt"]
    assert Report.objects.filter(kind="informasi_awal").count() == 1
