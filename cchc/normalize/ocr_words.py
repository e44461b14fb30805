"""Capital words OCR misread, put right from the report's own words (and the area catalog).

Tesseract's Vietnamese model reads lower-case text well but loses the marks stacked on a
capital (``ĐIỀU`` → ``ĐIỂU``/``ĐIEU``, ``PHÁT TRIỂN`` → ``PHÁT TRIÊN``, ``TỔ CHỨC`` → ``TỐ
CHỨC``): the tone mark sits on a circumflex or breve a few pixels high.  A group title is
printed in capitals and every finding under it carries it as its ``section``, so one lost
mark costs every finding of the group.

The repair asks the same report: its lower-case text (read surely) and the names of the
reform areas (cchc/normalize/data/criteria_catalog.json) give the words and the word pairs
the unit writes.  A capital word is replaced by a word spelled with the same letters
(accents aside) when that word, unlike the reading, forms a known pair with a neighbour
(``ĐIỂU HÀNH`` → ``ĐIỀU HÀNH``: «điều hành» is known, «điểu hành» is not), or when the
reading is no Vietnamese syllable at all and one known word fits.  A lone punctuation mark
between two words (a speck read as ``.``) is dropped.  Nothing is invented: a word with no
known spelling stays as read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from cchc.text.syllables import is_syllable
from cchc.text.vietnamese import fold

SURE = 80.0  # word confidence from which a lower-case word joins the vocabulary
_TOKEN = regex.compile(r"\S+")
_CORE = regex.compile(r"^([^\p{L}\p{M}]*)([\p{L}\p{M}]+)([^\p{L}\p{M}]*)$")
_DOUBLED = regex.compile(r"(.)\1+")
_LONE_MARK = regex.compile(r"(?<=\p{L}) [.,;:'`·] (?=\p{L})")


@dataclass
class Vocabulary:
    """Known words (lower case) by their folded spelling, and known word pairs."""

    words: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_fold: dict[str, set[str]] = field(default_factory=dict)

    def add_line(self, line: str, weight: int = 1) -> None:
        """Every word of a line of ordinary text (not all capitals) and its neighbours."""
        words = [_core(t) for t in _TOKEN.findall(line)]
        previous: str | None = None
        for word in words:
            if word is None or (word.isupper() and len(word) > 1):
                previous = None
                continue
            low = word.lower()
            self.words[low] += weight
            self.by_fold.setdefault(_key(low), set()).add(low)
            if previous is not None:
                self.pairs[fold(previous), low] += weight
                self.pairs[previous, fold(low)] += weight
            previous = low

    def pair_support(self, before: str | None, word: str, after: str | None) -> int:
        """How often ``word`` was seen next to these neighbours (folded)."""
        left = self.pairs[fold(before), word] if before else 0
        right = self.pairs[word, fold(after)] if after else 0
        return left + right


def vocabulary(lines: Iterable[tuple[str, float]]) -> Vocabulary:
    """The report's sure lower-case lines (text, confidence) and the catalog's area names."""
    vocab = Vocabulary()
    for name in _area_names():
        vocab.add_line(name)
    for text, confidence in lines:
        if confidence >= SURE:
            vocab.add_line(text)
    return vocab


def repair_capitals(text: str, vocab: Vocabulary) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with its capital words put right, and the (read, repaired) pairs."""
    text = _LONE_MARK.sub(" ", text)
    tokens = _TOKEN.findall(text)
    cores = [_core(t) for t in tokens]
    out: list[str] = []
    changes: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        word = cores[i]
        if word is None or not word.isupper() or len(word) < 2:
            out.append(token)
            continue
        before = cores[i - 1] if i > 0 else None
        after = cores[i + 1] if i + 1 < len(cores) else None
        better = _better(word.lower(), before, after, vocab)
        if better is None:
            out.append(token)
            continue
        fixed = token.replace(word, better.upper(), 1)
        out.append(fixed)
        changes.append((token, fixed))
    return " ".join(out), changes


def _better(read: str, before: str | None, after: str | None, vocab: Vocabulary) -> str | None:
    """A known spelling of ``read`` that its neighbours support better, or None."""
    candidates = vocab.by_fold.get(_key(read), set()) - {read}
    if not candidates:
        return None
    own = vocab.pair_support(before, read, after)
    best = max(sorted(candidates), key=lambda c: (vocab.pair_support(before, c, after), vocab.words[c]))
    support = vocab.pair_support(before, best, after)
    if support > own:
        return best
    if own == 0 and support == 0 and read not in vocab.words and not is_syllable(read) \
            and len(candidates) == 1:
        return best
    return None


def _key(word: str) -> str:
    """The letters without marks, a doubled letter once (OCR may read one capital twice:
    ``ĐIỂỀU``); no Vietnamese word doubles a letter but ``xoong`` and its kin."""
    key: str = _DOUBLED.sub(r"\1", fold(word))
    return key


def _core(token: str) -> str | None:
    """The letters of a token without the punctuation around them (None: not a word)."""
    match = _CORE.match(token)
    return match.group(2) if match else None


@cache
def _area_names() -> tuple[str, ...]:
    from cchc.normalize.catalog import load_catalog

    names = {area.name for index in load_catalog().indexes for area in index.areas.values()}
    return tuple(sorted(names))
