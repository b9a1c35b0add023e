"""Every question of a questionnaire summarised, overall and by each profile breakdown,
weighted or not: what the per-question charts and their breakdown selector read."""

import polars as pl

from civiclab.analysis import snapshots
from civiclab.analysis.participants import VARIABLES, margins_of, reference_population, wave_weights
from civiclab.analysis.texts import question_texts
from civiclab.collection.frames import question_types
from civiclab.collection.models import Campaign, Response
from civiclab.collection.pages import in_language
from civiclab.stats.questions import choice_by, multiple_choice_by, numbers_by
from civiclab.surveys.models import Question, Questionnaire

T = Question.Type
SHARES = {T.SINGLE_CHOICE, T.SCALE, T.YES_NO}
TICKS = {T.MULTIPLE_CHOICE}
NUMBERS = {T.INTEGER, T.DECIMAL}
WEIGHT = "_weight"


def waves_of(questionnaire: Questionnaire | None) -> list[str]:
    """The waves that have answers, in the order of time."""
    if questionnaire is None:
        return []
    found = set(
        Response.objects.filter(campaign__questionnaire=questionnaire)
        .values_list("campaign__wave", flat=True)
        .distinct()
    )
    return [wave for wave, _label in Campaign.Wave.choices if wave in found]


def questions_key(questionnaire_id: int, wave: str, weighted: bool) -> str:
    return f"questions:{questionnaire_id}:{wave}:{'weighted' if weighted else 'plain'}"


def _caveats(items) -> list[dict]:
    return [{"code": c.code, **dict(c.params)} for c in items]


def _shares_json(groups) -> list[dict]:
    return [
        {
            "group": g.group,
            "n": g.n,
            "n_eff": g.n_eff,
            "shares": [[s.option, s.count, s.share, s.low, s.high] for s in g.shares],
            "caveats": _caveats(g.caveats),
        }
        for g in groups
    ]


def _numbers_json(groups) -> list[dict]:
    return [
        {
            "group": g.group,
            "n": g.n,
            "mean": g.mean,
            "low": g.low,
            "high": g.high,
            "median": g.median,
            "caveats": _caveats(g.caveats),
        }
        for g in groups
    ]


def summarise(
    frame: pl.DataFrame,
    questions: list[tuple[str, str, list[str]]],
    breakdowns: list[str],
    weights: str | None,
) -> dict:
    """(code, type, choice values) of each question -> its summaries, overall ("") and by
    each breakdown. Pure Polars work: the benchmark calls it on an in-memory frame too."""
    results = {}
    for code, type_, options in questions:
        if code not in frame.columns:
            continue
        by_breakdown = {}
        for breakdown in ["", *[b for b in breakdowns if b != code and b in frame.columns]]:
            by = breakdown or None
            if type_ in SHARES:
                by_breakdown[breakdown] = _shares_json(choice_by(frame, code, options, by, weights))
            elif type_ in TICKS:
                by_breakdown[breakdown] = _shares_json(
                    multiple_choice_by(frame, code, options, by, weights)
                )
            elif type_ in NUMBERS:
                by_breakdown[breakdown] = _numbers_json(numbers_by(frame, code, by, weights))
        if by_breakdown:
            results[code] = {"type": type_, "by": by_breakdown}
    return results


def question_list(questionnaire: Questionnaire) -> list[tuple[str, str, list[str]]]:
    """(code, type, choice values) of the questions that can be summarised, current version."""
    types = question_types(questionnaire)
    version = questionnaire.current_version()
    rows = (
        Question.objects.filter(version=version, is_personal_data=False)
        .select_related("choice_list")
        .prefetch_related("choice_list__choices")
        .order_by("position")
    )
    listed = []
    for question in rows:
        if types.get(question.code) not in SHARES | TICKS | NUMBERS:
            continue
        choices = question.choice_list.choices.all() if question.choice_list else []
        listed.append((question.code, types[question.code], [c.value for c in choices]))
    return listed


def questions_data(questionnaire: Questionnaire, wave: str, weighted: bool) -> dict:
    """Every question of `questionnaire` at `wave`, overall and by profile breakdowns."""
    frame = snapshots.answers(questionnaire).filter(pl.col("wave") == wave)
    margins = margins_of(reference_population(questionnaire.experiment)) if weighted else {}
    weights = None
    if margins and frame.height:
        column, _results = wave_weights(frame, margins)
        frame = frame.with_columns(column.alias(WEIGHT))
        weights = WEIGHT
    breakdowns = [v for v in VARIABLES if v in frame.columns]
    return {
        "n": frame.height,
        "weighted": weights is not None,
        "breakdowns": breakdowns,
        "questions": summarise(frame, question_list(questionnaire), breakdowns, weights),
    }


def question_labels(questionnaire: Questionnaire) -> dict[str, dict]:
    """Labels of the questions and their choices in the reader's language (current version)."""
    return {
        code: {
            "label": in_language(*text["label"]) or code,
            "choices": {
                value: in_language(*pair) or value for value, pair in text["choices"].items()
            },
        }
        for code, text in question_texts(questionnaire).items()
    }
