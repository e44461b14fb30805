"""The parent side of a batch: N worker processes, one task each, a time limit per file.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot stop one task.  A file that
hangs a reader would hold its worker for ever, and killing the executor's processes breaks
the whole pool and loses every other file in flight.  Here each worker has its own pipe,
the parent knows which file each one holds and since when, and a worker past the limit is
killed alone (SIGKILL), its file reported ``timeout`` and a fresh worker started in its
place; the others go on.  A worker that dies (a reader crashing the interpreter, the OOM
killer) is reported ``worker_crashed`` the same way.  A worker that hit its memory limit
reports its file ``memory_limit`` and leaves; it gets no more work and is replaced.

Workers are started with the ``spawn`` method: a fork would copy the parent's open DuckDB
connection and threads into the child.  A worker says it is ready once its imports and
settings are loaded, and only then gets a task, so start-up never counts against a file's
time limit.  The next task is sent *before* the result is handed to the caller, so workers
keep reading while the parent writes to the database.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from cchc.batch.worker import READY, SCAN_PAGES, Task, WorkerJob, WorkResult, worker_main
from cchc.errors import CchcError

#: Workers that die before saying ready, in a row, before the batch gives up.
MAX_STARTUP_FAILURES = 3
OCR_SECONDS_PER_PAGE = 25.0  # a scanned page's OCR (issue 10's bound), added to the time limit


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker is started, so the worker is born ignoring it.

    A spawned worker is a new interpreter that spends its first second importing; Ctrl-C
    reaches the whole process group, and a worker that has not yet run a line of ours
    would print a ``KeyboardInterrupt`` traceback (80 lines from a few workers).  An
    ignored signal stays ignored across ``exec``, and Python then installs no handler of
    its own: the worker ignores SIGINT from its first instruction.  The parent's handler
    is back as soon as the process is started (only the main thread may set handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class PoolError(CchcError):
    """Workers cannot be started at all (a broken installation, not a bad file)."""


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    retiring: bool = False  # sent its last result and is exiting: give it no more work
    task: Task | None = None
    started: float = field(default=0.0)
    allowance: float = 0.0  # seconds added to the time limit: the file is a scan (OCR)


class WorkerPool:
    """Run tasks on ``size`` spawned workers; use as a context manager so they are stopped."""

    def __init__(self, size: int, job: WorkerJob) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self.job = job
        self._context = multiprocessing.get_context("spawn")
        self._slots: list[_Slot] = []
        self._startup_failures = 0

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def run(self, tasks: Sequence[Task]) -> Iterator[WorkResult]:
        """Yield one result per task, in the order they finish."""
        pending = deque(tasks)
        while len(self._slots) < min(self.size, len(pending)):
            self._start()
        while pending or any(s.task is not None for s in self._slots):
            if not self._slots:
                self._start()
            waitables: list[Connection | int] = [s.conn for s in self._slots]
            waitables += [s.process.sentinel for s in self._slots]
            woke = set(wait(waitables, timeout=self._next_deadline()))
            for slot in list(self._slots):
                if slot.conn in woke or slot.process.sentinel in woke:
                    yield from self._service(slot, pending)
            yield from self._expire(pending)

    def close(self) -> None:
        """Ask every worker to stop, then kill the ones that do not."""
        for slot in self._slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        for slot in self._slots:
            slot.process.join(timeout=2)
            self._stop(slot)
        self._slots.clear()

    # -- internals ------------------------------------------------------------------------

    def _start(self) -> None:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=worker_main, args=(child_end, self.job),
                                         name="cchc-worker", daemon=True)
        with _sigint_ignored():
            process.start()
        child_end.close()  # so the parent sees EOF when the worker dies
        self._slots.append(_Slot(process, parent_end))

    def _stop(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(timeout=5)
        slot.conn.close()

    def _next_deadline(self) -> float | None:
        """Seconds until the first busy worker runs out of time (``None``: none is busy)."""
        ends = [s.started + self.job.timeout + s.allowance for s in self._slots if s.task is not None]
        if not ends:
            return None
        return max(0.0, min(ends) - time.monotonic())

    def _dispatch(self, slot: _Slot, pending: deque[Task]) -> None:
        if not (slot.ready and not slot.retiring and slot.task is None and pending):
            return
        task = pending.popleft()
        try:
            slot.conn.send(task)
        except OSError:  # the worker just died; its sentinel will tell, the task waits
            pending.appendleft(task)
            return
        slot.task, slot.started, slot.allowance = task, time.monotonic(), 0.0

    def _service(self, slot: _Slot, pending: deque[Task]) -> Iterator[WorkResult]:
        """Read what a worker sent; bury it when it has died."""
        try:
            while slot.conn.poll():
                message = slot.conn.recv()
                if isinstance(message, str) and message == READY:
                    slot.ready = True
                    self._startup_failures = 0
                    self._dispatch(slot, pending)
                elif isinstance(message, tuple) and message[:1] == (SCAN_PAGES,):
                    slot.allowance = OCR_SECONDS_PER_PAGE * message[1]
                elif isinstance(message, WorkResult):
                    slot.task = None
                    slot.retiring = message.retires_worker
                    self._dispatch(slot, pending)  # keep it busy before the caller loads
                    yield message
        except (EOFError, OSError):
            pass
        if not slot.process.is_alive():
            yield from self._replace(slot, pending, "worker_crashed",
                                     "tiến trình xử lý dừng đột ngột (worker crashed, exit code "
                                     f"{slot.process.exitcode})")

    def _expire(self, pending: deque[Task]) -> Iterator[WorkResult]:
        now = time.monotonic()
        for slot in list(self._slots):
            limit = self.job.timeout + slot.allowance
            if slot.task is not None and now - slot.started >= limit:
                yield from self._replace(slot, pending, "timeout",
                                         f"quá thời gian xử lý {limit:g} giây, đã dừng "
                                         "(timed out; the worker was stopped)")

    def _replace(self, slot: _Slot, pending: deque[Task], code: str,
                 message: str) -> Iterator[WorkResult]:
        """Kill a worker, report its file, and start another when work remains."""
        self._slots.remove(slot)
        self._stop(slot)
        if not slot.ready:
            self._startup_failures += 1
            if self._startup_failures >= MAX_STARTUP_FAILURES:
                raise PoolError("không khởi động được tiến trình xử lý (workers die on start-up; "
                                f"exit code {slot.process.exitcode})")
        if pending and len(self._slots) < self.size:
            self._start()
        if slot.task is not None:
            seconds = time.monotonic() - slot.started
            yield WorkResult(slot.task.index, slot.task.path, "failed", code=code,
                             message=message, seconds=seconds)
