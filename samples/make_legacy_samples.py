"""Write legacy-encoded twins of two Unicode samples, with their expected records.

Usage: ``.venv/bin/python samples/make_legacy_samples.py`` (after ``make_samples.py``).

Old offices still type in TCVN3 (ABC, ``.VnTime`` fonts) or VNI-Windows (``VNI-Times``):
the document holds Latin-1 characters that only look Vietnamese through the font.  Each twin
is its Unicode sample with every text run re-encoded and its font (``w:rFonts`` ascii, hAnsi,
cs) set to the legacy font; nothing else changes, so the program must read the same record:

* ``stp_2023_q1_tcvn3.docx`` from ``stp_2023_q1.docx``, TCVN3.  As in real TCVN3 documents,
  a run written all in capitals (``SỞ TƯ PHÁP``, ``PHỤ LỤC``) is lowercase TCVN3 in
  ``.VnTimeH``, the font that draws every letter as a capital; an accented capital inside a
  mixed-case run (``Ủy``: TCVN3 has no code for it) gets a ``.VnTimeH`` run of its own.
  The letter ư is U+00AD (soft hyphen) inside ``w:t``.
* ``syt_2023_q2_vni.docx`` from ``syt_2023_q2.docx``, VNI (base letter + mark characters;
  VNI has capitals, so no special runs).

The document defaults in ``styles.xml`` get the legacy font too and ``fontTable.xml`` lists
it, as in a document typed that way.  The expected record is the Unicode sample's, with
``source.file`` and ``source.sha256`` (of the twin's bytes; null when the original's is null)
changed.  The script decodes every paragraph of each twin back with ``cchc.text.encodings`` and
refuses to write a twin whose text differs from the original's.  Zip members keep their
order, dates and compression, so the bytes are deterministic.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex
from lxml import etree

from cchc.text.encodings import encode_tcvn3, encode_vni, to_unicode

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEXT_TAGS = (f"{_W}t", f"{_W}delText")
TEXT_PARTS = regex.compile(r"^word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml$")

Piece = tuple[str, str]  # (legacy text, font)
Pieces = Callable[[str], list[Piece]]

TCVN3_FONT, TCVN3_CAPS_FONT, VNI_FONT = ".VnTime", ".VnTimeH", "VNI-Times"
_UPPER_OR_NOT = regex.compile(r"\p{Lu}+|\P{Lu}+")


def _needs_caps_font(char: str) -> bool:
    """An accented capital with no TCVN3 code (all but A-Z and Ă Â Ê Ô Ơ Ư Đ)."""
    return char != char.lower() and encode_tcvn3(char) == encode_tcvn3(char.lower())


def tcvn3_pieces(text: str) -> list[Piece]:
    """One run's text as TCVN3 pieces, each with the font that shows it right."""
    letters = [c for c in text if c.isalpha()]
    if letters and text == text.upper() and any(not c.isascii() for c in letters):
        return [(encode_tcvn3(text.lower()), TCVN3_CAPS_FONT)]
    pieces: list[Piece] = []
    for part in _UPPER_OR_NOT.findall(text):
        caps = any(_needs_caps_font(c) for c in part)
        if caps:
            piece = (encode_tcvn3(part.lower()), TCVN3_CAPS_FONT)
        else:
            piece = (encode_tcvn3(part), TCVN3_FONT)
        if pieces and pieces[-1][1] == piece[1]:
            pieces[-1] = (pieces[-1][0] + piece[0], piece[1])
        else:
            pieces.append(piece)
    return pieces


def vni_pieces(text: str) -> list[Piece]:
    return [(encode_vni(text), VNI_FONT)]


# -- XML ---------------------------------------------------------------------------------


def set_font(rpr: etree._Element, font: str) -> None:
    """``w:rFonts`` ascii/hAnsi/cs = font (first child after ``w:rStyle``, theme fonts dropped)."""
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        fonts = etree.Element(f"{_W}rFonts")
        style = rpr.find(f"{_W}rStyle")
        rpr.insert(0 if style is None else rpr.index(style) + 1, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "hint"):
        fonts.attrib.pop(f"{_W}{attr}", None)
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(f"{_W}{attr}", font)


def _new_run(template: etree._Element, font: str) -> etree._Element:
    run = etree.Element(template.tag, attrib=dict(template.attrib))
    rpr = template.find(f"{_W}rPr")
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(f"{_W}rPr")
    set_font(rpr, font)
    run.append(rpr)
    return run


def recode_run(run: etree._Element, pieces_of: Pieces, base_font: str) -> list[etree._Element]:
    """The run re-encoded: one run per font, other children (tabs, breaks) kept in order."""
    runs: list[etree._Element] = []
    for child in run:
        if child.tag == f"{_W}rPr":
            continue
        if child.tag in TEXT_TAGS:
            for text, font in pieces_of(child.text or ""):
                if not runs or _font(runs[-1]) != font:
                    runs.append(_new_run(run, font))
                node = etree.SubElement(runs[-1], child.tag)
                node.text = text
                node.set(XML_SPACE, "preserve")
        else:
            if not runs:
                runs.append(_new_run(run, base_font))
            runs[-1].append(copy.deepcopy(child))
    return runs or [_new_run(run, base_font)]


def _font(run: etree._Element) -> str | None:
    fonts = run.find(f"{_W}rPr/{_W}rFonts")
    return None if fonts is None else fonts.get(f"{_W}ascii")


def recode_part(xml: bytes, pieces_of: Pieces, base_font: str) -> bytes:
    root = etree.fromstring(xml)
    for run in list(root.iter(f"{_W}r")):
        parent = run.getparent()
        assert parent is not None
        at = parent.index(run)
        parent.remove(run)
        for offset, new in enumerate(recode_run(run, pieces_of, base_font)):
            parent.insert(at + offset, new)
    return _serialize(root)


def recode_styles(xml: bytes, base_font: str) -> bytes:
    """Document default font = the legacy font (a TCVN3 document usually sets it there)."""
    root = etree.fromstring(xml)
    rpr = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if rpr is not None:
        set_font(rpr, base_font)
    return _serialize(root)


def add_fonts(xml: bytes, fonts: list[str]) -> bytes:
    root = etree.fromstring(xml)
    known = {f.get(f"{_W}name") for f in root.findall(f"{_W}font")}
    for name in fonts:
        if name not in known:
            font = etree.SubElement(root, f"{_W}font", {f"{_W}name": name})
            etree.SubElement(font, f"{_W}charset", {f"{_W}val": "00"})
            etree.SubElement(font, f"{_W}family", {f"{_W}val": "roman"})
            etree.SubElement(font, f"{_W}pitch", {f"{_W}val": "variable"})
    return _serialize(root)


def _serialize(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def make_twin(source: bytes, pieces_of: Pieces, fonts: list[str]) -> bytes:
    """The .docx bytes of the twin: same members, order, dates and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if TEXT_PARTS.match(info.filename):
                data = recode_part(data, pieces_of, fonts[0])
            elif info.filename == "word/styles.xml":
                data = recode_styles(data, fonts[0])
            elif info.filename == "word/fontTable.xml":
                data = add_fonts(data, fonts)
            dst.writestr(copy.copy(info), data)
    return out.getvalue()


# -- check -------------------------------------------------------------------------------


def paragraph_texts(docx: bytes, decode: bool) -> list[str]:
    """Every paragraph's text; with ``decode`` each run goes through ``to_unicode``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    texts = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for run in p.iter(f"{_W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{_W}t"))
            parts.append(to_unicode(text, font_name=_font(run)) if decode and text else text)
        texts.append("".join(parts))
    return texts


def check_twin(original: bytes, twin: bytes) -> None:
    want, got = paragraph_texts(original, False), paragraph_texts(twin, True)
    bad = [(w, g) for w, g in zip(want, got, strict=True) if w != g]
    if bad:
        raise SystemExit(f"twin does not decode back: {bad[:3]}")
    if paragraph_texts(twin, False) == want:
        raise SystemExit("twin holds Unicode text, not legacy characters")


# -- main --------------------------------------------------------------------------------

TWINS: list[tuple[str, str, Pieces, list[str]]] = [
    ("stp_2023_q1", "stp_2023_q1_tcvn3", tcvn3_pieces, [TCVN3_FONT, TCVN3_CAPS_FONT]),
    ("syt_2023_q2", "syt_2023_q2_vni", vni_pieces, [VNI_FONT]),
]


def write_expected(stem: str, twin_stem: str, twin: bytes) -> None:
    record: dict[str, Any] = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    record["source"]["file"] = f"{twin_stem}.docx"
    if record["source"].get("sha256") is not None:
        record["source"]["sha256"] = hashlib.sha256(twin).hexdigest()
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    (EXPECTED / f"{twin_stem}.json").write_text(text, encoding="utf-8")


def main() -> int:
    for stem, twin_stem, pieces_of, fonts in TWINS:
        original = (HERE / f"{stem}.docx").read_bytes()
        twin = make_twin(original, pieces_of, fonts)
        if make_twin(original, pieces_of, fonts) != twin:
            raise SystemExit(f"{twin_stem}: not deterministic")
        check_twin(original, twin)
        (HERE / f"{twin_stem}.docx").write_bytes(twin)
        write_expected(stem, twin_stem, twin)
        print(f"{twin_stem}.docx from {stem}.docx ({', '.join(fonts)}); expected/{twin_stem}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
