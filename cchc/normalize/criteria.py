"""Criterion codes (``Tiêu chí 7.1.1.4``) → canonical dotted codes; the first number is the area.

Why this is strict: a criterion code looks like many other numbers in a report (decrees
``107/2020/NĐ-CP``, dates ``30.6.2023``, ``94,5%``, ``10.000``, ``ISO 9001:2015``), and a
wrong code lands in a provincial total.  Matching runs on :func:`fold` text, so case,
accents, NFC/NFD and line breaks (``(Tiêu`` / ``chí 5.8.2.2)``) do not matter.

Rules (decisions where ``docs/record-format.md`` is silent):

- A *code* is 1–5 dot-separated integers.  The first (the area) is 1–9: no PAR index has
  more than 9 areas (docs/domain-facts.md 1.1–1.3).  Every later part is 1–99, written with at most two
  digits.  Leading zeros go: ``01.2`` → ``1.2``.  A trailing dot (``1.7.``) is punctuation.
- In running text a code counts only after a prefix (``Tiêu chí``, ``TC``, ``TCTP``,
  ``tiêu chí thành phần``, ``Chỉ số (thành phần)``, optionally ``các`` before and ``số`` or
  ``:``/``.`` after) or as a later item of the list that prefix opens (joined by ``,``
  ``;`` ``và`` ``hoặc`` ``-`` ``–`` ``đến``).  A single integer counts only right after a
  prefix (``Tiêu chí 5`` → ``"5"``), never as a bare list item (``Tiêu chí 1.7 - 5 hồ sơ``).
  A range ``7.1.1 - 7.1.3`` gives its two ends; it is not expanded (sub-criteria are
  numbered per province and year, so the members are unknown).
- With ``bare_codes=True`` (a criteria column) every dotted code counts too; a bare
  single integer does not (it is more often a score or a count).
- A number is never a code when it is part of another kind of number: followed by ``/``,
  ``%``, ``:`` + digit, a decimal comma (``94,5``) or a letter; a plain integer or a bare
  code also not before an amount or count word (``điểm``, ``đồng``, ``hồ sơ``, ``năm`` …);
  bare codes also not after ``/``, ``:``, a letter, or a date/version word (``ngày``,
  ``phiên bản`` …).
"""

from __future__ import annotations

import re

from cchc.text.vietnamese import fold

MAX_LEVELS = 5
MAX_AREA = 9
MAX_PART = 99

# Data: prefixes (folded), most specific first; list joiners; words that make a number "not a code".
PREFIXES: tuple[str, ...] = (
    r"tieu\s*chi\s+thanh\s+phan",
    r"tieu\s*chi",
    r"chi\s+so\s+thanh\s+phan",
    r"chi\s+so",
    "tctp",
    "tc",
)
JOINERS: tuple[str, ...] = (",", ";", "-", "–", "&", "va", "hoac", "den")
# Words after a number that make it an amount or a count: checked for plain integers and
# for bare codes (``1.5 điểm``), not for a dotted code after a prefix (``Tiêu chí 7.1.1 đồng bộ``).
AMOUNT_WORDS: tuple[str, ...] = (
    "diem", "dong", "trieu", "ty dong", "lan", "ho so", "van ban", "nguoi", "nam", "thang", "ngay",
)
BARE_BLOCKERS: tuple[str, ...] = (
    "ngay", "thang", "nam", "quy", "so", "phien ban", "version", "ver",
)

_TOKEN = r"\d(?:[\d.]*\d)?"
_PREFIX_WORDS = r"(?:cac\s+)?(?:" + "|".join(PREFIXES) + r")(?![a-z])\s*[:.\-–]?\s*(?:so\s+)?"
_PREFIX = re.compile(r"(?<![a-z0-9])" + _PREFIX_WORDS + "(?P<tok>" + _TOKEN + ")")
_JOINED = re.compile(
    r"\s*(?:" + "|".join(re.escape(j) for j in JOINERS) + r")(?![a-z])\s*"
    "(?P<pre>" + _PREFIX_WORDS + ")?(?P<tok>" + _TOKEN + ")"
)
_BARE = re.compile(r"(?<![a-z0-9./:])" + _TOKEN)
_FOREIGN_AFTER = re.compile(r"\s*(?:/|%|:\d|,\d+(?!\.\d))|[a-z]")
_AMOUNT_AFTER = re.compile(r"\s*(?:" + "|".join(AMOUNT_WORDS) + r")(?![a-z])")
_BLOCKED_BEFORE = re.compile(r"(?:^|[^a-z])(?:" + "|".join(BARE_BLOCKERS) + r")\s*$")


def canonical_code(raw: str) -> str | None:
    """The canonical form of a written code, or ``None`` when it breaks the code rules.

    Example: ``canonical_code("01.2")`` → ``"1.2"``; ``canonical_code("10.000")`` → ``None``.
    """
    parts = raw.split(".")
    if len(parts) > MAX_LEVELS or any(not p.isdigit() or len(p) > 2 for p in parts):
        return None
    values = [int(p) for p in parts]
    if not 1 <= values[0] <= MAX_AREA or any(not 1 <= v <= MAX_PART for v in values[1:]):
        return None
    return ".".join(str(v) for v in values)


def area_of(code: str) -> int:
    """The reform area (lĩnh vực) of a code: its first number.

    Raises ``ValueError`` for a string that is not a valid code.
    Example: ``area_of("7.1.1.4")`` → ``7``.
    """
    canonical = canonical_code(code.strip())
    if canonical is None:
        raise ValueError(f"not a criterion code: {code!r}")
    return int(canonical.split(".")[0])


def extract_criteria(text: str | None, *, bare_codes: bool = False) -> list[str]:
    """Canonical dotted codes in order of appearance, without repeats.

    ``bare_codes=True`` is for a criteria column, where ``3.2.1, 7.2.5`` (no prefix) counts.
    Example: ``extract_criteria("(Tiêu chí 3.2.1 và tiêu chí 7.2.5)")`` → ``["3.2.1", "7.2.5"]``.
    """
    if not text:
        return []
    folded = fold(text)
    found = dict(_prefixed_codes(folded))
    if bare_codes:
        found.update(_bare_codes(folded))
    return list(dict.fromkeys(code for _, code in sorted(found.items())))


def malformed_codes(text: str | None) -> list[str]:
    """Numbers written right after a criterion prefix that are not valid codes, as written.

    Malformed means: the number after ``Tiêu chí``/``TC``/… has an empty part (``7..2``),
    a zero part (``0.1``, ``1.0``), an area above 9 (``12.1``), a part of three or more
    digits (``7.100``) or more than 5 levels; a plain integer of 3+ digits (a year,
    ``Chỉ số 2022``) and numbers that are clearly another kind (``%``, ``/`` …) are not
    reported.  Later list items are not checked: an invalid one just ends the list.
    Example: ``malformed_codes("Tiêu chí 7..2; Tiêu chí 1.7")`` → ``["7..2"]``.
    """
    if not text:
        return []
    folded = fold(text)
    bad = (m["tok"] for m in _PREFIX.finditer(folded) if _is_malformed(folded, m))
    return list(dict.fromkeys(bad))


def _is_malformed(folded: str, match: re.Match[str]) -> bool:
    token = match["tok"]
    if canonical_code(token) is not None or _is_foreign(folded, match.end(), amount_words=True):
        return False
    return "." in token or len(token) <= 2


def _is_foreign(folded: str, end: int, *, amount_words: bool) -> bool:
    """Whether what follows a number makes it a fraction, a ratio, a time, an amount, a count."""
    if amount_words and _AMOUNT_AFTER.match(folded, end):
        return True
    return _FOREIGN_AFTER.match(folded, end) is not None


def _code_at(folded: str, match: re.Match[str], *, single_ok: bool) -> str | None:
    token = match["tok"]
    if "." not in token and not single_ok:
        return None
    if _is_foreign(folded, match.end("tok"), amount_words="." not in token):
        return None
    return canonical_code(token)


def _prefixed_codes(folded: str) -> list[tuple[int, str]]:
    """Codes after a prefix and the codes of the list it opens, with their offsets."""
    found: list[tuple[int, str]] = []
    for match in _PREFIX.finditer(folded):
        code = _code_at(folded, match, single_ok=True)
        if code is None:
            continue
        found.append((match.start("tok"), code))
        found.extend(_list_tail(folded, match.end("tok")))
    return found


def _list_tail(folded: str, pos: int) -> list[tuple[int, str]]:
    """Codes joined to a prefixed code (``5.3; 5.5``, ``và tiêu chí 7.2.5``) until one fails."""
    found: list[tuple[int, str]] = []
    while (match := _JOINED.match(folded, pos)) is not None:
        code = _code_at(folded, match, single_ok=match["pre"] is not None)
        if code is None:
            break
        found.append((match.start("tok"), code))
        pos = match.end("tok")
    return found


def _bare_codes(folded: str) -> list[tuple[int, str]]:
    """Dotted codes anywhere (criteria column), unless another kind of number surrounds them."""
    found: list[tuple[int, str]] = []
    for match in _BARE.finditer(folded):
        token = match.group()
        if "." not in token or _BLOCKED_BEFORE.search(folded, 0, match.start()):
            continue
        code = canonical_code(token)
        if code and not _is_foreign(folded, match.end(), amount_words=True):
            found.append((match.start(), code))
    return found
