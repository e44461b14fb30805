"""Legacy encodings (TCVN3/ABC, VNI-Windows): tables, round trips, font names, detection.

The encoded strings are written with :func:`encode_tcvn3` / :func:`encode_vni` only where the
test is about the decoder's inverse; the published mojibake of DOMAIN.md 6.1 is typed out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.text.encodings import (
    decode_tcvn3,
    decode_vni,
    detect_encoding,
    encode_tcvn3,
    encode_vni,
    encoding_of_font,
    is_uppercase_font,
    to_unicode,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "cchc" / "text" / "data"
SEED = Path("/work/shared/seed/000_21caff40ca806bb2.txt")
# The seed's opening lines, kept here so the tests do not depend on the shared folder.
SEED_LINES_INLINE = [
    "PHỤ LỤC",
    "(Ban hành kèm theo Báo cáo số /BC-STP ngày /3/2023 của Sở Tư pháp)",
    "Không có sáng kiến/giải pháp mới trong CCHC được Hội đồng thẩm định chỉ số CCHC Trung ương "
    "công nhận trong năm liền kề (Tiêu chí 1.7)",
    "Đẩy mạnh phong trào nghiên cứu đề tài, sáng kiến khoa học về CCHC; xây dựng thành tiêu chí "
    "đánh giá, xếp loại và bình xét thi đua hàng năm.",
    "Thường xuyên trong năm 2023",
    "Chưa đảm bảo cơ cấu tổ chức bộ máy của đơn vị sự nghiệp thuộc Sở (Trung tâm Dịch vụ đấu giá "
    "tài sản) theo quy định tại Nghị định số 107/2020/NĐ-CP (Tiêu chí 4.1.1)",
    "Chất lượng Cổng Thông tin điện tử chỉ đạt 94,5% theo quy định của UBND tỉnh "
    "(Tiêu chí 7.1.1.4)",
    "Quý I/2023",
]


def _seed_lines() -> list[str]:
    lines = list(SEED_LINES_INLINE)
    if SEED.exists():
        lines += [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [unicodedata.normalize("NFC", line) for line in lines if line.strip()]


SEED_LINES = _seed_lines()
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LOWER = [
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưy"
    for tone in TONES
    if not (base + tone).isascii()
] + ["đ"]
UPPER = [c.upper() for c in LOWER]
BARE_CAPITALS = set("ĂÂÊÔƠƯĐ")


# -- tables -----------------------------------------------------------------------------


def test_alphabet_is_complete() -> None:
    assert len(LOWER) == len(set(LOWER)) == 67
    assert len(UPPER) == len(set(UPPER)) == 67


def test_tables_are_data_with_provenance() -> None:
    tcvn3 = json.loads((DATA / "tcvn3.json").read_text(encoding="utf-8"))
    vni = json.loads((DATA / "vni.json").read_text(encoding="utf-8"))
    assert len(tcvn3["entries"]) == 74  # 67 lowercase + Ă Â Ê Ô Ơ Ư Đ
    assert len(vni["entries"]) == 134
    assert "iconv" in tcvn3["source"] and tcvn3["checked_against"] and vni["checked_against"]
    assert {e["unicode"] for e in vni["entries"]} == set(LOWER) | set(UPPER)
    codes = {int(e["byte"], 16) for e in tcvn3["entries"]}
    assert min(codes) == 0xA1 and max(codes) == 0xFE


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tables_are_regenerated_identically() -> None:
    script = DATA / "make_tables.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- DOMAIN.md 6.1 examples ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Së T\u00ad ph¸p", "Sở Tư pháp"),
        ("§· hoµn thµnh", "Đã hoàn thành"),
    ],
)
def test_tcvn3_mojibake_examples(legacy: str, unicode: str) -> None:
    assert decode_tcvn3(legacy) == unicode
    assert encode_tcvn3(unicode) == legacy
    assert to_unicode(legacy) == unicode
    assert to_unicode(legacy, font_name=".VnTime") == unicode


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Sôû Tö phaùp", "Sở Tư pháp"),
        ("Ñaõ hoaøn thaønh", "Đã hoàn thành"),
        ("eä", "ệ"),
        ("î", "ỵ"),
        ("ñ ò æ ó", "đ ị ỉ ĩ"),
        ("aú", "ẳ"),
        ("Tröôøng", "Trường"),  # ư is one character, ờ is ô + ø: greedy pairs after it
    ],
)
def test_vni_documented_examples(legacy: str, unicode: str) -> None:
    assert decode_vni(legacy) == unicode
    assert encode_vni(unicode) == legacy


# -- round trips over the alphabet ----------------------------------------------------------


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip_every_letter(letter: str) -> None:
    assert decode_vni(encode_vni(letter)) == letter
    assert decode_vni(encode_vni(f"x{letter}n")) == f"x{letter}n"  # inside a word too


def test_vni_round_trip_all_letters_in_one_string() -> None:
    text = "".join(LOWER) + "".join(UPPER)
    assert decode_vni(encode_vni(text)) == text


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_round_trip_every_lowercase_letter(letter: str) -> None:
    code = encode_tcvn3(letter)
    assert len(code) == 1 and 0xA1 <= ord(code) <= 0xFE
    assert decode_tcvn3(code) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_round_trip_every_capital_through_the_h_font(letter: str) -> None:
    """TCVN3 has no accented capitals: the lowercase code, drawn big by .VnTimeH."""
    code = encode_tcvn3(letter)
    assert code == encode_tcvn3(letter.lower()) or letter in BARE_CAPITALS
    assert decode_tcvn3(code, uppercase=True) == letter
    assert to_unicode(code, font_name=".VnTimeH") == letter
    # In the base font only the seven bare capitals have codes of their own.
    assert decode_tcvn3(code) == (letter if letter in BARE_CAPITALS else letter.lower())


def test_tcvn3_codes_are_distinct() -> None:
    codes = [encode_tcvn3(c) for c in LOWER] + [encode_tcvn3(c) for c in BARE_CAPITALS]
    assert len(set(codes)) == 74


# -- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize("line", SEED_LINES)
def test_seed_line_round_trips_and_is_detected(line: str) -> None:
    tcvn3, vni = encode_tcvn3(line), encode_vni(line)
    assert detect_encoding(line) is None
    assert detect_encoding(tcvn3) == ("tcvn3" if tcvn3 != line else None)  # "Quý" is both
    assert detect_encoding(vni) == "vni"
    assert to_unicode(tcvn3) == line
    assert to_unicode(vni) == line
    assert to_unicode(vni, font_name="VNI-Times") == line
    assert to_unicode(line) == line
    assert to_unicode(to_unicode(tcvn3)) == line  # a second pass (normalize after extract) is safe
    if line == line.upper():
        assert to_unicode(encode_tcvn3(line.lower()), font_name=".VnTimeH") == line
    else:
        assert to_unicode(tcvn3, font_name=".VnTime") == line


@pytest.mark.parametrize(
    ("unicode", "tcvn3"),
    [
        ("KHÔNG CÓ BẢO HÀNH", "KH¤NG Cã B¶O HµNH"),  # caps typed in the base font
        ("Tên VIỆT NAM", "Tªn VIÖT NAM"),
        ("Trường THPT Hà Tĩnh", "Tr\u00adêng THPT Hµ TÜnh"),  # an acronym does not shout
        ("Sở GD&ĐT Hà", "Së GD&§T Hµ"),
    ],
)
def test_tcvn3_capitals_typed_in_the_base_font(unicode: str, tcvn3: str) -> None:
    assert encode_tcvn3(unicode) == tcvn3
    assert decode_tcvn3(tcvn3) == unicode


def test_tcvn3_title_case_accented_capital_is_lost_in_the_base_font() -> None:
    """Documented limit: "Ủy" typed in .VnTime shows (and reads) as "ủy"."""
    assert decode_tcvn3(encode_tcvn3("Ủy ban")) == "ủy ban"


def test_vni_capitalize_each_word_keeps_the_base_letter_case() -> None:
    assert decode_vni("Aùo Öôùc") == "Áo Ước"  # Word's Capitalize Each Word on "aùo öôùc"


# -- fonts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "encoding", "uppercase"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial", "tcvn3", False),
        (".VnArialH", "tcvn3", True),
        (".VnArial NarrowH", "tcvn3", True),
        (".VnBook-Antiqua", "tcvn3", False),
        (".VnBook-AntiquaH", "tcvn3", True),
        ("ABCDEF+.VnTime", "tcvn3", False),
        ("ABCDEF+.VnTimeH,Bold", "tcvn3", True),
        ("ABCDEF+.VnTime-BoldItalic", "tcvn3", False),
        (".VnTime-Identity-H", "tcvn3", False),  # a CID encoding suffix, not the H font
        ("#2EVnTimeH", "tcvn3", True),  # PDF name escape
        ("VNI-Times", "vni", False),
        ("VNI-Helve", "vni", False),
        ("VNI-Helve-Condense", "vni", False),
        ("ABCDEF+VNI-Times,Bold", "vni", False),
        ("Times New Roman", None, False),
        ("TimesNewRomanPS-BoldMT", None, False),
        ("Arial", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_font_names(font: str | None, encoding: str | None, uppercase: bool) -> None:
    assert encoding_of_font(font) == encoding
    assert is_uppercase_font(font) is uppercase


def test_font_wins_over_content() -> None:
    # "Tôi" is plain Unicode Vietnamese by content; in .VnTime it is the TCVN3 of "Tụi".
    assert to_unicode("Tôi") == "Tôi"
    assert to_unicode("T«i", font_name=".VnTime") == "Tôi"


def test_unicode_text_in_a_legacy_font_is_left_alone() -> None:
    """A converted document may keep its old font names; Unicode letters prove it is Unicode."""
    assert to_unicode("Sở Tư pháp", font_name=".VnTime") == "Sở Tư pháp"
    assert to_unicode("Đã hoàn thành", font_name="VNI-Times") == "Đã hoàn thành"


def test_result_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert to_unicode(decomposed) == "Việt Nam"


# -- detection must not fire ----------------------------------------------------------------

NOT_LEGACY = [
    # English, Spanish, German, French, Portuguese, Swedish
    "The quick brown fox jumps over the lazy dog.",
    "Price: £5 · Size ½ · ©2023 Company® — all rights reserved.",
    "El niño está en España; mañana comerá paella con su señora.",
    "¿Dónde está la estación? Está allí, señor, a la izquierda del árbol.",
    "Schöne Grüße aus München! Die Straße ist für Fußgänger gesperrt.",
    "Über den Bergen liegt das Tal, wo die Bäume blühen und Vögel singen.",
    "Datei »%s« nach »%s« verschoben",
    "Je ne sais pas où il est, mais il a dû partir très tôt ce matin.",
    "Le goût du thaï, c'est naïf; « Bonjour », dit-il.",
    "São Paulo é a maior cidade do Brasil, não é? Ações e informações.",
    "flaggan angiven mer än en gång",
    # Vietnamese in Unicode, without Vietnamese-only letters (every letter is also Latin-1)
    "Tiêu chí",
    "Tôi là",
    "có",
    "chí",
    "Quý",
    "Tiêu chí 7.1.1.4",
    # Vietnamese without accents, numbers, codes
    "Thuong xuyen trong nam 2023",
    "Viet Nam",
    "107/2020/NĐ-CP",
    "2853/QĐ-UBND",
    "Quý I/2023",
    "94,5%",
    "10.000",
    "ISO 9001:2015",
    "dichvucong.hatinh.gov.vn",
    "TTHC, CCHC, UBND",
    "",
    "   ",
    # odds and ends
    "Size 5µm",
    "x¹",
    "Viá»‡t Nam",  # UTF-8 read as cp1252: another problem, not TCVN3
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_detection_does_not_fire(text: str) -> None:
    assert detect_encoding(text) is None
    assert to_unicode(text) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("line", SEED_LINES)
def test_detection_does_not_fire_on_unicode_seed(line: str) -> None:
    assert detect_encoding(line) is None


# -- mixed runs -----------------------------------------------------------------------------


def test_decoding_per_run_with_fonts() -> None:
    runs = [
        ("Së T\u00ad ph¸p", ".VnTime"),
        (" và ", "Times New Roman"),
        ("Sôû Tö phaùp", "VNI-Times"),
        (" – ", None),
        ("b¸o c¸o", ".VnTimeH"),
    ]
    text = "".join(to_unicode(t, font_name=f) for t, f in runs)
    assert text == "Sở Tư pháp và Sở Tư pháp – BÁO CÁO"


def test_decoding_per_run_by_content() -> None:
    runs = [
        "Trong quý, Sở Tư pháp tiếp tục tăng cường truyền thông; ",
        encode_tcvn3("đã hoàn thành các nội dung;"),
        " ",
        encode_vni("đang triển khai thực hiện."),
    ]
    text = "".join(to_unicode(r) for r in runs)
    assert text == (
        "Trong quý, Sở Tư pháp tiếp tục tăng cường truyền thông; "
        "đã hoàn thành các nội dung; đang triển khai thực hiện."
    )


# -- properties -----------------------------------------------------------------------------


def _seed_words() -> list[str]:
    words = sorted({w for line in SEED_LINES for w in regex.findall(r"\p{L}+", line)})
    return [w for w in words if w != "PHỤ" and w != "LỤC"]


WORDS = _seed_words()
# Unicode words whose letters are all Latin-1 (tiêu, chí, có...): the hard case for detection.
LATIN1_WORDS = [w for w in WORDS if all(ord(c) < 0x100 for c in w)]
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", "; ", ". ", " - ", "\n", " (", ") ", "/"])


def _sentences(words: list[str]) -> st.SearchStrategy[str]:
    pieces = st.lists(st.tuples(st.sampled_from(words), SEPARATORS), min_size=1, max_size=25)
    return pieces.map(lambda ps: "".join(w + sep for w, sep in ps).strip())


@settings(max_examples=300, deadline=None)
@given(_sentences(WORDS))
def test_unicode_vietnamese_is_left_unchanged(text: str) -> None:
    assert to_unicode(text) == text


@settings(max_examples=300, deadline=None)
@given(_sentences(LATIN1_WORDS))
def test_unicode_vietnamese_in_latin1_letters_is_left_unchanged(text: str) -> None:
    assert detect_encoding(text) is None
    assert to_unicode(text) == text


@settings(max_examples=200, deadline=None)
@given(_sentences(WORDS))
def test_encode_then_decode_is_identity(text: str) -> None:
    assert decode_vni(encode_vni(text)) == text
    assert decode_tcvn3(encode_tcvn3(text)) == text  # no accented capitals in these words


_VNI_KEYS = json.loads((Path(__file__).resolve().parent.parent / "cchc" / "text" / "data" / "vni.json")
                       .read_text("utf-8"))["entries"]
_VNI_CHARS = sorted({c for e in _VNI_KEYS for c in e["legacy"]} | {c.swapcase() for e in _VNI_KEYS
                                                                     for c in e["legacy"]} | set("ab .,"))


@given(st.text(alphabet=st.sampled_from(_VNI_CHARS), max_size=20))
@settings(max_examples=300, deadline=None)
def test_vni_decoding_takes_the_longest_sequence_first(text: str) -> None:
    """decode_vni reads a two-character sequence before a single character wherever both could
    start, as a plain longest-first scan over the table does."""
    table = {e["legacy"]: e["unicode"] for e in _VNI_KEYS}
    table.update({k[0] + k[1].swapcase(): v for k, v in list(table.items())
                  if len(k) == 2 and k[0] + k[1].swapcase() not in table})
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in table:
            out.append(table[pair])
            i += 2
        else:
            out.append(table.get(text[i], text[i]))
            i += 1
    assert decode_vni(text) == "".join(out)
