"""Aggregate results of a questionnaire: for each question, counts and shares of each answer
(means for numbers) at each wave and over all waves, with small cells suppressed when they
are to be published. Pure: a frame and question descriptions in, plain tables out.

The tables are computed once (without suppression) and cached; suppression is applied when
they are read, with the experiment's threshold at that moment, so that changing the
threshold takes effect at once."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from civiclab.opendata.shaping import (
    CHOICE_TYPES,
    DECIMAL,
    INTEGER,
    MULTIPLE,
    RANKING,
    QuestionInfo,
)
from civiclab.stats.disclosure import suppress_table

ALL_WAVES = "ensemble"
COUNTS, TICKS, FIRST_RANK, MEAN = "counts", "ticks", "first_rank", "mean"

# The fields of an aggregates file, in order: (name, type, unit, description in French).
FIELDS = [
    ("questionnaire", "texte", "", "Identifiant du questionnaire (form_id XLSForm)."),
    ("question", "texte", "", "Code de la question dans le questionnaire."),
    ("libelle_question", "texte", "", "Libellé de la question, en français."),
    (
        "mesure",
        "texte",
        "",
        "Ce qui est compté : counts (réponses à choix unique), ticks (cases cochées d'un choix "
        "multiple, chaque personne pouvant en cocher plusieurs), first_rank (option classée "
        "en premier), mean (moyenne d'une réponse numérique).",
    ),
    (
        "vague",
        "texte",
        "",
        "Vague de collecte (before, during, after, other), ou « ensemble » pour toutes les "
        "vagues réunies.",
    ),
    ("option", "texte", "", "Valeur de la réponse (vide pour une moyenne)."),
    ("libelle_option", "texte", "", "Libellé de la réponse, en français."),
    ("effectif", "entier", "personnes", "Nombre de personnes ayant donné cette réponse."),
    (
        "part",
        "décimal",
        "proportion (0 à 1)",
        "effectif divisé par base : part des personnes ayant répondu à la question.",
    ),
    (
        "base",
        "entier",
        "personnes",
        "Nombre de personnes ayant répondu à la question à cette vague.",
    ),
    ("moyenne", "décimal", "unité de la question", "Moyenne des réponses numériques."),
    (
        "secret",
        "booléen",
        "",
        "true quand une valeur est masquée au titre du secret statistique (moins de k "
        "personnes, ou valeur qui permettrait de retrouver une valeur masquée).",
    ),
]


def _counts(frame: pl.DataFrame, value: pl.Expr, waves: list[str]) -> dict:
    """{(wave, value): count} and {wave: base} of non-missing values."""
    data = frame.lazy().select(pl.col("wave"), value.alias("v")).filter(pl.col("v").is_not_null())
    per_value, base = pl.collect_all(
        [data.group_by("wave", "v").len(), data.group_by("wave").len()]
    )
    counts = {(w, str(v)): n for w, v, n in per_value.iter_rows()}
    return counts, dict(base.iter_rows())


def question_table(frame: pl.DataFrame, q: QuestionInfo, waves: list[str]) -> dict | None:
    """One question's table: options × waves counts and the base of each wave (or the mean
    of each wave for a number); None for questions that have no aggregate (free texts,
    dates)."""
    if q.code not in frame.columns:
        return None
    labels = dict(q.choices)
    column = pl.col(q.code)
    if q.type in CHOICE_TYPES:
        measure, value = COUNTS, column.cast(pl.String)
    elif q.type == RANKING:
        measure = FIRST_RANK
        value = pl.when(column.list.len() > 0).then(column.list.first()).otherwise(None)
    elif q.type == MULTIPLE:
        measure = TICKS
    elif q.type in (INTEGER, DECIMAL):
        measure = MEAN
    else:
        return None
    table = {"code": q.code, "label": q.label, "type": q.type, "measure": measure}
    if measure == MEAN:
        data = frame.lazy().select("wave", column.cast(pl.Float64).alias("v"))
        found = (
            data.filter(pl.col("v").is_not_null())
            .group_by("wave")
            .agg(n=pl.len(), total=pl.col("v").sum())
            .collect()
        )
        sums = {w: (n, total) for w, n, total in found.iter_rows()}
        table |= {
            "options": [],
            "base": [sums.get(w, (0, 0.0))[0] for w in waves],
            "totals": [sums.get(w, (0, 0.0))[1] for w in waves],
        }
        return table
    if measure == TICKS:
        answered = frame.lazy().select("wave", column.list.unique().alias("v"))
        answered = answered.filter(pl.col("v").is_not_null())
        ticked, base = pl.collect_all(
            [
                answered.explode("v").drop_nulls("v").group_by("wave", "v").len(),
                answered.group_by("wave").len(),
            ]
        )
        counts = {(w, str(v)): n for w, v, n in ticked.iter_rows()}
        bases = dict(base.iter_rows())
    else:
        counts, bases = _counts(frame, value, waves)
    options = list(labels) + sorted({v for _w, v in counts} - set(labels))
    table |= {
        "options": [[o, labels.get(o, o)] for o in options],
        "counts": [[counts.get((w, o), 0) for w in waves] for o in options],
        "base": [bases.get(w, 0) for w in waves],
    }
    return table


def questionnaire_tables(
    frame: pl.DataFrame, questions: Sequence[QuestionInfo], waves: list[str]
) -> dict:
    """Every question's table at the waves present in `frame` (in the order of `waves`)."""
    present = (
        set(frame.get_column("wave").drop_nulls().unique().to_list()) if frame.height else set()
    )
    shown = [w for w in waves if w in present]
    tables = [question_table(frame, q, shown) for q in questions]
    return {"waves": shown, "n": frame.height, "questions": [t for t in tables if t]}


def _columns(waves: list[str]) -> list[str]:
    return [*waves, ALL_WAVES] if len(waves) > 1 else list(waves)


def rows(form_id: str, data: dict, k: int | None, wave_labels: dict | None = None) -> list[dict]:
    """The aggregates as flat rows (see FIELDS), suppressed with threshold `k` when given
    (public files), complete when `k` is None (the team's own use)."""
    waves = data["waves"]
    columns = _columns(waves)
    result = []
    for table in data["questions"]:
        many = len(waves) > 1
        base = list(table["base"]) + ([sum(table["base"])] if many else [])
        common = {
            "questionnaire": form_id,
            "question": table["code"],
            "libelle_question": table["label"],
            "mesure": table["measure"],
        }
        if table["measure"] == MEAN:
            totals = list(table["totals"]) + ([sum(table["totals"])] if many else [])
            hidden = _hidden_line(base, k)
            for j, wave in enumerate(columns):
                secret = hidden[j]
                mean = totals[j] / base[j] if base[j] and not secret else None
                result.append(
                    common
                    | {
                        "vague": wave,
                        "option": "",
                        "libelle_option": "",
                        "effectif": None,
                        "part": None,
                        "base": None if secret else base[j],
                        "moyenne": mean,
                        "secret": secret,
                    }
                )
            continue
        counts = table["counts"]
        cells, base_hidden = _suppressed(table, counts, base, k, many)
        for i, (option, label) in enumerate(table["options"]):
            line = list(counts[i]) + ([sum(counts[i])] if many else [])
            for j, wave in enumerate(columns):
                secret = cells[i][j]
                count = None if secret else line[j]
                share = line[j] / base[j] if base[j] and not secret and not base_hidden[j] else None
                result.append(
                    common
                    | {
                        "vague": wave,
                        "option": option,
                        "libelle_option": label,
                        "effectif": count,
                        "part": share,
                        "base": None if base_hidden[j] else base[j],
                        "moyenne": None,
                        "secret": secret or base_hidden[j],
                    }
                )
    if wave_labels:
        for row in result:
            row["libelle_vague"] = wave_labels.get(row["vague"], row["vague"])
    return result


def _hidden_line(values: list[int], k: int | None) -> list[bool]:
    """A line of figures whose last one is the sum of the others when there are several
    waves (else a single figure): which to hide."""
    if k is None:
        return [False] * len(values)
    if len(values) == 1:
        return [0 < values[0] < k]
    result = suppress_table([values[:-1]], k, row_totals=True, column_totals=False)
    return [*result.cells[0], result.row_totals[0]]


def _suppressed(table: dict, counts, base, k: int | None, many: bool):
    """(hidden cells per option and column, hidden bases per column)."""
    columns = len(base)
    if k is None or not counts:
        return [[False] * columns for _ in counts], [False] * columns
    if table["measure"] in (COUNTS, FIRST_RANK):
        # Options add up to the base in each wave, and waves to the whole: a 2-D table.
        result = suppress_table(counts, k, row_totals=many, column_totals=True)
        cells = [
            list(row) + ([result.row_totals[i]] if many else [])
            for i, row in enumerate(result.cells)
        ]
        bases = list(result.column_totals) + ([result.grand_total] if many else [])
        return cells, bases
    # Ticks: options overlap, so each option is a table of its own: ticked and not ticked
    # (the base minus the ticks, known to whoever reads both) by wave, the bases below. The
    # bases are shared by every option: one hidden for an option is hidden for all, and the
    # options are protected again until no new base needs hiding.
    bases = _hidden_line(base, k)
    while True:
        cells, wanted = [], list(bases)
        for row in counts:
            pair = [list(row), [b - t for b, t in zip(table["base"], row, strict=True)]]
            forced = [[bases[j] for j in range(len(row))]] * 2
            result = suppress_table(pair, k, row_totals=many, column_totals=True, also_hide=forced)
            cells.append(list(result.cells[0]) + ([result.row_totals[0]] if many else []))
            found = list(result.column_totals) + ([result.grand_total] if many else [])
            wanted = [a or b for a, b in zip(wanted, found, strict=True)]
        if wanted == bases:
            return cells, bases
        bases = wanted
