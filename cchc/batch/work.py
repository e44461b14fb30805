"""What a batch worker does with one file: one file in, one picklable result out, never an exception.

The worker process starts in :mod:`cchc.batch.worker` (memory limit first, then this
module).  Workers only extract and normalize; the parent alone writes to the warehouse
(DuckDB allows one writer) and the run log.

Bad input (:class:`DocumentError`) and our own defects (any other exception) both become
a ``failed`` result with a stable code, so a worker survives every file it can survive;
the ones it cannot (a hang, a crash) the parent handles by killing and replacing it.
"""

from __future__ import annotations

import dataclasses
import errno
import time
import traceback
from pathlib import Path

from cchc.batch.worker import Task, WorkerJob, WorkResult
from cchc.errors import DocumentError
from cchc.normalize.records import Settings
from cchc.read import process_file
from cchc.record import ReportRecord

#: Codes that mean "not read, by choice or for want of a tool" rather than "bad file".
SKIP_CODES = frozenset({"soffice_missing"})


def read_report(path: Path, settings: Settings, job: WorkerJob) -> ReportRecord:
    """The record of one file.  A Word 97 file goes through LibreOffice (in the extract layer)
    within 80% of the file's time limit, so the parent never kills a worker whose LibreOffice
    is still running (that LibreOffice would be left behind)."""
    limits = job.options.limits.overriding(max_conversion_seconds=job.timeout * 0.8)
    return process_file(path, settings, dataclasses.replace(job.options, limits=limits))


def _over_memory(job: WorkerJob) -> str:
    limit_mb = (job.memory_limit or 0) // (1 << 20)
    return (f"đọc tệp này cần quá nhiều bộ nhớ, vượt giới hạn {limit_mb} MB "
            "(over the worker memory limit, see --max-memory)")


def _out_of_memory(exc: ImportError | OSError, job: WorkerJob) -> bool:
    """An import or a shared library that failed to load for want of memory under the
    worker's limit: a MemoryError behind it, ``ENOMEM``, or the dynamic loader's "cannot
    allocate memory" / "failed to map segment"."""
    if job.memory_limit is None:
        return False
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, MemoryError):
            return True
        chain = chain.__cause__ or chain.__context__
    text = str(exc).lower()
    return any(sign in text for sign in ("cannot allocate memory", "failed to map segment",
                                         "out of memory", "memoryerror"))


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
        status, code, message, detail = "failed", "memory_limit", _over_memory(job), None
    except OSError as exc:  # vanished, unreadable, permission denied: the file, not our bug
        if _out_of_memory(exc, job):  # a reader's library (ctypes) loaded with no room left
            status, code, message, detail = "failed", "memory_limit", _over_memory(job), None
        else:
            status, code, message, detail = ("failed", "file_error", "không đọc được tệp đầu vào "
                                             f"(input file unreadable: {exc.strerror or exc})", None)
    except Exception as exc:
        if isinstance(exc, ImportError) and _out_of_memory(exc, job):
            # a reader imported after the limit was set, and its import found no room
            status, code, message, detail = "failed", "memory_limit", _over_memory(job), None
        else:  # our defect: say so, keep the traceback for --debug
            status, code, detail = "failed", "internal_error", traceback.format_exc()
            message = f"lỗi nội bộ (internal error) {type(exc).__name__}: {exc}"
    return WorkResult(task.index, task.path, status, code=code, message=message,
                      seconds=time.perf_counter() - started, detail=detail)
