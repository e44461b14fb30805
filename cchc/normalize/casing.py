"""Display names of issuing agencies: header capitals → normal Vietnamese casing.

Headers print the issuer in capitals (``SỞ TƯ PHÁP``) but the record keeps the name as
people write it in running text (``Sở Tư pháp``), so names from the header and from the
caption compare and group together.

Order of preference:

1. the registry's canonical name when the unit is known (``SỞ TƯ PHÁP TỈNH HÀ TĨNH`` →
   ``Sở Tư pháp``);
2. text that already has lower-case letters is kept as written (cleaned): it is the
   writer's casing, and a rule would only damage names it does not know;
3. all-capital text is re-cased by the rule of Nghị định 30/2020 (Phụ lục II) for agency
   names: capitalise the first word and the first word of each field of activity
   (after the agency type, ``và``, ``,`` and ``-``); keep acronyms; after a place word
   (``tỉnh``, ``huyện``, ``thị xã``, ``thành phố`` …) capitalise every word of the proper
   name; a few fixed names are data (``Công Thương``, ``Khu kinh tế``).

Example: ``agency_display_name("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")`` →
``"Sở Lao động - Thương binh và Xã hội"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cchc.normalize.units import UnitRegistry
from cchc.text.vietnamese import clean_line, fold

#: Agency types: the word after one starts a field of activity (``Sở`` ``Tư pháp``).
AGENCY_TYPES: tuple[str, ...] = (
    "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "văn phòng", "thanh tra", "chi cục",
    "trung tâm", "sở", "ban", "phòng", "cục", "bộ",
)
#: Place words: the words after one are a proper name (``huyện`` ``Cẩm Xuyên``).
PLACE_WORDS: tuple[str, ...] = (
    "thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "phường", "xã", "tp", "tx", "h",
)
#: Abbreviated place words keep their capitals (``TP.``, ``TX``, ``H.``).
PLACE_ABBREVIATIONS: frozenset[str] = frozenset({"tp", "tx", "h"})
#: Phrases that start with a place word but are common nouns (``Xã hội``).
NOT_PLACES: tuple[str, ...] = ("xã hội",)
#: Words that end a field of activity; the next word starts a new one.
SEPARATORS: tuple[str, ...] = ("và", "-", "–", "—")
#: Fixed casings that the rule would get wrong (the casing pattern is applied word by word).
FIXED_CASINGS: tuple[str, ...] = ("Công Thương", "Khu kinh tế")
#: Acronyms that contain a vowel (vowel-less tokens such as ``CCHC`` are acronyms anyway).
ACRONYMS: frozenset[str] = frozenset(fold(a) for a in ("UBND", "UBMTTQ", "ĐBQH", "ATTP"))
#: Always a proper name wherever it stands.
PROPER_NAMES: tuple[str, ...] = ("Việt Nam",)

_VOWELS = frozenset("aeiouy")
_LOWER = regex.compile(r"\p{Ll}")


def agency_display_name(raw: str, registry: UnitRegistry | None = None) -> str:
    """The agency as the record shows it.  ``registry=None`` uses the casing rule only.

    Example: ``"UBND HUYỆN CẨM XUYÊN"`` → ``"UBND huyện Cẩm Xuyên"``;
    ``"SỞ THÔNG TIN VÀ TRUYỀN THÔNG"`` → ``"Sở Thông tin và Truyền thông"``.
    """
    text = clean_line(raw)
    unit = registry.find(text) if registry is not None and text else None
    if unit is not None:
        return unit.name
    if _LOWER.search(text):
        return text
    proper = PROPER_NAMES + ((registry.province,) if registry and registry.province else ())
    return recase_upper(text, proper_names=proper)


def recase_upper(text: str, *, proper_names: Sequence[str] = PROPER_NAMES) -> str:
    """Apply the agency-name casing rule to all-capital text (see the module doc).

    Example: ``"SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ"`` → ``"Sở Ngoại vụ tỉnh Quảng Trị"``.
    """
    words = text.split()
    state = _State()
    out: list[str] = []
    index = 0
    while index < len(words):
        taken = _fixed(words, index, proper_names, state) or _word(words, index, state)
        out.extend(taken)
        index += len(taken)
    return " ".join(out)


@dataclass
class _State:
    """Where the rule stands: first word, start of a field, or inside a proper name."""

    first: bool = True
    field_start: bool = False
    proper: bool = False

    def after(self, *, field_start: bool = False, proper: bool = False) -> None:
        self.first, self.field_start, self.proper = False, field_start, proper


def _fixed(words: list[str], index: int, proper_names: Sequence[str], state: _State) -> list[str]:
    """Words of a fixed casing or proper name starting at ``index``; ``[]`` when none."""
    for pattern in (*FIXED_CASINGS, *proper_names):
        size = len(pattern.split())
        if _starts_with(words, index, pattern):
            parts = zip(words[index : index + size], pattern.split(), strict=True)
            cased = [_like(word, part) for word, part in parts]
            state.after(field_start=_ends_field(cased[-1]))
            return cased
    return []


def _word(words: list[str], index: int, state: _State) -> list[str]:
    """Case the agency type, place word or single word at ``index``."""
    if state.first:
        for agency_type in AGENCY_TYPES:
            if _starts_with(words, index, agency_type):
                size = len(agency_type.split())
                state.after(field_start=True)
                rest = [word.lower() for word in words[index + 1 : index + size]]
                return [_capitalise(words[index]), *rest]
    place = _place(words, index)
    if place:
        cased = [_place_case(w) for w in words[index : index + place]]
        if state.first:
            cased[0] = _capitalise(cased[0])
        state.after(proper=True)
        return cased
    return [_single(words[index], state)]


def _single(word: str, state: _State) -> str:
    key = _bare(word)
    if key in SEPARATORS or not key:
        state.after(field_start=True)
        return word.lower()
    if _is_acronym(word):
        cased = word
    elif state.first or state.field_start or state.proper:
        cased = _capitalise(word)
    else:
        cased = word.lower()
    state.after(field_start=_ends_field(word), proper=state.proper and not _ends_field(word))
    return cased


def _place(words: list[str], index: int) -> int:
    """Number of words of the place word at ``index`` (0 when there is none)."""
    if any(_starts_with(words, index, phrase) for phrase in NOT_PLACES):
        return 0
    for place in PLACE_WORDS:
        if _starts_with(words, index, place):
            return len(place.split())
    return 0


def _place_case(word: str) -> str:
    """Example: ``"HUYỆN"`` → ``"huyện"``; ``"TP."`` → ``"TP."``."""
    return word if _bare(word) in PLACE_ABBREVIATIONS else word.lower()


def _starts_with(words: list[str], index: int, phrase: str) -> bool:
    """Example: ``(["SỞ", "Y", "TẾ"], 0, "sở")`` → ``True``.

    Case- and punctuation-insensitive but accent-sensitive: folding would make ``QUẢN``
    the place word ``quận`` and ``TĨNH`` the place word ``tỉnh``.
    """
    parts = phrase.split()
    window = words[index : index + len(parts)]
    return len(window) == len(parts) and all(
        _bare(word) == part.lower() for word, part in zip(window, parts, strict=True)
    )


def _bare(word: str) -> str:
    """Example: ``"HÓA,"`` → ``"hóa"``."""
    return word.strip(",.;:()").lower()


def _is_acronym(word: str) -> bool:
    """``UBND``, ``CCHC``, ``KH&ĐT``, ``TP.``: listed, vowel-less, or holding ``&``."""
    key = fold(word).strip(",.;:()")
    letters = [ch for ch in key if ch.isalpha()]
    if key in ACRONYMS or "&" in key:
        return True
    return len(letters) >= 2 and not _VOWELS.intersection(letters)


def _ends_field(word: str) -> bool:
    return word.endswith((",", ";"))


def _capitalise(word: str) -> str:
    """Example: ``"ĐỨC"`` → ``"Đức"``; ``"(CŨ)"`` → ``"(Cũ)"``."""
    for position, ch in enumerate(word):
        if ch.isalpha():
            return word[:position].lower() + ch.upper() + word[position + 1 :].lower()
    return word


def _like(word: str, pattern: str) -> str:
    """``word`` cased like ``pattern`` (capital initial or not), keeping its own letters."""
    return _capitalise(word) if pattern[:1].isupper() else word.lower()
