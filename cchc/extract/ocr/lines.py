"""Ruling lines of a page image by morphology → the :class:`Rule` objects of a vector PDF.

An opening with a long thin kernel keeps only ink that runs on in one direction: table
borders stay, letters go.  Each connected run left is one rule, placed on its centre line
and converted to PDF points, so ``pdf_grid`` builds cells, merges (a missing line) and
page fragments from it exactly as from a vector PDF's strokes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cchc.extract.ocr.image import DPI, Gray
from cchc.extract.pdf_grid import Rule


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


def erase_rules(ink: Gray, settings: LineSettings | None = None) -> Gray:
    """The ink without its ruling lines (widened by a pixel), for cropping cells cleanly."""
    import cv2

    settings = settings or LineSettings()
    lines = cv2.bitwise_or(line_mask(ink, False, settings), line_mask(ink, True, settings))
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    return np.asarray(cv2.bitwise_and(ink, cv2.bitwise_not(lines)), dtype=np.uint8)
