"""Small-cell suppression and anonymisation (civiclab.stats.disclosure), on hand-made tables."""

import datetime
import itertools

import polars as pl
import pytest

from civiclab.stats import disclosure
from civiclab.stats.disclosure import OTHER, recomputable, suppress_table


def published(counts, result):
    """What a reader sees: inner cells, row totals, column totals, grand total (None = hidden)."""
    rows = [
        [None if hide else value for value, hide in zip(row, mask, strict=True)]
        for row, mask in zip(counts, result.cells, strict=True)
    ]
    totals = [sum(row) for row in counts]
    return rows, [None if h else t for t, h in zip(totals, result.row_totals, strict=True)]


def brute_force_values(counts, result, limit=12):
    """Every table of non-negative integers (cells up to `limit`) agreeing with what is
    published: for each hidden inner cell, the set of values it can take."""
    columns = len(counts[0])
    hidden = [(i, j) for i in range(len(counts)) for j in range(columns) if result.cells[i][j]]
    row_sums = [sum(r) for r in counts]
    column_sums = [sum(c) for c in zip(*counts, strict=True)]
    possible = {p: set() for p in hidden}
    for values in itertools.product(range(limit + 1), repeat=len(hidden)):
        table = [list(r) for r in counts]
        for (i, j), v in zip(hidden, values, strict=True):
            table[i][j] = v
        sums = [sum(r) for r in table]
        if any(not result.row_totals[i] and sums[i] != row_sums[i] for i in range(len(table))):
            continue
        sums = [sum(c) for c in zip(*table, strict=True)]
        if any(not result.column_totals[j] and sums[j] != column_sums[j] for j in range(columns)):
            continue
        if not result.grand_total and sum(sums) != sum(column_sums):
            continue
        for p, v in zip(hidden, values, strict=True):
            possible[p].add(v)
    return possible


def test_a_table_without_small_cells_is_published_whole():
    """Every cell at k or more, or zero: nothing is hidden."""
    result = suppress_table([[10, 0], [7, 25]], k=5)
    assert result.hidden == 0
    assert result.cells == ((False, False), (False, False))


def test_a_small_cell_is_hidden_with_a_complement_in_its_row_and_column():
    """A 2 hides itself (primary), and the totals would give it back: one more cell in its
    row and one in its column are hidden, then a fourth closes the rectangle."""
    counts = [[2, 6, 7], [6, 8, 9], [7, 9, 30]]
    result = suppress_table(counts, k=5)
    assert result.cells[0][0], "the small cell is hidden"
    assert result.primary == 1
    assert sum(result.cells[0]) >= 2, "another cell of its row is hidden"
    assert sum(row[0] for row in result.cells) >= 2, "another cell of its column is hidden"
    assert not any(result.row_totals) and not any(result.column_totals), "totals stay published"
    assert recomputable(counts, result) == []
    # Brute force: the hidden 2 can take several values given what is published.
    possible = brute_force_values(counts, result, limit=10)
    assert {0, 1, 2, 3} <= possible[(0, 0)]


def test_without_secondary_suppression_the_cell_would_be_recomputed():
    """The audit itself: hiding only the small cell leaves it computable from its row total."""
    counts = [[2, 30], [20, 25]]
    only_primary = disclosure.SuppressedTable(
        cells=((True, False), (False, False)),
        row_totals=(False, False),
        column_totals=(False, False),
        grand_total=False,
        primary=1,
        secondary=0,
    )
    assert (0, 0) in recomputable(counts, only_primary)
    assert recomputable(counts, suppress_table(counts, k=5)) == []


def test_a_small_total_is_hidden_too_and_cannot_be_recomputed_from_the_grand_total():
    """A wave with 3 respondents: its column total is small, so hidden, and so is everything
    that would give it back (another column total, or the grand total)."""
    counts = [[2, 40, 35], [1, 30, 33]]  # column 0 sums to 3
    result = suppress_table(counts, k=5)
    assert result.column_totals[0]
    assert result.cells[0][0] and result.cells[1][0]
    assert recomputable(counts, result) == []


def test_a_bridge_between_two_protected_rectangles_is_found_by_the_audit():
    """Two pairs of small cells far apart each protect each other in their lines; the audit
    checks every hidden figure against all equations at once, not line by line."""
    counts = [
        [1, 2, 9, 9, 9],
        [3, 4, 9, 9, 9],
        [9, 9, 9, 9, 9],
        [9, 9, 9, 1, 2],
        [9, 9, 9, 3, 4],
    ]
    result = suppress_table(counts, k=5)
    assert recomputable(counts, result) == []
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (3, 3), (3, 4), (4, 3), (4, 4)]:
        assert result.cells[i][j]


def test_rows_without_a_column_relation_multiple_choice():
    """Ticks of a multiple choice per wave do not add up down a column: only the rows (an
    option across waves, with its total) are lines. A cell whose complement is small is
    hidden on request (`also_hide`)."""
    counts = [[3, 20], [12, 14]]
    result = suppress_table(
        counts, k=5, column_totals=False, also_hide=[[False, False], [True, False]]
    )
    assert result.cells[0][0] and result.cells[1][0]
    assert result.cells[0][1] or result.row_totals[0]
    assert result.column_totals == ()
    assert recomputable(counts, result, column_totals=False) == []


def test_a_one_column_table_hides_its_total_with_the_cell():
    """One wave only: a row total equals the cell, so both go."""
    result = suppress_table([[3], [40]], k=5)
    assert result.cells[0][0] and result.row_totals[0]


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        suppress_table([[1]], k=0)


# --- answer-level data ---------------------------------------------------------------------


def test_ages_become_bands_and_dates_months():
    frame = pl.DataFrame(
        {"age": [14, 15, 24, 25, 49, 64, 65, 90, None]},
        schema={"age": pl.Float64},
    )
    bands = frame.select(disclosure.age_bands(pl.col("age")).alias("age"))["age"].to_list()
    assert bands == [
        "moins_15",
        "15_24",
        "15_24",
        "25_34",
        "35_49",
        "50_64",
        "65_plus",
        "65_plus",
        None,
    ]
    dates = pl.DataFrame({"d": [datetime.date(2026, 3, 12), None]})
    assert dates.select(disclosure.months(pl.col("d")))["d"].to_list() == ["2026-03", None]


def test_rare_categories_are_pooled_then_dropped_within_each_wave():
    """Before: 2 "c" and 2 "d" pool into 4 "autre / supprimé" — still under 5, so missing.
    After: 3 "c" and 3 "d" pool into 6 "autre / supprimé", which stays."""
    before = ["a"] * 6 + ["c"] * 2 + ["d"] * 2
    after = ["a"] * 7 + ["c"] * 3 + ["d"] * 3
    frame = pl.DataFrame(
        {"wave": ["before"] * len(before) + ["after"] * len(after), "q": before + after}
    )
    result = disclosure.recode_rare(frame, "q", 5, by=["wave"])
    counts = dict(
        result.drop_nulls()
        .group_by("wave", "q")
        .len()
        .select(pl.concat_str("wave", "q"), "len")
        .iter_rows()
    )
    assert counts == {"beforea": 6, "aftera": 7, f"after{OTHER}": 6}
    assert result.filter(pl.col("wave") == "before")["q"].null_count() == 4


def test_rare_ticks_and_numbers_become_missing():
    frame = pl.DataFrame(
        {
            "wave": ["w"] * 10,
            "tick_rare": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],  # 2 ticked: hidden
            "tick_complement": [1] * 8 + [0, 0],  # 2 did not tick: hidden too
            "tick_fine": [1] * 5 + [0] * 5,
            "number": [3, 3, 3, 3, 3, 7, 8, 8, 8, 8],
        }
    )
    result = disclosure.drop_rare_ticks(frame, "tick_rare", 5, by=["wave"])
    result = disclosure.drop_rare_ticks(result, "tick_complement", 5, by=["wave"])
    result = disclosure.drop_rare_ticks(result, "tick_fine", 5, by=["wave"])
    result = disclosure.drop_rare(result, "number", 5, by=["wave"])
    assert result["tick_rare"].null_count() == 10
    assert result["tick_complement"].null_count() == 10
    assert result["tick_fine"].null_count() == 0
    assert result["number"].to_list() == [3, 3, 3, 3, 3, None, None, None, None, None]


def test_k_anonymity_blanks_the_most_varied_profile_column_first():
    """Eight women aged 25-34 are a group of their own; two men of different ages are not:
    their age (the most varied column among them) is blanked, then they share a profile."""
    frame = pl.DataFrame(
        {
            "wave": ["w"] * 10,
            "sexe": ["femme"] * 8 + ["homme"] * 2,
            "age": ["25_34"] * 8 + ["35_49", "50_64"],
        }
    )
    result = disclosure.k_anonymise(frame, ["sexe", "age"], 2, by=["wave"])
    assert result["age"].to_list() == ["25_34"] * 8 + [None, None]
    assert result["sexe"].to_list() == frame["sexe"].to_list()
    sizes = result.group_by("wave", "sexe", "age").len()["len"]
    assert sizes.min() >= 2


def test_anonymise_leaves_no_small_cell_and_drops_free_text():
    rows = 40
    frame = pl.DataFrame(
        {
            "wave": ["before"] * 20 + ["after"] * 20,
            "sexe": (["femme", "homme"] * 20),
            "age": [20 + (i % 50) for i in range(rows)],
            "quartier": ["centre"] * 30 + ["wazemmes"] * 7 + ["rare"] * 3,
            "tick": [1, 0] * 20,
            "quand": [datetime.date(2026, 1 + (i % 3), 1 + i % 20) for i in range(rows)],
            "commentaire": ["un avis"] * rows,
        }
    )
    kinds = {
        "sexe": disclosure.CATEGORY,
        "age": disclosure.AGE,
        "quartier": disclosure.CATEGORY,
        "tick": disclosure.TICK,
        "quand": disclosure.DATE,
        "commentaire": disclosure.TEXT,
    }
    result = disclosure.anonymise(frame, kinds, 5, by=["wave"], quasi=["sexe", "age", "quartier"])
    assert "commentaire" not in result.columns
    for column in ["sexe", "age", "quartier", "tick", "quand"]:
        smallest = disclosure.smallest_cell(result, column, by=["wave"])
        assert smallest is None or smallest >= 5, column
    profiles = result.group_by("wave", "sexe", "age", "quartier").len()
    assert (
        profiles["len"].min() >= 5
        or profiles.filter(pl.col("len") < 5)
        .select(pl.col("sexe").is_null() & pl.col("age").is_null() & pl.col("quartier").is_null())
        .to_series()
        .all()
    )
    assert "rare" not in result["quartier"].to_list()
