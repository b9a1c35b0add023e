"""The answer-level table of an export and its codebook, from the analysis frame: one column
per single answer, one 0/1 column per option of a multiple choice, one rank column per
option of a ranking; names valid in SPSS and Stata; numeric codes for value labels.

Pure: plain descriptions of the questions and a Polars frame in, a frame and a codebook
out (no Django), so that the benchmark and a notebook can call it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

# Kinds of variables in an export.
ID = "id"  # the respondent's pseudonym
CATEGORY = "category"  # one value of a list (coded in SPSS and Stata)
TICK = "tick"  # 0/1: an option of a multiple choice ticked or not
RANK = "rank"  # the rank given to an option (1 = first)
NUMBER = "number"
DATE = "date"
TEXT = "text"

# Question types (surveys.models.Question.Type values), as plain strings: no Django here.
CHOICE_TYPES = {"single_choice", "scale", "yes_no"}
MULTIPLE = "multiple_choice"
RANKING = "ranking"
INTEGER, DECIMAL = "integer", "decimal"
DATE_TYPE = "date"
TEXT_TYPES = {"short_text", "long_text"}
CALCULATE = "calculate"

MAX_NAME = 32  # Stata's limit; SPSS allows 64
# Reserved words of SPSS and Stata (compared in lower case), never used as names.
RESERVED = {
    "all",
    "and",
    "by",
    "eq",
    "ge",
    "gt",
    "le",
    "lt",
    "ne",
    "not",
    "or",
    "to",
    "with",
    "byte",
    "double",
    "float",
    "if",
    "in",
    "int",
    "long",
    "str",
    "strl",
    "using",
    "_all",
    "_b",
    "_coef",
    "_cons",
    "_n",
    "_pi",
    "_pred",
    "_rc",
    "_skip",
}
UNKNOWN_CODE = 900  # codes of answers outside the choice list start here
TICK_LABELS = {0: "non coché", 1: "coché"}


@dataclass(frozen=True)
class QuestionInfo:
    """What an export needs to know of a question."""

    code: str
    type: str
    label: str  # the wording, in French
    choices: tuple[tuple[str, str], ...] = ()  # (value, French label), in the list's order


@dataclass
class Variable:
    """One column of an export, as its codebook describes it."""

    name: str  # valid in SPSS and Stata
    source: str  # the question code (or the response's field)
    label: str
    kind: str
    option: str = ""  # the choice value of a tick or rank column
    question_type: str = ""
    codes: dict[str, int] = field(default_factory=dict)  # value -> numeric code
    value_labels: dict[int, str] = field(default_factory=dict)  # numeric code -> label
    values: dict[str, str] = field(default_factory=dict)  # value -> label (CSV, XLSX)

    @property
    def coded(self) -> bool:
        return self.kind == CATEGORY


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.lower()


def safe_name(wanted: str, taken: set[str]) -> str:
    """`wanted` as a variable name SPSS and Stata both accept: ASCII letters, digits and
    underscores, a letter first, at most 32 characters, no reserved word, unique whatever the
    case (SPSS ignores it). `taken` (lower-case names) is updated."""
    name = re.sub(r"[^a-z0-9_]+", "_", _ascii(wanted)).strip("_") or "v"
    if not name[0].isalpha():
        name = "v_" + name
    name = name[:MAX_NAME]
    if name in RESERVED or re.fullmatch(r"str\d+", name):
        name = (name + "_")[:MAX_NAME]
    base, number = name, 1
    while name in taken:
        number += 1
        suffix = f"_{number}"
        name = base[: MAX_NAME - len(suffix)] + suffix
    taken.add(name)
    return name


def _codes(choices: Sequence[tuple[str, str]], found: Iterable[str] = ()) -> dict[str, int]:
    """Numeric codes of the choices: the values themselves when all are whole numbers (a
    scale from 1 to 5 stays 1 to 5), else 1, 2, 3... in the list's order. Values found in
    the answers but not in the list (an older version's) get 900, 901..."""
    values = [value for value, _label in choices]
    if values and all(re.fullmatch(r"-?\d{1,9}", v) for v in values):
        codes = {v: int(v) for v in values}
    else:
        codes = {v: n for n, v in enumerate(values, start=1)}
    extra = UNKNOWN_CODE
    for value in sorted(set(found) - set(codes)):
        while extra in codes.values():
            extra += 1
        codes[value] = extra
        extra += 1
    return codes


def meta_variables(taken: set[str], campaigns: dict[int, str], waves, channels) -> list[Variable]:
    """The response's own columns: pseudonym, wave, campaign, channel, date of answer.
    `waves` and `channels` are (code, French label) pairs; `campaigns` id -> label."""
    wave_codes = {code: n for n, (code, _label) in enumerate(waves, start=1)}
    channel_codes = {code: n for n, (code, _label) in enumerate(channels, start=1)}
    campaign_codes = {str(pk): n for n, pk in enumerate(sorted(campaigns), start=1)}
    return [
        Variable(safe_name("repondant", taken), "respondent", "Pseudonyme du répondant", ID),
        Variable(
            safe_name("vague", taken),
            "wave",
            "Vague",
            CATEGORY,
            codes=wave_codes,
            value_labels={wave_codes[c]: label for c, label in waves},
            values=dict(waves),
        ),
        Variable(
            safe_name("campagne", taken),
            "campaign",
            "Campagne",
            CATEGORY,
            codes=campaign_codes,
            value_labels={campaign_codes[str(pk)]: label for pk, label in campaigns.items()},
            values={str(pk): label for pk, label in campaigns.items()},
        ),
        Variable(
            safe_name("canal", taken),
            "channel",
            "Canal de réponse",
            CATEGORY,
            codes=channel_codes,
            value_labels={channel_codes[c]: label for c, label in channels},
            values=dict(channels),
        ),
        Variable(safe_name("date_reponse", taken), "submitted", "Date de réponse", DATE),
    ]


def question_variables(
    questions: Sequence[QuestionInfo], taken: set[str], found: dict[str, set[str]] | None = None
) -> list[Variable]:
    """The columns of each question; `found` may hold, per question code, values present in
    the answers that the choices lack (so that they still get a code and a column)."""
    found = found or {}
    variables = []
    for q in questions:
        labels = dict(q.choices)
        if q.type in CHOICE_TYPES or (q.type == CALCULATE and q.choices):
            codes = _codes(q.choices, found.get(q.code, ()))
            values = {v: labels.get(v, v) for v in codes}
            variables.append(
                Variable(
                    safe_name(q.code, taken),
                    q.code,
                    q.label,
                    CATEGORY,
                    question_type=q.type,
                    codes=codes,
                    value_labels={codes[v]: values[v] for v in codes},
                    values=values,
                )
            )
        elif q.type in (MULTIPLE, RANKING):
            options = list(labels) + sorted(found.get(q.code, set()) - set(labels))
            for option in options:
                tick = q.type == MULTIPLE
                suffix = "" if tick else " (rang)"
                variables.append(
                    Variable(
                        safe_name(f"{q.code}_{option}", taken),
                        q.code,
                        f"{q.label} — {labels.get(option, option)}{suffix}",
                        TICK if tick else RANK,
                        option=option,
                        question_type=q.type,
                        value_labels=dict(TICK_LABELS) if tick else {},
                    )
                )
        elif q.type in (INTEGER, DECIMAL):
            variables.append(
                Variable(safe_name(q.code, taken), q.code, q.label, NUMBER, "", q.type)
            )
        elif q.type == DATE_TYPE:
            variables.append(Variable(safe_name(q.code, taken), q.code, q.label, DATE, "", q.type))
        else:  # free texts, and calculations without a list (a number or a text)
            variables.append(Variable(safe_name(q.code, taken), q.code, q.label, TEXT, "", q.type))
    return variables


def values_found(frame: pl.DataFrame, questions: Sequence[QuestionInfo]) -> dict[str, set[str]]:
    """Per question with a list, the values present in the answers (one parallel pass)."""
    listed = [
        q.code
        for q in questions
        if q.code in frame.columns and (q.choices or q.type in (MULTIPLE, RANKING))
    ]
    if not listed:
        return {}
    expressions = []
    for code in listed:
        column = pl.col(code)
        if frame.schema[code] == pl.List(pl.String):
            column = column.explode()
        expressions.append(column.cast(pl.String).drop_nulls().unique().implode().alias(code))
    found = frame.lazy().select(expressions).collect()
    return {code: set(found.get_column(code)[0].to_list()) for code in listed}


def wide(frame: pl.DataFrame, variables: Sequence[Variable]) -> pl.DataFrame:
    """The export's table: one column per variable, named as the variable, holding the
    answers' own values (choice values as text, ticks 0/1, ranks, numbers, dates). The
    analysis frame must have the META columns, plus "respondent" (pseudonym) and
    "submitted" (date) for the response's own columns."""
    columns = []
    for v in variables:
        source = v.source
        if source == "campaign":
            columns.append(pl.col("campaign_id").cast(pl.String).alias(v.name))
        elif source not in frame.columns:
            columns.append(pl.lit(None, dtype=_dtype(v)).alias(v.name))
        elif v.kind == TICK:
            ticked = pl.col(source).list.eval(pl.element() == v.option).list.any()
            columns.append(ticked.cast(pl.Int8).alias(v.name))
        elif v.kind == RANK:
            position = pl.col(source).list.eval(pl.element().index_of(pl.lit(v.option)))
            columns.append((position.list.first() + 1).cast(pl.Int16).alias(v.name))
        elif v.kind == CATEGORY and frame.schema[source] == pl.Categorical:
            columns.append(pl.col(source).alias(v.name))  # written as its text
        else:
            columns.append(pl.col(source).cast(_dtype(v)).alias(v.name))
    table = frame.select(columns)
    # Whole numbers written as such ("34", not "34.0") where every answer is whole.
    whole = [
        v.name
        for v in variables
        if v.kind == NUMBER and v.question_type == INTEGER and table[v.name].dtype.is_float()
    ]
    if whole:
        check = table.select(
            ((pl.col(c).round(0) == pl.col(c)) | pl.col(c).is_null()).all() for c in whole
        )
        integers = [c for c in whole if check.get_column(c)[0]]
        if integers:
            table = table.with_columns(pl.col(integers).cast(pl.Int64))
    return table


def _dtype(v: Variable) -> pl.DataType:
    return {
        TICK: pl.Int8,
        RANK: pl.Int16,
        NUMBER: pl.Float64,
        DATE: pl.Date,
    }.get(v.kind, pl.String)


def add_unknown_codes(table: pl.DataFrame, variables: Sequence[Variable]) -> None:
    """Give a code (900, 901...) to any value of a coded column that its list does not hold,
    so that no answer is lost in SPSS or Stata; the variables are updated in place."""
    listed = [v for v in variables if v.coded and v.name in table.columns]
    if not listed:
        return
    found = (
        table.lazy()
        .select(
            pl.col(v.name)
            .cast(pl.String)
            .filter(~pl.col(v.name).cast(pl.String).is_in(list(v.codes)))
            .drop_nulls()
            .unique()
            .implode()
            for v in listed
        )
        .collect()
    )
    for v in listed:
        unknown = found.get_column(v.name)[0].to_list()
        if unknown:
            v.codes = _codes(list(v.values.items()), unknown) | v.codes
            for value in unknown:
                v.values[value] = value
                v.value_labels[v.codes[value]] = value


def coded(table: pl.DataFrame, variables: Sequence[Variable]) -> pl.DataFrame:
    """The table with every CATEGORY column replaced by its numeric codes (SPSS, Stata)."""
    add_unknown_codes(table, variables)
    replaced = []
    for v in variables:
        if v.coded:
            mapping = pl.DataFrame(
                {"value": list(v.codes), "code": list(v.codes.values())},
                schema={"value": pl.String, "code": pl.Int32},
            )
            replaced.append(
                pl.col(v.name)
                .cast(pl.String)
                .replace_strict(
                    mapping["value"], mapping["code"], default=None, return_dtype=pl.Int32
                )
            )
    return table.with_columns(replaced) if replaced else table


def codebook_rows(variables: Sequence[Variable]) -> list[list]:
    """The codebook, one row per variable, with its header first."""
    rows = [
        [
            "variable",
            "question",
            "option",
            "libelle",
            "type",
            "type_question",
            "valeurs",
            "codes_spss_stata",
        ]
    ]
    for v in variables:
        rows.append(
            [
                v.name,
                v.source,
                v.option,
                v.label,
                v.kind,
                v.question_type,
                " | ".join(f"{value} = {label}" for value, label in v.values.items()),
                " | ".join(f"{code} = {label}" for code, label in v.value_labels.items()),
            ]
        )
    return rows
