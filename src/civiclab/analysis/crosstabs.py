"""Two questions crossed: counts, shares by row, and whether the answers are linked (chi-square
or Fisher's exact test, Cramér's V), computed in the background like every result."""

import polars as pl

from civiclab.analysis import snapshots
from civiclab.analysis.participants import margins_of, reference_population, wave_weights
from civiclab.analysis.questions import question_list
from civiclab.stats.crosstab import crosstab
from civiclab.surveys.models import Question, Questionnaire

T = Question.Type
CROSSABLE = {T.SINGLE_CHOICE, T.SCALE, T.YES_NO}
WEIGHT = "_weight"


def crosstab_key(questionnaire_id: int, wave: str, rows: str, columns: str, weighted: bool) -> str:
    weighting = "weighted" if weighted else "plain"
    return f"crosstab:{questionnaire_id}:{wave}:{rows}:{columns}:{weighting}"


def crossable(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """Code -> choice values of the questions that put each respondent in one category."""
    return {
        code: options for code, type_, options in question_list(questionnaire) if type_ in CROSSABLE
    }


def crosstab_data(
    questionnaire: Questionnaire, wave: str, rows: str, columns: str, weighted: bool
) -> dict:
    options = crossable(questionnaire)
    if rows not in options or columns not in options or rows == columns:
        return {"error": "not_crossable"}
    frame = snapshots.answers(questionnaire).filter(pl.col("wave") == wave)
    weights = None
    margins = margins_of(reference_population(questionnaire.experiment)) if weighted else {}
    if margins and frame.height:
        weights, _results = wave_weights(frame, margins)
    table = crosstab(frame[rows], frame[columns], options[rows], options[columns], weights)
    return {
        "rows": list(table.row_options),
        "columns": list(table.column_options),
        "counts": [list(r) for r in table.counts],
        "row_shares": [list(r) for r in table.row_shares],
        "n": table.n,
        "n_missing": table.n_missing,
        "weighted": table.weighted,
        "test": table.test,
        "p_value": table.p_value,
        "p_value_method": table.p_value_method,
        "cramers_v": table.cramers_v,
        "caveats": [{"code": c.code, **dict(c.params)} for c in table.caveats],
    }
