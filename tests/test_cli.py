"""The command line as a user meets it: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from cchc.cli import main as main_module
from cchc.cli.main import main

SEED = Path(__file__).parent.parent / "samples" / "seed_stp_2023_q1.txt"


def _no_appendix_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("GIẤY MỜI họp giao ban tháng 4")
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(("TT", "Nội dung", "Số lượng")):
        table.cell(0, i).text = text
    document.save(str(path))
    return path


def test_one_file_prints_its_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 1 and len(doc["findings"]) == 15


def test_bad_files_fail_one_line_each_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "rac.pdf"
    junk.write_bytes(bytes(range(256)) * 4)
    plain = _no_appendix_docx(tmp_path / "giay_moi.docx")
    code = main(["extract", str(junk), str(plain), str(SEED), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    failures = [line for line in err if ": " in line and "extracted into" not in line]
    assert len(failures) == 2
    assert "rac.pdf" in failures[0] and "unknown_format" in failures[0]
    assert "giay_moi.docx" in failures[1] and "no_appendix" in failures[1]
    assert "Traceback" not in "\n".join(err)
    assert (tmp_path / "out" / "seed_stp_2023_q1.json").is_file()


def test_formats_are_written_beside_each_other(tmp_path: Path) -> None:
    assert main(["extract", str(SEED), "-o", str(tmp_path), "--format", "json,csv,jsonl"]) == 0
    csv_text = (tmp_path / "seed_stp_2023_q1.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("\ufeff") and len(csv_text.strip().splitlines()) >= 16
    lines = (tmp_path / "seed_stp_2023_q1.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 15 and json.loads(lines[0])["agency_code"] == "STP"


def test_missing_file_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "khong_co.docx")]) == 1
    assert "not_found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["extract", str(SEED), "--format", "xml"])
    assert info.value.code == 2


def test_inputs_with_the_same_name_in_two_folders_keep_both_records(tmp_path: Path) -> None:
    """Regression: a/bc.txt and b/BC.txt were both written as bc_txt.json, the second over the first."""
    first, second = tmp_path / "a" / "bc.txt", tmp_path / "b" / "BC.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(SEED.read_bytes())
    assert main(["extract", str(first), str(second), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_bc_txt.json", "b_BC_txt.json"]


# -- issue 11: conventions of the command line -------------------------------------------------

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
CCHC = [sys.executable, "-m", "cchc"]


def _run(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CCHC, *argv], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          **kwargs)


def test_version_from_the_package_metadata() -> None:
    from importlib.metadata import version

    done = _run("--version")
    assert done.returncode == 0 and done.stdout == f"cchc {version('cchc')}\n"
    script = subprocess.run([str(Path(sys.executable).with_name("cchc")), "--version"],
                            capture_output=True, text=True, timeout=60)
    assert script.stdout == done.stdout


def test_several_files_as_csv_on_stdout_are_one_table() -> None:
    """The acceptance line of issue 11: one BOM, one header, pandas reads it whole."""
    docx, pdf = SAMPLES / "syt_2023_q2.docx", SAMPLES / "stp_2023_q1.pdf"
    produced = _run("extract", str(docx), str(pdf), "--format", "csv")
    assert produced.returncode == 0, produced.stderr
    assert produced.stdout.count("\ufeff") == 1 and produced.stdout.count("sha256,") == 1
    read = subprocess.run([sys.executable, "-c", "import pandas, sys; f = pandas.read_csv(sys.stdin); "
                           "print(len(f), ' '.join(sorted(set(f['file']))))"],
                          input=produced.stdout, capture_output=True, text=True, timeout=120, check=True)
    expected = sum(len(json.loads((SAMPLES / "expected" / f"{p.stem}.json").read_text("utf-8"))["findings"])
                   for p in (docx, pdf))
    assert read.stdout.split() == [str(expected), "stp_2023_q1.pdf", "syt_2023_q2.docx"]


def test_several_files_as_json_are_one_array_or_one_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SEED), str(SAMPLES / "syt_2023_q2.docx")]
    assert main(["extract", *files]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert [d["source"]["file"] for d in documents] == ["seed_stp_2023_q1.txt", "syt_2023_q2.docx"]
    assert main(["extract", *files, "--lines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["report"]["agency_code"] for line in lines] == ["STP", "SYT"]
    assert main(["extract", *files, "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 15 + 10


def test_a_failed_file_leaves_stdout_well_formed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = _no_appendix_docx(tmp_path / "giay_moi.docx")
    assert main(["extract", str(plain), str(SEED)]) == 1
    captured = capsys.readouterr()
    assert [d["source"]["file"] for d in json.loads(captured.out)] == ["seed_stp_2023_q1.txt"]
    assert "giay_moi.docx: no_appendix" in captured.err


def test_several_formats_without_output_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--format", "json,csv,jsonl"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "-o DIR" in captured.err and "lỗi cú pháp lệnh" in captured.err


def test_a_folder_points_to_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "là thư mục" in captured.err and f"cchc batch {tmp_path}" in captured.err


def test_a_closed_pipe_ends_quietly() -> None:
    """`cchc extract … | head -1`: no traceback, the SIGPIPE status 141, as cat or yes give."""
    many = [str(SAMPLES / "snv_2023_long.docx")] * 3
    with subprocess.Popen([*CCHC, "extract", *many, "--format", "jsonl"], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=300) == 141
    assert err == ""


def test_quiet_and_verbose_on_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "-o", str(tmp_path), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["extract", str(SEED), "-o", str(tmp_path), "-v"]) == 0
    err = capsys.readouterr().err
    assert "seed_stp_2023_q1.txt: 15 tồn tại, hạn chế (findings)" in err and "đã đọc 1/1 tệp" in err
    for command in main_module.COMMANDS:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "-q, --quiet" in capsys.readouterr().out, command


def test_one_warehouse_default_for_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.cli.common import DEFAULT_DB

    seen = {}
    monkeypatch.delenv("CCHC_DB", raising=False)
    for env in (None, "/tmp/kho.duckdb"):
        if env:
            monkeypatch.setenv("CCHC_DB", env)
        for command, argv in (("batch", ["x"]), ("report", []), ("export", [])):
            parser, _ = main_module._parser(command)
            seen[command, env] = parser.parse_args([command, *argv]).db
    assert {seen[c, None] for c in ("batch", "report", "export")} == {DEFAULT_DB}
    assert {seen[c, "/tmp/kho.duckdb"] for c in ("batch", "report", "export")} == {"/tmp/kho.duckdb"}
    parser, _ = main_module._parser("report")
    assert parser.parse_args(["report", "--db", "a.duckdb"]).db == "a.duckdb"


def test_batch_then_report_with_no_db_agree(tmp_path: Path) -> None:
    """What `make run` does, then a plain `cchc report`: both find the same warehouse."""
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DB"}
    for argv in (["batch", str(SEED), "-q"], ["report", "-q"], ["export", "--csv", "bang", "-q"]):
        done = subprocess.run([*CCHC, *argv], cwd=tmp_path, capture_output=True, text=True,
                              timeout=600, env=env)
        assert done.returncode == 0 and done.stdout == "" and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "cchc.duckdb").is_file() and (tmp_path / "report.html").is_file()
    assert any((tmp_path / "bang").iterdir())


def test_help_is_vietnamese_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng (usage): cchc") and "tùy chọn (options)" in out
    for _, help_text in main_module.COMMANDS.values():
        vietnamese, gloss = help_text.split(" (", 1)
        assert vietnamese.isascii() is False and gloss.isascii(), help_text


@pytest.mark.parametrize("command", [["report", "-o", "r.html"], ["export", "--csv", "bang"],
                                     ["batch", str(SEED)]])
def test_an_unknown_db_scheme_is_a_usage_error_for_every_command(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Was exit 1 for report and export (batch: 2); no DuckDB file named after the URL, no password."""
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", "mysql://u:bi-mat@db/kho"]) == 2
    err = capsys.readouterr().err
    assert "lỗi cú pháp lệnh (usage error)" in err and "mysql" in err and "bi-mat" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["extract", "audit", "batch"])
@pytest.mark.parametrize("bad", ["thieu.txt", "."])
def test_an_unreadable_password_file_is_a_one_line_usage_error(
        command: str, bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file or a folder given as --password-file: was a FileNotFoundError traceback."""
    monkeypatch.chdir(tmp_path)
    db = ["--db", str(tmp_path / "k.duckdb")] if command == "batch" else []
    assert main([command, str(SEED), *db, "--password-file", bad]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "--password-file" in err and bad in err


def test_batch_quiet_shows_no_progress_line_only_failed_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``batch -q``: was the progress line (and its closing state) on stderr all the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "stp.txt").write_bytes(SEED.read_bytes())
    (folder / "rac.txt").write_text("không phải báo cáo\n", encoding="utf-8")
    assert main(["batch", str(folder), "--db", str(tmp_path / "k.duckdb"), "--workers", "1", "-q",
                 "--log", str(tmp_path / "log.csv")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "rac.txt" in lines[0] and "tệp ·" not in captured.err, captured.err
    assert main(["batch", str(folder), "--db", str(tmp_path / "k.duckdb"), "--workers", "1",
                 "--log", str(tmp_path / "log.csv")]) == 1
    assert "tệp ·" in capsys.readouterr().err  # without -q the progress line is there


def test_batch_help_and_every_option_are_vietnamese_first(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/language.md: each option's help is Vietnamese, then an English gloss in brackets
    (the pg timeouts, --workers, --log… were English only)."""
    _, parser = main_module._parser("batch")
    for action in parser._actions:
        text = action.help or ""
        vietnamese, _, gloss = text.rpartition(" (")
        assert text.endswith(")") and vietnamese and not vietnamese.isascii(), (action.dest, text)
        assert gloss.isascii(), (action.dest, text)
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng (usage): cchc batch") and "--pg-lock-timeout" in out
