"""A server-rendered horizontal SVG bar chart of the dots each theme received.

Geometry is computed here, the template draws it (role="img", <title>, <desc>) with the same
figures in a table beside it. Each bar has its label above it and its value in text at its end,
so nothing is told by colour alone.
"""

from dataclasses import dataclass

WIDTH = 480  # Narrow, so that the text stays readable when a phone shrinks the chart.
ROW_HEIGHT = 48
TOP = 6
LABEL_OFFSET = 17
BAR_OFFSET = 24
BAR_HEIGHT = 16
VALUE_ROOM = 130
LABEL_MAX_CHARS = 55


@dataclass(frozen=True)
class HBar:
    label: str
    value_text: str
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    bar_height: int
    bars: list[HBar]


def _short(label: str) -> str:
    if len(label) <= LABEL_MAX_CHARS:
        return label
    return label[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def hbar_chart(rows: list[tuple[str, int, str]]) -> HBarChart:
    """rows: (label, value, value text) in display order; bar lengths scale with the value."""
    highest = max((value for _label, value, _text in rows), default=0)
    plot_width = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, text) in enumerate(rows):
        top = TOP + index * ROW_HEIGHT
        width = plot_width * value // highest if highest else 0
        bars.append(
            HBar(
                label=_short(label),
                value_text=text,
                label_y=top + LABEL_OFFSET,
                bar_y=top + BAR_OFFSET,
                width=width,
                value_x=width + 8,
                value_y=top + BAR_OFFSET + BAR_HEIGHT - 3,
            )
        )
    return HBarChart(
        width=WIDTH, height=TOP * 2 + ROW_HEIGHT * len(rows), bar_height=BAR_HEIGHT, bars=bars
    )
