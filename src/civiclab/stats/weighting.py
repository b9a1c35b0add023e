"""Raking of respondent weights to population margins, and what uneven weights cost.

svy computes the raking (iterative proportional fitting); this module prepares what it is
given (which answers the margins cover, which categories can be reached) and reads the
result back as plain values. See docs/decisions/010-raking-weights.md.

What a survey statistician expects, and what we do:

- **Weights have mean 1** (they sum to the number of rows), so 1.3 reads as "this person
  counts for 1.3 respondents".
- **Answers the margins do not cover** (no answer on a margin variable, or a category the
  population table lacks, or gives a share of 0) are not dropped and not guessed: on that
  variable those respondents form one group that keeps the weighted share it had before
  raking, and the respondents who did answer are raked to the population shares, scaled to
  the rest. This assumes that, on that variable, the people who answered should look like the
  population; everybody keeps a weight for the other variables and the other questions.
- **A population category with nobody in the sample** cannot be reached by any weight: it
  is reported, and the shares of the other categories of that variable are scaled up so
  that they still sum to what is left.
- **Non-convergence is reported, not raised**: the weights of the last iteration are
  returned with ``converged=False``.

Without a weight cap the raking runs on the cells of the cross-classification of the margin
variables (every respondent in a cell gets the same factor in IPF, so raking the cell
totals gives exactly the same factors) and the factors are joined back to the rows: a
million respondents cost about as much as a few hundred cells. A weight cap is enforced on
each respondent, so that path rakes the rows themselves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl
import svy
from svy.weighting.types import TrimConfig

from civiclab.stats.caveats import LOW_EFFICIENCY, Caveat, Code, caveat, sample_size_caveats

# The code, on one variable, of an answer the margins do not cover (no answer or unknown
# category). Margin categories are coded 0, 1, 2... in the order of the margin.
_OUTSIDE = -1

_BASE = "_civiclab_base"
_RAKED = "_civiclab_raked"
_ROW = "_civiclab_row"


@dataclass(frozen=True)
class RakeResult:
    """Raked weights (mean 1, aligned with the frame's rows) and how far they can be trusted.

    ``max_margin_error`` is the largest relative gap between a weighted margin and its
    target, ``|achieved - target| / target``; ``converged`` says it is within ``tol`` (and,
    with ``weight_cap``, that no weight exceeds it). svy's raking kernel does not report how
    many iterations it ran. ``unreachable`` lists (variable, category) of the margins with
    nobody in the sample; ``unknown`` the categories of the sample the margins lack;
    ``missing`` (variable, count) the respondents with no answer on a margin variable.
    ``efficiency`` is None only for an empty frame.
    """

    weights: pl.Series
    converged: bool
    max_margin_error: float
    efficiency: float | None
    effective_n: float
    n: int
    min_weight: float | None
    max_weight: float | None
    unreachable: tuple[tuple[str, str], ...] = ()
    unknown: tuple[tuple[str, str], ...] = ()
    missing: tuple[tuple[str, int], ...] = ()
    caveats: tuple[Caveat, ...] = field(default=())


@dataclass(frozen=True)
class _MarginPlan:
    """One margin variable, coded and with the targets svy will be given."""

    variable: str
    codes: pl.Series  # Int32, _OUTSIDE for answers the margins do not cover
    targets: dict[int, float]  # code -> share of the weighted total; empty: not raked
    unreachable: tuple[tuple[str, float], ...]  # (category, population share)
    unknown: tuple[tuple[str, int], ...]  # (category, respondents)
    missing: int


def weighting_efficiency(weights: pl.Series | Sequence[float] | np.ndarray) -> float | None:
    """Kish's weighting efficiency (Σw)² / (n·Σw²): 1 for equal weights, lower when uneven.

    It is the effective sample size divided by n. Null weights are left out; None when
    there is no weight or every weight is 0.
    """
    w = _as_array(weights)
    sum_sq = float(np.dot(w, w))
    if w.size == 0 or sum_sq == 0.0:
        return None
    return float(w.sum()) ** 2 / (w.size * sum_sq)


def effective_n(weights: pl.Series | Sequence[float] | np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw²: how many equally weighted people the
    weighted sample is worth. Null weights are left out; 0 when there is none."""
    w = _as_array(weights)
    sum_sq = float(np.dot(w, w))
    return 0.0 if sum_sq == 0.0 else float(w.sum()) ** 2 / sum_sq


def rake(
    frame: pl.DataFrame,
    margins: Mapping[str, Mapping[object, float]],
    base_weights: str | None = None,
    *,
    max_iter: int = 200,
    tol: float = 1e-6,
    weight_cap: float | None = None,
) -> RakeResult:
    """Rake the respondents' weights so that the weighted sample matches each margin.

    ``margins`` maps a column of ``frame`` to its population distribution, as shares or
    counts (each margin is normalised to shares): ``{"sexe": {"femme": 0.52, "homme":
    0.48}}``. Categories are matched on their text (``1`` and ``"1"`` are the same).
    ``base_weights`` names a column of design weights to start from (default: everyone 1).
    ``weight_cap`` caps the final weights (on the mean-1 scale, e.g. 5) by alternating
    trimming and raking in svy; the margins then hold only if the cap leaves room for them,
    else ``converged`` is False. The cap is slower: each trim-rake cycle rakes every
    respondent (about a quarter of a second per million rows) and a cap that binds can
    take a hundred cycles.

    Data problems (missing answers, categories on one side only, non-convergence, one or
    no respondent) give a result with caveats. Programming errors raise ``ValueError``: a
    margin variable or base-weight column that does not exist, a negative, non-numeric or
    all-zero margin, negative, null or non-finite base weights.
    """
    _check_margins(frame, margins)
    n = frame.height
    base = _base_weights(frame, base_weights)
    if n == 0:
        return _result(pl.Series("weight", [], dtype=pl.Float64), True, 0.0, [], ())

    plans = [
        _plan_margin(frame.get_column(var), var, shares, base) for var, shares in margins.items()
    ]
    raked = [p for p in plans if p.targets]
    if not raked:
        weights, error = base * (n / base.sum()), 0.0
        converged = True
    elif weight_cap is None:
        weights, error = _rake_cells(raked, base, n, max_iter, tol)
        converged = error <= tol
    else:
        weights, error = _rake_rows(raked, base, n, max_iter, tol, weight_cap)
        converged = error <= tol and float(weights.max()) <= weight_cap * (1 + tol)
    extra: list[Caveat] = []
    if not converged:
        cap = {} if weight_cap is None else {"weight_cap": weight_cap}
        extra.append(
            caveat(Code.NOT_CONVERGED, max_margin_error=error, tol=tol, max_iter=max_iter, **cap)
        )
    return _result(pl.Series("weight", weights, dtype=pl.Float64), converged, error, plans, extra)


def _as_array(weights: pl.Series | Sequence[float] | np.ndarray) -> np.ndarray:
    series = weights if isinstance(weights, pl.Series) else pl.Series(values=weights)
    return series.drop_nulls().cast(pl.Float64).to_numpy()


def _check_margins(frame: pl.DataFrame, margins: Mapping[str, Mapping[object, float]]) -> None:
    for var, shares in margins.items():
        if var not in frame.columns:
            raise ValueError(f"margin variable {var!r} is not a column of the frame")
        values = list(shares.values())
        if not values or not all(_is_number(v) and v >= 0 for v in values):
            raise ValueError(f"margin {var!r} must map categories to non-negative numbers")
        if sum(values) <= 0:
            raise ValueError(f"margin {var!r} sums to 0")
        if len({str(k) for k in shares}) != len(shares):
            raise ValueError(f"margin {var!r} names a category twice (e.g. 1 and '1')")


def _is_number(value: object) -> bool:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _base_weights(frame: pl.DataFrame, column: str | None) -> np.ndarray:
    if column is None:
        return np.ones(frame.height)
    if column not in frame.columns:
        raise ValueError(f"base weight column {column!r} is not a column of the frame")
    series = frame.get_column(column)
    if not series.dtype.is_numeric() or series.null_count():
        raise ValueError(f"base weights {column!r} must be numbers, with no missing value")
    w = series.cast(pl.Float64).to_numpy()
    if not np.isfinite(w).all() or (w < 0).any() or (w.size and w.sum() == 0):
        raise ValueError(f"base weights {column!r} must be finite, >= 0 and not all 0")
    return w


def _plan_margin(
    values: pl.Series, var: str, shares: Mapping[object, float], base: np.ndarray
) -> _MarginPlan:
    # A share of 0 usually means "not published" in a population table: a respondent in
    # that category is treated as outside the margins rather than given a weight of 0.
    listed = {str(k): float(v) for k, v in shares.items() if v > 0}
    text = values.cast(pl.String)
    codes = text.replace_strict(
        list(listed), list(range(len(listed))), default=_OUTSIDE, return_dtype=pl.Int32
    )
    frame = pl.DataFrame({"code": codes, "text": text, "w": base})
    weight_of = dict(frame.group_by("code").agg(pl.col("w").sum()).iter_rows())
    total = sum(weight_of.values())
    unknown = (
        frame.filter((pl.col("code") == _OUTSIDE) & pl.col("text").is_not_null())
        .group_by("text")
        .len()
        .sort("text")
    )
    reached = {
        code: share for code, share in enumerate(listed.values()) if weight_of.get(code, 0.0) > 0
    }
    unreachable = tuple(
        (cat, share / sum(listed.values()))
        for code, (cat, share) in enumerate(listed.items())
        if code not in reached
    )
    return _MarginPlan(
        variable=var,
        codes=codes,
        targets=_targets(reached, weight_of.get(_OUTSIDE, 0.0) / total),
        unreachable=unreachable,
        unknown=tuple(unknown.iter_rows()),
        missing=values.null_count(),
    )


def _targets(reached: dict[int, float], outside_share: float) -> dict[int, float]:
    """The shares svy rakes to: the reached categories scaled to what the respondents
    outside the margins leave, and those respondents kept at their own share."""
    if not reached:
        return {}  # nobody answered within the margin: nothing to rake on this variable
    known = sum(reached.values())
    targets = {code: share / known * (1.0 - outside_share) for code, share in reached.items()}
    if outside_share > 0:
        targets[_OUTSIDE] = outside_share
    return targets


def _code_frame(plans: Sequence[_MarginPlan], base: np.ndarray) -> pl.DataFrame:
    columns = {f"m{i}": plan.codes for i, plan in enumerate(plans)}
    return pl.DataFrame({**columns, _BASE: base})


def _svy_rake(
    data: pl.DataFrame,
    plans: Sequence[_MarginPlan],
    max_iter: int,
    tol: float,
    trimming: TrimConfig | None = None,
) -> pl.DataFrame:
    """``data`` (code columns m0, m1... and the base weight) with the raked weight added."""
    sample = svy.Sample(data, svy.Design(wgt=_BASE))
    shares = {f"m{i}": plan.targets for i, plan in enumerate(plans)}
    raked = sample.weighting.rake(
        shares=shares,
        wgt_name=_RAKED,
        tol=tol,
        max_iter=max_iter,
        update_design_wgts=False,
        # We measure convergence ourselves and report it: svy must not raise.
        on_nonconvergence="ignore",
        trimming=trimming,
    )
    return raked.data.select(*data.columns, _RAKED)


def _rake_cells(
    plans: Sequence[_MarginPlan], base: np.ndarray, n: int, max_iter: int, tol: float
) -> tuple[np.ndarray, float]:
    rows = _code_frame(plans, base)
    keys = [f"m{i}" for i in range(len(plans))]
    # Respondents with a base weight of 0 stay at 0 and must not make svy see a category
    # that has no weight to adjust.
    cells = rows.filter(pl.col(_BASE) > 0).group_by(keys).agg(pl.col(_BASE).sum())
    raked = _svy_rake(cells, plans, max_iter, tol)
    factors = raked.select(*keys, factor=pl.col(_RAKED) / pl.col(_BASE))
    joined = rows.join(factors, on=keys, how="left", maintain_order="left")
    weights = (joined.get_column(_BASE) * joined.get_column("factor").fill_null(0.0)).to_numpy()
    error = _max_margin_error(raked, plans)
    return weights * (n / weights.sum()), error


def _rake_rows(
    plans: Sequence[_MarginPlan],
    base: np.ndarray,
    n: int,
    max_iter: int,
    tol: float,
    weight_cap: float,
) -> tuple[np.ndarray, float]:
    # The cap is on the mean-1 scale, so the weights svy trims must already sum to n.
    rows = _code_frame(plans, base * (n / base.sum())).with_row_index(_ROW)
    trimming = TrimConfig(upper=weight_cap, max_iter=max_iter)
    raked = _svy_rake(rows.filter(pl.col(_BASE) > 0), plans, max_iter, tol, trimming)
    weights = np.zeros(n)
    weights[raked.get_column(_ROW).to_numpy()] = raked.get_column(_RAKED).to_numpy()
    return weights, _max_margin_error(raked, plans)


def _max_margin_error(raked: pl.DataFrame, plans: Sequence[_MarginPlan]) -> float:
    """Largest |achieved - target| / target over every category raked (svy's own test)."""
    total = float(raked.get_column(_RAKED).sum())
    error = 0.0
    for i, plan in enumerate(plans):
        achieved = dict(raked.group_by(f"m{i}").agg(pl.col(_RAKED).sum()).iter_rows())
        for code, share in plan.targets.items():
            target = share * total
            error = max(error, abs(achieved.get(code, 0.0) - target) / target)
    return error


def _result(
    weights: pl.Series,
    converged: bool,
    error: float,
    plans: Sequence[_MarginPlan],
    extra: Sequence[Caveat],
) -> RakeResult:
    efficiency = weighting_efficiency(weights)
    n_eff = effective_n(weights)
    caveats = [*sample_size_caveats(weights.len()), *_plan_caveats(plans), *extra]
    if efficiency is not None and efficiency < LOW_EFFICIENCY:
        caveats.append(caveat(Code.LOW_EFFICIENCY, efficiency=efficiency, n_eff=n_eff))
    return RakeResult(
        weights=weights,
        converged=converged,
        max_margin_error=error,
        efficiency=efficiency,
        effective_n=n_eff,
        n=weights.len(),
        min_weight=weights.min() if weights.len() else None,
        max_weight=weights.max() if weights.len() else None,
        unreachable=tuple((p.variable, cat) for p in plans for cat, _ in p.unreachable),
        unknown=tuple((p.variable, cat) for p in plans for cat, _ in p.unknown),
        missing=tuple((p.variable, p.missing) for p in plans if p.missing),
        caveats=tuple(caveats),
    )


def _plan_caveats(plans: Sequence[_MarginPlan]) -> list[Caveat]:
    out: list[Caveat] = []
    for p in plans:
        if p.missing:
            out.append(caveat(Code.MISSING_MARGIN_VALUE, variable=p.variable, n=p.missing))
        for cat, count in p.unknown:
            out.append(caveat(Code.UNKNOWN_CATEGORY, variable=p.variable, category=cat, n=count))
        for cat, share in p.unreachable:
            out.append(
                caveat(
                    Code.UNREACHABLE_CATEGORY,
                    variable=p.variable,
                    category=cat,
                    population_share=share,
                )
            )
    return out
