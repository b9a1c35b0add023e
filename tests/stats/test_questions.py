"""Every question summarised at once, by group: hand-computed values, and the same figures
as the one-series summaries of `describe` (tested against published references)."""

import polars as pl
import pytest

from civiclab.stats import describe
from civiclab.stats.caveats import Code
from civiclab.stats.questions import ALL, choice_by, multiple_choice_by, numbers_by

FRAME = pl.DataFrame(
    {
        "avis": ["oui", "non", "oui", None, "oui", "nsp"],
        "sexe": ["f", "f", "h", "h", "h", None],
        "canal": [["a", "b"], [], ["a"], None, ["b", "b"], ["c"]],
        "age": [20.0, 30.0, 40.0, 50.0, None, 60.0],
        "poids": [1.0, 2.0, 1.0, 1.0, 2.0, 1.0],
    }
)


def by_group(results):
    return {r.group: r for r in results}


def test_overall_shares_with_wilson_intervals():
    (overall,) = choice_by(FRAME, "avis", ["oui", "non"])
    assert overall.group == ALL and overall.n == 5
    oui = overall.shares[0]
    # 3 of 5 answered "oui" ("nsp" stays in the denominator): Wilson for 3/5 = [0.2307, 0.8824].
    assert (oui.count, oui.share) == (3, pytest.approx(0.6))
    assert oui.low == pytest.approx(0.2307, abs=1e-4)
    assert oui.high == pytest.approx(0.8824, abs=1e-4)


def test_shares_by_group_leave_out_those_without_a_group():
    groups = by_group(choice_by(FRAME, "avis", ["oui", "non"], by="sexe"))
    assert set(groups) == {"f", "h"}
    # Women: oui, non -> 1/2. Men: oui, (no answer), oui -> 2/2.
    assert groups["f"].shares[0].share == pytest.approx(0.5)
    assert (groups["h"].n, groups["h"].shares[0].share) == (2, pytest.approx(1.0))
    assert groups["h"].caveats[0].code == Code.SMALL_N


def test_weighted_shares_match_the_one_series_summary():
    (overall,) = choice_by(FRAME, "avis", ["oui", "non"], weights="poids")
    reference = describe.choice_summary(FRAME["avis"], ["oui", "non"], FRAME["poids"])
    # oui weighs 1 + 1 + 2 = 4 of 1 + 2 + 1 + 2 + 1 = 7.
    assert overall.shares[0].share == pytest.approx(4 / 7)
    assert overall.n_eff == pytest.approx(reference.n_eff)
    assert overall.shares[0].low == pytest.approx(reference.options[0].ci_low)


def test_multiple_choice_counts_respondents_once():
    (overall,) = multiple_choice_by(FRAME, "canal", ["a", "b", "c"])
    shares = {s.option: s for s in overall.shares}
    # 5 answered (the empty list too); "b" ticked by 2 people (one ticked it twice).
    assert overall.n == 5
    assert (shares["a"].count, shares["a"].share) == (2, pytest.approx(0.4))
    assert (shares["b"].count, shares["b"].share) == (2, pytest.approx(0.4))


def test_numbers_by_group_with_t_intervals():
    groups = by_group(numbers_by(FRAME, "age", by="sexe"))
    # Women 20 and 30: mean 25, s = 7.0711, se = 5, t(0.975, 1) = 12.7062 -> ±63.531.
    women = groups["f"]
    assert women.mean == pytest.approx(25.0)
    assert women.low == pytest.approx(25 - 63.531, abs=1e-3)
    # Men: 40 and 50 (one did not answer).
    assert (groups["h"].n, groups["h"].median) == (2, pytest.approx(45.0))


def test_weighted_mean_matches_the_one_series_summary():
    (overall,) = numbers_by(FRAME, "age", weights="poids")
    reference = describe.numeric_summary(FRAME["age"], FRAME["poids"])
    assert overall.mean == pytest.approx(reference.mean)
    assert overall.low == pytest.approx(reference.ci_low)


def test_identical_answers_and_no_answers():
    frame = pl.DataFrame(
        {"x": [3.0, 3.0, 3.0], "y": [None, None, None]}, schema_overrides={"y": pl.String}
    )
    (same,) = numbers_by(frame, "x")
    assert Code.NO_VARIATION in {c.code for c in same.caveats}
    assert choice_by(frame, "y", ["a"]) == [], "no group answered: nothing to show"
