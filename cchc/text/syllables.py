"""Which words spell a Vietnamese syllable, by the orthography's onset and rhyme tables.

A syllable is written onset + rhyme + one tone mark.  The tables below are the standard
inventory of written rhymes (``vần``) taught in the first-grade reader and listed in
descriptions of chữ Quốc ngữ (docs/encodings.md gives the sources), with the spelling rules:

* ``k``, ``gh``, ``ngh`` only before i, e, ê, y; ``c``, ``g``, ``ng`` never there
  (``gi`` + a rhyme in i writes one i: gi + ìn → ``gìn``);
* ``qu`` is followed by the rhyme without its medial u (qu + ân → ``quân``);
* the rhymes that start with ``yê`` stand without an onset (``yên``), those with ``iê``
  after one (``tiên``);
* a rhyme ending in a stop (c, ch, p, t) takes only the sắc or nặng tone.

The table is strict on purpose: rhymes that no word uses (``ơng``, ``ơc``, ``ơu``) are
not syllables, so a word that lost its ``ư`` (``thờng``, ``lợng``) is recognised as broken.
Loanwords and names outside the table simply are not syllables; callers treat that as
"not Vietnamese", never as an error.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

TONE_MARKS: Final = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền sắc ngã hỏi nặng
_STOP_TONES: Final = frozenset({"\u0301", "\u0323"})

ONSETS: Final = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
)

_OPEN_RHYMES: Final = (
    "a ai ao au ay âu ây e eo ê êu i ia iu y o oi ô ôi ơ ơi u ua ui uôi ư ưa ưi ưu ươi ươu "
    "iêu yêu oa oai oao oay oe oeo uê uy uya uyu uây uơ"
).split()
# nucleus -> codas it takes
_CODAS: Final = {
    "a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t",
    "e": "c m n ng p t", "ê": "ch m n nh p t", "i": "ch m n nh p t", "o": "c m n ng p t",
    "oo": "c ng", "ô": "c m n ng p t", "ơ": "m n p t", "u": "c m n ng p t", "ư": "c ng t",
    "iê": "c m n ng p t", "yê": "m n ng t", "uô": "c m n ng t", "ươ": "c m n ng p t",
    "oa": "c ch m n ng nh p t", "oă": "c m n ng t", "oe": "n t", "uâ": "n ng t",
    "uê": "ch nh", "uy": "ch n nh p t", "uyê": "n t",
}
RHYMES: Final = frozenset(
    _OPEN_RHYMES + [nucleus + coda for nucleus, codas in _CODAS.items() for coda in codas.split()]
)
_STOPS: Final = ("c", "ch", "p", "t")
_FRONT: Final = ("i", "e", "ê", "y")
# Rhymes with the medial u/o (a rounded glide): not written after labial onsets.
_MEDIAL: Final = ("oa", "oă", "oe", "uâ", "uê", "uy", "uơ")
_LABIAL: Final = frozenset({"b", "m", "p", "ph", "v"})
_VOWELS: Final = frozenset("aăâeêioôơuưy")


def split_tone(word: str) -> tuple[str, str]:
    """``(bare word in NFC, tone mark or "")``; ``("", "")`` when it carries two tones."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) > 1:
        return "", ""
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return bare, tones[0] if tones else ""


def _onset_fits(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front
    if onset == "qu":
        return not rhyme.startswith(("o", "u", "ô", "ư"))
    if rhyme.startswith(_MEDIAL) and onset in _LABIAL:
        return False
    return True


def _rhyme_fits(onset: str, rhyme: str) -> bool:
    if rhyme not in RHYMES:
        return False
    if rhyme.startswith("yê"):
        return onset in ("", "qu")
    if rhyme.startswith("iê"):
        return onset != ""
    return True


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) spells one Vietnamese syllable, tone included.

    Example: ``"người"``, ``"Chưa"``, ``"quyết"``, ``"gìn"`` → ``True``;
    ``"thờng"``, ``"nhng"``, ``"cáp"`` with a huyền tone (``"càp"``), ``"ghà"`` → ``False``.
    """
    bare, tone = split_tone(word.lower())
    if not bare or not bare.isalpha():
        return False
    for onset in _onsets_of(bare):
        rhyme = bare[len(onset):]
        if onset == "gi" and rhyme[:1] not in _VOWELS:
            rhyme = "i" + rhyme  # gì, gìn: the i of gi is the rhyme's
        if not (_rhyme_fits(onset, rhyme) and _onset_fits(onset, rhyme)):
            continue
        if rhyme.endswith(_STOPS) and tone not in _STOP_TONES:
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _syllable_starts() -> frozenset[str]:
    """Every beginning of a written syllable without its tone (``kh``, ``khă``, ``khăc``)."""
    words = [onset + rhyme for onset in (*ONSETS, "") for rhyme in RHYMES]
    words += ["qu" + rhyme[1:] for rhyme in RHYMES if rhyme.startswith("u")]
    return frozenset(w[:k] for w in words for k in range(1, len(w) + 1))


def starts_syllable(text: str) -> bool:
    """``text`` is the beginning of some syllable (``Nguyê``, ``kh``; not ``Chakh``)."""
    bare, _ = split_tone(text.lower())
    return bare in _syllable_starts()


def _onsets_of(bare: str) -> list[str]:
    """Every onset ``bare`` may start with, longest first, and the empty onset."""
    found = [o for o in ONSETS if bare.startswith(o) and len(bare) > len(o) - (o == "gi")]
    return sorted(found, key=len, reverse=True) + [""]
