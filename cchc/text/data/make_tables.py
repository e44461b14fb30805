"""Generate ``tcvn3.json`` and ``vni.json``, the tables read by ``cchc.text.encodings``.

Run from the repository root (needs glibc ``iconv``; the committed JSON files are what the
package reads, so this only runs when the tables are rebuilt)::

    .venv/bin/python cchc/text/data/make_tables.py          # write both files
    .venv/bin/python cchc/text/data/make_tables.py --check  # fail if the tables differ

Sources (no table is typed by hand, and no UniKey/GPL code or data is used):

* **TCVN3** (ABC, ``.VnTime`` fonts): every byte 0xA0-0xFF is decoded with glibc
  ``iconv -f TCVN5712-1 -t UTF-8`` and NFC-composed (iconv emits a few letters as base +
  combining mark).  ``TCVN5712-1`` is the full TCVN 5712:1993 "VN1" set, which also puts
  accented *capitals* in 0x01-0x17, 0x80-0x9F and a dozen slots of 0xA0-0xFF.  The ABC fonts
  implement the "VN3" subset: capitals only for the seven bare letters Ă Â Ê Ô Ơ Ư Đ
  (0xA1-0xA7), all lowercase letters, no accented capitals.  So the table keeps the bytes
  0xA1-0xFE that iconv maps to a lowercase Vietnamese letter or to one of those seven, and
  lists every other non-identity byte under ``excluded`` with the reason.
* **VNI-Windows** (``VNI-Times`` fonts): built from the documented scheme, base letter +
  mark characters (``MARKS`` below; DOMAIN.md 6.1/6.3): tone marks ù ø û õ ï, circumflex â
  (+ tone: á à å ã ä), breve ê (+ tone: é è ú ü ë), ơ/ư as the single characters ô/ö, and the
  single characters ñ (đ), í ì æ ó ò (i with tone), î (ỵ); capitals use the upper-case
  characters.  Python and glibc have no VNI codec, so the result is checked against the
  published examples below and was compared by hand with lamdao/xvnkb ``vni.h`` (GPL, read
  only) and TrizenX/viparse ``normalize/vni.py`` (MIT, read only); see ``checked_against``.

Both tables are checked against the mojibake examples of DOMAIN.md 6.1 before writing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# Tone marks in the order used everywhere below: grave, hook, tilde, acute, dot below.
TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
TONE_NAMES = ("grave", "hook", "tilde", "acute", "dot")
BASE_VOWELS = "aăâeêioôơuưy"
SEVEN_CAPITALS = "ĂÂÊÔƠƯĐ"


def vietnamese_letters() -> list[str]:
    """The 67 lowercase non-ASCII Vietnamese letters: 12 vowels x 6 tones - a e i o u y, + đ."""
    letters: list[str] = []
    for base in BASE_VOWELS:
        if not base.isascii():
            letters.append(base)
        letters.extend(unicodedata.normalize("NFC", base + tone) for tone in TONES)
    letters.append("đ")
    assert len(letters) == 67 and all(len(c) == 1 for c in letters)
    return letters


# ---------------------------------------------------------------- TCVN3 ---------------


def iconv_tcvn5712(byte: int) -> str:
    """Decode one byte with glibc iconv ``TCVN5712-1`` (NFC)."""
    done = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
        input=bytes([byte]),
        capture_output=True,
        check=True,
    )
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8"))


def iconv_version() -> str:
    done = subprocess.run(["iconv", "--version"], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[0]


def build_tcvn3() -> dict[str, Any]:
    lowercase = set(vietnamese_letters())
    entries: list[dict[str, str]] = []
    excluded: list[dict[str, str]] = []
    for byte in range(0xA0, 0x100):
        surface = bytes([byte]).decode("cp1252")
        letter = iconv_tcvn5712(byte)
        if letter == surface:
            continue  # identity (0xA0 no-break space; 0xFD ý is handled below)
        if letter in lowercase or letter in SEVEN_CAPITALS:
            entries.append(_tcvn3_entry(byte, surface, letter))
        else:
            excluded.append({**_tcvn3_entry(byte, surface, letter), "reason": _why(letter)})
    # 0xFD is ý in both Latin-1 and TCVN3: an identity, but part of the alphabet.
    entries.append(_tcvn3_entry(0xFD, "ý", "ý"))
    entries.sort(key=lambda e: e["byte"])
    low_vn1 = [f"0x{b:02X}" for b in range(0x00, 0xA0) if iconv_tcvn5712(b) != chr(b)]
    return {
        "encoding": "tcvn3",
        "description": (
            "TCVN3 (ABC, TCVN 5712:1993 VN3) as the cp1252/Latin-1 characters a .docx/.pdf "
            "stores for .VnTime-type fonts -> Unicode (NFC). Lowercase letters only, plus the "
            "seven bare capitals; accented capitals are drawn by the *H fonts (.VnTimeH) from "
            "the lowercase codes."
        ),
        "generated_by": "cchc/text/data/make_tables.py",
        "source": f"glibc iconv -f TCVN5712-1 -t UTF-8, NFC ({iconv_version()})",
        "checked_against": [
            "DOMAIN.md 6.1 mojibake: 'Së T\\u00ad ph¸p' = 'Sở Tư pháp', "
            "'§· hoµn thµnh' = 'Đã hoàn thành' (asserted by make_tables.py)",
            "TrizenX/viparse src/viparse/normalize/tcvn3.py (MIT; read, not copied): "
            "the same 74 entries (compared by a throw-away script)",
            "lamdao/xvnkb tcvn.h (GPL; read, not copied): the 67 lowercase letters agree "
            "(its table is the VN1 variant; capitals there use 0x80-0x9F or the lowercase codes)",
        ],
        "excluded_vn1_bytes_below_0xA0": low_vn1,
        "entries": entries,
        "excluded": excluded,
    }


def _tcvn3_entry(byte: int, surface: str, letter: str) -> dict[str, str]:
    return {
        "byte": f"0x{byte:02X}",
        "legacy": surface,
        "unicode": letter,
        "name": unicodedata.name(letter),
    }


def _why(letter: str) -> str:
    if unicodedata.combining(letter):
        return "VN1 combining tone mark; not used by the ABC (VN3) fonts"
    return "VN1 accented capital; the ABC (VN3) fonts have no accented capitals"


# ---------------------------------------------------------------- VNI -----------------

# VNI-Windows mark characters, lowercase form (the capital form is .upper()).
VNI_TONE = dict(zip(TONES, ("ø", "û", "õ", "ù", "ï"), strict=True))
VNI_CIRCUMFLEX = {"": "â", **dict(zip(TONES, ("à", "å", "ã", "á", "ä"), strict=True))}
VNI_BREVE = {"": "ê", **dict(zip(TONES, ("è", "ú", "ü", "é", "ë"), strict=True))}
VNI_SINGLE = {  # letters written as one character
    "đ": "ñ",
    "ơ": "ô",
    "ư": "ö",
    "í": "í",
    "ì": "ì",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "ỵ": "î",
}
MARKS = {
    "tone (after a e i o u y ơ ư)": {
        n: VNI_TONE[t] for n, t in zip(TONE_NAMES, TONES, strict=True)
    },
    "circumflex â ê ô (+tone)": {"bare": "â"}
    | {n: VNI_CIRCUMFLEX[t] for n, t in zip(TONE_NAMES, TONES, strict=True)},
    "breve ă (+tone)": {"bare": "ê"}
    | {n: VNI_BREVE[t] for n, t in zip(TONE_NAMES, TONES, strict=True)},
    "single characters": VNI_SINGLE,
}


def vni_of(letter: str) -> str:
    """VNI spelling of one lowercase Vietnamese letter, from the scheme above."""
    if letter in VNI_SINGLE:
        return VNI_SINGLE[letter]
    decomposed = unicodedata.normalize("NFD", letter)
    tone = next((m for m in decomposed if m in TONES), "")
    quality = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
    if quality in ("â", "ê", "ô"):
        return unicodedata.normalize("NFD", quality)[0] + VNI_CIRCUMFLEX[tone]
    if quality == "ă":
        return "a" + VNI_BREVE[tone]
    base = VNI_SINGLE.get(quality, quality)  # ơ -> ô, ư -> ö
    return base + VNI_TONE[tone]


def _vni_upper(letter: str, spelling: str) -> tuple[str, str]:
    return letter.upper(), spelling.upper()


def build_vni() -> dict[str, Any]:
    entries: list[dict[str, str]] = []
    for letter in vietnamese_letters():
        spelling = vni_of(letter)
        for uni, vni in ((letter, spelling), _vni_upper(letter, spelling)):
            entries.append({"unicode": uni, "legacy": vni, "name": unicodedata.name(uni)})
    for bare in "ÂÊÔâêô":  # sanity: the circumflex rows start from the bare letter
        assert any(e["unicode"] == bare for e in entries)
    return {
        "encoding": "vni",
        "description": (
            "VNI-Windows (VNI-Times, VNI-Helve... fonts) as the cp1252/Latin-1 characters a "
            ".docx/.pdf stores -> Unicode (NFC). A letter is a base letter followed by 0-1 "
            "mark characters, or one single character (đ ơ ư í ì ỉ ĩ ị ỵ). Decode greedily: "
            "two-character sequences before single characters."
        ),
        "generated_by": "cchc/text/data/make_tables.py",
        "source": "the VNI-Windows scheme in make_tables.py (MARKS); see DOMAIN.md 6.1/6.3",
        "checked_against": [
            "DOMAIN.md 6.1: 'Sôû Tö phaùp' = 'Sở Tư pháp', 'Ñaõ hoaøn thaønh' = 'Đã hoàn thành', "
            "ệ = 'eä', ỵ = 'î', đ/ị/ỉ/ĩ = 'ñ/ò/æ/ó', ẳ = 'aú' (asserted by make_tables.py)",
            "lamdao/xvnkb vni.h (GPL; read, not copied): all 134 sequences agree",
            "TrizenX/viparse src/viparse/normalize/vni.py (MIT; read, not copied): 124 of its 130 "
            "entries agree; it lacks ẳ ẵ Ẳ Ẵ (absent there by design), spells ỵ/Ỵ 'yï'/'YÏ' and "
            "ì í Ì Í 'iø' 'iù' 'IØ' 'IÙ' (all six marked 'derived' there; it passes the single "
            "characters ì/í through unchanged). xvnkb and DOMAIN.md give 'î'/'Î' and single "
            "characters ì í Ì Í, which this table follows",
        ],
        "marks": MARKS,
        "entries": entries,
    }


# ---------------------------------------------------------------- checks --------------


def _decoder(pairs: dict[str, str]) -> Any:
    longest = max(len(k) for k in pairs)

    def decode(text: str) -> str:
        out, i = [], 0
        while i < len(text):
            for size in range(longest, 0, -1):
                if text[i : i + size] in pairs:
                    out.append(pairs[text[i : i + size]])
                    i += size
                    break
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    return decode


def check(tcvn3: dict[str, Any], vni: dict[str, Any]) -> None:
    """Assert the published examples and the alphabet coverage."""
    t_dec = _decoder({e["legacy"]: e["unicode"] for e in tcvn3["entries"]})
    v_dec = _decoder({e["legacy"]: e["unicode"] for e in vni["entries"]})
    assert len(tcvn3["entries"]) == 74, len(tcvn3["entries"])
    assert t_dec("Së T\u00ad ph¸p") == "Sở Tư pháp"
    assert t_dec("§· hoµn thµnh") == "Đã hoàn thành"
    assert len(vni["entries"]) == 134
    assert len({e["legacy"] for e in vni["entries"]}) == 134, "VNI spellings must be unique"
    assert v_dec("Sôû Tö phaùp") == "Sở Tư pháp"
    assert v_dec("Ñaõ hoaøn thaønh") == "Đã hoàn thành"
    spelled = {e["unicode"]: e["legacy"] for e in vni["entries"]}
    documented = {"ệ": "eä", "ỵ": "î", "đ": "ñ", "ị": "ò", "ỉ": "æ", "ĩ": "ó", "ẳ": "aú"}
    for letter, expected in documented.items():
        assert spelled[letter] == expected, (letter, spelled[letter])


def _content(table: dict[str, Any]) -> dict[str, Any]:
    """The table without ``source`` (which names the iconv build that produced it)."""
    return {k: v for k, v in table.items() if k != "source"}


def render(table: dict[str, Any]) -> str:
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the JSON files differ (iconv version aside)"
    )
    args = parser.parse_args(argv)
    tcvn3, vni = build_tcvn3(), build_vni()
    check(tcvn3, vni)
    stale = []
    for name, table in (("tcvn3.json", tcvn3), ("vni.json", vni)):
        path, text = HERE / name, render(table)
        if args.check:
            old = json.loads(path.read_text("utf-8")) if path.exists() else {}
            if _content(old) != _content(table):
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(table['entries'])} entries)")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
