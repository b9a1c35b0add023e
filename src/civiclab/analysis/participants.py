"""Who took part, next to the territory's population: profiles, representation ratios,
dissimilarity, and the raking weights that bring each wave back to the population's margins.
Respondents are described by what they answered at the time (their age band then, not now)."""

import polars as pl

from civiclab.analysis import snapshots
from civiclab.analysis.models import ReferencePopulation
from civiclab.analysis.texts import question_texts
from civiclab.collection.models import Campaign
from civiclab.experiments.models import Experiment
from civiclab.stats.representativeness import profile_vs_population
from civiclab.stats.weighting import RakeResult, rake
from civiclab.surveys.models import Questionnaire

# The question bank's profile codes, in the order they are shown.
VARIABLES = ["sexe", "tranche_age", "pcs", "diplome", "qpv"]
WAVES = [wave for wave, _label in Campaign.Wave.choices]
PARTICIPANTS = "participants"


def reference_population(experiment: Experiment) -> ReferencePopulation | None:
    """The latest reference population of the experiment's territory."""
    return (
        ReferencePopulation.objects.filter(territory_id=experiment.territory_id)
        .order_by("-year", "-pk")
        .first()
    )


def margins_of(population: ReferencePopulation | None) -> dict[str, dict[str, float]]:
    margins: dict[str, dict[str, float]] = {}
    if population is None:
        return margins
    for variable, category, count in population.margins.values_list(
        "variable", "category", "count"
    ):
        margins.setdefault(variable, {})[category] = count
    return {v: cats for v, cats in margins.items() if sum(cats.values()) > 0}


def weighting_variables(frame: pl.DataFrame, margins: dict) -> list[str]:
    known = [v for v in VARIABLES if v in margins] + sorted(set(margins) - set(VARIABLES))
    return [v for v in known if v in frame.columns]


def wave_weights(frame: pl.DataFrame, margins: dict) -> tuple[pl.Series, dict[str, RakeResult]]:
    """Raking weights aligned with `frame`, each wave raked to the margins on its own (a wave
    is a sample of its own); weight 1 everywhere when there is nothing to rake to."""
    variables = weighting_variables(frame, margins)
    weights = pl.Series("weight", [1.0] * frame.height, dtype=pl.Float64)
    results: dict[str, RakeResult] = {}
    if not variables:
        return weights, results
    indexed = frame.with_row_index("_row")
    for (wave,), part in indexed.group_by("wave", maintain_order=True):
        result = rake(part, {v: margins[v] for v in variables})
        results[str(wave)] = result
        weights = weights.scatter(part["_row"], result.weights)
    return weights, results


def _caveats(items) -> list[dict]:
    return [{"code": c.code, **dict(c.params)} for c in items]


def _variable(part: pl.DataFrame, variable: str, margin: dict, weights, labels: dict) -> dict:
    plain = profile_vs_population(part[variable], margin)
    weighted = profile_vs_population(part[variable], margin, weights)
    choices = labels.get(variable, {}).get("choices", {})
    rows = []
    for raw, adjusted in zip(plain.categories, weighted.categories, strict=True):
        rows.append(
            {
                "key": raw.category,
                "label": choices.get(raw.category, [raw.category, raw.category]),
                "count": raw.sample_count,
                "share": raw.sample_share,
                "weighted_share": adjusted.sample_share,
                "population_share": raw.population_share,
                "ratio": raw.representation_ratio,
            }
        )
    return {
        "variable": variable,
        "label": labels.get(variable, {}).get("label", [variable, variable]),
        "n": plain.n,
        "missing": plain.missing,
        "dissimilarity": plain.dissimilarity,
        "weighted_dissimilarity": weighted.dissimilarity,
        "categories": rows,
        "caveats": _caveats(plain.caveats),
    }


def _weighting(result: RakeResult | None) -> dict | None:
    if result is None:
        return None
    return {
        "efficiency": result.efficiency,
        "effective_n": result.effective_n,
        "min": result.min_weight,
        "max": result.max_weight,
        "converged": result.converged,
        "caveats": _caveats(result.caveats),
    }


def _questionnaire(questionnaire: Questionnaire, margins: dict) -> dict | None:
    frame = snapshots.answers(questionnaire)
    if frame.height == 0:
        return None
    variables = weighting_variables(frame, margins)
    weights, raked = wave_weights(frame, margins)
    frame = frame.with_columns(weights.alias("_weight"))
    labels = question_texts(questionnaire, variables)
    waves = []
    for wave in WAVES:
        part = frame.filter(pl.col("wave") == wave)
        if part.height == 0:
            continue
        waves.append(
            {
                "wave": wave,
                "n": part.height,
                "variables": [
                    _variable(part, v, margins[v], part["_weight"], labels) for v in variables
                ],
                "weighting": _weighting(raked.get(wave)),
            }
        )
    return {"id": questionnaire.pk, "title": questionnaire.title, "waves": waves}


def participants_data(experiment: Experiment) -> dict:
    """Participants against the population, per questionnaire and wave, plain and weighted."""
    population = reference_population(experiment)
    margins = margins_of(population)
    questionnaires = []
    if margins:
        for questionnaire in Questionnaire.objects.filter(experiment=experiment).order_by("pk"):
            found = _questionnaire(questionnaire, margins)
            if found:
                questionnaires.append(found)
    return {
        "population": (
            {"label": population.label, "source": population.source, "year": population.year}
            if population
            else None
        ),
        "variables": sorted(margins),
        "questionnaires": questionnaires,
    }
