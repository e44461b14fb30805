"""The first module of a batch worker process: set the memory limit, then load the reader.

A worker is spawned, so it imports what it runs.  This module imports only the standard
library and the small message types below (:class:`WorkerJob` is unpickled before
:func:`worker_main` runs), sets the address-space limit, and only then imports the
readers (:mod:`cchc.batch.work`): the limit covers everything the worker loads, and nothing
of pandas, matplotlib or the database drivers is loaded at all.

:func:`worker_main` loads the settings once, says it is ready, then reads tasks from its
pipe and answers each with a :class:`WorkResult` until the parent sends ``None`` or goes away.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from cchc.read import Options
from cchc.record import ReportRecord

READY = "ready"
DEFAULT_MEMORY_LIMIT = 2048 << 20  # a worker reads reports in ~100 MB; 2 GB stops a runaway


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


def _exit_with_parent() -> None:
    """Leave when the parent dies (SIGKILL gives it no chance to stop us): a daemon thread."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cchc-parent-watch", daemon=True).start()


SCAN_PAGES = "scan_pages"  # (SCAN_PAGES, n): the file being read is a scan of n pages


def worker_main(conn: Connection, job: WorkerJob) -> None:
    """The loop of one worker process (the target of ``multiprocessing`` spawn).

    SIGINT is already ignored when the interpreter starts (the pool starts workers with it
    ignored); it is set again here for a worker started some other way.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if job.memory_limit is not None:  # first: the limit covers the readers' imports too
        resource.setrlimit(resource.RLIMIT_AS, (job.memory_limit, job.memory_limit))
    _exit_with_parent()
    from cchc.gc_policy import collect_in_batches

    collect_in_batches()
    from cchc.batch.work import run_task
    from cchc.read import load_settings

    settings = load_settings(job.options)
    from cchc.extract import scan_notice

    scan_notice.listener = lambda pages: conn.send((SCAN_PAGES, pages))  # more time for OCR
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
