"""Statistical disclosure control for what is published: small cells of frequency tables
suppressed, and answer-level data coarsened until no published category is rare.

Two tools, both pure (Polars and NumPy in, plain values out), documented in
docs/decisions/013-open-data-and-research-exports.md:

- `suppress_table`: primary suppression of every count between 1 and k - 1 (totals
  included), then secondary suppression so that no suppressed figure can be computed back
  exactly from the published ones and the totals. Each line of the table (a row with its
  total, a column with its total) that has exactly one hidden figure gets a second one, the
  smallest non-zero inner cell first; then an exact audit (the null space of the table's
  equations restricted to the hidden figures) finds any hidden figure still determined by a
  combination of lines, and hides one more figure next to it, until none is. What it does
  not guarantee: a minimum width of the interval an attacker can deduce for a hidden cell
  (a hidden 2 next to a hidden 4 in a row that sums to 6 is known to lie between 0 and 6),
  and protection across different tables that share cells (each table is protected on its
  own).
- `anonymise`: for answer-level data. Free texts are dropped, ages become the question
  bank's age bands, dates become months; the profile (quasi-identifying) columns are made
  k-anonymous within each wave by local suppression; finally, in each wave, a category held
  by fewer than k respondents becomes "autre / supprimé" (and, if that pool is itself
  smaller than k, a missing value), a rare number or a rare 0/1 tick becomes missing. What
  it does not guarantee: that a cross-tabulation of two non-profile columns has no small
  cell, nor protection against someone comparing two releases made at different times."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

DEFAULT_K = 5
MIN_K = 3
OTHER = "autre / supprimé"
# The question bank's age bands (code `tranche_age`), so public files match the census.
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 15, "moins_15"),
    (15, 25, "15_24"),
    (25, 35, "25_34"),
    (35, 50, "35_49"),
    (50, 65, "50_64"),
    (65, None, "65_plus"),
)


# --- frequency tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedTable:
    """Which figures of a table must not be published: `cells[i][j]` for the inner cells,
    `row_totals[i]`, `column_totals[j]`, `grand_total` (False where the table has none)."""

    cells: tuple[tuple[bool, ...], ...]
    row_totals: tuple[bool, ...]
    column_totals: tuple[bool, ...]
    grand_total: bool
    primary: int
    secondary: int

    @property
    def hidden(self) -> int:
        return self.primary + self.secondary


def _is_small(value: float, k: int) -> bool:
    return 0 < value < k


def suppress_table(
    counts: Sequence[Sequence[int]],
    k: int = DEFAULT_K,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    also_hide: Sequence[Sequence[bool]] | None = None,
) -> SuppressedTable:
    """The figures to hide in a table of `counts` (rows × columns of people counts) whose row
    totals (when `row_totals`) and column totals (when `column_totals`) are published too,
    with the grand total when both are. `also_hide` marks inner cells to hide whatever their
    value (a tick whose complement is small, say). Zeros are not small cells: no one is
    singled out by a zero."""
    if k < 1:
        raise ValueError("k must be at least 1")
    inner = np.asarray(counts, dtype=float).reshape(len(counts), -1) if len(counts) else None
    if inner is None or inner.size == 0:
        return SuppressedTable((), (), (), False, 0, 0)
    rows, columns = inner.shape
    # The extended table: inner cells, a column of row totals, a row of column totals.
    height, width = rows + (1 if column_totals else 0), columns + (1 if row_totals else 0)
    table = np.zeros((height, width))
    table[:rows, :columns] = inner
    if row_totals:
        table[:rows, columns] = inner.sum(axis=1)
    if column_totals:
        table[rows, :columns] = inner.sum(axis=0)
    if row_totals and column_totals:
        table[rows, columns] = inner.sum()
    exists = np.ones((height, width), dtype=bool)
    hidden = np.vectorize(lambda v: _is_small(v, k))(table).astype(bool) & exists
    if also_hide is not None:
        hidden[:rows, :columns] |= np.asarray(also_hide, dtype=bool).reshape(rows, columns)
    primary = int(hidden.sum())
    lines = _lines(rows, columns, row_totals, column_totals)
    _protect(table, hidden, lines, rows, columns)
    secondary = int(hidden.sum()) - primary
    return SuppressedTable(
        cells=tuple(tuple(bool(v) for v in hidden[i, :columns]) for i in range(rows)),
        row_totals=tuple(bool(hidden[i, columns]) for i in range(rows)) if row_totals else (),
        column_totals=(
            tuple(bool(hidden[rows, j]) for j in range(columns)) if column_totals else ()
        ),
        grand_total=bool(hidden[rows, columns]) if row_totals and column_totals else False,
        primary=primary,
        secondary=secondary,
    )


def _lines(rows: int, columns: int, row_totals: bool, column_totals: bool) -> list:
    """Each additive relation of the table as (positions of the parts, position of the sum)."""
    lines = []
    if row_totals:
        for i in range(rows + (1 if column_totals else 0)):
            lines.append(([(i, j) for j in range(columns)], (i, columns)))
    if column_totals:
        for j in range(columns + (1 if row_totals else 0)):
            lines.append(([(i, j) for i in range(rows)], (rows, j)))
    return lines


def _complement(table, hidden, line, rows: int, columns: int, lines) -> tuple[int, int] | None:
    """The figure of `line` best hidden next to the others: an inner cell rather than a
    total, a non-zero one rather than a zero (hiding a zero protects little), one that also
    completes another line left with a single hidden figure, then the smallest."""
    parts, total = line
    candidates = [p for p in [*parts, total] if not hidden[p]]
    if not candidates:
        return None

    def alone(position) -> bool:
        for other in lines:
            members = [*other[0], other[1]]
            if (
                other is not line
                and position in members
                and sum(bool(hidden[m]) for m in members) == 1
            ):
                return True
        return False

    def cost(position):
        is_total = position[0] >= rows or position[1] >= columns
        value = table[position]
        return (is_total, value == 0, not alone(position), value, position)

    return min(candidates, key=cost)


def _lines_hold(hidden, lines) -> bool:
    return all(sum(bool(hidden[p]) for p in [*parts, total]) != 1 for parts, total in lines)


def _protect(table, hidden, lines, rows: int, columns: int) -> None:
    """Hide more figures until none of the hidden ones can be computed back exactly, then
    publish again, largest first, any added figure that turns out not to be needed."""
    primary = hidden.copy()
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                parts, total = line
                if sum(bool(hidden[p]) for p in [*parts, total]) == 1:
                    found = _complement(table, hidden, line, rows, columns, lines)
                    if found is not None:
                        hidden[found] = True
                        changed = True
        determined = _determined(hidden, lines)
        if not determined:
            break
        position = determined[0]
        for line in lines:
            parts, total = line
            if position in parts or position == total:
                found = _complement(table, hidden, line, rows, columns, lines)
                if found is not None:
                    hidden[found] = True
                    break
        else:  # every figure around it is hidden already: hide the whole table
            hidden[:, :] = True
            return
    added = [tuple(p) for p in np.argwhere(hidden & ~primary)]
    for position in sorted(added, key=lambda p: (-table[p], p)):
        hidden[position] = False
        if not (_lines_hold(hidden, lines) and not _determined(hidden, lines)):
            hidden[position] = True


def _determined(hidden, lines) -> list[tuple[int, int]]:
    """Hidden figures whose value follows exactly from the published ones: those whose unit
    vector lies in the row space of the equations restricted to the hidden figures."""
    unknown = [tuple(p) for p in np.argwhere(hidden)]
    if not unknown or not lines:
        return []
    index = {p: n for n, p in enumerate(unknown)}
    equations = []
    for parts, total in lines:
        row = np.zeros(len(unknown))
        for p in parts:
            if p in index:
                row[index[p]] += 1
        if total in index:
            row[index[total]] -= 1
        if row.any():
            equations.append(row)
    if not equations:
        return []
    matrix = np.array(equations)
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:].T  # columns span the null space
    if null_space.size == 0:
        return unknown
    free = np.linalg.norm(null_space, axis=1) > 1e-9
    return [p for p, is_free in zip(unknown, free, strict=True) if not is_free]


def recomputable(
    counts: Sequence[Sequence[int]],
    result: SuppressedTable,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> list[tuple[int, int]]:
    """The hidden figures of `result` that the published ones still give away (positions in
    the extended table; empty when the suppression holds). For tests and audits."""
    rows, columns = len(counts), len(counts[0]) if counts else 0
    height, width = rows + (1 if column_totals else 0), columns + (1 if row_totals else 0)
    hidden = np.zeros((height, width), dtype=bool)
    for i in range(rows):
        hidden[i, :columns] = result.cells[i]
        if row_totals:
            hidden[i, columns] = result.row_totals[i]
    if column_totals:
        hidden[rows, :columns] = result.column_totals
    if row_totals and column_totals:
        hidden[rows, columns] = result.grand_total
    return _determined(hidden, _lines(rows, columns, row_totals, column_totals))


# --- answer-level data ---------------------------------------------------------------------

# What each column of an answer-level frame is, for `anonymise`.
CATEGORY = "category"  # a choice (text): rare values become OTHER
TICK = "tick"  # a 0/1 column (one option of a multiple choice)
NUMBER = "number"  # rare values become missing
AGE = "age"  # a number of years: turned into bands, then a category
DATE = "date"  # turned into a month "YYYY-MM", then a category
TEXT = "text"  # free text: dropped
KINDS = {CATEGORY, TICK, NUMBER, AGE, DATE, TEXT}


def age_bands(ages: pl.Expr) -> pl.Expr:
    """Ages in years as the question bank's band codes (15_24, 25_34...)."""
    expression = pl.lit(None, dtype=pl.String)
    for low, high, code in reversed(AGE_BANDS):
        condition = ages >= low if high is None else (ages >= low) & (ages < high)
        expression = pl.when(condition).then(pl.lit(code)).otherwise(expression)
    return expression


def months(dates: pl.Expr) -> pl.Expr:
    """Dates as their month, "YYYY-MM"."""
    return dates.dt.strftime("%Y-%m")


def _rare_within(column: str, by: list[str], k: int, value: pl.Expr | None = None) -> pl.Expr:
    """True where the value of `column` is held by 1 to k - 1 rows of its group."""
    value = pl.col(column) if value is None else value
    size = pl.len().over([*by, value]) if by else pl.len().over(value)
    return value.is_not_null() & (size < k)


def recode_rare(frame: pl.DataFrame, column: str, k: int, by: Sequence[str] = ()) -> pl.DataFrame:
    """Within each group of `by`, a value of `column` held by fewer than k rows becomes OTHER;
    if OTHER is then held by fewer than k rows of the group, those become missing."""
    by = list(by)
    pooled = frame.with_columns(
        pl.when(_rare_within(column, by, k))
        .then(pl.lit(OTHER))
        .otherwise(pl.col(column).cast(pl.String))
        .alias(column)
    )
    return pooled.with_columns(
        pl.when(_rare_within(column, by, k)).then(None).otherwise(pl.col(column)).alias(column)
    )


def drop_rare(frame: pl.DataFrame, column: str, k: int, by: Sequence[str] = ()) -> pl.DataFrame:
    """Within each group of `by`, a value of `column` held by fewer than k rows becomes missing."""
    return frame.with_columns(
        pl.when(_rare_within(column, list(by), k))
        .then(None)
        .otherwise(pl.col(column))
        .alias(column)
    )


def drop_rare_ticks(
    frame: pl.DataFrame, column: str, k: int, by: Sequence[str] = ()
) -> pl.DataFrame:
    """A 0/1 column becomes missing in a group where the 1s or the 0s number 1 to k - 1: the
    few who ticked, or the few who did not, would otherwise be singled out."""
    by = list(by)
    ones = (pl.col(column) == 1).sum()
    zeros = (pl.col(column) == 0).sum()
    if by:
        ones, zeros = ones.over(by), zeros.over(by)
    small = ((ones > 0) & (ones < k)) | ((zeros > 0) & (zeros < k))
    return frame.with_columns(pl.when(small).then(None).otherwise(pl.col(column)).alias(column))


def k_anonymise(
    frame: pl.DataFrame, quasi: Sequence[str], k: int, by: Sequence[str] = ()
) -> pl.DataFrame:
    """Local suppression until every combination of the `quasi` columns (with the `by`
    columns, kept as they are) is shared by at least k rows, a missing value counting as a
    value of its own. Greedy: among the rows still in too small a combination, the column
    with the most distinct values is blanked first. A row whose profile is entirely blanked
    says nothing about who it is, and is accepted."""
    quasi = [c for c in quasi if c in frame.columns]
    if not quasi:
        return frame
    keys = [*by, *quasi]
    remaining = list(quasi)
    while remaining:
        exposed = (pl.len().over(keys) < k) & pl.any_horizontal(
            [pl.col(c).is_not_null() for c in quasi]
        )
        mask = frame.select(exposed.alias("x"))["x"]
        if not mask.any():
            break
        at_risk = frame.filter(mask)
        column = max(remaining, key=lambda c: (at_risk[c].n_unique(), -remaining.index(c)))
        remaining.remove(column)
        frame = frame.with_columns(
            pl.when(pl.lit(mask)).then(None).otherwise(pl.col(column)).alias(column)
        )
    return frame


def anonymise(
    frame: pl.DataFrame,
    kinds: dict[str, str],
    k: int = DEFAULT_K,
    *,
    by: Sequence[str] = (),
    quasi: Iterable[str] = (),
) -> pl.DataFrame:
    """Answer-level data made fit to publish: `kinds` says what each column is (see KINDS;
    columns not in it, other than `by`, are dropped); rules applied within each group of
    `by` (the wave). See the module's docstring for what it guarantees."""
    k = max(k, 1)
    by = [c for c in by if c in frame.columns]
    unknown = set(kinds.values()) - KINDS
    if unknown:
        raise ValueError(f"unknown column kinds: {sorted(unknown)}")
    kept = [c for c in frame.columns if c in by or (c in kinds and kinds[c] != TEXT)]
    frame = frame.select(kept)
    coarsened = []
    for column, kind in kinds.items():
        if column not in frame.columns:
            continue
        if kind == AGE:
            coarsened.append(age_bands(pl.col(column)).alias(column))
        elif kind == DATE:
            coarsened.append(months(pl.col(column)).alias(column))
        elif kind == CATEGORY:
            coarsened.append(pl.col(column).cast(pl.String))
    if coarsened:
        frame = frame.with_columns(coarsened)
    frame = k_anonymise(frame, [c for c in quasi if c in frame.columns], k, by)
    for column in frame.columns:
        kind = kinds.get(column)
        if kind in (CATEGORY, AGE, DATE):
            frame = recode_rare(frame, column, k, by)
        elif kind == NUMBER:
            frame = drop_rare(frame, column, k, by)
        elif kind == TICK:
            frame = drop_rare_ticks(frame, column, k, by)
    return frame


def smallest_cell(frame: pl.DataFrame, column: str, by: Sequence[str] = ()) -> int | None:
    """The smallest number of rows sharing a (non-missing) value of `column` within a group
    of `by`: what a check of a public file reads. None when the column is empty."""
    counts = (
        frame.filter(pl.col(column).is_not_null()).group_by([*by, column]).len().get_column("len")
    )
    return int(counts.min()) if counts.len() else None
