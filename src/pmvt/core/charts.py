"""Server-rendered horizontal SVG bar charts (a consultation's results, a workshop's dots).

Geometry is computed here, the template draws it (role="img", <title>, <desc>) with the same
figures in a table beside it. Each bar has its label above it and its count and percentage in
text at its end, so nothing is told by colour alone. Horizontal bars, unlike the weekly chart of
pmvt.orders.charts, leave room for long choice labels.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 480  # Narrow, so that the text stays readable when a phone shrinks the chart.
ROW_HEIGHT = 48
TOP = 6
LABEL_OFFSET = 17  # Baseline of the label, from the top of the row.
BAR_OFFSET = 24  # Top of the bar, from the top of the row.
BAR_HEIGHT = 16
VALUE_ROOM = 130  # Room at the right of the longest bar for its value text.
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


def hbar_chart(rows: Sequence[tuple[str, Decimal | int, str]]) -> HBarChart:
    """rows: (label, value, value text) in display order; bar lengths scale with the value."""
    highest = max((Decimal(value) for _label, value, _text in rows), default=Decimal(0))
    plot_width = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, value, text) in enumerate(rows):
        top = TOP + index * ROW_HEIGHT
        width = int(plot_width * Decimal(value) / highest) if highest else 0
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
        width=WIDTH,
        height=TOP * 2 + ROW_HEIGHT * len(rows),
        bar_height=BAR_HEIGHT,
        bars=bars,
    )
