"""Summaries of every question at once, overall or split by a breakdown (age band, sex...),
weighted or not: one Polars group-by per question and breakdown, whatever the number of
groups, so that a million responses stay a matter of seconds.

Same conventions as `describe` (whose functions summarise one series at a time): a null is
"not answered"; n is the unweighted number who answered; weighted intervals use Kish's
effective n. The weighted median is not computed per group (it needs a sort per group): the
median shown is the unweighted one, and says so (`median_weighted` is False)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from civiclab.stats.caveats import LOW_EFFICIENCY, Caveat, Code, caveat, sample_size_caveats

ALL = "__all__"  # the group of everybody, when there is no breakdown


@dataclass(frozen=True)
class Share:
    option: str
    count: int
    share: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class GroupShares:
    group: str
    n: int
    n_eff: float
    shares: tuple[Share, ...]
    caveats: tuple[Caveat, ...]


@dataclass(frozen=True)
class GroupNumbers:
    group: str
    n: int
    n_eff: float
    mean: float | None
    low: float | None
    high: float | None
    median: float | None
    median_weighted: bool
    caveats: tuple[Caveat, ...]


def _base(frame: pl.DataFrame, value: pl.Expr, by: str | None, weights: str | None):
    """Lazily: the answer `v`, the group `g` and the weight `w` of those who answered and
    have a group (a lazy plan lets Polars read only the three columns it needs)."""
    group = pl.col(by).cast(pl.String) if by else pl.lit(ALL)
    weight = pl.col(weights).cast(pl.Float64) if weights else pl.lit(1.0)
    return (
        frame.lazy()
        .select(value.alias("v"), group.alias("g"), weight.alias("w"))
        .filter(pl.col("g").is_not_null() & pl.col("v").is_not_null())
    )


SUMS = {"n": pl.len(), "w": pl.col("w").sum(), "w2": (pl.col("w") ** 2).sum()}


def _totals(per_value: pl.DataFrame) -> pl.DataFrame:
    """Per group, from the per-(group, answer) sums: everyone who answered, whatever."""
    return per_value.group_by("g").agg(
        n=pl.col("n").sum(), wsum=pl.col("w").sum(), w2=pl.col("w2").sum()
    )


def _caveats(n: int, n_eff: float, weighted: bool) -> tuple[Caveat, ...]:
    found = sample_size_caveats(n)
    if weighted and n > 1 and n_eff / n < LOW_EFFICIENCY:
        found += (caveat(Code.LOW_EFFICIENCY, efficiency=round(n_eff / n, 3), n_eff=n_eff),)
    return found


def _shares(
    per_option: pl.DataFrame, totals: pl.DataFrame, options: Sequence[str], weighted: bool
) -> list[GroupShares]:
    """Turn (group, option) counts and per-group totals into shares with Wilson intervals."""
    results = []
    counted = {(g, v): (n, w) for g, v, n, w in per_option.select("g", "v", "n", "w").iter_rows()}
    for group, n, wsum, w2 in totals.sort("g").iter_rows():
        n_eff = wsum * wsum / w2 if w2 > 0 else 0.0
        if wsum <= 0:  # everybody in the group weighs 0: nothing to estimate
            empty = tuple(Share(o, 0, None, None, None) for o in options)
            results.append(GroupShares(group, n, 0.0, empty, sample_size_caveats(0)))
            continue
        shares = np.array([counted.get((group, o), (0, 0.0))[1] / wsum for o in options])
        low, high = proportion_confint(shares * n_eff, n_eff, alpha=0.05, method="wilson")
        rows = tuple(
            Share(o, counted.get((group, o), (0, 0.0))[0], float(s), float(lo), float(hi))
            for o, s, lo, hi in zip(
                options, shares, np.atleast_1d(low), np.atleast_1d(high), strict=True
            )
        )
        results.append(GroupShares(group, n, n_eff, rows, _caveats(n, n_eff, weighted)))
    return results


def choice_by(
    frame: pl.DataFrame,
    column: str,
    options: Sequence[str],
    by: str | None = None,
    weights: str | None = None,
) -> list[GroupShares]:
    """Share of each option of a single-choice question in each group of `by` (or overall).
    Answers outside `options` stay in the denominator (as in `describe.choice_summary`)."""
    base = _base(frame, pl.col(column).cast(pl.String), by, weights)
    per_value = base.group_by("g", "v").agg(**SUMS).collect()
    return _shares(per_value, _totals(per_value), [str(o) for o in options], weights is not None)


def multiple_choice_by(
    frame: pl.DataFrame,
    column: str,
    options: Sequence[str],
    by: str | None = None,
    weights: str | None = None,
) -> list[GroupShares]:
    """Share of respondents who ticked each option, among those who answered (an empty
    list is an answer), in each group of `by`."""
    answered = _base(frame, pl.col(column).list.unique(), by, weights)
    totals = answered.group_by("g").agg(
        n=pl.len(), wsum=pl.col("w").sum(), w2=(pl.col("w") ** 2).sum()
    )
    ticked = answered.explode("v").filter(pl.col("v").is_not_null())
    per_option = ticked.group_by("g", "v").agg(n=pl.len(), w=pl.col("w").sum())
    per_option, totals = pl.collect_all([per_option, totals])
    return _shares(per_option, totals, [str(o) for o in options], weights is not None)


def numbers_by(
    frame: pl.DataFrame, column: str, by: str | None = None, weights: str | None = None
) -> list[GroupNumbers]:
    """Mean with its 95% interval (Student's t; weighted: the linearised standard error of
    `describe.numeric_summary`), and median, in each group of `by`."""
    value = pl.col(column).cast(pl.Float64, strict=False)
    answered = _base(frame, value, by, weights).filter(pl.col("v").is_finite())
    mean_w = (pl.col("w") * pl.col("v")).sum() / pl.col("w").sum()
    stats = (
        answered.group_by("g")
        .agg(
            n=pl.len(),
            wsum=pl.col("w").sum(),
            w2=(pl.col("w") ** 2).sum(),
            mean=mean_w,
            median=pl.col("v").median(),
            sd=pl.col("v").std(),
            # Σ w²(x − x̄w)², for the weighted standard error.
            spread=((pl.col("w") ** 2) * (pl.col("v") - mean_w) ** 2).sum(),
        )
        .sort("g")
        .collect()
    )
    weighted = weights is not None
    results = []
    for row in stats.iter_rows(named=True):
        n = row["n"]
        n_eff = row["wsum"] ** 2 / row["w2"] if row["w2"] > 0 else 0.0
        low = high = None
        if n > 1:
            if weighted:
                se = (n / (n - 1) * row["spread"]) ** 0.5 / row["wsum"]
            else:
                se = row["sd"] / n**0.5
            half = float(sps.t.ppf(0.975, n - 1)) * se
            low, high = row["mean"] - half, row["mean"] + half
        found = _caveats(n, n_eff, weighted)
        if n > 1 and row["sd"] == 0:
            found += (caveat(Code.NO_VARIATION),)
        results.append(
            GroupNumbers(row["g"], n, n_eff, row["mean"], low, high, row["median"], False, found)
        )
    return results
