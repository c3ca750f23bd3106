"""Intake benchmark: accepted reports/s, p50/p99 latency and the count found in the database, against a
minimal Django view measured in the same run. Run through `bash bench/intake/run` (which provisions
PostgreSQL, Redis and the venv); this file does the measuring.

Target (issue 3, 2-core machine): >= 150 reports/s sustained with p99 < 300 ms and zero lost.
"""

import argparse
import asyncio
import base64
import datetime as dt
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
DB_ADMIN = os.environ.get("BENCH_DB_ADMIN_URL", "postgresql://netra:netra@127.0.0.1:5432/postgres")
DB_NAME = "netra_bench"


# --- load generator (asyncio, HTTP/1.1 keep-alive, no dependencies) ------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
    }
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    keep = headers.get("connection", "").lower() != "close"
    return status, keep


async def _worker(host, port, make_request, stop_at, latencies, statuses):
    reader = writer = None
    while time.perf_counter() < stop_at:
        if writer is None:
            reader, writer = await asyncio.open_connection(host, port)
        request = make_request()
        started = time.perf_counter()
        try:
            writer.write(request)
            status, keep = await _read_response(reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            reader = writer = None
            statuses["conn_error"] = statuses.get("conn_error", 0) + 1
            continue
        latencies.append(time.perf_counter() - started)
        statuses[status] = statuses.get(status, 0) + 1
        if not keep:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def run_load(host, port, make_request, *, seconds: float, connections: int) -> dict:
    latencies: list[float] = []
    statuses: dict = {}

    async def main():
        stop_at = time.perf_counter() + seconds
        await asyncio.gather(
            *(_worker(host, port, make_request, stop_at, latencies, statuses) for _ in range(connections))
        )

    started = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else float("nan")
        )

    return {
        "elapsed": elapsed,
        "requests": len(latencies),
        "statuses": statuses,
        "rps": len(latencies) / elapsed,
        "p50": pct(0.50),
        "p99": pct(0.99),
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
    }


# Each request on its own connection by default: public submissions come from many phones, one report
# each, not from a dozen long-lived connections. With keep-alive a gunicorn worker keeps the connections
# it accepted, so 12 persistent connections could land unevenly on 4 workers (say 6/3/2/1): one worker
# then serialised half the load while CPU sat idle, which made the runs bimodal (~110 vs ~200 reports/s
# with 27 % vs 15 % idle CPU). BENCH_KEEPALIVE=1 measures the persistent-connection case.
KEEPALIVE = os.environ.get("BENCH_KEEPALIVE", "0") == "1"


def _http(method: str, path: str, body: bytes = b"", content_type: str = "application/json") -> bytes:
    connection = "keep-alive" if KEEPALIVE else "close"
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: {connection}\r\n"
    if body:
        head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


_PLACES = ["64.71.01", "64.71.02", "64.71.05", "33.03.01", "62.02.01"]


def report_request() -> bytes:
    today = dt.datetime.now(tz=dt.UTC).date()
    n = random.randrange(10**9)
    payload = {
        "description": f"ASN nomor {n} membagikan unggahan kampanye pasangan calon di media sosial dan grup WhatsApp kantor.",
        "incident_region_code": random.choice(_PLACES),
        "incident_place": "Kantor kelurahan",
        "incident_date": (today - dt.timedelta(days=2)).isoformat(),
        "known_date": (today - dt.timedelta(days=1)).isoformat(),
        "reported_persons": [{"name": f"Pegawai {n}", "agency_name": "Pemerintah Kota"}],
        "reporter": {
            "name": f"Pelapor {n}",
            "nik": f"6471{n:012d}"[:16],
            "address": "Jl. Jenderal Sudirman",
            "phone": f"0812{n:08d}"[:12],
            "email": f"pelapor{n}@contoh.id",
        },
        "links": [f"https://www.facebook.com/posts/{n}"],
        "statement_of_truth": True,
    }
    return _http("POST", "/api/v1/reports", json.dumps(payload).encode())


def ping_request() -> bytes:
    return _http("GET", "/ping")


# --- environment -------------------------------------------------------------------------------------


def bench_env(media: str) -> dict:
    public = base64.b64encode(secrets.token_bytes(32)).decode()  # a public key only: the intake tier
    passthrough = (
        "NETRA_RECEIPT_ARGON2_TIME",
        "NETRA_RECEIPT_ARGON2_MEMORY_KIB",
        "DJANGO_DB_SERVER_SIDE_BINDING",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NETRA_")) or k in passthrough}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        NETRA_AUDIT_CHAIN_KEY=secrets.token_urlsafe(32),
        NETRA_IDENTITY_PUBLIC_KEY=public,
        NETRA_BLIND_INDEX_KEY=secrets.token_urlsafe(32),
        NETRA_RECEIPT_SALT=secrets.token_urlsafe(16),
        DATABASE_URL=DB_ADMIN.rsplit("/", 1)[0] + "/" + DB_NAME,
        REDIS_URL="redis://127.0.0.1:6379/14",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="False",
        DJANGO_CONN_MAX_AGE="60",
        NETRA_MEDIA_ROOT=media,
        NETRA_INTAKE_RATE_PER_HOUR=str(10**9),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def reset_database() -> None:
    with psycopg.connect(DB_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def settle_database(env: dict) -> None:
    """Measure steady state, not the aftermath of `migrate`: analyse the fresh tables and flush the
    migration's writes now (a checkpoint during the load phase doubles commit latency)."""
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")


def count_reports(env: dict) -> int:
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        return conn.execute("SELECT count(*) FROM intake_report").fetchone()[0]


def wait_up(port: int, proc: subprocess.Popen) -> None:
    import urllib.request

    for _ in range(200):
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 30)))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 12)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 4)))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", 1)))
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="netra-bench-media-")
    env = bench_env(media)
    print(f"Preparing database {DB_NAME} (migrate + demo offices) ...", flush=True)
    reset_database()
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    subprocess.run(
        [PY, "manage.py", "seed_demo"], cwd=ROOT, env=seed_env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=False, stdout=subprocess.DEVNULL)
    settle_database(env)
    before = count_reports(env)

    gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
    cmd = [
        gunicorn,
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        os.environ.get("BENCH_WORKER_CLASS", "sync"),
        "--threads",
        str(args.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603
    try:
        wait_up(args.port, proc)
        print(
            f"gunicorn: {args.workers} {os.environ.get('BENCH_WORKER_CLASS', 'sync')} workers x {args.threads} "
            f"threads (as deployed, docs/operations.md); load: {args.connections} concurrent "
            f"clients ({'keep-alive' if KEEPALIVE else 'a new connection per request'}), "
            f"{args.seconds:.0f} s per phase; {os.cpu_count()} CPUs\n",
            flush=True,
        )
        run_load("127.0.0.1", args.port, ping_request, seconds=3, connections=args.connections)  # warm-up
        base = run_load(
            "127.0.0.1", args.port, ping_request, seconds=args.seconds, connections=args.connections
        )
        run_load("127.0.0.1", args.port, report_request, seconds=3, connections=args.connections)  # warm-up
        warm = count_reports(env) - before
        intake = run_load(
            "127.0.0.1", args.port, report_request, seconds=args.seconds, connections=args.connections
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    found = count_reports(env) - before - warm
    accepted = intake["statuses"].get(201, 0)
    shutil.rmtree(media, ignore_errors=True)

    def line(name, r, ok_status):
        ok = r["statuses"].get(ok_status, 0)
        other = {k: v for k, v in r["statuses"].items() if k != ok_status}
        return (
            f"{name:28} {ok / r['elapsed']:9.1f}/s  p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  "
            f"ok {ok:6d}  other {other or 0}"
        )

    print(line("baseline GET /ping", base, 200))
    print(line("POST /api/v1/reports", intake, 201))
    rate = accepted / intake["elapsed"]
    print(
        f"\nratio to baseline: throughput {rate / (base['rps'] or 1):.3f}x, p99 {intake['p99'] / base['p99']:.1f}x"
    )
    print(f"accepted {accepted}, found in database {found}, lost {accepted - found}")
    verdict = rate >= 150 and intake["p99"] < 300 and found == accepted
    print(f"target (>= 150 reports/s, p99 < 300 ms, zero lost): {'MET' if verdict else 'NOT MET'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
