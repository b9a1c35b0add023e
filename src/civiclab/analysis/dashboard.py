"""An experiment's impact dashboard computed from its answers: every indicator with its value,
95% interval, n and caveats, by wave and by breakdown. The result is plain JSON, cached by
`analysis.cache` and drawn by the views; computing it is the background task's job."""

from decimal import Decimal

import polars as pl
from django.db.models import Prefetch

from civiclab.analysis import snapshots
from civiclab.analysis.participants import margins_of, reference_population, wave_weights
from civiclab.analysis.texts import question_texts
from civiclab.collection.models import Campaign
from civiclab.experiments.models import Experiment
from civiclab.impact.models import Indicator, Kind, Measurement
from civiclab.stats import indicators as measures
from civiclab.stats.compare import (
    compare_means,
    compare_shares,
    mcnemar_test,
    wilcoxon_signed_rank,
)
from civiclab.stats.indicators import IndicatorValue
from civiclab.surveys.models import Questionnaire

WAVES = [wave for wave, _label in Campaign.Wave.choices]
DASHBOARD = "dashboard"
WEIGHT = "_weight"


def as_json(result: IndicatorValue) -> dict:
    return {
        "value": result.value,
        "low": result.low,
        "high": result.high,
        "n": result.n,
        "weighted": result.weighted,
        "caveats": [{"code": c.code, **dict(c.params)} for c in result.caveats],
    }


def _measure(indicator: Indicator):
    if indicator.kind == Kind.SHARE:
        options = list(indicator.options)
        return lambda values, weights: measures.share(values, options, weights)
    return {Kind.MEAN: measures.mean, Kind.MEDIAN: measures.median, Kind.COUNT: measures.count}[
        indicator.kind
    ]


def _subgroup(frame: pl.DataFrame, indicator: Indicator) -> pl.DataFrame:
    code = indicator.subgroup_code
    if not code or code not in frame.columns:
        return frame
    wanted = [str(v) for v in indicator.subgroup_options]
    return frame.filter(pl.col(code).cast(pl.String).is_in(wanted))


def _from_answers(
    indicator: Indicator, frame: pl.DataFrame, weights: str | None, texts: dict
) -> dict:
    # A count with no question counts the responses themselves.
    code = indicator.question_code or ("response_id" if indicator.kind == Kind.COUNT else "")
    if code not in frame.columns:
        return {"missing_question": code, "waves": [], "breakdowns": {}}
    frame = _subgroup(frame, indicator)
    measure = _measure(indicator)
    waves = measures.by_group(frame, code, "wave", measure, weights=weights, order=WAVES)
    shown = [w for w in WAVES if waves[w].n > 0]
    # A free-labelled wave ("other") has no place in time: before, during and after come first.
    dated = [w for w in shown if w != Campaign.Wave.OTHER]
    latest = (dated or shown)[-1] if shown else None
    questions = texts
    breakdowns = {}
    if latest:
        in_latest = frame.filter(pl.col("wave") == latest)
        for breakdown in indicator.breakdowns:
            if breakdown in frame.columns and breakdown in questions:
                question = questions[breakdown]
                labels = question["choices"]
                groups = measures.by_group(
                    in_latest, code, breakdown, measure, weights=weights, order=list(labels)
                )
                breakdowns[breakdown] = {
                    "label": question["label"],
                    "groups": [
                        {"key": key, "label": labels.get(key, [key, key]), **as_json(value)}
                        for key, value in groups.items()
                    ],
                }
    current = waves[latest] if latest else measure(frame[code][:0], None)
    return {
        **as_json(current),
        "change": _change(indicator, frame, code, shown, weights),
        "wave": latest,
        "waves": [{"wave": w, **as_json(waves[w])} for w in shown],
        "breakdowns": breakdowns,
    }


def _change(indicator, frame: pl.DataFrame, code: str, shown: list[str], weights) -> dict | None:
    """From the first wave to the latest, as two independent samples: the difference with
    its 95% interval and p-value (Newcombe and the score test for a share, Welch's t for a
    mean, which is left unweighted)."""
    shown = [w for w in shown if w != Campaign.Wave.OTHER]
    if len(shown) < 2 or indicator.kind not in (Kind.SHARE, Kind.MEAN):
        return None
    first, last = (frame.filter(pl.col("wave") == wave) for wave in (shown[0], shown[-1]))
    if indicator.kind == Kind.SHARE:
        in_weights = (first[weights], last[weights]) if weights else (None, None)
        result = compare_shares(first[code], last[code], list(indicator.options), *in_weights)
        effect = result.cohens_h
    elif weights:
        return None
    else:
        numbers = (part[code].cast(pl.Float64, strict=False) for part in (first, last))
        result = compare_means(*numbers)
        effect = result.hedges_g
    return {
        "from": shown[0],
        "to": shown[-1],
        "panel": _panel(indicator, first, last, code),
        "difference": result.difference,
        "low": result.ci_low,
        "high": result.ci_high,
        "p_value": result.p_value,
        "effect": effect,
        "caveats": [{"code": c.code, **dict(c.params)} for c in result.caveats],
    }


def _panel(indicator, first: pl.DataFrame, last: pl.DataFrame, code: str) -> dict | None:
    """The respondents who answered both waves, compared with themselves: McNemar's test for
    a share, Wilcoxon's signed-rank test for a mean (unweighted: a panel is its own sample)."""
    pairs = (
        first.select("respondent_id", code)
        .drop_nulls("respondent_id")
        .join(last.select("respondent_id", code), on="respondent_id", suffix="_after")
    )
    if pairs.height < 2:
        return None
    before, after = pairs[code], pairs[f"{code}_after"]
    if indicator.kind == Kind.SHARE:
        options = list(indicator.options)
        hits = (measures.hits(values, options) == measures.HIT for values in (before, after))
        result = mcnemar_test(*hits)
        effect = {"test": "mcnemar", "difference": result.difference}
    else:
        numbers = (values.cast(pl.Float64, strict=False) for values in (before, after))
        result = wilcoxon_signed_rank(*numbers)
        effect = {"test": "wilcoxon", "difference": result.median_difference}
    return {
        **effect,
        "n": result.n,
        "p_value": result.p_value,
        "caveats": [{"code": c.code, **dict(c.params)} for c in result.caveats],
    }


def _manual(indicator: Indicator) -> dict:
    history = [
        {"value": float(m.value), "on": m.measured_on.isoformat(), "source": m.source}
        for m in indicator.measurements_in_order
    ]
    latest = history[-1] if history else None
    caveats = [] if history else [{"code": "no_value"}]
    return {
        "value": latest["value"] if latest else None,
        "low": None,
        "high": None,
        "n": len(history),
        "weighted": False,
        "caveats": caveats,
        "history": history,
        "waves": [],
        "breakdowns": {},
    }


def _ratio(indicator: Indicator, computed: dict[int, dict]) -> dict:
    parts = [computed.get(indicator.numerator_id), computed.get(indicator.denominator_id)]
    values = [
        IndicatorValue(p["value"], None, None, p["n"], p["weighted"], ()) if p else None
        for p in parts
    ]
    if None in values:
        empty = IndicatorValue(None, None, None, 0, False, ())
        values = [v or empty for v in values]
    return {**as_json(measures.ratio(*values)), "waves": [], "breakdowns": {}}


def _scaled(value: Decimal | None, scale: int) -> float | None:
    return float(value) / scale if value is not None else None


def _frame(questionnaire: Questionnaire, margins: dict | None) -> pl.DataFrame:
    frame = snapshots.answers(questionnaire)
    if not margins:  # unweighted, or no population figures to weight to
        return frame
    weights, _results = wave_weights(frame, margins)
    return frame.with_columns(weights.alias(WEIGHT))


def dashboard_key(weighted: bool) -> str:
    return f"{DASHBOARD}:weighted" if weighted else DASHBOARD


def dashboard_data(experiment: Experiment, weighted: bool = False) -> dict:
    """Every indicator of `experiment` computed from the answers as they are now; weighted:
    each wave's respondents raked to the territory's population margins."""
    in_order = Prefetch(
        "measurements",
        queryset=Measurement.objects.order_by("measured_on", "recorded_at"),
        to_attr="measurements_in_order",
    )
    items = list(
        Indicator.objects.filter(experiment=experiment)
        .select_related("questionnaire")
        .prefetch_related(in_order)
        .order_by("impact__position", "position", "pk")
    )
    margins = margins_of(reference_population(experiment)) if weighted else None
    frames: dict[int, pl.DataFrame] = {}
    texts: dict[int, dict] = {}  # question wordings, read once per questionnaire
    computed: dict[int, dict] = {}
    for indicator in sorted(items, key=lambda i: i.kind == Kind.RATIO):
        if indicator.kind == Kind.MANUAL:
            result = _manual(indicator)
        elif indicator.kind == Kind.RATIO:
            result = _ratio(indicator, computed)
        elif indicator.questionnaire_id is None:
            result = {**_manual(indicator), "history": []}
        else:
            if indicator.questionnaire_id not in frames:
                frames[indicator.questionnaire_id] = _frame(indicator.questionnaire, margins)
                texts[indicator.questionnaire_id] = question_texts(indicator.questionnaire)
            frame = frames[indicator.questionnaire_id]
            weights = WEIGHT if WEIGHT in frame.columns else None
            # Weighted on its own question, a share would equal the population's by
            # construction: such an indicator is shown unweighted, and says why.
            tautology = weights is not None and indicator.question_code in (margins or {})
            used = None if tautology else weights
            result = _from_answers(indicator, frame, used, texts[indicator.questionnaire_id])
            if tautology:
                result["caveats"] = [{"code": "weighting_variable"}, *result["caveats"]]
        # Baselines and targets of shares are written in percent (35 for 35 %); results
        # are fractions, like every share of the analysis core.
        scale = 100 if indicator.kind == Kind.SHARE else 1
        result["share"] = indicator.kind == Kind.SHARE
        result["baseline"] = _scaled(indicator.baseline_value, scale)
        result["target"] = _scaled(indicator.target_value, scale)
        computed[indicator.pk] = result
    return {
        "weighted": weighted and bool(margins),
        "indicators": {str(pk): result for pk, result in computed.items()},
    }
