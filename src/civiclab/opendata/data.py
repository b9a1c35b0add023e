"""What every export reads: the questions of a questionnaire as plain descriptions, and its
answers as one frame (the analysis's columnar copy, with each response's pseudonym and date).

Personal data (a name, an e-mail) are stored apart from the answers and never reach the
frame; a code flagged as personal data in any version of the questionnaire is left out too,
so that no export can carry one, whatever happened between versions."""

import io
from dataclasses import replace
from zoneinfo import ZoneInfo

import polars as pl
from django.conf import settings
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat

from civiclab.analysis import snapshots
from civiclab.collection.frames import answers_frame, question_types
from civiclab.collection.models import Campaign, Response
from civiclab.opendata.shaping import QuestionInfo
from civiclab.surveys.models import Question, Questionnaire

CHUNK = 200_000


def personal_codes(questionnaire: Questionnaire) -> set[str]:
    """Codes flagged as personal data in any version."""
    return set(
        Question.objects.filter(
            version__questionnaire=questionnaire, is_personal_data=True
        ).values_list("code", flat=True)
    )


def question_infos(questionnaire: Questionnaire) -> list[QuestionInfo]:
    """Every answerable, non-personal question of any version, with its French wording and
    choices as the latest version holding it has them (then the choices older versions had
    and it dropped); the current version's order first. Answers are checked against their
    version's choices when stored, so these are all the values the answers can hold."""
    personal = personal_codes(questionnaire)
    rows = (
        Question.objects.filter(version__questionnaire=questionnaire, is_personal_data=False)
        .exclude(type=Question.Type.NOTE)
        .select_related("choice_list", "version")
        .prefetch_related("choice_list__choices")
        .order_by("-version__number", "position")
    )
    infos: dict[str, QuestionInfo] = {}
    for question in rows:
        if question.code in personal:
            continue
        choices = question.choice_list.choices.all() if question.choice_list else []
        pairs = tuple((c.value, c.label_fr or c.label_en or c.value) for c in choices)
        found = infos.get(question.code)
        if found is None:
            infos[question.code] = QuestionInfo(
                code=question.code,
                type=question.type,
                label=question.label_fr or question.label_en or question.code,
                choices=pairs,
            )
        elif found.type == question.type:
            # An older version's choice that the latest dropped: its answers still exist.
            known = {value for value, _label in found.choices}
            extra = tuple(pair for pair in pairs if pair[0] not in known)
            if extra:
                infos[question.code] = replace(found, choices=found.choices + extra)
    return list(infos.values())


def campaign_labels(questionnaire: Questionnaire) -> dict[int, str]:
    return dict(
        Campaign.objects.filter(questionnaire=questionnaire)
        .order_by("pk")
        .values_list("pk", "label")
    )


def _lines():
    """Each response as "id,pseudonym,submitted", built by the database."""
    text = TextField()
    return Concat(
        Cast("pk", text),
        Value(",", output_field=text),
        Coalesce(F("respondent__pseudonym"), Value("", output_field=text), output_field=text),
        Value(",", output_field=text),
        Cast("submitted_at", text),
        output_field=text,
    )


def _response_details(questionnaire: Questionnaire) -> pl.DataFrame:
    """response_id, respondent (pseudonym) and submitted (date in the lab's time zone), read
    CHUNK responses per round trip, the database joining the lines (as frames.py does)."""
    if connection.vendor == "postgresql":
        joined = "convert_to(string_agg(t.line, E'\\n' ORDER BY t.pk), 'UTF8')"
    else:
        joined = "CAST(group_concat(t.line, char(10)) AS BLOB)"
    responses = Response.objects.filter(campaign__questionnaire=questionnaire)
    schema = {"response_id": pl.Int64, "respondent": pl.String, "submitted": pl.String}
    parts, last = [], 0
    while True:
        inner = (
            responses.filter(pk__gt=last)
            .order_by("pk")
            .annotate(line=_lines())
            .values_list("pk", "line")[:CHUNK]
        )
        sql, params = inner.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {joined}, MAX(t.pk), COUNT(*) FROM ({sql}) t", params)
            lines, last, count = cursor.fetchone()
        if not count:
            break
        parts.append(
            pl.read_csv(
                io.BytesIO(bytes(lines)),
                has_header=False,
                new_columns=list(schema),
                schema=schema,
            )
        )
        if count < CHUNK:
            break
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    zone = ZoneInfo(settings.TIME_ZONE)
    # SQLite gives "2026-03-12 10:00:00[.ffffff]", PostgreSQL "...[.ffffff]+00": both UTC.
    moment = (
        pl.col("submitted")
        .str.slice(0, 19)
        .str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False)
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(str(zone))
        .dt.date()
    )
    return frame.with_columns(moment.alias("submitted"))


def _compact(frame: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Text columns as categoricals: a million answers among five choices weigh 4 MB instead
    of 16 MB a column, and exports write them back as the same text."""
    lazy = frame.lazy()
    strings = [name for name, dtype in lazy.collect_schema().items() if dtype == pl.String]
    return lazy.with_columns(pl.col(strings).cast(pl.Categorical)) if strings else lazy


COLUMNS_AT_ONCE = 8


def _read_compact(path) -> pl.DataFrame:
    """A Parquet copy read a few columns at a time, texts as categoricals, each column in one
    piece (so that nothing copies it again later)."""
    names = pl.scan_parquet(path).collect_schema().names()
    parts = [
        _compact(pl.scan_parquet(path).select(names[start : start + COLUMNS_AT_ONCE]))
        .collect()
        .rechunk()
        for start in range(0, len(names), COLUMNS_AT_ONCE)
    ]
    return pl.concat(parts, how="horizontal")


def _columnar_copy(questionnaire: Questionnaire, build: bool = True) -> pl.DataFrame:
    """The analysis's columnar copy of the answers (decision 011), read a few columns at a
    time with its texts as categoricals, plus the responses that arrived since it was
    written. Reading it through `snapshots.answers` would hold it twice (read, then made
    contiguous): twice 750 MB at a million responses. When there is no usable copy, the
    analysis builds it, then it is read back the same way."""
    types = question_types(questionnaire)
    responses = Response.objects.filter(campaign__questionnaire=questionnaire)
    current = snapshots.current_copy(questionnaire, types)
    if current:
        path, last_id = current
        try:
            lazy = pl.scan_parquet(path)
            height = lazy.select(pl.len()).collect().item()
        except (OSError, pl.exceptions.PolarsError):
            height = None
        frame = None
        if height is not None and height == responses.filter(pk__lte=last_id).count():
            try:
                frame = _read_compact(path)
            except (OSError, pl.exceptions.PolarsError):  # replaced by a newer copy meanwhile
                frame = None
        if frame is not None:
            newer = answers_frame(responses.filter(pk__gt=last_id), types)
            if newer.height:
                newer = _compact(newer).collect()
                frame = pl.concat([frame, newer], how="vertical_relaxed")
            return frame
    if not build:
        return _compact(snapshots.answers(questionnaire)).collect()
    snapshots.answers(questionnaire)  # builds (or repairs) the copy, then read it back
    return _columnar_copy(questionnaire, build=False)


def answers(questionnaire: Questionnaire) -> pl.DataFrame:
    """Every response to `questionnaire`: the analysis frame (META columns and one column per
    question, texts as categoricals), with "respondent" and "submitted", without any
    personal-data code."""
    frame = _columnar_copy(questionnaire)
    frame = frame.drop([c for c in personal_codes(questionnaire) if c in frame.columns])
    details = _response_details(questionnaire)
    if details.height == frame.height and details["response_id"].equals(frame["response_id"]):
        # Both in the order of the ids: side by side, without copying the answers (a join
        # would, and a million answers weigh hundreds of megabytes).
        return frame.with_columns(details["respondent"], details["submitted"])
    return frame.join(details, on="response_id", how="left", maintain_order="left")
