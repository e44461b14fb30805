"""Scoring a scanned report's record against its truth, as issue 10's acceptance reads.

Text fields (shortcoming, remedy and its items, owner, deadline, progress, note, title) count
as right when at least :data:`TEXT_SIMILARITY` similar to the truth (difflib ratio); every
other field (seq, section, criteria, areas, deadline kind, due date, status, overdue and the
report metadata) must be exact.  Findings are aligned in table order; a missing or invented
finding is wrong on every field.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from layouts.truth import FINDING_FIELDS, REPORT_FIELDS  # the scored fields, one list

TEXT_SIMILARITY = 0.9
TEXT_FIELDS = frozenset({"shortcoming", "remedy", "owner", "deadline", "progress", "note", "title"})


@dataclass
class OcrScore:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, name: str, want: Any, have: Any) -> None:
        self.total += 1
        if same(name, want, have):
            self.right += 1
        else:
            self.misses.append((name, want, have))


def similarity(a: str | None, b: str | None) -> float:
    if a is None or b is None:
        return 1.0 if a == b else 0.0
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


def same(name: str, want: Any, have: Any) -> bool:
    base = name.rsplit(".", 1)[-1]
    if base in TEXT_FIELDS:
        return similarity(want, have) >= TEXT_SIMILARITY
    if base == "remedy_items":
        return len(want) == len(have or []) and all(similarity(a, b) >= TEXT_SIMILARITY
                                                     for a, b in zip(want, have, strict=False))
    return bool(want == have)


def score(truth: dict[str, Any], got: dict[str, Any] | None) -> OcrScore:
    result = OcrScore()
    report = (got or {}).get("report") or {}
    for name in REPORT_FIELDS:
        result.add(f"report.{name}", truth["report"][name], report.get(name))
    want, have = truth["findings"], (got or {}).get("findings") or []
    key = lambda f: (f.get("section"), f.get("seq"))  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[key(f) for f in want], b=[key(f) for f in have], autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            for name in FINDING_FIELDS:
                result.add(f"findings[{i}].{name}", want[i][name], have[j].get(name))
        for i in range(i1 + len(pairs), i2):
            result.total += len(FINDING_FIELDS)
            result.misses.append((f"findings[{i}]", "missing", None))
        for j in range(j1 + len(pairs), j2):
            result.total += len(FINDING_FIELDS)
            result.misses.append((f"findings[+{j}]", "invented", have[j].get("shortcoming")))
    return result
