"""Ruling lines → cell rectangles → tables: pdfplumber 0.11's lattice stages, ported.

``pdf_grid`` needs only these four stages of pdfplumber's table finder (``merge_edges``,
``edges_to_intersections``, ``intersections_to_cells``, ``cells_to_tables``), but importing
them imports all of pdfplumber and pdfminer: more time than pdfium takes to read a short
report.  So they live here, ported line for line from ``pdfplumber/table.py`` and
``pdfplumber/utils`` (MIT licence, © Jeremy Singer-Vine), with the same edge dicts, the same
order of edges and cells (the grouping into tables depends on it) and so the same cells.
``tests/test_pdf_lattice.py`` holds them equal to pdfplumber's on random and real rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

Edge = dict[str, Any]  # orientation "h"/"v", x0, x1, top, bottom, doctop, width, height
Bbox = tuple[float, float, float, float]
PointXY = tuple[float, float]
Intersections = dict[PointXY, dict[str, list[Edge]]]


def _cluster_list(xs: list[float], tolerance: float) -> list[list[float]]:
    if tolerance == 0 or len(xs) < 2:
        return [[x] for x in sorted(xs)]
    xs = sorted(xs)
    groups: list[list[float]] = []
    current, last = [xs[0]], xs[0]
    for x in xs[1:]:
        if x <= last + tolerance:
            current.append(x)
        else:
            groups.append(current)
            current = [x]
        last = x
    groups.append(current)
    return groups


def _cluster_objects(objs: list[Edge], key: Callable[[Edge], float], tolerance: float) -> list[list[Edge]]:
    """Objects whose ``key`` values chain within ``tolerance``, in cluster order (stable)."""
    clusters = _cluster_list(list(set(map(key, objs))), tolerance)
    index = {value: i for i, cluster in enumerate(clusters) for value in cluster}
    tagged = sorted(((o, index[key(o)]) for o in objs), key=itemgetter(1))
    return [[o for o, _ in group] for _, group in itertools.groupby(tagged, key=itemgetter(1))]


def _move(obj: Edge, axis: str, value: float) -> Edge:
    moved = dict(obj)
    if axis == "h":
        moved["x0"], moved["x1"] = obj["x0"] + value, obj["x1"] + value
    else:
        moved["top"], moved["bottom"] = obj["top"] + value, obj["bottom"] + value
        if "doctop" in obj:
            moved["doctop"] = obj["doctop"] + value
    return moved


def _snap(objs: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    axis = "h" if attr in ("x0", "x1") else "v"
    out: list[Edge] = []
    for cluster in _cluster_objects(objs, itemgetter(attr), tolerance):
        avg = sum(o[attr] for o in cluster) / len(cluster)
        out.extend(_move(o, axis, avg - o[attr]) for o in cluster)
    return out


def _resize(obj: Edge, key: str, value: float) -> Edge:
    resized = dict(obj)
    diff = value - obj[key]
    resized[key] = value
    if key == "x1":
        resized["width"] = value - obj["x0"]
    elif key == "bottom":
        resized["height"] = obj["height"] + diff
    return resized


def _join_group(edges: Iterable[Edge], orientation: str, tolerance: float) -> list[Edge]:
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + tolerance:
            if e[high] > last[high]:
                joined[-1] = _resize(last, high, e[high])
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge], snap_x_tolerance: float, snap_y_tolerance: float,
                join_x_tolerance: float, join_y_tolerance: float) -> list[Edge]:
    """Snap parallel edges closer than the snap tolerance to their mean, then join collinear
    edges whose gap is within the join tolerance."""
    def group(edge: Edge) -> tuple[str, float]:
        return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])

    if snap_x_tolerance > 0 or snap_y_tolerance > 0:
        edges = (_snap([e for e in edges if e["orientation"] == "v"], "x0", snap_x_tolerance)
                 + _snap([e for e in edges if e["orientation"] == "h"], "top", snap_y_tolerance))
    out: list[Edge] = []
    for key, items in itertools.groupby(sorted(edges, key=group), key=group):
        out.extend(_join_group(items, key[0], join_x_tolerance if key[0] == "h" else join_y_tolerance))
    return out


def edges_to_intersections(edges: list[Edge], x_tolerance: float = 1,
                           y_tolerance: float = 1) -> Intersections:
    """The points where a vertical and a horizontal edge meet, within the tolerances."""
    found: Intersections = {}
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in v_edges:
        for h in h_edges:
            if (v["top"] <= h["top"] + y_tolerance and v["bottom"] >= h["top"] - y_tolerance
                    and v["x0"] >= h["x0"] - x_tolerance and v["x0"] <= h["x1"] + x_tolerance):
                vertex = (v["x0"], h["top"])
                if vertex not in found:
                    found[vertex] = {"v": [], "h": []}
                found[vertex]["v"].append(v)
                found[vertex]["h"].append(h)
    return found


def _bbox(edge: Edge) -> Bbox:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def intersections_to_cells(intersections: Intersections) -> list[Bbox]:
    """The smallest rectangles whose four corners are intersections joined by edges."""
    boxes = {p: ({_bbox(e) for e in d["v"]}, {_bbox(e) for e in d["h"]}) for p, d in intersections.items()}

    def connects(p1: PointXY, p2: PointXY) -> bool:
        if p1[0] == p2[0] and boxes[p1][0] & boxes[p2][0]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1][1] & boxes[p2][1])

    points = sorted(intersections)
    # pdfplumber scans all later points for those below (same x) and right (same y) of each
    # point; the same lists, in the same order, from the points of each column and row
    columns: dict[float, list[PointXY]] = {}
    rows: dict[float, list[PointXY]] = {}
    for p in points:
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)

    def smallest_cell(i: int) -> Bbox | None:
        if i == len(points) - 1:
            return None
        pt = points[i]
        below = [x for x in columns[pt[0]] if x[1] > pt[1]]
        right = [x for x in rows[pt[1]] if x[0] > pt[0]]
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    return (pt[0], pt[1], corner[0], corner[1])
        return None

    return [cell for cell in map(smallest_cell, range(len(points))) if cell]


def cells_to_tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells grouped into tables by shared corners, top-left first; lone cells dropped."""
    def corners(b: Bbox) -> tuple[PointXY, PointXY, PointXY, PointXY]:
        x0, top, x1, bottom = b
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = list(cells)
    current_corners: set[PointXY] = set()
    current: list[Bbox] = []
    tables: list[list[Bbox]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = corners(cell)
            if not current or any(c in current_corners for c in cell_corners):
                current_corners |= set(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            current_corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]
