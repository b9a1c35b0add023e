"""Before/after comparisons, checked against published and hand-computed values."""

import math

import polars as pl
import pytest
from scipy import stats as sps

from civiclab.stats.caveats import Code
from civiclab.stats.compare import (
    compare_means,
    compare_proportions,
    compare_shares,
    mcnemar_test,
    wilcoxon_signed_rank,
)


def normal_two_sided_p(z: float) -> float:
    """2·(1 − Φ(|z|)) = erfc(|z|/√2)."""
    return math.erfc(abs(z) / math.sqrt(2))


def codes(result) -> list[str]:
    return [c.code for c in result.caveats]


# --- shares, independent waves ----------------------------------------------------------------


def test_newcombe_difference_example():
    """Newcombe RG (1998) Interval estimation for the difference between independent
    proportions, Statistics in Medicine 17:873-890, Table II example (a): 56/70 − 48/80,
    difference 0.2, hybrid score interval (method 10) 0.0524 to 0.3339."""
    result = compare_proportions(before_hits=48, before_n=80, after_hits=56, after_n=70)
    assert result.difference == pytest.approx(0.2)
    assert result.ci_low == pytest.approx(0.0524, abs=5e-5)
    assert result.ci_high == pytest.approx(0.3339, abs=5e-5)


def test_score_test_and_cohens_h_by_hand():
    """Pooled z test and Cohen's h for 56/70 vs 48/80.

    Pooled p = 104/150 = 0.693333; var = 0.693333 × 0.306667 × (1/70 + 1/80)
    = 0.212622 × 0.0267857 = 0.00569524; z = 0.2/√0.00569524 = 0.2/0.0754668 = 2.65018.
    h = 2·asin(√0.8) − 2·asin(√0.6) = 2 × 1.107149 − 2 × 0.886077 = 0.442144.
    """
    result = compare_proportions(48, 80, 56, 70)
    assert result.statistic == pytest.approx(2.65018, abs=5e-5)
    assert result.p_value == pytest.approx(normal_two_sided_p(2.65018), rel=1e-3)
    assert result.cohens_h == pytest.approx(0.442144, abs=5e-6)
    assert (result.before_share, result.after_share) == (0.6, 0.8)


@pytest.mark.parametrize(
    ("after", "before", "low", "high"),
    [
        # Newcombe (1998) Table II example (b): 9/10 − 3/10 → 0.1705 to 0.8090. By hand:
        # Wilson 9/10 = (0.59585, 0.98212), 3/10 = (0.10779, 0.60322);
        # 0.6 − √((0.9 − 0.59585)² + (0.60322 − 0.3)²) = 0.6 − √(0.092507 + 0.091943) = 0.1705;
        # 0.6 + √((0.98212 − 0.9)² + (0.3 − 0.10779)²) = 0.6 + √(0.006744 + 0.036945) = 0.8090.
        ((9, 10), (3, 10), 0.1705, 0.8090),
        # Example (e): 0/10 − 0/20 → −0.1611 to 0.2775: Wilson upper bounds for 0/n are
        # z²/(n + z²) = 3.8415/13.8415 = 0.2775 and 3.8415/23.8415 = 0.1611.
        ((0, 10), (0, 20), -0.1611, 0.2775),
    ],
)
def test_newcombe_other_examples(after, before, low, high):
    result = compare_proportions(before[0], before[1], after[0], after[1])
    assert result.ci_low == pytest.approx(low, abs=5e-5)
    assert result.ci_high == pytest.approx(high, abs=5e-5)


def test_no_variation_between_zero_shares():
    """0/20 vs 0/10: interval still defined, but no test is possible."""
    result = compare_proportions(0, 20, 0, 10)
    assert result.p_value is None and result.statistic is None
    assert result.difference == 0.0
    assert Code.NO_VARIATION in codes(result)


def test_empty_wave_does_not_raise():
    result = compare_proportions(0, 0, 3, 70)
    assert result.difference is None and result.ci_low is None and result.p_value is None
    assert result.caveats[0].code == Code.NO_ANSWERS
    assert result.caveats[0].params == {"group": "before"}


def test_compare_shares_from_series_matches_counts():
    """The Series form counts hits among those who answered (nulls out)."""
    before = pl.Series(["yes"] * 48 + ["no"] * 32 + [None] * 5)
    after = pl.Series(["yes"] * 56 + ["maybe"] * 14)
    result = compare_shares(before, after, ["yes"])
    assert (result.n_before, result.n_after) == (80, 70)
    assert result.ci_low == pytest.approx(0.0524, abs=5e-5)


def test_compare_shares_booleans_and_lists():
    """Booleans match True; a List column hits when any wanted option is ticked."""
    before = pl.Series([True, False, False, None])
    after = pl.Series([["a", "b"], [], ["c"], None])
    result = compare_shares(before, after, [True, "a"])
    assert (result.before_share, result.after_share) == (pytest.approx(1 / 3), pytest.approx(1 / 3))


def test_compare_shares_equal_weights_give_the_unweighted_result():
    before = pl.Series(["yes"] * 48 + ["no"] * 32)
    after = pl.Series(["yes"] * 56 + ["no"] * 14)
    plain = compare_shares(before, after, ["yes"])
    weighted = compare_shares(before, after, ["yes"], pl.Series([2.0] * 80), pl.Series([0.5] * 70))
    assert weighted.weighted
    for field in ("difference", "ci_low", "ci_high", "p_value", "n_before", "n_after"):
        assert getattr(weighted, field) == pytest.approx(getattr(plain, field)), field


def test_compare_shares_weighted_uses_effective_counts():
    """Weights 1, 1, 2, 2 on a, a, b, b: share of a = 2/6, n_eff = 36/10 = 3.6, so the
    wave enters as 1.2 effective hits out of 3.6."""
    before = pl.Series(["a", "a", "b", "b"])
    after = pl.Series(["a"] * 30 + ["b"] * 10)
    result = compare_shares(before, after, ["a"], before_weights=pl.Series([1.0, 1, 2, 2]))
    by_counts = compare_proportions(1.2, 3.6, 30, 40)
    assert result.n_before == pytest.approx(3.6)
    assert result.before_share == pytest.approx(1 / 3)
    assert (result.ci_low, result.ci_high) == (
        pytest.approx(by_counts.ci_low),
        pytest.approx(by_counts.ci_high),
    )


# --- means, independent waves -----------------------------------------------------------------


def test_welch_by_hand():
    """before 1, 2, 3, 4 (mean 2.5, var 5/3); after 2, 4, 6, 8, 10 (mean 6, var 10).

    SE² = 10/5 + (5/3)/4 = 2.416667, SE = 1.554563; t = 3.5/1.554563 = 2.251436.
    Welch df = 2.416667²/(2²/4 + 0.416667²/3) = 5.840278/1.057870 = 5.520788.
    Hedges: pooled var = (4·10 + 3·5/3)/7 = 45/7, SD = 2.535463; d = 3.5/2.535463 = 1.380419;
    J = 1 − 3/(4·9 − 9) = 8/9; g = 1.227039.
    """
    result = compare_means(pl.Series([1.0, 2, 3, 4]), pl.Series([2.0, 4, 6, 8, 10]))
    assert result.difference == pytest.approx(3.5)
    assert result.statistic == pytest.approx(2.251436, abs=5e-6)
    assert result.df == pytest.approx(5.520788, abs=5e-6)
    assert result.hedges_g == pytest.approx(1.227039, abs=5e-6)
    # Only the t distribution's quantile and tail come from SciPy here.
    half = sps.t.ppf(0.975, 5.520788) * 1.554563
    assert result.ci_low == pytest.approx(3.5 - half, abs=5e-5)
    assert result.ci_high == pytest.approx(3.5 + half, abs=5e-5)
    assert result.p_value == pytest.approx(2 * sps.t.sf(2.251436, 5.520788), abs=5e-6)


def test_means_exclude_nan_and_handle_no_variation():
    """NaN/inf leave the samples; two constant samples give no test and no_variation."""
    result = compare_means(pl.Series([1.0, 1.0, float("nan")]), pl.Series([1.0, float("inf"), 1.0]))
    assert (result.n_before, result.n_after) == (2, 2)
    assert result.difference == 0.0
    assert result.p_value is None and result.hedges_g is None
    assert Code.NO_VARIATION in codes(result)


def test_means_with_an_empty_wave():
    result = compare_means(pl.Series([], dtype=pl.Float64), pl.Series([1.0, 2.0]))
    assert result.mean_before is None and result.difference is None and result.p_value is None
    assert result.caveats[0].code == Code.NO_ANSWERS


# --- McNemar ----------------------------------------------------------------------------------


def panel(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> tuple[pl.Series, pl.Series]:
    before = [True] * (yes_yes + yes_no) + [False] * (no_yes + no_no)
    after = [True] * yes_yes + [False] * yes_no + [True] * no_yes + [False] * no_no
    return pl.Series(before), pl.Series(after)


def test_mcnemar_agresti_presidential_approval():
    """Agresti (2007) An Introduction to CDA, Table 8.1: approval of the President's
    performance in two surveys a month apart, 794, 150, 86, 570; McNemar z² = 17.36.
    Approval went from 944/1600 = 0.59 to 880/1600 = 0.55; b/c = 150/86 = 1.744186."""
    result = mcnemar_test(*panel(794, 150, 86, 570))
    assert result.table == ((794, 150), (86, 570))
    assert result.test == "chi2"
    assert result.statistic == pytest.approx(17.36, abs=5e-3)
    # z = 64/√236 = 4.166058; p = erfc(z/√2).
    assert result.p_value == pytest.approx(normal_two_sided_p(64 / math.sqrt(236)), rel=1e-6)
    assert result.difference == pytest.approx(-0.04)
    assert result.discordant_odds_ratio == pytest.approx(150 / 86)
    assert result.caveats == ()


def test_mcnemar_exact_below_25_discordant_pairs():
    """b = 1, c = 6: exact two-sided p = 2·(C(7,0) + C(7,1))/2⁷ = 2·8/128 = 0.125."""
    result = mcnemar_test(*panel(5, 1, 6, 3))
    assert result.test == "exact"
    assert result.statistic == 1
    assert result.p_value == pytest.approx(0.125)
    assert result.difference == pytest.approx(5 / 15)
    assert codes(result) == [Code.SMALL_PAIRED]


def test_mcnemar_text_answers_and_missing_pairs():
    """ "oui" is the yes; any other answer is a no; pairs with a null are dropped."""
    before = pl.Series(["oui", "non", None, "oui", "sans avis"])
    after = pl.Series(["oui", "oui", "oui", None, "oui"])
    result = mcnemar_test(before, after, positive="oui")
    assert result.table == ((1, 0), (2, 0))
    assert (result.n, result.n_dropped) == (3, 2)
    assert result.discordant_odds_ratio == 0.0


def test_mcnemar_without_discordant_pairs_or_answers():
    same = mcnemar_test(*panel(10, 0, 0, 10))
    assert same.p_value is None and same.test is None
    assert Code.NO_VARIATION in codes(same)
    assert same.discordant_odds_ratio is None
    empty = mcnemar_test(pl.Series([], dtype=pl.Boolean), pl.Series([], dtype=pl.Boolean))
    assert empty.difference is None and codes(empty) == [Code.NO_ANSWERS]
    with pytest.raises(ValueError):
        mcnemar_test(pl.Series([True]), pl.Series([True, False]))


# --- Wilcoxon ---------------------------------------------------------------------------------


def test_wilcoxon_exact_by_enumeration():
    """Differences 3, −1, 4, 6, 2, 5 and one zero (dropped).

    |d| ranks: 1→1, 2→2, 3→3, 4→4, 5→5, 6→6; W⁻ = 1 (the −1), W⁺ = 21 − 1 = 20.
    Null: the 2⁶ = 64 sign patterns are equally likely; W⁻ ≤ 1 for {} and {1} only, so
    P(W⁻ ≤ 1) = 2/64 and the two-sided p = 4/64 = 0.0625.
    Rank-biserial = (20 − 1)/21 = 0.904762.
    """
    before = pl.Series([0.0, 0, 0, 0, 0, 0, 5])
    after = pl.Series([3.0, -1, 4, 6, 2, 5, 5])
    result = wilcoxon_signed_rank(before, after)
    assert (result.n, result.n_zero, result.n_dropped) == (7, 1, 0)
    assert (result.w_plus, result.w_minus, result.statistic) == (20, 1, 1)
    assert result.p_value_method == "exact"
    assert result.p_value == pytest.approx(4 / 64)
    assert result.rank_biserial == pytest.approx(19 / 21)
    assert codes(result) == [Code.SMALL_PAIRED]


def test_wilcoxon_with_ties_uses_exhaustive_permutations():
    """Differences 1, 1, −2, 3, 3, 3, −1, 4: average ranks |1|→2 (three), |2|→4, |3|→6
    (three), |4|→8; W⁻ = 4 + 2 = 6, W⁺ = 36 − 6 = 30.
    Sign patterns with W⁻ ≤ 6: {} 1, one 2: 3, the 4: 1, one 6: 3, two 2s: 3, three 2s: 1,
    a 2 and the 4: 3 → 15 of 256; two-sided p = 30/256 = 0.1171875."""
    after = pl.Series([1.0, 1, -2, 3, 3, 3, -1, 4])
    result = wilcoxon_signed_rank(pl.Series([0.0] * 8), after)
    assert result.p_value_method == "permutation"
    assert (result.w_plus, result.w_minus) == (30, 6)
    assert result.p_value == pytest.approx(30 / 256)


def test_wilcoxon_normal_approximation_for_large_samples():
    """Differences −1..−10 and 11..60 (n = 60, no ties): W⁻ = 55, W⁺ = 1830 − 55 = 1775.
    Mean n(n+1)/4 = 915; variance n(n+1)(2n+1)/24 = 60·61·121/24 = 18452.5;
    z = (55 − 915)/√18452.5 = −6.330979."""
    after = pl.Series([float(-k) for k in range(1, 11)] + [float(k) for k in range(11, 61)])
    result = wilcoxon_signed_rank(pl.Series([0.0] * 60), after)
    assert result.p_value_method == "asymptotic"
    assert result.statistic == 55
    assert result.p_value == pytest.approx(normal_two_sided_p(-6.330979), rel=1e-5)
    assert result.rank_biserial == pytest.approx(1720 / 1830)
    assert result.caveats == ()


def test_wilcoxon_drops_incomplete_pairs_and_handles_no_variation():
    """Pairs with a null/NaN are dropped; all-zero differences give no test."""
    before = pl.Series([1.0, 2.0, None, 4.0])
    after = pl.Series([1.0, 2.0, 3.0, float("nan")])
    result = wilcoxon_signed_rank(before, after)
    assert (result.n, result.n_dropped, result.n_zero) == (2, 2, 2)
    assert result.p_value is None and result.median_difference == 0.0
    assert Code.NO_VARIATION in codes(result)
    empty = wilcoxon_signed_rank(pl.Series([], dtype=pl.Float64), pl.Series([], dtype=pl.Float64))
    assert empty.p_value is None and codes(empty) == [Code.NO_ANSWERS]
