"""Positions of phases, tasks and milestones on a timeline (a Gantt chart), as percentages.

Pure functions over dates, so the chart can be drawn by any template and tested by hand.
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Span:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Bar:
    left: float  # % of the timeline's width
    width: float  # % of the timeline's width, at least one day


@dataclass(frozen=True)
class Tick:
    label_date: date
    left: float


def span_of(dates: list[date | None], today: date, margin_days: int = 7) -> Span:
    """The period a chart must show: all the dates given, and today, with a little margin."""
    known = [d for d in dates if d is not None] + [today]
    return Span(min(known) - timedelta(days=margin_days), max(known) + timedelta(days=margin_days))


def bar(span: Span, start: date | None, end: date | None) -> Bar | None:
    """Where a bar from `start` to `end` (inclusive) sits; a single date makes a one-day bar."""
    start, end = start or end, end or start
    if start is None:
        return None
    start, end = max(start, span.start), min(end, span.end)
    if end < start:
        return None
    left = (start - span.start).days / span.days * 100
    width = ((end - start).days + 1) / span.days * 100
    return Bar(round(left, 3), round(width, 3))


def month_ticks(span: Span, most: int = 7) -> list[Tick]:
    """First days of months within the span, for the chart's scale: every month, or every
    second, third... month so that no more than `most` labels crowd the scale."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    step = -(-months // most)  # ceiling division
    ticks = []
    month = date(span.start.year, span.start.month, 1)
    while month <= span.end:
        if month >= span.start and (month.month - 1) % step == 0:
            ticks.append(Tick(month, round((month - span.start).days / span.days * 100, 3)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks


@dataclass(frozen=True)
class Row:
    kind: str  # "experiment", "phase", "task" or "milestone"
    label: str
    bar: Bar | None
    item: object
    level: int  # indentation: 0 experiment, 1 phase, 2 task or milestone


@dataclass(frozen=True)
class Chart:
    span: Span
    ticks: list[Tick]
    today: Bar | None
    rows: list[Row]


def chart(experiments, phases, milestones, tasks, today: date) -> Chart:
    """The rows of a Gantt chart: each experiment, its phases, and under each phase its tasks
    and milestones in date order; items without a phase come after the phases."""
    phases, milestones, tasks = list(phases), list(milestones), list(tasks)
    dates = [p.start_date for p in phases] + [p.end_date for p in phases]
    dates += [m.due_date for m in milestones]
    dates += [t.start_date for t in tasks] + [t.due_date for t in tasks]
    span = span_of(dates, today)
    rows: list[Row] = []
    for experiment in experiments:
        if len(experiments) > 1:
            rows.append(Row("experiment", experiment.title, None, experiment, 0))
        own_phases = [p for p in phases if p.experiment_id == experiment.pk]
        for phase in [*own_phases, None]:
            children = _children(experiment, phase, milestones, tasks)
            if phase is not None:
                rows.append(
                    Row("phase", phase.name, bar(span, phase.start_date, phase.end_date), phase, 1)
                )
            for item in children:
                if hasattr(item, "reached_on"):
                    rows.append(
                        Row("milestone", item.name, bar(span, item.due_date, None), item, 2)
                    )
                else:
                    rows.append(
                        Row("task", item.title, bar(span, item.start_date, item.due_date), item, 2)
                    )
    return Chart(span, month_ticks(span), bar(span, today, None), rows)


def _children(experiment, phase, milestones, tasks) -> list:
    phase_id = phase.pk if phase else None
    items = [
        i
        for i in [*milestones, *tasks]
        if i.experiment_id == experiment.pk and i.phase_id == phase_id
    ]
    return sorted(items, key=lambda i: (_first_date(i) or date.max, i.pk))


def _first_date(item) -> date | None:
    return getattr(item, "start_date", None) or item.due_date
