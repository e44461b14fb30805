"""Vietnamese text cleaning: small ``str -> str`` functions and one composition.

Every comparison of words (header roles, status phrases, deadline words) goes through
:func:`fold`, so ``hoà``/``hòa``, NFC/NFD and upper/lower case all compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff]")
_SPACES = regex.compile(r"[\s\u00a0\u2007\u202f]+")
# A word hyphenated at a soft hyphen at the end of a line ("c\u00ad" + "ường"): one word.
_SOFT_BREAK = regex.compile(r"(?<=\p{L})\u00ad[ \t]*\n[ \t]*(?=\p{L})")
# A line cut right after a hyphen or slash inside a symbol ("112/KH-" + "SNV"): no space.
_CUT_SYMBOL = regex.compile(r"(?<=[\p{L}\d][-/])[ \t]*\n[ \t]*(?=[\p{L}\d])")

# A list marker: bullets anywhere an item can start, numbers only at a line start.
_BULLET = r"[-+•–*\uf0b7\u2212\u25cf\u25aa\u2022]"
_ITEM_START = regex.compile(
    rf"(?:^|(?<=\n)|(?<=[;.:])[ \t]+)\s*(?:{_BULLET}|(?<=^|\n)\s*(?:\d{{1,2}}|[a-zđ])[.)])\s+",
    regex.IGNORECASE,
)
_STARTS_AS_LIST = regex.compile(rf"^\s*(?:{_BULLET}|(?:\d{{1,2}}|[a-zđ])[.)])\s+", regex.IGNORECASE)
_FIRST_NUMBER = regex.compile(r"^\s*(\d{1,2}|[a-z])[.)]\s", regex.IGNORECASE)
# A numbered item inside a flattened line: "…; 2. Xử lý", or "… trực thuộc 2. Áp dụng" before a
# capital (only when it continues the count).
_INLINE_NUMBER = regex.compile(r"(?:(?<=[;.:])\s+|\s+(?=\d{1,2}[.)]\s+\p{Lu}))(\d{1,2}|[a-zA-Z])[.)]\s+")
# A bullet item inside a flattened line (a text export joins a cell's lines with spaces):
# "- Quán triệt … hành chính - Tổ chức khảo sát": the cell's own marker, spaced, before a capital.
_FLAT_BULLET = r"(?<=\S)[ \t]+{marker}[ \t]+(?=\p{{Lu}})"
# Two capitalised words before the dash make a proper name ("Phòng Kế hoạch - Tài chính"),
# not the end of an item.
_NAME_BEFORE = regex.compile(r"\p{Lu}\p{Ll}*\s+\p{L}+\s*$")
_SPACED_RANGE = re.compile(r"(?<=\b\d{4})-[ \t]+(?=\d{4}\b)")
# A document symbol whose line was cut after its hyphen and flattened: "112/KH- SNV".
_SPACED_SYMBOL = regex.compile(r"(?<=\d/(?:\d{4}/)?[\p{L}&]{1,10})-[ \t]+(?=\p{Lu})")
# A symbol's letters cut by a narrow column and flattened: "373/UB ND-VP", "200/T Tr-VP",
# "248/VPUBN D.".  A piece is capitalised with no two lower-case letters in a row (an
# abbreviation such as "TTr", "SNgV"; a word such as "Phòng" is none).
_PIECE = r"[\p{Lu}&](?:[\p{Lu}&\d]|\p{Ll}(?!\p{Ll}))*"
_CUT_SYMBOL_LETTERS = regex.compile(
    rf"(?<=\d/(?:\d{{4}}/)?)(?:{_PIECE})(?:\s+{_PIECE})+(?=[ \t]*-|[.,;)]|$)")
_CUT_SYMBOL_TAIL = regex.compile(
    rf"(?<=\d/(?:\d{{4}}/)?[\p{{L}}&]{{1,10}}-[ \t]?)(?:{_PIECE})(?:[ \t]+\p{{Lu}}{{1,3}})+"
    rf"(?=[ \t]+\p{{Ll}}|[.,;)]|$)")
_SPACE_BEFORE_SYMBOL_HYPHEN = regex.compile(r"(?<=\d/(?:\d{4}/)?[\p{L}&]{1,10})[ \t]+-(?=\p{Lu})")
# A date's year cut by a narrow column: "30/6/202" + "4", "12/10" + "/2023".
_CUT_DATE_YEAR = regex.compile(r"(?<=\b\d{1,2}/\d{1,2}/)(\d{1,3})\s+(\d{1,3})(?![\d/])")
_CUT_DATE_SLASH = regex.compile(r"(?<=\b\d{1,2}/\d{1,2})\s+(?=/\d{4}\b)")


def nfc(text: str) -> str:
    """Compose decomposed Vietnamese (``ê`` + U+0301 → ``ế``).

    Example: ``"Vie\\u0302\\u0323t"`` → ``"Việt"``.
    """
    return unicodedata.normalize("NFC", text)


def strip_markup(text: str) -> str:
    """Remove converter debris: HTML tags and markdown emphasis.

    Example: ``'<ul style="list-style-type: none"> - a'`` → ``' - a'``.
    """
    return str(_MARKDOWN_EMPHASIS.sub("", _TAG.sub(" ", text)))


def squash_spaces(text: str) -> str:
    """Soft hyphens and zero-width marks out; every whitespace run (line breaks too) → one space.

    A word broken at a soft hyphen at a line end is one word again (``"tăng c\u00ad\nường"``
    → ``"tăng cường"``).  A line that ends inside a symbol (``112/KH-`` + ``SNV``) is glued
    back without a space, also when a converter already flattened the break
    (``112/KH- SNV`` → ``112/KH-SNV``).

    Example: ``"Thường xuyên\\u00a0trong năm\\n2023 "`` → ``"Thường xuyên trong năm 2023"``.
    """
    text = _CUT_SYMBOL.sub("", _INVISIBLE.sub("", _SOFT_BREAK.sub("", text)))
    text = _rejoin_cut_numbers(text)
    text = _SPACED_RANGE.sub("-", _SPACED_SYMBOL.sub("-", text))
    return str(_SPACES.sub(" ", text)).strip()


def _rejoin_cut_numbers(text: str) -> str:
    """Symbols and dates a narrow column cut, whole again (``373/UB ND-VP`` → ``373/UBND-VP``,
    ``30/6/202 4`` → ``30/6/2024``); a date whose pieces make no four-digit year stays."""
    if "/" not in text:
        return text
    text = _CUT_SYMBOL_LETTERS.sub(lambda m: regex.sub(r"\s+", "", m.group(0)), text)
    text = _SPACE_BEFORE_SYMBOL_HYPHEN.sub("-", text)
    text = _CUT_SYMBOL_TAIL.sub(lambda m: regex.sub(r"\s+", "", m.group(0)), text)
    text = _CUT_DATE_SLASH.sub("", text)
    return str(_CUT_DATE_YEAR.sub(join_cut_year, text))


def join_cut_year(match: regex.Match[str]) -> str:
    """Two pieces of a four-digit year (groups 1 and 2) make the year; anything else stays as
    written (``202`` + ``4`` → ``2024``; ``12`` + ``3`` stays ``12 3``)."""
    left, right = match.group(1), match.group(2)
    return left + right if len(left + right) == 4 else str(match.group(0))


def split_items(text: str) -> list[str]:
    """Split a cell into list items when it starts with a list marker; else one item.

    Markers are removed and each item squashed.  A dash inside a sentence
    (``"80% - dưới 100%"``) does not start an item: an item starts at the cell start, a
    line start, or after ``;`` ``.`` ``:``.
    Example: ``"- Tăng cường; - Bố trí"`` → ``["Tăng cường;", "Bố trí"]``.
    """
    text = _INVISIBLE.sub("", _SOFT_BREAK.sub("", strip_markup(nfc(text))))
    if not _STARTS_AS_LIST.match(text):
        single = squash_spaces(text)
        return [single] if single else []
    parts = _ITEM_START.split(text)
    first = _FIRST_NUMBER.match(text)
    if first is not None:  # a numbered list flattened onto one line by a text export
        parts = _split_counted(parts, first.group(1))
    else:  # each line may be flattened: a text export's cell cut by a page break is two lines
        parts = [item for part in parts for item in _split_flat_bullets(part, text.lstrip()[0])]
    return [item for item in (squash_spaces(p) for p in parts) if item]


def _split_flat_bullets(part: str, marker: str) -> list[str]:
    """Split a flattened bullet list at its own marker before a capital, not inside a name."""
    boundary = regex.compile(_FLAT_BULLET.format(marker=regex.escape(marker)))
    out: list[str] = []
    start = 0
    for match in boundary.finditer(part):
        if _NAME_BEFORE.search(part[start:match.start()]):
            continue
        out.append(part[start:match.start()])
        start = match.end()
    out.append(part[start:])
    return out


def _split_counted(parts: list[str], first: str) -> list[str]:
    """Split items at inline markers that continue the count (``1.`` … ``; 2.`` … ``; 3.``)."""
    expected = _next_marker(first)
    out: list[str] = []
    for part in parts:
        start = 0
        for match in _INLINE_NUMBER.finditer(part):
            if match.group(1).lower() != expected:
                continue
            out.append(part[start:match.start()])
            start = match.end()
            expected = _next_marker(expected)
        out.append(part[start:])
    return out


def _next_marker(marker: str) -> str:
    return str(int(marker) + 1) if marker.isdigit() else chr(ord(marker.lower()) + 1)


def clean_cell(text: str | None) -> str | None:
    """A cell's text as the record keeps it: list items joined by ``"\\n"``; blank → ``None``."""
    if text is None:
        return None
    items = split_items(text)
    return "\n".join(items) if items else None


def clean_line(text: str) -> str:
    """One line of running text: NFC, markup out, spaces squashed."""
    return squash_spaces(strip_markup(nfc(text)))


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Accent- and case-insensitive key for matching Vietnamese words.

    ``đ`` becomes ``d``; tone and vowel marks go; spaces are squashed.
    Example: ``"Thời hạn HOÀN THÀNH"`` → ``"thoi han hoan thanh"``.

    Cached: the status and metadata rules fold text one character at a time, so a report
    asks for some 2,000 folds of a few dozen distinct strings (measured: 119,689 calls,
    1,396 distinct, over 60 reports), each a normalization and ten pattern passes.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return squash_spaces(bare).lower()
