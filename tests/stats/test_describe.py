"""Per-question summaries, checked against published and hand-computed values.

Every expected number below comes from a publication (cited) or from the arithmetic written
next to it, never from running the code under test.
"""

import math

import polars as pl
import pytest

from civiclab.stats.caveats import Caveat, Code, caveat
from civiclab.stats.describe import choice_summary, multiple_choice_summary, numeric_summary

Z = 1.959963984540054  # standard normal 97.5% quantile (printed tables: 1.95996)


def answers(**counts: int) -> pl.Series:
    """A Series holding each answer as many times as given: answers(yes=3, no=2)."""
    return pl.Series([value for value, k in counts.items() for _ in range(k)], dtype=pl.String)


def wilson(p: float, n: float) -> tuple[float, float]:
    """Wilson's score interval written out from its formula, to check weighted cases."""
    denominator = 1 + Z**2 / n
    centre = (p + Z**2 / (2 * n)) / denominator
    half = Z / denominator * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return centre - half, centre + half


def codes(summary) -> list[str]:
    return [c.code for c in summary.caveats]


# --- caveats ----------------------------------------------------------------------------------


def test_caveat_is_hashable_and_compares_on_code_and_params():
    """Caveats go in sets; same code with other params is a different caveat."""
    assert caveat(Code.SMALL_N, n=3) == Caveat("small_n", {"n": 3})
    assert caveat(Code.SMALL_N, n=3) != caveat(Code.SMALL_N, n=4)
    assert len({caveat(Code.SMALL_N, n=3), Caveat("small_n", {"n": 3})}) == 1


def test_caveat_params_are_read_only():
    """A frozen result must not be changed through its params mapping."""
    with pytest.raises(TypeError):
        caveat(Code.SMALL_N, n=3).params["n"] = 4  # type: ignore[index]


# --- single choice ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hits", "n", "low", "high"),
    [
        # Newcombe RG (1998) Two-sided confidence intervals for the single proportion,
        # Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no correction).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_choice_share_has_newcombe_wilson_interval(hits, n, low, high):
    """Unweighted shares carry Wilson's interval as published by Newcombe."""
    summary = choice_summary(answers(yes=hits, no=n - hits), ["yes", "no"])
    yes = summary.options[0]
    assert yes.count == hits
    assert yes.share == pytest.approx(hits / n)
    assert yes.ci_low == pytest.approx(low, abs=5e-5)
    assert yes.ci_high == pytest.approx(high, abs=5e-5)


def test_choice_options_keep_given_order_and_unchosen_options():
    """Options come back in questionnaire order, including those nobody chose."""
    summary = choice_summary(answers(b=3, a=1), ["c", "a", "b"])
    assert [o.option for o in summary.options] == ["c", "a", "b"]
    assert [o.count for o in summary.options] == [0, 1, 3]
    assert [o.share for o in summary.options] == [0.0, 0.25, 0.75]


def test_choice_nulls_are_unanswered_and_outside_answers_are_other():
    """Null leaves n; an unknown answer stays in n, counted as "other", not dropped."""
    values = pl.Series(["a", None, "a", "zz", "b", None])
    summary = choice_summary(values, ["a", "b"])
    assert (summary.n, summary.n_missing) == (4, 2)
    assert summary.other.option is None
    assert summary.other.count == 1
    assert summary.other.share == 0.25  # 1 of the 4 who answered
    assert sum(o.share for o in summary.options) + summary.other.share == pytest.approx(1)


def test_choice_matches_codes_stored_as_numbers():
    """Answers stored as integers still match their option codes."""
    summary = choice_summary(pl.Series([1, 2, 2]), ["1", "2"])
    assert [o.count for o in summary.options] == [1, 2]


def test_choice_with_no_answers_does_not_raise():
    """Empty or all-null input gives a summary with no shares and a no_answers caveat."""
    for values in (pl.Series([], dtype=pl.String), pl.Series([None, None], dtype=pl.String)):
        summary = choice_summary(values, ["a", "b"])
        assert summary.n == 0
        assert [o.share for o in summary.options] == [None, None]
        assert summary.options[0].ci_low is None
        assert codes(summary) == [Code.NO_ANSWERS]


def test_choice_single_answer():
    """One answer: share 1 with Wilson's interval for 1/1, and the single_answer caveat."""
    summary = choice_summary(pl.Series(["a"]), ["a", "b"])
    # Wilson for 1/1: lower = 1/(1 + z²) = 1/4.8415 = 0.20655, upper = 1.
    assert summary.options[0].ci_low == pytest.approx(0.20655, abs=5e-5)
    assert summary.options[0].ci_high == pytest.approx(1.0)
    assert codes(summary) == [Code.SINGLE_ANSWER]


def test_choice_small_n_caveat_below_30_only():
    """small_n applies at n = 29 and not at n = 30."""
    assert codes(choice_summary(answers(a=29), ["a"])) == [Code.SMALL_N]
    assert choice_summary(answers(a=29), ["a"]).caveats[0].params == {"n": 29}
    assert codes(choice_summary(answers(a=30), ["a"])) == []


def test_choice_equal_weights_give_the_unweighted_result():
    """All weights equal: n_eff = n²/n = n, so shares and intervals are unchanged."""
    values = answers(yes=81, no=182)
    plain = choice_summary(values, ["yes", "no"])
    weighted = choice_summary(values, ["yes", "no"], pl.Series([2.5] * 263))
    assert weighted.weighted and not plain.weighted
    assert weighted.n_eff == pytest.approx(263)
    for a, b in zip(plain.options, weighted.options, strict=True):
        assert b.share == pytest.approx(a.share)
        assert b.ci_low == pytest.approx(a.ci_low)
        assert b.ci_high == pytest.approx(a.ci_high)


def test_choice_weighted_share_and_interval_use_kish_n_eff():
    """Weighted share, with Wilson on Kish's n_eff instead of n."""
    values = pl.Series(["a", "a", "b", "b"])
    summary = choice_summary(values, ["a", "b"], pl.Series([1.0, 1.0, 2.0, 2.0]))
    # Σw = 6, Σw² = 10, n_eff = 36/10 = 3.6; share of a = (1 + 1)/6 = 1/3.
    a = summary.options[0]
    assert summary.n == 4
    assert summary.n_eff == pytest.approx(3.6)
    assert a.count == 2
    assert a.weighted_count == 2.0
    assert a.share == pytest.approx(1 / 3)
    low, high = wilson(1 / 3, 3.6)
    assert (a.ci_low, a.ci_high) == (pytest.approx(low), pytest.approx(high))


def test_choice_low_efficiency_caveat():
    """Very uneven weights: n_eff/n below 0.5 is flagged."""
    summary = choice_summary(answers(a=6), ["a"], pl.Series([1.0] * 5 + [100.0]))
    # Σw = 105, Σw² = 5 + 10000 = 10005, n_eff = 11025/10005 = 1.10195, efficiency 0.18366.
    low = [c for c in summary.caveats if c.code == Code.LOW_EFFICIENCY]
    assert low[0].params["efficiency"] == pytest.approx(0.18366, abs=5e-6)
    assert low[0].params["n_eff"] == pytest.approx(1.10195, abs=5e-6)


def test_bad_weights_raise():
    """Negative, NaN or missing weights on answered rows, or a length mismatch, are bugs."""
    values = pl.Series(["a", "b"])
    for weights in (pl.Series([1.0, -1.0]), pl.Series([1.0, float("nan")]), pl.Series([1.0])):
        with pytest.raises(ValueError):
            choice_summary(values, ["a", "b"], weights)
    with pytest.raises(ValueError):
        choice_summary(values, ["a", "b"], pl.Series([1.0, None]))


def test_weights_of_unanswered_rows_are_ignored():
    """A missing weight on an unanswered row is harmless."""
    summary = choice_summary(pl.Series(["a", None]), ["a"], pl.Series([1.0, None]))
    assert summary.n == 1


def test_duplicate_options_raise():
    with pytest.raises(ValueError):
        choice_summary(pl.Series(["a"]), ["a", "a"])


# --- multiple choice --------------------------------------------------------------------------


def test_multiple_choice_denominator_is_those_who_answered():
    """Null = not answered (out of n); [] = answered, ticked nothing (in n)."""
    values = pl.Series([["a", "b"], [], None, ["b"], ["a", "a"], ["zz", "b"]])
    summary = multiple_choice_summary(values, ["a", "b", "c"])
    assert (summary.n, summary.n_missing, summary.n_empty) == (5, 1, 1)
    # a: respondents 1 and 5 (ticked twice, counts once) → 2/5; b: 1, 4, 6 → 3/5; c: 0.
    assert [o.count for o in summary.options] == [2, 3, 0]
    assert [o.share for o in summary.options] == [0.4, 0.6, 0.0]
    assert (summary.other.count, summary.other.share) == (1, 0.2)


def test_multiple_choice_wilson_interval():
    """Same Newcombe reference as single choice: 81 of 263 respondents ticked "x"."""
    values = pl.Series([["x", "y"]] * 81 + [["y"]] * 100 + [[]] * 82)
    x = multiple_choice_summary(values, ["x", "y"]).options[0]
    assert (x.ci_low, x.ci_high) == (
        pytest.approx(0.2553, abs=5e-5),
        pytest.approx(0.3662, abs=5e-5),
    )


def test_multiple_choice_weighted():
    """Weighted share of respondents ticking an option, Wilson on n_eff."""
    values = pl.Series([["a"], ["a", "b"], [], ["b"]])
    summary = multiple_choice_summary(values, ["a", "b"], pl.Series([1.0, 1.0, 2.0, 2.0]))
    # a: weights 1 + 1 = 2 of Σw = 6 → 1/3; b: 1 + 2 = 3 of 6 → 1/2; n_eff = 36/10 = 3.6.
    a, b = summary.options
    assert (a.share, b.share) == (pytest.approx(1 / 3), pytest.approx(0.5))
    assert (b.ci_low, b.ci_high) == tuple(pytest.approx(x) for x in wilson(0.5, 3.6))


def test_multiple_choice_empty_input():
    summary = multiple_choice_summary(pl.Series([], dtype=pl.List(pl.String)), ["a"])
    assert summary.n == 0
    assert summary.options[0].share is None
    assert codes(summary) == [Code.NO_ANSWERS]


# --- numeric ----------------------------------------------------------------------------------


def test_numeric_unweighted_by_hand():
    """Mean, median, SD and Student t interval, computed by hand."""
    summary = numeric_summary(pl.Series([2.0, 4, 4, 4, 5, 5, 7, 9]))
    # mean = 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; SD = √(32/7) = 2.138090;
    # SE = 2.138090/√8 = 0.755929; t(0.975, 7) = 2.364624 (t table: 2.365);
    # half-width 2.364624 × 0.755929 = 1.511858 + 0.275630 = 1.787488.
    assert summary.n == 8
    assert summary.mean == pytest.approx(5.0)
    assert summary.median == pytest.approx(4.5)
    assert summary.std == pytest.approx(2.138090, abs=5e-7)
    assert summary.se == pytest.approx(0.755929, abs=5e-7)
    assert summary.ci_low == pytest.approx(5 - 1.787488, abs=5e-6)
    assert summary.ci_high == pytest.approx(5 + 1.787488, abs=5e-6)
    assert (summary.min, summary.max) == (2.0, 9.0)
    assert codes(summary) == [Code.SMALL_N]


def test_numeric_weighted_mean_and_linearised_se_by_hand():
    """Weighted mean with survey::svymean's SE for a weights-only design, by hand."""
    summary = numeric_summary(pl.Series([1.0, 2, 3, 4]), pl.Series([1.0, 1, 2, 4]))
    # Σw = 8; mean = (1 + 2 + 6 + 16)/8 = 3.125; deviations −2.125, −1.125, −0.125, 0.875.
    # Σw²d² = 1·4.515625 + 1·1.265625 + 4·0.015625 + 16·0.765625 = 18.09375;
    # SE² = 4/3 · 18.09375/64 = 0.376953, SE = 0.613965.
    # t(0.975, 3) = 3.182446 (t table: 3.182); half-width = 1.953910.
    # SD (svyvar): Σwd² = 4.515625 + 1.265625 + 0.03125 + 3.0625 = 8.875;
    # 8.875/8 · 4/3 = 1.479167, SD = 1.216210.
    # Median: cumulative weights 1, 2, 4, 8 reach half (4) exactly at 3 → (3 + 4)/2 = 3.5,
    # the median of 1, 2, 3, 3, 4, 4, 4, 4.
    # n_eff = 64/(1 + 1 + 4 + 16) = 2.909091.
    assert summary.weighted
    assert summary.mean == pytest.approx(3.125)
    assert summary.se == pytest.approx(0.613965, abs=5e-7)
    assert summary.ci_low == pytest.approx(3.125 - 1.953910, abs=5e-6)
    assert summary.ci_high == pytest.approx(3.125 + 1.953910, abs=5e-6)
    assert summary.std == pytest.approx(1.216210, abs=5e-7)
    assert summary.median == pytest.approx(3.5)
    assert summary.n_eff == pytest.approx(2.909091, abs=5e-7)


def test_numeric_weighted_median_odd_total():
    """Weights 1, 1, 3 on 1, 2, 3: half of 5 is first reached at 3 (data 1, 2, 3, 3, 3)."""
    summary = numeric_summary(pl.Series([2.0, 3, 1]), pl.Series([1.0, 3, 1]))
    assert summary.median == 3.0


def test_numeric_equal_weights_give_the_unweighted_result():
    """With equal weights SE² = n/(n−1)·Σd²/n² = s²/n: the Student interval exactly."""
    values = pl.Series([2.0, 4, 4, 4, 5, 5, 7, 9])
    plain, weighted = numeric_summary(values), numeric_summary(values, pl.Series([3.0] * 8))
    for field in ("mean", "median", "std", "se", "ci_low", "ci_high"):
        assert getattr(weighted, field) == pytest.approx(getattr(plain, field)), field
    assert weighted.n_eff == pytest.approx(8)


def test_numeric_excludes_nan_and_inf_and_counts_them():
    """Null is unanswered; NaN and ±inf are excluded and reported as invalid."""
    values = pl.Series([1.0, None, float("nan"), float("inf"), -float("inf"), 3.0])
    summary = numeric_summary(values)
    assert (summary.n, summary.n_missing, summary.n_invalid) == (2, 1, 3)
    assert summary.mean == 2.0


def test_numeric_identical_answers():
    """No spread: SD 0, no interval, no_variation caveat."""
    summary = numeric_summary(pl.Series([4, 4, 4]))
    assert (summary.mean, summary.median, summary.std) == (4.0, 4.0, 0.0)
    assert summary.ci_low is None and summary.ci_high is None
    assert Code.NO_VARIATION in codes(summary)


def test_numeric_single_and_empty():
    """One answer: centre but no spread; none: nothing, and neither raises."""
    single = numeric_summary(pl.Series([7.0]))
    assert (single.mean, single.median, single.min, single.max) == (7.0, 7.0, 7.0, 7.0)
    assert single.std is None and single.ci_low is None
    assert codes(single) == [Code.SINGLE_ANSWER]
    for values in (pl.Series([], dtype=pl.Float64), pl.Series([]), pl.Series([None, None])):
        empty = numeric_summary(values)
        assert empty.mean is None and empty.min is None and empty.std is None
        assert codes(empty) == [Code.NO_ANSWERS]
    weighted = numeric_summary(pl.Series([], dtype=pl.Float64), pl.Series([], dtype=pl.Float64))
    assert weighted.mean is None


def test_numeric_rejects_text():
    with pytest.raises(TypeError):
        numeric_summary(pl.Series(["1", "2"]))
