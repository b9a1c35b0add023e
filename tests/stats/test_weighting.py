"""Raking and weighting efficiency, checked against values computed by hand or by an
independent IPF loop written here."""

import math

import numpy as np
import polars as pl
import pytest

from civiclab.stats.caveats import Code
from civiclab.stats.weighting import effective_n, rake, weighting_efficiency


def codes(result):
    return [c.code for c in result.caveats]


def cell_totals(frame, weights, a, b):
    summed = frame.with_columns(w=weights).group_by(a, b).agg(pl.col("w").sum())
    return {(x, y): w for x, y, w in summed.iter_rows()}


def test_two_by_two_matches_the_table_solved_by_hand():
    """Raking keeps the sample's odds ratio and meets both margins: the cell totals are the
    root of a quadratic.

    Sample (100 people):      jeune  âgé          Targets (×100): femme 52, homme 48,
        femme                   30    20                          jeune 40, âgé 60.
        homme                   10    40
    Raked table with x femme-jeune: [[x, 52 − x], [40 − x, 8 + x]]. Raking multiplies rows
    and columns only, so the odds ratio stays 30·40 / (20·10) = 6:
        x(8 + x) = 6(52 − x)(40 − x)  ⇔  5x² − 560x + 12480 = 0  ⇔  x² − 112x + 2496 = 0
        x = (112 − √2560) / 2 = 56 − √640 ≈ 30.70178 (the other root, 81.3, exceeds 52).
    """
    frame = pl.DataFrame(
        {
            "sexe": ["femme"] * 50 + ["homme"] * 50,
            "age": ["jeune"] * 30 + ["âgé"] * 20 + ["jeune"] * 10 + ["âgé"] * 40,
        }
    )
    result = rake(frame, {"sexe": {"femme": 0.52, "homme": 0.48}, "age": {"jeune": 40, "âgé": 60}})

    x = 56 - math.sqrt(640)
    expected = {
        ("femme", "jeune"): x,
        ("femme", "âgé"): 52 - x,
        ("homme", "jeune"): 40 - x,
        ("homme", "âgé"): 8 + x,
    }
    got = cell_totals(frame, result.weights, "sexe", "age")
    assert got == pytest.approx(expected, abs=1e-4)
    assert result.converged
    assert result.weights.sum() == pytest.approx(100)
    assert result.caveats == ()


def reference_ipf(columns, margins, base, sweeps=2000):
    """Textbook raking, independent of the module: scale each category to its target in
    turn, many times over, then rescale to mean 1."""
    w = base.astype(float).copy()
    for _ in range(sweeps):
        for name, shares in margins.items():
            total = sum(shares.values())
            for category, share in shares.items():
                mask = columns[name] == category
                w[mask] *= share / total * w.sum() / w[mask].sum()
    return w * len(w) / w.sum()


def test_three_variables_match_an_independent_ipf_loop():
    """With base weights and three margins (given as counts), every weight equals the
    reference loop's."""
    rng = np.random.default_rng(2026)
    n = 300
    columns = {
        "sexe": rng.choice(["femme", "homme"], n, p=[0.65, 0.35]),
        "age": rng.choice(["18-34", "35-59", "60+"], n, p=[0.2, 0.3, 0.5]),
        "diplome": rng.choice(["aucun", "bac", "sup"], n, p=[0.1, 0.3, 0.6]),
    }
    base = rng.uniform(0.5, 2.0, n)
    margins = {
        "sexe": {"femme": 5200, "homme": 4800},
        "age": {"18-34": 2700, "35-59": 4100, "60+": 3200},
        "diplome": {"aucun": 2500, "bac": 4000, "sup": 3500},
    }
    frame = pl.DataFrame({**columns, "poids": base})

    result = rake(frame, margins, "poids", tol=1e-10, max_iter=1000)

    assert result.converged
    np.testing.assert_allclose(
        result.weights.to_numpy(), reference_ipf(columns, margins, base), rtol=1e-7
    )


def test_weights_follow_rows_in_any_order():
    """Weights are aligned with the frame's rows, whatever their order."""
    frame = pl.DataFrame({"sexe": ["homme", "femme", "femme", "homme", "femme"]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5}})
    # 3 femmes share 2.5, 2 hommes share 2.5.
    assert result.weights.to_list() == pytest.approx([1.25, 2.5 / 3, 2.5 / 3, 1.25, 2.5 / 3])


def test_weighting_efficiency_and_effective_n_by_hand():
    """w = 1, 1, 2, 4: Σw = 8, Σw² = 22, n = 4; efficiency 64 / 88, effective n 64 / 22."""
    weights = [1.0, 1.0, 2.0, 4.0]
    assert weighting_efficiency(weights) == pytest.approx(64 / 88)
    assert effective_n(pl.Series(weights)) == pytest.approx(64 / 22)
    # Five weights 0.5, 0.5, 1, 1, 2: Σw = 5, Σw² = 6.5; efficiency 25 / 32.5.
    assert weighting_efficiency(np.array([0.5, 0.5, 1, 1, 2])) == pytest.approx(25 / 32.5)
    assert weighting_efficiency([3.0, 3.0, 3.0]) == pytest.approx(1.0)


def test_efficiency_of_no_weight():
    """No weight: no efficiency, an effective n of 0; nulls are left out."""
    assert weighting_efficiency([]) is None
    assert effective_n([]) == 0.0
    assert weighting_efficiency(pl.Series([1.0, None, 1.0])) == pytest.approx(1.0)


def test_uneven_weights_give_low_efficiency():
    """18 femmes and 2 hommes raked to 50/50: femmes weigh 10/18, hommes 5; Σw² = 500/9,
    efficiency 400 / (20 · 500/9) = 0.36, effective n 7.2."""
    frame = pl.DataFrame({"sexe": ["femme"] * 18 + ["homme"] * 2})
    result = rake(frame, {"sexe": {"femme": 1, "homme": 1}})
    assert result.efficiency == pytest.approx(0.36)
    assert result.effective_n == pytest.approx(7.2)
    assert result.min_weight == pytest.approx(10 / 18)
    assert result.max_weight == pytest.approx(5)
    low = next(c for c in result.caveats if c.code == "low_efficiency")
    assert low.params["efficiency"] == pytest.approx(0.36)


def test_missing_answers_keep_their_share():
    """One of five did not answer: that person keeps 1/5 of the weight, the four others
    share the other 4/5 half and half (3 femmes: 2/3 each, 1 homme: 2)."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "femme", "homme", None]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5}})
    assert result.weights.to_list() == pytest.approx([2 / 3, 2 / 3, 2 / 3, 2, 1])
    assert result.missing == (("sexe", 1),)
    assert result.converged
    missing = next(c for c in result.caveats if c.code == Code.MISSING_MARGIN_VALUE)
    assert dict(missing.params) == {"variable": "sexe", "n": 1}


def test_category_absent_from_the_margins_keeps_its_share():
    """ "autre" is not in the population table: 1 of 4 keeps weight 1, femmes and hommes
    share 3 half and half (2 femmes: 0.75 each, 1 homme: 1.5)."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "homme", "autre"]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5}})
    assert result.weights.to_list() == pytest.approx([0.75, 0.75, 1.5, 1])
    assert result.unknown == (("sexe", "autre"),)
    assert Code.UNKNOWN_CATEGORY in codes(result)


def test_category_with_a_zero_share_is_treated_as_absent():
    """A share of 0 is read as "not published": its respondents keep their share instead of
    getting a weight of 0."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "homme", "autre"]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5, "autre": 0}})
    assert result.weights.to_list() == pytest.approx([0.75, 0.75, 1.5, 1])
    assert result.unknown == (("sexe", "autre"),)


def test_category_nobody_is_in_is_reported_and_the_rest_renormalised():
    """Nobody is "nb" (20 % of the population): femme 0.5 / 0.8 = 62.5 %, homme 37.5 % of 4
    people, so 3 femmes weigh 2.5 / 3 each and the homme 1.5."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "femme", "homme"]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.3, "nb": 0.2}})
    assert result.weights.to_list() == pytest.approx([2.5 / 3] * 3 + [1.5])
    assert result.unreachable == (("sexe", "nb"),)
    assert result.converged
    unreachable = next(c for c in result.caveats if c.code == Code.UNREACHABLE_CATEGORY)
    assert unreachable.params["population_share"] == pytest.approx(0.2)


def test_variable_nobody_answered_is_not_raked():
    """Nobody answered "age": it cannot be raked; "sexe" still is."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "homme"], "age": [None, None, None]})
    result = rake(
        frame, {"sexe": {"femme": 0.5, "homme": 0.5}, "age": {"jeune": 0.4, "vieux": 0.6}}
    )
    assert result.weights.to_list() == pytest.approx([0.75, 0.75, 1.5])
    assert result.unreachable == (("age", "jeune"), ("age", "vieux"))
    assert result.missing == (("age", 3),)


def test_categories_are_matched_on_their_text():
    """A column of numbers matches margins keyed by text, and the reverse."""
    frame = pl.DataFrame({"tranche": [1, 1, 1, 2]})
    result = rake(frame, {"tranche": {"1": 0.5, "2": 0.5}})
    assert result.weights.to_list() == pytest.approx([2 / 3] * 3 + [2])
    result = rake(pl.DataFrame({"t": ["1", "2"]}), {"t": {1: 0.25, 2: 0.75}})
    assert result.weights.to_list() == pytest.approx([0.5, 1.5])


def test_impossible_margins_do_not_converge_and_do_not_raise():
    """When a and b always go together, a 50/50 and b 70/30 cannot both hold."""
    frame = pl.DataFrame({"a": ["1", "1", "2", "2"], "b": ["1", "1", "2", "2"]})
    result = rake(frame, {"a": {"1": 0.5, "2": 0.5}, "b": {"1": 0.7, "2": 0.3}})
    assert not result.converged
    assert result.max_margin_error > 0.1
    assert Code.NOT_CONVERGED in codes(result)
    assert result.weights.sum() == pytest.approx(4)


def test_single_respondent():
    """One respondent weighs 1; the categories nobody else fills are reported."""
    frame = pl.DataFrame({"sexe": ["femme"]})
    result = rake(frame, {"sexe": {"femme": 0.52, "homme": 0.48}})
    assert result.weights.to_list() == [1.0]
    assert result.efficiency == 1.0
    assert result.unreachable == (("sexe", "homme"),)
    assert "single_answer" in codes(result)


def test_empty_frame():
    """No respondent: no weight, a no_answers caveat."""
    frame = pl.DataFrame({"sexe": []}, schema={"sexe": pl.String})
    result = rake(frame, {"sexe": {"femme": 0.52, "homme": 0.48}})
    assert result.weights.len() == 0
    assert result.efficiency is None
    assert result.effective_n == 0.0
    assert result.min_weight is None
    assert codes(result) == ["no_answers"]


def test_zero_base_weight_stays_zero():
    """A base weight of 0 stays 0; the others are raked and sum to n."""
    frame = pl.DataFrame({"sexe": ["femme", "femme", "homme", "homme"], "w": [1, 0, 1, 1]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5}}, "w")
    assert result.weights.to_list() == pytest.approx([2, 0, 1, 1])


def test_weight_cap_is_respected_when_margins_allow_it():
    """6 femmes / 4 hommes and 5 jeunes / 5 vieux raked to 50/50 and 30/70 with weights capped
    at 1.6: the margins hold and no weight exceeds the cap."""
    frame = pl.DataFrame({"sexe": ["femme"] * 6 + ["homme"] * 4, "age": ["jeune", "vieux"] * 5})
    margins = {"sexe": {"femme": 0.5, "homme": 0.5}, "age": {"jeune": 0.3, "vieux": 0.7}}
    uncapped = rake(frame, margins)
    assert uncapped.max_weight > 1.6
    result = rake(frame, margins, weight_cap=1.6)
    assert result.converged
    assert result.max_weight <= 1.6 * (1 + 1e-6)
    totals = frame.with_columns(w=result.weights).group_by("sexe").agg(pl.col("w").sum())
    assert dict(totals.iter_rows()) == pytest.approx({"femme": 5, "homme": 5}, rel=1e-5)


def test_weight_cap_that_margins_forbid_is_reported():
    """1 homme must stand for half of 10 people (weight 5): a cap of 2 cannot hold."""
    frame = pl.DataFrame({"sexe": ["femme"] * 9 + ["homme"]})
    result = rake(frame, {"sexe": {"femme": 0.5, "homme": 0.5}}, weight_cap=2.0)
    assert not result.converged
    caveat = next(c for c in result.caveats if c.code == Code.NOT_CONVERGED)
    assert caveat.params["weight_cap"] == 2.0


@pytest.mark.parametrize(
    ("margins", "base"),
    [
        ({"region": {"nord": 1}}, None),
        ({"sexe": {"femme": -0.1, "homme": 1.1}}, None),
        ({"sexe": {"femme": 0, "homme": 0}}, None),
        ({"sexe": {"femme": "moitié"}}, None),
        ({"sexe": {1: 0.5, "1": 0.5}}, None),
        ({"sexe": {"femme": 0.5, "homme": 0.5}}, "absent"),
        ({"sexe": {"femme": 0.5, "homme": 0.5}}, "negatif"),
    ],
)
def test_programming_errors_raise(margins, base):
    """Margins or base weights that cannot be right are refused with ValueError."""
    frame = pl.DataFrame({"sexe": ["femme", "homme"], "negatif": [1.0, -1.0]})
    with pytest.raises(ValueError):
        rake(frame, margins, base)
