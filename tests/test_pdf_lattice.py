"""cchc's port of pdfplumber's lattice stages gives pdfplumber's cells, table for table.

``cchc/extract/pdf_lattice.py`` exists so that reading a PDF need not import pdfplumber; it
must stay a faithful port.  Compared on random rule sets (jittered grids, rules cut in pieces,
drawn twice, missing inner rules for merged cells, stray short rules) and on the ruling lines
of the PDF fixtures.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pdfplumber import table as plumber

from cchc.extract import pdf_lattice as ours
from cchc.extract.pdf_grid import LayoutSettings, _rule_to_edge
from cchc.extract.pdf_pdfium import open_pdfium
from cchc.extract.pdf_reader import PdfSettings, page_rules

FIXTURES = Path(__file__).parent / "pdf"


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"object_type": "rule_edge", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top}


def _random_edges(rng: random.Random) -> list[dict[str, Any]]:
    xs = sorted(rng.sample(range(20, 800, 7), rng.randint(2, 8)))
    ys = sorted(rng.sample(range(20, 560, 5), rng.randint(2, 12)))
    jitter = rng.choice((0.0, 0.3, 1.5, 2.9))

    def j() -> float:
        return rng.uniform(-jitter, jitter)

    edges = []
    for y in ys:
        cuts = sorted(rng.sample(xs, rng.randint(0, len(xs) - 1))) if rng.random() < 0.3 else []
        points = [xs[0], *cuts, xs[-1]]
        for a, b in zip(points, points[1:], strict=False):
            if rng.random() < 0.9:
                edges.append(_edge("h", a + j(), y + j(), b + j() + rng.choice((0, 0, 2.5)), y + j()))
    for x in xs:
        for a, b in zip(ys, ys[1:], strict=False):
            if rng.random() < 0.85:
                edges.append(_edge("v", x + j(), a + j(), x + j(), b + j()))
    for _ in range(rng.randint(0, 3)):  # a rule drawn twice, a stray tick
        edges.append(dict(rng.choice(edges)))
        x, y = rng.uniform(0, 800), rng.uniform(0, 560)
        edges.append(_edge("v", x, y, x, y + rng.uniform(0, 6)))
    for e in edges:  # keep each edge's box well formed after the jitter
        if e["orientation"] == "h":
            e["bottom"] = e["top"]
            e["x0"], e["x1"] = min(e["x0"], e["x1"]), max(e["x0"], e["x1"])
        else:
            e["x1"] = e["x0"]
            e["top"], e["bottom"] = min(e["top"], e["bottom"]), max(e["top"], e["bottom"])
        e["doctop"], e["width"], e["height"] = e["top"], e["x1"] - e["x0"], e["bottom"] - e["top"]
    rng.shuffle(edges)
    return edges


def _tables(module: Any, edges: list[dict[str, Any]], tol: float = 3.0) -> list[list[tuple[float, ...]]]:
    merged = module.merge_edges([dict(e) for e in edges], snap_x_tolerance=tol, snap_y_tolerance=tol,
                                join_x_tolerance=tol, join_y_tolerance=tol)
    cells = module.intersections_to_cells(module.edges_to_intersections(merged, tol, tol))
    return [[tuple(c) for c in t] for t in module.cells_to_tables(cells)]


@pytest.mark.parametrize("seed", range(300))
def test_random_rules_give_pdfplumbers_tables(seed: int) -> None:
    edges = _random_edges(random.Random(seed))
    assert _tables(ours, edges) == _tables(plumber, edges)


@pytest.mark.parametrize("name", ["ruled_merges.pdf", "long_table.pdf", "rect_rules.pdf", "path_rules.pdf",
                                  "column_ruled.pdf"])
def test_fixture_rules_give_pdfplumbers_tables(name: str) -> None:
    settings = LayoutSettings()
    pdf = open_pdfium(FIXTURES / name, None, 100)
    assert pdf is not None
    with pdf:
        for page in pdf.pages:
            rules = page_rules(page, PdfSettings())
            edges = [_rule_to_edge(r) for r in rules if r.end - r.start >= settings.edge_min_length]
            assert _tables(ours, edges) == _tables(plumber, edges)
