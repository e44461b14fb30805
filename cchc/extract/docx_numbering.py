"""Word list numbering: the marker Word prints before a list paragraph.

In a .docx the dash or number of a list item is usually not in the text: the paragraph
carries ``w:numPr`` (directly or through its style) pointing into ``numbering.xml``
(``w:num`` → ``w:abstractNum`` → ``w:lvl``).  We render the marker the way a PDF of the
same document shows it, so Word and PDF give the same cell text: bullets as ``"- "``,
numbered levels with their counter (``"1. "``, ``"a) "``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def format_counter(n: int, num_fmt: str) -> str:
    """Counter text in Word's number format.

    Example: ``format_counter(3, "lowerLetter")`` → ``"c"``.
    """
    if num_fmt in ("lowerLetter", "upperLetter"):
        text = _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return text.upper() if num_fmt == "upperLetter" else text
    if num_fmt in ("lowerRoman", "upperRoman"):
        text = _roman(n)
        return text.upper() if num_fmt == "upperRoman" else text
    if num_fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True)
class Level:
    num_fmt: str  # "bullet", "decimal", "lowerLetter", "none", …
    lvl_text: str  # "%1.", "-", "" …
    start: int = 1


@dataclass
class Numbering:
    """Levels of every ``w:num`` and the running counters of one document pass."""

    levels: dict[tuple[str, int], Level]
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Numbering:
        if root is None:
            return cls(levels={})
        abstract: dict[str, dict[int, Level]] = {}
        for an in root.iterfind(f"{_W}abstractNum"):
            abstract[an.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): _level_of(lvl) for lvl in an.iterfind(f"{_W}lvl")
            }
        levels: dict[tuple[str, int], Level] = {}
        for num in root.iterfind(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            ref = num.find(f"{_W}abstractNumId")
            base = abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {})
            for ilvl, level in base.items():
                levels[(num_id, ilvl)] = level
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    levels[(num_id, ilvl)] = _level_of(lvl)
        return cls(levels=levels)

    def marker(self, num_id: str, ilvl: int) -> str:
        """Printed marker for the next paragraph of this list level, with a trailing space.

        Deeper levels restart when a shallower level advances, as Word does.
        """
        level = self.levels.get((num_id, ilvl))
        if level is None or num_id == "0":
            return ""
        if level.num_fmt == "bullet":
            return "- "
        if level.num_fmt == "none":
            return level.lvl_text + " " if level.lvl_text.strip() else ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, level.start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]
        text = level.lvl_text
        for i in range(ilvl, -1, -1):
            lvl = self.levels.get((num_id, i))
            count = self.counters.get((num_id, i), lvl.start if lvl else 1)
            text = text.replace(f"%{i + 1}", format_counter(count, lvl.num_fmt if lvl else "decimal"))
        return text.strip() + " " if text.strip() else ""


def _level_of(lvl: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        node = lvl.find(f"{_W}{tag}")
        return node.get(f"{_W}val", default) if node is not None else default

    return Level(num_fmt=val("numFmt", "decimal"), lvl_text=val("lvlText", ""),
                 start=int(val("start", "1")))
