"""The units registry: spellings of a unit's name, symbols, 2025 renamings, other provinces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.normalize.units import (
    RegistryError,
    Unit,
    UnitRegistry,
    default_registry,
    name_key,
    symbol_issuer,
)

DATA = Path(__file__).parents[1] / "cchc" / "normalize" / "data" / "units_hatinh.json"


@pytest.fixture(scope="module")
def registry() -> UnitRegistry:
    return UnitRegistry.load()


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("SỞ TƯ PHÁP", "STP"),
        ("Sở Tư Pháp", "STP"),
        ("Sở Tư pháp", "STP"),
        ("STP", "STP"),
        ("stp", "STP"),
        ("Sở Tư pháp tỉnh Hà Tĩnh", "STP"),
        ("SỞ TƯ PHÁP TỈNH HÀ TĨNH", "STP"),
        ("Sở Tư pháp Hà Tĩnh", "STP"),
        ("  Sở   Tư\u00a0pháp ", "STP"),
        ("So Tu phap", "STP"),
        ("Sở Tư pha\u0301p", "STP"),  # decomposed accent
        ("UBND huyện Cẩm Xuyên", "CAMXUYEN"),
        ("Ủy ban nhân dân huyện Cẩm Xuyên", "CAMXUYEN"),
        ("Uỷ ban nhân dân huyện Cẩm Xuyên", "CAMXUYEN"),
        ("UBND H. Cẩm Xuyên", "CAMXUYEN"),
        ("UBND HUYỆN CẨM XUYÊN", "CAMXUYEN"),
        ("huyện Cẩm Xuyên", "CAMXUYEN"),
        ("UBND huyện Cẩm Xuyên, tỉnh Hà Tĩnh", "CAMXUYEN"),
        ("UBND thành phố Hà Tĩnh", "TPHATINH"),
        ("UBND TP. Hà Tĩnh", "TPHATINH"),
        ("Thành phố Hà Tĩnh", "TPHATINH"),
        ("UBND TX Hồng Lĩnh", "TXHONGLINH"),
        ("Ủy ban nhân dân thị xã Kỳ Anh", "TXKYANH"),
        ("UBND huyện Kỳ Anh", "KYANH"),
        ("UBND huyện Đức Thọ", "DUCTHO"),
        ("Sở Y tế", "SYT"),
        ("SỞ CÔNG THƯƠNG", "SCT"),
        ("Sở Lao động - Thương binh và Xã hội", "SLDTBXH"),
        ("Sở Lao động, Thương binh và Xã hội", "SLDTBXH"),
        ("Sở LĐ-TB&XH", "SLDTBXH"),
        ("Sở Văn hoá, Thể thao và Du lịch", "SVHTTDL"),  # old-style tone placement
        ("Sở KH&ĐT", "SKHDT"),
        ("SKHĐT", "SKHDT"),
        ("Sở NN&PTNT", "SNNPTNT"),
        ("Sở Giáo dục và Đào tạo", "SGDDT"),
        ("Văn phòng UBND tỉnh", "VPUBND"),
        ("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "VPUBND"),
        ("Thanh tra tỉnh Hà Tĩnh", "TTR"),
        ("Ban Quản lý Khu kinh tế tỉnh Hà Tĩnh", "BQLKKT"),
        ("Sở Ngoại vụ", "SNGV"),
    ],
)
def test_find_spellings(registry: UnitRegistry, spelling: str, code: str) -> None:
    unit = registry.find(spelling)
    assert unit is not None, spelling
    assert unit.code == code


@pytest.mark.parametrize(
    "spelling",
    [
        "",
        "Hà Tĩnh",
        "UBND tỉnh Hà Tĩnh",  # the province's committee is not a reporting unit here
        "Sở Ngoại vụ tỉnh Quảng Trị",  # another province's department
        "Sở Tư pháp tỉnh Nghệ An",
        "Kỳ Anh",  # huyện or thị xã: ambiguous
        "UBND",
        "Sở Du lịch",
    ],
)
def test_find_unknown_or_ambiguous(registry: UnitRegistry, spelling: str) -> None:
    assert registry.find(spelling) is None


@pytest.mark.parametrize(
    ("symbol", "code"),
    [
        ("BC-STP", "STP"),
        ("BC - STP", "STP"),
        ("15/BC-STP", "STP"),
        ("BC-SYT", "SYT"),
        ("BC-SKHĐT", "SKHDT"),
        ("BC-SKH&ĐT", "SKHDT"),
        ("TTr-SNV", "SNV"),
        ("KH-SNV-CCHC", "SNV"),  # division group after the issuer
        ("BC-SNgV", "SNGV"),
        ("BC-TTr", "TTR"),  # TTr is Thanh tra after a type code, a type code before an issuer
        ("TTr-STP", "STP"),
        ("STP-VP", "STP"),  # công văn: no type code
        ("BC-SNN&PTNT", "SNNPTNT"),
        ("BC-BQLKKT", "BQLKKT"),
    ],
)
def test_find_by_symbol(registry: UnitRegistry, symbol: str, code: str) -> None:
    unit = registry.find_by_symbol(symbol)
    assert unit is not None, symbol
    assert unit.code == code


@pytest.mark.parametrize("symbol", ["BC-UBND", "QĐ-UBND", "BC", "", "BC-XYZ"])
def test_find_by_symbol_none(registry: UnitRegistry, symbol: str) -> None:
    # BC-UBND: every district signs with UBND, so the symbol alone picks none of them.
    assert registry.find_by_symbol(symbol) is None


def test_thirteen_districts(registry: UnitRegistry) -> None:
    districts = {u.code for u in registry.units if u.kind == "district"}
    assert districts == {
        "TPHATINH", "TXHONGLINH", "TXKYANH", "DUCTHO", "NGHIXUAN", "CANLOC", "THACHHA",
        "CAMXUYEN", "KYANH", "HUONGSON", "HUONGKHE", "VUQUANG", "LOCHA",
    }  # fmt: skip


def test_departments_and_offices(registry: UnitRegistry) -> None:
    departments = {u.code for u in registry.units if u.kind == "department"}
    expected = {
        "STP", "SYT", "SNV", "STC", "SKHDT", "SNNPTNT", "STNMT", "SXD", "SGTVT", "SCT", "SGDDT",
        "SLDTBXH", "SVHTTDL", "SKHCN", "STTTT", "SNGV",
    }  # fmt: skip
    assert expected <= departments
    offices = {u.code for u in registry.units if u.kind == "province_office"}
    assert offices == {"VPUBND", "TTR", "BQLKKT"}


def test_codes_are_ascii_without_d_stroke(registry: UnitRegistry) -> None:
    for unit in registry.units:
        assert unit.code.isascii() and unit.code.isupper(), unit.code


def test_only_stp_is_verified(registry: UnitRegistry) -> None:
    assert [u.code for u in registry.units if u.verified] == ["STP"]
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert all("evidence" in item for item in raw["units"])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Sở Kế hoạch và Đầu tư", "STC"),
        ("Sở Tài nguyên và Môi trường", "SNNMT"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "SNNMT"),
        ("Sở Giao thông vận tải", "SXD"),
        ("Sở Thông tin và Truyền thông", "SKHCN"),
        ("UBND huyện Lộc Hà", "THACHHA"),
    ],
)
def test_2025_restructuring(registry: UnitRegistry, old: str, new: str) -> None:
    unit = registry.find(old)
    assert unit is not None
    assert unit.successor == new
    assert registry.get(new) is not None
    assert unit.active_in(2023)
    assert not unit.active_in(2026)


def test_new_2025_name(registry: UnitRegistry) -> None:
    unit = registry.find("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    assert unit is not None and unit.code == "SNNMT"
    assert unit.active_in(2025) and not unit.active_in(2024)


def test_every_successor_exists(registry: UnitRegistry) -> None:
    for unit in registry.units:
        if unit.successor:
            assert registry.get(unit.successor) is not None, unit.code


def test_no_name_is_ambiguous_within_the_file(registry: UnitRegistry) -> None:
    for unit in registry.units:
        for text in (unit.name, *unit.aliases):
            found = registry.find(text)
            assert found is not None and found.code == unit.code, text


def test_default_registry_is_cached() -> None:
    assert default_registry() is default_registry()
    assert default_registry().province == "Hà Tĩnh"


def test_other_province_file(tmp_path: Path) -> None:
    path = tmp_path / "units_quangtri.json"
    path.write_text(
        json.dumps(
            {
                "province": "Quảng Trị",
                "units": [
                    {"code": "SNGV", "name": "Sở Ngoại vụ", "kind": "department",
                     "symbols": ["SNgV"]},
                    {"code": "DONGHA", "name": "UBND thành phố Đông Hà", "kind": "district",
                     "symbols": ["UBND"], "valid_to": 2025},
                    {"code": "CAMLO", "name": "UBND huyện Cam Lộ", "kind": "district",
                     "symbols": ["UBND"]},
                ],
            },  # fmt: skip
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    quangtri = UnitRegistry.load(path)
    assert quangtri.province == "Quảng Trị"
    found = quangtri.find("SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ")
    assert found is not None and found.code == "SNGV"
    cam_lo = quangtri.find("UBND H. Cam Lộ")
    assert cam_lo is not None and cam_lo.code == "CAMLO"
    assert quangtri.find("Sở Tư pháp") is None
    assert quangtri.find("Sở Ngoại vụ tỉnh Hà Tĩnh") is None
    assert quangtri.find_by_symbol("BC-UBND") is None
    assert UnitRegistry.load(str(path)).get("DONGHA") == Unit(
        code="DONGHA", name="UBND thành phố Đông Hà", kind="district", symbols=("UBND",),
        valid_to=2025,
    )  # fmt: skip


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"units": {}}',
        '{"units": [{"code": "A", "name": "Sở A"}]}',  # no kind
        '{"units": [{"code": "sở", "name": "Sở A", "kind": "department"}]}',  # code not ASCII
        '{"units": [{"code": "A", "name": "Sở A", "kind": "department", "colour": 1}]}',
        '{"units": [{"code": "A", "name": "Sở A", "kind": "department", "aliases": "Sở B"}]}',
        '{"units": [{"code": "A", "name": "Sở A", "kind": "department", "valid_to": "2025"}]}',
        '{"units": [{"code": "A", "name": "Sở A", "kind": "department"},'
        ' {"code": "A", "name": "Sở B", "kind": "department"}]}',  # duplicate code
        '{"province": 7, "units": []}',
    ],
)
def test_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "units.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError):
        UnitRegistry.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError):
        UnitRegistry.load(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("UBND H. Cẩm Xuyên", "uy ban nhan dan huyen cam xuyen"),
        ("Sở LĐ-TB&XH", "so ld tb va xh"),
        ("SỞ TƯ PHÁP", "so tu phap"),
        ("TP. Hà Tĩnh", "thanh pho ha tinh"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("symbol", "issuer"),
    [("BC-STP", "STP"), ("15/TTr - SNV", "SNV"), ("UBND-VX", "UBND"), ("BC", "BC"), ("", None)],
)
def test_symbol_issuer(symbol: str, issuer: str | None) -> None:
    assert symbol_issuer(symbol) == issuer
