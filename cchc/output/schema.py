"""The published JSON Schema of the record, generated from the record dataclasses.

pydantic reads the dataclasses' type hints, so the schema cannot drift from the code;
``schema/report.schema.json`` is the committed copy the data team reads, and a test checks
that it equals a fresh generation and that every sample's output validates against it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from cchc.record import SCHEMA_VERSION, ReportRecord


def report_schema() -> dict[str, Any]:
    schema = TypeAdapter(ReportRecord).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"cchc report record, schema_version {SCHEMA_VERSION}"
    return schema


def report_schema_json() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def validate_record_dict(data: dict[str, Any]) -> None:
    """Raise ``pydantic.ValidationError`` when ``data`` does not fit the record types."""
    TypeAdapter(ReportRecord).validate_python(data, strict=False)
