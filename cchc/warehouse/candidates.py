"""Which thread heads a new finding may continue: candidates in near-linear time, then verified.

Comparing every finding of a report with every open thread is quadratic: two reports of
5,000 findings are 25 million Jaccard computations.  A finding continues a thread only when
their folded token sets reach a Jaccard of :data:`~cchc.warehouse.threads.SIMILARITY_THRESHOLD`,
so most pairs need never be compared.  For each finding, in this order:

1. **Exact text** — heads whose folded token set equals the finding's (the common case: a
   shortcoming copied unchanged into the next report) are candidates at once.
2. **Rare-token prefix** (prefix filtering: Chaudhuri et al. 2006, Bayardo et al. 2007) —
   with every token set sorted rarest first, two sets of Jaccard ≥ t share a token among the
   first ``|x| − ⌈t·|x|⌉ + 1`` tokens of each.  Heads are indexed by their prefix tokens; a
   finding looks up its own.  Exact as long as every posting list it reads is at most
   :data:`POSTING_CAP` long; a longer list is a word most texts share and is skipped.
3. **Word pairs** — when a finding skipped a list (its texts are made of common words, e.g.
   every text written from the same sixty words), its rarest adjacent word pairs (bigrams)
   are looked up in an index of the heads' bigrams, also capped.  A shortcoming copied with a
   word or two changed keeps most of its bigrams, so it is still found; two texts sharing
   common words in another order are not, which costs no true link at threshold 0.6 in the
   cases measured (docs/warehouse.md).

Every finding then verifies at most :data:`VERIFY_CAP` heads, those sharing the most index
entries with it (ties in the order the heads were indexed, which the group's input fixes).  The work per
finding is bounded by the caps, never by the number of heads: linear in the findings.
"""

from __future__ import annotations

import functools
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Longest posting list read for one token or bigram; longer ones are words most texts share.
POSTING_CAP = 64
#: Most heads verified (Jaccard computed) for one finding.
VERIFY_CAP = 32
#: Most bigrams of one finding looked up when its prefix skipped a common word.
BIGRAMS_LOOKED_UP = 8


class LinkTimeout(Exception):
    """Linking a group ran past its time limit (the caller falls back to exact links)."""


@dataclass(frozen=True)
class Text:
    """What comparing needs of one finding: its folded words in order, as a set, its codes."""

    words: tuple[str, ...]
    tokens: frozenset[str]
    codes: frozenset[str]

    @functools.cached_property
    def bigrams(self) -> frozenset[str]:
        """Adjacent word pairs (computed once: a frozen dataclass may still cache)."""
        return frozenset(f"{a} {b}" for a, b in zip(self.words, self.words[1:], strict=False))


def codes_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Codes overlap, or one side has none (the text alone decides then)."""
    return not a or not b or not a.isdisjoint(b)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def prefix(tokens: Iterable[str], rank: Mapping[str, int], threshold: float) -> list[str]:
    """The rarest tokens a set must share with any set it reaches ``threshold`` Jaccard with.

    >>> prefix(["chua", "cong", "khai", "tthc"], {"chua": 9, "cong": 5, "khai": 4, "tthc": 1}, 0.6)
    ['tthc', 'khai']
    """
    ordered = sorted(tokens, key=lambda w: (rank.get(w, 0), w))
    keep = len(ordered) - math.ceil(threshold * len(ordered) - 1e-9) + 1
    return ordered[:max(keep, 1)]


class Deadline:
    """A time limit checked between findings: ``None`` means no limit."""

    def __init__(self, seconds: float | None) -> None:
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise LinkTimeout


def candidates(heads: Mapping[str, Text], findings: Sequence[tuple[int, Text]], threshold: float,
               deadline: Deadline | None = None,
               exact_only: bool = False) -> list[tuple[float, str, int]]:
    """``(similarity, thread_id, position)`` of every pair worth linking, best first.

    ``heads`` maps thread ids to their heads' texts; ``findings`` are the new report's
    ``(position, text)``.  ``exact_only``: only identical token sets (linear, for a group that
    ran out of time).  Pairs below ``threshold`` or with disjoint codes are dropped.
    """
    exact: dict[frozenset[str], list[str]] = defaultdict(list)
    for thread_id, head in heads.items():
        if head.tokens:
            exact[head.tokens].append(thread_id)
    index = None if exact_only else _Index(heads, [t for _, t in findings], threshold)
    pairs: list[tuple[float, str, int]] = []
    for n, (position, text) in enumerate(findings):
        if deadline is not None and n % 64 == 0:
            deadline.check()
        if not text.tokens:
            continue  # two empty texts are never similar
        same = exact.get(text.tokens, ())
        pairs.extend((1.0, t, position) for t in same if codes_compatible(heads[t].codes, text.codes))
        if index is None:
            continue
        size, codes, toks = len(text.tokens), text.codes, text.tokens
        low, high = threshold * size, size / threshold  # Jaccard ≥ t bounds the other's size
        for thread_id in index.lookup(text, skip=set(same)):
            head = heads[thread_id]
            if not low <= len(head.tokens) <= high:
                continue
            if codes and head.codes and codes.isdisjoint(head.codes):
                continue
            common = len(toks & head.tokens)
            score = common / (size + len(head.tokens) - common)
            if score >= threshold:
                pairs.append((score, thread_id, position))
    pairs.sort(key=lambda p: (-p[0], p[2], p[1]))
    return pairs


class _Index:
    """The heads indexed by their prefix tokens and their bigrams (see the module docstring)."""

    def __init__(self, heads: Mapping[str, Text], findings: Sequence[Text], threshold: float) -> None:
        frequency: Counter[str] = Counter()
        for text in (*heads.values(), *findings):
            frequency.update(text.tokens)
        self.rank: dict[str, int] = dict(frequency)
        self.threshold = threshold
        self.heads = heads
        self.by_token: dict[str, list[str]] = defaultdict(list)
        self._by_bigram: dict[str, list[str]] | None = None
        for thread_id, head in heads.items():
            for word in prefix(head.tokens, self.rank, threshold):
                self.by_token[word].append(thread_id)

    def bigram_index(self) -> dict[str, list[str]]:
        """The heads by their bigrams, built the first time a finding needs it."""
        if self._by_bigram is None:
            self._by_bigram = defaultdict(list)
            for thread_id, head in self.heads.items():
                for bigram in head.bigrams:
                    self._by_bigram[bigram].append(thread_id)
        return self._by_bigram

    def lookup(self, text: Text, skip: set[str]) -> list[str]:
        """At most :data:`VERIFY_CAP` heads, those sharing the most index entries first."""
        hits: Counter[str] = Counter()
        skipped = False
        for word in prefix(text.tokens, self.rank, self.threshold):
            found = self.by_token.get(word, ())
            if len(found) > POSTING_CAP:
                skipped = True
                continue
            hits.update(found)
        if skipped:
            by_bigram = self.bigram_index()
            bigrams = sorted(text.bigrams, key=lambda b: (len(by_bigram.get(b, ())), b))
            for bigram in bigrams[:BIGRAMS_LOOKED_UP]:
                found = by_bigram.get(bigram, ())
                if len(found) <= POSTING_CAP:
                    hits.update(found)
        for thread_id in skip:
            hits.pop(thread_id, None)
        if len(hits) <= VERIFY_CAP:
            return list(hits)
        # ties keep the order heads were indexed in: deterministic for one group's input
        return [thread_id for thread_id, _ in hits.most_common(VERIFY_CAP)]
