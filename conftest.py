"""Doctests are collected from the ``cchc`` package only (``--doctest-modules`` in pyproject).

Under ``tests/`` only test modules and conftests are collected: the helper scripts there
(corpus and fixture makers, benchmarks' scorers) are not modules to import for doctests.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent / "tests"


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    if (collection_path.suffix == ".py" and collection_path.is_relative_to(TESTS)
            and not collection_path.name.startswith(("test_", "conftest"))):
        return True
    return None
