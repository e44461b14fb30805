"""The pdfplumber internals cchc calls, with the call shapes it uses.

``cchc/extract/pdf_grid.py`` runs pdfplumber's lattice stages on ruling lines it found
itself, and ``pdf_reader.py`` imports a few classes; none of that is pdfplumber's public,
versioned API.  pyproject bounds pdfplumber below its next minor version; this test is what
to run before raising that bound: it fails when a name moves or a stage changes its shape.
"""

from __future__ import annotations

import inspect
from typing import Any

import pdfplumber
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils.exceptions import PdfminerException


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """An edge dict of the shape pdf_grid._rule_to_edge builds."""
    return {"object_type": "rule_edge", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top}


def test_the_lattice_stages_take_the_arguments_cchc_passes() -> None:
    assert {"snap_x_tolerance", "snap_y_tolerance", "join_x_tolerance", "join_y_tolerance"} <= set(
        inspect.signature(merge_edges).parameters)
    assert len(inspect.signature(edges_to_intersections).parameters) >= 3


def test_two_boxes_side_by_side_become_one_table_of_two_cells() -> None:
    """Rules of a 2-cell table (x 0–50–100, y 0–20), one rule drawn in two touching pieces."""
    edges = [_edge("h", 0, 0, 60, 0), _edge("h", 60, 0, 100, 0), _edge("h", 0, 20, 100, 20),
             _edge("v", 0, 0, 0, 20), _edge("v", 50, 0, 50, 20), _edge("v", 100, 0, 100, 20)]
    merged = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3,
                         join_x_tolerance=3, join_y_tolerance=3)
    assert sum(e["orientation"] == "h" for e in merged) == 2  # the two pieces joined
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    tables = cells_to_tables(cells)
    assert [sorted(tuple(float(v) for v in c) for c in t) for t in tables] == [
        [(0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 20.0)]]


def test_the_classes_and_the_opener_cchc_uses() -> None:
    assert issubclass(PdfminerException, Exception)
    assert inspect.isclass(Page) and inspect.isclass(PDF)
    assert "password" in inspect.signature(pdfplumber.open).parameters
