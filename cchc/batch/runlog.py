"""The run log: one CSV line per file of a batch, written as each file is done.

Every run is appended, its lines marked with the run's id (:func:`new_run_id`), so the log
keeps the history of what failed when, not only the last run. Why a line at a time,
flushed: the log is how an analyst (or a test) sees a long run advance and, after a crash,
which files were finished. A file's line is written only after its rows are committed, so
a line never claims more than the warehouse holds (the reverse can happen — committed,
then killed before the line — and the next run logs that file ``unchanged``).

UTF-8 with a BOM, for Excel; every cell is defused like every CSV cell cchc writes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TextIO

from cchc.output.tabular import defuse_csv

COLUMNS = ("run_id", "path", "sha256", "outcome", "error_code", "message", "findings", "seconds")


def new_run_id() -> str:
    """A run's id: its UTC start time and a random suffix, sortable (``20261127T101500Z-3f9a``)."""
    import datetime as dt
    import secrets

    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


class Outcome(str, Enum):
    LOADED = "loaded"  # new in the warehouse
    REPLACED = "replaced"  # a new version of a file loaded before from the same path
    UNCHANGED = "unchanged"  # already in the warehouse (same content hash): not read again
    SKIPPED = "skipped"  # not read on purpose (lock file, duplicate, no LibreOffice)
    FAILED = "failed"  # could not be read or loaded: see error_code


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; ``findings`` is known only for files read this run."""

    path: str
    outcome: Outcome
    sha256: str | None = None
    error_code: str | None = None
    message: str | None = None
    findings: int | None = None
    seconds: float = 0.0

    def row(self, run_id: str = "") -> list[str]:
        """The CSV cells, in :data:`COLUMNS` order, each through the record CSV's formula guard
        (a file named ``a;=2+5+cmd|' -C calc'!A0;b.txt`` is a path, not a formula)."""
        cells = [run_id, self.path, self.sha256 or "", self.outcome.value, self.error_code or "",
                 self.message or "", "" if self.findings is None else str(self.findings),
                 f"{self.seconds:.3f}"]
        return [defuse_csv(cell) for cell in cells]


class RunLog:
    """The CSV file, open for the run; ``write`` adds one line and flushes it."""

    def __init__(self, path: Path, run_id: str | None = None) -> None:
        """Append to the log (every run is kept, each line with its run's id); a log written
        with other columns (an older cchc) is moved aside to ``<name>.old.csv`` first."""
        self.path = path
        self.run_id = run_id or new_run_id()
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists() or path.stat().st_size == 0
        if not fresh and _header(path) != list(COLUMNS):
            path.replace(path.with_suffix(".old.csv"))
            fresh = True
        self._file: TextIO = open(path, "a", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\r\n")
        if fresh:
            self._file.write("\ufeff")  # the BOM Excel needs, once at the top of the file
            self._writer.writerow(COLUMNS)
        self._file.flush()

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def write(self, result: FileResult) -> None:
        self._writer.writerow(result.row(self.run_id))
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f), [])


def read_run_log(path: Path) -> list[dict[str, str]]:
    """The lines of a run log as dicts (for tests and scripts)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
