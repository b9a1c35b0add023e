"""Representation ratios, the dissimilarity index and the population-margins CSV reader,
checked against values computed by hand."""

import polars as pl
import pytest

from civiclab.stats.representativeness import (
    MarginsError,
    population_from_csv,
    profile_vs_population,
)


def by_category(result):
    return {c.category: c for c in result.categories}


def test_ratios_and_dissimilarity_by_hand():
    """Sample 6 femmes, 2 hommes (75 %, 25 %) against 52 %, 48 %: ratios 75/52 and 25/48;
    D = ½ (|0.75 − 0.52| + |0.25 − 0.48|) = 0.23."""
    sample = pl.Series(["femme"] * 6 + ["homme"] * 2)
    result = profile_vs_population(sample, {"femme": 52, "homme": 48})
    rows = by_category(result)
    assert rows["femme"].sample_count == 6
    assert rows["femme"].sample_share == pytest.approx(0.75)
    assert rows["femme"].population_share == pytest.approx(0.52)
    assert rows["femme"].representation_ratio == pytest.approx(0.75 / 0.52)
    assert rows["homme"].representation_ratio == pytest.approx(0.25 / 0.48)
    assert result.dissimilarity == pytest.approx(0.23)
    assert result.n == 8
    assert result.caveats == ()


def test_three_categories_by_hand():
    """Ages 2/10, 3/10, 5/10 against 30 %, 40 %, 30 %: ratios 2/3, 3/4, 5/3;
    D = ½ (0.1 + 0.1 + 0.2) = 0.2."""
    sample = pl.Series(["18-34"] * 2 + ["35-59"] * 3 + ["60+"] * 5)
    result = profile_vs_population(sample, {"18-34": 0.3, "35-59": 0.4, "60+": 0.3})
    ratios = [c.representation_ratio for c in result.categories]
    assert ratios == pytest.approx([2 / 3, 3 / 4, 5 / 3])
    assert result.dissimilarity == pytest.approx(0.2)


def test_weighted_shares():
    """Weights 1, 1, 1, 3 turn 3 femmes / 1 homme into 50/50: ratios 1, D = 0; counts stay
    the respondents'."""
    sample = pl.Series(["femme", "femme", "femme", "homme"])
    result = profile_vs_population(sample, {"femme": 0.5, "homme": 0.5}, pl.Series([1, 1, 1, 3]))
    rows = by_category(result)
    assert rows["femme"].sample_share == pytest.approx(0.5)
    assert rows["femme"].sample_count == 3
    assert rows["homme"].representation_ratio == pytest.approx(1.0)
    assert result.dissimilarity == pytest.approx(0.0)
    assert result.weighted


def test_categories_on_one_side_only():
    """ "autre" is not in the population (share unknown, counted as 0 in D); "nb" has nobody
    in the sample (ratio 0). Sample: femme 2/4, homme 1/4, autre 1/4; population femme 0.5,
    homme 0.4, nb 0.1. D = ½ (0 + 0.15 + 0.1 + 0.25) = 0.25."""
    sample = pl.Series(["femme", "femme", "homme", "autre"])
    result = profile_vs_population(sample, {"femme": 0.5, "homme": 0.4, "nb": 0.1})
    rows = by_category(result)
    assert [c.category for c in result.categories] == ["femme", "homme", "nb", "autre"]
    assert rows["nb"].sample_count == 0
    assert rows["nb"].representation_ratio == 0.0
    assert rows["autre"].population_share is None
    assert rows["autre"].representation_ratio is None
    assert result.dissimilarity == pytest.approx(0.25)
    assert [(c.code, c.params["category"]) for c in result.caveats] == [
        ("unreachable_category", "nb"),
        ("unknown_category", "autre"),
    ]


def test_population_share_of_zero_gives_no_ratio():
    """A population share of 0 gives no ratio, not a division by zero."""
    result = profile_vs_population(pl.Series(["a", "b"]), {"a": 1, "b": 0})
    assert by_category(result)["b"].representation_ratio is None
    assert result.dissimilarity == pytest.approx(0.5)


def test_missing_answers_are_left_out():
    """Missing answers count in ``missing``, not in n or the shares."""
    result = profile_vs_population(pl.Series(["a", None, "b", None]), {"a": 1, "b": 1})
    assert result.n == 2
    assert result.missing == 2
    assert by_category(result)["a"].sample_share == pytest.approx(0.5)


def test_empty_sample():
    """Nobody answered: no shares, no D, a no_answers caveat."""
    result = profile_vs_population(pl.Series([None, None], dtype=pl.String), {"a": 1, "b": 1})
    assert result.n == 0
    assert result.dissimilarity is None
    assert all(c.sample_share is None for c in result.categories)
    assert [c.code for c in result.caveats] == ["no_answers"]


def test_numbers_match_text_categories():
    """A column of numbers is compared with categories keyed by text."""
    result = profile_vs_population(pl.Series([1, 2, 2, 2]), {"1": 0.5, "2": 0.5})
    assert by_category(result)["1"].representation_ratio == pytest.approx(0.5)


FRENCH_EXCEL = (
    "\ufeffVariable;Catégorie;Effectif\r\n"
    "sexe;femme;12 345\r\n"
    "sexe;homme;11\u202f655\r\n"
    "\r\n"
    "age;18-34;1\u00a0000,5\r\n"
    "age;35+;3 001,5\r\n"
    ";;\r\n"
)


def test_french_excel_file():
    """BOM, ';', decimal comma, spaces (plain, no-break, narrow no-break) between
    thousands, blank lines: each variable becomes shares.
    sexe: 12345 / 24000 and 11655 / 24000; age: 1000.5 / 4002 and 3001.5 / 4002."""
    margins = population_from_csv(FRENCH_EXCEL)
    assert list(margins) == ["sexe", "age"]
    assert margins["sexe"] == pytest.approx({"femme": 12345 / 24000, "homme": 11655 / 24000})
    assert margins["age"] == pytest.approx({"18-34": 1000.5 / 4002, "35+": 3001.5 / 4002})


def test_shares_in_percent_and_other_separators():
    """A "part" column in percent, with a tab or a comma as separator."""
    expected = {"femme": 0.52, "homme": 0.48}
    tabs = population_from_csv("variable\tpart\tcategorie\nsexe\t52 %\tfemme\nsexe\t48 %\thomme")
    commas = population_from_csv("variable,category,share\nsexe,femme,0.52\nsexe,homme,0.48\n")
    assert tabs["sexe"] == pytest.approx(expected)
    assert commas["sexe"] == pytest.approx(expected)
    blank_first = population_from_csv("\n\nvariable;categorie;part\nsexe;femme;52\nsexe;homme;48")
    assert blank_first["sexe"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("", "empty_file", 1),
        ("\ufeff\n\n", "empty_file", 1),
        ("variable;categorie;effectif\n", "empty_file", 1),
        ("variable;modalité;nombre\nsexe;femme;1\n", "bad_header", 1),
        ("variable;categorie;effectif;part\nsexe;femme;1;1\n", "bad_header", 1),
        ("variable;categorie;effectif;source\nsexe;femme;1;INSEE\n", "bad_header", 1),
        ("variable;categorie;effectif\nsexe;femme;1\nsexe;homme;beaucoup\n", "bad_number", 3),
        ("variable;categorie;effectif\nsexe;femme;1,2,3\n", "bad_number", 2),
        ("variable;categorie;effectif\nsexe;femme;-4\n", "negative", 2),
        ("variable;categorie;effectif\nsexe;femme;\n", "empty_value", 2),
        ("variable;categorie;effectif\nsexe;;3\n", "empty_value", 2),
        ("variable;categorie;effectif\nsexe;femme\n", "empty_value", 2),
        ("variable;categorie;effectif\nsexe;femme;1;2\n", "bad_row", 2),
        ("variable;categorie;effectif\nsexe;femme;1\n\nsexe;femme;2\n", "duplicate", 4),
        (
            "variable;categorie;effectif\nage;jeune;1\nsexe;femme;0\nsexe;homme;0\n",
            "empty_margin",
            3,
        ),
    ],
)
def test_bad_margins_files(text, code, line):
    """Each bad input names its code and the line, numbered from 1 as in a spreadsheet."""
    with pytest.raises(MarginsError) as raised:
        population_from_csv(text)
    assert (raised.value.code, raised.value.line) == (code, line)
    assert f"line {line}" in str(raised.value)
