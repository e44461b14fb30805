"""Golden tests: every sample report against its expected record, written by reading it.

The expected JSON in ``samples/expected/<stem>.json`` was written from the document (see
samples/README.md), never from this program's output.  A Word sample must match it on
every field; a PDF or text rendering of the same report must match it on every field but
``pages`` and ``source`` (the parity the format-agnostic design promises).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cchc.output.schema import validate_record_dict
from cchc.read import Options, load_settings, process_file
from cchc.record import ReportRecord

SAMPLES = Path(__file__).parent.parent / "samples"
EXPECTED = sorted((SAMPLES / "expected").glob("*.json"))
SETTINGS = load_settings(Options())


def _renderings(expected: Path) -> list[Path]:
    return [p for p in sorted(SAMPLES.glob(expected.stem + ".*")) if p.suffix in (".docx", ".pdf", ".txt")]


CASES = [(e, r) for e in EXPECTED for r in _renderings(e)]


def _audit_keys(doc: dict[str, Any]) -> list[tuple[str, str, str, int | None]]:
    return [(a["severity"], a["code"], a["field"], a["seq"]) for a in doc["audit"]]


def _run(path: Path) -> dict[str, Any]:
    record: ReportRecord = process_file(path, SETTINGS)
    return record.to_dict()


def test_every_expected_has_a_sample() -> None:
    assert EXPECTED, "no expected records in samples/expected"
    assert all(_renderings(e) for e in EXPECTED)


@pytest.mark.parametrize(("expected_path", "sample"), CASES, ids=[r.name for _, r in CASES])
def test_sample_matches_expected(expected_path: Path, sample: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    actual = _run(sample)
    validate_record_dict(actual)
    same_format = sample.suffix.lstrip(".") == expected["source"]["format"]
    if same_format:
        for key in ("file", "format", "pages"):
            assert actual["source"][key] == expected["source"][key], key
        if expected["source"].get("sha256"):
            assert actual["source"]["sha256"] == expected["source"]["sha256"]
    assert actual["report"] == expected["report"]
    assert len(actual["findings"]) == len(expected["findings"])
    for got, want in zip(actual["findings"], expected["findings"], strict=True):
        if not same_format:
            got, want = {**got, "pages": None}, {**want, "pages": None}
        assert got == want, f"finding seq={want['seq']}"
    assert _audit_keys(actual) == _audit_keys(expected)
