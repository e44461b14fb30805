"""Issue 13, what a batch folder can hold: names that are not UTF-8 or carry a newline, FIFOs,
links to devices and outside the folder, a formula as a file name; Ctrl-C in the first
seconds; two quarters written to one output folder; output folders that cannot be used;
a memory limit that catches the readers' imports; document text drawn in charts.

Real files throughout (bytes paths, ``os.mkfifo``, ``os.symlink``) and real ``cchc batch``
runs, in this process or as whole processes where a hang, a traceback or a signal is the
point.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pg
import pytest

from cchc.batch import hashing
from cchc.batch.discover import discover
from cchc.batch.runlog import read_run_log
from cchc.cli.main import main as cli_main
from cchc.errors import printable
from cchc.output.files import write_atomic
from cchc.output.tabular import defuse_csv
from cchc.warehouse.store import connect

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed_stp_2023_q1.txt"
LATIN1_NAME = "báo cáo Sô Y tê.txt".encode("latin-1")  # as a Windows USB stick gives it


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch without -o or --log writes ./run_log.csv: never into the checkout."""
    monkeypatch.chdir(tmp_path)


def batch(*argv: str | Path) -> int:
    return cli_main(["batch", *map(str, argv)])


def cchc(*argv: str | Path, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc", *map(str, argv)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, check=False)


def utf8_text(path: Path) -> str:
    """The file's text; fails when it is not valid UTF-8."""
    return path.read_bytes().decode("utf-8")


def no_control(text: str) -> bool:
    return not any(ord(c) < 32 and c not in "\r\n" or 0x7F <= ord(c) <= 0x9F for c in text)


# -- 1: names that are not UTF-8, names with a newline ------------------------------------

@pytest.fixture(params=["duckdb", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "duckdb":
        yield str(tmp_path / "kho.duckdb")
    else:
        with pg.fresh_schema(pg.base_url()) as url:
            yield url


def test_a_latin1_file_name_is_read_loaded_and_logged_as_utf8(target: str, tmp_path: Path) -> None:
    """Was a UnicodeEncodeError traceback on every run, and the files after it never read."""
    folder = tmp_path / "usb"
    folder.mkdir()
    latin = os.path.join(bytes(folder), LATIN1_NAME)
    shutil.copyfile(SEED, latin)
    shutil.copy(SAMPLES / "syt_2023_q2.txt", folder / "z_after.txt")  # sorted after it
    out = tmp_path / "out"
    assert batch(folder, "--db", target, "-o", out, "--workers", 1) == 0
    log = utf8_text(out / "run_log.csv")
    assert no_control(log)
    rows = read_run_log(out / "run_log.csv")
    shown = printable(os.fsdecode(latin))
    assert {r["path"]: r["outcome"] for r in rows} == {shown: "loaded",
                                                       str(folder / "z_after.txt"): "loaded"}
    assert "\\xe1o c\\xe1o S\\xf4 Y t\\xea.txt" in shown
    names = sorted(os.listdir(bytes(out)))
    assert all(n.decode("utf-8").isprintable() for n in names)
    record = json.loads(utf8_text(next(out.glob("b*.json"))))
    assert record["source"]["file"] == "b\\xe1o c\\xe1o S\\xf4 Y t\\xea.txt"


def test_extract_writes_a_latin1_named_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`extract -o` called it internal_error."""
    latin = os.path.join(bytes(tmp_path), LATIN1_NAME)
    shutil.copyfile(SEED, latin)
    assert cli_main(["extract", os.fsdecode(latin), "-o", str(tmp_path / "out")]) == 0
    written = os.listdir(bytes(tmp_path / "out"))
    assert len(written) == 1 and written[0].decode("utf-8").endswith(".json")


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt\ncchc: stp.txt: loaded: ok\n.txt").write_bytes(b"not a report\n")
    done = cchc("batch", folder, "--db", tmp_path / "k.duckdb", "--workers", "1", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert not any(line.startswith("cchc: stp.txt") for line in done.stderr.splitlines())
    assert "x.txt\\x0acchc: stp.txt: loaded: ok\\x0a.txt" in done.stderr
    assert no_control(utf8_text(tmp_path / "run_log.csv"))


# -- 2: FIFOs, devices, links out of the folder -------------------------------------------

def hostile_folder(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(SEED, folder / "tot.txt")
    os.mkfifo(folder / "ong.pdf")  # a FIFO: open() would block for ever
    os.symlink("/dev/zero", folder / "zero.docx")  # a device, endless
    os.symlink("/etc/passwd", folder / "passwd.txt")  # outside the folder
    os.symlink(folder / "missing.txt", folder / "hong.txt")  # dangling
    (folder / "sub").mkdir()
    os.symlink("../tot.txt", folder / "sub" / "ban_sao.txt")  # inside: read (a duplicate)


def test_fifos_devices_and_links_outside_are_skipped_with_their_reason(tmp_path: Path) -> None:
    hostile_folder(tmp_path / "in")
    started = time.monotonic()
    done = cchc("batch", tmp_path / "in", "--db", tmp_path / "k.duckdb", "--workers", "1",
                "--timeout", "30", cwd=tmp_path, timeout=120)
    assert time.monotonic() - started < 90
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = {Path(r["path"]).name: (r["outcome"], r["error_code"])
            for r in read_run_log(tmp_path / "run_log.csv")}
    assert rows == {"tot.txt": ("loaded", ""), "ong.pdf": ("skipped", "not_regular_file"),
                    "zero.docx": ("skipped", "not_regular_file"),
                    "passwd.txt": ("skipped", "symlink_outside_folder"),
                    "hong.txt": ("skipped", "broken_symlink")}
    assert "root:" not in (tmp_path / "run_log.csv").read_text(encoding="utf-8-sig")


def test_discovery_decides_without_opening(tmp_path: Path) -> None:
    hostile_folder(tmp_path / "in")
    skips = {c.path.name: c.skip for c in discover([str(tmp_path / "in")])}
    assert skips == {"tot.txt": None, "ong.pdf": "not_regular_file", "zero.docx": "not_regular_file",
                     "passwd.txt": "symlink_outside_folder", "hong.txt": "broken_symlink"}


def test_hashing_refuses_a_fifo_and_stops_at_its_time_limit(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent's hash: a FIFO put in a report's place after the walk, and a read that
    never ends (a hung network share, simulated by a digest that sleeps)."""
    os.mkfifo(tmp_path / "ong.pdf")
    started = time.monotonic()
    with pytest.raises(hashing.NotRegularFile):
        hashing.sha256_within(tmp_path / "ong.pdf", 5)
    shutil.copy(SEED, tmp_path / "a.txt")
    monkeypatch.setattr(hashing, "_digest", lambda fd: time.sleep(30) or "")
    with pytest.raises(hashing.HashTimeout):
        hashing.sha256_within(tmp_path / "a.txt", 1)
    assert time.monotonic() - started < 5


# -- 8: the run log is no formula vector ----------------------------------------------------

def test_every_run_log_cell_goes_through_the_csv_formula_guard(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = "a;=2+5+cmd|' -C calc'!A0;b.txt"
    (folder / name).write_bytes(b"=1+1;@SUM(A1)\n")
    batch(folder, "--db", tmp_path / "k.duckdb", "--workers", 1, "--log", tmp_path / "log.csv")
    raw = utf8_text(tmp_path / "log.csv").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(raw)))[1:]
    assert any("calc" in cell for row in rows for cell in row), raw  # the hostile name's row is there
    for row in rows:
        for cell in row:
            assert defuse_csv(cell) == cell  # nothing left for the guard to defuse
            for piece in cell.replace("\n", ";").split(";"):  # Excel with the ';' separator
                assert not piece.lstrip(" ").startswith(("=", "+", "-", "@")), cell


# -- 9: Ctrl-C in the first seconds -----------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8])
def test_ctrl_c_in_the_first_seconds_prints_one_line(delay: float, tmp_path: Path) -> None:
    """SIGINT to the whole process group (what a terminal's Ctrl-C does) ``delay`` seconds
    after the first worker process appears, while the workers are still importing: was 80+
    lines of KeyboardInterrupt tracebacks."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"bc_{i}.txt").write_text(SEED.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "cchc", "batch", str(folder), "--db",
                                str(tmp_path / "k.duckdb"), "--workers", "2"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not _children(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    if process.returncode == 130:
        assert len([line for line in err.splitlines() if line.strip()]) <= 2, err
    else:  # the signal came after the run ended
        assert process.returncode == 0, err


def _console_script() -> list[str]:
    script = Path(sys.executable).parent / "cchc"  # the installed console script
    assert script.is_file(), "the cchc console script is not installed (pip install -e .)"
    return [str(script)]


@pytest.mark.parametrize(("entry", "after"), [
    ("script", "cchc.cli.common"), ("script", "cchc.batch.runlog"), ("script", "cchc.warehouse.urls"),
    ("script", "cchc.batch.discover"), ("script", "cchc.warehouse.store"),
    ("-m", "cchc.cli.common"), ("-m", "cchc.batch.runlog"),
])
def test_ctrl_c_during_the_parents_own_imports_prints_one_line(entry: str, after: str,
                                                              tmp_path: Path) -> None:
    """SIGINT while the parent is still importing, before the command runs: right after the
    command line's own imports (``cchc.cli.common``: the first module imported inside
    ``main``), during parsing (the batch command's module), and in the command's first
    imports, for the console script and ``python -m cchc``.  ``-X importtime`` tells the test
    when each module is done, so the signal lands there whatever the machine's speed.  Was a
    traceback of the imports for every point before ``main``'s own ``try``.  (Python's start,
    ``import cchc``, runpy and the few statements of the thin entry come before any guard of
    ours: not tested.)"""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "stp.txt")
    program = _console_script() if entry == "script" else ["-m", "cchc"]
    process = subprocess.Popen([sys.executable, "-X", "importtime", *program, "batch", str(folder),
                                "--db", str(tmp_path / "k.duckdb"), "--workers", "1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("import time:") and line.rsplit("|", 1)[-1].strip() == after:
            break
    os.killpg(process.pid, signal.SIGINT)
    out, rest = process.communicate(timeout=60)
    err = "".join(line for line in seen + rest.splitlines(keepends=True)
                  if not line.startswith("import time:"))
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert process.returncode == 130, (process.returncode, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith(": đã dừng theo yêu cầu (interrupted)"), err


# -- 10: two quarters into one output folder ---------------------------------------------------

def test_two_quarters_into_one_output_folder_keep_both_records(tmp_path: Path) -> None:
    q1, q2, out = tmp_path / "q1", tmp_path / "q2", tmp_path / "out"
    q1.mkdir()
    q2.mkdir()
    shutil.copy(SEED, q1 / "stp.txt")
    (q2 / "stp.txt").write_text(SEED.read_text(encoding="utf-8").replace("94,5%", "97,5%"),
                                encoding="utf-8")
    assert batch(q1, "--db", tmp_path / "k.duckdb", "-o", out, "--workers", 1) == 0
    assert batch(q2, "--db", tmp_path / "k.duckdb", "-o", out, "--workers", 1) == 0
    records = sorted(out.glob("stp_*.json"))
    assert len(records) == 2
    hashes = {json.loads(p.read_text(encoding="utf-8"))["source"]["sha256"] for p in records}
    assert len(hashes) == 2 and all(p.stem.split("_")[-1] in "".join(hashes) for p in records)
    assert batch(q1, "--db", tmp_path / "k2.duckdb", "-o", out, "--workers", 1) == 0
    assert len(sorted(out.glob("stp_*.json"))) == 2  # a rerun rewrites its own file only


# -- 11: output errors, the memory limit on imports, a wrong PDF password ---------------------

def test_an_unusable_output_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a_file").write_text("x")
    assert batch(SEED, "--db", tmp_path / "k.duckdb", "-o", tmp_path / "a_file") == 2
    assert batch(SEED, "--db", tmp_path / "k.duckdb", "--log", tmp_path / "a_file" / "log.csv") == 2
    err = capsys.readouterr().err
    assert err.count("output folder unusable") == 2 and "Traceback" not in err
    assert not (tmp_path / "k.duckdb").exists()


def test_a_full_disk_names_the_output_file(tmp_path: Path) -> None:
    """A real full disk: a 64 KB tmpfs (needs root; fails rather than skips under CI)."""
    disk = tmp_path / "full"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a small tmpfs: {mounted.stderr!r}")
        pytest.skip("cannot mount a small tmpfs here")
    try:
        with pytest.raises(OSError) as caught:
            write_atomic(disk / "bc.json", "x" * 200_000)
        assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(disk / "bc.json")
        assert list(disk.iterdir()) == []  # no half file, no temporary left
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_imports_after_a_low_memory_limit_fail_as_memory_limit(tmp_path: Path) -> None:
    """The PDF readers are imported after the worker's limit is set: with 40 MB the worker
    starts (at ~32 MB) and loading pdfium's shared library finds no room.  Was
    ``internal_error: ImportError`` or ``file_error`` ("failed to map segment")."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "stp_2023_q1.pdf", folder / "stp.pdf")
    done = cchc("batch", folder, "--db", tmp_path / "k.duckdb", "--workers", "1", "--max-memory", "40",
                "--log", tmp_path / "log.csv", cwd=tmp_path)  # a whole process: pytest's own
    rows = {Path(r["path"]).name: r for r in read_run_log(tmp_path / "log.csv")}  # imports weigh
    assert done.returncode == 1, done.stderr
    assert (rows["stp.pdf"]["outcome"], rows["stp.pdf"]["error_code"]) == ("failed", "memory_limit")


# -- 5: document text in charts is never markup ---------------------------------------------------

@pytest.mark.parametrize("name", ["Phòng $\\x$ Tư pháp", "$\\frac{a}{b}$", "UBND $$ ^_{", "a $x^2$ b"])
def test_chart_labels_are_drawn_as_written(name: str) -> None:
    from cchc.report.charts import Series, heatmap, horizontal_stacked_bars, vertical_stacked_bars

    series = [Series(name, "#1f77b4", [1, 2])]
    for png in (horizontal_stacked_bars([name, "b"], series, title=name, xlabel=name, notes=[name, name]),
                vertical_stacked_bars([name, "b"], series, title=name, ylabel=name, tops=[name, name]),
                heatmap([name, "b"], [name], [[1], [None]], title=name, colorbar_label=name)):
        assert png.startswith(b"\x89PNG")


def test_a_unit_named_with_math_markup_does_not_stop_the_report(tmp_path: Path) -> None:
    """One unit outside the registry, its name taken as written: `cchc report` went on."""
    text = SEED.read_text(encoding="utf-8").replace("Sở Tư pháp", "Phòng $\\X$ Không Có")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text(text.replace("BC-STP", "BC-PKC"), encoding="utf-8")
    assert batch(tmp_path / "in", "--db", tmp_path / "k.duckdb", "--workers", 1) == 0
    with connect(str(tmp_path / "k.duckdb")) as wh:
        assert wh.query("SELECT agency FROM documents") == [("Phòng $\\X$ Không Có",)]
    assert cli_main(["report", "--db", str(tmp_path / "k.duckdb"), "-o", str(tmp_path / "r.html")]) == 0


# -- 4: the PDF password off the command line ---------------------------------------------------

def test_the_pdf_password_comes_from_the_environment_or_a_file(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from cchc.cli.reading import add_reading_arguments, options_from_args

    parser = argparse.ArgumentParser()
    add_reading_arguments(parser)
    monkeypatch.setenv("CCHC_PDF_PASSWORD", "tu-moi-truong")
    assert options_from_args(parser.parse_args([])).password == "tu-moi-truong"
    (tmp_path / "pw").write_text("tu-tep\n", encoding="utf-8")
    from_file = parser.parse_args(["--password-file", str(tmp_path / "pw")])
    assert options_from_args(from_file).password == "tu-tep"
    assert options_from_args(parser.parse_args(["--password", "dong-lenh"])).password == "dong-lenh"
