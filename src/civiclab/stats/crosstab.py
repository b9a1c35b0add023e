"""Cross-tabulation of two single-choice questions, with a test of independence.

Choices made here, and why:

- Pearson's chi-square is computed without Yates' continuity correction: the correction is
  known to be over-conservative, and the small tables where it matters go to Fisher's test.
- When any expected count of the tested table is below 5, the p-value comes from Fisher's
  exact test instead (``test == "fisher"``). For a 2×2 table this is SciPy's exact
  hypergeometric test (``p_value_method == "exact"``). For larger tables SciPy 1.17 offers
  Fisher's test only by simulation (full enumeration does not scale), so the p-value is a
  Monte Carlo one (``p_value_method == "monte_carlo"``): 9,999 random tables with the
  observed margins (``scipy.stats.random_table``), drawn with a fixed seed so that the same
  data always give the same p-value, whose resolution is then 1/10,000.
- Cramér's V is the usual bias-uncorrected one, sqrt(X² / (n · (min(r, c) − 1))), computed
  on the tested table whichever test gave the p-value.
- Rows and columns nobody falls in are dropped before testing and listed in
  ``dropped_rows`` / ``dropped_columns``; the full table (every option) is still returned.
- Weighted: shares use the weighted counts. The test runs on the weighted table rescaled
  to the unweighted n, a simple first-order correction that keeps the test from treating
  the sum of weights as a sample size. It is approximate: it ignores the extra variance
  uneven weights add (a Rao–Scott correction would account for it). Fisher's test then
  runs on that table rounded to whole numbers.
- Pairs where either answer is missing are left out (``n_missing``); pairs where either
  answer is outside its options are left out too and counted in ``n_other``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats as sps
from scipy.stats import contingency

from civiclab.stats.caveats import (
    SMALL_EXPECTED,
    Caveat,
    Code,
    caveat,
    sample_size_caveats,
)
from civiclab.stats.describe import (
    as_text,
    check_weights,
    efficiency_caveats,
    kish_n_eff,
    option_labels,
    weights_or_ones,
)

MONTE_CARLO_RESAMPLES = 9_999
MONTE_CARLO_SEED = 20_240_917


@dataclass(frozen=True)
class Crosstab:
    """Counts of ``a`` (rows) by ``b`` (columns) and the independence test, if possible.

    ``row_shares[i][j]`` is the share of row i falling in column j (rows sum to one);
    ``column_shares[i][j]`` the share of column j falling in row i. Shares are weighted when
    weights were given, and None for an empty row or column. ``statistic`` is Pearson's X²
    (reported with Fisher's test too, as the basis of Cramér's V).
    """

    row_options: tuple[str, ...]
    column_options: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    weighted_counts: tuple[tuple[float, ...], ...]
    row_shares: tuple[tuple[float | None, ...], ...]
    column_shares: tuple[tuple[float | None, ...], ...]
    n: int
    n_missing: int
    n_other: int
    n_eff: float
    weighted: bool
    dropped_rows: tuple[str, ...]
    dropped_columns: tuple[str, ...]
    test: str | None
    p_value_method: str | None
    statistic: float | None
    df: int | None
    p_value: float | None
    cramers_v: float | None
    min_expected: float | None
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class _Test:
    test: str | None = None
    p_value_method: str | None = None
    statistic: float | None = None
    df: int | None = None
    p_value: float | None = None
    cramers_v: float | None = None
    min_expected: float | None = None
    caveats: tuple[Caveat, ...] = ()


def _index(labels: tuple[str, ...], name: str) -> pl.DataFrame:
    return pl.DataFrame(
        {name: labels, f"{name}_i": range(len(labels))},
        schema={name: pl.String, f"{name}_i": pl.Int64},
    )


def _tables(
    pairs: pl.DataFrame, rows: tuple[str, ...], columns: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Counts and weighted counts as (rows × columns) arrays, from per-pair rows."""
    cells = (
        pairs.group_by("a", "b")
        .agg(count=pl.len(), wsum=pl.col("w").sum())
        .join(_index(rows, "a"), on="a")
        .join(_index(columns, "b"), on="b")
    )
    counts = np.zeros((len(rows), len(columns)), dtype=np.int64)
    wsums = np.zeros((len(rows), len(columns)), dtype=float)
    where = (cells["a_i"].to_numpy(), cells["b_i"].to_numpy())
    counts[where] = cells["count"].to_numpy()
    wsums[where] = cells["wsum"].to_numpy()
    return counts, wsums


def _shares(table: np.ndarray, axis: int) -> tuple[tuple[float | None, ...], ...]:
    totals = table.sum(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, table / totals, np.nan)
    return tuple(tuple(None if np.isnan(x) else float(x) for x in row) for row in shares)


def _cramers_v(table: np.ndarray, statistic: float) -> float:
    if np.issubdtype(table.dtype, np.integer):
        return float(contingency.association(table, method="cramer", correction=False))
    return float(np.sqrt(statistic / (table.sum() * (min(table.shape) - 1))))


def _fisher_monte_carlo(table: np.ndarray) -> float:
    """Fisher's r×c test: share of random tables with the same margins at most as likely.

    Same method as ``fisher_exact(table, method=MonteCarloMethod(...))`` in SciPy 1.17, built
    from the same parts (``random_table`` and ``monte_carlo_test``) because that wrapper
    cannot tell a batch of simulated tables from one table once n exceeds resamples × cells
    and then fails on a reshape, which would break large surveys with one rare option.
    """
    shape = table.shape
    null = sps.random_table(table.sum(axis=1), table.sum(axis=0), seed=MONTE_CARLO_SEED)

    def draw(size: tuple[int, ...]) -> np.ndarray:
        return null.rvs(size=size[0]).reshape(size)

    def likelihood(cells: np.ndarray, axis: int = -1) -> np.ndarray:
        return null.pmf(cells.reshape(cells.shape[:-1] + shape))

    result = sps.monte_carlo_test(
        table.ravel(),
        draw,
        likelihood,
        vectorized=True,
        n_resamples=MONTE_CARLO_RESAMPLES,
        alternative="less",  # less likely tables are the more extreme ones
    )
    return float(result.pvalue)


def _fisher(table: np.ndarray) -> tuple[float, str]:
    """Fisher's p-value: exact for 2×2, seeded Monte Carlo for larger tables."""
    whole = np.rint(table).astype(np.int64)
    whole = whole[whole.sum(axis=1) > 0][:, whole.sum(axis=0) > 0]
    if whole.shape == (2, 2):
        return float(sps.fisher_exact(whole).pvalue), "exact"
    if min(whole.shape) < 2:
        return 1.0, "exact"  # rounding emptied a row: a single table fits these margins
    return _fisher_monte_carlo(whole), "monte_carlo"


def _independence_test(table: np.ndarray) -> _Test:
    """Chi-square or Fisher on a table whose rows and columns are all non-empty."""
    rows, columns = table.shape
    if rows < 2 or columns < 2:
        return _Test(caveats=(caveat(Code.NO_TEST, rows=rows, columns=columns),))
    chi2 = sps.chi2_contingency(table, correction=False)
    expected = chi2.expected_freq
    min_expected = float(expected.min())
    common = {
        "statistic": float(chi2.statistic),
        "df": int(chi2.dof),
        "cramers_v": _cramers_v(table, float(chi2.statistic)),
        "min_expected": min_expected,
    }
    if min_expected >= SMALL_EXPECTED:
        return _Test(test="chi2", p_value_method="asymptotic", p_value=float(chi2.pvalue), **common)
    p_value, method = _fisher(table)
    small = caveat(
        Code.SMALL_EXPECTED,
        min_expected=min_expected,
        cells=int((expected < SMALL_EXPECTED).sum()),
    )
    return _Test(test="fisher", p_value_method=method, p_value=p_value, caveats=(small,), **common)


def crosstab(
    a: pl.Series,
    b: pl.Series,
    a_options: Sequence[str],
    b_options: Sequence[str],
    weights: pl.Series | None = None,
) -> Crosstab:
    """Cross-tabulate two questions answered by the same respondents (same row order)."""
    if a.len() != b.len():
        raise ValueError(f"a has {a.len()} answers and b has {b.len()}")
    rows, columns = option_labels(a_options), option_labels(b_options)
    frame = pl.DataFrame(
        {"a": as_text(a), "b": as_text(b), "w": weights_or_ones(weights, a.len())}
    ).filter(pl.col("a").is_not_null() & pl.col("b").is_not_null())
    pairs = frame.filter(pl.col("a").is_in(rows) & pl.col("b").is_in(columns))
    check_weights(pairs["w"])
    counts, wsums = _tables(pairs, rows, columns)
    n, weighted = pairs.height, weights is not None
    total_weight = float(wsums.sum())
    tested = counts if not weighted else wsums * (n / total_weight if total_weight else 0.0)
    keep_rows, keep_columns = tested.sum(axis=1) > 0, tested.sum(axis=0) > 0
    result = _independence_test(tested[keep_rows][:, keep_columns])
    n_eff = kish_n_eff(pairs["w"])
    return Crosstab(
        row_options=rows,
        column_options=columns,
        counts=tuple(tuple(int(x) for x in row) for row in counts),
        weighted_counts=tuple(tuple(float(x) for x in row) for row in wsums),
        row_shares=_shares(wsums, axis=1),
        column_shares=_shares(wsums, axis=0),
        n=n,
        n_missing=a.len() - frame.height,
        n_other=frame.height - n,
        n_eff=n_eff,
        weighted=weighted,
        dropped_rows=tuple(r for r, kept in zip(rows, keep_rows, strict=True) if not kept),
        dropped_columns=tuple(c for c, kept in zip(columns, keep_columns, strict=True) if not kept),
        test=result.test,
        p_value_method=result.p_value_method,
        statistic=result.statistic,
        df=result.df,
        p_value=result.p_value,
        cramers_v=result.cramers_v,
        min_expected=result.min_expected,
        caveats=sample_size_caveats(n) + efficiency_caveats(n, n_eff, weighted) + result.caveats,
    )
