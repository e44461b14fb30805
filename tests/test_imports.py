"""Reading a file imports none of the heavy libraries of the warehouse and the report.

Issue 12: every command used to import the whole program (pandas, matplotlib, …), so
``cchc --help`` took a second and each batch worker paid the same.  Checked in a fresh
interpreter with ``python -X importtime``, whose report names every module imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
HEAVY = ("pandas", "matplotlib", "duckdb", "pyarrow", "psycopg", "openpyxl")


def _imported(code: str) -> set[str]:
    """Top-level names of every module a fresh interpreter imports to run ``code``."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip()
            if module and module != "package":
                names.add(module.split(".")[0])
    assert {"cchc", "pathlib"} <= names, "-X importtime report not understood: every check would pass"
    return names


@pytest.mark.parametrize("sample", ["seed_stp_2023_q1.txt", "stp_2023_q1.docx", "stp_2023_q1.pdf"])
def test_reading_a_file_imports_no_heavy_library(sample: str) -> None:
    code = ("from pathlib import Path; from cchc.read import Options, load_settings, process_file; "
            f"r = process_file(Path({str(SAMPLES / sample)!r}), load_settings(Options())); "
            "assert r.findings")
    imported = _imported(code)
    heavy = sorted(set(HEAVY) & imported)
    assert not heavy, f"reading {sample} imported {heavy}"
    ocr = sorted({"cv2", "tesserocr", "numpy"} & imported)  # only a scan needs the OCR stack
    assert not ocr, f"reading {sample} imported {ocr}"
    fallback = sorted({"pdfplumber", "pdfminer"} & imported)  # only when pdfium cannot read it
    assert not fallback, f"reading {sample} imported {fallback}"


@pytest.mark.parametrize("argv", [["--help"], ["extract", "--help"],
                                  ["extract", "samples/seed_stp_2023_q1.txt"],
                                  ["audit", "samples/seed_stp_2023_q1.txt"], ["batch", "--help"]])
def test_commands_that_read_import_no_heavy_library(argv: list[str]) -> None:
    code = ("import sys, contextlib, io; from cchc.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try: main({argv!r})\n"
            "    except SystemExit: pass")
    heavy = sorted(set(HEAVY) & _imported(code))
    assert not heavy, f"cchc {' '.join(argv)} imported {heavy}"


def test_a_batch_worker_starts_light() -> None:
    """The worker's entry module (what a spawned worker imports first) loads no reader."""
    imported = _imported("import cchc.batch.worker")
    assert not set(HEAVY) & imported
    assert not {"pdfplumber", "docx", "numpy"} & imported


def test_import_cchc_is_light() -> None:
    """The Python API's ``import cchc`` loads no reader and no heavy library (the warehouse
    and pandas come when :class:`cchc.Warehouse` or ``findings_frame()`` are used)."""
    imported = _imported("import cchc; cchc.read; cchc.Report")
    assert not set(HEAVY) & imported
    assert not {"pdfplumber", "docx", "numpy", "pypdfium2"} & imported


def _threshold_after(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code + "\nimport gc; print(gc.get_threshold()[0])"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_collector_batches_in_the_command_line_only() -> None:
    """cchc's own processes collect young objects in batches (cchc/gc_policy.py); a program
    that imports cchc and reads a report keeps its collector as it was."""
    sample = str(SAMPLES / "seed_stp_2023_q1.txt")
    from cchc.gc_policy import YOUNG_GENERATION_THRESHOLD

    default = _threshold_after("pass")  # a fresh interpreter's own threshold
    assert default != str(YOUNG_GENERATION_THRESHOLD)
    assert _threshold_after(f"import cchc; cchc.read({sample!r})") == default
    command = ("import contextlib, io; from cchc.cli.main import main\n"
               "with contextlib.redirect_stdout(io.StringIO()):\n"
               f"    main(['extract', {sample!r}])")
    assert _threshold_after(command) == str(YOUNG_GENERATION_THRESHOLD)
