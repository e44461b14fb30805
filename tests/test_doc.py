"""Word 97 ``.doc`` read through LibreOffice gives the record of the ``.docx`` it came from.

Three sources of ``.doc`` files, all written by LibreOffice (``--convert-to doc``), which is
what units without Word send:

- ``tests/doc/*.doc``: every sample report, committed (``tests/doc/make_docs.py``), checked
  against the sample's expected record on every field but ``source`` and ``pages``, audit
  included — as ``tests/test_samples.py`` checks the PDF and text renderings;
- reports drawn by the layout generator (``tests/layouts``, built on ``samples/samplegen``)
  with Word numbering, vertical merges over 2-4 rows, repeated header rows, the three
  group-row styles, and a table cut by hand into two tables: converted in one ``soffice``
  call per session, each ``.doc`` must give the record its ``.docx`` gives;
- the repair of :mod:`cchc.extract.word97`, and the edges: no LibreOffice, a conversion
  that hangs, temporary files.

Reading a ``.doc`` needs LibreOffice: without it these tests skip, except under ``CI=true``,
where they fail (CI installs ``libreoffice-writer``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from layouts.draw import draw_report
from samplegen.build import report_bytes
from samplegen.spec import Group, ReportSpec, Row

from cchc.errors import DocumentError
from cchc.extract import read_document
from cchc.extract.cfb import CompoundFile
from cchc.extract.libreoffice import find_soffice
from cchc.extract.limits import Limits
from cchc.extract.sniff import sniff_format
from cchc.extract.word97 import close_final_table
from cchc.read import Options, load_settings, process_file

HERE = Path(__file__).parent
SAMPLES = HERE.parent / "samples"
DOCS = sorted((HERE / "doc").glob("*.doc"))
SETTINGS = load_settings(Options())
# Drawn reports that together hold every layout feature the test asserts (see _features).
SEEDS = (0, 3, 4, 5, 7, 8, 13, 14, 19)
CUT_SEEDS = (14, 19)  # the same reports with their table cut by hand into two tables


def need_soffice() -> None:
    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required under CI=true: apt-get install libreoffice-writer")
        pytest.skip("LibreOffice (soffice) is not installed")


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    findings = [{k: v for k, v in f.items() if k != "pages"} for f in record["findings"]]
    audit = [(a["severity"], a["code"], a["field"], a["seq"]) for a in record["audit"]]
    return {"report": record["report"], "findings": findings, "audit": audit}


def _read(path: Path) -> dict[str, Any]:
    return dict(process_file(path, SETTINGS).to_dict())


# -- the samples as LibreOffice saves them ---------------------------------------------------


def test_every_sample_has_its_doc() -> None:
    expected = {p.stem for p in (SAMPLES / "expected").glob("*.json")
                if (SAMPLES / f"{p.stem}.docx").is_file()}
    assert {p.stem for p in DOCS} == expected


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_doc_sample_matches_expected(doc: Path) -> None:
    need_soffice()
    assert sniff_format(doc) == "doc"
    got = _read(doc)
    want = json.loads((SAMPLES / "expected" / f"{doc.stem}.json").read_text(encoding="utf-8"))
    assert got["source"]["file"] == doc.name and got["source"]["format"] == "doc"
    assert got["source"]["sha256"] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert _comparable(got) == _comparable(want)


# -- drawn reports: .doc against the .docx it came from -------------------------------------


def _cut(spec: ReportSpec) -> ReportSpec:
    """The appendix cut by hand into two tables before a finding row near the middle."""
    rows = [r for part in spec.table.parts for r in part]
    starts = [i for i, r in enumerate(rows) if isinstance(r, Row) and r.expect is not None
              and not any(v is False for v in r.vmerge.values()) and i >= len(rows) // 2]
    at = starts[0]
    table = dataclasses.replace(spec.table, parts=[rows[:at], rows[at:]])
    return dataclasses.replace(spec, stem=f"{spec.stem}_cut", table=table)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (.docx, .doc), every .doc made in one LibreOffice call."""
    need_soffice()
    folder = tmp_path_factory.mktemp("drawn")
    specs = {f"gen_{s:05d}": draw_report(s) for s in SEEDS}
    specs |= {f"gen_{s:05d}_cut": _cut(draw_report(s)) for s in CUT_SEEDS}
    for name, spec in specs.items():
        (folder / f"{name}.docx").write_bytes(report_bytes(spec))
    with tempfile.TemporaryDirectory(prefix="cchc-test-doc-") as tmp:
        subprocess.run([str(find_soffice()), f"-env:UserInstallation={Path(tmp).as_uri()}", "--headless",
                        "--norestore", "--convert-to", "doc", "--outdir", str(folder),
                        *(str(folder / f"{n}.docx") for n in specs)],
                       check=True, capture_output=True, timeout=600)
    return {n: (folder / f"{n}.docx", folder / f"{n}.doc") for n in specs}


def _features(specs: list[ReportSpec]) -> set[str]:
    """Layout features present in the drawn reports (so the set of seeds stays meaningful)."""
    found: set[str] = set()
    for spec in specs:
        rows = [r for part in spec.table.parts for r in part]
        found |= {f"group_{r.style}" for r in rows if isinstance(r, Group)}
        found |= {"word_numbering" for r in rows if isinstance(r, Row)
                  for c in r.cells.values() for p in c.paras if p.numbering}
        found |= {"repeated_header"} if spec.repeat_header else set()
        found |= {"cut_table"} if len(spec.table.parts) > 1 else set()
        runs: dict[str, int] = {}
        for r in rows:
            if isinstance(r, Row):
                for role in [k for k in runs if k not in r.vmerge]:
                    found.add(f"vmerge_{runs.pop(role)}")
                for role, starts in r.vmerge.items():
                    runs[role] = 1 if starts else runs.get(role, 0) + 1
        found |= {f"vmerge_{n}" for n in runs.values()}
    return found


def test_drawn_reports_cover_the_layouts() -> None:
    specs = [draw_report(s) for s in SEEDS] + [_cut(draw_report(s)) for s in CUT_SEEDS]
    assert _features(specs) >= {"group_span", "group_tt_span", "group_tt_next", "word_numbering",
                                "repeated_header", "cut_table", "vmerge_2", "vmerge_3", "vmerge_4"}


@pytest.mark.parametrize("name", [f"gen_{s:05d}" for s in SEEDS] + [f"gen_{s:05d}_cut" for s in CUT_SEEDS])
def test_drawn_doc_gives_the_record_of_its_docx(name: str, drawn: dict[str, tuple[Path, Path]]) -> None:
    docx, doc = drawn[name]
    from_docx, from_doc = _read(docx), _read(doc)
    assert from_doc["findings"], "the appendix was lost"
    assert _comparable(from_doc) == _comparable(from_docx)
    assert (from_doc["source"]["format"], from_doc["source"]["file"]) == ("doc", doc.name)


# -- the repair of LibreOffice's final table ---------------------------------------------------


def test_final_table_gets_its_paragraph_mark_once() -> None:
    """LibreOffice's .doc of a body that ends with a table has no final paragraph mark."""
    data = bytearray((HERE / "doc" / "stp_2023_q1.doc").read_bytes())
    before = bytes(data)
    assert close_final_table(CompoundFile(data)) is True
    assert bytes(data) != before and len(data) == len(before)
    assert close_final_table(CompoundFile(data)) is False  # now it ends with a paragraph mark


def test_repair_leaves_other_files_alone(tmp_path: Path) -> None:
    from bad_inputs.make_corpus import ole_file

    data = bytearray(ole_file([("WordDocument", 2), ("1Table", 2)]))
    before = bytes(data)
    assert close_final_table(CompoundFile(data)) is False
    assert bytes(data) == before


# -- edges: no LibreOffice, a hanging LibreOffice, temporary files ----------------------------


def test_without_libreoffice_a_doc_is_one_line_soffice_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from cchc.cli.main import main

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    doc = DOCS[0]
    with pytest.raises(DocumentError) as caught:
        read_document(doc)
    assert caught.value.code == "soffice_missing" and "libreoffice-writer" in caught.value.message
    assert main(["extract", str(doc), "-o", str(tmp_path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if ": soffice_missing: " in line and doc.name in line]
    assert "Traceback" not in "\n".join(lines)


def test_a_hanging_conversion_is_killed_with_its_children(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! >> {pids}\necho $$ >> {pids}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        read_document(DOCS[0], limits=Limits(max_conversion_seconds=1))
    assert caught.value.code == "conversion_timeout"
    assert time.monotonic() - started < 10
    started_pids = list(map(int, pids.read_text().split()))
    assert len(started_pids) == 2, started_pids  # the fake soffice and its sleep did run
    for pid in started_pids:
        assert _gone(pid), pid


def _gone(pid: int) -> bool:
    """Dead: no such process, or a zombie waiting for whoever adopted it to reap it."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def test_conversion_leaves_no_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_soffice()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    document = read_document(HERE / "doc" / "syt_2023_q2.doc")
    assert document.format == "doc" and document.tables
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("cchc-lo-profile-")] == []
