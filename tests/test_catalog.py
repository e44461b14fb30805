"""The area catalog: shipped data, choice of index by kind and year, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.normalize.catalog import INDEX_KINDS, AreaCatalog, Catalog, load_catalog

DATA = Path(__file__).parents[1] / "cchc" / "normalize" / "data" / "criteria_catalog.json"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    ("area", "kind", "year", "name"),
    [
        (1, "department", None, "Công tác chỉ đạo, điều hành cải cách hành chính"),
        (3, "department", 2022, "Cải cách thủ tục hành chính"),
        (7, "department", 2022, "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"),
        (7, "province", 2022, "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"),
        (7, "province", 2019, "Hiện đại hóa hành chính"),
        (2, "province", 2021, "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh"),
        (2, "province", None, "Cải cách thể chế"),
        (5, "district", 2023, "Cải cách chế độ công vụ"),
    ],
)
def test_area_name(catalog: Catalog, area: int, kind: str, year: int | None, name: str) -> None:
    assert catalog.area_name(area, index_kind=kind, year=year) == name


@pytest.mark.parametrize(
    ("area", "kind", "year", "known"),
    [
        (8, "department", 2022, True),
        (9, "department", 2022, False),
        (8, "province", 2022, True),
        (9, "province", 2022, False),
        (9, "district", 2022, True),
        (10, "district", 2022, False),
        (0, "department", None, False),
        (1, "province", 2031, False),
        (1, "province", 2015, True),
    ],
)
def test_knows_area(catalog: Catalog, area: int, kind: str, year: int | None, known: bool) -> None:
    assert catalog.knows_area(area, index_kind=kind, year=year) is known


def test_every_index_kind_is_present_and_numbered_from_one(catalog: Catalog) -> None:
    for kind in INDEX_KINDS:
        entry = catalog.index_for(kind)
        assert entry is not None
        assert sorted(entry.areas) == list(range(1, len(entry.areas) + 1))
    assert len(catalog.index_for("department").areas) == 8  # type: ignore[union-attr]
    assert len(catalog.index_for("province").areas) == 8  # type: ignore[union-attr]
    assert len(catalog.index_for("district").areas) == 9  # type: ignore[union-attr]


def test_unverified_area_nine_says_so(catalog: Catalog) -> None:
    info = catalog.area(9, index_kind="district")
    assert info is not None and info.inferred
    assert info.note is not None and "UNVERIFIED" in info.note


def test_every_area_says_where_its_name_comes_from(catalog: Catalog) -> None:
    for entry in catalog.indexes:
        assert entry.source
        for info in entry.areas.values():
            assert info.name and info.source and isinstance(info.inferred, bool)


def test_unknown_index_kind_is_an_error(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="unknown index kind"):
        catalog.area_name(1, index_kind="ward")


def test_loads_from_a_path(tmp_path: Path) -> None:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    raw["indexes"] = [i for i in raw["indexes"] if i["index_kind"] == "district"]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    loaded = load_catalog(path)
    assert loaded.knows_area(9, index_kind="district")
    assert not loaded.knows_area(1, index_kind="department")
    assert load_catalog(str(path)) == loaded


@pytest.mark.parametrize(
    "broken",
    [
        {"indexes": [{"index_kind": "ward", "source": "", "areas": {}}]},
        {"indexes": [{"index_kind": "district", "areas": {}}]},
        {"indexes": [{"index_kind": "district", "source": "", "areas": {"x": {}}}]},
        {"nothing": []},
    ],
)
def test_bad_catalog_file_is_a_value_error(tmp_path: Path, broken: object) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError, match="bad criteria catalog"):
        load_catalog(path)


def test_year_ranges() -> None:
    entry = AreaCatalog("province", 2022, 2030, "QĐ 876", {})
    assert entry.covers(2022) and entry.covers(2030)
    assert not entry.covers(2021) and not entry.covers(2031)
    assert AreaCatalog("district", None, None, "", {}).covers(1990)
