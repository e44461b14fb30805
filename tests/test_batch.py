"""``cchc batch`` as the analysts run it: real sample files, real worker processes, a real
DuckDB file and a real PostgreSQL schema.

What they rely on: every file of the folder appears in the run log with its outcome, the
good reports are all loaded and the exit status says some failed; a second run changes no
row; a run killed with SIGKILL and started again ends with every report loaded exactly
once; a file that hangs its reader is stopped and the rest still load.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pg
import pytest

from cchc.batch import work
from cchc.batch.discover import discover
from cchc.batch.pool import WorkerPool
from cchc.batch.progress import Progress
from cchc.batch.runlog import Outcome, RunLog, read_run_log
from cchc.batch.runner import BatchConfig, _Run
from cchc.batch.work import run_task
from cchc.batch.worker import Task, WorkerJob, WorkResult
from cchc.cli.main import main as cli_main
from cchc.output.files import output_names
from cchc.read import Options, load_settings, process_file
from cchc.record import ReportRecord
from cchc.vocabulary import clock, vn_decimal
from cchc.warehouse.queries import latest_status, read_link_table
from cchc.warehouse.store import connect
from cchc.warehouse.threads import LINK_TABLES

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed_stp_2023_q1.txt"
EXPECTED = {p.stem: len(json.loads(p.read_text(encoding="utf-8"))["findings"])
            for p in (SAMPLES / "expected").glob("*.json")}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run(*argv: str | Path) -> int:
    """``cchc batch …`` in this process (workers are still separate processes)."""
    return cli_main(["batch", *map(str, argv)])


def log_of(path: Path) -> dict[str, dict[str, str]]:
    """The run log keyed by file name."""
    return {Path(row["path"]).name: row for row in read_run_log(path)}


def snapshot(target: str) -> dict[str, pd.DataFrame]:
    with connect(target) as wh:
        tables = {name: wh.read_table(name) for name in wh.table_names()}
        tables.update({t.name: read_link_table(wh, t.name) for t in LINK_TABLES})
    return tables


def assert_same_tables(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)


# -- the mixed folder, on both engines -----------------------------------------------------

def mixed_folder(root: Path) -> dict[str, tuple[str, str]]:
    """Good samples, a report without appendix and unreadable files; name → (outcome, code)."""
    root.mkdir(parents=True)
    expected = {}
    for sample in [*SAMPLES.glob("*.docx"), *SAMPLES.glob("*.pdf"), SEED]:
        shutil.copy(sample, root / sample.name)
        good = sample.stem != "not_a_report"
        expected[sample.name] = ("loaded", "") if good else ("failed", "no_appendix")
    junk = root / "phong_ban"  # junk one folder down: the walk is recursive
    junk.mkdir()
    (junk / "rac.pdf").write_bytes(random.Random(5).randbytes(4096))
    (junk / "trong.docx").write_bytes(b"")
    (junk / "nhi_phan.txt").write_bytes(bytes(range(256)) * 16)
    expected.update({"rac.pdf": ("failed", "unknown_format"),
                     "trong.docx": ("failed", "empty_file"),
                     "nhi_phan.txt": ("failed", "unknown_format")})
    return expected


@dataclass
class TwoRuns:
    """A batch over the mixed folder, then the same batch again."""

    target: str
    expected: dict[str, tuple[str, str]]
    codes: tuple[int, int]
    logs: tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]
    tables: tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]
    counts: dict[str, int]
    summary: str
    out: Path


def two_runs(target: str, work_dir: Path) -> TwoRuns:
    expected = mixed_folder(work_dir / "quy_2")
    out = work_dir / "out"
    codes, logs, tables, summaries = [], [], [], []
    for _ in range(2):
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            codes.append(run(work_dir / "quy_2", "--db", target, "-o", out, "--workers", 2))
        summaries.append(stdout.getvalue())
        logs.append(log_of(out / "run_log.csv"))
        tables.append(snapshot(target))
    with connect(target) as wh:
        counts = wh.counts()
    return TwoRuns(target, expected, (codes[0], codes[1]), (logs[0], logs[1]),
                   (tables[0], tables[1]), counts, summaries[0], out)


@pytest.fixture(scope="module")
def duckdb_runs(tmp_path_factory: pytest.TempPathFactory) -> TwoRuns:
    work_dir = tmp_path_factory.mktemp("duckdb")
    return two_runs(str(work_dir / "kho" / "cchc.duckdb"), work_dir)


@pytest.fixture(scope="module")
def postgresql_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    with pg.fresh_schema(pg.base_url()) as url:
        yield two_runs(url, tmp_path_factory.mktemp("postgresql"))


@pytest.fixture(params=["duckdb", "postgresql"])
def runs(request: pytest.FixtureRequest) -> TwoRuns:
    result: TwoRuns = request.getfixturevalue(f"{request.param}_runs")
    return result


def test_every_file_is_logged_with_its_outcome_and_the_good_ones_load(runs: TwoRuns) -> None:
    first = runs.logs[0]
    assert runs.codes[0] == 1  # some files failed
    assert {name: (row["outcome"], row["error_code"]) for name, row in first.items()} == runs.expected
    for name, row in first.items():
        assert len(row["sha256"]) == 64, name
        if row["outcome"] == "loaded":
            assert int(row["findings"]) == EXPECTED.get(Path(name).stem, int(row["findings"])) > 0
        else:
            assert row["message"], name
    good = [n for n, (outcome, _) in runs.expected.items() if outcome == "loaded"]
    assert len(good) >= 11
    assert runs.counts["documents"] == len(runs.expected)  # every file seen, failed ones too
    written = [json.loads(p.read_text(encoding="utf-8")) for p in runs.out.glob("*.json")]
    assert sorted(doc["source"]["file"] for doc in written) == sorted(good)  # one JSON each
    # The samples hold one report per unit (its Word, PDF, legacy-encoded and text copies):
    # the warehouse counts each once, with the findings its expected record lists.
    reports: dict[tuple[object, ...], str] = {}
    for doc in written:
        meta = doc["report"]
        reports.setdefault((meta["agency_code"], meta["year"], meta["month"]),
                           Path(doc["source"]["file"]).stem)
    assert runs.counts["reports"] == len(reports) == 5
    assert runs.counts["findings"] == sum(EXPECTED[stem] for stem in reports.values())


def test_the_summary_counts_in_vietnamese(runs: TwoRuns) -> None:
    lines = runs.summary.splitlines()
    good = sum(outcome == "loaded" for outcome, _ in runs.expected.values())
    assert lines[0].startswith(f"Kết quả xử lý: {len(runs.expected)} tệp")
    assert any(line.split()[:2] == ["Nạp", "mới"] and line.split()[-1] == str(good) for line in lines)
    failed = next(line for line in lines if line.strip().startswith("Lỗi (failed)"))
    assert "5" in failed.split() and "no_appendix: 2" in failed and "unknown_format: 2" in failed


def test_a_second_run_changes_no_row_and_logs_unchanged(runs: TwoRuns) -> None:
    assert_same_tables(runs.tables[0], runs.tables[1])
    second = runs.logs[1]
    assert second.keys() == runs.logs[0].keys()
    for name, (outcome, code) in runs.expected.items():
        want = "unchanged" if outcome == "loaded" else outcome
        assert (second[name]["outcome"], second[name]["error_code"]) == (want, code), name
        assert second[name]["sha256"] == runs.logs[0][name]["sha256"]
    assert runs.codes[1] == 1


def test_both_engines_hold_the_same_counts_and_links(duckdb_runs: TwoRuns,
                                                     postgresql_runs: TwoRuns) -> None:
    assert duckdb_runs.counts == postgresql_runs.counts
    duck, postgres = duckdb_runs.tables[1], postgresql_runs.tables[1]
    for name in ("findings", "finding_criteria", "audit_entries", "finding_links"):
        pd.testing.assert_frame_equal(duck[name], postgres[name], obj=name)
    with connect(duckdb_runs.target) as a, connect(postgresql_runs.target) as b:
        pd.testing.assert_frame_equal(latest_status(a), latest_status(b))


def test_the_same_report_in_three_formats_is_one_thread_per_shortcoming(duckdb_runs: TwoRuns) -> None:
    """Word, PDF and text export of Sở Tư pháp's report: the readers agree, so links hold."""
    with connect(duckdb_runs.target) as wh:
        latest = latest_status(wh)
        documents = wh.read_table("documents")
        reports = wh.read_table("reports")
    copies = documents[documents["agency_code"] == "STP"]
    stp = latest[latest["unit_key"] == "STP"]
    assert len(copies) >= 3 and copies["report_id"].nunique() == 1  # the files: one report
    assert int((reports["unit_key"] == "STP").sum()) == 1
    assert len(stp) == EXPECTED["stp_2023_q1"]
    assert set(stp["times_reported"]) == {1}  # reported once, however many files carried it


# -- resumability ----------------------------------------------------------------------------

def variants(folder: Path, count: int) -> dict[str, str]:
    """``count`` distinct good reports made from the samples; name → sample stem.

    Text exports with another percentage, Word files with a ZIP comment, and every fifth
    a PDF with a trailing comment (the two quickest PDFs: the test must stay fast).
    """
    folder.mkdir(parents=True, exist_ok=True)
    seed_text = SEED.read_text(encoding="utf-8")
    docx = ["stp_2023_q1", "syt_2023_q2", "stttt_2023_q3", "ubnd_camxuyen_2023", "snv_2023_long"]
    pdf = ["stttt_2023_q3", "ubnd_camxuyen_2023"]
    made = {}
    for i in range(count):
        if i % 5 == 4:
            stem = pdf[i % 2]
            name = f"v{i:02d}_{stem}.pdf"
            shutil.copy(SAMPLES / f"{stem}.pdf", folder / name)
            with open(folder / name, "ab") as f:
                f.write(f"\n% variant {i}\n".encode())
        elif i % 2:
            stem = docx[i % len(docx)]
            name = f"v{i:02d}_{stem}.docx"
            shutil.copy(SAMPLES / f"{stem}.docx", folder / name)
            with zipfile.ZipFile(folder / name, "a") as z:
                z.comment = f"variant {i}".encode()
        else:
            stem, name = SEED.stem, f"v{i:02d}_seed.txt"
            (folder / name).write_text(seed_text.replace("94,5%", f"{60 + i},5%"), encoding="utf-8")
        made[name] = stem
    return made


def _loaded_rows(log: Path) -> int:
    try:
        return log.read_text(encoding="utf-8-sig").count(",loaded,")
    except FileNotFoundError:
        return 0


def test_a_batch_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    folder, target, log = tmp_path / "quy_3", str(tmp_path / "cchc.duckdb"), tmp_path / "run.csv"
    # Enough files that the run log is written in several groups (50 files or 1 s each): with
    # 30, a fast machine read and logged them all in the first group, before the kill.
    made = variants(folder, 120)
    command = [sys.executable, "-m", "cchc", "batch", str(folder), "--db", target,
               "--log", str(log), "--workers", "2"]
    with open(tmp_path / "stderr.txt", "wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        deadline = time.monotonic() + 60
        while _loaded_rows(log) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
    first = read_run_log(log)
    assert process.returncode == -signal.SIGKILL and 3 <= len(first) < len(made)  # really mid-run
    loaded_before = {Path(r["path"]).name for r in first if r["outcome"] == "loaded"}

    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    second = log_of(log)
    assert second.keys() == made.keys()
    loaded_now = {n for n, r in second.items() if r["outcome"] == "loaded"}
    unchanged_now = {n for n, r in second.items() if r["outcome"] == "unchanged"}
    assert loaded_now | unchanged_now == made.keys()
    assert not loaded_now & loaded_before and loaded_before <= unchanged_now

    with connect(target) as wh:
        documents, findings = wh.read_table("documents"), wh.read_table("findings")
        links = read_link_table(wh, "finding_links")
    assert len(documents) == len(made) and documents["source_path"].is_unique
    # Reports, by the rule: a seed variant is a report of its own (its changed percentage is
    # in a shortcoming, and its blank number makes content its identity); the Word and PDF
    # variants of one sample are copies of that sample's one report.
    reports = {name if stem == SEED.stem else stem: stem for name, stem in made.items()}
    assert len(findings) == sum(EXPECTED[stem] for stem in reports.values())
    assert not findings.duplicated(["report_id", "position"]).any()
    assert len(links) == len(findings)  # the killed run's links were repaired


def test_a_changed_file_at_the_same_path_replaces_its_rows(tmp_path: Path) -> None:
    folder, target = tmp_path / "in", str(tmp_path / "cchc.duckdb")
    folder.mkdir()
    report = folder / "stp.txt"
    shutil.copy(SEED, report)
    assert run(folder, "--db", target, "--log", tmp_path / "1.csv", "--workers", 1) == 0
    report.write_text(SEED.read_text(encoding="utf-8").replace("94,5%", "97,5%"), encoding="utf-8")
    assert run(folder, "--db", target, "--log", tmp_path / "2.csv", "--workers", 1) == 0
    row = log_of(tmp_path / "2.csv")["stp.txt"]
    assert row["outcome"] == "replaced" and row["sha256"] != log_of(tmp_path / "1.csv")["stp.txt"]["sha256"]
    old = log_of(tmp_path / "1.csv")["stp.txt"]["sha256"]
    with connect(target) as wh:
        documents = wh.read_table("documents").set_index("id")
        assert documents["outcome"].to_dict() == {old: "replaced", row["sha256"]: "loaded"}
        assert wh.counts()["reports"] == 1 and wh.counts()["findings"] == EXPECTED[SEED.stem]
        report = documents.loc[row["sha256"], "report_id"]
        assert set(read_link_table(wh, "finding_links")["report_id"]) == {report}


# -- files that hang, crash or need LibreOffice --------------------------------------------

def slow_pdf(path: Path, pages: int = 300) -> None:
    """A real PDF that takes the reader about a minute: pages of a dense ruled table.

    Written by hand (no PDF library needed): every page is a 30 × 8 grid of lines with text
    in each cell, so the reader finds a table on every page and reads it all.
    """
    grid = [f"40 {800 - r * 25} m 560 {800 - r * 25} l S" for r in range(31)]
    grid += [f"{40 + c * 65} 800 m {40 + c * 65} 50 l S" for c in range(9)]
    objects = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pages_ref = 2 + 2 * pages
    for p in range(pages):
        cells = [f"BT /F1 8 Tf {44 + c * 65} {785 - r * 25} Td (o {p} {r} {c}) Tj ET"
                 for r in range(30) for c in range(8)]
        stream = "\n".join(grid + cells).encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 600 842] /Resources "
                       b"<< /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % (pages_ref, len(objects)))
    kids = " ".join(f"{3 + 2 * p} 0 R" for p in range(pages)).encode()
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    body, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    path.write_bytes(bytes(body))


def test_a_file_that_hangs_is_stopped_and_the_rest_load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    slow_pdf(folder / "a_treo.pdf")  # sorted first: the one worker is stuck on it
    shutil.copy(SEED, folder / "b_seed.txt")
    shutil.copy(SAMPLES / "syt_2023_q2.docx", folder / "c_syt.docx")
    started = time.monotonic()
    code = run(folder, "--db", tmp_path / "cchc.duckdb", "--log", tmp_path / "log.csv",
               "--workers", 1, "--timeout", 3)
    assert time.monotonic() - started < 30
    log = log_of(tmp_path / "log.csv")
    assert code == 1
    assert (log["a_treo.pdf"]["outcome"], log["a_treo.pdf"]["error_code"]) == ("failed", "timeout")
    assert float(log["a_treo.pdf"]["seconds"]) >= 3
    assert log["b_seed.txt"]["outcome"] == log["c_syt.docx"]["outcome"] == "loaded"  # a new worker


def test_a_worker_that_dies_is_reported_and_replaced(tmp_path: Path) -> None:
    slow_pdf(tmp_path / "chet.pdf", pages=100)
    job = WorkerJob(Options(), None, tmp_path, timeout=60)
    tasks = [Task(0, str(tmp_path / "chet.pdf")), Task(1, str(SEED))]
    with WorkerPool(1, job) as pool:
        def kill_when_busy() -> None:
            while not (pool._slots and pool._slots[0].task is not None):
                time.sleep(0.05)
            time.sleep(0.3)
            pool._slots[0].process.kill()  # what the OOM killer would do

        killer = threading.Thread(target=kill_when_busy)
        killer.start()
        results = {r.index: r for r in pool.run(tasks)}
        killer.join()
    assert (results[0].status, results[0].code) == ("failed", "worker_crashed")
    assert results[1].status == "ok" and results[1].record is not None


def test_legacy_doc_is_skipped_when_libreoffice_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cu.doc").write_bytes(OLE_MAGIC + bytes(504))
    shutil.copy(SEED, folder / "seed.txt")
    monkeypatch.setenv("PATH", str(tmp_path / "khong_co_gi"))
    assert run(folder, "--db", tmp_path / "cchc.duckdb", "--log", tmp_path / "log.csv",
               "--workers", 1) == 0  # skipped is not failed
    row = log_of(tmp_path / "log.csv")["cu.doc"]
    assert (row["outcome"], row["error_code"]) == ("skipped", "soffice_missing")


WORD97_SOURCE = """<html><head><meta charset="utf-8"></head><body>
<p>UBND TỈNH HÀ TĨNH</p><p>SỞ Y TẾ</p><p>Số: 45/BC-SYT</p><p>Hà Tĩnh, ngày 20 tháng 6 năm 2023</p>
<p>BÁO CÁO</p><p>Kết quả khắc phục tồn tại, hạn chế Chỉ số CCHC năm 2022</p>
<p>PHỤ LỤC</p><p>Kết quả khắc phục những tồn tại, hạn chế trong Chỉ số CCHC năm 2022</p>
<table border="1">
<tr><td>TT</td><td>Tồn tại, hạn chế</td><td>Giải pháp khắc phục</td><td>Thời gian hoàn thành</td>
<td>Tiến độ thực hiện</td></tr>
<tr><td>1</td><td>Chưa công khai TTHC đúng quy định (Tiêu chí 3.1.2)</td><td>Rà soát, công khai</td>
<td>Quý II/2023</td><td>Đã hoàn thành</td></tr>
<tr><td>2</td><td>Tỷ lệ hồ sơ trực tuyến thấp (Tiêu chí 7.1.2.3)</td><td>Hướng dẫn nộp hồ sơ</td>
<td>Tháng 9/2023</td><td>Đang thực hiện</td></tr>
</table></body></html>"""


@pytest.mark.skipif(shutil.which("soffice") is None and os.environ.get("CI") != "true",
                    reason="LibreOffice is not installed (under CI=true the test runs and fails)")
def test_legacy_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    """A real Word 97 file, written by LibreOffice from a small HTML report (one call; the
    samples themselves lose their appendix tables in LibreOffice 7.4's docx → doc export)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "bc.html").write_text(WORD97_SOURCE, encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(folder),
                    str(tmp_path / "bc.html")], check=True, capture_output=True, timeout=120)
    (folder / "bc.doc").rename(folder / "syt_cu.doc")
    assert (folder / "syt_cu.doc").read_bytes().startswith(OLE_MAGIC)
    assert run(folder, "--db", tmp_path / "cchc.duckdb", "-o", tmp_path / "out",
               "--workers", 1) == 0
    row = log_of(tmp_path / "out" / "run_log.csv")["syt_cu.doc"]
    assert row["outcome"] == "loaded" and row["findings"] == "2"
    record = json.loads(next((tmp_path / "out").glob("syt_cu_*.json")).read_text(encoding="utf-8"))
    assert record["source"]["file"] == "syt_cu.doc" and record["source"]["sha256"] == row["sha256"]
    assert record["report"]["agency_code"] == "SYT"
    assert [f["criteria"] for f in record["findings"]] == [["3.1.2"], ["7.1.2.3"]]


def test_a_defect_in_our_code_is_one_failed_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object) -> ReportRecord:
        raise KeyError("cột không có")

    monkeypatch.setattr(work, "process_file", broken)
    job = WorkerJob(Options(), None, tmp_path, timeout=5)
    result = run_task(Task(0, str(SEED)), load_settings(Options()), job)
    assert (result.status, result.code) == ("failed", "internal_error")
    assert "KeyError" in (result.message or "") and "Traceback" in (result.detail or "")
    monkeypatch.undo()
    missing = run_task(Task(1, str(tmp_path / "mat.txt")), load_settings(Options()), job)
    assert (missing.status, missing.code) == ("failed", "file_error")


# -- discovery, names, usage -----------------------------------------------------------------

def test_discovery_walks_folders_expands_globs_and_names_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / ".git").mkdir()
    for name in ("a/x.docx", "a/sub/y.PDF", "a/notes.xlsx", "a/~$x.docx", "a/._y.pdf",
                 "a/.git/z.txt", "b.txt", "c.bin"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    found = discover([str(tmp_path / "a"), str(tmp_path / "*.txt"), str(tmp_path / "b.txt"),
                      str(tmp_path / "c.bin")])
    assert [(c.path.relative_to(tmp_path).as_posix(), c.skip) for c in found] == [
        ("a/._y.pdf", "hidden_file"), ("a/sub/y.PDF", None), ("a/x.docx", None),
        ("a/~$x.docx", "office_lock_file"), ("b.txt", None), ("c.bin", None)]


@pytest.mark.parametrize("argv", [["khong_co_thu_muc"], ["*.khong_co"], ["rong"]])
def test_nothing_to_read_is_a_usage_error(argv: list[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rong").mkdir()
    assert run(*argv, "--db", tmp_path / "cchc.duckdb") == 2
    assert "cchc batch:" in capsys.readouterr().err
    assert not (tmp_path / "cchc.duckdb").exists()


def test_bad_arguments_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in (["--workers", "0"], ["--timeout", "-1"]):  # no --db: the default warehouse (cli.common)
        argv = [str(SEED), *bad, "--db", str(tmp_path / "k.duckdb")]
        with pytest.raises(SystemExit) as info:
            run(*argv)
        assert info.value.code == 2
    assert run(SEED, "--db", tmp_path / "k.duckdb", "--units", tmp_path / "khong.json") == 2
    assert "khong.json" in capsys.readouterr().err


def test_duplicate_content_in_one_batch_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "q1").mkdir(parents=True)
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(SEED, folder / "q1" / "seed_copy.txt")
    assert run(folder, "--db", tmp_path / "cchc.duckdb", "--log", tmp_path / "l.csv",
               "--workers", 1) == 0
    log = log_of(tmp_path / "l.csv")
    assert log["seed_copy.txt"]["outcome"] == "loaded"  # q1/ sorts before seed.txt
    assert (log["seed.txt"]["outcome"], log["seed.txt"]["error_code"]) == ("skipped", "duplicate_content")


def test_output_names_stay_unique_across_folders() -> None:
    paths = [Path("/q/a/bc.docx"), Path("/q/b/bc.docx"), Path("/q/a/bc.pdf"), Path("/q/x.txt")]
    assert output_names(paths) == {paths[0]: "a_bc_docx", paths[1]: "b_bc_docx",
                                   paths[2]: "bc_pdf", paths[3]: "x"}


# -- progress --------------------------------------------------------------------------------

class _Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_progress_redraws_in_place_on_a_terminal() -> None:
    stream, now = io.StringIO(), _Clock()
    progress = Progress(10, stream, tty=True, now=now)
    progress.start_work()
    for outcome in (Outcome.LOADED, Outcome.FAILED, Outcome.SKIPPED, Outcome.UNCHANGED):
        now.t += 0.5
        progress.update(outcome, worked=outcome is not Outcome.UNCHANGED)
    progress.note("cchc: x.pdf: timeout: …")
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r\x1b[2K") >= 5 and "cchc: x.pdf: timeout" in text
    assert progress.line() == ("cchc: 4/10 tệp · xong 2 · lỗi 1 · bỏ qua 1 · 1,5 tệp/giây · "
                               "còn khoảng 0:04")


def test_progress_writes_occasional_plain_lines_into_a_file() -> None:
    stream, now = io.StringIO(), _Clock()
    progress = Progress(100, stream, tty=False, interval=10, now=now)
    progress.start_work()
    for _ in range(100):
        now.t += 0.5
        progress.update(Outcome.LOADED, worked=True)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert 5 <= len(lines) <= 7 and "\r" not in stream.getvalue()
    assert lines[-1] == "cchc: 100/100 tệp · xong 100 · lỗi 0 · bỏ qua 0 · 2,0 tệp/giây"


def test_number_and_clock_formats() -> None:
    assert vn_decimal(2.45) == "2,5" and vn_decimal(10, 0) == "10"
    assert clock(75) == "1:15" and clock(3700) == "1:01:40"


def test_a_record_the_warehouse_refuses_fails_that_file_only(tmp_path: Path) -> None:
    """A defect upstream (an impossible date) must not stop the batch at the load."""
    settings = load_settings(Options())
    good = process_file(SEED, settings)
    bad_finding = dataclasses.replace(good.findings[0], due_date="2023-02-30")
    bad = dataclasses.replace(good, findings=[bad_finding],
                              source=dataclasses.replace(good.source, sha256="ab" * 32))
    config = BatchConfig(target=str(tmp_path / "cchc.duckdb"), log_path=tmp_path / "log.csv",
                         workers=1, timeout=5)
    with connect(config.target) as wh, RunLog(config.log_path) as log:
        wh.ensure_schema()
        run_ = _Run(wh, config, log, Progress(2, io.StringIO()), [])
        run_.finish(WorkResult(0, "/q/hong.txt", "ok", record=bad))
        run_.finish(WorkResult(1, "/q/tot.txt", "ok", record=good))
        run_.commit()  # the group of two fails together, then loads file by file
        documents = wh.read_table("documents")
        assert sorted(documents["outcome"]) == ["failed", "loaded"]  # the bad file kept, to fix
        assert wh.counts()["reports"] == 1
    outcomes = [(r.outcome, r.error_code) for r in run_.summary.results]
    assert outcomes == [(Outcome.FAILED, "load_failed"), (Outcome.LOADED, None)]
    assert "ValueError" in (run_.summary.results[0].message or "")


def test_a_file_that_needs_too_much_memory_fails_alone(tmp_path: Path) -> None:
    """Issue 6: a runaway parse under the worker's memory limit is reported, the batch goes on.
    A real input, not a hook: a 40 MB text export whose 800,000 cells take ~600 MB once read
    (a worker starts at ~150 MB of address space; the seed stays far below the 400 MB limit)."""
    folder = tmp_path / "q"
    folder.mkdir()
    shutil.copy(SEED, folder / "tot.txt")
    cell = "Tăng cường chỉ đạo, kiểm tra việc thực hiện nhiệm vụ cải cách hành chính "
    with open(folder / "khong_lo.txt", "w", encoding="utf-8") as f:
        f.write("TT\tTồn tại, hạn chế\n")
        for i in range(400_000):
            f.write(f"{i}\t{cell}{i}\n")
    code = cli_main(["batch", str(folder), "--db", str(tmp_path / "kho.duckdb"), "--workers", "1",
                     "--max-memory", "400", "--log", str(tmp_path / "log.csv")])
    assert code == 1
    rows = {Path(r["path"]).name: r for r in read_run_log(tmp_path / "log.csv")}
    assert rows["khong_lo.txt"]["outcome"] == "failed"
    assert rows["khong_lo.txt"]["error_code"] == "memory_limit"
    assert rows["tot.txt"]["outcome"] == "loaded"
