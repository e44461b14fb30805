"""The one real document: the seed appendix, exported page by page from a PDF.

Each assertion below was read off ``samples/seed_stp_2023_q1.txt`` (a copy of
``shared/seed/000_21caff40ca806bb2.txt``); the full golden record is checked in test_samples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.read import Options, load_settings, process_file

SEED = Path(__file__).parent.parent / "samples" / "seed_stp_2023_q1.txt"


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    return process_file(SEED, load_settings(Options())).to_dict()


def by_seq(record: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {f["seq"]: f for f in record["findings"]}


def test_fifteen_findings_in_order(record: dict[str, Any]) -> None:
    assert [f["seq"] for f in record["findings"]] == list(range(1, 16))


def test_row_cut_by_a_page_break_is_whole(record: dict[str, Any]) -> None:
    row3 = by_seq(record)[3]
    assert row3["criteria"] == ["3.2.1", "7.2.5"]
    assert row3["shortcoming"].endswith("(Tiêu chí 3.2.1 và tiêu chí 7.2.5)")
    assert row3["deadline"] == "Thường xuyên trong năm 2023"
    assert row3["deadline_kind"] == "recurring" and row3["due_date"] == "2023-12-31"
    assert row3["remedy_items"] == [
        "Tăng cường chỉ đạo việc thực hiện công tác này;",
        "Bố trí nhân lực và cơ sở vật chất cần thiết để đảm bảo việc triển khai thực hiện."]
    assert row3["pages"] == [1, 2]


def test_rows_6_and_7_share_remedy_deadline_and_progress(record: dict[str, Any]) -> None:
    six, seven = by_seq(record)[6], by_seq(record)[7]
    for field in ("remedy", "deadline", "progress"):
        assert six[field] == seven[field]
    assert six["remedy"].endswith("kỷ cương hành chính, nội quy, quy chế làm việc của cơ quan, "
                                  "văn minh, văn hóa công sở.")
    assert seven["progress"].endswith("kỷ luật, kỷ cương hành chính và văn minh, văn hóa công sở.")
    assert seven["deadline"] == "Trong năm 2023"
    assert seven["criteria"] == ["5.8.2.2"]  # "(Tiêu" / "chí 5.8.2.2)" across the break
    assert six["merged"] == seven["merged"] == ["remedy", "deadline", "progress"]


def test_report_metadata_and_blank_number(record: dict[str, Any]) -> None:
    report = record["report"]
    assert (report["agency"], report["agency_code"], report["symbol"]) == ("Sở Tư pháp", "STP", "BC-STP")
    assert report["number"] is None and report["date"] is None
    assert (report["month"], report["year"], report["assessed_year"]) == (3, 2023, 2022)
    codes = {a["code"] for a in record["audit"] if a["seq"] is None}
    assert {"report_number_blank", "report_date_blank"} <= codes


def test_numbers_next_to_codes_are_not_codes(record: dict[str, Any]) -> None:
    rows = by_seq(record)
    assert rows[4]["criteria"] == ["4.1.1"]  # beside Nghị định số 107/2020/NĐ-CP
    assert rows[10]["criteria"] == ["7.1.1.4"]  # beside 94,5%
    assert rows[11]["criteria"] == ["7.1.1.7"]  # beside 2853/QĐ-UBND ngày 11/8/2021


def test_converter_debris_is_gone(record: dict[str, Any]) -> None:
    assert all("<ul" not in (f["remedy"] or "") for f in record["findings"])
    assert by_seq(record)[8]["due_date"] == "2023-03-31"  # Quý I/2023
