"""Style inheritance the Word reader needs: a run's font and a style's list numbering.

A legacy-encoded document often sets ``.VnTime`` once, in the Normal style or the
document defaults, not on every run; a list style (``List Bullet``) carries ``w:numPr``
so its paragraphs have none of their own.  Both follow the ``w:basedOn`` chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from cchc.extract.docx_numbering import W

_W = f"{{{W}}}"


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    font: str | None
    num_pr: etree._Element | None


def _font_of_rpr(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    name = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}cs")
    return str(name) if name else None


class RunFonts:
    """Resolves fonts and numbering through paragraph styles and document defaults."""

    def __init__(self, styles: dict[str, _Style], default_font: str | None,
                 default_paragraph_style: str | None) -> None:
        self._styles = styles
        self._default_font = default_font
        self._default_style = default_paragraph_style

    @classmethod
    def from_document(cls, document: Any) -> RunFonts:
        try:
            root = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({}, None, None)
        styles: dict[str, _Style] = {}
        default_style = None
        for st in root.iterfind(f"{_W}style"):
            sid = st.get(f"{_W}styleId", "")
            based = st.find(f"{_W}basedOn")
            styles[sid] = _Style(
                based_on=based.get(f"{_W}val") if based is not None else None,
                font=_font_of_rpr(st.find(f"{_W}rPr")),
                num_pr=st.find(f"{_W}pPr/{_W}numPr"),
            )
            if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true"):
                default_style = sid
        default_font = _font_of_rpr(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"))
        return cls(styles, default_font, default_style)

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        sid = style_id or self._default_style
        while sid and sid in self._styles and len(chain) < 20:
            chain.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return chain

    def font_of(self, run: etree._Element, paragraph_style: str | None) -> str | None:
        """The font a run is shown in: its own, else its character style's, else inherited."""
        own = _font_of_rpr(run.find(f"{_W}rPr"))
        if own:
            return own
        rstyle = run.find(f"{_W}rPr/{_W}rStyle")
        chains = []
        if rstyle is not None:
            chains.append(self._chain(rstyle.get(f"{_W}val")))
        chains.append(self._chain(paragraph_style))
        for chain in chains:
            for style in chain:
                if style.font:
                    return style.font
        return self._default_font

    def style_numbering(self, paragraph_style: str | None) -> etree._Element | None:
        for style in self._chain(paragraph_style):
            if style.num_pr is not None:
                return style.num_pr
        return None
