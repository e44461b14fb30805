"""Compare a cchc record with the generator's truth, field by field.

Fields: notes/semantics.md item 4.  Findings are aligned in table order with difflib on
(section, seq, shortcoming), so one invented or missing row costs its own fields and does not
shift every row after it; rows paired inside a "replace" block are compared field by field.
A missing or an invented finding counts as an error on each of its fields.  Records are read
with the entry the commands use (``process_file``; ``.doc`` through the batch's converter).
"""

from __future__ import annotations

import difflib
import importlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc.errors import DocumentError

from .render import find_soffice
from .truth import FINDING_FIELDS, REPORT_FIELDS

try:  # the package is being re-laid out (issue 12): the read entry lives in one of these
    from cchc.read import Options, load_settings, process_file
except ImportError:  # pragma: no cover - the layout before issue 12
    from cchc.read import Options, load_settings, process_file  # type: ignore[no-redef]

_SETTINGS: Any = None
_SCRATCH = Path(tempfile.mkdtemp(prefix="cchc-layouts-doc-"))


@dataclass(frozen=True)
class Mismatch:
    field: str  # "report.date", "findings[3].status", "finding" (missing/invented)
    expected: Any
    got: Any

    @property
    def kind(self) -> str:
        """The field without the finding index (``status``, ``report.date``, ``missing``)."""
        if self.field.startswith("report."):
            return self.field
        if "." in self.field:
            return self.field.rsplit(".", 1)[1]
        return f"finding {self.expected}"


@dataclass
class Score:
    right: int = 0
    total: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None  # the reader refused the file (code)

    @property
    def ratio(self) -> float:
        return self.right / self.total if self.total else 1.0


def read_record(path: Path) -> dict[str, Any]:
    """The record as the commands make it (raises ``DocumentError`` for refused input)."""
    global _SETTINGS
    if _SETTINGS is None:
        _SETTINGS = load_settings(Options())
    try:
        return dict(process_file(path, _SETTINGS).to_dict())
    except DocumentError as exc:
        if exc.code != "legacy_doc":
            raise
    # .doc not (yet) read by process_file itself: the batch's LibreOffice path (issue 9 item 6)
    for name in ("cchc.batch.work", "cchc.batch.work"):
        try:
            work = importlib.import_module(name)
        except ImportError:
            continue
        job = work.WorkerJob(Options(), find_soffice(), _SCRATCH, timeout=300)
        return dict(work.read_report(path, _SETTINGS, job).to_dict())
    raise RuntimeError("no reader for .doc found in cchc")


def _key(f: dict[str, Any], caseless: frozenset[str]) -> tuple[Any, Any, Any]:
    if caseless:
        return (_fold(f.get("section")), f.get("seq"), _fold(f.get("shortcoming")))
    return (f.get("section"), f.get("seq"), f.get("shortcoming"))


# Fields whose letter case a rendering cannot keep: TCVN3 has no codes for accented capitals
# (and all-caps runs are typed lowercase), so a document draws them with lowercase codes in
# the ``.VnTimeH`` font; printed to PDF without that font, the text layer holds lowercase
# letters ("Áp dụng" -> "áp dụng", "CẢI CÁCH" -> "cải cách") and no reader can know.
CASELESS = {"tcvn3_pdf": frozenset({"title", "section", "shortcoming", "remedy", "remedy_items",
                                    "owner", "deadline", "progress", "note"})}


def _fold(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def _same(name: str, want: Any, have: Any, caseless: frozenset[str]) -> bool:
    if name in caseless:
        return bool(_fold(want) == _fold(have))
    return bool(want == have)


def score_record(truth: dict[str, Any], got: dict[str, Any] | None, kind: str = "docx") -> Score:
    """Right fields over all fields; the mismatches with their expected and actual values."""
    caseless = CASELESS.get(kind, frozenset())
    score = Score()
    got_report = (got or {}).get("report") or {}
    for name in REPORT_FIELDS:
        score.total += 1
        want, have = truth["report"][name], got_report.get(name)
        if _same(name, want, have, caseless):
            score.right += 1
        else:
            score.mismatches.append(Mismatch(f"report.{name}", want, have))
    want_f = truth["findings"]
    got_f = (got or {}).get("findings") or []
    n = len(FINDING_FIELDS)
    matcher = difflib.SequenceMatcher(a=[_key(f, caseless) for f in want_f],
                                      b=[_key(f, caseless) for f in got_f], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            _compare(score, i, want_f[i], got_f[j], caseless)
        for i in range(i1 + len(pairs), i2):
            score.total += n
            score.mismatches.append(Mismatch(f"findings[{i}]", "missing", _brief(want_f[i])))
        for j in range(j1 + len(pairs), j2):
            score.total += n
            score.mismatches.append(Mismatch(f"findings[+{j}]", "invented", _brief(got_f[j])))
        del op
    return score


def _brief(f: dict[str, Any]) -> str:
    text = str(f.get("shortcoming") or "")
    return f"seq={f.get('seq')} section={f.get('section')!r} {text[:60]!r}"


def _compare(score: Score, index: int, want: dict[str, Any], got: dict[str, Any],
             caseless: frozenset[str]) -> None:
    for name in FINDING_FIELDS:
        score.total += 1
        if _same(name, want[name], got.get(name), caseless):
            score.right += 1
        else:
            score.mismatches.append(Mismatch(f"findings[{index}].{name}", want[name], got.get(name)))


def score_file(truth: dict[str, Any], path: Path, kind: str = "docx") -> Score:
    """Read ``path`` with cchc and score it; a refused file scores 0 on every field."""
    try:
        got = read_record(path)
    except DocumentError as exc:
        score = score_record(truth, None, kind)
        score.error = exc.code
        return score
    except RuntimeError as exc:  # no .doc reader importable
        score = score_record(truth, None, kind)
        score.error = str(exc)
        return score
    return score_record(truth, got, kind)
