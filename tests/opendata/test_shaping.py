"""Variable names valid in SPSS and Stata, numeric codes for value labels, formula-safe text
(civiclab.opendata.shaping and writers, pure)."""

import re

import polars as pl

from civiclab.opendata import shaping, writers
from civiclab.opendata.shaping import QuestionInfo, safe_name


def test_names_are_valid_for_spss_and_stata_and_unique():
    taken: set[str] = set()
    names = [
        safe_name(wanted, taken)
        for wanted in [
            "Âge",
            "âge",
            "1ere_visite",
            "_cache",
            "in",
            "str12",
            "satisfaction.globale-2026",
            "x" * 40,
            "x" * 40,
        ]
    ]
    assert names[:7] == [
        "age",
        "age_2",
        "v_1ere_visite",
        "cache",
        "in_",
        "str12_",
        "satisfaction_globale_2026",
    ]
    assert len(names[7]) == 32 and len(names[8]) == 32 and names[7] != names[8]
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,31}", name)
    assert len(set(names)) == len(names)


def test_whole_number_choices_keep_their_numbers_others_are_numbered():
    scale = QuestionInfo("q", "scale", "Q", tuple((str(v), f"L{v}") for v in range(1, 6)))
    yes_no = QuestionInfo("r", "yes_no", "R", (("oui", "Oui"), ("non", "Non")))
    variables = shaping.question_variables([scale, yes_no], set())
    assert variables[0].codes == {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
    assert variables[1].codes == {"oui": 1, "non": 2}
    assert variables[1].value_labels == {1: "Oui", 2: "Non"}


def test_an_unexpected_value_gets_a_code_rather_than_being_lost():
    question = QuestionInfo("r", "yes_no", "R", (("oui", "Oui"), ("non", "Non")))
    variables = shaping.question_variables([question], set())
    table = pl.DataFrame({"r": ["oui", "nsp", None, "non"]})
    coded = shaping.coded(table, variables)
    assert coded["r"].to_list() == [1, 900, None, 2]
    assert variables[0].value_labels[900] == "nsp"


def test_formula_safe_quotes_formulas_but_not_numbers_written_as_text():
    table = pl.DataFrame(
        {
            "text": ["=SUM(A1)", "+33 6", "-1", "@x", "ok", None, "-2,5"],
            "list": pl.Series(["=x", "a", "a", "a", "a", "a", "a"], dtype=pl.Categorical),
        }
    )
    safe = writers.formula_safe(table)
    assert safe["text"].to_list() == ["'=SUM(A1)", "'+33 6", "-1", "'@x", "ok", None, "-2,5"]
    assert safe["list"].to_list()[0] == "'=x"
    assert writers.formula_safe(table, only=[])["text"][0] == "=SUM(A1)"
