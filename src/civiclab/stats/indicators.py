"""The value of an impact indicator from the answers: a share, a mean, a median or a count,
with its 95% interval, n and caveats, overall or per group (wave, age band...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from civiclab.stats.caveats import Caveat, Code, caveat, sample_size_caveats
from civiclab.stats.describe import choice_summary, numeric_summary

HIT, MISS = "1", "0"


@dataclass(frozen=True)
class IndicatorValue:
    """A share is between 0 and 1; `low` and `high` bound the 95% interval when there is
    one (a count, a median or a ratio has none)."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    weighted: bool
    caveats: tuple[Caveat, ...]


def hits(values: pl.Series, options: Sequence[str]) -> pl.Series:
    """Per respondent: chose one of `options` ("1"), did not ("0"), did not answer (null)."""
    wanted = [str(option) for option in options]
    if isinstance(values.dtype, pl.List):
        chose = values.list.eval(pl.element().cast(pl.String).is_in(wanted)).list.any()
    else:
        chose = values.cast(pl.String).is_in(wanted)
    return chose.cast(pl.Int8).cast(pl.String)


def share(
    values: pl.Series, options: Sequence[str], weights: pl.Series | None = None
) -> IndicatorValue:
    """Share of respondents who gave one of `options` (for a multiple choice: ticked at
    least one of them), among those who answered, with Wilson's interval."""
    summary = choice_summary(hits(values, options), [HIT, MISS], weights)
    hit = summary.options[0]
    return IndicatorValue(
        hit.share, hit.ci_low, hit.ci_high, summary.n, summary.weighted, summary.caveats
    )


def _numbers(values: pl.Series) -> pl.Series:
    # Scale answers are stored as their choice values ("1" to "5"): read them as numbers.
    return values.cast(pl.Float64, strict=False)


def mean(values: pl.Series, weights: pl.Series | None = None) -> IndicatorValue:
    summary = numeric_summary(_numbers(values), weights)
    return IndicatorValue(
        summary.mean,
        summary.ci_low,
        summary.ci_high,
        summary.n,
        summary.weighted,
        summary.caveats,
    )


def median(values: pl.Series, weights: pl.Series | None = None) -> IndicatorValue:
    summary = numeric_summary(_numbers(values), weights)
    return IndicatorValue(summary.median, None, None, summary.n, summary.weighted, summary.caveats)


def count(values: pl.Series, weights: pl.Series | None = None) -> IndicatorValue:
    """How many answered (weights do not apply: a count is of people, not an estimate)."""
    n = values.len() - values.null_count()
    caveats = (caveat(Code.NO_ANSWERS),) if n == 0 else ()
    return IndicatorValue(float(n), None, None, n, False, caveats)


def ratio(numerator: IndicatorValue, denominator: IndicatorValue) -> IndicatorValue:
    """One indicator divided by another; no interval (the two are not independent)."""
    caveats = numerator.caveats + tuple(
        c for c in denominator.caveats if c not in numerator.caveats
    )
    if numerator.value is None or not denominator.value:
        return IndicatorValue(None, None, None, 0, False, caveats or sample_size_caveats(0))
    value = numerator.value / denominator.value
    n = min(numerator.n, denominator.n)
    weighted = numerator.weighted or denominator.weighted
    return IndicatorValue(value, None, None, n, weighted, caveats)


Measure = Callable[[pl.Series, pl.Series | None], IndicatorValue]


def by_group(
    frame: pl.DataFrame,
    column: str,
    group: str,
    measure: Measure,
    weights: str | None = None,
    order: Sequence[str] | None = None,
) -> dict[str, IndicatorValue]:
    """`measure` of `column` in each group of `group` (respondents with no group are left
    out), in `order` when given (groups nobody is in then appear with no answers)."""
    found = frame.filter(pl.col(group).is_not_null())
    results = {}
    for key, part in found.group_by(group, maintain_order=True):
        results[str(key[0])] = measure(part[column], part[weights] if weights else None)
    if order is None:
        return results
    empty = measure(pl.Series(column, [], dtype=frame.schema[column]), None)
    return {str(name): results.get(str(name), empty) for name in order}
