"""Ruling lines of a page image by morphology → the :class:`Rule` objects of a vector PDF.

An opening with a long thin kernel keeps only ink that runs on in one direction: table
borders stay, letters go.  Each connected run left is one rule, placed on its centre line
and converted to PDF points, so ``pdf_grid`` builds cells, merges (a missing line) and
page fragments from it exactly as from a vector PDF's strokes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cchc.extract.ocr.image import DPI, Gray
from cchc.extract.pdf_grid import Grid, Rule

LONG_RULE = DPI  # pixels: a run this long is a rule wherever it lies (an inch)


@dataclass(frozen=True)
class LineSettings:
    """Sizes in pixels at :data:`DPI`."""

    min_horizontal: int = DPI // 4  # 0.25 in: longer than any word's stroke (a dash, ``ĐT``)
    min_vertical: int = DPI // 6  # 0.17 in (12 pt): taller than a letter, shorter than a row
    max_thickness: int = DPI // 25  # a drawn border is at most ~3 pt thick
    bridge: int = 3  # gaps of a broken scanned line closed before opening


def find_rules(ink: Gray, settings: LineSettings | None = None, scale: float = 72 / DPI) -> tuple[Rule, ...]:
    """Horizontal and vertical ruling lines of an ink mask, in PDF points (``scale`` pt/px)."""
    settings = settings or LineSettings()
    rules: list[Rule] = []
    for vertical in (False, True):
        mask = line_mask(ink, vertical, settings)
        rules.extend(_runs(mask, vertical, settings, scale))
    return tuple(rules)


def line_mask(ink: Gray, vertical: bool, settings: LineSettings) -> Gray:
    """Pixels of ink runs at least the minimum length in one direction."""
    import cv2

    length = settings.min_vertical if vertical else settings.min_horizontal
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, settings.bridge) if vertical
                                       else (settings.bridge, 1))
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, bridge)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length) if vertical else (length, 1))
    return np.asarray(cv2.morphologyEx(closed, cv2.MORPH_OPEN, kernel), dtype=np.uint8)


def _runs(mask: Gray, vertical: bool, settings: LineSettings, scale: float) -> list[Rule]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Rule] = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        long_side, thick = (h, w) if vertical else (w, h)
        if thick > settings.max_thickness * 2 or long_side < 3 * thick:
            continue  # a filled block (a black box, a stamp's mass), not a line
        if vertical:
            out.append(Rule(True, (x + w / 2) * scale, y * scale, (y + h) * scale))
        else:
            out.append(Rule(False, (y + h / 2) * scale, x * scale, (x + w) * scale))
    return out


def erase_rules(ink: Gray, settings: LineSettings | None = None,
                grids: Sequence[Grid] = (), scale: float = 72 / DPI) -> Gray:
    """The ink without its ruling lines (widened by a pixel), for cropping cells cleanly.

    A run of ink is erased when it lies on a line of one of ``grids`` or is long (an inch:
    a letterhead's underline).  Short runs elsewhere are letters: the bars of a bold ``TT``
    side by side pass for a rule of a quarter inch, and erasing them reads ``TT`` as ``"``.
    """
    import cv2

    settings = settings or LineSettings()
    lines = np.zeros_like(ink)
    for vertical in (False, True):
        mask = line_mask(ink, vertical, settings)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        keep = np.zeros(count, dtype=bool)
        on_grid = _on_grid_lines(mask.shape, vertical, grids, scale, settings.max_thickness * 2)
        for k in range(1, count):
            x, y, w, h = (int(v) for v in stats[k, :4])
            length = h if vertical else w
            keep[k] = length >= LONG_RULE or bool(on_grid[y:y + h, x:x + w].any())
        lines[keep[labels] & (mask > 0)] = 255
    widened = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    return np.asarray(cv2.bitwise_and(ink, cv2.bitwise_not(widened)), dtype=np.uint8)


def _on_grid_lines(shape: tuple[int, ...], vertical: bool, grids: Sequence[Grid], scale: float,
                   band: int) -> npt.NDArray[np.bool_]:
    """Pixels within ``band`` of a grid's column lines (``vertical``) or row lines."""
    out = np.zeros(shape[:2], dtype=bool)
    for grid in grids:
        lines = grid.xs if vertical else grid.ys
        across = grid.ys if vertical else grid.xs  # the extent a line runs over
        start, stop = max(0, int(across[0] / scale) - band), int(across[-1] / scale) + band + 1
        for at in lines:
            centre = int(round(at / scale))
            lo, hi = max(0, centre - band), centre + band + 1
            if vertical:
                out[start:stop, lo:hi] = True
            else:
                out[lo:hi, start:stop] = True
    return out
