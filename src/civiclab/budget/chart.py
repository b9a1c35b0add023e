"""The consumption-over-time chart, drawn as inline SVG on the server (no JavaScript needed)."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 16, 40  # room for the axis labels


@dataclass
class Tick:
    position: float  # y for the amount axis, x for the time axis
    value: object  # an amount, or the first day of a month


@dataclass
class Series:
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, object, Decimal]]  # x, y, month, cumulative amount


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int
    committed: Series
    paid: Series
    planned_y: float | None
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    months: list  # the MonthPoint rows, for the data table under the chart


def nice_step(maximum: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2, 2.5 or 5 × a power of ten) giving about `ticks` steps up to `maximum`."""
    raw = Decimal(maximum) / ticks
    if raw <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(raw))) - 1)
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10  # pragma: no cover


def consumption_chart(months: list, planned: Decimal) -> Chart | None:
    """Running committed and paid totals month by month, against the planned total."""
    if not months:
        return None
    top_value = max([planned, *(m.cumulative_committed for m in months)])
    step = nice_step(top_value or Decimal(1))
    scale_top = step * ((Decimal(top_value) / step).to_integral_value(rounding="ROUND_CEILING"))
    scale_top = max(scale_top, step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: int) -> float:
        if len(months) == 1:
            return LEFT + plot_width / 2
        return round(LEFT + plot_width * index / (len(months) - 1), 1)

    def y(amount: Decimal) -> float:
        return round(TOP + plot_height * float(1 - Decimal(amount) / scale_top), 1)

    def series(attribute: str) -> Series:
        dots = [
            (x(i), y(getattr(m, attribute)), m.month, getattr(m, attribute))
            for i, m in enumerate(months)
        ]
        return Series(" ".join(f"{dx},{dy}" for dx, dy, _m, _v in dots), dots)

    y_ticks = []
    value = Decimal(0)
    while value <= scale_top:
        y_ticks.append(Tick(y(value), value))
        value += step
    # At most about eight month labels, so that they never overlap.
    every = max(1, -(-len(months) // 8))
    x_ticks = [Tick(x(i), m.month) for i, m in enumerate(months) if i % every == 0]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=HEIGHT - BOTTOM,
        committed=series("cumulative_committed"),
        paid=series("cumulative_paid"),
        planned_y=y(planned) if planned else None,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        months=months,
    )
