"""Issue 13, the PostgreSQL side of the hostile run: concurrent first runs, passwords,
targets that are not PostgreSQL, and servers that never answer.

Every test runs ``cchc`` as a whole process against the real server of ``CCHC_TEST_PG_URL``
(tests/pg.py): a crash here is a traceback or a hang, which only a real process shows.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pg
import psycopg
import pytest
from psycopg import sql

from cchc.warehouse.urls import TargetError, redact, redact_text, target_kind

ROOT = Path(__file__).parent.parent
SEED = ROOT / "samples" / "seed_stp_2023_q1.txt"


def cchc(*argv: str | Path, cwd: Path, timeout: float = 120,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc", *map(str, argv)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, check=False,
                          env={**os.environ, **(env or {})})


def one_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / "stp.txt")
    return folder


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr


# -- 3: concurrent first runs on an empty database ------------------------------------------

@contextlib.contextmanager
def scratch_database(base: str) -> Iterator[str]:
    """A new empty database on the server (the URL of it), dropped afterwards."""
    name = f"cchc_scratch_{secrets.token_hex(5)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(base)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_four_concurrent_first_runs_on_an_empty_database_never_crash(tmp_path: Path) -> None:
    """The hostile run: 13 of 40 crashed with UniqueViolation on pg_type (CREATE TABLE IF NOT
    EXISTS racing).  Ten fresh databases, four runs started together on each."""
    base = pg.base_url()
    folder = one_report(tmp_path / "in")
    crashes: list[str] = []
    exits: list[int] = []
    for repetition in range(10):
        with scratch_database(base) as url:
            runs = [subprocess.Popen([sys.executable, "-m", "cchc", "batch", str(folder), "--db", url,
                                      "--workers", "1", "--log", str(tmp_path / f"{repetition}_{i}.csv")],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
                    for i in range(4)]
            for run in runs:
                out, err = run.communicate(timeout=180)
                exits.append(run.returncode)
                if run.returncode not in (0, 1) or "Traceback" in err + out:
                    crashes.append(err[-2000:])
            with psycopg.connect(url) as conn:  # the report is in exactly once
                assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (1,)
    assert not crashes, crashes[0]
    assert exits.count(0) == 40, exits


# -- 4: passwords ---------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "hidden"), [
    ("postgresql://u:s3cr%40t@db/kho", "s3cr%40t"),
    ("postgres://db/kho?user=u&password=s3cret&sslmode=require", "s3cret"),
    ("postgresql+psycopg://u:s3cret@db:5433/kho?application_name=x", "s3cret"),
    ("host=db port=5432 user=u password=s3cret dbname=kho", "s3cret"),
    ("host=db user=u password='s3 cret' dbname=kho", "s3 cret"),
])
def test_every_form_of_credentials_is_redacted(target: str, hidden: str) -> None:
    assert target_kind(target) == "postgresql"
    shown = redact(target)
    assert hidden not in shown and "***" in shown
    assert hidden not in redact_text(f"connection to {target} failed: bad password {hidden}", target)


@pytest.mark.parametrize("target", ["mysql://u:p@db/kho", "postgresq://u:p@db/kho", "sqlite:///x.db"])
def test_an_unknown_url_scheme_is_a_usage_error_not_a_duckdb_file(target: str, tmp_path: Path) -> None:
    with pytest.raises(TargetError):
        target_kind(target)
    done = cchc("batch", one_report(tmp_path / "in"), "--db", target, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "p@" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no DuckDB file made


def _query_url(base: str) -> str:
    """The test server's URL with user and password moved into the query string."""
    parts = urlsplit(base)
    query = f"user={parts.username}&password={parts.password}"
    netloc = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _conninfo(base: str, schema: str, password: str | None = None) -> str:
    parts = urlsplit(base)
    return (f"host={parts.hostname} port={parts.port or 5432} dbname={parts.path.lstrip('/')} "
            f"user={parts.username} password={password or parts.password} "
            f"options='-csearch_path={schema}'")


def test_no_password_in_the_summary_the_log_the_report_or_the_export(tmp_path: Path) -> None:
    base = pg.base_url()
    password = urlsplit(base).password
    with pg.fresh_schema(_query_url(base)) as url:
        assert f"password={password}" in url
        folder = one_report(tmp_path / "in")
        done = cchc("batch", folder, "--db", url, "-o", tmp_path / "out", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        report = cchc("report", "--db", url, "-o", tmp_path / "report.html", cwd=tmp_path)
        export = cchc("export", "--db", url, "--xlsx", tmp_path / "kho.xlsx", cwd=tmp_path)
        texts = {"batch stdout": done.stdout, "batch stderr": done.stderr,
                 "run log": (tmp_path / "out" / "run_log.csv").read_text(encoding="utf-8-sig"),
                 "report stderr": report.stderr, "export stderr": export.stderr,
                 "report": (tmp_path / "report.html").read_text(encoding="utf-8")}
        assert "password=***" in done.stdout and "password=***" in texts["report"]
        for where, text in texts.items():
            assert f"password={password}" not in text, where


def test_conninfo_and_the_sqlalchemy_scheme_reach_postgresql(tmp_path: Path) -> None:
    base = pg.base_url()
    with pg.fresh_schema(base) as url:
        schema = url.rsplit("%3D", 1)[1]
        done = cchc("batch", one_report(tmp_path / "a"), "--db", _conninfo(base, schema), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "password=***" in done.stdout
        alchemy = url.replace("postgresql://", "postgresql+psycopg://", 1)
        done = cchc("batch", tmp_path / "a", "--db", alchemy, "--log", tmp_path / "2.csv", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.csv", "a", "run_log.csv"]  # no DuckDB file


def test_a_wrong_password_is_one_line_without_the_password(tmp_path: Path) -> None:
    secret = "Wr0ng-" + secrets.token_hex(4)
    done = cchc("batch", one_report(tmp_path / "in"), "--db", _conninfo(pg.base_url(), "public", secret),
                cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1 and secret not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# -- 6: a server that never answers, a lock never released ----------------------------------

@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A socket on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def test_a_silent_server_ends_in_one_line_not_a_hang(tmp_path: Path) -> None:
    with silent_server() as port:
        started = time.monotonic()
        done = cchc("batch", one_report(tmp_path / "in"), "--db",
                    f"postgresql://u:s3cret@127.0.0.1:{port}/kho", "--pg-connect-timeout", "2",
                    cwd=tmp_path, timeout=60)
        seconds = time.monotonic() - started
    no_traceback(done)
    assert done.returncode == 1 and seconds < 30, (seconds, done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1 and "s3cret" not in done.stderr, done.stderr


@pytest.mark.parametrize(("options", "said"), [
    (["--pg-lock-timeout", "1", "--pg-statement-timeout", "0"], "lock timeout"),
    (["--pg-lock-timeout", "0", "--pg-statement-timeout", "1"], "statement timeout"),
])
def test_a_lock_held_elsewhere_ends_in_one_line(options: list[str], said: str, tmp_path: Path) -> None:
    with pg.fresh_schema(pg.base_url()) as url:
        folder = one_report(tmp_path / "in")
        assert cchc("batch", folder, "--db", url, "--log", tmp_path / "1.csv", cwd=tmp_path).returncode == 0
        (folder / "stp.txt").write_text(SEED.read_text(encoding="utf-8").replace("94,5%", "97,5%"),
                                         encoding="utf-8")
        with psycopg.connect(url) as holder:  # another session holds the tables, never commits
            holder.execute("LOCK TABLE documents, units IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            done = cchc("batch", folder, "--db", url, "--log", tmp_path / "2.csv", *options,
                        cwd=tmp_path, timeout=90)
            seconds = time.monotonic() - started
            holder.rollback()
    no_traceback(done)
    assert done.returncode == 1 and seconds < 45, (seconds, done.stderr)
    assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
