"""Before/after comparisons: independent waves (shares, means) and panels (paired tests).

Every difference is *after − before*. Choices made here, and why:

- Difference of two shares: Newcombe's hybrid score interval (statsmodels
  ``confint_proportions_2indep(method="newcomb")``), which keeps good coverage near 0 and 1
  where the Wald interval fails. The p-value is statsmodels' score test
  (``test_proportions_2indep(method="score", correction=False)``): the pooled two-sample z
  test, identical to Pearson's chi-square on the 2×2 table, so it agrees with ``crosstab``.
  Effect size: Cohen's h = 2·asin√p_after − 2·asin√p_before.
- Weighted shares: weighted share and Kish's effective n per wave, fed to the same
  functions as (share · n_eff) hits out of n_eff (a first-order design-effect correction).
- Difference of means: Welch's t test and interval (no equal-variance assumption);
  effect size Hedges' g, the pooled-SD standardised difference times the small-sample
  factor J = 1 − 3/(4(n₁ + n₂) − 9).
- McNemar: exact binomial test on the discordant pairs when there are fewer than 25 of
  them, else the chi-square statistic without continuity correction.
- Wilcoxon signed-rank: zero differences are dropped first (Wilcoxon's own convention,
  SciPy's ``zero_method="wilcox"``) and counted. The p-value is exact when the remaining
  differences have no ties and number at most 50; with ties it is an exhaustive permutation
  test up to 13 pairs and otherwise the tie-corrected normal approximation without
  continuity correction (what SciPy's ``method="auto"`` does, made explicit so the result can
  say which one was used). Effect size: the matched-pairs rank-biserial correlation
  (W⁺ − W⁻)/(W⁺ + W⁻), positive when values went up.
- Paired caveats: ``no_answers`` / ``single_answer`` for 0 / 1 usable pair, then
  ``small_paired`` up to 20 pairs; ``small_n`` is not used for panels.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats as sps
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_effectsize,
    test_proportions_2indep,
)

from civiclab.stats.caveats import SMALL_PAIRED, Caveat, Code, caveat, sample_size_caveats
from civiclab.stats.describe import (
    CONFIDENCE,
    as_text,
    check_weights,
    efficiency_caveats,
    finite_values,
    kish_n_eff,
    weights_or_ones,
)

MCNEMAR_EXACT_BELOW = 25  # discordant pairs
WILCOXON_EXACT_MAX = 50  # untied non-zero differences
WILCOXON_PERMUTATION_MAX = 13  # tied non-zero differences


@dataclass(frozen=True)
class ProportionComparison:
    """Share of a chosen answer before and after. ``n_*`` are effective n's when weighted."""

    before_share: float | None
    after_share: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    statistic: float | None
    p_value: float | None
    cohens_h: float | None
    n_before: float
    n_after: float
    weighted: bool
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class MeanComparison:
    """Means before and after, Welch's test of their difference, Hedges' g."""

    mean_before: float | None
    mean_after: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    statistic: float | None
    df: float | None
    p_value: float | None
    hedges_g: float | None
    n_before: int
    n_after: int
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class McNemarResult:
    """Paired yes/no answers. ``table`` is ((yes→yes, yes→no), (no→yes, no→no)), before→after.

    ``discordant_odds_ratio`` is yes→no over no→yes (b/c; None when no→yes is 0).
    ``statistic`` is min(b, c) for the exact test and X² for the chi-square one.
    """

    table: tuple[tuple[int, int], tuple[int, int]]
    n: int
    n_dropped: int
    test: str | None
    statistic: float | None
    p_value: float | None
    discordant_odds_ratio: float | None
    difference: float | None
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class WilcoxonResult:
    """Paired numeric answers. ``statistic`` is SciPy's min(W⁺, W⁻); ``n`` counts usable pairs,
    ``n_zero`` the zero differences dropped from it before ranking."""

    n: int
    n_dropped: int
    n_zero: int
    statistic: float | None
    w_plus: float | None
    w_minus: float | None
    p_value: float | None
    p_value_method: str | None
    rank_biserial: float | None
    median_difference: float | None
    caveats: tuple[Caveat, ...]


def _quiet() -> warnings.catch_warnings:
    """Degenerate but legitimate inputs (a share of 0) make the libraries warn; we check."""
    return warnings.catch_warnings(action="ignore", category=RuntimeWarning)


# --- independent waves: shares ----------------------------------------------------------------


def compare_proportions(
    before_hits: float, before_n: float, after_hits: float, after_n: float
) -> ProportionComparison:
    """Compare ``after_hits / after_n`` with ``before_hits / before_n`` (counts may be
    fractional, for effective counts). Sample-size caveats are the caller's business when
    the counts are effective ones; here they are judged on the n's given."""
    caveats = sample_size_caveats(round(before_n), group="before") + sample_size_caveats(
        round(after_n), group="after"
    )
    return _compare(before_hits, before_n, after_hits, after_n, caveats, weighted=False)


def _compare(
    before_hits: float,
    before_n: float,
    after_hits: float,
    after_n: float,
    caveats: tuple[Caveat, ...],
    weighted: bool,
) -> ProportionComparison:
    if before_n <= 0 or after_n <= 0:
        nothing = dict.fromkeys(ProportionComparison.__dataclass_fields__)
        nothing |= {"n_before": float(before_n), "n_after": float(after_n)}
        return ProportionComparison(**nothing | {"weighted": weighted, "caveats": caveats})
    p_before, p_after = before_hits / before_n, after_hits / after_n
    with _quiet():
        low, high = confint_proportions_2indep(
            after_hits, after_n, before_hits, before_n, method="newcomb", alpha=1 - CONFIDENCE
        )
    pooled = (before_hits + after_hits) / (before_n + after_n)
    statistic = p_value = None
    if 0 < pooled < 1:
        with _quiet():
            test = test_proportions_2indep(
                after_hits, after_n, before_hits, before_n, method="score", correction=False
            )
        statistic, p_value = float(test.statistic), float(test.pvalue)
    else:
        caveats += (caveat(Code.NO_VARIATION),)
    return ProportionComparison(
        before_share=p_before,
        after_share=p_after,
        difference=p_after - p_before,
        ci_low=float(low),
        ci_high=float(high),
        statistic=statistic,
        p_value=p_value,
        cohens_h=float(proportion_effectsize(p_after, p_before)),
        n_before=float(before_n),
        n_after=float(after_n),
        weighted=weighted,
        caveats=caveats,
    )


def _hits(values: pl.Series, hits: Collection[str | bool]) -> pl.Series:
    """True where the answer is one of ``hits`` (any of them, for a List column)."""
    wanted = [str(h).lower() if isinstance(h, bool) else str(h) for h in hits]
    if isinstance(values.dtype, pl.List):
        ticked = values.cast(pl.List(pl.String))
        return ticked.list.eval(pl.element().is_in(wanted)).list.any()
    return as_text(values).is_in(wanted)


def _wave(
    values: pl.Series, hits: Collection[str | bool], weights: pl.Series | None, group: str
) -> tuple[float, float, tuple[Caveat, ...]]:
    """(effective hits, effective n, caveats) of one wave, nulls excluded."""
    frame = pl.DataFrame(
        {"hit": _hits(values, hits), "w": weights_or_ones(weights, values.len())}
    ).filter(pl.col("hit").is_not_null())
    check_weights(frame["w"])
    n, total = frame.height, float(frame["w"].sum())
    n_eff = kish_n_eff(frame["w"]) if weights is not None else float(n)
    share = float(frame.filter(pl.col("hit"))["w"].sum()) / total if total > 0 else 0.0
    caveats = sample_size_caveats(n, group=group) + efficiency_caveats(
        n, n_eff, weights is not None
    )
    return share * n_eff, n_eff, caveats


def compare_shares(
    before: pl.Series,
    after: pl.Series,
    hits: Collection[str | bool],
    before_weights: pl.Series | None = None,
    after_weights: pl.Series | None = None,
) -> ProportionComparison:
    """Share of respondents giving one of ``hits`` in each wave (nulls = not answered).

    Works on single-choice columns (booleans match ``True``/``False`` or "true"/"false")
    and on multiple-choice List columns (a hit is ticking any of ``hits``). Weighted waves
    use their weighted share over Kish's effective n; caveats are judged on the real n.
    """
    b_hits, b_n, b_caveats = _wave(before, hits, before_weights, "before")
    a_hits, a_n, a_caveats = _wave(after, hits, after_weights, "after")
    weighted = before_weights is not None or after_weights is not None
    return _compare(b_hits, b_n, a_hits, a_n, b_caveats + a_caveats, weighted)


# --- independent waves: means -----------------------------------------------------------------


def _finite(values: pl.Series) -> np.ndarray:
    _, usable = finite_values(values)
    return values.cast(pl.Float64).filter(usable).to_numpy()


def _hedges_g(after: np.ndarray, before: np.ndarray) -> float | None:
    n1, n2 = after.size, before.size
    pooled = ((n1 - 1) * after.var(ddof=1) + (n2 - 1) * before.var(ddof=1)) / (n1 + n2 - 2)
    if pooled <= 0:
        return None
    correction = 1 - 3 / (4 * (n1 + n2) - 9)
    return float(correction * (after.mean() - before.mean()) / math.sqrt(pooled))


def compare_means(before: pl.Series, after: pl.Series) -> MeanComparison:
    """Welch's comparison of two independent waves' means (nulls, NaN, ±inf excluded)."""
    x_before, x_after = _finite(before), _finite(after)
    n1, n2 = x_after.size, x_before.size
    caveats = sample_size_caveats(n2, group="before") + sample_size_caveats(n1, group="after")
    mean_before = float(x_before.mean()) if n2 else None
    mean_after = float(x_after.mean()) if n1 else None
    difference = None if n1 == 0 or n2 == 0 else mean_after - mean_before
    test: dict[str, float | None] = dict.fromkeys(
        ("ci_low", "ci_high", "statistic", "df", "p_value", "hedges_g")
    )
    if n1 >= 2 and n2 >= 2:
        if x_after.var() == 0 and x_before.var() == 0:
            caveats += (caveat(Code.NO_VARIATION),)
        else:
            with warnings.catch_warnings():
                # SciPy warns when one wave's answers are all equal (a variance of 0); Welch's
                # test stays valid then, the other wave's spread carries the uncertainty.
                warnings.filterwarnings("ignore", "Precision loss", RuntimeWarning)
                result = sps.ttest_ind(x_after, x_before, equal_var=False)
            interval = result.confidence_interval(CONFIDENCE)
            test = {
                "ci_low": float(interval.low),
                "ci_high": float(interval.high),
                "statistic": float(result.statistic),
                "df": float(result.df),
                "p_value": float(result.pvalue),
                "hedges_g": _hedges_g(x_after, x_before),
            }
    return MeanComparison(
        mean_before=mean_before,
        mean_after=mean_after,
        difference=difference,
        n_before=n2,
        n_after=n1,
        caveats=caveats,
        **test,
    )


# --- panels -----------------------------------------------------------------------------------


def _paired_caveats(n: int) -> tuple[Caveat, ...]:
    if n <= 1:
        return sample_size_caveats(n)
    if n <= SMALL_PAIRED:
        return (caveat(Code.SMALL_PAIRED, n=n),)
    return ()


def _is_positive(values: pl.Series, positive: str | bool) -> pl.Series:
    wanted = str(positive).lower() if isinstance(positive, bool) else str(positive)
    return as_text(values) == wanted


def mcnemar_test(before: pl.Series, after: pl.Series, positive: str | bool = True) -> McNemarResult:
    """McNemar's test for the same respondents answering yes/no twice, paired by position.

    An answer equal to ``positive`` is a yes, any other answer a no; pairs with a missing
    answer on either side are dropped and counted in ``n_dropped``.
    """
    if before.len() != after.len():
        raise ValueError(f"before has {before.len()} answers and after has {after.len()}")
    pairs = pl.DataFrame(
        {"before": _is_positive(before, positive), "after": _is_positive(after, positive)}
    ).drop_nulls()
    cells = pairs.select(
        yes_yes=(pl.col("before") & pl.col("after")).sum(),
        yes_no=(pl.col("before") & ~pl.col("after")).sum(),
        no_yes=(~pl.col("before") & pl.col("after")).sum(),
        no_no=(~pl.col("before") & ~pl.col("after")).sum(),
    ).row(0)
    a, b, c, d = (int(x) for x in cells)
    n = pairs.height
    caveats = _paired_caveats(n)
    test = statistic = p_value = None
    if n and b + c == 0:
        caveats += (caveat(Code.NO_VARIATION),)
    elif n:
        exact = b + c < MCNEMAR_EXACT_BELOW
        result = mcnemar([[a, b], [c, d]], exact=exact, correction=False)
        test = "exact" if exact else "chi2"
        statistic, p_value = float(result.statistic), float(result.pvalue)
    return McNemarResult(
        table=((a, b), (c, d)),
        n=n,
        n_dropped=before.len() - n,
        test=test,
        statistic=statistic,
        p_value=p_value,
        discordant_odds_ratio=b / c if c else None,
        difference=(c - b) / n if n else None,
        caveats=caveats,
    )


def _wilcoxon_method(differences: np.ndarray) -> tuple[object, str]:
    """The p-value method SciPy's "auto" would pick, chosen here so it can be reported."""
    n = differences.size
    tied = np.unique(np.abs(differences)).size < n
    if not tied and n <= WILCOXON_EXACT_MAX:
        return "exact", "exact"
    if tied and n <= WILCOXON_PERMUTATION_MAX:
        return sps.PermutationMethod(n_resamples=np.inf), "permutation"
    return "asymptotic", "asymptotic"


_NO_WILCOXON = dict.fromkeys(
    ("statistic", "w_plus", "w_minus", "p_value", "p_value_method", "rank_biserial")
)


def wilcoxon_signed_rank(before: pl.Series, after: pl.Series) -> WilcoxonResult:
    """Wilcoxon signed-rank test on paired numeric answers (after − before), by position.

    Pairs with a missing, NaN or infinite value on either side are dropped (``n_dropped``).
    """
    if before.len() != after.len():
        raise ValueError(f"before has {before.len()} answers and after has {after.len()}")
    _, usable_before = finite_values(before)
    _, usable_after = finite_values(after)
    usable = usable_before & usable_after
    differences = (after.cast(pl.Float64) - before.cast(pl.Float64)).filter(usable).to_numpy()
    n = differences.size
    nonzero = differences[differences != 0]
    counts = {"n": n, "n_dropped": before.len() - n, "n_zero": n - nonzero.size}
    caveats = _paired_caveats(n)
    if nonzero.size == 0:
        if n:
            caveats += (caveat(Code.NO_VARIATION),)
        median = float(np.median(differences)) if n else None
        return WilcoxonResult(**counts, **_NO_WILCOXON, median_difference=median, caveats=caveats)
    ranks = sps.rankdata(np.abs(nonzero))
    w_plus, w_minus = float(ranks[nonzero > 0].sum()), float(ranks[nonzero < 0].sum())
    method, method_name = _wilcoxon_method(nonzero)
    result = sps.wilcoxon(nonzero, zero_method="wilcox", method=method)
    return WilcoxonResult(
        **counts,
        statistic=float(result.statistic),
        w_plus=w_plus,
        w_minus=w_minus,
        p_value=float(result.pvalue),
        p_value_method=method_name,
        rank_biserial=(w_plus - w_minus) / (w_plus + w_minus),
        median_difference=float(np.median(differences)),
        caveats=caveats,
    )
