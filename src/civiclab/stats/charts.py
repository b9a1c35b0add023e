"""Vega-Lite specifications of civiclab's charts, built in Python for every medium.

The browser draws them with vega-embed (static/js/charts.js); reports and slides draw the
same specification to SVG or PNG with vl-convert (`to_svg`, `to_png`). Texts arrive already
translated: this module knows nothing of Django. Every chart carries a `description` (read
by screen readers) and its page shows the same figures as a table."""

from collections.abc import Sequence
from dataclasses import dataclass

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# vl-convert's newest Vega-Lite line; the browser's copy (package.json) is held to it.
VL_VERSION = "6.4"
ACCENT = "#0b5cad"  # --accent in civiclab.css
MUTED = "#555d66"
POPULATION = "#8a5200"  # --warn: the reference population, beside the participants
TARGET = "#17663a"
FONT = "DejaVu Sans, Noto Sans, sans-serif"
WIDTH = 560
TREND_WIDTH = 420
CONFIG = {
    "font": FONT,
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260, "grid": False},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
    "view": {"stroke": None},
    "bar": {"color": ACCENT},
    # Breakdown groups: colour-blind-safe hues (Okabe and Ito), civiclab's blue first.
    "range": {"category": ["#0b5cad", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]},
}


@dataclass(frozen=True)
class Bar:
    """One bar: a share (0-1) or a value, with its 95% interval when there is one."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    n: int | None = None
    group: str = ""  # a breakdown category, or "" for the whole sample


def _base(description: str, **extra) -> dict:
    return {"$schema": SCHEMA, "description": description, "config": CONFIG, **extra}


def _rows(bars: Sequence[Bar]) -> list[dict]:
    return [
        {
            "label": b.label,
            "value": b.value,
            "low": b.low,
            "high": b.high,
            "n": b.n,
            "group": b.group,
        }
        for b in bars
    ]


def _value_axis(title: str, share: bool) -> dict:
    axis = {"title": title, "format": ".0%" if share else ",.2~f"}
    if share:
        return {"field": "value", "type": "quantitative", "axis": axis, "scale": {"domain": [0, 1]}}
    return {"field": "value", "type": "quantitative", "axis": axis}


def bars_with_intervals(
    bars: Sequence[Bar], *, description: str, value_title: str, share: bool = True
) -> dict:
    """Horizontal bars in the given order with their 95% intervals as whiskers; with
    groups (a breakdown), one colour per group side by side."""
    grouped = any(b.group for b in bars)
    order = list(dict.fromkeys(b.label for b in bars))
    y = {"field": "label", "type": "nominal", "sort": order, "title": None}
    tooltip = [
        {"field": "label", "title": " "},
        {"field": "value", "format": ".1%" if share else ",.2f", "title": value_title},
        {"field": "n", "title": "n"},
    ]
    encoding = {"y": y, "x": _value_axis(value_title, share), "tooltip": tooltip}
    if grouped:
        encoding["yOffset"] = {"field": "group"}
        encoding["color"] = {"field": "group", "type": "nominal", "title": None}
        tooltip.insert(1, {"field": "group", "title": " "})
    whiskers = {
        "mark": {"type": "rule", "color": MUTED},
        "encoding": {
            "y": y,
            "x": {"field": "low", "type": "quantitative"},
            "x2": {"field": "high"},
            **({"yOffset": {"field": "group"}} if grouped else {}),
        },
    }
    height = {"step": 14 if grouped else 22}
    return _base(
        description,
        width=WIDTH,
        height=height,
        data={"values": _rows(bars)},
        layer=[{"mark": {"type": "bar"}, "encoding": encoding}, whiskers],
    )


@dataclass(frozen=True)
class Point:
    """An indicator's value at one wave, with its 95% interval."""

    wave: str
    value: float | None
    low: float | None = None
    high: float | None = None
    n: int | None = None


def trend(
    points: Sequence[Point],
    *,
    description: str,
    value_title: str,
    share: bool = True,
    baseline: float | None = None,
    target: float | None = None,
    baseline_label: str = "baseline",
    target_label: str = "target",
) -> dict:
    """An indicator across waves: points joined by a line, intervals as whiskers, and the
    baseline and target as labelled horizontal rules."""
    order = [p.wave for p in points]
    x = {
        "field": "wave",
        "type": "ordinal",
        "sort": order,
        "title": None,
        "axis": {"labelAngle": 0},
    }
    y = _value_axis(value_title, share)
    values = [
        {"wave": p.wave, "value": p.value, "low": p.low, "high": p.high, "n": p.n} for p in points
    ]
    layers = [
        {"mark": {"type": "line", "color": ACCENT}, "encoding": {"x": x, "y": y}},
        {
            "mark": {"type": "rule", "color": MUTED},
            "encoding": {
                "x": x,
                "y": {"field": "low", "type": "quantitative"},
                "y2": {"field": "high"},
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 70, "color": ACCENT},
            "encoding": {
                "x": x,
                "y": y,
                "tooltip": [
                    {"field": "wave", "title": " "},
                    {"field": "value", "format": ".1%" if share else ",.2f", "title": value_title},
                    {"field": "n", "title": "n"},
                ],
            },
        },
    ]
    for level, label, colour in ((baseline, baseline_label, MUTED), (target, target_label, TARGET)):
        if level is not None:
            layers.append(_reference_line(level, label, colour))
    return _base(description, width=WIDTH, height=240, data={"values": values}, layer=layers)


def _reference_line(level: float, label: str, colour: str) -> dict:
    return {
        "data": {"values": [{"level": level, "label": label}]},
        "layer": [
            {
                "mark": {"type": "rule", "color": colour, "strokeDash": [6, 4]},
                "encoding": {"y": {"field": "level", "type": "quantitative"}},
            },
            {
                "mark": {"type": "text", "align": "right", "dy": -6, "color": colour, "x": "width"},
                "encoding": {
                    "y": {"field": "level", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    }


def profile_vs_population(
    rows: Sequence[tuple[str, float | None, float | None]],
    *,
    description: str,
    participants_label: str,
    population_label: str,
    value_title: str,
) -> dict:
    """Participants' shares next to the population's, category by category:
    rows are (category, participants' share, population share)."""
    values = []
    for category, sample, population in rows:
        values.append({"label": category, "group": participants_label, "value": sample})
        values.append({"label": category, "group": population_label, "value": population})
    order = [category for category, _s, _p in rows]
    colours = {"domain": [participants_label, population_label], "range": [ACCENT, POPULATION]}
    encoding = {
        "y": {"field": "label", "type": "nominal", "sort": order, "title": None},
        "yOffset": {"field": "group", "sort": [participants_label, population_label]},
        "x": _value_axis(value_title, True),
        "color": {"field": "group", "type": "nominal", "title": None, "scale": colours},
        "tooltip": [
            {"field": "label", "title": " "},
            {"field": "group", "title": " "},
            {"field": "value", "format": ".1%", "title": value_title},
        ],
    }
    return _base(
        description,
        width=WIDTH,
        height={"step": 14},
        data={"values": values},
        mark={"type": "bar"},
        encoding=encoding,
    )


def _drawing_options(language: str) -> dict:
    # Numbers as the reader writes them (0,42 and 42 % in French); specifications carry their
    # data inline, so the engine is allowed to fetch nothing.
    locale = "fr-FR" if language.startswith("fr") else "en-GB"
    return {"vl_version": VL_VERSION, "format_locale": locale, "allowed_base_urls": []}


def to_svg(spec: dict, language: str = "fr") -> str:
    """The chart as an SVG document, drawn by the same Vega engine as the browser's."""
    import vl_convert  # imported here: a second or so to load, only for reports

    return vl_convert.vegalite_to_svg(spec, **_drawing_options(language))


def to_png(spec: dict, language: str = "fr", scale: float = 2.0) -> bytes:
    """The chart as a PNG at `scale` times its size (2: crisp on slides and in print)."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale, **_drawing_options(language))
