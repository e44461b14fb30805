"""Every broken, mislabelled or hostile file gets its own error code, and nothing else changes.

The corpus is built by ``tests/bad_inputs/make_corpus.py`` into a temporary folder once per
session (about five seconds: the ZIP bomb deflates a gigabyte of zeros as it is written).
Each case is checked twice, as a user meets it (``cchc extract``: exit 1, one stderr line
naming the file and the code, no traceback) and as the batch meets it (``process_file``:
the right :class:`DocumentError` subclass and code); then all of them at once, mixed with
good samples.
"""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import time
import zipfile
from pathlib import Path

import pytest
from bad_inputs.make_corpus import (
    CASES,
    GOOD,
    LOADED,
    NEWLINE_NAME,
    SEED,
    XXE,
    Case,
    batch_run,
    build_corpus,
    ole_file,
)
from lxml import etree

from cchc.cli.main import main
from cchc.errors import (
    AppendixNotFound,
    DocumentError,
    RefusedDocument,
    UnreadableDocument,
    UnsupportedFormat,
    printable,
)
from cchc.extract import read_document
from cchc.extract.guards import check_zip_directory, has_entity_declaration
from cchc.extract.libreoffice import find_soffice
from cchc.extract.limits import Limits, MiB, megabytes, positive_int
from cchc.extract.sniff import ole_stream_names, sniff_format
from cchc.normalize.records import Settings
from cchc.output.files import safe_stem
from cchc.output.tabular import defuse, defuse_csv, records_to_csv
from cchc.read import Options, load_settings, process_file

KIND: dict[str, type[DocumentError]] = {
    **dict.fromkeys(("empty_file", "unknown_format", "not_a_word_document",
                     "html_document", "rtf_document", "word_xml_document"), UnsupportedFormat),
    **dict.fromkeys(("damaged_docx", "damaged_pdf", "encrypted", "wrong_password", "encrypted_docx",
                     "no_text_layer", "conversion_failed"), UnreadableDocument),
    **dict.fromkeys(("too_large", "too_many_pages", "too_many_columns", "zip_bomb", "pdf_bomb",
                     "xml_entities_refused"), RefusedDocument),
    "no_appendix": AppendixNotFound,
}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bad_inputs")
    build_corpus(out)
    return out


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(Options())


def _expected_code(case: Case) -> str | None:
    """The case's code; a Word 97 case without LibreOffice answers ``soffice_missing``, which
    only a machine outside CI may do (CI installs LibreOffice: there it fails the test)."""
    if case.soffice and find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required under CI=true")
        return "soffice_missing"
    return case.code


def _options(case: Case) -> Options:
    return Options(password=case.password, limits=Limits().overriding(**case.limits))


# -- each case through the library --------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_process_file_gives_each_bad_file_its_code(case: Case, corpus: Path, settings: Settings) -> None:
    path = corpus / case.file
    code = _expected_code(case)
    if code is None:
        record = process_file(path, settings, _options(case))
        assert record.findings, "a file the corpus says is readable gave no finding"
        return
    with pytest.raises(DocumentError) as caught:
        process_file(path, settings, _options(case))
    assert (caught.value.code, caught.value.file) == (code, printable(case.file))
    assert isinstance(caught.value, KIND.get(code, DocumentError))
    assert caught.value.message.strip()


# -- each case through the command line --------------------------------------------------------


CLI_CASES = [c for c in CASES if not c.limits]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_answers_each_bad_file_in_one_line(
        case: Case, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    password = ["--password", case.password] if case.password else []
    status = main(["extract", str(corpus / case.file), "-o", str(tmp_path), *password])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "file(s) extracted into" not in line]
    assert "Traceback" not in err
    code = _expected_code(case)
    if code is None:
        assert (status, lines) == (0, [])
        return
    assert status == 1
    assert len(lines) == 1, err
    assert printable(case.file) in lines[0] and f": {code}: " in lines[0]


def test_mixed_run_gives_every_bad_file_its_code_and_writes_every_good_file(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {c.file: _expected_code(c) for c in CASES if c.cli}
    files = [*GOOD, *(corpus / name for name in sorted(bad))]
    assert main(["extract", *map(str, files), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    for name, code in bad.items():
        head = f"cchc: {printable(str(corpus / name))}: "  # a name may hold ': ' itself
        line = next((line for line in lines if line.startswith(head)), "")
        if code is None:
            assert not line, line
            assert (tmp_path / f"{safe_stem(name)}.json").is_file()
        else:
            assert f": {code}: " in line, (name, line)
    for good in GOOD:
        record = json.loads((tmp_path / f"{good.stem}.json").read_text(encoding="utf-8"))
        assert record["findings"], good.name
    failed = sum(code is not None for code in bad.values())
    assert f"{len(files) - failed}/{len(files)} file(s) extracted" in err


# -- all of them through cchc batch ----------------------------------------------------------------


def _batch_expected(case: Case) -> tuple[str, ...]:
    """The outcomes the run log may give the case: its own, a failure with its code, or a load
    (a readable file whose bytes or report another file already gave is skipped as such)."""
    if case.batch is not None:
        return (case.batch,)
    code = _expected_code(case)
    if code == "soffice_missing":
        return (("skipped", code),)
    if code is None:
        return (*((o, "") for o in LOADED), ("skipped", "duplicate_content"))
    return (("failed", code),)


def test_batch_over_the_corpus_folder_logs_every_case_and_loads_every_good_file(
        corpus: Path, tmp_path: Path) -> None:
    """The corpus folder walked as an analyst's quarter folder (its FIFO, links and odd names
    met as entries), with the four good samples: each case has its row, nothing hangs or
    prints a traceback, every message and log line stays one line of UTF-8."""
    started = time.monotonic()
    run = batch_run(corpus, tmp_path, list(CASES))
    assert time.monotonic() - started < 300
    assert run.status == 1 and "Traceback" not in run.stderr, run.stderr
    for case in (c for c in CASES if c.cli):
        assert run.row(case) in _batch_expected(case), (case.id, run.row(case))
    assert run.good_read() == len(GOOD), run.rows
    assert not any(line.startswith("cchc: stp.txt") for line in run.stderr.splitlines())
    assert printable(NEWLINE_NAME) in run.stderr
    log = (tmp_path / "run_log.csv").read_bytes().decode("utf-8")
    assert "root:" not in log  # /etc/passwd was not read
    assert not any(ord(c) < 32 and c not in "\r\n" for c in log)


def test_a_wrong_pdf_password_from_a_file_fails_that_file_only(corpus: Path, tmp_path: Path) -> None:
    """A wrong password (given in --password-file, off the process list) is ``wrong_password``
    for the encrypted PDFs; the batch goes on and loads the good samples."""
    (tmp_path / "pw").write_text("sai-mat-khau\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ma_hoa.pdf", "ma_hoa_phu_luc.pdf"):
        (folder / name).write_bytes((corpus / name).read_bytes())
    run = batch_run(folder, tmp_path, [], "--password-file", str(tmp_path / "pw"))
    assert run.status == 1, run.stderr
    assert {name: run.rows[name] for name in ("ma_hoa.pdf", "ma_hoa_phu_luc.pdf")} == dict.fromkeys(
        ("ma_hoa.pdf", "ma_hoa_phu_luc.pdf"), ("failed", "wrong_password"))
    assert run.good_read() == len(GOOD)


# -- limits ------------------------------------------------------------------------------------


def test_limits_have_safe_defaults_and_refuse_nonsense() -> None:
    limits = Limits()
    assert (limits.max_file_size, limits.max_pages) == (100 * MiB, 2_000)
    assert limits.overriding(max_pages=10, max_file_size=None) == Limits(max_pages=10)
    for bad in ({"max_pages": 0}, {"max_file_size": -1}, {"max_zip_entries": True},
                {"max_compression_ratio": float("nan")}, {"max_cells": 2.5}):
        with pytest.raises(ValueError):
            Limits(**bad)
    assert (megabytes("1.5"), positive_int("7")) == (int(1.5 * MiB), 7)
    for text in ("0", "-3", "inf", "abc"):
        with pytest.raises(ValueError):
            megabytes(text)


def test_the_thousand_page_pdf_is_read_in_bounded_time(corpus: Path, settings: Settings) -> None:
    start = time.perf_counter()
    document = read_document(corpus / "nghin_trang.pdf")
    assert document.pages == 1000
    assert time.perf_counter() - start < 30


def test_a_zip_directory_too_big_to_list_is_refused_before_zipfile_reads_it(tmp_path: Path) -> None:
    """An end record claiming 65,535 entries in 50 MB: refused from its 22 bytes, nothing listed."""
    path = tmp_path / "muc_luc.docx"
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 50_000_000, 0, 0)
    path.write_bytes(b"PK\x03\x04" + bytes(100) + end)
    with pytest.raises(RefusedDocument) as caught:
        check_zip_directory(path, Limits())
    assert caught.value.code == "zip_bomb"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError) as caught:
        read_document(fifo)
    assert caught.value.code == "not_found"


# -- XML entities --------------------------------------------------------------------------------


def test_python_docx_parser_would_not_read_a_local_file_even_unguarded() -> None:
    """Defence in depth: python-docx's own parser has ``resolve_entities=False``."""
    from docx.oxml.parser import oxml_parser

    xml = b'<?xml version="1.0"?>' + XXE.replace(b"w:document", b"r") + b"<r>&xxe;</r>"
    root = etree.fromstring(xml, oxml_parser)
    assert "root:" not in etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(("chunks", "found"), [
    ([b"<?xml?><w:document>", b"</w:document>"], False),
    ([b"<?xml?><!DOC", b"TYPE x []><x/>"], True),  # cut across two chunks
    ([b"<!entity"], True),
    (["<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE x><x/>".encode("utf-16")], True),
])
def test_entity_declarations_are_found_in_any_chunking_and_utf16(chunks: list[bytes], found: bool) -> None:
    assert has_entity_declaration(iter(chunks), "part.xml", "t.docx") is found


# -- sniffing ------------------------------------------------------------------------------------


def test_ole_directory_names_are_read_from_the_compound_file(tmp_path: Path) -> None:
    path = tmp_path / "x.doc"
    path.write_bytes(ole_file([("WordDocument", 2), ("1Table", 2)]))
    with open(path, "rb") as f:
        assert ole_stream_names(f) == {"Root Entry", "WordDocument", "1Table"}
    path.write_bytes(ole_file([("WordDocument", 2)])[:600])  # the directory sector cut off
    with open(path, "rb") as f:
        assert ole_stream_names(f) == set()
    assert sniff_format(path) == "doc"  # a Word 97 file whose directory is cut: LibreOffice judges


def test_utf16_text_export_is_sniffed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    assert sniff_format(path) == "txt"


# -- writing safely ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"),
    ("+ Chưa công khai", "'+ Chưa công khai"),
    ("- Tăng cường", "'- Tăng cường"),  # the bullet keeps its dash
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("  =1", "'  =1"),
    ("80% - dưới 100%", "80% - dưới 100%"),
    ("Đã hoàn thành", "Đã hoàn thành"),
])
def test_defuse_keeps_a_cell_from_running_as_a_formula(value: str, expected: str) -> None:
    assert defuse(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("xong;=HYPERLINK(\"http://x\")", "xong;'=HYPERLINK(\"http://x\")"),
    ("- Rà soát;\n- Công khai", "'- Rà soát;\n'- Công khai"),
    ("a; @b", "a; '@b"),
    ("3.2.1; 7.2.5", "3.2.1; 7.2.5"),
])
def test_csv_cells_are_defused_wherever_a_semicolon_excel_starts_a_cell(value: str, expected: str) -> None:
    assert defuse_csv(value) == expected


def test_a_hostile_report_gives_a_csv_with_no_live_formula(tmp_path: Path, settings: Settings) -> None:
    hostile = "=HYPERLINK(\"http://x\",\"bấm\");=cmd|' /C calc'!A0; - Đẩy mạnh phong trào"
    text = SEED.read_text(encoding="utf-8").replace("Đẩy mạnh phong trào", hostile, 1)
    report = tmp_path / "doc_hai.txt"
    report.write_text(text, encoding="utf-8")
    rows = list(csv.reader(io.StringIO(records_to_csv([process_file(report, settings)]).lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    for cell in cells:
        for piece in cell.replace("\r", "\n").replace(";", "\n").split("\n"):
            assert not piece.lstrip(" ").startswith(("=", "+", "-", "@")), cell


@pytest.mark.parametrize("name", [
    "Báo cáo Sở Y tế.txt", "CON.txt", "nul.backup.txt", "-rf .txt", "a\tb.txt",
    "Ệ" * 80 + ".txt", "..txt", "bc\u202etxt.exe.txt",
])
def test_output_names_are_safe_from_any_input_name(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert main(["extract", str(source), "-o", str(out), "--format", "json,csv,jsonl"]) == 0
    written = sorted(p.name for p in out.iterdir())
    stem = safe_stem(name)
    assert written == [f"{stem}.csv", f"{stem}.json", f"{stem}.jsonl"]
    assert len(stem.encode("utf-8")) <= 150 and not stem.startswith(("-", "."))
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}


def test_an_xlsx_like_zip_named_docx_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "so_lieu.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(path)
    assert caught.value.code == "not_a_word_document"
