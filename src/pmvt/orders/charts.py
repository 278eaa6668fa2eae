"""A server-rendered SVG bar chart of weekly revenue: geometry computed here, drawn by the
template, with the same figures in a table beside it."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format

from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.orders.selectors import WeekRow

WIDTH = 640
HEIGHT = 240
TOP = 20
BOTTOM = 40  # Room for the week labels.
LEFT = 10
GAP = 12


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value: str
    label_x: int
    value_y: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: int
    label_y: int
    bars: list[Bar]


def bar_chart(weeks: list[WeekRow]) -> BarChart:
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    highest = max((w.revenue for w in weeks), default=Decimal(0)) or Decimal(1)
    slot = (WIDTH - 2 * LEFT) // max(len(weeks), 1)
    bar_width = slot - GAP
    bars = []
    for index, week in enumerate(weeks):
        height = int(plot_height * week.revenue / highest)
        x = LEFT + index * slot + GAP // 2
        bars.append(
            Bar(
                x=x,
                y=baseline - height,
                width=bar_width,
                height=height,
                label=date_format(week.start, "j b"),
                value=euros_text(week.revenue),
                label_x=x + bar_width // 2,
                value_y=max(baseline - height - 6, 12),
            )
        )
    return BarChart(width=WIDTH, height=HEIGHT, baseline=baseline, label_y=baseline + 20, bars=bars)
