"""Chart specifications are valid Vega-Lite that the server draws, with the figures given."""

import re

import pytest

from civiclab.stats import charts

BARS = [
    charts.Bar("Tout à fait d'accord", 0.42, 0.35, 0.49, 180),
    charts.Bar("Plutôt d'accord", 0.31, 0.25, 0.38, 180),
    charts.Bar("Pas d'accord", 0.27, 0.21, 0.33, 180),
]


def test_bars_keep_the_given_order_and_their_intervals():
    spec = charts.bars_with_intervals(BARS, description="Avis", value_title="Part")
    bars, whiskers = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == [b.label for b in BARS]
    assert spec["data"]["values"][0] == {
        "label": "Tout à fait d'accord",
        "value": 0.42,
        "low": 0.35,
        "high": 0.49,
        "n": 180,
        "group": "",
    }
    assert whiskers["encoding"]["x"]["field"] == "low"
    assert spec["description"] == "Avis"


def test_the_server_draws_the_chart_with_its_labels():
    svg = charts.to_svg(charts.bars_with_intervals(BARS, description="Avis", value_title="Part"))
    assert svg.startswith("<svg")
    for bar in BARS:
        assert bar.label.replace("'", "&#39;") in svg or bar.label in svg
    assert "100\u202f%" in svg or "100 %" in svg, "shares on a 0-100 % axis, written the French way"
    assert "100%" in charts.to_svg(
        charts.bars_with_intervals(BARS, description="Avis", value_title="Part"), language="en"
    )


def test_the_server_drawing_fetches_nothing():
    spec = {**charts.bars_with_intervals(BARS, description="x", value_title="Part")}
    spec["data"] = {"url": "https://example.org/data.json"}
    with pytest.raises(ValueError, match="not allowed"):
        charts.to_svg(spec)


def test_a_breakdown_colours_each_group():
    bars = [
        charts.Bar("Oui", 0.6, 0.5, 0.7, 40, "Femme"),
        charts.Bar("Oui", 0.4, 0.3, 0.5, 35, "Homme"),
    ]
    spec = charts.bars_with_intervals(bars, description="Oui par sexe", value_title="Part")
    assert spec["layer"][0]["encoding"]["color"]["field"] == "group"
    png = charts.to_png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_trend_draws_baseline_and_target_lines():
    points = [
        charts.Point("Avant", 0.31, 0.26, 0.36, 300),
        charts.Point("Après", 0.44, 0.38, 0.5, 250),
    ]
    spec = charts.trend(
        points,
        description="Confiance",
        value_title="Part",
        baseline=0.31,
        target=0.5,
        baseline_label="Référence",
        target_label="Cible",
    )
    svg = charts.to_svg(spec)
    assert "Référence" in svg and "Cible" in svg
    assert re.search(r"Avant", svg) and re.search(r"Après", svg)


def test_profile_puts_participants_next_to_population():
    spec = charts.profile_vs_population(
        [("15-29 ans", 0.12, 0.22), ("60 ans et plus", 0.33, 0.29)],
        description="Âge",
        participants_label="Participants",
        population_label="Population",
        value_title="Part",
    )
    values = spec["data"]["values"]
    assert {"label": "15-29 ans", "group": "Population", "value": 0.22} in values
    assert "Participants" in charts.to_svg(spec)


def test_a_missing_value_still_draws():
    """A category nobody answered (no value) must not break the drawing."""
    spec = charts.bars_with_intervals(
        [charts.Bar("Oui", None, None, None, 0), *BARS], description="x", value_title="Part"
    )
    assert charts.to_svg(spec).startswith("<svg")
