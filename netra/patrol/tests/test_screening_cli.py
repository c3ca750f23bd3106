"""`manage.py screen`: the batch CLI in-process (the embedded default) and on a real Celery worker."""

import io
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import current_app
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from netra.patrol.screening import evaluate
from netra.patrol.tasks_screening import screen_batch

REGISTRY = Path(evaluate.DATA) / "registries" / "pemilu-2024-presiden.json"
POSTS = [
    {"id": 1, "text": "Ayo coblos no 2 biar satu putaran!! ✌️✌️ #PrabowoGibran2024"},
    {"id": "b", "text": "Menurut KPU, paslon 02 memperoleh 58 persen suara, ujarnya", "author": "x"},
    {"id": 3, "text": "makan siang dulu gaes 😂"},
    {"id": 4, "text": "jangan pilih Anies, omdo semua"},
]


def _run(tmp_path, lines, *extra):
    posts = tmp_path / "posts.jsonl"
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "out.jsonl"
    call_command(
        "screen",
        str(posts),
        "--registry",
        str(REGISTRY),
        "--out",
        str(target),
        *extra,
        stdout=out,
        stderr=err,
    )
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()], err.getvalue()


def test_screens_posts_and_reports_bad_lines_by_number(tmp_path):
    lines = [
        json.dumps(POSTS[0]),
        "not json",
        json.dumps(POSTS[1]),
        '{"id": 9}',
        "[1, 2]",
        json.dumps(POSTS[2]),
        json.dumps(POSTS[3]),
    ]
    records, err = _run(tmp_path, lines)
    assert [r["id"] for r in records] == [1, "b", 3, 4]
    assert [r["label"] for r in records] == ["support", "neutral", "neutral", "against"]
    assert records[0]["contestant"] == "pemilu-2024/-/2"
    assert records[1]["contestant"] is None
    assert records[3]["contestant"] == "pemilu-2024/-/1"
    assert all(0.0 <= r["score"] <= 1.0 for r in records)
    assert {
        "kind": "number",
        "text": "coblos no 2",
        "contestant": "pemilu-2024/-/2",
        "weight": 1.0,
    } in records[0]["reasons"]
    assert all(reason["text"] in POSTS[0]["text"] for reason in records[0]["reasons"])
    assert "line 2: not valid JSON" in err
    assert 'line 4: no "text"' in err
    assert "line 5: not a JSON object" in err
    assert "Traceback" not in err
    assert "4 post(s) screened (1 support), 3 bad line(s) skipped." in err


def test_a_bad_registry_or_missing_file_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "registry.json"
    bad.write_text('{"election": "pemilu-2024", "contestants": [{"office": "raja"}]}', encoding="utf-8")
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps(POSTS[0]) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("screen", str(posts), "--registry", str(bad), stderr=err)
    assert "office" in err.getvalue()
    with pytest.raises(CommandError, match="not found"):
        call_command("screen", str(tmp_path / "missing.jsonl"), "--registry", str(REGISTRY))


REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture
def screening_worker(tmp_path):
    """A real Celery worker on a queue of its own (the screening chunks need Redis, not the database)."""
    queue = f"netra-test-screen-{uuid.uuid4().hex[:10]}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": REDIS_URL,
        "NETRA_TEST_CELERY_EAGER": "0",
        "NETRA_CELERY_QUEUE": queue,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(settings.BASE_DIR), os.environ.get("PYTHONPATH", "")])
        ),
    }
    proc = subprocess.Popen(  # noqa: S603 (our own interpreter running celery)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{queue}@%h",
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        yield queue, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        import redis

        redis.Redis.from_url(REDIS_URL).delete(queue)


@pytest.mark.integration
@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis for a real Celery worker")
def test_a_large_batch_fans_out_over_a_real_worker_with_progress(screening_worker, monkeypatch):
    queue, log = screening_worker
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)  # this process sends, the worker runs
    rows = evaluate.items("test")[:23]
    posts = [(row.id, row.text) for row in rows]
    document = REGISTRY.read_text(encoding="utf-8")
    seen: list[tuple[int, int]] = []
    started = time.monotonic()
    records = screen_batch(
        posts=posts,
        registry_document=document,
        chunk=5,
        queue=queue,
        on_progress=lambda d, t: seen.append((d, t)),
        stall_seconds=90,
    )
    here = screen_batch(posts=posts, registry_document=document, chunk=5, in_process=True)
    assert [r["id"] for r in records] == [row.id for row in rows]
    assert records == here  # the worker's answers are the engine's answers, in the input's order
    assert seen[-1] == (23, 23)
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})
    text = log.read_text(errors="replace")
    assert text.count("patrol.screen_chunk") >= 5, text[-3000:]
    assert "succeeded" in text
    assert time.monotonic() - started < 120


def test_a_lone_surrogate_in_the_json_is_screened_and_written(tmp_path):
    records, err = _run(tmp_path, ['{"id": "s\\ud800", "text": "coblos 02 \\ud800 prabowo"}'])
    assert records[0]["id"] == "s?"
    assert records[0]["label"] == "support"
    assert "Traceback" not in err


def test_an_unreachable_broker_is_a_message_not_a_hang(tmp_path, monkeypatch):
    """With Celery configured but its broker down, the command says so (and how to run in-process)."""
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setattr(settings, "REDIS_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(current_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setitem(current_app.conf, "broker_connection_retry", False)
    monkeypatch.setitem(current_app.conf, "broker_connection_max_retries", 0)
    # new connections for this test only (an earlier test may have pooled one to the real broker)
    monkeypatch.setattr(current_app, "_pool", None)
    monkeypatch.setattr(current_app.amqp, "_producer_pool", None)
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "text": f"coblos 0{i % 3 + 1}"}) + "\n" for i in range(6)))
    with pytest.raises(CommandError, match="cannot reach the Celery broker.*--in-process"):
        call_command("screen", str(posts), "--registry", str(REGISTRY), "--chunk", "2", stderr=io.StringIO())
