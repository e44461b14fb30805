"""Column roles from header words: which grid column holds the shortcoming, the deadline…

Units word their headers freely ("Thời hạn hoàn thành", "Thời gian thực hiện", "Hạn
hoàn thành"), in one or two header rows (a parent "Tiến độ thực hiện" over "Đã hoàn
thành" | "Chưa hoàn thành").  Matching is on :func:`fold`-ed text with parenthesised
explanations removed, leaf header first, then the leaf with its parents.  The rules are
data (:data:`ROLE_RULES`), tried in order; the first that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from cchc.extract.model import RawRow, RawTable, VMerge
from cchc.text.vietnamese import fold


class Role(str, Enum):
    SEQ = "seq"
    SHORTCOMING = "shortcoming"
    CRITERIA = "criteria"
    REMEDY = "remedy"
    OWNER = "owner"
    DEADLINE = "deadline"
    PROGRESS = "progress"
    DONE_MARK = "done_mark"
    NOT_DONE_MARK = "not_done_mark"
    NOTE = "note"


# (role, folded patterns) in priority order; a pattern is a regex searched in the folded label.
ROLE_RULES: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.SEQ, (r"^(s?tt|so tt|so thu tu|thu tu)$",)),
    (Role.DONE_MARK, (r"^(da )?(hoan thanh|thuc hien xong|khac phuc xong|da khac phuc)$",
                      r"^da (hoan thanh|thuc hien|khac phuc)$")),
    (Role.NOT_DONE_MARK, (r"^(chua|dang) (hoan thanh|thuc hien|khac phuc)$",
                          r"^(chua|khong) (dat|thuc hien duoc)$")),
    (Role.NOTE, (r"\bghi chu\b",)),
    (Role.OWNER, (r"\bchu tri\b", r"\b(don vi|bo phan|co quan|nguoi|phong) (thuc hien|phu trach)\b",
                  r"\btrach nhiem\b", r"^don vi\b", r"^phan cong\b")),
    (Role.DEADLINE, (r"\bthoi han\b", r"\bthoi gian (hoan thanh|thuc hien|khac phuc)\b",
                     r"\bhan hoan thanh\b", r"\bmoc thoi gian\b", r"^thoi diem\b", r"^thoi gian$",
                     r"^lo trinh\b")),
    (Role.PROGRESS, (r"\btien do\b", r"\bket qua (thuc hien|khac phuc|trien khai)\b",
                     r"\btinh hinh\b", r"^ket qua$", r"\bmuc do hoan thanh\b")),
    (Role.CRITERIA, (r"^(cac |ma )?(tieu chi|tc|tctp|chi so)\b(?!.*\b(ton tai|han che)\b)",)),
    (Role.SHORTCOMING, (r"\bton tai\b", r"\bhan che\b", r"\bbi tru diem\b", r"\bnoi dung\b",
                        r"\bthieu sot\b", r"\bkhuyet diem\b")),
    (Role.REMEDY, (r"\bgiai phap\b", r"\bbien phap\b", r"\bkhac phuc\b", r"\bnhiem vu\b",
                   r"\bkien nghi\b", r"\bde xuat\b")),
)


def _any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does (one compile, one search)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_COMPILED_RULES = tuple((role, _any_of(patterns)) for role, patterns in ROLE_RULES)
# The same rules with spaces taken out, for a header whose words a narrow column cut and a text
# export flattened ("Hoàn thàn h", "Chư a hoàn thàn h"): tried only when no rule matched.
_JOINED_RULES = tuple((role, _any_of(p.replace(r"\b", "").replace(" ", "") for p in patterns))
                      for role, patterns in ROLE_RULES)
_MAX_JOINED_WORDS = 6
_PARENS = re.compile(r"\([^()]*\)")
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[a-z])\s*\)?\.?$")
_MIN_ROLES = 3


def role_of_label(label: str) -> Role | None:
    """Role of one header label, or ``None``.

    Example: ``role_of_label("Thời hạn hoàn thành")`` → ``Role.DEADLINE``.
    """
    folded = fold(label)
    bare = fold(_PARENS.sub(" ", label)) or folded
    for candidate in (bare, folded):
        for role, pattern in _COMPILED_RULES:
            if pattern.search(candidate):
                return role
    if len(bare.split()) > _MAX_JOINED_WORDS:
        return None
    joined = bare.replace(" ", "")
    for role, pattern in _JOINED_RULES:
        if pattern.search(joined):
            return role
    return None


def is_column_number_row(row: RawRow) -> bool:
    """A row of column numbers ``(1) (2) (3)…`` (or ``A B C``) printed under the header.

    The numbers must all be digits, or all letters, and rise from left to right, so a body
    row such as ``1 | A | a | x`` is not taken for one.
    """
    texts = [c.text.strip() for c in row.cells if c.v_merge is not VMerge.CONTINUE and c.text.strip()]
    matches = [_COLUMN_NUMBER.match(fold(t)) for t in texts]
    if len(texts) < 3 or not all(matches):
        return False
    tokens = [m.group(1) for m in matches if m]
    if all(t.isdigit() for t in tokens):
        values = [int(t) for t in tokens]
    elif all(t.isalpha() for t in tokens):
        values = [ord(t) for t in tokens]
    else:
        return False
    return all(b > a for a, b in zip(values, values[1:], strict=False))


@dataclass(frozen=True)
class ColumnMap:
    """Roles of a table's grid columns and the header rows that named them."""

    roles: dict[int, Role]
    header_start: int  # index of the first header row in the table
    header_rows: int  # header rows, column-number row included
    header_keys: tuple[tuple[str, ...], ...]  # folded texts of each header row, to spot repeats

    def column_of(self, role: Role) -> int | None:
        return next((c for c, r in sorted(self.roles.items()) if r is role), None)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(self.roles.values())

    @property
    def looks_like_appendix(self) -> bool:
        """Shortcomings plus at least two of remedy, deadline, progress or status marks."""
        found = self.role_set
        follow_up = {Role.REMEDY, Role.DEADLINE, Role.PROGRESS, Role.DONE_MARK}
        return Role.SHORTCOMING in found and len(found & follow_up) >= 2 and len(found) >= _MIN_ROLES


def row_key(row: RawRow, n_cols: int) -> tuple[str, ...]:
    """Folded cell texts of a row, per grid column (to compare a repeated header)."""
    return tuple(fold(row.text_at(c)) for c in range(n_cols))


def _labels(rows: list[RawRow], n_cols: int) -> list[list[str]]:
    """Per grid column, the header texts from the top row down (merges counted once)."""
    labels: list[list[str]] = [[] for _ in range(n_cols)]
    for row in rows:
        for col in range(n_cols):
            text = row.text_at(col).strip()
            if text and (not labels[col] or labels[col][-1] != text):
                labels[col].append(text)
    return labels


def _roles_of(rows: list[RawRow], n_cols: int) -> dict[int, Role]:
    roles: dict[int, Role] = {}
    for col, parts in enumerate(_labels(rows, n_cols)):
        if not parts:
            continue
        role = role_of_label(parts[-1]) or role_of_label(" ".join(parts))
        if role is not None and role not in roles.values():
            roles[col] = role
    return roles


def _is_sub_header(row: RawRow, n_cols: int) -> bool:
    """A second header level: merged cells from above, the rest short header words."""
    if is_column_number_row(row):
        return True
    if not any(c.v_merge is VMerge.CONTINUE for c in row.cells) and row.text_at(0).strip():
        return False
    texts = [row.text_at(c).strip() for c in range(n_cols)]
    words = [t for t in texts if t]
    return bool(words) and all(role_of_label(t) is not None and len(t.split()) <= 6 for t in words)


def map_columns(table: RawTable, max_start: int = 3) -> ColumnMap | None:
    """Find the header among the first rows and map every column to its role."""
    for start in range(min(max_start, len(table.rows))):
        first = table.rows[start]
        if len(_roles_of([first], table.n_cols)) < 2:
            continue
        end = start + 1
        while end < len(table.rows) and end - start < 4 and _is_sub_header(table.rows[end], table.n_cols):
            end += 1
        naming = [r for r in table.rows[start:end] if not is_column_number_row(r)]
        keys = tuple(row_key(r, table.n_cols) for r in table.rows[start:end])
        return ColumnMap(roles=_roles_of(naming, table.n_cols), header_start=start,
                         header_rows=end - start, header_keys=keys)
    return None
