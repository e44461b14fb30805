"""The registry of reporting units (sở, ban, districts) of one province, loaded from JSON.

Reports name their issuer in many spellings (``SỞ TƯ PHÁP``, ``Sở Tư Pháp``, ``STP``,
``Sở Tư pháp tỉnh Hà Tĩnh``, ``UBND H. Cẩm Xuyên``) and the data team needs one stable
code per unit to sum findings across departments and years.  The units are data
(``data/units_hatinh.json``); a user can point :meth:`UnitRegistry.load` at another
province's file with the same layout.

Lookups are accent-, case-, space- and punctuation-insensitive (through
:func:`cchc.text.vietnamese.fold`), expand the usual abbreviations (``UBND``, ``TP``,
``TX``, ``H.``) and ignore a trailing ``tỉnh <province>``.  A spelling that fits several
units (``BC-UBND``: every district signs with ``UBND``) gives ``None``, never a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.errors import CchcError
from cchc.text.vietnamese import clean_line, fold

#: Folded abbreviation → folded words, applied token by token to names before matching.
NAME_ABBREVIATIONS: Mapping[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "tx": "thi xa",
    "h": "huyen",
    "vp": "van phong",
    "bql": "ban quan ly",
    "kkt": "khu kinh te",
}

#: Document-type codes (Nghị định 30/2020, Phụ lục III) that open a symbol: ``BC``-STP.
DOC_TYPE_CODES: frozenset[str] = frozenset(
    fold(code)
    for code in (
        "BC", "KH", "QĐ", "TTr", "TB", "CTr", "HD", "QyĐ", "NQ", "CT", "QC", "PA", "ĐA",
        "DA", "BB", "HĐ", "CĐ", "GM", "GGT", "GUQ", "GXN", "GNP", "PG", "PC", "TC",
    )
)

#: A name key that starts with this also gets a key without it (``huyen cam xuyen``).
_COMMITTEE = "uy ban nhan dan "
_NON_WORD = re.compile(r"[^\w&]+")
_SYMBOL_GROUPS = re.compile(r"\s*[-–]\s*")
_CODE = re.compile(r"[A-Z0-9_]+")
_UNIT_KEYS = frozenset(
    {"code", "name", "kind", "aliases", "symbols", "valid_from", "valid_to", "successor",
     "verified", "evidence", "note"}
)


class RegistryError(CchcError, ValueError):
    """A units file that cannot be used (missing, not JSON, wrong layout, duplicate codes)."""


@dataclass(frozen=True)
class Unit:
    """One reporting unit.

    ``symbols`` are the issuer groups it signs documents with (``STP`` in ``BC-STP``);
    ``valid_from``/``valid_to`` are the first and last years (inclusive) it reported under
    this name; ``successor`` is the code of the unit that took it over; ``verified`` says
    whether its symbol was seen in a real document (else it is inferred).
    Example: ``Unit("STP", "Sở Tư pháp", "department", symbols=("STP",), verified=True)``.
    """

    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    valid_from: int | None = None
    valid_to: int | None = None
    successor: str | None = None
    verified: bool = False

    def active_in(self, year: int) -> bool:
        """Whether the unit existed under this name in ``year``.

        Example: ``Sở Kế hoạch và Đầu tư`` (valid_to 2025) → ``active_in(2026)`` is ``False``.
        """
        after_start = self.valid_from is None or year >= self.valid_from
        before_end = self.valid_to is None or year <= self.valid_to
        return after_start and before_end


def name_key(text: str) -> str:
    """The matching key of a unit name: folded, punctuation out, abbreviations expanded.

    Example: ``"UBND H. Cẩm Xuyên"`` → ``"uy ban nhan dan huyen cam xuyen"``;
    ``"Sở LĐ-TB&XH"`` → ``"so ld tb va xh"``.
    """
    folded = fold(clean_line(text)).replace("&", " va ")
    tokens = _NON_WORD.sub(" ", folded).split()
    return " ".join(NAME_ABBREVIATIONS.get(token, token) for token in tokens)


def symbol_issuer(symbol: str) -> str | None:
    """The issuer group of a document symbol: the group after the type code.

    A symbol without a type code (a công văn: ``UBND-VX``) starts with its issuer.
    Example: ``"BC-STP"`` → ``"STP"``; ``"15/TTr - SNV"`` → ``"SNV"``; ``"BC"`` → ``"BC"``.
    """
    text = clean_line(symbol).rsplit("/", 1)[-1]
    groups: list[str] = [group for group in _SYMBOL_GROUPS.split(text) if group]
    if not groups:
        return None
    if len(groups) > 1 and fold(groups[0]) in DOC_TYPE_CODES:
        return groups[1]
    return groups[0]


def _symbol_key(text: str) -> str:
    """Example: ``"SKHĐT"`` → ``"skhdt"``; ``"SKH & ĐT"`` → ``"skh&dt"``."""
    return fold(text).replace(" ", "").rstrip(".")


class UnitRegistry:
    """The units of one province, indexed by name keys and by symbol.

    Example: ``UnitRegistry.load().find("SỞ TƯ PHÁP").code`` → ``"STP"``.
    """

    def __init__(self, units: Iterable[Unit], *, province: str | None = None) -> None:
        self.units: tuple[Unit, ...] = tuple(units)
        self.province = province
        self._by_code: dict[str, Unit] = {}
        for unit in self.units:
            if unit.code in self._by_code:
                raise RegistryError(f"Mã đơn vị bị trùng: {unit.code}")
            self._by_code[unit.code] = unit
        self._by_name = _index(self.units, _name_keys)
        self._by_symbol = _index(self.units, _symbol_keys)
        self._province_suffixes = _province_suffixes(province)

    @classmethod
    def load(cls, path: str | Path | None = None) -> UnitRegistry:
        """Read a units file; ``None`` reads the packaged Hà Tĩnh file.

        Example: ``UnitRegistry.load("units_quangtri.json")``.
        """
        return cls.from_dict(_read_json(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UnitRegistry:
        """Build from the parsed JSON (``{"province": …, "units": [{…}, …]}``)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("units"), list):
            raise RegistryError("Tệp danh mục đơn vị phải có khóa 'units' là một danh sách")
        province = data.get("province")
        if province is not None and not isinstance(province, str):
            raise RegistryError("'province' phải là chuỗi")
        return cls((_unit_from_dict(item) for item in data["units"]), province=province)

    def get(self, code: str) -> Unit | None:
        """The unit with this exact code.  Example: ``get("STP")``."""
        return self._by_code.get(code)

    def find(self, name_or_alias: str) -> Unit | None:
        """The unit a name, alias or code denotes; ``None`` when unknown or ambiguous.

        Example: ``find("Ủy ban nhân dân huyện Cẩm Xuyên").code`` → ``"CAMXUYEN"``.
        """
        for key in self._lookup_keys(name_or_alias):
            codes = self._by_name.get(key)
            if codes:
                return self._by_code[codes[0]] if len(codes) == 1 else None
        return None

    def find_by_symbol(self, symbol: str) -> Unit | None:
        """The unit whose issuer group appears in a document symbol; ``None`` if ambiguous.

        Example: ``find_by_symbol("BC-SYT").code`` → ``"SYT"``; ``find_by_symbol("BC-UBND")``
        → ``None`` (every district signs with ``UBND``).
        """
        issuer = symbol_issuer(symbol)
        codes = self._by_symbol.get(_symbol_key(issuer)) if issuer else None
        return self._by_code[codes[0]] if codes and len(codes) == 1 else None

    def _lookup_keys(self, text: str) -> list[str]:
        """The key, then the key without a trailing ``tỉnh <province>`` / ``<province>``."""
        key = name_key(text)
        keys = [key]
        for suffix in self._province_suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                keys.append(key[: -len(suffix)])
        return keys


@lru_cache(maxsize=1)
def default_registry() -> UnitRegistry:
    """The packaged Hà Tĩnh registry, read once per process."""
    return UnitRegistry.load()


def _index(
    units: Iterable[Unit], keys_of: Callable[[Unit], set[str]]
) -> dict[str, tuple[str, ...]]:
    """Key → codes of the units that have it (more than one code = ambiguous)."""
    index: dict[str, tuple[str, ...]] = {}
    for unit in units:
        for key in keys_of(unit):
            if key and unit.code not in index.get(key, ()):
                index[key] = index.get(key, ()) + (unit.code,)
    return index


def _name_keys(unit: Unit) -> set[str]:
    """Example: UBND huyện Cẩm Xuyên → its full key and ``"huyen cam xuyen"``."""
    keys = {name_key(text) for text in (unit.code, unit.name, *unit.aliases)}
    short = {key.removeprefix(_COMMITTEE) for key in keys if key.startswith(_COMMITTEE)}
    return keys | {key for key in short if " " in key}


def _symbol_keys(unit: Unit) -> set[str]:
    return {_symbol_key(text) for text in (unit.code, *unit.symbols)}


def _province_suffixes(province: str | None) -> tuple[str, ...]:
    """Example: ``"Hà Tĩnh"`` → ``(" tinh ha tinh", " ha tinh")``."""
    if not province:
        return ()
    key = name_key(province)
    return (f" tinh {key}", f" {key}")


def _read_json(path: str | Path | None) -> Any:
    try:
        if path is None:
            resource = Path(__file__).with_name("data") / "units_hatinh.json"
            return json.loads(resource.read_text(encoding="utf-8"))
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise RegistryError(f"Không đọc được tệp danh mục đơn vị {path}: {exc}") from exc


def _unit_from_dict(item: Any) -> Unit:
    if not isinstance(item, Mapping):
        raise RegistryError(f"Mỗi đơn vị phải là một đối tượng JSON: {item!r}")
    unknown = set(item) - _UNIT_KEYS
    if unknown:
        raise RegistryError(f"Khóa không hợp lệ {sorted(unknown)} trong đơn vị {item.get('code')}")
    code, name, kind = (_required_str(item, key) for key in ("code", "name", "kind"))
    if not _CODE.fullmatch(code):
        raise RegistryError(f"Mã đơn vị phải là chữ in hoa ASCII, số hoặc '_': {code!r}")
    return Unit(
        code=code,
        name=clean_line(name),
        kind=kind,
        aliases=_str_tuple(item, "aliases"),
        symbols=_str_tuple(item, "symbols"),
        valid_from=_optional_year(item, "valid_from"),
        valid_to=_optional_year(item, "valid_to"),
        successor=_optional_str(item, "successor"),
        verified=bool(item.get("verified", False)),
    )


def _required_str(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(f"Đơn vị {item.get('code')!r} thiếu '{key}'")
    return value.strip()


def _optional_str(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise RegistryError(f"'{key}' của đơn vị {item.get('code')!r} phải là chuỗi")
    return value


def _str_tuple(item: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegistryError(f"'{key}' của đơn vị {item.get('code')!r} phải là danh sách chuỗi")
    return tuple(value)


def _optional_year(item: Mapping[str, Any], key: str) -> int | None:
    value = item.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise RegistryError(f"'{key}' của đơn vị {item.get('code')!r} phải là năm (số nguyên)")
    return value
