"""The worker side of a batch: one file in, one picklable result out, never an exception.

A worker process runs :func:`worker_main`: it loads the settings once, says it is ready,
then reads tasks from its pipe and answers each with a :class:`WorkResult` until the
parent sends ``None`` or goes away.  Workers only extract and normalize; the parent alone
writes to the warehouse (DuckDB allows one writer) and the run log.

Bad input (:class:`DocumentError`) and our own defects (any other exception) both become
a ``failed`` result with a stable code, so a worker survives every file it can survive;
the ones it cannot (a hang, a crash) the parent handles by killing and replacing it.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from cchc.errors import DocumentError, UnsupportedFormat
from cchc.normalize.records import Settings
from cchc.pipeline.legacy import convert_to_docx, soffice_missing
from cchc.pipeline.process import Options, file_sha256, load_settings, process_file
from cchc.record import ReportRecord

#: Codes that mean "not read, by choice or for want of a tool" rather than "bad file".
SKIP_CODES = frozenset({"soffice_missing"})
READY = "ready"


@dataclass(frozen=True)
class WorkerJob:
    """What every worker needs to know, sent once when it starts."""

    options: Options
    soffice: str | None
    scratch: Path  # the run's own folder for .doc conversions (made when first needed)
    timeout: float
    memory_limit: int | None = None  # bytes of address space a worker may use; None: no limit


@dataclass(frozen=True)
class Task:
    index: int
    path: str


@dataclass(frozen=True)
class WorkResult:
    """One file's outcome from a worker: a record, or why there is none.

    ``status`` is ``ok``, ``failed`` or ``skipped``; ``detail`` holds a traceback for
    internal errors only.
    """

    index: int
    path: str
    status: str
    record: ReportRecord | None = None
    code: str | None = None
    message: str | None = None
    seconds: float = 0.0
    detail: str | None = None

    @property
    def retires_worker(self) -> bool:
        """After a MemoryError the worker's heap stays bloated: it leaves, a fresh one starts."""
        return self.code == "memory_limit"


def _read_legacy(path: Path, settings: Settings, job: WorkerJob) -> ReportRecord:
    """A ``.doc`` through LibreOffice; the record keeps the submitted file's name and hash."""
    if job.soffice is None:
        raise soffice_missing(path)
    workdir = job.scratch / f"worker-{os.getpid()}"
    try:
        converted = convert_to_docx(path, job.soffice, workdir, timeout=job.timeout * 0.8)
        record = process_file(converted, settings, job.options)
    finally:
        shutil.rmtree(workdir / "out", ignore_errors=True)
    source = dataclasses.replace(record.source, file=path.name, sha256=file_sha256(path))
    return dataclasses.replace(record, source=source)


def read_report(path: Path, settings: Settings, job: WorkerJob) -> ReportRecord:
    """The record of one file; legacy Word files (sniffed from the bytes) are converted first."""
    try:
        return process_file(path, settings, job.options)
    except UnsupportedFormat as exc:
        if exc.code != "legacy_doc":
            raise
    return _read_legacy(path, settings, job)


def run_task(task: Task, settings: Settings, job: WorkerJob) -> WorkResult:
    """One file, every failure turned into a result."""
    started = time.perf_counter()
    try:
        record = read_report(Path(task.path), settings, job)
        return WorkResult(task.index, task.path, "ok", record=record,
                          seconds=time.perf_counter() - started)
    except DocumentError as exc:
        status, code, message, detail = ("skipped" if exc.code in SKIP_CODES else "failed",
                                          exc.code, exc.message, None)
    except MemoryError:  # the worker's address-space limit: this file is too costly to read
        status, code, detail = "failed", "memory_limit", None
        limit_mb = (job.memory_limit or 0) // (1 << 20)
        message = (f"đọc tệp này cần quá nhiều bộ nhớ, vượt giới hạn {limit_mb} MB "
                   f"(over the worker memory limit; --max-memory)")
    except OSError as exc:  # vanished, unreadable, permission denied: the file, not our bug
        status, code, message, detail = ("failed", "file_error",
                                         f"không đọc được tệp ({exc.strerror or exc})", None)
    except Exception as exc:  # our defect: say so, keep the traceback for --debug
        status, code, detail = "failed", "internal_error", traceback.format_exc()
        message = f"lỗi nội bộ (internal error) {type(exc).__name__}: {exc}"
    return WorkResult(task.index, task.path, status, code=code, message=message,
                      seconds=time.perf_counter() - started, detail=detail)


def _exit_with_parent() -> None:
    """Leave when the parent dies (SIGKILL gives it no chance to stop us): a daemon thread."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cchc-parent-watch", daemon=True).start()


def worker_main(conn: Connection, job: WorkerJob) -> None:
    """The loop of one worker process (the target of ``multiprocessing`` spawn)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    settings = load_settings(job.options)
    if job.memory_limit is not None:  # after the imports: the limit is for reading files
        resource.setrlimit(resource.RLIMIT_AS, (job.memory_limit, job.memory_limit))
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        result = run_task(task, settings, job)
        conn.send(result)
        if result.retires_worker:
            return
