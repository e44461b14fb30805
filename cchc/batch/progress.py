"""A progress line on stderr: done / failed / skipped, files per second, time left.

On a terminal the line is redrawn in place (at most ten times a second); into a file or a
pipe (a scheduled job, CI) a plain line is written every ``interval`` seconds and once at
the end, so logs stay readable.  Thirty lines of our own instead of a dependency: the
batch needs one line, and messages printed above it.  ``quiet`` (``cchc batch -q``): no
progress line at all, only the messages (a failed file's line).

Example line: ``cchc: 37/120 tệp · xong 30 · lỗi 3 · bỏ qua 4 · 2,4 tệp/giây · còn khoảng 0:35``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from cchc.batch.runlog import Outcome
from cchc.vocabulary import clock, vn_decimal

_DONE = (Outcome.LOADED, Outcome.REPLACED, Outcome.UNCHANGED)


class Progress:
    """Counts outcomes and shows them; ``worked`` files (read by a worker) set the rate."""

    def __init__(self, total: int, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float = 10.0, now: Callable[[], float] = time.monotonic,
                 quiet: bool = False) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval if not self.tty else 0.1
        self._now = now
        self._started = now()
        self._last_shown = float("-inf")
        self._drawn = False
        self.counts: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
        self.worked = 0
        self._worked_since: float | None = None

    @property
    def seen(self) -> int:
        return sum(self.counts.values())

    def start_work(self) -> None:
        """Workers start now: the rate counts from here, not from the hashing before."""
        self._worked_since = self._now()

    def update(self, outcome: Outcome, *, worked: bool) -> None:
        self.counts[outcome] += 1
        self.worked += worked
        if self._now() - self._last_shown >= self.interval:
            self._show()

    def line(self) -> str:
        done = sum(self.counts[o] for o in _DONE)
        parts = [f"cchc: {self.seen}/{self.total} tệp", f"xong {done}",
                 f"lỗi {self.counts[Outcome.FAILED]}", f"bỏ qua {self.counts[Outcome.SKIPPED]}"]
        elapsed = self._now() - (self._worked_since or self._started)
        if self.worked and elapsed > 0:
            rate = self.worked / elapsed
            parts.append(f"{vn_decimal(rate)} tệp/giây")
            if self.seen < self.total:
                parts.append(f"còn khoảng {clock((self.total - self.seen) / rate)}")
        return " · ".join(parts)

    def note(self, text: str) -> None:
        """A message above the progress line (which is redrawn after it on a terminal)."""
        self._clear()
        print(text, file=self.stream, flush=True)
        if self.tty and self._drawn:
            self._show()

    def finish(self) -> None:
        """The final state, left on screen."""
        if self.quiet:
            return
        self._show()
        if self.tty:
            print(file=self.stream, flush=True)

    def _clear(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[2K")

    def _show(self) -> None:
        self._last_shown = self._now()
        if self.quiet:
            return
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.line())
            self.stream.flush()
            self._drawn = True
        else:
            print(self.line(), file=self.stream, flush=True)
