"""The garbage collector's policy in cchc's own processes: the command line and batch workers.

Start-up leaves some 100,000 long-lived objects (modules, classes, compiled patterns, the
unit and criteria tables), and reading a PDF allocates tens of thousands of short-lived
ones (glyphs, cells).  With CPython's default thresholds (700, 10, 10) the collector runs
every 700 allocations and, every hundred runs, walks all the long-lived objects again: 4 %
of a short ``cchc extract`` and 4 % of a worker's time (measured: 64 collections, 14 ms of
a 3-page PDF's process; 192 ms over 40 reports read in one worker).  Young objects are
collected in batches of 50,000 instead: reference cycles are still freed, a few MB later.

Only :func:`cchc.cli.main.main` and :func:`cchc.batch.worker.worker_main` call this: a
program that imports cchc as a library keeps its own collector settings.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def collect_in_batches() -> None:
    """Collect the young generation every :data:`YOUNG_GENERATION_THRESHOLD` allocations."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
