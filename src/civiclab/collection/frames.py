"""Responses as a Polars frame for the analysis: one row per response, one column per question.

The answers are decoded by Polars from their JSON text in one vectorised pass (a million
responses take seconds, not minutes); personal data are stored apart and never reach it."""

import io

import polars as pl
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat

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


def _meta_line():
    """The META values of a response as one comma-separated line, built by the database."""
    text = TextField()
    parts = []
    for source in META_SOURCES.values():
        parts += [
            Coalesce(Cast(F(source), text), Value("", output_field=text)),
            Value(",", output_field=text),
        ]
    return Concat(*parts[:-1], output_field=text)


def _chunks(responses: QuerySet[Response]):
    """(answers as newline-delimited JSON, META as CSV), both as bytes, CHUNK responses per
    database round trip: the database joins the lines itself (and hands back bytes, not
    text to decode), so Python never handles a response one by one."""
    if connection.vendor == "postgresql":
        joined = (
            "convert_to(string_agg(t.answers::text, E'\\n' ORDER BY t.pk), 'UTF8'), "
            "convert_to(string_agg(t.meta, E'\\n' ORDER BY t.pk), 'UTF8')"
        )
    else:
        joined = (
            "CAST(group_concat(t.answers, char(10)) AS BLOB), "
            "CAST(group_concat(t.meta, char(10)) AS BLOB)"
        )
    last = 0
    while True:
        inner = (
            responses.filter(pk__gt=last)
            .order_by("pk")
            .annotate(meta=_meta_line())
            .values_list("pk", "answers", "meta")[:CHUNK]
        )
        sql, params = inner.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {joined}, MAX(t.pk), COUNT(*) FROM ({sql}) t", params)
            answers, meta, last, count = cursor.fetchone()
        if not count:
            return
        yield bytes(answers), bytes(meta)
        if count < CHUNK:
            return


def answers_frame(responses: QuerySet[Response], types: dict[str, str]) -> pl.DataFrame:
    """The responses as a frame: the META columns, then one column per code of `types`
    (None where a question was not answered or not shown), in the order of their ids."""
    schema = {code: DTYPES[type_] for code, type_ in types.items()}
    parts = []
    for answers, meta in _chunks(responses):
        described = pl.read_csv(
            io.BytesIO(meta), has_header=False, new_columns=list(META), schema=META
        )
        parts.append(
            pl.concat(
                [described, pl.read_ndjson(io.BytesIO(answers), schema=schema)], how="horizontal"
            )
        )
    # One contiguous frame: group-bys over a concatenation of chunks run a third slower.
    frame = pl.concat(parts, rechunk=True) if parts else pl.DataFrame(schema={**META, **schema})
    dates = [code for code, type_ in types.items() if type_ == T.DATE]
    if dates:
        frame = frame.with_columns(pl.col(dates).str.to_date(strict=False))
    return frame
