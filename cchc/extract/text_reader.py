"""Text exports (``.txt``): tab-separated table rows, page by page, like the seed file.

A line with a tab is a table row (one cell per tab-separated field); other lines are
paragraphs.  A page ends at a form feed, or at a blank line between two table rows — the
converter that made the seed leaves one there, before the repeated header.  Each page's
rows become one unruled :class:`RawTable` fragment; stitching does the rest.

A text file costs far more memory once read than on disk (a tab is one byte, a cell about
150), so the file's size, each row's width and the document's cell count are bounded by
:class:`~cchc.extract.limits.Limits` while reading, not after.
"""

from __future__ import annotations

from pathlib import Path

import regex

from cchc.extract.guards import check_cell_count, check_file_size, check_table_width
from cchc.extract.limits import Limits
from cchc.extract.model import Block, ExtractedDocument, Paragraph, RawCell, RawRow, RawTable
from cchc.text.syllables import is_syllable
from cchc.text.vietnamese import fold, join_cut_year


def decode_text(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (BOM or not), UTF-16 with BOM, else a legacy 8-bit export."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a cut-off last byte is not worth failing
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # An 8-bit export (TCVN3 and VNI live in cp1252's printable range); the five bytes cp1252
    # leaves undefined are no Vietnamese letter in either, so they become U+FFFD.
    return data.decode("cp1252", errors="replace")


# Numbers cut the same way: a year after a date's slash ("30/6/202 3", "18/8/2 023"), a
# slash or a code's dot at a line end ("13/10/ 2023", "3.1.2 .5", "1.3.4. 4").
_CUT_YEAR = regex.compile(r"(?<=(?:\d|\b[IVX]{1,4})/)(\d{1,3}) (\d{1,3})(?!\d)")
_CUT_AFTER_SEPARATOR = regex.compile(r"(?<=\d/) (?=\d)|(?<=\d\.\d{1,2}\.) (?=\d)|(?<=\d\.\d{1,2}) (?=\.\d)")
_LOWER_WORD = regex.compile(r"^\p{Ll}+$")
_UPPER_WORD = regex.compile(r"^\p{Lu}+$")
_AFTER_WORD = ",;:.)"
_VOWELS = frozenset("aeiouy")  # after fold(): ư, ờ, ể … are u, o, e
_WORD = regex.compile(r"^\p{L}+$")


def rejoin_cut_words(text: str) -> str:
    """Words that a narrow column cut and the export flattened, made whole again.

    A converter joins a cell's printed lines with spaces, so ``thành`` cut at the column's
    edge reads ``thàn h``.  A lower-case piece that is no Vietnamese syllable by itself, and
    makes one with the word before it, was cut from it: ``thàn h`` → ``thành``,
    ``Hoà n`` → ``Hoàn``, ``CHÍN H`` → ``CHÍNH``.  Two syllables stay two words, except a
    vowel-led piece after a vowel that makes one syllable with it (``NGƯ ỜI``, ``Chư a``).
    Example: ``rejoin_cut_words("Hoà n thàn h")`` → ``'Hoàn thành'``.
    """
    if " " not in text:
        return text
    text = _CUT_AFTER_SEPARATOR.sub("", _CUT_YEAR.sub(join_cut_year, text))
    words: list[str] = []
    for token in text.split(" "):
        piece = token.rstrip(_AFTER_WORD)  # ``CHỨ C,``: the piece before its punctuation
        if words and piece and _cut_from(words[-1], piece):
            words[-1] += token
        else:
            words.append(token)
    return " ".join(words)


def _cut_from(word: str, piece: str) -> bool:
    """``piece`` is the rest of ``word``: no syllable alone, one with it, in the same case
    (``thàn`` + ``h``; a title in capitals, ``CHÍN`` + ``H``)."""
    same_case = bool(_LOWER_WORD.match(piece) and _WORD.match(word)) \
        or bool(_UPPER_WORD.match(piece) and _UPPER_WORD.match(word))
    if not same_case or not is_syllable(word + piece):
        return False
    if not is_syllable(word):
        return True  # ``Ch`` + ``ưa``: the word was the fragment
    # a vowel-led piece such as ``ỜI`` (``NGƯ ỜI``), ``ển`` (``Chuy ển``) spells a syllable
    # of its own but no word that follows a word ending in a vowel to make one syllable;
    # alone, only the ``a`` of ``ưa``, ``ua``, ``ia`` (``Chư a``; ``điểm a`` stays)
    if len(piece) == 1:
        return not is_syllable(piece) or (piece in "aA" and fold(word)[-1:] in ("u", "i"))
    return not is_syllable(piece) or (fold(piece)[:1] in _VOWELS and fold(word)[-1:] in _VOWELS)


class _Pages:
    """Accumulates blocks while tracking the page and the current table fragment."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.cells = 0
        self.blocks: list[Block] = []
        self.page = 1
        self.rows: list[RawRow] = []
        self.tables = 0
        self.pending_break = False

    def flush(self) -> None:
        if self.rows:
            n_cols = max(len(r.cells) for r in self.rows)
            self.blocks.append(RawTable(rows=tuple(self.rows), n_cols=n_cols, index=self.tables,
                                        ruled=False))
            self.tables += 1
            self.rows = []

    def new_page(self) -> None:
        self.flush()
        self.page += 1
        self.pending_break = False

    def row(self, line: str) -> None:
        if self.pending_break and self.rows:
            self.new_page()
        self.pending_break = False
        width = line.count("\t") + 1
        check_table_width(self.name, width, self.limits)  # before split() makes the cells
        self.cells += width
        check_cell_count(self.name, self.cells, self.limits)
        cells = tuple(RawCell(text=rejoin_cut_words(t.strip()), col=i)
                      for i, t in enumerate(line.split("\t")))
        self.rows.append(RawRow(cells=cells, page=self.page))

    def paragraph(self, line: str) -> None:
        self.flush()
        self.pending_break = False
        self.blocks.append(Paragraph(text=line.strip(), page=self.page))


_CHUNK = 1 << 20


def _read_bounded(path: Path, most: int) -> bytes:
    """At most ``most`` bytes, read in chunks: never more than the limit even if the file grew,
    and no buffer of the limit's size reserved up front (a worker under a low memory limit
    reading a small export must not fail for a 100 MB allocation it never needed)."""
    chunks: list[bytes] = []
    total = 0
    with open(path, "rb") as f:
        while total < most:
            chunk = f.read(min(_CHUNK, most - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


def read_text(path: str | Path, *, limits: Limits | None = None) -> ExtractedDocument:
    """Read a tab-separated text export into paragraphs and per-page table fragments."""
    path = Path(path)
    limits = limits or Limits()
    data = _read_bounded(path, limits.max_file_size + 1)
    check_file_size(path, len(data), limits)
    text = decode_text(data, path.name)
    pages = _Pages(path.name, limits)
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for i, chunk in enumerate(line.split("\f")):
            if i > 0:
                pages.new_page()
            if "\t" in chunk:
                pages.row(chunk)
            elif chunk.strip():
                pages.paragraph(chunk)
            elif pages.rows:
                pages.pending_break = True
    pages.flush()
    return ExtractedDocument(file=path.name, format="txt", blocks=tuple(pages.blocks), pages=pages.page)
