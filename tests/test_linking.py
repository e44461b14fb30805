"""Following a shortcoming over time: the rule on hand-built findings, and the warehouse
answers ("latest status of every shortcoming", "what changed since last quarter") on both
engines, for two quarters of Sở Tư pháp's 2022 shortcomings."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pg
import pytest

from cchc.record import DeadlineKind, Finding, ReportMeta, ReportRecord, Source, Status
from cchc.warehouse.candidates import LinkTimeout
from cchc.warehouse.queries import changes_since_previous, latest_status, read_link_table
from cchc.warehouse.store import Warehouse, connect
from cchc.warehouse.tables import FINDING_LINKS, LINKED_REPORTS
from cchc.warehouse.threads import (
    SIMILARITY_THRESHOLD,
    FindingRef,
    Group,
    GroupDocument,
    codes_compatible,
    link_group,
    relink_group,
    relink_stale,
    report_sort_key,
    similarity,
    text_of,
    tokens,
)

EXPECTED = Path(__file__).parent.parent / "samples" / "expected"

# -- the rule, without a database ----------------------------------------------------------

SO_HOA = "Việc thực hiện số hóa hồ sơ, kết quả giải quyết TTHC còn thấp (Tiêu chí 3.2.1 và tiêu chí 7.2.5)"
SO_HOA_Q2 = "Việc số hóa hồ sơ, kết quả giải quyết TTHC tại Bộ phận Một cửa còn thấp (Tiêu chí 3.2.1)"
SANG_KIEN = "Không có sáng kiến/giải pháp mới trong CCHC được công nhận (Tiêu chí 1.7)"
TRUC_TUYEN = "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 94,5% (TC 7.1.1.4)"
TRUC_TUYEN_Q2 = "Tỷ lệ hồ sơ trực tuyến toàn trình mới đạt 96% (TC 7.1.1.4)"
KIEM_TRA = "Chưa hoàn thành kế hoạch kiểm tra CCHC (Tiêu chí 1.3)"
ISO = "Hệ thống ISO 9001:2015 chưa được cập nhật (Tiêu chí 7.2.6)"


def test_similarity_is_token_jaccard_over_folded_text() -> None:
    assert tokens("Chưa CÔNG KHAI thủ tục") == {"chua", "cong", "khai", "thu", "tuc"}
    assert similarity("Chưa công khai", "chua cong khai") == 1.0
    assert similarity("a b c d", "a b c e") == pytest.approx(3 / 5)
    assert similarity(None, "") == 0.0
    assert similarity(SO_HOA, SO_HOA_Q2) >= SIMILARITY_THRESHOLD
    assert similarity(TRUC_TUYEN, TRUC_TUYEN_Q2) >= SIMILARITY_THRESHOLD
    assert similarity(SO_HOA, TRUC_TUYEN) < SIMILARITY_THRESHOLD


def test_codes_must_overlap_unless_one_side_has_none() -> None:
    assert codes_compatible(["3.2.1", "7.2.5"], ["3.2.1"])
    assert not codes_compatible(["3.2.1"], ["7.2.5"])
    assert codes_compatible([], ["7.2.5"]) and codes_compatible(["1.3"], [])


def _doc(name: str, month: int, texts: list[tuple[str, tuple[str, ...]]]) -> GroupDocument:
    key = report_sort_key(2023, month, None, name)
    return GroupDocument(name, key, tuple(FindingRef(name, i, text, codes)
                                          for i, (text, codes) in enumerate(texts)))


def test_successive_reports_are_linked_into_threads() -> None:
    q1 = _doc("q1", 3, [(SANG_KIEN, ("1.7",)), (SO_HOA, ("3.2.1", "7.2.5")),
                        (TRUC_TUYEN, ("7.1.1.4",))])
    q2 = _doc("q2", 6, [(SO_HOA_Q2, ("3.2.1",)), (TRUC_TUYEN_Q2, ("7.1.1.4",)),
                        (KIEM_TRA, ("1.3",))])
    q3 = _doc("q3", 9, [(SANG_KIEN, ("1.7",)), (TRUC_TUYEN_Q2, ("7.1.1.4",))])
    orders, links = link_group([q3, q1, q2])  # given out of order: sorted by time
    assert orders == [("q1", 1), ("q2", 2), ("q3", 3)]
    thread = {(k.document_id, k.position): k.shortcoming_id for k in links}
    assert thread[("q2", 0)] == thread[("q1", 1)] == "q1:1"  # reworded, one code fewer
    assert thread[("q2", 1)] == thread[("q1", 2)] == thread[("q3", 1)] == "q1:2"
    assert thread[("q2", 2)] == "q2:2"  # new in Q2
    assert thread[("q3", 0)] == "q1:0"  # left out of Q2, written again in Q3: one thread
    previous = {(k.document_id, k.position): (k.previous_document_id, k.previous_position)
                for k in links}
    assert previous[("q3", 0)] == ("q1", 0) and previous[("q1", 0)] == (None, None)


def test_two_similar_findings_of_one_report_never_merge() -> None:
    q1 = _doc("q1", 3, [(TRUC_TUYEN, ("7.1.1.4",))])
    q2 = _doc("q2", 6, [(TRUC_TUYEN, ("7.1.1.4",)), (TRUC_TUYEN_Q2, ("7.1.1.4",))])
    _, links = link_group([q1, q2])
    assert [k.shortcoming_id for k in links] == ["q1:0", "q1:0", "q2:1"]  # best match wins
    assert links[1].similarity_pct == 100


def test_different_shortcomings_of_the_real_samples_never_link() -> None:
    """The threshold's evidence: no two findings of one sample report may be one thread."""
    worst = 0.0
    for path in sorted(EXPECTED.glob("*.json")):
        findings = json.loads(path.read_text(encoding="utf-8"))["findings"]
        for a, b in itertools.combinations(findings, 2):
            if codes_compatible(a["criteria"], b["criteria"]):
                worst = max(worst, similarity(a["shortcoming"], b["shortcoming"]))
    assert 0.3 < worst <= SIMILARITY_THRESHOLD - 0.1


# -- the warehouse -------------------------------------------------------------------------

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _finding(seq: int, shortcoming: str, criteria: list[str], status: Status,
             progress: str | None) -> Finding:
    return Finding(
        seq=seq, section=None, shortcoming=shortcoming, criteria=criteria,
        areas=sorted({int(c.split(".")[0]) for c in criteria}), remedy="Tăng cường chỉ đạo",
        remedy_items=["Tăng cường chỉ đạo"], owner=None, deadline="Quý IV/2023",
        deadline_kind=DeadlineKind.QUARTER, due_date="2023-12-31", progress=progress,
        status=status, status_evidence=None, overdue=False, note=None, pages=[], merged=[])


def _record(name: str, month: int, findings: list[Finding], agency_code: str = "STP") -> ReportRecord:
    return ReportRecord(
        source=Source(file=f"{name}.docx", sha256=_sha(name), format="docx", pages=None),
        report=ReportMeta(agency="Sở Tư pháp", agency_code=agency_code, symbol="BC-STP",
                          month=month, year=2023, assessed_year=2022),
        findings=findings, audit=[])


def stp_q1() -> ReportRecord:
    return _record("stp-q1", 3, [
        _finding(1, SANG_KIEN, ["1.7"], Status.NOT_STARTED, "Chưa triển khai"),
        _finding(2, SO_HOA, ["3.2.1", "7.2.5"], Status.IN_PROGRESS, "Đang số hóa 40%"),
        _finding(3, TRUC_TUYEN, ["7.1.1.4"], Status.IN_PROGRESS, "Đang triển khai"),
        _finding(4, ISO, ["7.2.6"], Status.IN_PROGRESS, "Đang cập nhật"),
    ])


def stp_q2() -> ReportRecord:
    return _record("stp-q2", 6, [
        _finding(1, SO_HOA_Q2, ["3.2.1"], Status.COMPLETED, "Đã hoàn thành số hóa"),
        _finding(2, TRUC_TUYEN_Q2, ["7.1.1.4"], Status.IN_PROGRESS, "Đang triển khai, đạt 96%"),
        _finding(3, ISO, ["7.2.6"], Status.IN_PROGRESS, "Đang cập nhật"),
        _finding(4, KIEM_TRA, ["1.3"], Status.NOT_STARTED, None),
    ])


def syt_q2() -> ReportRecord:
    return _record("syt-q2", 6, [_finding(1, KIEM_TRA, ["1.3"], Status.COMPLETED, "Xong")], "SYT")


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg.fresh_schema(pg.base_url()) as url:
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def wh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Warehouse]:
    target = str(tmp_path / "kho.duckdb") if request.param == "duckdb" else request.getfixturevalue("pg_url")
    with connect(target) as warehouse:
        warehouse.ensure_schema()
        yield warehouse


def _load(wh: Warehouse, record: ReportRecord, path: str | None = None) -> None:
    wh.load(record, source_path=path or f"/kho/{record.source.file}")
    relink_stale(wh)  # as ``cchc batch`` does after its loads


def _links(wh: Warehouse) -> pd.DataFrame:
    return read_link_table(wh, "finding_links")


def _report(wh: Warehouse, unit: str, month: int) -> str:
    """The id of a unit's report of one month (each test unit sends one report a quarter)."""
    reports = wh.read_table("reports")
    (found,) = reports.loc[(reports["unit_key"] == unit) & (reports["month"] == month), "id"]
    return str(found)


def test_latest_status_of_every_shortcoming(wh: Warehouse) -> None:
    for record in (stp_q1(), stp_q2(), syt_q2()):
        _load(wh, record)
    latest = latest_status(wh)
    stp = latest[latest["unit_key"] == "STP"]
    assert list(stp["shortcoming"]) == [SANG_KIEN, SO_HOA_Q2, TRUC_TUYEN_Q2, ISO, KIEM_TRA]
    assert list(stp["status"]) == ["not_started", "completed", "in_progress", "in_progress",
                                   "not_started"]
    assert list(stp["times_reported"]) == [1, 2, 2, 2, 1]
    assert list(stp["in_latest_report"]) == [False, True, True, True, True]
    assert list(stp["last_report_order"]) == [1, 2, 2, 2, 2]
    syt = latest[latest["unit_key"] == "SYT"]
    assert len(syt) == 1 and syt.iloc[0]["status"] == "completed"  # another unit: its own thread
    assert str(latest["times_reported"].dtype) == "Int64" and str(latest["status"].dtype) == "string"


def test_one_report_in_three_files_is_reported_once(wh: Warehouse) -> None:
    """Word, PDF and text copies of Q1 are one report: times_reported and report_order count
    reports, not files."""
    q1 = stp_q1()
    for fmt in ("docx", "pdf", "txt"):
        copy = dataclasses.replace(q1, source=Source(f"stp-q1.{fmt}", _sha(f"stp-q1 {fmt}"), fmt, None))
        _load(wh, copy)
    _load(wh, stp_q2())
    assert wh.counts()["reports"] == 2
    orders = read_link_table(wh, "linked_reports")
    assert sorted(orders["report_order"]) == [1, 2]
    latest = latest_status(wh)
    assert list(latest["times_reported"]) == [1, 2, 2, 2, 1]


def test_what_changed_since_the_previous_quarter(wh: Warehouse) -> None:
    for record in (stp_q1(), stp_q2(), syt_q2()):
        _load(wh, record)
    changes = changes_since_previous(wh)
    stp = changes[changes["unit_key"] == "STP"]
    assert list(zip(stp["change"], stp["shortcoming"], strict=True)) == [
        ("status_changed", SO_HOA_Q2), ("progress_changed", TRUC_TUYEN_Q2),
        ("new", KIEM_TRA), ("dropped", SANG_KIEN)]
    moved = stp.iloc[0]
    assert (moved["previous_status"], moved["current_status"]) == ("in_progress", "completed")
    assert moved["previous_report_id"] == _report(wh, "STP", 3)
    assert moved["current_report_id"] == _report(wh, "STP", 6)
    everything = changes_since_previous(wh, include_unchanged=True)
    assert list(everything[everything["change"] == "unchanged"]["shortcoming"]) == [ISO]
    syt = changes[changes["unit_key"] == "SYT"]
    assert list(syt["change"]) == ["new"]  # a unit's first report: everything is new


def test_reports_loaded_out_of_order_give_the_same_links(tmp_path: Path) -> None:
    frames = []
    for name, order in (("in", [stp_q1, stp_q2]), ("out", [stp_q2, stp_q1])):
        with connect(tmp_path / f"{name}.duckdb") as warehouse:
            warehouse.ensure_schema()
            for make in order:
                _load(warehouse, make())
            frames.append((_links(warehouse), read_link_table(warehouse, "linked_reports"),
                           {m: _report(warehouse, "STP", m) for m in (3, 6)}))
    pd.testing.assert_frame_equal(frames[0][0], frames[1][0])
    pd.testing.assert_frame_equal(frames[0][1], frames[1][1])
    reports, ids = frames[0][1], frames[0][2]
    assert dict(zip(reports["report_id"], reports["report_order"], strict=True)) == {
        ids[3]: 1, ids[6]: 2}


def test_a_replaced_report_is_relinked(wh: Warehouse) -> None:
    _load(wh, stp_q1())
    _load(wh, stp_q2(), "/kho/stp-q2.docx")
    corrected = dataclasses.replace(
        stp_q2(), source=Source("stp-q2.docx", _sha("stp-q2 v2"), "docx", None),
        findings=stp_q2().findings[:2])
    _load(wh, corrected, "/kho/stp-q2.docx")
    links = _links(wh)
    assert set(links["report_id"]) == {_report(wh, "STP", 3), _report(wh, "STP", 6)}
    assert wh.counts()["reports"] == 2  # the first Q2 file's report is gone
    assert len(links) == 4 + 2
    changes = changes_since_previous(wh)
    assert sorted(changes["change"]) == ["dropped", "dropped", "progress_changed", "status_changed"]


def test_relink_stale_repairs_loads_made_without_links(wh: Warehouse) -> None:
    wh.load(stp_q1(), source_path="/kho/q1.docx")  # e.g. a run killed before its links
    wh.load(stp_q2(), source_path="/kho/q2.docx")
    assert _links(wh).empty
    assert relink_stale(wh) == 1
    assert len(_links(wh)) == 8 and relink_stale(wh) == 0
    q1, q2 = _report(wh, "STP", 3), _report(wh, "STP", 6)
    wh.execute(f"DELETE FROM reports WHERE id = {wh.marker}", (q2,))
    assert relink_stale(wh) == 1  # links of a report that is gone
    assert set(_links(wh)["report_id"]) == {q1}


def test_a_report_without_unit_or_year_is_its_own_group(wh: Warehouse) -> None:
    record = dataclasses.replace(stp_q1(), report=ReportMeta(agency=None, agency_code=None))
    _load(wh, record)
    (report,) = wh.read_table("reports")["id"]
    reports = read_link_table(wh, "linked_reports")
    assert list(reports["group_key"]) == [f"report/{report}"]
    assert len(latest_status(wh)) == 4


def test_both_engines_give_the_same_answers(tmp_path: Path, pg_url: str) -> None:
    answers = []
    for target in (str(tmp_path / "kho.duckdb"), pg_url):
        with connect(target) as warehouse:
            warehouse.ensure_schema()
            for record in (stp_q1(), stp_q2(), syt_q2()):
                _load(warehouse, record)
            answers.append([latest_status(warehouse), changes_since_previous(warehouse),
                            read_link_table(warehouse, FINDING_LINKS.name),
                            read_link_table(warehouse, LINKED_REPORTS.name)])
    for duck, postgres in zip(*answers, strict=True):
        pd.testing.assert_frame_equal(duck, postgres)


# -- cost: candidates from an index, never all pairs; a time limit with a linear fallback -------

def _common_words_pair(n: int) -> tuple[GroupDocument, GroupDocument, list[str]]:
    """Two reports whose texts are all made of the same 40 words (a rare-token index prunes
    nothing there); the second copies each text of the first with its last word changed."""
    import random

    rng = random.Random(7)
    words = [f"tu{i}" for i in range(40)]
    first = [" ".join(rng.choices(words, k=rng.randint(12, 24))) for _ in range(n)]
    second = [text.rsplit(" ", 1)[0] + " khac" for text in first]
    return _doc("q1", 3, [(t, ()) for t in first]), _doc("q2", 6, [(t, ()) for t in second]), first


def test_texts_of_common_words_still_link_their_copies_with_bounded_work() -> None:
    from cchc.warehouse import candidates as cand

    q1, q2, first = _common_words_pair(600)
    heads = {f.key: text_of(f) for f in q1.findings}
    index = cand._Index(heads, [text_of(f) for f in q2.findings], SIMILARITY_THRESHOLD)
    looked_up = [index.lookup(text_of(f), skip=set()) for f in q2.findings]
    assert max(len(found) for found in looked_up) <= cand.VERIFY_CAP  # never all 600 heads
    _, links = link_group([q1, q2])
    expected = {}  # a copy links to its original when their Jaccard reaches the threshold
    for i, text in enumerate(first):
        copy = q2.findings[i].shortcoming
        if similarity(text, copy) >= SIMILARITY_THRESHOLD:
            expected[i] = f"q1:{i}"
    got = {k.position: k.shortcoming_id for k in links if k.document_id == "q2"}
    matched = sum(got[i] == thread for i, thread in expected.items())
    assert len(expected) > 500 and matched >= 0.99 * len(expected)


def test_a_group_past_its_time_limit_gets_exact_links_only(
        wh: Warehouse, caplog: pytest.LogCaptureFixture) -> None:
    q1 = _doc("q1", 3, [(SO_HOA, ("3.2.1",)), (ISO, ("7.2.6",))])
    q2 = _doc("q2", 6, [(SO_HOA_Q2, ("3.2.1",)), (ISO, ("7.2.6",))])
    with pytest.raises(LinkTimeout):
        link_group([q1, q2], time_limit=0.0)
    _, links = link_group([q1, q2], exact_only=True)
    assert [k.shortcoming_id for k in links[2:]] == ["q2:0", "q1:1"]  # reworded: not linked
    _load(wh, stp_q1())
    wh.load(stp_q2(), source_path="/kho/q2.docx")
    group = Group("STP", 2022, _report(wh, "STP", 6))
    with caplog.at_level("WARNING"):
        relink_group(wh, group, time_limit=0.0)
    assert "exact links only" in caplog.text
    links = _links(wh)
    q2_id = _report(wh, "STP", 6)
    continued = links[(links["report_id"] == q2_id) & links["previous_report_id"].notna()]
    assert len(continued) == 1  # only ISO, copied word for word, continues its thread
