"""Field-by-field scoring of a record against an expected record (the fields of semantics §4).

Findings are aligned in table order; a missing or invented finding counts as an error on
every one of its fields.  ``pages``, ``merged``, ``status_evidence``, ``source`` and audit
messages are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from layouts.truth import FINDING_FIELDS, REPORT_FIELDS  # the scored fields, one list


@dataclass
class Score:
    """Fields right out of fields compared, and the first few differences (for messages)."""

    right: int = 0
    total: int = 0
    found: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.total += other.total
        self.found += other.found
        self.expected += other.expected
        self.wrong.extend(other.wrong)


def _check(score: Score, where: str, got: Any, want: Any) -> None:
    score.total += 1
    if got == want:
        score.right += 1
    else:
        score.wrong.append(f"{where}: {got!r} != {want!r}")


def score_record(actual: dict[str, Any], expected: dict[str, Any]) -> Score:
    """Compare ``actual`` with ``expected`` on the scored fields."""
    score = Score(found=len(actual["findings"]), expected=len(expected["findings"]))
    for name in REPORT_FIELDS:
        _check(score, f"report.{name}", actual["report"].get(name), expected["report"].get(name))
    got, want = actual["findings"], expected["findings"]
    for i in range(max(len(got), len(want))):
        for name in FINDING_FIELDS:
            if i >= len(got) or i >= len(want):
                score.total += 1
                score.wrong.append(f"finding {i + 1}: {'missing' if i >= len(got) else 'invented'}")
                continue
            _check(score, f"finding {i + 1}.{name}", got[i].get(name), want[i].get(name))
    return score
