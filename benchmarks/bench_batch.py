"""Benchmark of ``cchc batch``: reports per second with 1 and 2 workers, and the database share.

Run by hand, not in the tests (it takes minutes)::

    .venv/bin/python benchmarks/bench_batch.py              # 1,000 reports
    .venv/bin/python benchmarks/bench_batch.py --reports 300 --keep /tmp/bench
    .venv/bin/python benchmarks/bench_batch.py --against /tmp/base --workers 2   # vs a base commit

It builds a batch by varying the good samples so that every file has its own hash, then runs
:func:`cchc.batch.runner.execute` — exactly what ``cchc batch`` runs — once with one
worker and once with two, each into a fresh DuckDB file, and prints:

* reports per second for each (loaded reports / wall time of the whole run, start-up,
  hashing and worker spawn included);
* the ratio 2 workers / 1 worker (target ≥ 1.7);
* the share of wall time the parent spends in the database — ``Warehouse.load`` and the
  shortcoming links after it (target < 10 %);
* the machine's own ceiling: the same pure-Python loop in one process, then in two at once.
  On a shared virtual machine two vCPUs may not give twice the work; the batch cannot scale
  better than that.

With ``--against DIR`` (a checkout of an earlier commit, e.g. ``git worktree add /tmp/base
0e04d9e``) it instead runs the command ``cchc batch FOLDER --db … --workers N`` as a whole
process (start-up included) from each tree — the base, then this one, alternately, ``--rounds``
times — with this venv's Python and ``PYTHONPATH`` set to the tree, bytecode cached
(``PYTHONPYCACHEPREFIX`` in the work folder, a warm-up run of each tree first), and prints both
rates and their ratio (issue 12's target: ≥ 2× with 2 workers), and the CPU time per report of
the whole process tree, steadier than wall time on a shared machine.

How the samples are varied (one file per report):

* text export: the seed with another percentage in one finding (``94,5%`` → ``61,3%``…);
* Word: re-saved with python-docx with one body paragraph changed;
* PDF: a PDF comment appended after ``%%EOF``.  The bytes (and hash) change, the text does
  not — rewriting a PDF's text would need a PDF writer the project does not have — and the
  reader does the same work either way.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import docx

from cchc.batch.discover import discover
from cchc.batch.runlog import Outcome
from cchc.batch.runner import BatchConfig, BatchSummary, execute
from cchc.extract.libreoffice import find_soffice

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "seed_stp_2023_q1.txt"


def good_samples() -> list[Path]:
    """Every sample report with an appendix, in a fixed order."""
    reports = sorted([*SAMPLES.glob("*.docx"), *SAMPLES.glob("*.pdf")])
    return [p for p in reports if p.stem != "not_a_report"] + [SEED]


def docx_variant(sample: Path, target: Path, number: int) -> None:
    """The Word sample re-saved with its first long body paragraph changed."""
    document = docx.Document(io.BytesIO(sample.read_bytes()))
    paragraph = next(p for p in document.paragraphs if len(p.text) > 60 and p.runs)
    paragraph.runs[-1].text += f" (bản số {number})"
    document.save(str(target))


def make_batch(folder: Path, count: int) -> Counter[str]:
    """``count`` distinct reports in ``folder``; returns how many of each format."""
    folder.mkdir(parents=True, exist_ok=True)
    samples, seed_text = good_samples(), SEED.read_text(encoding="utf-8")
    formats: Counter[str] = Counter()
    for i in range(count):
        sample = samples[i % len(samples)]
        target = folder / f"{i:04d}_{sample.name}"
        if sample.suffix == ".txt":
            percent = f"{10 + i // 100 % 90},{i % 100:02d}%"
            target.write_text(seed_text.replace("94,5%", percent), encoding="utf-8")
        elif sample.suffix == ".docx":
            docx_variant(sample, target, i)
        else:
            target.write_bytes(sample.read_bytes() + f"\n% variant {i}\n".encode())
        formats[sample.suffix[1:]] += 1
    return formats


def _spin(_: int = 0) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(15_000_000):
        total += i
    return time.perf_counter() - started


def machine_scaling() -> float:
    """Work rate of two processes at once / one process alone, on a pure-Python loop."""
    alone = min(_spin() for _ in range(2))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        together = max(pool.map(_spin, range(2)))
    return 2 * alone / together


def run_once(folder: Path, work: Path, workers: int, timeout: float) -> BatchSummary:
    target = work / f"bench_{workers}w.duckdb"
    target.unlink(missing_ok=True)
    config = BatchConfig(target=str(target), log_path=work / f"run_log_{workers}w.csv",
                         workers=workers, timeout=timeout, soffice=find_soffice())
    return execute(config, discover([str(folder)]))


def report(workers: int, summary: BatchSummary) -> dict[str, float]:
    loaded = summary.count(Outcome.LOADED)
    figures = {"workers": workers, "loaded": loaded, "failed": summary.count(Outcome.FAILED),
               "seconds": summary.elapsed, "rate": loaded / summary.elapsed,
               "load": summary.load_seconds, "links": summary.link_seconds,
               "db_share": (summary.load_seconds + summary.link_seconds) / summary.elapsed}
    print(f"{workers:>7}  {loaded:>6}  {figures['failed']:>6}  {summary.elapsed:>8.1f}  "
          f"{figures['rate']:>9.2f}  {summary.load_seconds:>7.1f}  {summary.link_seconds:>7.1f}  "
          f"{100 * figures['db_share']:>7.1f}%", flush=True)
    return figures


def _entry(tree: Path) -> str:
    return "cchc.cli.main" if (tree / "cchc" / "cli" / "main.py").is_file() else "cchc.pipeline.cli"


def _env(tree: Path, work: Path) -> dict[str, str]:
    """The tree on ``PYTHONPATH``, bytecode cached as an installed program's is (a cache folder
    in ``work``; ``PYTHONDONTWRITEBYTECODE`` removed, or every worker would compile anew)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree), "PYTHONPYCACHEPREFIX": str(work / "pycache")}


def run_tree(tree: Path, folder: Path, work: Path, workers: int, timeout: float) -> tuple[int, float, float]:
    """``cchc batch`` of ``tree`` as a whole process into a fresh DuckDB file: (loaded, wall
    seconds, CPU seconds of the process and its workers)."""
    target, log = work / f"against_{workers}w.duckdb", work / f"against_{workers}w.csv"
    target.unlink(missing_ok=True)
    log.unlink(missing_ok=True)
    command = [sys.executable, "-c", f"import sys; from {_entry(tree)} import main; sys.exit(main())",
               "batch", str(folder), "--db", str(target), "--log", str(log),
               "--workers", str(workers), "--timeout", str(timeout)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=tree, env=_env(tree, work),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(log, encoding="utf-8-sig", newline="") as f:
        loaded = sum(row["outcome"] == "loaded" for row in csv.DictReader(f))
    return loaded, seconds, cpu


def against(base: Path, folder: Path, work: Path, workers: int, timeout: float, rounds: int) -> None:
    """Base and this tree alternately, after a warm-up run of each on a few reports (bytecode
    written); the median rate of each, their ratio, and the CPU seconds per report (steadier
    than wall time on a machine shared with other work)."""
    trees = {"base": base.resolve(), "new": Path(__file__).resolve().parent.parent}
    warm = work / "warm-up"
    if not warm.is_dir():
        warm.mkdir()
        for path in sorted(folder.iterdir())[:20]:
            shutil.copy(path, warm / path.name)
    for tree in trees.values():
        run_tree(tree, warm, work, workers, timeout)
    rates: dict[str, list[float]] = {k: [] for k in trees}
    cpus: dict[str, list[float]] = {k: [] for k in trees}
    print(f"tree  {'commit':<8} workers  loaded   seconds  reports/s  cpu s  cpu ms/report", flush=True)
    for _ in range(rounds):
        for label, tree in trees.items():
            loaded, seconds, cpu = run_tree(tree, folder, work, workers, timeout)
            rates[label].append(loaded / seconds)
            cpus[label].append(cpu / max(1, loaded))
            commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
                                    capture_output=True, text=True, check=False).stdout.strip()
            print(f"{label:<5} {commit:<8} {workers:>7}  {loaded:>6}  {seconds:>8.1f}  "
                  f"{loaded / seconds:>9.2f}  {cpu:>5.0f}  {1000 * cpu / max(1, loaded):>13.0f}", flush=True)
    base_rate, new_rate = (statistics.median(rates[k]) for k in trees)
    base_cpu, new_cpu = (statistics.median(cpus[k]) for k in trees)
    ratio = new_rate / base_rate
    print(f"median reports/s: base {base_rate:.2f}, new {new_rate:.2f}; new / base: {ratio:.2f}× "
          f"(target ≥ 2: {'met' if ratio >= 2 else 'NOT met'}); CPU per report: base "
          f"{1000 * base_cpu:.0f} ms, new {1000 * new_cpu:.0f} ms, base / new {base_cpu / new_cpu:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--keep", type=Path, help="build the batch here and keep it")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="compare `cchc batch` with the checkout in DIR (whole processes)")
    parser.add_argument("--rounds", type=int, default=1, help="with --against: runs of each tree")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    folder = work / "reports"
    try:
        if folder.is_dir() and len(list(folder.iterdir())) == args.reports:
            print(f"reusing {args.reports} reports in {folder}", flush=True)
            formats: Counter[str] = Counter(p.suffix[1:] for p in folder.iterdir())
        else:
            shutil.rmtree(folder, ignore_errors=True)
            formats = make_batch(folder, args.reports)
        mix = ", ".join(f"{k} {v}" for k, v in sorted(formats.items()))
        print(f"{args.reports} reports ({mix}); {os.cpu_count()} CPUs; DuckDB", flush=True)
        if args.against is not None:
            for workers in args.workers:
                against(args.against, folder, work, workers, args.timeout, args.rounds)
            return 0
        print("workers  loaded  failed   seconds  reports/s   load s  links s  db share")
        results = [report(n, run_once(folder, work, n, args.timeout)) for n in args.workers]
        ceiling = machine_scaling()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    by_workers = {int(r["workers"]): r for r in results}
    if 1 in by_workers and 2 in by_workers:
        ratio = by_workers[2]["rate"] / by_workers[1]["rate"]
        print(f"2 workers / 1 worker: {ratio:.2f}× (target ≥ 1.7: {'met' if ratio >= 1.7 else 'NOT met'}); "
              f"this machine's own 2-process scaling: {ceiling:.2f}×")
    worst = max(r["db_share"] for r in results)
    print(f"largest database share: {100 * worst:.1f}% (target < 10%: "
          f"{'met' if worst < 0.10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
