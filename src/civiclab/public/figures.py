"""The published indicators' figures as the public sees them, with small cells withheld.

A figure computed from answers is shown only if it counts at least k people (the
experiment's open-data threshold, 5 by default) and, for a share, if neither the people
giving the counted answers nor the others are between 1 and k - 1: "8 % of 50" would tell
that 4 people did. Breakdowns by group are never shown on the public site. A ratio is shown
only if both of its parts could be. Values entered by hand are the team's own figures and
are shown as entered.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

from civiclab.analysis import cache
from civiclab.analysis.dashboard import dashboard_key
from civiclab.analysis.display import WAVE_LABELS, figure, interval, shown
from civiclab.analysis.tasks import schedule
from civiclab.experiments.models import Experiment
from civiclab.impact.models import QUESTION_KINDS, Indicator, Kind
from civiclab.opendata.services import settings_of

SHOWN, WITHHELD, PENDING = "shown", "withheld", "pending"


@dataclass(frozen=True)
class WaveFigure:
    wave: str
    value: str
    interval: str
    n: int | None
    withheld: bool


@dataclass(frozen=True)
class PublicFigure:
    indicator_id: int
    name: str
    definition: str
    unit: str
    state: str  # SHOWN, WITHHELD (too few answers) or PENDING (nothing to show yet)
    value: str = ""
    interval: str = ""
    n: int | None = None
    wave: str = ""
    baseline: str = ""
    target: str = ""
    measured_on: str = ""  # for values entered by hand
    warnings: tuple[str, ...] = ()
    waves: tuple[WaveFigure, ...] = ()

    @property
    def is_shown(self) -> bool:
        return self.state == SHOWN

    @property
    def is_withheld(self) -> bool:
        return self.state == WITHHELD


def min_cell(experiment: Experiment) -> int:
    """The smallest number of people a public figure may count (the open-data k)."""
    return settings_of(experiment).min_cell


def cached_results(experiment: Experiment, compute: bool = False) -> dict | None:
    """Every indicator's unweighted result by id: the last computed (a fresh computation is
    asked of the background worker when answers changed since), or None if never computed.
    `compute` computes it now instead, for files that must not wait."""
    key = dashboard_key(False)
    data, fresh = cache.cached(experiment.pk, key)
    if not fresh:
        schedule(experiment.pk, key)
        data, fresh = cache.cached(experiment.pk, key)
    if data is None and compute:
        from civiclab.reports.builder import results_of

        return results_of(experiment, weighted=False)
    return None if data is None else data.get("indicators", {})


def _small(count: int, k: int) -> bool:
    return 0 < count < k


def value_disclosable(kind: str, value: dict, k: int) -> bool:
    """One value (the latest, or a wave's) of an indicator computed from answers."""
    n = value.get("n") or 0
    if value.get("value") is None or n < k:
        return False
    if kind == Kind.SHARE:
        hits = round(value["value"] * n)
        return not (_small(hits, k) or _small(n - hits, k))
    return True


def disclosable(indicator: Indicator, results: dict, k: int, _depth: int = 0) -> bool:
    """Whether the indicator's latest value may be shown to the public (see the module)."""
    result = results.get(str(indicator.pk)) or {}
    if result.get("value") is None:
        return False
    if indicator.kind == Kind.MANUAL:
        return True
    if indicator.kind == Kind.RATIO:
        if _depth > 5 or indicator.numerator is None or indicator.denominator is None:
            return False
        parts = (indicator.numerator, indicator.denominator)
        return (result.get("n") or 0) >= k and all(
            disclosable(part, results, k, _depth + 1) for part in parts
        )
    if indicator.kind in QUESTION_KINDS:
        return value_disclosable(indicator.kind, result, k)
    return False


def _waves(indicator: Indicator, result: dict, k: int) -> tuple[WaveFigure, ...]:
    if len(result.get("waves", [])) < 2:
        return ()
    share = bool(result.get("share"))
    unit = "" if share else indicator.unit
    rows = []
    for wave in result["waves"]:
        withheld = not value_disclosable(indicator.kind, wave, k)
        rows.append(
            WaveFigure(
                wave=str(WAVE_LABELS.get(wave["wave"], wave["wave"])),
                value="" if withheld else figure(wave["value"], share, unit),
                interval="" if withheld else interval(wave, share),
                n=None if withheld else wave["n"],
                withheld=withheld,
            )
        )
    return tuple(rows)


def _measured_on(result: dict) -> str:
    history = result.get("history") or []
    if not history:
        return ""
    return date_format(date.fromisoformat(history[-1]["on"]), "SHORT_DATE_FORMAT")


def public_figure(indicator: Indicator, results: dict | None, k: int) -> PublicFigure:
    base = {
        "indicator_id": indicator.pk,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
    }
    result = (results or {}).get(str(indicator.pk))
    if not result or result.get("value") is None:
        return PublicFigure(**base, state=PENDING)
    if not disclosable(indicator, results, k):
        return PublicFigure(**base, state=WITHHELD)
    figures = shown(indicator, result)
    manual = indicator.kind == Kind.MANUAL
    return PublicFigure(
        **base,
        state=SHOWN,
        value=figures.value,
        interval=figures.interval,
        n=None if manual else figures.n,
        wave=figures.wave,
        baseline="" if figures.baseline == "—" else figures.baseline,
        target="" if figures.target == "—" else figures.target,
        measured_on=_measured_on(result) if manual else "",
        warnings=tuple(figures.warnings),
        waves=_waves(indicator, result, k),
    )


def published_indicators(publication) -> list[Indicator]:
    """The indicators the team chose, of this experiment only, in the framework's order."""
    return list(
        publication.indicators.filter(experiment=publication.experiment_id)
        .select_related("numerator", "denominator")
        .order_by("impact__position", "position", "pk")
    )


def public_figures(publication, results: dict | None = None) -> list[PublicFigure]:
    indicators = published_indicators(publication)
    if not indicators:
        return []
    if results is None:
        results = cached_results(publication.experiment)
    k = min_cell(publication.experiment)
    return [public_figure(indicator, results, k) for indicator in indicators]
