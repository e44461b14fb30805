"""Start-up of the ``cchc`` command as whole processes, this tree against a base checkout.

    python benchmarks/bench_startup.py [--base /tmp/base] [--runs 7]

Times ``cchc --help`` and ``cchc extract`` of a text export (the seed), each run as a fresh
process, interleaved base/new so load on the machine hits both alike; prints the median.
The base is any earlier checkout of cchc (e.g. ``git worktree add /tmp/base 0e04d9e``),
run with this venv's Python from its own folder (``-c`` puts the working folder first on
``sys.path``) and ``PYTHONPATH`` set to it; its entry point was
``cchc.pipeline.cli``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
SEED = ROOT / "samples" / "seed_stp_2023_q1.txt"
CASES = {"cchc --help": ["--help"], "cchc extract seed.txt": ["extract", str(SEED)]}


def _command(tree: Path, argv: list[str]) -> list[str]:
    entry = ("cchc.cli.main" if (tree / "cchc" / "cli" / "main.py").is_file()
             else "cchc.pipeline.cli")
    return [sys.executable, "-c", f"import sys; from {entry} import main; sys.exit(main())", *argv]


def _seconds(tree: Path, argv: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    done = subprocess.run(_command(tree, argv), env=env, cwd=tree, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tree}: cchc {' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/base"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "new": ROOT.resolve()}
    print(f"{'command':<24} {'base s':>8} {'new s':>8} {'new/base':>9}")
    for name, argv in CASES.items():
        times: dict[str, list[float]] = {k: [] for k in trees}
        for _ in range(args.runs):
            for label, tree in trees.items():
                times[label].append(_seconds(tree, argv))
        base, new = (statistics.median(times[k]) for k in ("base", "new"))
        print(f"{name:<24} {base:8.2f} {new:8.2f} {new / base:9.2f}")


if __name__ == "__main__":
    main()
