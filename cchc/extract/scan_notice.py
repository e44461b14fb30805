"""Who is told that a file is a scan, and of how many pages, before its OCR starts.

A batch worker extends that file's time limit by its page count (cchc/batch/pool.py), so a
long scan is not cut off as a hang.  It lives apart from the OCR reader so that a worker can
set it at start-up without importing numpy, OpenCV or Tesseract (which a low --max-memory
would refuse before any scan is read).
"""

from __future__ import annotations

from collections.abc import Callable

listener: Callable[[int], None] | None = None


def notify_scan(pages: int) -> None:
    """Tell the listener, if any, that a scan of ``pages`` pages is about to be recognized."""
    if listener is not None:
        listener(pages)
