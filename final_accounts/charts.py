"""Charts for the reviewer's report, drawn server-side by matplotlib as inline SVG.

Why matplotlib SVG: the pages must open with no network and no script, be printable, and be
checkable in a browser. matplotlib (a maintained library) draws the bars; the SVG keeps its
text as text (``svg.fonttype = none``), so the browser sets the Chinese labels in the page's
CJK font stack. Every bar or segment carries an id (``bar-<series>-<n>``,
``segment-<side>-<n>``) so a test can count them in the rendered page.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

# a machine without a CJK font measures with DejaVu Sans; the browser still sets the labels in CJK
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

# what matplotlib measures text with; the page sets the text in its own CJK stack
FONT_STACK = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "DejaVu Sans"]
COLOURS = {"initial": "#9db4cf", "final": "#2f5d8a", "budget": "#c9b48f", "spent": "#8a5a2f"}
SEGMENT_COLOURS = ["#2f5d8a", "#6f9bc6", "#c9b48f", "#8a5a2f", "#7a9a63", "#b56b6b"]


@dataclass
class BarGroup:
    label: str
    first: float | None
    second: float | None
    note: str = ""

    def __post_init__(self):
        # amounts come from the warehouse as Decimal; the chart needs floats (a blank is 0)
        self.first = float(self.first or 0)
        self.second = float(self.second or 0)


def _svg(figure) -> str:
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs missing from the measuring font: the browser sets them
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG is inlined in HTML
    # the page's CJK font stack, not the font matplotlib measured with
    return re.sub(r"font-family:[^;\"]*", "font-family: var(--chart-font)", svg)


def _figure(width: float, height: float):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plt.rcParams["font.family"] = "sans-serif"
        plt.rcParams["font.sans-serif"] = FONT_STACK
        return plt.subplots(figsize=(width, height))


def paired_bars(groups: list[BarGroup], first_label: str, second_label: str, series: tuple[str, str],
                colours: tuple[str, str], title: str) -> str:
    """Two bars per group (e.g. 年初预算 and 决算 per 项), the note (a rate) above each pair."""
    height = max(2.6, 0.42 * len(groups) + 1.2)
    figure, axes = _figure(9, height)
    positions = list(range(len(groups)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = axes.barh([p + 0.2 for p in positions], [g.first or 0 for g in groups], height=0.38,
                          color=colours[0], label=first_label)
        second = axes.barh([p - 0.2 for p in positions], [g.second or 0 for g in groups], height=0.38,
                           color=colours[1], label=second_label)
        for index, (bar_a, bar_b) in enumerate(zip(first, second)):
            bar_a.set_gid(f"bar-{series[0]}-{index}")
            bar_b.set_gid(f"bar-{series[1]}-{index}")
        top = max([g.first or 0 for g in groups] + [g.second or 0 for g in groups] + [1])
        for position, group in zip(positions, groups):
            if group.note:
                axes.text(max(group.first or 0, group.second or 0) + top * 0.01, position, group.note,
                          va="center", fontsize=8, color="#333333")
        axes.set_yticks(positions, [g.label for g in groups], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.18)
        axes.set_xlabel("万元", fontsize=8)
        axes.set_title(title, fontsize=10)
        axes.legend(fontsize=8, loc="lower right")
        axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def stacked_shares(sides: dict[str, list[tuple[str, float]]], title: str) -> str:
    """One horizontal bar per side (收入, 支出), one segment per nonzero component."""
    figure, axes = _figure(9, 2.4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for row, components in enumerate(sides.values()):
            total = sum(amount for _, amount in components) or 1
            left = 0.0
            for index, (name, amount) in enumerate(components):
                share = amount / total * 100
                (bar,) = axes.barh([row], [share], left=left, height=0.55,
                                   color=SEGMENT_COLOURS[index % len(SEGMENT_COLOURS)], edgecolor="white")
                bar.set_gid(f"segment-{row}-{index}")
                if share >= 6:
                    axes.text(left + share / 2, row, f"{name}\n{share:.2f}%", ha="center", va="center",
                              fontsize=7.5, color="white")
                left += share
        axes.set_yticks(list(range(len(sides))), list(sides), fontsize=9)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("占本侧合计 %", fontsize=8)
        axes.set_title(title, fontsize=10)
        axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
