"""Responses as a Polars frame for the analysis: one row per response, one column per question.

The answers are decoded by Polars from their JSON text in one vectorised pass (a million
responses take seconds, not minutes); personal data are stored apart and never reach it."""

import polars as pl
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from civiclab.collection.models import Response
from civiclab.surveys.models import Question, Questionnaire

T = Question.Type
LIST = pl.List(pl.String)
# How each question type is stored in Response.answers (collection/validation.py), as Polars.
DTYPES = {
    T.SINGLE_CHOICE: pl.String,
    T.SCALE: pl.String,
    T.YES_NO: pl.String,
    T.MULTIPLE_CHOICE: LIST,
    T.RANKING: LIST,
    T.INTEGER: pl.Float64,
    T.DECIMAL: pl.Float64,
    T.SHORT_TEXT: pl.String,
    T.LONG_TEXT: pl.String,
    T.DATE: pl.String,  # ISO text, turned into dates after decoding
    T.CALCULATE: pl.String,  # a calculation may give a number or a text
}
# Columns that describe the response rather than answer a question.
META = {
    "response_id": pl.Int64,
    "campaign_id": pl.Int64,
    "wave": pl.String,
    "respondent_id": pl.Int64,
    "channel": pl.String,
    "submitted_at": pl.Datetime("us", "UTC"),
}
BATCH = 20_000


def question_types(questionnaire: Questionnaire) -> dict[str, str]:
    """Question code -> type over every version, the latest version's type winning; a code
    whose storage changed between versions (a number become a text) is read as text.
    Personal data (a name, an e-mail) are stored apart and are no column at all."""
    rows = (
        Question.objects.filter(version__questionnaire=questionnaire, is_personal_data=False)
        .exclude(type=T.NOTE)
        .order_by("version__number", "position")
        .values_list("code", "type")
    )
    types: dict[str, str] = {}
    for code, type_ in rows:
        if code in types and DTYPES[types[code]] != DTYPES[type_]:
            type_ = T.SHORT_TEXT
        types[code] = type_
    return types


def answers_frame(responses: QuerySet[Response], types: dict[str, str]) -> pl.DataFrame:
    """The responses as a frame: the META columns, then one column per code of `types`
    (None where a question was not answered or not shown)."""
    rows = responses.annotate(raw=Cast("answers", TextField())).values_list(
        "pk", "campaign_id", "campaign__wave", "respondent_id", "channel", "submitted_at", "raw"
    )
    columns: list[list] = [[] for _ in range(len(META) + 1)]
    for row in rows.order_by("pk").iterator(chunk_size=BATCH):
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    frame = pl.DataFrame(
        dict(zip(META, columns[:-1], strict=True)), schema=META, orient="col", strict=False
    )
    schema = pl.Struct({code: DTYPES[type_] for code, type_ in types.items()})
    raw = pl.Series("answers", columns[-1], dtype=pl.String)
    answers = raw.str.json_decode(dtype=schema).struct.unnest() if types else pl.DataFrame()
    dates = [code for code, type_ in types.items() if type_ == T.DATE]
    if dates:
        answers = answers.with_columns(pl.col(dates).str.to_date(strict=False))
    return pl.concat([frame, answers], how="horizontal") if types else frame


def questionnaire_frame(questionnaire: Questionnaire, **filters) -> pl.DataFrame:
    """Every response to `questionnaire` (narrowed by `filters`, e.g. campaign__wave="after")."""
    responses = Response.objects.filter(campaign__questionnaire=questionnaire, **filters)
    return answers_frame(responses, question_types(questionnaire))
