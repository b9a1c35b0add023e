"""Per-question summaries: shares with Wilson intervals, and numeric descriptions.

Conventions shared by every function here:

- A null value means "not answered": it is left out of ``n`` and counted in ``n_missing``.
- ``n`` is always the unweighted number of respondents who answered. Caveats about sample
  size are judged on it, because weighting does not create information.
- Weights, when given, must have one entry per value. On answered rows they must be finite
  and non-negative; anything else raises ``ValueError`` (a bad weight is a bug upstream,
  not a data quirk to smooth over). Weights of unanswered rows are ignored.
- Weighted intervals replace ``n`` with Kish's effective sample size
  ``n_eff = (Σw)² / Σw²``, which equals ``n`` when all weights are equal. This is the usual
  first-order design-effect correction: it widens intervals by the variance the uneven
  weights add, without needing the survey design behind the weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from civiclab.stats.caveats import LOW_EFFICIENCY, Caveat, Code, caveat, sample_size_caveats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class OptionShare:
    """One option of a choice question. ``option`` is None for answers outside the options."""

    option: str | None
    count: int
    weighted_count: float
    share: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class ChoiceSummary:
    """Single-choice question: each option's share of those who answered."""

    n: int
    n_missing: int
    n_eff: float
    weighted: bool
    options: tuple[OptionShare, ...]
    other: OptionShare
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class MultipleChoiceSummary:
    """Multiple-choice question: share of those who answered who ticked each option.

    Shares do not add up to one. ``n_empty`` counts respondents who answered and ticked
    nothing (an empty list); they stay in ``n``.
    """

    n: int
    n_missing: int
    n_empty: int
    n_eff: float
    weighted: bool
    options: tuple[OptionShare, ...]
    other: OptionShare
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class NumericSummary:
    """Numeric question. ``n_invalid`` counts NaN and infinite values, which are excluded."""

    n: int
    n_missing: int
    n_invalid: int
    n_eff: float
    weighted: bool
    mean: float | None
    median: float | None
    std: float | None
    min: float | None
    max: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    caveats: tuple[Caveat, ...]


# --- shared helpers (also used by crosstab and compare) -------------------------------------


def option_labels(options: Sequence[str]) -> tuple[str, ...]:
    """The options as distinct strings, in the given order."""
    labels = tuple(str(option) for option in options)
    if len(set(labels)) != len(labels):
        raise ValueError("options must be distinct")
    return labels


def as_text(values: pl.Series) -> pl.Series:
    """Answers as strings, so that codes stored as numbers or categories still match."""
    return values.cast(pl.String)


def weights_or_ones(weights: pl.Series | None, length: int) -> pl.Series:
    """The weights as Float64 (ones when unweighted), checked for length."""
    if weights is None:
        return pl.repeat(1.0, length, dtype=pl.Float64, eager=True)
    if weights.len() != length:
        raise ValueError(f"weights has {weights.len()} entries for {length} values")
    return weights.cast(pl.Float64)


def check_weights(weights: pl.Series) -> None:
    """Reject null, NaN, infinite or negative weights (on rows that are used)."""
    if weights.len() == 0:
        return
    valid = weights.is_not_null() & weights.is_finite() & (weights >= 0)
    if not valid.all():
        raise ValueError("weights must be finite and non-negative on answered rows")


def kish_n_eff(weights: pl.Series) -> float:
    """Kish's effective sample size (Σw)²/Σw²; 0 when there is no weight at all."""
    total = float(weights.sum())
    squares = float((weights * weights).sum())
    return total * total / squares if squares > 0 else 0.0


def efficiency_caveats(n: int, n_eff: float, weighted: bool) -> tuple[Caveat, ...]:
    """``low_efficiency`` when uneven weights leave less than half the sample's information."""
    if not weighted or n == 0:
        return ()
    efficiency = n_eff / n
    if efficiency < LOW_EFFICIENCY:
        return (caveat(Code.LOW_EFFICIENCY, efficiency=efficiency, n_eff=n_eff),)
    return ()


def wilson_intervals(
    shares: np.ndarray, n_eff: float
) -> tuple[list[float | None], list[float | None]]:
    """Wilson 95% intervals for shares observed on ``n_eff`` (possibly fractional) people."""
    if n_eff <= 0:
        return [None] * len(shares), [None] * len(shares)
    low, high = proportion_confint(shares * n_eff, n_eff, alpha=1 - CONFIDENCE, method="wilson")
    return [float(x) for x in np.atleast_1d(low)], [float(x) for x in np.atleast_1d(high)]


def finite_values(values: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Split numeric answers into (answered mask, usable mask): usable = finite."""
    if not (values.dtype.is_numeric() or values.dtype in (pl.Boolean, pl.Null)):
        raise TypeError(f"numeric answers expected, got {values.dtype}")
    numbers = values.cast(pl.Float64)
    answered = numbers.is_not_null()
    return answered, answered & numbers.is_finite()


# --- choice questions -------------------------------------------------------------------------


def option_codes(frame: pl.DataFrame, labels: tuple[str, ...], column: str = "v") -> pl.Series:
    """Position of each answer in ``labels``; ``len(labels)`` for an answer outside them."""
    index = pl.DataFrame(
        {column: labels, "code": range(len(labels))},
        schema={column: pl.String, "code": pl.Int64},
    )
    coded = frame.select(column).join(index, on=column, how="left", maintain_order="left")
    return coded["code"].fill_null(len(labels))


def _tally(codes: pl.Series, weights: pl.Series, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Count and weight sum per code 0..size-1."""
    per_code = (
        pl.DataFrame({"code": codes, "w": weights})
        .group_by("code")
        .agg(count=pl.len(), wsum=pl.col("w").sum())
    )
    counts, wsums = np.zeros(size, dtype=np.int64), np.zeros(size)
    counts[per_code["code"].to_numpy()] = per_code["count"].to_numpy()
    wsums[per_code["code"].to_numpy()] = per_code["wsum"].to_numpy()
    return counts, wsums


def _option_shares(
    labels: tuple[str, ...],
    tally: tuple[np.ndarray, np.ndarray],
    totals: tuple[int, float],
    n_eff: float,
) -> tuple[tuple[OptionShare, ...], OptionShare]:
    """Per-option rows (options in order, then "other", the last code) with their intervals."""
    counts, wsums = tally
    n, total_weight = totals
    if n == 0 or total_weight <= 0:
        shares: list[float | None] = [None] * len(counts)
        low, high = shares, shares
    else:
        share_array = wsums / total_weight
        shares = [float(x) for x in share_array]
        low, high = wilson_intervals(share_array, n_eff)
    rows = [
        OptionShare(label, int(c), float(w), s, lo, hi)
        for label, c, w, s, lo, hi in zip(
            [*labels, None], counts, wsums, shares, low, high, strict=True
        )
    ]
    return tuple(rows[:-1]), rows[-1]


def choice_summary(
    values: pl.Series, options: Sequence[str], weights: pl.Series | None = None
) -> ChoiceSummary:
    """Share of each option among those who answered a single-choice question.

    Answers that are not among ``options`` are counted in ``other`` so that a typo in an
    import or an option removed from a later questionnaire version shows up instead of
    silently shrinking the denominator. Shares of the options plus ``other`` add up to one.
    Weighted shares use the weights; their Wilson interval uses Kish's effective n.
    """
    labels = option_labels(options)
    frame = pl.DataFrame(
        {"v": as_text(values), "w": weights_or_ones(weights, values.len())}
    ).filter(pl.col("v").is_not_null())
    check_weights(frame["w"])
    n, n_eff = frame.height, kish_n_eff(frame["w"])
    tally = _tally(option_codes(frame, labels), frame["w"], len(labels) + 1)
    rows, other = _option_shares(labels, tally, (n, float(frame["w"].sum())), n_eff)
    weighted = weights is not None
    return ChoiceSummary(
        n=n,
        n_missing=values.len() - n,
        n_eff=n_eff,
        weighted=weighted,
        options=rows,
        other=other,
        caveats=sample_size_caveats(n) + efficiency_caveats(n, n_eff, weighted),
    )


def multiple_choice_summary(
    values: pl.Series, options: Sequence[str], weights: pl.Series | None = None
) -> MultipleChoiceSummary:
    """Share of respondents who ticked each option of a multiple-choice question.

    ``values`` is a List column. A null list means "not answered" (out of ``n``); an empty
    list means "answered and ticked nothing" (in ``n``, in no option): a respondent who saw
    the question and left every box empty is part of the population the shares describe.
    Null items inside a list are ignored. An option ticked twice by the same respondent
    counts once; ``other`` counts respondents who ticked at least one value outside
    ``options``.
    """
    labels = option_labels(options)
    frame = pl.DataFrame(
        {"v": values.cast(pl.List(pl.String)), "w": weights_or_ones(weights, values.len())}
    ).filter(pl.col("v").is_not_null())
    check_weights(frame["w"])
    ticks = frame.with_row_index("respondent").explode("v").filter(pl.col("v").is_not_null())
    width = len(labels) + 1
    # One integer key per (respondent, option) pair: de-duplicating integers is much
    # faster than de-duplicating lists or (integer, string) pairs on a million rows.
    ticks = ticks.with_columns(
        key=pl.col("respondent").cast(pl.Int64) * width + option_codes(ticks, labels)
    ).unique("key")
    tally = _tally(ticks["key"] % width, ticks["w"], width)
    n, n_eff = frame.height, kish_n_eff(frame["w"])
    rows, other = _option_shares(labels, tally, (n, float(frame["w"].sum())), n_eff)
    weighted = weights is not None
    return MultipleChoiceSummary(
        n=n,
        n_missing=values.len() - n,
        n_empty=n - ticks["respondent"].n_unique(),
        n_eff=n_eff,
        weighted=weighted,
        options=rows,
        other=other,
        caveats=sample_size_caveats(n) + efficiency_caveats(n, n_eff, weighted),
    )


# --- numeric questions ------------------------------------------------------------------------


def weighted_median(x: np.ndarray, w: np.ndarray) -> float | None:
    """Median of the distribution that puts weight ``w`` on each ``x``.

    Sort the values; the median is the first value where the cumulative weight reaches half
    the total. When the cumulative weight lands exactly on half (up to rounding), the median
    is the midpoint between that value and the next one, so equal weights give the ordinary
    median and integer weights give the median of the data repeated that many times.
    Zero-weight values never become the median.
    """
    keep = w > 0
    x, w = x[keep], w[keep]
    if x.size == 0:
        return None
    order = np.argsort(x, kind="stable")
    x, cumulative = x[order], np.cumsum(w[order])
    half = cumulative[-1] / 2
    k = int(np.searchsorted(cumulative, half, side="left"))
    if k + 1 < x.size and math.isclose(cumulative[k], half, rel_tol=1e-12):
        return float((x[k] + x[k + 1]) / 2)
    return float(x[min(k, x.size - 1)])


def _unweighted_moments(x: np.ndarray) -> dict[str, float | None]:
    """Mean, median, SD, and the Student t interval of the mean."""
    n = x.size
    result: dict[str, float | None] = {"mean": float(x.mean()), "median": float(np.median(x))}
    if n < 2:
        return result | {"std": None, "se": None}
    std = float(x.std(ddof=1))
    return result | {"std": std, "se": std / math.sqrt(n)}


def _weighted_moments(x: np.ndarray, w: np.ndarray) -> dict[str, float | None]:
    """Weighted mean, median, SD and linearised SE for a weights-only design.

    SE² = n/(n−1) · Σ wᵢ²(xᵢ − x̄_w)² / (Σw)², as R's ``survey::svymean`` computes it for
    ``svydesign(ids=~1, weights=~w)``; the SD is ``survey::svyvar``'s:
    Σ wᵢ(xᵢ − x̄_w)²/Σw · n/(n−1). With equal weights both reduce to the unweighted ones.
    """
    n, total = x.size, float(w.sum())
    if total <= 0:
        return {"mean": None, "median": None, "std": None, "se": None}
    mean = float((w * x).sum() / total)
    result: dict[str, float | None] = {"mean": mean, "median": weighted_median(x, w)}
    if n < 2:
        return result | {"std": None, "se": None}
    deviations = x - mean
    correction = n / (n - 1)
    variance = float((w * deviations**2).sum() / total) * correction
    se_squared = float((w**2 * deviations**2).sum() / total**2) * correction
    return result | {"std": math.sqrt(variance), "se": math.sqrt(se_squared)}


def _t_interval(mean: float | None, se: float | None, n: int) -> tuple[float | None, ...]:
    """95% interval mean ± t(n−1)·se; None when there is no spread to build it from."""
    if mean is None or se is None or se == 0 or n < 2:
        return None, None
    low, high = sps.t.interval(CONFIDENCE, df=n - 1, loc=mean, scale=se)
    return float(low), float(high)


def numeric_summary(values: pl.Series, weights: pl.Series | None = None) -> NumericSummary:
    """Describe a numeric question: centre, spread, range and a 95% interval of the mean.

    Nulls are unanswered. NaN and ±inf are excluded from every figure and counted in
    ``n_invalid``: they come from broken imports or computations, and one of them would
    otherwise turn every figure into NaN.

    The interval uses Student's t with n−1 degrees of freedom, weighted or not. R's
    ``confint(svymean(...))`` uses the normal quantile instead; t is used here so that equal
    weights give exactly the unweighted interval and so that small samples are not
    overconfident. The two agree to 3 decimals from n ≈ 500 on.
    Min and max are the unweighted extremes of the answers.
    """
    answered, usable = finite_values(values)
    frame = pl.DataFrame(
        {"x": values.cast(pl.Float64), "w": weights_or_ones(weights, values.len())}
    ).filter(usable)
    check_weights(frame["w"])
    x, w = frame["x"].to_numpy(), frame["w"].to_numpy()
    n = x.size
    weighted = weights is not None
    n_eff = kish_n_eff(frame["w"])
    if n == 0:
        moments: dict[str, float | None] = {"mean": None, "median": None, "std": None, "se": None}
    else:
        moments = _weighted_moments(x, w) if weighted else _unweighted_moments(x)
    caveats = sample_size_caveats(n) + efficiency_caveats(n, n_eff, weighted)
    no_variation = n >= 2 and bool(x.min() == x.max())
    if no_variation:
        caveats += (caveat(Code.NO_VARIATION),)
    ci_low, ci_high = _t_interval(moments["mean"], moments["se"], n)
    return NumericSummary(
        n=n,
        n_missing=values.len() - int(answered.sum()),
        n_invalid=int(answered.sum()) - n,
        n_eff=n_eff,
        weighted=weighted,
        mean=moments["mean"],
        median=moments["median"],
        std=moments["std"],
        min=float(x.min()) if n else None,
        max=float(x.max()) if n else None,
        se=moments["se"],
        ci_low=ci_low,
        ci_high=ci_high,
        caveats=caveats,
    )
