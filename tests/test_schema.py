"""The published JSON Schema is the one the record types generate, and every expected record fits it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.output.schema import report_schema_json, validate_record_dict

ROOT = Path(__file__).parent.parent


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == report_schema_json(), "run `cchc schema > schema/report.schema.json`"


@pytest.mark.parametrize("path", sorted((ROOT / "samples" / "expected").glob("*.json")), ids=lambda p: p.name)
def test_expected_records_fit_the_schema(path: Path) -> None:
    validate_record_dict(json.loads(path.read_text(encoding="utf-8")))


def test_a_record_with_a_wrong_type_is_refused() -> None:
    doc = json.loads((ROOT / "samples" / "expected" / "stp_2023_q1.json").read_text(encoding="utf-8"))
    doc["findings"][0]["status"] = "done"
    with pytest.raises(ValueError):
        validate_record_dict(doc)
