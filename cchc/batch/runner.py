"""One batch run: triage by content hash, read in workers, load in the parent, log each file.

The order of work for each file is what makes a run safe to kill and start again:

1. *triage* (parent): hash the file; a hash already in the warehouse is ``unchanged`` and
   never parsed; a hash seen earlier in this run is a duplicate (``skipped``);
2. *read* (a worker): extract and normalize, under the per-file time limit;
3. *store* (parent): the JSON file (atomic), then the warehouse load — files are committed
   in groups (:data:`GROUP_FILES` files or :data:`GROUP_SECONDS` seconds, whichever comes
   first: a commit per file cost more than its inserts), one transaction per group, which
   also replaces earlier versions loaded from the same paths; a group that fails is loaded
   again file by file, so one bad record fails only itself;
4. *log*: the run-log lines, only after the commit.

A run killed at any point therefore leaves each file either committed whole or not at all
(an uncommitted group is simply read again), and the next run skips the committed ones by
their hash: nothing lost, nothing twice.

The shortcoming links (:mod:`cchc.warehouse.threads`) are derived data, recomputed once per
touched unit-and-year group when the files are done (:func:`relink_stale` finds the groups:
documents without links, links of documents replaced).  Relinking after every load would
recompute a group once per report of it; a run killed before the end leaves documents
without links, and the next run's first step relinks them.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from cchc.batch.discover import Candidate
from cchc.batch.hashing import HashTimeout, NotRegularFile, sha256_within
from cchc.batch.pool import WorkerPool
from cchc.batch.progress import Progress
from cchc.batch.runlog import FileResult, Outcome, RunLog
from cchc.batch.worker import DEFAULT_MEMORY_LIMIT, Task, WorkerJob, WorkResult
from cchc.errors import CchcError, printable
from cchc.output.files import record_stem, write_atomic
from cchc.output.tabular import record_to_json
from cchc.read import Options, load_settings
from cchc.record import ReportRecord
from cchc.warehouse.store import LoadAction, Warehouse, WarehouseError, connect
from cchc.warehouse.threads import relink_stale
from cchc.warehouse.urls import PgTimeouts, redact, redact_text

GROUP_FILES = 50
GROUP_SECONDS = 1.0
_ACTIONS = {LoadAction.INSERTED: Outcome.LOADED, LoadAction.REPLACED: Outcome.REPLACED,
            LoadAction.UNCHANGED: Outcome.UNCHANGED}
#: Skips that are not files of a unit (lock and system files): not kept in ``documents``.
_NOT_KEPT = frozenset({"office_lock_file", "hidden_file"})
_SKIP_MESSAGES = {
    "office_lock_file": "tệp khóa tạm của Word, không phải báo cáo (Word lock file)",
    "hidden_file": "tệp ẩn hoặc tệp phụ của hệ thống (hidden or system file)",
    "not_regular_file": "không phải tệp thông thường: FIFO, thiết bị hoặc socket, không đọc "
                        "(not a regular file: a FIFO, device or socket)",
    "symlink_outside_folder": "liên kết tượng trưng trỏ ra ngoài thư mục, không đọc "
                              "(a symbolic link to a file outside the folder)",
    "broken_symlink": "liên kết tượng trưng hỏng hoặc vòng lặp (a dangling or looping symbolic link)",
}


@dataclass(frozen=True)
class BatchConfig:
    target: str
    log_path: Path
    workers: int
    timeout: float
    options: Options = Options()
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT  # bytes per worker (RLIMIT_AS)
    output_dir: Path | None = None
    soffice: str | None = None
    debug: bool = False
    progress_stream: TextIO | None = None  # stderr when None
    quiet: bool = False  # no progress line (cchc batch -q); failed files' lines still shown
    pg_timeouts: PgTimeouts = PgTimeouts()


@dataclass
class BatchSummary:
    """Every file's result plus where the time went (the benchmark reads the timings)."""

    results: list[FileResult] = field(default_factory=list)
    elapsed: float = 0.0
    load_seconds: float = 0.0  # inside Warehouse.load
    link_seconds: float = 0.0  # relinking the touched groups at the end
    target: str = ""
    #: The warehouse after the run (:meth:`Warehouse.totals`): reports, not files.
    totals: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(r.outcome is outcome for r in self.results)

    def codes(self, outcome: Outcome) -> dict[str, int]:
        """Error or skip codes of one outcome, with how many files had each."""
        found: dict[str, int] = {}
        for r in self.results:
            if r.outcome is outcome and r.error_code:
                found[r.error_code] = found.get(r.error_code, 0) + 1
        return dict(sorted(found.items()))

    @property
    def findings(self) -> int:
        return sum(r.findings or 0 for r in self.results
                   if r.outcome in (Outcome.LOADED, Outcome.REPLACED))


class _Run:
    """The parent's side of one run: triage, store, log (one warehouse connection)."""

    def __init__(self, wh: Warehouse, config: BatchConfig, log: RunLog, progress: Progress,
                 candidates: Sequence[Candidate]) -> None:
        self.wh, self.config, self.log, self.progress = wh, config, log, progress
        self.summary = BatchSummary(target=wh.label)
        self.hashes: dict[int, str] = {}  # task index → the hash taken at triage
        self.pending: list[tuple[WorkResult, ReportRecord, float]] = []  # stored, not committed
        self.last_commit = time.perf_counter()
        self.run_id = log.run_id
        self.copies: list[tuple[str, str]] = []  # (sha256, path) of in-run duplicates

    def record(self, result: FileResult, *, worked: bool = False) -> None:
        result = _printable(result)  # one line each, valid UTF-8, whatever the file's name
        self._keep(result)
        self.log.write(result)
        self.summary.results.append(result)
        self.progress.update(result.outcome, worked=worked)
        if result.outcome is Outcome.FAILED:
            self.progress.note(f"cchc: {result.path}: {result.error_code}: {result.message}")

    def _keep(self, result: FileResult) -> None:
        """Files that gave no report are kept in ``documents`` too (failed, skipped,
        duplicate), so the warehouse and its HTML report know what to fix."""
        if result.outcome is Outcome.FAILED or (result.outcome is Outcome.SKIPPED
                                                 and result.error_code not in _NOT_KEPT):
            if result.error_code == "duplicate_content" and result.sha256:
                self.copies.append((result.sha256, result.path))
                return
            outcome = "failed" if result.outcome is Outcome.FAILED else "skipped"
            self.wh.note_file(source_path=result.path, sha256=result.sha256, outcome=outcome,
                              error_code=result.error_code, message=result.message,
                              run_id=self.run_id)
        elif result.outcome is Outcome.UNCHANGED and result.sha256:
            self.wh.note_copy(sha256=result.sha256, source_path=result.path, run_id=self.run_id)

    def triage(self, candidates: Sequence[Candidate]) -> list[Task]:
        """Decide, before any parsing, which files need a worker at all."""
        tasks: list[Task] = []
        first_of: dict[str, Path] = {}
        for index, candidate in enumerate(candidates):
            path = str(candidate.path)
            if candidate.skip is not None:
                self.record(FileResult(path, Outcome.SKIPPED, error_code=candidate.skip,
                                       message=_SKIP_MESSAGES.get(candidate.skip)))
                continue
            try:
                sha = sha256_within(candidate.path, self.config.timeout)
            except NotRegularFile:  # replaced by a FIFO or a device since the walk
                self.record(FileResult(path, Outcome.SKIPPED, error_code="not_regular_file",
                                       message=_SKIP_MESSAGES["not_regular_file"]))
                continue
            except HashTimeout as exc:
                self.record(FileResult(path, Outcome.FAILED, error_code="timeout", message=str(exc)))
                continue
            except OSError as exc:
                self.record(FileResult(path, Outcome.FAILED, error_code="file_error",
                                       message=f"không đọc được tệp đầu vào (input file unreadable: "
                                               f"{exc.strerror or exc})"))
                continue
            if sha in first_of:
                self.record(FileResult(path, Outcome.SKIPPED, sha, "duplicate_content",
                                       f"cùng nội dung với {printable(str(first_of[sha]))} (same "
                                       "content as another file of this batch)"))
            elif self.wh.has_document(sha):
                self.record(FileResult(path, Outcome.UNCHANGED, sha,
                                       message="đã có trong kho, không đọc lại (already loaded)"))
            else:
                tasks.append(Task(index, path))
                self.hashes[index] = sha
            first_of.setdefault(sha, candidate.path)
        return tasks

    def finish(self, result: WorkResult) -> None:
        """A worker's result → stored (committed with its group) and logged."""
        if result.record is not None:
            failed = self._write_json(result, result.record)
            if failed is not None:
                self.record(failed, worked=True)
            else:
                self.pending.append((result, result.record, time.perf_counter()))
            if len(self.pending) >= GROUP_FILES or \
                    time.perf_counter() - self.last_commit >= GROUP_SECONDS:
                self.commit()
            return
        outcome = Outcome.SKIPPED if result.status == "skipped" else Outcome.FAILED
        self.record(FileResult(result.path, outcome, self.hashes.get(result.index), result.code,
                               result.message, seconds=result.seconds), worked=True)
        if self.config.debug and result.detail:
            self.progress.note(result.detail.rstrip())

    def _write_json(self, result: WorkResult, record: ReportRecord) -> FileResult | None:
        """The record's JSON file first (atomic); a failure here fails this file only."""
        if self.config.output_dir is None:
            return None
        target = self.config.output_dir / f"{record_stem(result.path, record.source.sha256)}.json"
        try:
            write_atomic(target, record_to_json(record))
        except OSError as exc:  # write_atomic names the file in every error
            return FileResult(result.path, Outcome.FAILED, record.source.sha256, "write_failed",
                              f"không ghi được tệp kết quả (output write failed): {exc}",
                              len(record.findings), result.seconds)
        return None

    def commit(self) -> None:
        """Load the pending files in one transaction, then log them (never before the commit)."""
        if not self.pending:
            return
        group, self.pending = self.pending, []
        before_load = time.perf_counter()
        try:
            loaded = self.wh.load_many([(record, printable(result.path)) for result, record, _ in group],
                                       run_id=self.run_id)
            results = [self._loaded(result, record, stored, action.action)
                       for (result, record, stored), action in zip(group, loaded, strict=True)]
        except Exception:  # find the bad file: the others of the group still load
            results = [self._load_one(result, record, stored) for result, record, stored in group]
        finally:
            self.summary.load_seconds += time.perf_counter() - before_load
            self.last_commit = time.perf_counter()
        for file_result in results:
            self.record(file_result, worked=True)

    def _load_one(self, result: WorkResult, record: ReportRecord, stored: float) -> FileResult:
        try:
            loaded = self.wh.load(record, source_path=printable(result.path), run_id=self.run_id)
        except Exception as exc:  # a refused row or a record defect: this file only, go on
            message = str(exc) if isinstance(exc, CchcError) else f"{type(exc).__name__}: {exc}"
            return FileResult(result.path, Outcome.FAILED, record.source.sha256, "load_failed",
                              message, len(record.findings), result.seconds)
        return self._loaded(result, record, stored, loaded.action)

    @staticmethod
    def _loaded(result: WorkResult, record: ReportRecord, stored: float,
                action: LoadAction) -> FileResult:
        return FileResult(result.path, _ACTIONS[action], record.source.sha256, None, None,
                          len(record.findings), result.seconds + time.perf_counter() - stored)

    def relink(self) -> None:
        """Links for the groups this run touched; a failure only delays them to the next run."""
        started = time.perf_counter()
        for sha, path in self.copies:  # the first copy is committed by now (or failed)
            self.wh.note_copy(sha256=sha, source_path=path, run_id=self.run_id)
        try:
            relink_stale(self.wh)
        except Exception as exc:  # every report is committed already: warn, do not fail them
            self.progress.note(f"cchc: chưa cập nhật được liên kết tồn tại qua các kỳ, lần chạy "
                               f"sau sẽ làm lại (links left for the next run): {exc}")
        self.summary.link_seconds += time.perf_counter() - started


def _prepare(wh: Warehouse, options: Options) -> None:
    """Tables, reference data, and links left behind by an interrupted run."""
    settings = load_settings(options)
    wh.ensure_schema()
    wh.load_reference(settings.registry, settings.catalog)
    relink_stale(wh)


def _scratch_path() -> Path:
    """A folder name of this run's own for ``.doc`` conversions, created only when one is
    needed (by the worker): a run killed with SIGKILL cannot clean up after itself, so a run
    without legacy files must leave nothing behind."""
    return Path(tempfile.gettempdir()) / f"cchc-batch-{os.getpid()}-{secrets.token_hex(4)}"


def _printable(result: FileResult) -> FileResult:
    """The result with its path and message as they may be printed and logged."""
    message = None if result.message is None else printable(result.message)
    return dataclasses.replace(result, path=printable(result.path), message=message)


def _driver_error(exc: BaseException) -> bool:
    """An error of the database driver itself (a lost connection, a statement or lock
    timeout), which the warehouse lets through outside its loads."""
    return type(exc).__module__.split(".")[0] in ("psycopg", "duckdb", "_duckdb")


def execute(config: BatchConfig, candidates: Sequence[Candidate]) -> BatchSummary:
    """Run the batch over ``candidates``; raises only for the warehouse or the pool (a driver
    error becomes a :class:`WarehouseError` of one line, its credentials redacted)."""
    try:
        return _execute(config, candidates)
    except Exception as exc:
        if not _driver_error(exc):
            raise
        message = redact_text(" ".join(str(exc).split()), config.target)
        raise WarehouseError(f"lỗi kho dữ liệu {redact(config.target)} (warehouse error: "
                             f"{type(exc).__name__}): {message}") from None


def _execute(config: BatchConfig, candidates: Sequence[Candidate]) -> BatchSummary:
    started = time.perf_counter()
    with connect(config.target, pg_timeouts=config.pg_timeouts) as wh, RunLog(config.log_path) as log:
        _prepare(wh, config.options)
        progress = Progress(len(candidates), config.progress_stream, quiet=config.quiet)
        run = _Run(wh, config, log, progress, candidates)
        tasks = run.triage(candidates)
        if tasks:
            scratch = _scratch_path()
            job = WorkerJob(config.options, config.soffice, scratch, config.timeout,
                            config.memory_limit)
            try:
                with WorkerPool(min(config.workers, len(tasks)), job) as pool:
                    progress.start_work()
                    for result in pool.run(tasks):
                        run.finish(result)
                    run.commit()
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        run.relink()
        run.summary.totals = wh.totals()
        progress.finish()
    run.summary.elapsed = time.perf_counter() - started
    return run.summary
