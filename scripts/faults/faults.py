"""Faults on the real stack (issue 13): gunicorn + Celery (worker and beat) + PostgreSQL + Redis, each
started here on its own ports (a throwaway PostgreSQL cluster and a Redis of its own: the shared
services on 5432/6379 are never touched), production settings.

Scenarios (each prints requests during the outage, 5xx, accepted vs stored):
  redis     Redis stopped for a while during continuous submissions, then started again
  postgres  PostgreSQL restarted (stopped, then started) during continuous submissions
  worker    a Celery worker killed (SIGKILL) in the middle of a batch of case-opening tasks, restarted
  burst     N submissions (default 10,000), each with an evidence file, from concurrent clients

Run: `bash scripts/faults/run [redis postgres worker burst]` (FAULTS_BURST=10000, FAULTS_CLIENTS=8,
FAULTS_BURST_FILE_EVERY=10: one submission in ten carries a PNG; FAULTS_KEEP=1 keeps the logs).
Exit status 1 if any accepted report is missing, any 5xx other than a clean 503 was seen, or a task
had a visible effect twice.
"""

# A test harness that starts fixed local programs with fixed arguments, random only for test data:
# ruff: noqa: S103, S311, S603, S607, S608

import base64
import concurrent.futures
import contextlib
import datetime as dt
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "5441"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6391"))
WEB_PORT = int(os.environ.get("FAULTS_WEB_PORT", "8791"))
CLIENTS = int(os.environ.get("FAULTS_CLIENTS", "8"))
BURST = int(os.environ.get("FAULTS_BURST", "10000"))
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC"
)


def log(text: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {text}", flush=True)


class Stack:
    """The services of one run, all under one temporary folder, all stopped at the end."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="netra-faults-"))
        os.chmod(self.dir, 0o755)
        self.pgdata = self.dir / "pg"
        self.pgrun = self.dir / "pgrun"  # log and socket, writable by the postgres user
        self.media = self.dir / "media"
        self.media.mkdir()
        self.procs: dict[str, subprocess.Popen] = {}
        self.db_url = f"postgres://netra:netra@127.0.0.1:{PG_PORT}/netra_faults"
        self.env = self._env()

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NETRA_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            NETRA_AUDIT_CHAIN_KEY=secrets.token_urlsafe(32),
            NETRA_IDENTITY_PUBLIC_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
            NETRA_BLIND_INDEX_KEY=secrets.token_urlsafe(32),
            NETRA_RECEIPT_SALT=secrets.token_urlsafe(16),
            DATABASE_URL=self.db_url,
            REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="False",
            NETRA_MEDIA_ROOT=str(self.media),
            NETRA_INTAKE_RATE_PER_HOUR=str(10**9),
            NETRA_CASES_OPEN_ON_ARRIVAL="True",  # a task per report: what an outage could lose
            NETRA_CASE_OPEN_SECONDS="15",
            DJANGO_LOG_LEVEL="ERROR",
            PYTHONPATH=str(ROOT),
        )
        return env

    # --- PostgreSQL (a cluster of its own, run as the postgres user: initdb refuses root) ------------
    def _as_postgres(self, *cmd: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *cmd], check=True, stdout=subprocess.DEVNULL)

    def pg_init(self) -> None:
        self.pgdata.mkdir()
        self.pgrun.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.pgdata, "postgres", "postgres")
            shutil.chown(self.pgrun, "postgres", "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        self.pg_start()
        self._as_postgres(
            str(PG_BIN / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            "-c",
            "CREATE ROLE netra LOGIN SUPERUSER PASSWORD 'netra'",
            "-c",
            "CREATE DATABASE netra_faults OWNER netra",
        )

    def pg_start(self) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-w",
            "-l",
            str(self.pgrun / "pg.log"),
            "-o",
            f"-p {PG_PORT} -k {self.pgrun} -c listen_addresses=127.0.0.1 -c max_connections=200",
            "start",
        )

    def pg_stop(self) -> None:
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), "-w", "-m", "fast", "stop")

    # --- Redis ---------------------------------------------------------------------------------------
    def redis_start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--pidfile",
                str(self.dir / "redis.pid"),
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            check=True,
        )
        for _ in range(50):
            if (
                subprocess.run(
                    ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True
                ).stdout.strip()
                == b"PONG"
            ):
                return
            time.sleep(0.1)
        raise SystemExit("redis did not start")

    def redis_stop(self) -> None:
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True)
        time.sleep(0.2)

    # --- the app ---------------------------------------------------------------------------------------
    def manage(self, *args: str, settings: str | None = None) -> str:
        env = {**self.env, **({"DJANGO_SETTINGS_MODULE": settings} if settings else {})}
        return subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout

    def start(self, name: str, *cmd: str) -> None:
        out = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.procs[name] = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=out, stderr=out, start_new_session=True
        )

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc and proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def gunicorn(self) -> None:
        self.start(
            "gunicorn",
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        )
        for _ in range(300):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=2)
                conn.request("GET", "/ping")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not answer")

    def worker(self, name: str = "worker") -> None:
        self.start(
            name,
            PY,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-c",
            "2",
            "-l",
            "WARNING",
            "-n",
            f"{name}-{uuid.uuid4().hex[:6]}@%h",
        )

    def beat(self) -> None:
        self.start(
            "beat",
            PY,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "-l",
            "WARNING",
            "--schedule",
            str(self.dir / "beat.db"),
        )

    def sql(self, query: str, *params) -> list:
        with psycopg.connect(self.db_url, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()

    def teardown(self) -> None:
        for name in list(self.procs):
            self.stop(name)
        self.redis_stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_stop()
        if os.environ.get("FAULTS_KEEP") != "1":
            shutil.rmtree(self.dir, ignore_errors=True)


# --- load --------------------------------------------------------------------------------------------


def _payload() -> dict:
    n = random.randrange(10**9)
    today = dt.datetime.now(tz=dt.UTC).date()
    return {
        "description": f"ASN nomor {n} membagikan unggahan kampanye pasangan calon di grup WhatsApp kantor.",
        "incident_region_code": "64.71.05",
        "incident_place": "Kantor kelurahan",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "reported_persons": [{"name": f"Pegawai {n}", "agency_name": "Pemerintah Kota"}],
        "reporter": {"name": f"Pelapor {n}", "nik": f"6471{n:012d}"[:16], "phone": "081234567890"},
        "statement_of_truth": True,
    }


def submit(with_file: bool) -> tuple[int, str | None]:
    """One report through the public API; returns (status, reference if accepted)."""
    body_json = json.dumps(_payload()).encode()
    if with_file:
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'.encode()
            + body_json
            + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="bukti.png"\r\n'
            "Content-Type: image/png\r\n\r\n".encode()
            + PNG
            + f"\r\n--{boundary}--\r\n".encode()
        )
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        body, content_type = body_json, "application/json"
    try:
        conn = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=60)
        conn.request(
            "POST",
            "/api/v1/reports",
            body,
            {"Content-Type": content_type, "Idempotency-Key": uuid.uuid4().hex * 2},
        )
        response = conn.getresponse()
        data = response.read()
        conn.close()
    except OSError:
        return 0, None
    reference = json.loads(data)["reference"] if response.status in (200, 201) else None
    return response.status, reference


class Load:
    """Clients submitting continuously; each answer is recorded with the time it was sent."""

    def __init__(self, with_file: bool = False) -> None:
        self.with_file = with_file
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        self.records: list[tuple[float, int, str | None]] = []

    def _client(self) -> None:
        while not self.stop_flag.is_set():
            sent = time.monotonic()
            status, reference = submit(self.with_file)
            with self.lock:
                self.records.append((sent, status, reference))

    def run(self, seconds: float, fault, *, at: float) -> None:
        threads = [threading.Thread(target=self._client, daemon=True) for _ in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(at)
        fault()
        time.sleep(max(0.0, seconds - at))
        self.stop_flag.set()
        for t in threads:
            t.join()


def summary(stack: Stack, load: Load, window: tuple[float, float], name: str) -> bool:
    during = [r for r in load.records if window[0] <= r[0] <= window[1]]
    statuses = Counter(status for _, status, _ in load.records)
    accepted = [ref for _, status, ref in load.records if ref]
    stored = {
        row[0] for row in stack.sql("SELECT reference FROM intake_report WHERE reference = ANY(%s)", accepted)
    }
    bad_5xx = sum(n for s, n in statuses.items() if s >= 500 and s != 503)
    lost = len(set(accepted) - stored)
    log(
        f"{name}: {len(load.records)} requests, {len(during)} during the outage "
        f"({dict(Counter(s for _, s, _ in during))}); statuses {dict(sorted(statuses.items()))}; "
        f"5xx other than 503: {bad_5xx}; clean 503: {statuses.get(503, 0)}; "
        f"accepted {len(accepted)}, stored {len(stored)}, lost {lost}"
    )
    return bad_5xx == 0 and lost == 0


def wait_for(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(1)
    return check()


def cases_missing(stack: Stack) -> int:
    return stack.sql(
        "SELECT count(*) FROM intake_report r LEFT JOIN cases_casereport c ON c.report_id = r.id "
        "WHERE r.kind = 'laporan' AND c.id IS NULL"
    )[0][0]


def cases_twice(stack: Stack) -> int:
    """Cases opened for a report that already had one (a report links to one case: a second opening
    would leave a case with no report, or a second link row)."""
    orphans = stack.sql(
        "SELECT count(*) FROM cases_case c WHERE NOT EXISTS (SELECT 1 FROM cases_casereport cr WHERE cr.case_id = c.id)"
    )[0][0]
    links = stack.sql("SELECT count(*) - count(DISTINCT report_id) FROM cases_casereport")[0][0]
    return orphans + links


# --- scenarios ---------------------------------------------------------------------------------------


def scenario_redis(stack: Stack) -> bool:
    load = Load()
    window = [0.0, 0.0]

    def outage():
        window[0] = time.monotonic()
        stack.redis_stop()
        log("redis stopped")
        time.sleep(10)
        stack.redis_start()
        window[1] = time.monotonic()
        log("redis started again")

    load.run(30, outage, at=6)
    ok = summary(stack, load, (window[0], window[1]), "redis outage (10 s)")
    kept = stack.sql("SELECT count(*) FROM core_deferredtask")[0][0]
    log(
        f"redis: tasks kept in PostgreSQL during the outage and not yet queued: {kept}; waiting for catch-up ..."
    )
    caught_up = wait_for(
        lambda: cases_missing(stack) == 0 and stack.sql("SELECT count(*) FROM core_deferredtask")[0][0] == 0,
        150,
    )
    log(
        f"redis: after catch-up: reports without a case {cases_missing(stack)}, kept tasks "
        f"{stack.sql('SELECT count(*) FROM core_deferredtask')[0][0]}, cases opened twice {cases_twice(stack)}"
    )
    return ok and caught_up and cases_twice(stack) == 0


def scenario_postgres(stack: Stack) -> bool:
    load = Load()
    window = [0.0, 0.0]

    def restart():
        window[0] = time.monotonic()
        stack.pg_stop()
        log("postgresql stopped")
        time.sleep(5)
        stack.pg_start()
        window[1] = time.monotonic()
        log("postgresql started again")

    load.run(25, restart, at=6)
    ok = summary(stack, load, (window[0], window[1]), "postgresql restart (5 s down)")
    after = [s for t, s, _ in load.records if t > window[1] + 2]
    recovered = bool(after) and all(s in (200, 201) for s in after)
    log(
        f"postgresql: answers sent 2 s after the restart: {dict(Counter(after))} (recovered by itself: {recovered})"
    )
    return ok and recovered


def scenario_worker(stack: Stack) -> bool:
    stack.stop("worker")
    before = stack.sql("SELECT count(*) FROM intake_report")[0][0]
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda _: submit(False), range(400)))
    accepted = sum(1 for s, _ in results if s in (200, 201))
    log(f"worker: {accepted} reports queued 400 case-opening tasks with no worker running; starting one ...")
    stack.worker()
    time.sleep(3)
    opened_before_kill = stack.sql("SELECT count(*) FROM cases_casereport")[0][0]
    stack.stop("worker", signal.SIGKILL)
    log(f"worker: killed (SIGKILL) mid-batch after {opened_before_kill} cases in total; restarting ...")
    stack.worker()
    done = wait_for(lambda: cases_missing(stack) == 0, 240)
    total = stack.sql("SELECT count(*) FROM intake_report")[0][0]
    log(
        f"worker: reports {total - before} new, without a case {cases_missing(stack)}, "
        f"opened twice {cases_twice(stack)} (completed: {done})"
    )
    return done and cases_twice(stack) == 0


def scenario_burst(stack: Stack) -> bool:
    """BURST submissions; every FAULTS_BURST_FILE_EVERY-th (default 10) carries an evidence file."""
    every = int(os.environ.get("FAULTS_BURST_FILE_EVERY", "10"))
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS * 2) as pool:
        results = list(pool.map(lambda i: (i % every == 0, *submit(i % every == 0)), range(BURST)))
    seconds = time.monotonic() - started
    statuses = Counter(s for _, s, _ in results)
    accepted = [ref for _, _, ref in results if ref]
    with_file = {ref for sent, _, ref in results if ref and sent}
    stored = dict(
        stack.sql(
            "SELECT r.reference, count(e.id) FROM intake_report r LEFT JOIN evidence_evidence e "
            "ON e.report_id = r.id WHERE r.reference = ANY(%s) GROUP BY r.reference",
            accepted,
        )
    )
    evidence_ok = sum(1 for ref in with_file if stored.get(ref, 0) == 1)
    bad_5xx = sum(n for s, n in statuses.items() if s >= 500)
    log(
        f"burst: {BURST} submissions in {seconds:.0f} s ({BURST / seconds:.1f}/s); statuses {dict(statuses)}; "
        f"5xx {bad_5xx}; accepted {len(accepted)}, stored {len(stored)}; sent with a file {len(with_file)}, "
        f"stored with that file {evidence_ok}"
    )
    return bad_5xx == 0 and len(stored) == len(accepted) and evidence_ok == len(with_file)


SCENARIOS = {
    "redis": scenario_redis,
    "postgres": scenario_postgres,
    "worker": scenario_worker,
    "burst": scenario_burst,
}


def main() -> int:
    chosen = sys.argv[1:] or list(SCENARIOS)
    stack = Stack()
    try:
        log(f"stack in {stack.dir}: PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}, gunicorn :{WEB_PORT}")
        stack.pg_init()
        stack.redis_start()
        log("migrate + seed_demo ...")
        stack.manage("migrate", "--noinput", "-v0")
        stack.manage("seed_demo", settings="config.settings.local")
        stack.gunicorn()
        stack.worker()
        stack.beat()
        results = {name: SCENARIOS[name](stack) for name in chosen}
    finally:
        stack.teardown()
    log("results: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
