"""The Python API of issue 11: ``cchc.read``, the Report's dict and frame, and the README example.

Expected values come from samples/expected (written by reading the documents).  The README's
example is taken from the README itself and run as written, in a fresh interpreter whose
current folder holds the samples and a warehouse filled by ``cchc batch`` (what ``make run``
leaves behind).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import cchc

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "samples"


def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def test_public_names() -> None:
    assert set(cchc.__all__) <= set(dir(cchc))
    assert cchc.Report is cchc.ReportRecord and callable(cchc.read)
    import cchc.read as module  # the package attribute stays the function; the module is in sys.modules

    assert sys.modules["cchc.read"].read is cchc.read and module is cchc.read
    assert (Path(cchc.__file__).parent / "py.typed").is_file()
    from importlib.metadata import version

    assert cchc.__version__ == version("cchc")


@pytest.mark.parametrize("name", ["syt_2023_q2.docx", "stttt_2023_q3.txt"])
def test_read_gives_the_record(name: str) -> None:
    report = cchc.read(str(SAMPLES / name))
    truth = expected(Path(name).stem)
    assert isinstance(report, cchc.Report)
    as_dict = report.to_dict()
    assert as_dict["report"] == truth["report"]
    # every field, not only the criteria (pages belong to the rendering, as in test_samples)
    assert [{**f, "pages": None} for f in as_dict["findings"]] == [
        {**f, "pages": None} for f in truth["findings"]]
    keys = ("severity", "code", "field", "seq")
    assert [[a[k] for k in keys] for a in as_dict["audit"]] == [[a[k] for k in keys] for a in truth["audit"]]


def test_findings_frame() -> None:
    report = cchc.read(SAMPLES / "syt_2023_q2.docx")
    truth = expected("syt_2023_q2")
    frame = report.findings_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(truth["findings"])
    assert list(frame.columns[:3]) == ["file", "sha256", "format"]
    assert frame["agency_code"].unique().tolist() == [truth["report"]["agency_code"]]
    dues = [f["due_date"] for f in truth["findings"]]
    assert [None if pd.isna(d) else d.date().isoformat() for d in frame["due_date"]] == dues
    assert frame["date"].iloc[0].date().isoformat() == truth["report"]["date"]
    assert str(frame["seq"].dtype) == "Int64"
    assert frame["criteria"].tolist() == [f["criteria"] for f in truth["findings"]]


def test_read_errors_are_document_errors(tmp_path: Path) -> None:
    with pytest.raises(cchc.DocumentError) as info:
        cchc.read(tmp_path)
    assert info.value.code == "is_folder"
    with pytest.raises(cchc.DocumentError) as info:
        cchc.read(SAMPLES / "not_a_report.docx")
    assert info.value.code == "no_appendix"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README: the Python API section has no python example"
    return match.group(1)


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    code = readme_example()
    assert len(code.strip().splitlines()) <= 6
    (tmp_path / "samples").symlink_to(SAMPLES)
    env = {k: v for k, v in os.environ.items() if k != "CCHC_DB"}  # the default warehouse, as make run
    batch = subprocess.run([sys.executable, "-m", "cchc", "batch", "samples/syt_2023_q2.docx",
                            "samples/stp_2023_q1.docx", "-q"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=600, env=env)
    assert batch.returncode == 0, batch.stderr
    counts = [len(expected(stem)["findings"]) for stem in ("syt_2023_q2", "stp_2023_q1")]
    check = f"\nassert (len(frame), len(current)) == ({counts[0]}, {sum(counts)})\n"
    done = subprocess.run([sys.executable, "-c", code + check], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    truth = expected("syt_2023_q2")
    assert done.stdout == f"{truth['report']['agency']} {len(truth['findings'])}\n"
