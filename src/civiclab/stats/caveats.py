"""Warnings attached to statistical results: a code plus plain parameters, no wording.

The core only says *what* is fragile about a result; the Django layer turns each code into a
French or English sentence. What each code means:

- ``no_answers``: nobody answered (n = 0), so no share, mean or test can be computed.
- ``single_answer``: exactly one person answered (n = 1), so there is no spread and no test.
- ``small_n``: fewer than ``SMALL_N`` (30) people answered (2 <= n < 30): figures are
  unstable and intervals wide. Params: ``n`` and, when two groups are compared, ``group``.
- ``small_expected``: in a cross-tabulation, at least one expected count is below
  ``SMALL_EXPECTED`` (5), so the chi-square approximation is unreliable and Fisher's exact
  test is used instead. Params: ``min_expected``, ``cells`` (how many cells are below 5).
- ``small_paired``: a before/after panel has ``SMALL_PAIRED`` (20) or fewer usable pairs,
  so the paired test has little power. Params: ``n``.
- ``low_efficiency``: the weights are so uneven that the weighting efficiency
  (effective n divided by n) is below ``LOW_EFFICIENCY`` (0.5): the weighted figures rest on
  far fewer people than answered. Params: ``efficiency`` and usually ``n_eff``.
- ``no_variation``: every answer (or every paired difference) is identical, so there is no
  spread to measure and no test to run.
- ``no_test``: a cross-tabulation has fewer than two non-empty rows or columns, so
  independence cannot be tested. Params: ``rows``, ``columns`` (non-empty counts).
- ``not_converged``: raking could not match every population margin within the tolerance;
  the weights are the closest it found. Params: ``max_margin_error``, ``tol``, ``max_iter``.
- ``unreachable_category``: a population category has nobody in the sample, so weighting
  cannot represent it. Params: ``category``, ``population_share`` and, in raking, ``variable``.
- ``unknown_category``: respondents gave a category the population figures lack; they keep
  their weight. Params: ``category``, ``n`` and, in raking, ``variable``.
- ``missing_margin_value``: respondents did not answer a weighting variable; they keep their
  weight on it. Params: ``variable``, ``n``.

The three sample-size codes (``no_answers``, ``single_answer``, ``small_n``) are mutually
exclusive: a result carries at most one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Code(StrEnum):
    """Caveat codes; being ``str``, each compares equal to its plain value."""

    NO_ANSWERS = "no_answers"
    SINGLE_ANSWER = "single_answer"
    SMALL_N = "small_n"
    SMALL_EXPECTED = "small_expected"
    SMALL_PAIRED = "small_paired"
    LOW_EFFICIENCY = "low_efficiency"
    NO_VARIATION = "no_variation"
    NO_TEST = "no_test"
    NOT_CONVERGED = "not_converged"
    UNREACHABLE_CATEGORY = "unreachable_category"
    UNKNOWN_CATEGORY = "unknown_category"
    MISSING_MARGIN_VALUE = "missing_margin_value"


# Thresholds. Each comment gives the exact comparison that triggers the caveat.
SMALL_N = 30  # n < SMALL_N
SMALL_EXPECTED = 5.0  # some expected count < SMALL_EXPECTED
SMALL_PAIRED = 20  # paired n <= SMALL_PAIRED
LOW_EFFICIENCY = 0.5  # weighting efficiency n_eff / n < LOW_EFFICIENCY


@dataclass(frozen=True)
class Caveat:
    """One warning: a code and the numbers a message needs (read-only mapping).

    ``params`` is left out of the hash (a mapping is not hashable) but kept in equality, so
    equal caveats still hash alike and caveats can live in sets.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


def caveat(code: str, **params: Any) -> Caveat:
    """Shorthand: ``caveat(Code.SMALL_N, n=12)``."""
    return Caveat(str(code), params)


def sample_size_caveats(n: int, **params: Any) -> tuple[Caveat, ...]:
    """The one sample-size caveat that applies to ``n`` answers, if any."""
    if n == 0:
        return (caveat(Code.NO_ANSWERS, **params),)
    if n == 1:
        return (caveat(Code.SINGLE_ANSWER, **params),)
    if n < SMALL_N:
        return (caveat(Code.SMALL_N, n=n, **params),)
    return ()
