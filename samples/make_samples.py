"""Write the sample Word reports of ``samples/`` and their expected records.

Usage: ``.venv/bin/python samples/make_samples.py`` (``make samples``).

Each sample module in ``samples/samplegen/`` holds the literal rows of one report: the text
that goes into each cell and, beside it, the values decided by reading the row with the rules
of ``docs/record-format.md``.  This script writes the ``.docx`` from that data and the
expected record ``samples/expected/<stem>.json`` from the same data; it never runs ``cchc``.
The .docx bytes are deterministic (fixed core properties and zip dates), so ``source.sha256``
is the sha256 of the written file; the script builds every document twice and refuses to
write a sha256 it could not reproduce.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from samplegen import camxuyen, invitation, snv, stp, stttt, syt  # noqa: E402
from samplegen.build import report_bytes  # noqa: E402
from samplegen.expected import build_record  # noqa: E402
from samplegen.spec import ReportSpec  # noqa: E402

# The STTTT report again, drawn with column rules only (no lines between rows): same content,
# so the same expected record under its own file name.
STTTT_NO_ROW_RULES = dataclasses.replace(stttt.SPEC, stem="stttt_2023_q3_no_row_rules", row_rules=False)
REPORTS: list[ReportSpec] = [stp.SPEC, syt.SPEC, camxuyen.SPEC, snv.SPEC, stttt.SPEC,
                             STTTT_NO_ROW_RULES]
EXPECTED_DIR = HERE / "expected"


def stable_bytes(build: Any, arg: Any) -> tuple[bytes, bool]:
    """Build twice; the bytes and whether both builds were identical."""
    first, second = build(arg), build(arg)
    return first, first == second


def write_json(path: Path, record: dict[str, Any]) -> None:
    """Pretty, UTF-8 (Vietnamese as written, not ``\\u`` escapes), newline at the end."""
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_report(spec: ReportSpec) -> str:
    """Write one report and its expected record; return a one-line summary."""
    data, stable = stable_bytes(report_bytes, spec)
    docx_path = HERE / f"{spec.stem}.docx"
    docx_path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest() if stable else None
    record = build_record(spec, sha)
    write_json(EXPECTED_DIR / f"{spec.stem}.json", record)
    state = "deterministic" if stable else "NOT deterministic: sha256 written as null"
    return f"{docx_path.name}: {len(record['findings'])} findings, " \
           f"{len(record['audit'])} audit entries, {state}"


def main() -> int:
    """Write every sample; the meeting invitation has no expected record (no appendix)."""
    EXPECTED_DIR.mkdir(exist_ok=True)
    for spec in REPORTS:
        print(write_report(spec))
    data, stable = stable_bytes(invitation.invitation_bytes, None)
    (HERE / f"{invitation.STEM}.docx").write_bytes(data)
    print(f"{invitation.STEM}.docx: no appendix (no expected record), "
          f"{'deterministic' if stable else 'NOT deterministic'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
