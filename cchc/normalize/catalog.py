"""The catalog of reform areas (lĩnh vực) per index kind and year, kept as data.

Why data and not code: provinces number and name their areas per index (province,
department, district) and change them between years (DESIGN "Reform areas"), and most
names are not read in a source but inferred; the JSON (``data/criteria_catalog.json``) says
which, per area (``inferred``, ``source``, ``note``).  Data are keyed on the area number;
names are display labels only.

Choosing the index: ``year`` is the *assessed* year.  Among the entries of the index kind
whose year range covers it (``null`` = open end), the one that starts latest wins;
``year=None`` takes the newest entry.  A year no entry covers knows no area.
An unknown ``index_kind`` is a programming error: ``ValueError``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

INDEX_KINDS: tuple[str, ...] = ("province", "department", "district")
DEFAULT_CATALOG = "criteria_catalog.json"


@dataclass(frozen=True)
class AreaInfo:
    """One area of one index: its display name and where that name comes from."""

    number: int
    name: str
    inferred: bool
    source: str
    note: str | None = None


@dataclass(frozen=True)
class AreaCatalog:
    """The areas of one index kind for a range of assessed years (``None`` = open end)."""

    index_kind: str
    year_from: int | None
    year_to: int | None
    source: str
    areas: Mapping[int, AreaInfo]
    note: str | None = None

    def covers(self, year: int) -> bool:
        """Whether this entry applies to an assessed year.

        Example: ``AreaCatalog("province", 2022, 2030, "", {}).covers(2023)`` → ``True``.
        """
        after_start = self.year_from is None or year >= self.year_from
        return after_start and (self.year_to is None or year <= self.year_to)


@dataclass(frozen=True)
class Catalog:
    """Every index's areas; answers "is area N known, and what is it called"."""

    indexes: tuple[AreaCatalog, ...]

    def index_for(
        self, index_kind: str = "department", year: int | None = None
    ) -> AreaCatalog | None:
        """The entry that applies to an index kind and assessed year, or ``None``.

        Example: ``load_catalog().index_for("province", 2021).year_to`` → ``2021``.
        """
        if index_kind not in INDEX_KINDS:
            raise ValueError(f"unknown index kind {index_kind!r}; known: {', '.join(INDEX_KINDS)}")
        fitting = [
            entry
            for entry in self.indexes
            if entry.index_kind == index_kind and (year is None or entry.covers(year))
        ]
        return max(fitting, key=_start_key, default=None)

    def area(
        self, area: int, *, index_kind: str = "department", year: int | None = None
    ) -> AreaInfo | None:
        """The full entry of an area (name, source, inferred), or ``None`` when unknown.

        Example: ``load_catalog().area(9, index_kind="district").inferred`` → ``True``.
        """
        entry = self.index_for(index_kind, year)
        return entry.areas.get(area) if entry is not None else None

    def area_name(
        self, area: int, *, index_kind: str = "department", year: int | None = None
    ) -> str | None:
        """The display name of an area, or ``None`` when the index has no such area.

        Example: ``load_catalog().area_name(3)`` → ``"Cải cách thủ tục hành chính"``.
        """
        info = self.area(area, index_kind=index_kind, year=year)
        return info.name if info is not None else None

    def knows_area(
        self, area: int, *, index_kind: str = "department", year: int | None = None
    ) -> bool:
        """Whether the index has this area (else audit ``criteria_unknown_area``).

        Example: ``load_catalog().knows_area(9)`` → ``False`` (a department index has 8).
        """
        return self.area(area, index_kind=index_kind, year=year) is not None


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read a catalog JSON file; by default the one shipped in the package.

    Raises ``ValueError`` when the file does not have the catalog's shape.
    Example: ``load_catalog().knows_area(8, index_kind="province", year=2022)`` → ``True``.
    """
    if path is None:
        packaged = Path(__file__).with_name("data") / DEFAULT_CATALOG
        text = packaged.read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        return Catalog(tuple(_index_from_json(item) for item in json.loads(text)["indexes"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"bad criteria catalog {path or DEFAULT_CATALOG}: {error!r}") from error


def _start_key(entry: AreaCatalog) -> int:
    return entry.year_from if entry.year_from is not None else -1


def _index_from_json(item: dict[str, Any]) -> AreaCatalog:
    kind = item["index_kind"]
    if kind not in INDEX_KINDS:
        raise ValueError(f"unknown index kind {kind!r}")
    areas = {int(num): _area_from_json(int(num), raw) for num, raw in item["areas"].items()}
    return AreaCatalog(
        index_kind=kind,
        year_from=item.get("year_from"),
        year_to=item.get("year_to"),
        source=item["source"],
        areas=MappingProxyType(areas),
        note=item.get("note"),
    )


def _area_from_json(number: int, raw: dict[str, Any]) -> AreaInfo:
    return AreaInfo(
        number=number,
        name=raw["name"],
        inferred=bool(raw["inferred"]),
        source=raw["source"],
        note=raw.get("note"),
    )
