"""The database half of a backup: dump, restore and a digest of every table (issue 13).

PostgreSQL is dumped with the real `pg_dump --format=custom` and restored with `pg_restore`; the
embedded SQLite default is copied with SQLite's online backup API (a consistent copy while the site
runs). `table_digests` reads every table in primary-key order and hashes its rows, so a restore is
proven row for row, not only by counting.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 (pg_dump/pg_restore with fixed arguments, no shell)
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _binary(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def database_dump(*, alias: str = "default", target: Path, snapshot: str | None = None) -> str:
    """Write the database to `target`; returns the format ("pg_custom" or "sqlite"). `snapshot`: a
    PostgreSQL exported snapshot for pg_dump to read (the caller's transaction keeps it alive)."""
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        args, env = _pg_env(db)
        cmd = [_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
        if snapshot:
            cmd += ["--snapshot", snapshot]
        subprocess.run([*cmd, "--file", str(target), db["NAME"]], env=env, check=True)  # noqa: S603
        return "pg_custom"
    if vendor == "sqlite":
        source = sqlite3.connect(db["NAME"])
        try:
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return "sqlite"
    raise RuntimeError(f"backup does not know the {vendor} database")


def database_restore(*, alias: str = "default", source: Path, fmt: str) -> None:
    """Load a dump into the database of `alias` (objects it holds are replaced)."""
    db = connections[alias].settings_dict
    connections[alias].close()
    if fmt == "pg_custom":
        args, env = _pg_env(db)
        cmd = [_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        cmd += ["--exit-on-error", "--single-transaction", *args, "--dbname", db["NAME"], str(source)]
        subprocess.run(cmd, env=env, check=True)  # noqa: S603
        return
    if fmt == "sqlite":
        backup = sqlite3.connect(source)
        try:
            live = sqlite3.connect(db["NAME"])
            with live:
                backup.backup(live)
            live.close()
        finally:
            backup.close()
        return
    raise RuntimeError(f"unknown dump format {fmt!r}")


def table_digests(cursor, vendor: str) -> dict[str, TableDigest]:
    """Row count and a SHA-256 of the ordered content of every table, read through a DB-API cursor (so a
    test can read a database Django is not configured for)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    tables = [row[0] for row in cursor.fetchall()]
    digests = {}
    for table in tables:
        digests[table] = _digest(cursor, vendor, table)
    return digests


def _quote(vendor: str, name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _digest(cursor, vendor: str, table: str) -> TableDigest:
    quoted = _quote(vendor, table)
    cursor.execute(f"SELECT * FROM {quoted} WHERE 1 = 0")  # noqa: S608 (quoted identifier from the catalogue)
    width = len(cursor.description)
    order = ", ".join(str(i + 1) for i in range(width))
    if vendor == "postgresql":
        # Each row as PostgreSQL's own text form, sorted by it: stable across dump and restore, whatever
        # the column types (json columns have no ordering of their own).
        cursor.execute(f"SELECT t::text FROM {quoted} AS t ORDER BY 1")  # noqa: S608
    else:
        cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
    digest = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            digest.update(repr(tuple(row)).encode())
            digest.update(b"\n")
            rows += 1
    return TableDigest(rows=rows, sha256=digest.hexdigest())


def database_digests(alias: str = "default") -> dict[str, TableDigest]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return table_digests(cursor, connection.vendor)
