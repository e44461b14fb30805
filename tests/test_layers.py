"""The rooms import only the rooms before them, checked on the source.

DESIGN.md's one-way data flow: the record contract and its words at the base, then
``text → extract → normalize → read`` (one file into a record), then ``output`` (records
serialized), ``warehouse`` (records stored and queried), ``report`` (what people read), the
``batch`` runner, and last ``cli``, which drives them and which nothing imports.  An import
cycle, a reader imported from the output side or a command's code in a library module fails
here, not in review.  Heavy libraries stay in the room whose product they are.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "cchc"
#: Rooms in import order; a room may import itself and the rooms before it.
ORDER = ["base", "text", "extract", "normalize", "read", "output", "warehouse", "report", "batch",
         "cli"]
#: Top-level modules outside the packages, and their room.
#: The package's ``__init__`` is the Python API: ``cchc.read`` and the record types (the
#: warehouse it names is imported lazily, by name, on first use).
MODULES = {"__init__": "read", "errors": "base", "record": "base", "vocabulary": "base",
           "gc_policy": "base", "read": "read", "__main__": "cli"}
FORMAT_LIBRARIES = ("docx", "pdfplumber", "pdfminer", "pypdfium2", "pypdfium2_raw")
#: A heavy library → the rooms that may import it (where its product is made).
HEAVY_LIBRARIES = {
    "pandas": {"warehouse"},  # the Python API's frames, Parquet and Excel export
    "pyarrow": {"warehouse"}, "openpyxl": {"warehouse"}, "duckdb": {"warehouse"},
    "psycopg": {"warehouse"},
    "matplotlib": {"report"},  # the report's charts
    "markupsafe": {"report"},
}
#: Single modules that may import a heavy library inside one method, for the Python API:
#: ``ReportRecord.findings_frame`` (pandas is imported when it is called, never on reading).
HEAVY_IN_METHOD = {("record.py", "pandas")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def room_of(path: Path) -> str:
    """The room of a source file: its package under ``cchc/``, or :data:`MODULES`."""
    parts = path.relative_to(PACKAGE).parts
    return MODULES[path.stem] if len(parts) == 1 else parts[0]


def _room_of_module(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "cchc":
        return None
    if len(parts) == 1:
        return "base"
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return MODULES.get(parts[1])


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def test_every_module_is_in_a_room() -> None:
    unknown = [str(p.relative_to(PACKAGE)) for p in SOURCES
               if (len(p.relative_to(PACKAGE).parts) == 1 and p.stem not in MODULES)
               or room_of(p) not in ORDER]
    assert not unknown, f"modules outside the rooms of tests/test_layers.py: {unknown}"


@pytest.mark.parametrize("room", ORDER)
def test_a_room_imports_only_the_rooms_before_it(room: str) -> None:
    allowed = set(ORDER[: ORDER.index(room) + 1])
    for path in (p for p in SOURCES if room_of(p) == room):
        bad = {name for name in _imports(path)
               if (r := _room_of_module(name)) is not None and r not in allowed}
        assert not bad, f"{path.relative_to(PACKAGE)} ({room}) imports a later room: {sorted(bad)}"


def test_nothing_imports_the_command_line() -> None:
    for path in (p for p in SOURCES if room_of(p) != "cli"):
        bad = {n for n in _imports(path) if n == "cchc.cli" or n.startswith("cchc.cli.")}
        assert not bad, f"{path.relative_to(PACKAGE)} imports the command line: {sorted(bad)}"


def test_only_the_command_line_parses_arguments() -> None:
    for path in (p for p in SOURCES if room_of(p) != "cli"):
        assert "argparse" not in _imports(path), f"{path.relative_to(PACKAGE)} imports argparse"


def test_only_extract_knows_the_document_formats() -> None:
    for path in (p for p in SOURCES if room_of(p) != "extract"):
        bad = {name for name in _imports(path) if name.split(".")[0] in FORMAT_LIBRARIES}
        assert not bad, f"{path.relative_to(PACKAGE)} imports a format library: {sorted(bad)}"


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names} | {
        node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module}


def test_heavy_libraries_stay_where_they_are_the_product() -> None:
    for path in SOURCES:
        where = path.relative_to(PACKAGE).as_posix()
        allowed_in_method = {lib for name, lib in HEAVY_IN_METHOD if name == where}
        assert not {n.split(".")[0] for n in _top_level_imports(path)} & allowed_in_method
        for name in _imports(path):
            if name.split(".")[0] in allowed_in_method:
                continue
            rooms = HEAVY_LIBRARIES.get(name.split(".")[0])
            assert rooms is None or room_of(path) in rooms, (
                f"{path.relative_to(PACKAGE)} imports {name}, kept to {sorted(rooms or ())}")
