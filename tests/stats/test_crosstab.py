"""Cross-tabulations, checked against published and hand-computed values."""

import math

import polars as pl
import pytest

from civiclab.stats.caveats import Code
from civiclab.stats.crosstab import crosstab


def expand(table, rows, columns, weights=None):
    """Respondent-level Series (a, b[, w]) reproducing a table of counts."""
    a, b, w = [], [], []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [rows[i]] * count
            b += [columns[j]] * count
            w += [weights[i][j] if weights else 1.0] * count
    return pl.Series(a, dtype=pl.String), pl.Series(b, dtype=pl.String), pl.Series(w)


# Agresti A (2007) An Introduction to Categorical Data Analysis, 2nd ed., Table 2.5:
# gender × party identification, X² = 30.07 with df = 2 (P < 0.001).
AGRESTI = [[762, 327, 468], [484, 239, 477]]
GENDER, PARTY = ["female", "male"], ["democrat", "independent", "republican"]


def test_agresti_party_identification():
    """Chi-square of Agresti's table, and Cramér's V by hand from it."""
    a, b, _ = expand(AGRESTI, GENDER, PARTY)
    result = crosstab(a, b, GENDER, PARTY)
    assert result.test == "chi2"
    assert result.p_value_method == "asymptotic"
    assert result.statistic == pytest.approx(30.07, abs=5e-3)
    assert result.df == 2
    assert result.p_value < 0.001
    # n = 1557 + 1200 = 2757; V = √(30.07/(2757 × (2 − 1))) = √0.0109068 = 0.10444.
    assert result.cramers_v == pytest.approx(0.10444, abs=5e-5)
    assert result.n == 2757
    assert result.caveats == ()


def test_counts_and_shares():
    """Row shares sum across a row, column shares down a column (Agresti's table)."""
    a, b, _ = expand(AGRESTI, GENDER, PARTY)
    result = crosstab(a, b, GENDER, PARTY)
    assert result.counts == ((762, 327, 468), (484, 239, 477))
    # Female democrats: 762/1557 of women = 0.489403; 762/1246 of democrats = 0.611557.
    assert result.row_shares[0][0] == pytest.approx(0.489403, abs=5e-7)
    assert result.column_shares[0][0] == pytest.approx(0.611557, abs=5e-7)
    assert sum(result.row_shares[1]) == pytest.approx(1)


def test_fisher_tea_tasting():
    """Fisher's lady tasting tea, [[3, 1], [1, 3]]: expected counts 2 < 5 → Fisher, p = 0.4857.

    Tables with first cell x = 0..4 have hypergeometric probabilities C(4,x)·C(4,4−x)/C(8,4)
    = 1, 16, 36, 16, 1 over 70; those at most as likely as the observed 16/70 sum to
    (1 + 16 + 16 + 1)/70 = 34/70 = 0.485714.
    """
    a, b, _ = expand([[3, 1], [1, 3]], ["milk", "tea"], ["milk", "tea"])
    result = crosstab(a, b, ["milk", "tea"], ["milk", "tea"])
    assert result.test == "fisher"
    assert result.p_value_method == "exact"
    assert result.p_value == pytest.approx(34 / 70, abs=1e-9)
    assert result.min_expected == pytest.approx(2.0)
    small = [c for c in result.caveats if c.code == Code.SMALL_EXPECTED]
    assert small[0].params == {"min_expected": 2.0, "cells": 4}


def test_fisher_r_by_c_monte_carlo_is_close_to_the_exact_value():
    """[[3, 1, 2], [1, 3, 0]]: enumeration of all 12 tables with margins (6, 4) × (4, 4, 2).

    P(table) = 6!4!·4!4!2!/(10!·Π cells!) = (192/35)/Π cells!. In 105ths the 12 tables weigh
    3, 8, 3 (third cell 0), 4, 24, 24, 4 (third cell 1), 0.5, 8, 18, 8, 0.5 (third cell 2),
    total 105. The observed table weighs 8; tables at most as likely: 3+8+3+4+4+0.5+8+8+0.5
    = 39, so the exact p = 39/105 = 0.371429. The Monte Carlo p (9,999 draws) has a standard
    error of √(0.37 × 0.63/9999) ≈ 0.005; 0.02 is four of them.
    """
    a, b, _ = expand([[3, 1, 2], [1, 3, 0]], ["x", "y"], ["p", "q", "r"])
    result = crosstab(a, b, ["x", "y"], ["p", "q", "r"])
    assert result.test == "fisher"
    assert result.p_value_method == "monte_carlo"
    assert result.p_value == pytest.approx(39 / 105, abs=0.02)
    assert crosstab(a, b, ["x", "y"], ["p", "q", "r"]).p_value == result.p_value  # seeded


def test_empty_rows_and_columns_are_dropped_before_testing():
    """An option nobody chose is kept in the table, dropped from the test, and reported."""
    a, b, _ = expand(AGRESTI, GENDER, PARTY)
    result = crosstab(a, b, [*GENDER, "other"], [*PARTY, "none"])
    assert result.dropped_rows == ("other",)
    assert result.dropped_columns == ("none",)
    assert result.counts[2] == (0, 0, 0, 0)
    assert result.row_shares[2] == (None, None, None, None)
    assert result.df == 2
    assert result.statistic == pytest.approx(30.07, abs=5e-3)


def test_missing_and_outside_answers_are_counted():
    """Pairs with a null are missing; pairs with an unknown answer are "other"."""
    a = pl.Series(["x", "y", None, "x", "zz"])
    b = pl.Series(["p", "q", "p", None, "p"])
    result = crosstab(a, b, ["x", "y"], ["p", "q"])
    assert (result.n, result.n_missing, result.n_other) == (2, 2, 1)


def test_fewer_than_two_non_empty_rows_gives_no_test():
    """One non-empty column: nothing to test, no_test caveat, no exception."""
    result = crosstab(pl.Series(["x", "y", "y"]), pl.Series(["p"] * 3), ["x", "y"], ["p", "q"])
    assert result.test is None and result.p_value is None and result.cramers_v is None
    no_test = [c for c in result.caveats if c.code == Code.NO_TEST]
    assert no_test[0].params == {"rows": 2, "columns": 1}


def test_empty_input():
    empty = pl.Series([], dtype=pl.String)
    result = crosstab(empty, empty, ["x", "y"], ["p", "q"])
    assert result.n == 0
    assert result.test is None
    assert [c.code for c in result.caveats] == [Code.NO_ANSWERS, Code.NO_TEST]


def test_equal_weights_give_the_unweighted_test():
    """Rescaling a uniformly weighted table to n gives back the counts."""
    a, b, w = expand(AGRESTI, GENDER, PARTY)
    plain = crosstab(a, b, GENDER, PARTY)
    weighted = crosstab(a, b, GENDER, PARTY, w * 3)
    assert weighted.weighted
    assert weighted.statistic == pytest.approx(plain.statistic)
    assert weighted.p_value == pytest.approx(plain.p_value)
    assert weighted.cramers_v == pytest.approx(plain.cramers_v)


def test_weighted_table_is_rescaled_to_n_before_testing():
    """20 respondents per cell, weight 3 in cell (x, q) and 1 elsewhere.

    Weighted table [[20, 60], [20, 20]], Σw = 120, n = 80, rescaled ×80/120:
    [[13.333, 40], [13.333, 13.333]]; margins 53.333, 26.667 / 26.667, 53.333;
    expected [[17.778, 35.556], [8.889, 17.778]]; every deviation is ±40/9, so
    X² = (1600/81)·(9/160 + 9/320 + 9/80 + 9/160) = (1600/81)·(81/320) = 5;
    V = √(5/80) = 0.25; p = P(χ²₁ > 5) = erfc(√2.5).
    """
    a, b, w = expand([[20, 20], [20, 20]], ["x", "y"], ["p", "q"], weights=[[1.0, 3.0], [1.0, 1.0]])
    result = crosstab(a, b, ["x", "y"], ["p", "q"], w)
    assert result.weighted_counts == ((20.0, 60.0), (20.0, 20.0))
    assert result.row_shares[0] == (0.25, 0.75)
    assert result.test == "chi2"
    assert result.statistic == pytest.approx(5.0)
    assert result.cramers_v == pytest.approx(0.25)
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(2.5)))
    # Σw = 120, Σw² = 60·1 + 20·9 = 240, n_eff = 14400/240 = 60.
    assert result.n_eff == pytest.approx(60.0)


def test_mismatched_lengths_raise():
    with pytest.raises(ValueError):
        crosstab(pl.Series(["x"]), pl.Series(["p", "q"]), ["x"], ["p", "q"])
