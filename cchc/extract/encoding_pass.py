"""One decision per document on its legacy encoding, applied to every paragraph and cell.

Runs in :func:`cchc.extract.read_document` right after the reader, before the appendix is
searched for: a VNI or TCVN3 report printed to PDF or exported as text keeps its legacy
characters but not its font names, and its header ("Tån t¹i, h¹n chÕ") would match no
wording.  The Word reader has already decoded the runs set in a legacy font; what is left
is decided here from the content of the whole document (:func:`detect_document`), so a
short cell ("Quý III") is read like the rest of its document.  A Unicode document comes
back as the very same object.

A TCVN3 document whose ``ư`` was lost (its code is the soft hyphen, which PDF text
extraction drops) is repaired word by word (:mod:`cchc.text.lost_u`); each text's repairs
travel with the document (``ExtractedDocument.text_repairs``) so normalization can audit them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cchc.extract.model import Block, ExtractedDocument, Paragraph
from cchc.text.encodings import DocumentEncoding, detect_document

if TYPE_CHECKING:
    from cchc.text.lost_u import TextRepair


def _texts(document: ExtractedDocument) -> Iterator[str]:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for row in block.rows:
                yield from (cell.text for cell in row.cells)


def decode_document(document: ExtractedDocument) -> ExtractedDocument:
    """The document with every legacy-encoded text in Unicode (and lost ``ư`` restored)."""
    decision = detect_document(_texts(document), document.font_hints)
    if decision is None:
        return document
    decoded = _decoded_texts(document, decision)
    if not decoded:
        return document
    repairs: dict[str, TextRepair] = {}
    if decision.encoding == "tcvn3":  # the lost-ư repair (and its phrase tables) only for TCVN3
        from cchc.text.lost_u import lacks_u

        if lacks_u(decoded.values()):
            repairs = _repair(decoded)
    blocks = tuple(_replace(block, decoded) for block in document.blocks)
    return dataclasses.replace(document, blocks=blocks,
                               text_repairs=document.text_repairs + tuple(repairs.values()))


def _repair(decoded: dict[str, str]) -> dict[str, TextRepair]:
    """Restore the lost ``ư`` in every decoded text, in place; the repairs by repaired text.

    A cell cut by a page break right at a lost ``ư`` ("tăng c-" / "ờng chỉ đạo") is mended
    across the two texts: the first keeps a soft hyphen, the second gets the ``ư``.
    """
    from cchc.text.lost_u import TextRepair, mark_trailing_cut, repair_lost_u, restore_leading_u, trailing_cut

    cuts = {cut for text in decoded.values() if (cut := trailing_cut(text))}
    repairs: dict[str, TextRepair] = {}
    for raw, text in decoded.items():
        words: tuple[tuple[str, str], ...] = ()
        if cuts:
            text, lead = restore_leading_u(text, cuts)
            words = (lead,) if lead else ()
            text = mark_trailing_cut(text)
        repair = repair_lost_u(text)
        decoded[raw] = repair.text
        if words + repair.words:
            repairs[repair.text] = TextRepair(repair.text, words + repair.words)
    return repairs


def _decoded_texts(document: ExtractedDocument, decision: DocumentEncoding) -> dict[str, str]:
    """Raw text → decoded text, for each distinct text that changes (decided once each), in
    document order: the lost-ư repairs read them in this order, and their audit lists the
    words in it (a set's order changed with each process's string hashing)."""
    out: dict[str, str] = {}
    for text in dict.fromkeys(_texts(document)):
        new = decision.decode(text)
        if new is not None and new != text:
            out[text] = new
    return out


def _replace(block: Block, decoded: dict[str, str]) -> Block:
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, text=decoded.get(block.text, block.text))
    rows = tuple(
        dataclasses.replace(row, cells=tuple(
            dataclasses.replace(c, text=decoded.get(c.text, c.text)) for c in row.cells))
        for row in block.rows
    )
    return dataclasses.replace(block, rows=rows)
