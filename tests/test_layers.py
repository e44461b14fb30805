"""The stages import only the stages before them: text → extract → normalize → output → pipeline.

DESIGN.md's one-way data flow, checked on the source (an import cycle or a reader imported
from the output side fails here, not in review).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "cchc"
ORDER = ["text", "extract", "normalize", "output", "pipeline"]
FORMAT_LIBRARIES = ("docx", "pdfplumber", "pdfminer")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("stage", ORDER)
def test_a_stage_imports_only_the_stages_before_it(stage: str) -> None:
    later = ORDER[ORDER.index(stage) + 1:]
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        bad = {name for name in _imports(path)
               if any(name == f"cchc.{s}" or name.startswith(f"cchc.{s}.") for s in later)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports a later stage: {sorted(bad)}"


def test_only_extract_knows_the_document_formats() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "extract"):
            continue
        bad = {name for name in _imports(path) if name.split(".")[0] in FORMAT_LIBRARIES}
        assert not bad, f"{path.relative_to(PACKAGE)} imports a format library: {sorted(bad)}"
