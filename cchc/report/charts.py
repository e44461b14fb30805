"""The report's charts, drawn with matplotlib (Agg) and returned as PNG bytes.

Why PNG bytes from plain lists: the HTML page embeds them as ``data:`` URIs, so it opens
without a network or a font on the reader's machine (the text is rasterised with DejaVu
Sans, which ships with matplotlib and has every Vietnamese letter).  The functions take
labels and numbers, not warehouse rows, so each chart can be drawn and checked on its own.

No ``pyplot``: figures are made with :class:`matplotlib.figure.Figure` on an Agg canvas,
which keeps no global state (safe in a server or a worker process) and never opens a window.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 110
WIDTH_IN = 10.0
_LABEL_WIDTH = 30  # characters per line of a unit name on an axis


@dataclass(frozen=True)
class Series:
    """One layer of a stacked bar chart: its legend label, colour and one value per bar."""

    label: str
    color: str
    values: Sequence[int]


def _style() -> AbstractContextManager[None]:
    """DejaVu Sans (every Vietnamese letter, shipped with matplotlib) and a quiet frame.

    Every text is drawn as written: unit names, codes and titles come from documents, and
    matplotlib would otherwise read ``$…$`` as math markup (one unit named ``Phòng $\\x$``
    stopped the whole report with a ValueError) or hand the text to LaTeX.
    """
    return rc_context({"font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 12,
                       "axes.titleweight": "bold", "axes.spines.top": False,
                       "axes.spines.right": False, "text.usetex": False, "text.parse_math": False})


def wrap_label(text: str, width: int = _LABEL_WIDTH) -> str:
    """A long unit name on two or more lines, so the plot area keeps its width."""
    return "\n".join(textwrap.wrap(text, width)) or text


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white",
                metadata={"Software": None})
    return buffer.getvalue()


def _stack(draw: Any, positions: Any, series: Sequence[Series], *, base: str,
           thickness: tuple[str, float]) -> Any:
    """Draw ``series`` as layers with ``draw`` (``ax.bar`` or ``ax.barh``); the bar totals.

    One loop for both orientations: matplotlib names the offset (``bottom``/``left``) and the
    bar's thickness (``width``/``height``) differently, so they are passed in.
    """
    totals = np.zeros(len(positions))
    for s in series:
        values = np.asarray(s.values, dtype=float)
        draw(positions, values, color=s.color, label=s.label, edgecolor="white", linewidth=0.6,
             **{base: totals.copy(), thickness[0]: thickness[1]})
        totals += values
    return totals


def _legend_below(fig: Figure, ax: Any, columns: int) -> None:
    """The legend in its own strip under the plot (constrained layout makes the room)."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=columns, frameon=False)


def horizontal_stacked_bars(labels: Sequence[str], series: Sequence[Series], *, title: str,
                            xlabel: str, notes: Sequence[str] = (),
                            note_color: str = "#6a1b9a") -> bytes:
    """One bar per label (first label on top), layers left to right; ``notes`` at bar ends.

    Used for the units: the most lagging unit comes first and is read first.
    """
    with _style():
        fig = Figure(figsize=(WIDTH_IN, 1.8 + 0.42 * max(len(labels), 1)), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(labels))
        left = _stack(ax.barh, y, series, base="left", thickness=("height", 0.62))
        for i, note in enumerate(notes):
            if note:
                ax.text(left[i] + max(left.max(), 1) * 0.01, y[i], note, va="center",
                        fontsize=9, color=note_color)
        ax.set_yticks(y, [wrap_label(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlim(0, max(left.max(), 1) * 1.18)
        ax.xaxis.set_major_locator(_integer_locator())
        ax.set_xlabel(xlabel)
        ax.set_title(title, loc="left")
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        _legend_below(fig, ax, len(series))
        return _png(fig)


def vertical_stacked_bars(labels: Sequence[str], series: Sequence[Series], *, title: str,
                          ylabel: str, tops: Sequence[str] = (),
                          line: Series | None = None) -> bytes:
    """One bar per label (left to right in time), layers bottom up, text above each bar,
    and an optional line (e.g. overdue findings) drawn over the bars."""
    with _style():
        fig = Figure(figsize=(WIDTH_IN, 4.6), layout="constrained")
        ax = fig.add_subplot()
        x = np.arange(len(labels))
        bottom = _stack(ax.bar, x, series, base="bottom", thickness=("width", 0.6))
        if line is not None:
            ax.plot(x, np.asarray(line.values, dtype=float), color=line.color, marker="o",
                    linestyle="--", linewidth=1.6, label=line.label)
        for i, text in enumerate(tops):
            ax.text(x[i], bottom[i] + max(bottom.max(), 1) * 0.015, text, ha="center",
                    va="bottom", fontsize=9, color="#37474f")
        ax.set_xticks(x, labels)
        ax.set_xlim(-0.6, len(labels) - 0.4)
        ax.set_ylim(0, max(bottom.max(), 1) * 1.15)
        ax.yaxis.set_major_locator(_integer_locator())
        ax.set_ylabel(ylabel)
        ax.set_title(title, loc="left")
        ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        _legend_below(fig, ax, len(series) + (line is not None))
        return _png(fig)


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int | None]], *,
            title: str, colorbar_label: str) -> bytes:
    """A rows × columns grid of counts, each cell labelled; ``None`` cells greyed with "–".

    ``None`` means "does not apply" (an area the unit's index does not have), which must
    not look like zero.
    """
    grid = np.array([[np.nan if v is None else float(v) for v in row] for row in values],
                    dtype=float).reshape(len(rows), len(columns))
    top = max(float(np.nanmax(grid)) if np.isfinite(grid).any() else 0.0, 1.0)
    with _style():
        fig = Figure(figsize=(WIDTH_IN, 1.5 + 0.42 * max(len(rows), 1)), layout="constrained")
        ax = fig.add_subplot()
        cmap = _heat_cmap()
        image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=top, aspect="auto")
        for (i, j), value in np.ndenumerate(grid):
            text = "–" if np.isnan(value) else str(int(value))
            dark = not np.isnan(value) and value > top * 0.6
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color="white" if dark else "#263238")
        ax.set_xticks(np.arange(len(columns)), columns)
        ax.set_yticks(np.arange(len(rows)), [wrap_label(r) for r in rows])
        ax.tick_params(which="both", length=0)
        ax.set_xticks(np.arange(len(columns) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(title, loc="left")
        bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
        bar.set_label(colorbar_label)
        bar.locator = _integer_locator()
        bar.update_ticks()
        return _png(fig)


def _heat_cmap() -> Any:
    from matplotlib import colormaps

    return colormaps["YlOrRd"].with_extremes(bad="#eceff1")


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)
