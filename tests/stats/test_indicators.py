"""Indicator values against hand computations (the formulas are written out in comments)."""

import polars as pl
import pytest

from civiclab.stats import indicators
from civiclab.stats.caveats import Code


def codes(result):
    return {c.code for c in result.caveats}


def test_share_of_a_single_choice_counts_those_who_answered():
    # 3 of the 4 who answered chose "a" or "c": p = 0.75. Wilson, z = 1.959964, n = 4:
    # centre (p + z²/2n) / (1 + z²/n) = 1.230182 / 1.960365 = 0.627527,
    # half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n) = 0.326885 -> [0.300642, 0.954413].
    result = indicators.share(pl.Series(["a", "b", "a", None, "c"]), ["a", "c"])
    assert result.n == 4
    assert result.value == pytest.approx(0.75)
    assert result.low == pytest.approx(0.300642, abs=1e-6)
    assert result.high == pytest.approx(0.954413, abs=1e-6)
    assert Code.SMALL_N in codes(result)


def test_share_of_a_multiple_choice_counts_respondents_who_ticked_any():
    # Ticked "b" or "d": 1 respondent of the 3 who answered (an empty list is an answer).
    values = pl.Series([["a", "b"], ["c"], [], None], dtype=pl.List(pl.String))
    result = indicators.share(values, ["b", "d"])
    assert (result.n, result.value) == (3, pytest.approx(1 / 3))
    # Wilson for 1/3: [0.061492, 0.792340].
    assert result.low == pytest.approx(0.061492, abs=1e-6)


def test_weighted_share():
    # "a" weighs 3, "b" weighs 1: 3 / 4 = 0.75; still n = 2 people.
    result = indicators.share(pl.Series(["a", "b"]), ["a"], pl.Series([3.0, 1.0]))
    assert result.value == pytest.approx(0.75)
    assert result.n == 2 and result.weighted


def test_mean_of_a_scale_reads_its_values_as_numbers():
    # Mean 2.5, s = sqrt(5/3) = 1.290994, se = s/2 = 0.645497, t(0.975, 3) = 3.182446:
    # half-width 2.054260 -> [0.445740, 4.554260].
    result = indicators.mean(pl.Series(["1", "2", "3", "4", None]))
    assert result.value == pytest.approx(2.5)
    assert result.low == pytest.approx(0.445740, abs=1e-5)
    assert result.high == pytest.approx(4.554260, abs=1e-5)
    assert result.n == 4


def test_median_and_count_have_no_interval():
    median = indicators.median(pl.Series([1.0, 5.0, 3.0]))
    assert (median.value, median.low, median.high) == (3.0, None, None)
    count = indicators.count(pl.Series(["x", None, "y", "z"]))
    assert (count.value, count.n) == (3.0, 3)


def test_ratio_and_division_by_zero():
    six = indicators.count(pl.Series(["x"] * 6))
    three = indicators.count(pl.Series(["x"] * 3))
    assert indicators.ratio(six, three).value == pytest.approx(2.0)
    nothing = indicators.count(pl.Series([None], dtype=pl.String))
    result = indicators.ratio(six, nothing)
    assert result.value is None
    assert Code.NO_ANSWERS in codes(result)


def test_empty_and_single_answers_give_caveats_not_errors():
    empty = indicators.share(pl.Series([], dtype=pl.String), ["a"])
    assert empty.value is None and Code.NO_ANSWERS in codes(empty)
    single = indicators.mean(pl.Series([4.0]))
    assert single.value == 4.0 and Code.SINGLE_ANSWER in codes(single)


def test_by_group_keeps_the_given_order_and_shows_empty_groups():
    frame = pl.DataFrame(
        {
            "wave": ["before", "before", "after", "after", "after", None],
            "trust": ["oui", "non", "oui", "oui", "non", "oui"],
        }
    )
    results = indicators.by_group(
        frame,
        "trust",
        "wave",
        lambda values, weights: indicators.share(values, ["oui"], weights),
        order=["before", "during", "after"],
    )
    assert list(results) == ["before", "during", "after"]
    assert results["before"].value == pytest.approx(1 / 2)
    assert results["after"].value == pytest.approx(2 / 3)
    assert results["during"].n == 0 and results["during"].value is None
