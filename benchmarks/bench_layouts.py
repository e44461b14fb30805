"""The larger seeded run of the layout generator (issue 9): accuracy per rendering kind.

Run by hand (LibreOffice needed for every kind but .docx)::

    .venv/bin/python benchmarks/bench_layouts.py [--reports 1000] [--soffice-reports 200]
        [--first-seed 10000] [--workers 2] [--kinds docx,txt,pdf,...]

Draws ``--reports`` reports from seeds ``first-seed …`` (outside the suite's seeds), renders
them all as .docx and the first ``--soffice-reports`` through LibreOffice (.pdf, text export,
.doc, PDF without row rules, TCVN3 and VNI PDFs), reads every rendering with cchc and scores
it against the generator's truth.  Prints, per rendering kind: documents, documents under
90%, fields right / total; then the worst documents and the most common mismatch kinds with
one example each (seed, field, expected, got).  Renderings are cached (tests/layouts/render.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from layouts.draw import draw_report  # noqa: E402
from layouts.render import KINDS, find_soffice, render  # noqa: E402
from layouts.score import Mismatch, score_file  # noqa: E402
from layouts.truth import expected_record  # noqa: E402

Result = tuple[int, str, int, int, str | None, list[Mismatch]]


def _score_one(job: tuple[int, str, str]) -> Result:
    seed, kind, path = job
    score = score_file(expected_record(draw_report(seed)), Path(path), kind)
    return seed, kind, score.right, score.total, score.error, score.mismatches


def _short(value: object, width: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--soffice-reports", type=int, default=200)
    parser.add_argument("--first-seed", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if find_soffice() is None:
        print("LibreOffice not installed: .docx only", file=sys.stderr)
        kinds = ["docx"] if "docx" in kinds else []
    seeds = range(args.first_seed, args.first_seed + args.reports)
    lo_seeds = seeds[: args.soffice_reports]
    started = time.perf_counter()
    paths = {}
    for kind in kinds:
        paths.update(render(seeds if kind == "docx" else lo_seeds, [kind]))
    rendered = time.perf_counter() - started
    jobs = [(seed, kind, str(path)) for (seed, kind), path in sorted(paths.items())]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_score_one, jobs, chunksize=8))
    scored = time.perf_counter() - started - rendered
    _print(results, kinds, len(seeds), len(lo_seeds), rendered, scored)
    return 0


def _print(results: list[Result], kinds: list[str], n: int, n_lo: int, rendered: float,
           scored: float) -> None:
    print(f"{n} reports drawn ({n_lo} through LibreOffice), {len(results)} renderings; "
          f"rendering {rendered:.0f} s, reading and scoring {scored:.0f} s")
    print(f"{'kind':<12} {'docs':>5} {'<90%':>5} {'refused':>7} {'right':>8} {'total':>8} {'accuracy':>9}")
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r[1]].append(r)
    for kind in kinds:
        rs = by_kind.get(kind, [])
        if not rs:
            continue
        right, total = sum(r[2] for r in rs), sum(r[3] for r in rs)
        low = sum(1 for r in rs if r[3] and r[2] / r[3] < 0.9)
        refused = sum(1 for r in rs if r[4])
        print(f"{kind:<12} {len(rs):>5} {low:>5} {refused:>7} {right:>8} {total:>8} {right / total:>9.2%}")
    for kind in kinds:
        rs = by_kind.get(kind, [])
        if not rs:
            continue
        print(f"\n== {kind}")
        worst = sorted(rs, key=lambda r: r[2] / r[3] if r[3] else 1)[:5]
        print("worst: " + ", ".join(f"seed {r[0]} {r[2] / r[3]:.0%}" + (f" ({r[4]})" if r[4] else "")
                                    for r in worst))
        counts: Counter[str] = Counter()
        example: dict[str, tuple[int, Mismatch]] = {}
        for r in rs:
            for m in r[5]:
                counts[m.kind] += 1
                example.setdefault(m.kind, (r[0], m))
        for name, count in counts.most_common(8):
            seed, m = example[name]
            print(f"  {name:<22} {count:>6}  e.g. seed {seed} {m.field}: expected {_short(m.expected)}, "
                  f"got {_short(m.got)}")


if __name__ == "__main__":
    sys.exit(main())
