"""TT numbering audits: gaps and repeats, with numbering that restarts in each group."""

from __future__ import annotations

from cchc.normalize.records import seq_audit
from cchc.record import Finding, Status


def finding(seq: int | None, section: str | None) -> Finding:
    return Finding(seq=seq, section=section, shortcoming="x", criteria=[], areas=[], remedy=None,
                   remedy_items=[], owner=None, deadline=None, deadline_kind=None, due_date=None,
                   progress=None, status=Status.UNKNOWN, status_evidence=None, overdue=False,
                   note=None, pages=[], merged=[])


def codes(rows: list[tuple[int | None, str | None]]) -> list[tuple[int, str, int | None]]:
    return [(pos, e.code, e.seq) for pos, e in seq_audit([finding(s, g) for s, g in rows])]


def test_restart_in_each_section_is_neither_a_gap_nor_a_repeat() -> None:
    assert codes([(1, "I"), (2, "I"), (1, "II"), (2, "II"), (3, "II"), (1, "III")]) == []


def test_continuous_numbering_across_sections_is_fine_and_a_gap_is_reported() -> None:
    assert codes([(1, "I"), (2, "I"), (3, "II"), (5, "II")]) == [(3, "seq_gap", 5)]


def test_a_repeat_within_one_section_is_reported_at_its_row() -> None:
    assert codes([(1, "I"), (2, "I"), (2, "I"), (1, "II")]) == [(2, "seq_repeat", 2)]


def test_without_sections_a_second_one_is_a_repeat() -> None:
    assert codes([(1, None), (2, None), (1, None)]) == [(2, "seq_repeat", 1)]
