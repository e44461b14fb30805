"""Restore the ``ư`` that TCVN3 text loses on its way through a PDF.

TCVN3 stores ``ư`` (without a tone of its own) as byte 0xAD, the soft hyphen.  A PDF's text
layer drops it ("chưa" → "cha", "người" → "ngời", "nhưng" → "nhng"), or, where the line
was broken at it, shows a hyphen at the end of the line ("cường" → "c-" / "ờng").  Each
word is repaired by inserting ``ư`` where the result spells a Vietnamese syllable
(:func:`cchc.text.syllables.is_syllable`):

* a word that is no syllable and has exactly one such repair takes it ("nhng" → "nhưng",
  "thờng" → "thường", "lợng" → "lượng");
* a word that is a syllable as it stands ("cha", "mu", "ngời") is ambiguous: it is
  repaired only when the repaired word is the likelier one next to its neighbours, by the
  counts of ``data/lost_u_phrases.txt`` (administrative wording written for this purpose:
  "cha hoàn thành" → "chưa hoàn thành", "Tham mu" → "Tham mưu", "cha mẹ" stays);
* ``X-`` at the end of a line followed by ``Y`` (or ``X-Y`` once the lines are joined) is
  one word ``XưY`` when that is a syllable and ``X``, ``Y`` are not both syllables
  ("kinh tế-xã hội" keeps its hyphen).

Callers run this only on text decided TCVN3 in which no ``ư`` survived, and audit every
repair (:class:`TextRepair` lists them), so no word changes silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import regex

from cchc.text.syllables import is_syllable, split_tone

_WORD: Final = regex.compile(r"\p{L}+")
_SPLIT: Final = regex.compile(r"(\p{L}+)-(\n| |)(\p{L}+)")


@dataclass(frozen=True)
class TextRepair:
    """A text after repair and the words changed in it, as ``(read, repaired)`` pairs."""

    text: str
    words: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Counts:
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]


@cache
def _counts() -> _Counts:
    data = Path(__file__).with_name("data") / "lost_u_phrases.txt"
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for line in data.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        for phrase in regex.split(r"[,.;:]", line.lower()):
            words = _WORD.findall(phrase)
            unigrams.update(words)
            bigrams.update(zip(words, words[1:], strict=False))
    return _Counts(unigrams, bigrams)


def lacks_u(texts: Iterable[str]) -> bool:
    """No small ``ư`` anywhere: the letter TCVN3 text shows more than once a line is gone."""
    return not any("ư" in text for text in texts)


def _insert_u(word: str, at: int) -> str:
    letter = "Ư" if len(word) > 1 and word.isupper() else "ư"
    return word[:at] + letter + word[at:]


@cache
def candidates(word: str) -> tuple[str, ...]:
    """Every spelling of ``word`` with one ``ư`` inserted that is a syllable.

    A lost ``ư`` carried no tone: the word's tone, if any, must belong to the ``ơ`` of
    ``ươ`` ("ngời" → "người"), never to a letter after a bare ``ư`` ("chá" is no "chưá").
    """
    if not word.isalpha() or not (word.islower() or word.isupper() or word.istitle()):
        return ()
    if len(word) > 1 and word.isupper() and word.isascii():
        return ()  # an acronym (KH, UBND): TCVN3 capitals of a word with ư are not plain ASCII
    toned = bool(split_tone(word.lower())[1])
    out = []
    for at in range(len(word) + 1):
        if at and word[at - 1].lower() == "ư":
            continue
        new = _insert_u(word, at)
        if toned and "ươ" not in split_tone(new.lower())[0]:
            continue
        if is_syllable(new):
            out.append(new)
    return tuple(dict.fromkeys(out))


def _score(word: str, before: str | None, after: str | None) -> tuple[int, int]:
    """(phrases with a neighbour, phrases with the word): the neighbours decide first."""
    counts = _counts()
    w = word.lower()
    near = counts.bigrams[(before, w)] if before else 0
    near += counts.bigrams[(w, after)] if after else 0
    return near, counts.unigrams[w]


def _choose(word: str, options: tuple[str, ...], before: str | None, after: str | None) -> str:
    """The repaired spelling of ``word``, or ``word`` itself when nothing clearly wins."""
    if not options:
        return word
    if not is_syllable(word) and len(options) == 1:
        return options[0]
    ranked = sorted(((_score(o, before, after), o) for o in options), reverse=True)
    best_score, best = ranked[0]
    if len(ranked) > 1 and ranked[1][0] == best_score:
        return word
    if is_syllable(word) and best_score <= _score(word, before, after):
        return word
    return best if best_score > (0, 0) else word


def _join_splits(text: str, repaired: list[tuple[str, str]]) -> str:
    def join(m: regex.Match[str]) -> str:
        whole = _insert_u(m[1] + m[3], len(m[1]))
        if is_syllable(whole) and not (is_syllable(m[1]) and is_syllable(m[3])):
            repaired.append((m[0].replace("\n", " "), whole))
            return whole
        return str(m[0])
    joined: str = _SPLIT.sub(join, text)
    return joined


_TRAILING_CUT: Final = regex.compile(r"(?<=(?:^|[^\p{L}])(\p{L}+))-\s*$")
_LEADING_PART: Final = regex.compile(r"^\s*(\p{Ll}+)")


def trailing_cut(text: str) -> str | None:
    """The word part before a hyphen that ends ``text`` ("… tăng c-" → ``"c"``): where a
    line broke at a lost ``ư`` and the cell went on on the next page."""
    match = _TRAILING_CUT.search(text)
    return match[1] if match else None


def mark_trailing_cut(text: str) -> str:
    """``"… tăng c-"`` → ``"… tăng c\u00ad"``: the hyphen was the soft hyphen; the cleaning
    joins the part to its continuation without a space."""
    return str(_TRAILING_CUT.sub("\u00ad", text))


def restore_leading_u(text: str, cuts: Iterable[str]) -> tuple[str, tuple[str, str] | None]:
    """A text starting with the lowercase rest of a word cut at a lost ``ư`` ("ờng …",
    "a hoàn thành") gets that ``ư`` back when some cut part before it ("c", "ch") makes one
    syllable with it."""
    match = _LEADING_PART.match(text)
    if match is None:
        return text, None
    rest = match[1]
    if any(is_syllable(cut.lower() + "ư" + rest) for cut in cuts):
        return text[:match.start(1)] + "ư" + text[match.start(1):], (rest, "ư" + rest)
    return text, None


_ROMAN: Final = frozenset("IVXLCDM")


def _inside_phrase(text: str, match: regex.Match[str], before: str | None) -> bool:
    """A one-letter word is a cut "tư" ("Sở T pháp") only between words: a letter alone,
    before punctuation or a Roman numeral opening a line ("V. CẢI CÁCH") is not."""
    if not regex.match(r"[ \t\n]+\p{L}", text[match.end():match.end() + 3]):
        return False
    return before is not None or match.group() not in _ROMAN


def repair_lost_u(text: str) -> TextRepair:
    """``text`` with each word's lost ``ư`` restored; the changed words listed.

    Example: ``"cha hoàn thành, nhng thờng xuyên"`` →
    ``"chưa hoàn thành, nhưng thường xuyên"``; ``"cha mẹ"`` → unchanged.
    """
    repaired: list[tuple[str, str]] = []
    text = _join_splits(text, repaired)
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    lowered = [w.lower() for w in words]
    out, done = [], 0
    for i, match in enumerate(matches):
        word = words[i]
        before = lowered[i - 1] if i else None
        after = lowered[i + 1] if i + 1 < len(words) else None
        cut = text.startswith("\u00ad", match.end())  # the first part of a cut word
        alone = len(word) == 1 and not _inside_phrase(text, match, before)
        new = word if cut or alone else _choose(word, candidates(word), before, after)
        if new != word:
            repaired.append((word, new))
        out += [text[done:match.start()], new]
        done = match.end()
    result = "".join(out) + text[done:]
    return TextRepair(result, tuple(repaired))
