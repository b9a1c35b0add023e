"""The tables of the answer-level exports, and writing them in each format.

- Research (pseudonymised): the respondent's pseudonym, wave, campaign, channel, date of
  answer, then every question (ticks and ranks spread over one column per option).
- Public (anonymised): no pseudonym, no free text, no personal data, no excluded question;
  the date of answer as a month; the rest made safe by `stats.disclosure.anonymise` within
  each wave; rows in random order (the order of arrival could tell who is who)."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from civiclab.analysis.participants import VARIABLES
from civiclab.collection.models import Campaign, Response
from civiclab.opendata import data, shaping, writers
from civiclab.opendata.models import ExportJob, OpenDataSettings
from civiclab.stats import disclosure
from civiclab.surveys.models import Questionnaire

Format = ExportJob.Format
# Question codes read as ages in years: bands in public files.
AGE_CODES = {"age", "age_annees", "age_ans", "age_revolu"}
DICTIONARY_HEADER = ["champ", "type", "unite", "description", "valeurs"]
KIND_NAMES = {
    shaping.ID: "texte",
    shaping.CATEGORY: "texte (liste)",
    shaping.TICK: "entier 0/1",
    shaping.RANK: "entier",
    shaping.NUMBER: "nombre",
    shaping.DATE: "date (AAAA-MM-JJ)",
    shaping.TEXT: "texte",
}


@dataclass
class Export:
    table: pl.DataFrame
    variables: list[shaping.Variable]
    title: str
    public_k: int | None = None  # the threshold a public file obeyed; None for research

    def codebook(self) -> list[list]:
        """The codebook (research) or field dictionary (public), header first; read after
        writing, it holds the codes given to unexpected values in SPSS and Stata too."""
        if self.public_k is None:
            return shaping.codebook_rows(self.variables)
        return public_dictionary(self.variables, self.public_k)


def _labels(choices) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in choices]


def research_export(questionnaire: Questionnaire, frame: pl.DataFrame) -> Export:
    """Pseudonymised answer-level data with its codebook."""
    questions = data.question_infos(questionnaire)
    return research_export_of(
        frame, questions, data.campaign_labels(questionnaire), questionnaire.title
    )


def research_export_of(
    frame: pl.DataFrame,
    questions: list[shaping.QuestionInfo],
    campaigns: dict[int, str],
    title: str,
) -> Export:
    """The same from plain values (what the benchmark calls on an in-memory frame)."""
    taken: set[str] = set()
    variables = shaping.meta_variables(
        taken, campaigns, _labels(Campaign.Wave.choices), _labels(Response.Channel.choices)
    )
    # The choices of every version are all the values answers can hold (they are checked
    # when stored): no pass over the answers is needed to list them.
    variables += shaping.question_variables(questions, taken)
    table = shaping.wide(frame, variables)
    return Export(table, variables, title)


def _public_kind(variable: shaping.Variable) -> str:
    if variable.kind == shaping.NUMBER and variable.source in AGE_CODES:
        return disclosure.AGE
    return {
        shaping.CATEGORY: disclosure.CATEGORY,
        shaping.TICK: disclosure.TICK,
        shaping.RANK: disclosure.NUMBER,
        shaping.NUMBER: disclosure.NUMBER,
        shaping.DATE: disclosure.DATE,
    }.get(variable.kind, disclosure.TEXT)


def public_export(
    questionnaire: Questionnaire, frame: pl.DataFrame, options: OpenDataSettings
) -> Export:
    """Anonymised answer-level data with its field dictionary."""
    excluded = set(options.excluded_questions or [])
    questions = [
        q
        for q in data.question_infos(questionnaire)
        if q.code not in excluded
        and q.type not in shaping.TEXT_TYPES
        and not (q.type == shaping.CALCULATE and not q.choices)
    ]
    research = research_export_of(frame, questions, {}, questionnaire.title)
    dropped = {"respondent", "campaign"}
    variables = [v for v in research.variables if v.source not in dropped]
    kinds = {v.name: _public_kind(v) for v in variables}
    wave = next(v.name for v in variables if v.source == "wave")
    del kinds[wave]
    quasi = [
        v.name
        for v in variables
        if v.source in VARIABLES or v.source in AGE_CODES or v.source in ("channel", "submitted")
    ]
    table = disclosure.anonymise(
        research.table.select([v.name for v in variables]),
        kinds,
        options.min_cell,
        by=[wave],
        quasi=quasi,
    )
    table = table.sample(fraction=1.0, shuffle=True)
    for v in variables:  # what the coarsening made of them
        if kinds.get(v.name) == disclosure.AGE:
            v.kind, v.values = (
                shaping.CATEGORY,
                {c: c.replace("_", "-") for *_r, c in disclosure.AGE_BANDS},
            )
            v.label += " (tranche d'âge)"
        elif kinds.get(v.name) == disclosure.DATE:
            v.kind, v.label = shaping.TEXT, v.label + " (mois, AAAA-MM)"
        if v.kind == shaping.CATEGORY and kinds.get(v.name):
            v.values = v.values | {disclosure.OTHER: "réponses trop rares, regroupées"}
    return Export(table, variables, research.title, public_k=options.min_cell)


def public_dictionary(variables: list[shaping.Variable], k: int) -> list[list]:
    rows = [DICTIONARY_HEADER]
    for v in variables:
        unit = "personne" if v.kind == shaping.TICK else ""
        note = f" — valeurs portées par moins de {k} personnes d'une vague : regroupées ou vides"
        rows.append(
            [
                v.name,
                KIND_NAMES.get(v.kind, "texte"),
                unit,
                v.label + ("" if v.source == "wave" else note),
                " | ".join(f"{value} = {label}" for value, label in v.values.items())
                or " | ".join(f"{code} = {label}" for code, label in v.value_labels.items()),
            ]
        )
    return rows


def free_text_columns(export: Export) -> list[str]:
    """Columns whose text may look like a formula: free texts, and lists holding such a value
    (a choice's value, a campaign's label); the others are known to be harmless."""
    found = []
    for v in export.variables:
        if v.kind == shaping.TEXT or any(writers.risky(value) for value in v.values):
            found.append(v.name)
    return found


def write(
    export: Export, fmt: str, path: Path, progress: Callable[[float], None] = writers._nothing
) -> None:
    """The export's table in `fmt` (an ExportJob.Format value) at `path`."""
    only = free_text_columns(export)
    if fmt == Format.CSV:
        writers.write_csv(export.table, path, separator=";", progress=progress, only=only)
    elif fmt == Format.CSV_COMMA:
        writers.write_csv(export.table, path, separator=",", progress=progress, only=only)
    elif fmt == Format.XLSX:
        writers.write_xlsx(export.table, path, export.codebook(), progress=progress, only=only)
    elif fmt == Format.SAV:
        writers.write_sav(export.table, path, export.variables, export.title, progress=progress)
    elif fmt == Format.DTA:
        writers.write_dta(export.table, path, export.variables, export.title, progress=progress)
    else:
        raise ValueError(f"unknown format {fmt}")
