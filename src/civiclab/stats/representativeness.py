"""How the sample's profile compares with the population's, and population margins from CSV.

The representation ratio of a category is its share in the sample divided by its share in
the population: 1 means represented as in the population, 2 twice as present, 0.5 half as
present. The dissimilarity index D = ½ Σ |sample share − population share| is the share of
the sample that would have to change category to look like the population (0: the same
distribution, 1: no category in common).
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from civiclab.stats.caveats import Caveat, Code, caveat


@dataclass(frozen=True)
class CategoryProfile:
    """One category: in the sample (count, share) and in the population (share).

    ``sample_share`` is weighted when weights were given and None when nobody answered;
    ``population_share`` is None for a category the population table lacks;
    ``representation_ratio`` is None when either share is unknown or the population share
    is 0.
    """

    category: str
    sample_count: int
    sample_share: float | None
    population_share: float | None
    representation_ratio: float | None


@dataclass(frozen=True)
class Representativeness:
    """The profile of one variable against the population, category by category.

    ``n`` counts the respondents with an answer (``missing`` those without, left out of
    every share); ``dissimilarity`` is None when nobody answered. Categories come in the
    population table's order, then the sample's extra categories in alphabetical order.
    """

    categories: tuple[CategoryProfile, ...]
    dissimilarity: float | None
    n: int
    missing: int
    weighted: bool
    caveats: tuple[Caveat, ...]


def profile_vs_population(
    sample: pl.Series,
    population: Mapping[str, float],
    weights: pl.Series | None = None,
) -> Representativeness:
    """Compare the answers in ``sample`` with ``population`` (shares or counts per category).

    With ``weights`` (aligned with ``sample``; a null weight counts as 0) the sample shares
    are weighted, the counts stay the respondents'. A category the population table lacks
    counts as a population share of 0 in D (the table is taken as covering everybody).
    """
    if weights is not None and weights.len() != sample.len():
        raise ValueError("weights must be aligned with the sample")
    if not all(_is_share(v) for v in population.values()) or sum(population.values()) <= 0:
        raise ValueError("population shares must be non-negative numbers, not all 0")
    w = pl.Series([1.0] * sample.len()) if weights is None else weights.cast(pl.Float64)
    frame = pl.DataFrame({"category": sample.cast(pl.String), "w": w.fill_null(0.0)})
    answered = frame.drop_nulls("category")
    stats = answered.group_by("category").agg(pl.len(), pl.col("w").sum())
    counts = {cat: (count, weight) for cat, count, weight in stats.iter_rows()}
    total_w = sum(weight for _, weight in counts.values())
    pop = {str(k): float(v) for k, v in population.items()}
    pop_total = sum(pop.values())

    rows = []
    for cat in [*pop, *sorted(c for c in counts if c not in pop)]:
        count, weight = counts.get(cat, (0, 0.0))
        share = weight / total_w if total_w > 0 else None
        pop_share = pop[cat] / pop_total if cat in pop else None
        rows.append(CategoryProfile(cat, count, share, pop_share, _ratio(share, pop_share)))
    return Representativeness(
        categories=tuple(rows),
        dissimilarity=_dissimilarity(rows) if total_w > 0 else None,
        n=answered.height,
        missing=frame.height - answered.height,
        weighted=weights is not None,
        caveats=_caveats(rows, answered.height, total_w),
    )


def _is_share(value: object) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _ratio(share: float | None, pop_share: float | None) -> float | None:
    if share is None or not pop_share:
        return None
    return share / pop_share


def _dissimilarity(rows: list[CategoryProfile]) -> float:
    return 0.5 * sum(abs((r.sample_share or 0.0) - (r.population_share or 0.0)) for r in rows)


def _caveats(rows: list[CategoryProfile], n: int, total_w: float) -> tuple[Caveat, ...]:
    if n == 0 or total_w <= 0:
        return (caveat(Code.NO_ANSWERS),)
    out = []
    for r in rows:
        if r.population_share is None:
            out.append(caveat(Code.UNKNOWN_CATEGORY, category=r.category, n=r.sample_count))
        elif r.sample_count == 0 and r.population_share > 0:
            out.append(
                caveat(
                    Code.UNREACHABLE_CATEGORY,
                    category=r.category,
                    population_share=r.population_share,
                )
            )
    return tuple(out)


# --- Population margins from a CSV file ------------------------------------------------------

_VARIABLE = ("variable",)
_CATEGORY = ("categorie", "category", "modalite")
_VALUE = ("effectif", "part", "count", "share")
# Spaces Excel and INSEE put between thousands: plain, no-break, narrow no-break.
_THOUSANDS = str.maketrans("", "", " \u00a0\u202f")


class MarginsError(ValueError):
    """A population-margins file that cannot be read: what is wrong, on which line.

    ``code`` is one of bad_header, bad_row, empty_value, bad_number, negative, duplicate,
    empty_margin, empty_file; the Django layer words each one in the reader's language.
    ``line`` is 1-based, as a spreadsheet numbers rows.
    """

    def __init__(self, message: str, line: int, code: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line
        self.code = code


def population_from_csv(text: str) -> dict[str, dict[str, float]]:
    """Read ``variable;categorie;effectif`` (or ``part``) rows into shares per variable.

    French Excel habits are accepted: ``;`` separator (``,`` or tab also work), decimal
    comma, spaces between thousands, a byte-order mark, a trailing ``%``, blank lines. Each
    variable's values are normalised to shares summing to 1. Raises ``MarginsError``.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = next((row for row in reader if any(c.strip() for c in row)), None)
    if header is None:
        raise MarginsError("the file is empty", 1, "empty_file")
    columns = _columns(header, reader.line_num)
    values: dict[str, dict[str, float]] = {}
    first_line: dict[str, int] = {}
    for row in reader:
        if not any(c.strip() for c in row):
            continue
        line = reader.line_num
        variable, category, value = _cells(row, columns, len(header), line)
        if category in values.setdefault(variable, {}):
            raise MarginsError(f"{variable} / {category} appears twice", line, "duplicate")
        values[variable][category] = value
        first_line.setdefault(variable, line)
    if not values:
        raise MarginsError("the file has a header but no margin", reader.line_num, "empty_file")
    return {var: _shares(var, cats, first_line[var]) for var, cats in values.items()}


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return next((d for d in (";", "\t") if d in first), ",")


def _plain(name: str) -> str:
    """Header text without case, accents or surrounding spaces: "Catégorie " → "categorie"."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _columns(header: list[str], line: int) -> tuple[int, int, int]:
    names = [_plain(h) for h in header]
    found = []
    for accepted in (_VARIABLE, _CATEGORY, _VALUE):
        positions = [i for i, name in enumerate(names) if name in accepted]
        if len(positions) != 1:
            wanted = " or ".join(accepted)
            raise MarginsError(f"the header needs exactly one column {wanted}", line, "bad_header")
        found.append(positions[0])
    unknown = [h for i, h in enumerate(header) if i not in found and h.strip()]
    if unknown:
        raise MarginsError(f"unknown column {unknown[0]!r}", line, "bad_header")
    return found[0], found[1], found[2]


def _cells(
    row: list[str], columns: tuple[int, int, int], width: int, line: int
) -> tuple[str, str, float]:
    if any(c.strip() for c in row[width:]):
        raise MarginsError("the row has more values than the header", line, "bad_row")
    row = row + [""] * (width - len(row))
    variable, category, raw = (row[i].strip() for i in columns)
    if not variable or not category or not raw:
        raise MarginsError("a value is empty", line, "empty_value")
    return variable, category, _number(raw, line)


def _number(raw: str, line: int) -> float:
    cleaned = raw.translate(_THOUSANDS).removesuffix("%").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise MarginsError(f"{raw!r} is not a number", line, "bad_number") from None
    if not math.isfinite(value):
        raise MarginsError(f"{raw!r} is not a number", line, "bad_number")
    if value < 0:
        raise MarginsError(f"{raw!r} is negative", line, "negative")
    return value


def _shares(variable: str, values: dict[str, float], line: int) -> dict[str, float]:
    total = sum(values.values())
    if total <= 0:
        raise MarginsError(f"the values of {variable} sum to 0", line, "empty_margin")
    return {category: value / total for category, value in values.items()}
