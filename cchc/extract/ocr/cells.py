"""Cell crops → OCR words → word glyphs on the page, with their confidences.

Each cell of a grid is cut out of the page (inside its borders, with the ruling lines
erased), skipped when blank, and recognized on its own as a block of text.  Its words come
back as :class:`Glyph` boxes in PDF points, every word of a text line given its line's top
and bottom, so ``pdf_lines`` puts them on one line; a word's text ends with a space, so the
line reads with its spaces whatever the gap.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from cchc.extract.model import OcrText
from cchc.extract.ocr.engine import PSM_BLOCK, PSM_LINE, Engine, OcrWord
from cchc.extract.ocr.image import Gray
from cchc.extract.pdf_grid import Glyph, Grid, _two_words

PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels
INSET = 4  # pixels kept off a cell's borders (a scanned rule is 2–5 px wide)
PAD = 12  # white margin around a crop: Tesseract reads a text touching the edge poorly
MIN_INK = 12  # fewer ink pixels than this: a blank cell (dust, a rule's remnant)
# A short mark: a seq (``1``, ``1.``, ``(1)``), a group numeral (``II.``, ``A)``), a column
# number (``(3)``) or a sub-item letter (``a)``)
_MARK_TEXT = regex.compile(r"^\(?(?:\d{1,4}|[IVXLC]{1,6}|[A-ZĐa-z])\s*[.):]?\)?$")
# Look-alikes Tesseract gives for a printed character: the fraction slash for ``/``; a
# Roman numeral's I read as ``l``, ``1``, ``|`` or two of them as ``H`` (``HI`` = ``III``)
_LOOKALIKES = str.maketrans({"\u2044": "/", "\u2215": "/"})
_ROMAN = regex.compile(r"(?<![\p{L}\d])(?=[IlH1|]*I)(?=[IlH1|]*[lH1|])[IlH1|]{2,4}(?![\p{L}\d])")
_GLUED_MARKER = regex.compile(r"^([-+•–]|\d{1,2}[.)])(\p{L})")
# A group numeral in the TT cell read with a quote or an H among its I's (``I"H`` = ``III``);
# digits alone (``1``, ``11``) are a seq and stay
_ROMAN_IN_TT = regex.compile(r"^(?=.*[IlH|\"'`’”])(?![1\d]+[.)]?$)[IlH1|\"'`’”]{2,6}[.)]?$")
# The TT column's header as English reads it (the Vietnamese model reads a bold TT as IMi)
_SEQ_HEADER = regex.compile(r"^S?TT\.?$")
_TICK_READINGS = frozenset({"v", "V", "\u221a"})  # how a check mark (✓) reads alone
SHORT = 6  # characters: a reading this short may be a mark the Vietnamese model misread


@dataclass(frozen=True)
class Recognized:
    """What OCR read in one region: glyphs for the layout, lines and words for confidence."""

    glyphs: tuple[Glyph, ...]
    texts: tuple[OcrText, ...]


def cell_boxes(grid: Grid, scale: float) -> list[PixelBox]:
    """Each cell's rectangle in pixels (``scale`` points per pixel), inside its borders."""
    out: list[PixelBox] = []
    for cell in grid.cells:
        x0 = grid.xs[cell.col] / scale
        x1 = grid.xs[cell.col + cell.col_span] / scale
        top = grid.ys[cell.row] / scale
        bottom = grid.ys[cell.row + cell.row_span] / scale
        out.append((int(x0) + INSET, int(top) + INSET, int(x1) - INSET, int(bottom) - INSET))
    return out


def crop(gray: Gray, ink: Gray, box: PixelBox) -> Gray | None:
    """The cell's text on white with a margin, or None when the cell is blank."""
    x0, top, x1, bottom = box
    x0, top = max(0, x0), max(0, top)
    x1, bottom = min(ink.shape[1], x1), min(ink.shape[0], bottom)
    if x1 - x0 < 4 or bottom - top < 4:
        return None
    cell_ink = ink[top:bottom, x0:x1]
    if int(np.count_nonzero(cell_ink)) < MIN_INK:
        return None
    text = np.where(cell_ink > 0, gray[top:bottom, x0:x1], 255).astype(np.uint8)
    return np.pad(text, PAD, constant_values=255)


def recognize(engine: Engine, gray: Gray, ink: Gray, box: PixelBox, scale: float,
              psm: int = PSM_BLOCK, second: Engine | None = None, lead: bool = False) -> Recognized:
    """OCR one region (a cell, or a page band for ``psm`` auto) into page glyphs.

    ``second``: an engine for short marks.  When the main reading is short (or the cell is
    in the TT column, ``lead``) and the second engine's reading is a mark (``3.``, ``(4)``,
    ``II.``), the second reading is kept: the Vietnamese model reads ``(5)`` as ``G)``.
    """
    from PIL import Image

    image = crop(gray, ink, box)
    if image is None:
        return Recognized((), ())
    picture = Image.fromarray(image, "L")
    words = engine.words(picture, psm)
    if not words and psm == PSM_BLOCK:
        words = engine.words(picture, PSM_LINE)  # a lone number in a narrow TT cell
    text = "".join(w.text for w in words)
    if second is not None and (lead or len(text) <= SHORT):
        other = second.words(picture, psm)
        read = "".join(w.text for w in other)
        if _MARK_TEXT.match(read) or (lead and _SEQ_HEADER.match(read)):
            words = other
    words = join_cut_words(words, image.shape[1] - PAD)
    if lead and len(words) == 1 and _ROMAN_IN_TT.match(words[0].text):
        words = [dataclasses.replace(words[0], text=_roman_of(words[0].text))]
    if len(words) == 1 and words[0].text in _TICK_READINGS:
        words = [dataclasses.replace(words[0], text="✓")]  # a tick alone in its cell
    dx, dy = max(0, box[0]) - PAD, max(0, box[1]) - PAD
    starts = {id(w) for w in _line_starts(words)}
    glyphs = tuple(Glyph(_marker_apart(_nfc(w.text)) if id(w) in starts else _nfc(w.text) + " ",
                         (w.x0 + dx) * scale, (w.top + dy) * scale,
                         (w.x1 + dx) * scale, (w.bottom + dy) * scale) for w in words)
    return Recognized(glyphs, tuple(_texts(words)))


def join_cut_words(words: Sequence[OcrWord], right: int) -> list[OcrWord]:
    """Words a narrow cell cut at its edge made whole (``thàn`` / ``h`` → ``thành``).

    ``right``: the crop's right text edge in pixels.  A line of one word that reaches the
    cell's inner edge (as far from it as the text starts from the left) and goes on in
    the next line's first word, when the two pieces read as one word and not as two
    (``pdf_grid``'s test for a vector PDF's cut words), is one word on the first line.
    """
    lines: dict[int, list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    if len(lines) < 2:
        return list(words)
    indent = min(w.x0 for w in words) - PAD
    order = sorted(lines)
    dropped: set[int] = set()
    joined: dict[int, OcrWord] = {}
    for this, after in zip(order, order[1:], strict=False):
        line, nxt = lines[this], lines[after]
        if len(line) != 1 or id(line[0]) in dropped or not nxt:
            continue
        left, rest = joined.get(id(line[0]), line[0]), nxt[0]
        letter = (rest.x1 - rest.x0) / max(1, len(rest.text))
        if left.x1 + letter < right - indent or _two_words(left.text, rest.text):
            continue
        joined[id(line[0])] = dataclasses.replace(left, text=left.text + rest.text,
                                                  confidence=min(left.confidence, rest.confidence))
        dropped.add(id(rest))
    return [joined.get(id(w), w) for w in words if id(w) not in dropped]


def _roman_of(text: str) -> str:
    """The Roman numeral a TT cell's look-alike reading stands for (``I"H`` → ``III``)."""
    bare: str = regex.sub(r"[\"'`’”]", "", text)
    return bare.replace("H", "II").translate(_ROMAN_I)


def _line_starts(words: Sequence[OcrWord]) -> Iterator[OcrWord]:
    """The first word of each text line."""
    seen: set[int] = set()
    for w in words:
        if w.line not in seen:
            seen.add(w.line)
            yield w


def _marker_apart(word: str) -> str:
    """A line's first word with a list marker OCR glued to it set apart (``-Rà`` → ``- Rà``).

    The space after a typed ``- `` or ``1. `` is narrow in print and Tesseract often drops it;
    without it the item is not seen as one.  A marker before a digit (``-2``, ``1.4``) is kept.
    """
    apart: str = _GLUED_MARKER.sub(r"\1 \2", word)
    return apart + " "


def _texts(words: Sequence[OcrWord]) -> Iterator[OcrText]:
    """Each line's text with its mean confidence, then each word's."""
    lines: dict[int, list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    for line in lines.values():
        text = " ".join(_nfc(w.text) for w in line)
        yield OcrText(text, round(sum(w.confidence for w in line) / len(line), 1), len(line))
    for w in words:
        yield OcrText(_nfc(w.text), round(w.confidence, 1), 1)


def _nfc(text: str) -> str:
    """A word in NFC with OCR look-alikes put right (``1⁄2023`` → ``1/2023``, ``HI.`` → ``III.``)."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    repaired: str = _ROMAN.sub(lambda m: m.group().replace("H", "II").translate(_ROMAN_I), text)
    return repaired


_ROMAN_I = str.maketrans({"l": "I", "1": "I", "|": "I"})
