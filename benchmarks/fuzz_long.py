"""The long fuzz run, by hand: mutated samples through the readers and normalizers for N minutes.

Same targets as the short run in the test suite (``tests/fuzz/fuzz_targets.py``), but drawn
from a seeded random generator for as long as asked.  Prints how many inputs each target
tried and every failure: an exception other than cchc's own (:class:`CchcError`), an input
that ran longer than ``--timeout`` seconds, or one that hit the ``--memory-mb`` ceiling.  Each
failure's input is saved under ``--out`` (with its traceback beside it) so it can be replayed::

    .venv/bin/python benchmarks/fuzz_long.py --minutes 10
    .venv/bin/python benchmarks/fuzz_long.py --replay fuzz_failures/docx-1a2b3c4d5e6f.docx

Exit status: 0 no failure, 1 failures found, 2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from fuzz_targets import (  # noqa: E402
    DOCX_SEEDS,
    PDF_SEEDS,
    TXT_SEEDS,
    Escape,
    Op,
    mutate_docx,
    mutate_pdf,
    mutate_text,
    run_file,
    run_normalizers,
    seed_bytes,
    seed_strings,
)

SUFFIX = {"docx": ".docx", "pdf": ".pdf", "txt": ".txt", "normalizers": ".txt"}
WEIGHTS = {"docx": 4, "pdf": 2, "txt": 2, "normalizers": 3}


class Timeout(BaseException):
    """One input ran past ``--timeout``: a hang, as far as a batch is concerned.

    A ``BaseException``, so no ``except Exception`` on the way (the PDF reader has one
    around pdfminer) can turn a hang into an ordinary ``damaged_pdf``.
    """


def random_ops(rng: random.Random, most: int = 6) -> list[Op]:
    return [(rng.randrange(1000), rng.randrange(2**31), rng.randbytes(rng.randrange(7)))
            for _ in range(rng.randint(1, most))]


def random_string(rng: random.Random) -> str:
    """A real cell text with random Unicode (and Vietnamese-heavy) pieces spliced in."""
    base = rng.choice(seed_strings())
    pieces = [rng.choice("0123456789./-;:() \t\nđĐươáàảãạệếềểễ\u0301\u00a0") if rng.random() < 0.7
              else chr(rng.randrange(0x110000)) for _ in range(rng.randrange(20))]
    at = rng.randrange(len(base) + 1)
    return base[:at] + "".join(pieces) + base[at:]


def one_input(target: str, rng: random.Random) -> Callable[[], object]:
    """A thunk that runs one fresh random input of ``target``."""
    if target == "docx":
        data = mutate_docx(seed_bytes(rng.choice(DOCX_SEEDS)), rng.randrange(1000), random_ops(rng),
                           random_ops(rng, 1) if rng.random() < 0.1 else [])
        return lambda: run_file(data, ".docx", "docx")
    if target == "pdf":
        data = mutate_pdf(seed_bytes(rng.choice(PDF_SEEDS)), rng.randrange(100), random_ops(rng),
                          random_ops(rng, 1) if rng.random() < 0.3 else [])
        return lambda: run_file(data, ".pdf", "pdf")
    if target == "txt":
        data = mutate_text(seed_bytes(rng.choice(TXT_SEEDS)), random_ops(rng), rng.randrange(4))
        return lambda: run_file(data, ".txt", "txt")
    text = random_string(rng)
    return lambda: run_normalizers(text)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Failures:
    """Distinct failures (by exception type and innermost frame), each input saved once."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.seen: dict[str, int] = {}

    def record(self, target: str, data: bytes, error: BaseException) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        key = f"{target} {type(error).__name__} {where}"
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] > 1:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        name = f"{target}-{hashlib.sha1(data).hexdigest()[:12]}{SUFFIX[target]}"
        (self.out / name).write_bytes(data)
        trace = "".join(traceback.format_exception(error))
        (self.out / f"{name}.traceback.txt").write_text(trace, encoding="utf-8")
        print(f"FAILURE {key}\n  input saved: {self.out / name}", flush=True)


def run(minutes: float, seed: int, timeout: int, out: Path) -> int:
    rng = random.Random(seed)
    targets = [t for t, w in WEIGHTS.items() for _ in range(w)]
    tried: Counter[str] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    failures = Failures(out)
    start = time.monotonic()
    deadline = start + minutes * 60
    next_report = start + 60
    while time.monotonic() < deadline:
        target = rng.choice(targets)
        thunk = one_input(target, rng)
        outcomes[(target, _run_one(target, thunk, timeout, failures))] += 1
        tried[target] += 1
        if time.monotonic() >= next_report:
            _report(tried, failures, start)
            next_report += 60
    _report(tried, failures, start)
    _outcomes(outcomes, tried)
    return 1 if failures.seen else 0


def _run_one(target: str, thunk: Callable[[], object], timeout: int, failures: Failures) -> str:
    """The input's outcome: ``ok``, a cchc error code, or ``FAILURE`` (recorded)."""
    try:
        with time_limit(timeout):
            return str(thunk() or "ok")
    except Escape as e:
        failures.record(target, e.data, e.cause)
    except (Timeout, MemoryError, RecursionError) as e:
        failures.record(target, _input_of(thunk), e)
    return "FAILURE"


def _outcomes(outcomes: Counter[tuple[str, str]], tried: Counter[str]) -> None:
    """How deep the inputs went: a run where every input is ``damaged_*`` tests only the door."""
    for target in sorted(tried):
        parts = sorted(((n, code) for (t, code), n in outcomes.items() if t == target), reverse=True)
        shown = ", ".join(f"{code} {100 * n / tried[target]:.0f}%" for n, code in parts[:6])
        print(f"  {target}: {shown}", flush=True)


def _input_of(thunk: Callable[[], object]) -> bytes:
    """The bytes a thunk reads (its closure), for saving a timed-out input."""
    for cell in getattr(thunk, "__closure__", None) or ():
        value = cell.cell_contents
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode("utf-8", "surrogatepass")
    return b""


def _report(tried: Counter[str], failures: Failures, start: float) -> None:
    minutes = (time.monotonic() - start) / 60
    per = ", ".join(f"{t} {n:,}" for t, n in sorted(tried.items()))
    print(f"[{minutes:5.1f} min] {sum(tried.values()):,} inputs ({per}); "
          f"{len(failures.seen)} distinct failure(s)", flush=True)


def replay(path: Path) -> int:
    """Run one saved input again and show what escapes."""
    target = path.name.split("-", 1)[0]
    data = path.read_bytes()
    try:
        if target == "normalizers":
            run_normalizers(data.decode("utf-8", "surrogatepass"))
            print("normalizers: only cchc errors")
        else:
            print(f"{target}: {run_file(data, SUFFIX[target], target)}")
    except Escape as e:
        traceback.print_exception(e.cause)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address-space ceiling")
    parser.add_argument("--out", type=Path, default=Path("fuzz_failures"))
    parser.add_argument("--replay", type=Path, help="run one saved input again")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    logging.disable(logging.WARNING)  # pdfminer's warnings on broken fonts, thousands of them
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    print(f"fuzzing for {args.minutes} min, seed {args.seed}, timeout {args.timeout} s, "
          f"memory {args.memory_mb} MB", flush=True)
    return run(args.minutes, args.seed, args.timeout, args.out)


if __name__ == "__main__":
    sys.exit(main())
