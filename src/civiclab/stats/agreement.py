"""Inter-coder agreement between two coders of the same texts, character by character.

The unit is the character (a Python ``str`` index on the normalised text), as in NVivo and
QualCoder: for each code, every character of every document is a unit that coder A either
gave that code or not, and likewise for coder B. Choices made here, and why:

- Per code: Cohen's kappa (``sklearn.metrics.cohen_kappa_score``) and Krippendorff's alpha
  (``krippendorff.alpha``, nominal) on those binary units; the percentage of characters on
  which both coders agree; the characters coded by A only, by B only, by both, by neither.
- Both statistics depend only on the four counts of the 2×2 table (A coded / B coded), which
  is what the code keeps, never a per-character Python loop. They are still computed by the
  two packages, fed an input that gives exactly the same result as the full per-character
  vectors (see ``_kappa`` and ``_alpha``); a test checks the equality on random vectors.
  Above ``PACKAGE_ROWS_LIMIT`` disagreeing units, alpha comes from Krippendorff's closed
  formula for two coders and binary data instead, to bound memory (same value, tested).
- Pooled over codes: one kappa and one alpha on the 2×2 table summed over the codes that at
  least one coder used (the unit becomes a (character, code) pair). Not a mean of per-code
  kappas weighted by coded characters: that mean is not itself a chance-corrected statistic,
  and it would have to drop the codes whose kappa is undefined without saying so. Codes that
  nobody used are left out of the pool: each would add a whole corpus of "both said no"
  units and inflate the figure further, by an amount that depends only on the codebook size.
- Uncoded text inflates agreement: on a 200-character text where both coders agree on 196,
  kappa is 0.74; the same 10 coded characters in a 20-character text give 0.58. So each
  result carries ``neither_share`` (per code) and ``uncoded_share`` (text that neither coder
  coded with any code), to be shown next to kappa.
- Agreement on coded text only, to show that inflation honestly:
  - per code, ``coded_agreement`` = both / (A only + B only + both), the overlap of the two
    codings over their union (Jaccard). Not kappa: once the "neither" cell is removed,
    kappa's numerator is −2·(A only)·(B only), never positive, whatever the overlap.
  - pooled, ``coded_kappa`` and ``coded_alpha``: the pooled statistics restricted to the
    characters that at least one coder coded with some code. With a single code used, the
    restriction leaves the degenerate table above, so they are None (``single_code``).
- Undefined values are None with a reason, never NaN or a flattering 1.0:
  ``no_text`` (no characters at all), ``code_unused`` (neither coder used the code: 100 %
  agreement on nothing), ``whole_text_coded`` (both coded every character), ``no_codes``
  (pooled: nobody coded anything), ``nothing_coded`` and ``single_code`` (coded-text figures).
  A code that only one coder used keeps defined values: kappa is then 0 and alpha slightly
  negative, which is the honest answer ("no agreement beyond chance");
  ``CodeAgreement.one_coder_only`` lets a page say why.
"""

from __future__ import annotations

import operator
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

Coding = tuple[Hashable, int, int]

NO_TEXT = "no_text"
CODE_UNUSED = "code_unused"
WHOLE_TEXT_CODED = "whole_text_coded"
NO_CODES = "no_codes"
NOTHING_CODED = "nothing_coded"
SINGLE_CODE = "single_code"

# The krippendorff package holds about 150 bytes per disagreeing unit (see _alpha); above this
# many, alpha comes from Krippendorff's closed formula for two coders and binary data, which
# gives the same value (a test checks both ways) in constant memory.
PACKAGE_ROWS_LIMIT = 1_000_000


class CodedDocument(NamedTuple):
    """One text coded by both coders; a plain ``(length, a, b)`` tuple works as well.

    ``a`` and ``b`` are iterables of ``(code, start, end)``, end excluded, in ``str`` indices.
    """

    length: int
    a: Iterable[Coding]
    b: Iterable[Coding]


@dataclass(frozen=True)
class Table:
    """Counts of the 2×2 table: characters coded by A only, B only, both, neither."""

    a_only: int = 0
    b_only: int = 0
    both: int = 0
    neither: int = 0

    def __add__(self, other: Table) -> Table:
        return Table(
            self.a_only + other.a_only,
            self.b_only + other.b_only,
            self.both + other.both,
            self.neither + other.neither,
        )

    @property
    def total(self) -> int:
        return self.a_only + self.b_only + self.both + self.neither

    @property
    def coded(self) -> int:
        """Units that at least one coder coded."""
        return self.a_only + self.b_only + self.both


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code, over all documents."""

    code: Hashable
    characters: int  # all characters of all documents
    a_only: int
    b_only: int
    both: int
    neither: int
    neither_share: float | None  # neither / characters
    percent_agreement: float | None  # (both + neither) / characters, in [0, 1]
    kappa: float | None
    alpha: float | None
    undefined: str | None  # why kappa, alpha and percent_agreement are None
    coded_agreement: float | None  # both / (a_only + b_only + both); None when nobody coded

    @property
    def one_coder_only(self) -> bool:
        """Only one of the two coders used this code: kappa is 0 by construction."""
        return (self.a_only + self.both == 0) != (self.b_only + self.both == 0)


@dataclass(frozen=True)
class Agreement:
    """Per-code agreement, pooled agreement, and how much text nobody coded."""

    codes: tuple[CodeAgreement, ...]
    characters: int
    uncoded: int  # characters that neither coder coded with any code
    uncoded_share: float | None
    # Pooled over (character, code) units, for the codes at least one coder used.
    percent_agreement: float | None
    kappa: float | None
    alpha: float | None
    undefined: str | None
    # The same, restricted to the characters at least one coder coded with some code.
    coded_characters: int
    coded_kappa: float | None
    coded_alpha: float | None
    coded_undefined: str | None
    coded_agreement: float | None  # pooled both / (a_only + b_only + both)

    def for_code(self, code: Hashable) -> CodeAgreement:
        """The result for one code; KeyError if it was neither given nor used."""
        for result in self.codes:
            if result.code == code:
                return result
        raise KeyError(code)


@dataclass(frozen=True)
class Disagreement:
    """A maximal run of characters that one coder gave a code and the other did not."""

    document: int  # index in the sequence of documents
    start: int
    end: int  # excluded
    code: Hashable
    who: Literal["a", "b"]  # the coder who applied the code


def agreement(
    documents: Sequence[CodedDocument | tuple[int, Iterable[Coding], Iterable[Coding]]],
    codes: Sequence[Hashable] | None = None,
) -> Agreement:
    """Compare coders A and B on each code and pooled over codes.

    ``codes`` (the codebook) fixes the order of the results and adds the codes nobody used, so
    that they appear as ``code_unused``; codes found in the codings but not in ``codes``
    follow, in the order they are first met.
    """
    # A code absent from a document still has that document's characters as "neither": so
    # only the coded counts add up per document, and "neither" comes from the total at the end.
    coded: dict[Hashable, Table] = {code: Table() for code in codes or ()}
    characters = uncoded = 0
    for _index, length, masks in _iter_masks(documents):
        anything = np.zeros(length, dtype=bool)
        for code, mask_a, mask_b in masks:
            both = int(np.count_nonzero(mask_a & mask_b))
            a_only = int(np.count_nonzero(mask_a)) - both
            b_only = int(np.count_nonzero(mask_b)) - both
            coded[code] = coded.get(code, Table()) + Table(a_only, b_only, both)
            anything |= mask_a
            anything |= mask_b
        characters += length
        uncoded += length - int(np.count_nonzero(anything))
    results = tuple(
        _code_agreement(code, Table(t.a_only, t.b_only, t.both, characters - t.coded), characters)
        for code, t in coded.items()
    )
    return _pooled(results, characters, uncoded)


def disagreements(
    documents: Sequence[CodedDocument | tuple[int, Iterable[Coding], Iterable[Coding]]],
) -> tuple[Disagreement, ...]:
    """The runs where one coder applied a code and the other did not, for side-by-side views.

    Sorted by document, start, then code in order of first appearance, then coder.
    """
    found: list[tuple[int, int, int, int, Disagreement]] = []
    order: dict[Hashable, int] = {}
    for index, _length, masks in _iter_masks(documents):
        for code, mask_a, mask_b in masks:
            rank = order.setdefault(code, len(order))
            for who, mask in (("a", mask_a & ~mask_b), ("b", mask_b & ~mask_a)):
                for start, end in _runs(mask):
                    run = Disagreement(index, start, end, code, who)
                    found.append((index, start, rank, who == "b", run))
    found.sort(key=operator.itemgetter(0, 1, 2, 3))
    return tuple(item[-1] for item in found)


# ---------------------------------------------------------------- masks


def _iter_masks(documents) -> Iterator[tuple[int, int, Iterator]]:
    """Per document: its index, its length, and (code, mask A, mask B) for each code used.

    Masks are built one code at a time, so memory stays at a few arrays of one document's
    length whatever the number of codes.
    """
    for index, (length, codings_a, codings_b) in enumerate(documents):
        length = operator.index(length)
        if length < 0:
            raise ValueError(f"Document {index} has a negative length ({length}).")
        spans_a = _spans_by_code(index, length, codings_a)
        spans_b = _spans_by_code(index, length, codings_b)
        yield index, length, _code_masks(length, spans_a, spans_b)


def _code_masks(length: int, spans_a: dict, spans_b: dict) -> Iterator:
    for code in dict.fromkeys([*spans_a, *spans_b]):
        yield code, _mask(length, spans_a.get(code, ())), _mask(length, spans_b.get(code, ()))


def _spans_by_code(index: int, length: int, codings: Iterable[Coding]) -> dict:
    spans: dict[Hashable, list[tuple[int, int]]] = {}
    for code, start, end in codings:
        start, end = operator.index(start), operator.index(end)
        if not 0 <= start <= end <= length:
            raise ValueError(
                f"Document {index}: coding {code!r} [{start}, {end}) lies outside the text "
                f"(0 to {length}); was the text changed after coding?"
            )
        if start < end:  # an empty selection codes nothing
            spans.setdefault(code, []).append((start, end))
    return spans


def _mask(length: int, spans: Iterable[tuple[int, int]]) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    for start, end in spans:  # one slice per coding; overlaps simply set True twice
        mask[start:end] = True
    return mask


def _runs(mask: np.ndarray) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of True in a boolean array."""
    edges = np.flatnonzero(np.diff(mask.astype(np.int8), prepend=0, append=0))
    return zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True)


# ---------------------------------------------------------------- statistics


def _code_agreement(code: Hashable, table: Table, characters: int) -> CodeAgreement:
    undefined = _undefined(table)
    kappa = alpha = percent = None
    if undefined is None:
        kappa, alpha = _kappa(table), _alpha(table)
        percent = (table.both + table.neither) / table.total
    return CodeAgreement(
        code=code,
        characters=characters,
        a_only=table.a_only,
        b_only=table.b_only,
        both=table.both,
        neither=table.neither,
        neither_share=table.neither / characters if characters else None,
        percent_agreement=percent,
        kappa=kappa,
        alpha=alpha,
        undefined=undefined,
        coded_agreement=table.both / table.coded if table.coded else None,
    )


def _undefined(table: Table) -> str | None:
    """Why kappa and alpha cannot be computed: all units carry the same value for both."""
    if not table.total:
        return NO_TEXT
    if not table.coded:
        return CODE_UNUSED
    if table.both == table.total:
        return WHOLE_TEXT_CODED
    return None


def _pooled(codes: tuple[CodeAgreement, ...], characters: int, uncoded: int) -> Agreement:
    used = [result for result in codes if result.a_only + result.b_only + result.both]
    pool = sum((Table(r.a_only, r.b_only, r.both, r.neither) for r in used), Table())
    coded_characters = characters - uncoded
    # Restricted to coded characters: a code's "neither" units outside them are dropped.
    coded_pool = Table(
        pool.a_only, pool.b_only, pool.both, len(used) * coded_characters - pool.coded
    )

    if not characters:
        undefined = NO_TEXT
    elif not used:
        undefined = NO_CODES
    else:
        undefined = _undefined(pool)
    if not characters:
        coded_undefined = NO_TEXT
    elif not coded_characters:
        coded_undefined = NOTHING_CODED
    elif len(used) < 2:
        coded_undefined = SINGLE_CODE
    else:
        coded_undefined = _undefined(coded_pool)

    defined, coded_defined = undefined is None, coded_undefined is None
    return Agreement(
        codes=codes,
        characters=characters,
        uncoded=uncoded,
        uncoded_share=uncoded / characters if characters else None,
        percent_agreement=(pool.both + pool.neither) / pool.total if defined else None,
        kappa=_kappa(pool) if defined else None,
        alpha=_alpha(pool) if defined else None,
        undefined=undefined,
        coded_characters=coded_characters,
        coded_kappa=_kappa(coded_pool) if coded_defined else None,
        coded_alpha=_alpha(coded_pool) if coded_defined else None,
        coded_undefined=coded_undefined,
        coded_agreement=pool.both / pool.coded if pool.coded else None,
    )


def _kappa(table: Table) -> float:
    # One weighted row per cell of the 2×2 table: sklearn builds its confusion matrix from
    # the weights, so the result equals cohen_kappa_score(a, b) on the per-character vectors.
    cells = [(0, 0, table.neither), (0, 1, table.b_only), (1, 0, table.a_only), (1, 1, table.both)]
    a, b, weights = zip(*[cell for cell in cells if cell[2]], strict=True)
    return float(cohen_kappa_score(a, b, labels=[0, 1], sample_weight=weights))


def _alpha(table: Table) -> float:
    # krippendorff.alpha takes, per unit, how many coders chose each value. A unit where both
    # coders agree adds 2 to the diagonal of the coincidence matrix; a single row [2w, 0]
    # adds 2w·(2w − 1)/(2w − 1) = 2w, exactly w agreeing units' worth, so all agreeing units
    # of one value fold into one row. Disagreeing units ([1, 1], each adding 1 off the
    # diagonal) cannot be folded and stay one row each. The coincidence matrix, the value
    # totals and n are those of the per-character data, so alpha is identical.
    disagreeing = table.a_only + table.b_only
    if disagreeing > PACKAGE_ROWS_LIMIT:
        return _alpha_formula(table)
    folded = [row for row in ([2 * table.neither, 0], [0, 2 * table.both]) if sum(row)]
    value_counts = np.concatenate(
        [np.ones((disagreeing, 2), dtype=np.int64), np.array(folded, dtype=np.int64)]
    )
    return float(krippendorff.alpha(value_counts=value_counts, level_of_measurement="nominal"))


def _alpha_formula(table: Table) -> float:
    """Krippendorff (2011), binary data, two observers: α = 1 − (n − 1)·o₀₁ / (n₀·n₁)."""
    # n values in all (two per unit); o01 the disagreeing units; n0, n1 the values 0 and 1.
    disagreeing = table.a_only + table.b_only
    n = 2 * table.total
    n_0, n_1 = 2 * table.neither + disagreeing, 2 * table.both + disagreeing
    return 1 - (n - 1) * disagreeing / (n_0 * n_1)
