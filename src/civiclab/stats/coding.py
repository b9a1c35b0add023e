"""Counts over coded passages: how often codes meet on the same passage."""

from collections import defaultdict
from collections.abc import Hashable, Iterable


def cooccurrences(
    codings: Iterable[tuple[Hashable, Hashable, int, int]],
) -> dict[tuple[Hashable, Hashable], int]:
    """How many pairs of passages coded (a, b) overlap, for every pair of different codes.

    `codings` are (unit, code, start, end): a unit is a document or one answer; passages of
    different units never meet. The result holds each unordered pair once, as (a, b) with
    a < b in sorting order of their string forms, plus (a, a) = the passages coded a.
    """
    by_unit = defaultdict(list)
    counts: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for unit, code, start, end in codings:
        by_unit[unit].append((start, end, code))
        counts[(code, code)] += 1
    for passages in by_unit.values():
        passages.sort(key=lambda p: (p[0], p[1]))
        # Sweep: a passage only meets those that start before it ends.
        for i, (_start, end, code) in enumerate(passages):
            for other_start, _other_end, other in passages[i + 1 :]:
                if other_start >= end:
                    break
                if other != code:
                    counts[tuple(sorted((code, other), key=str))] += 1
    return dict(counts)
