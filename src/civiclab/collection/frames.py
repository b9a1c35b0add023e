"""Responses as a Polars frame for the analysis: one row per response, one column per question.

The answers are decoded by Polars from their JSON text in one vectorised pass (a million
responses take seconds, not minutes); personal data are stored apart and never reach it."""

import io

import polars as pl
from django.db import connection
from django.db.models import F, Func, JSONField, QuerySet, TextField, Value
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
# Columns that describe the response rather than answer a question; in the JSON read back
# from the database they are named with two underscores, which no question code starts with.
META = {
    "response_id": pl.Int64,
    "campaign_id": pl.Int64,
    "wave": pl.String,
    "respondent_id": pl.Int64,
    "channel": pl.String,
}
META_SOURCES = {
    "response_id": "pk",
    "campaign_id": "campaign_id",
    "wave": "campaign__wave",
    "respondent_id": "respondent_id",
    "channel": "channel",
}
CHUNK = 200_000


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


def _row_with_meta():
    """Each response's answers with its META values merged in, as one line of JSON text,
    built by the database itself (json_set in SQLite, jsonb || in PostgreSQL)."""
    if connection.vendor == "postgresql":
        pairs = [arg for name, src in META_SOURCES.items() for arg in (Value(f"__{name}"), F(src))]
        merged = Func(
            F("answers"),
            Func(*pairs, function="jsonb_build_object", output_field=JSONField()),
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=JSONField(),
        )
        return Cast(merged, TextField())
    pairs = [arg for name, src in META_SOURCES.items() for arg in (Value(f"$.__{name}"), F(src))]
    return Func(F("answers"), *pairs, function="json_set", output_field=TextField())


def _ndjson_chunks(responses: QuerySet[Response]):
    """The responses as newline-delimited JSON, CHUNK responses per database round trip:
    the database joins the lines itself, so Python never handles a response one by one."""
    join = (
        "string_agg(t.x, E'\\n')"
        if connection.vendor == "postgresql"
        else "group_concat(t.x, char(10))"
    )
    last = 0
    while True:
        inner = (
            responses.filter(pk__gt=last)
            .order_by("pk")
            .annotate(x=_row_with_meta())
            .values_list("pk", "x")[:CHUNK]
        )
        sql, params = inner.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {join}, MAX(t.pk), COUNT(*) FROM ({sql}) t", params)
            text, last, count = cursor.fetchone()
        if not count:
            return
        yield text
        if count < CHUNK:
            return


def answers_frame(responses: QuerySet[Response], types: dict[str, str]) -> pl.DataFrame:
    """The responses as a frame: the META columns, then one column per code of `types`
    (None where a question was not answered or not shown), in the order of their ids."""
    schema = {f"__{name}": dtype for name, dtype in META.items()}
    schema.update({code: DTYPES[type_] for code, type_ in types.items()})
    parts = [pl.read_ndjson(io.StringIO(text), schema=schema) for text in _ndjson_chunks(responses)]
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    frame = frame.rename({f"__{name}": name for name in META}).sort("response_id")
    dates = [code for code, type_ in types.items() if type_ == T.DATE]
    if dates:
        frame = frame.with_columns(pl.col(dates).str.to_date(strict=False))
    return frame


def questionnaire_frame(questionnaire: Questionnaire, **filters) -> pl.DataFrame:
    """Every response to `questionnaire` (narrowed by `filters`, e.g. campaign__wave="after")."""
    responses = Response.objects.filter(campaign__questionnaire=questionnaire, **filters)
    return answers_frame(responses, question_types(questionnaire))
