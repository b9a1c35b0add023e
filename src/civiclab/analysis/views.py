"""Pages of results: the impact dashboard of an experiment, and who took part."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from civiclab.analysis import cache, display, services
from civiclab.analysis.crosstabs import crossable, crosstab_key
from civiclab.analysis.dashboard import dashboard_key
from civiclab.analysis.forms import PopulationForm
from civiclab.analysis.models import ReferencePopulation
from civiclab.analysis.participants import PARTICIPANTS, margins_of, reference_population
from civiclab.analysis.questions import question_labels, questions_key, waves_of
from civiclab.analysis.tasks import schedule
from civiclab.experiments.access import capabilities_of, experiment_for, visible_experiments
from civiclab.experiments.permissions import Capability
from civiclab.impact.models import Indicator, LibraryIndicator
from civiclab.impact.selectors import framework_of
from civiclab.surveys.models import Questionnaire


def _result(experiment_id: int, key: str) -> tuple[dict | None, bool]:
    """The cached result and whether it is up to date; a stale one is recomputed in the
    background (at once when tasks run inline) while the page shows the last one."""
    data, fresh = cache.cached(experiment_id, key)
    if not fresh:
        schedule(experiment_id, key)
        data, fresh = cache.cached(experiment_id, key)
    return data, fresh


def _page(request, template: str, context: dict):
    if request.headers.get("HX-Request"):
        template = template.replace(".html", "_body.html").replace("analysis/", "analysis/_")
    return render(request, template, context)


@login_required
def dashboard(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    experiment = access.experiment
    weighted = request.GET.get("weighted") == "1"
    data, fresh = _result(experiment.pk, dashboard_key(weighted))
    framework = framework_of(experiment)
    display.attach_results(framework, (data or {}).get("indicators", {}))
    context = {
        "access": access,
        "experiment": experiment,
        "tab": "results",
        "framework": framework,
        "computed": data is not None,
        "fresh": fresh,
        "weighted": weighted,
        "weighting_possible": (data or {}).get("weighted", True),
    }
    return _page(request, "analysis/dashboard.html", context)


@login_required
def participants(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    experiment = access.experiment
    data, fresh = _result(experiment.pk, PARTICIPANTS)
    context = {
        "access": access,
        "experiment": experiment,
        "tab": "results",
        "computed": data is not None,
        "fresh": fresh,
        "population": (data or {}).get("population"),
        "questionnaires": display.participants(data) if data else [],
        "can_edit": access.can(Capability.EDIT_IMPACT),
    }
    return _page(request, "analysis/participants.html", context)


@login_required
def population(request, slug):
    """The population of the experiment's territory, that participants are compared with."""
    access = experiment_for(request.user, slug, Capability.EDIT_IMPACT)
    experiment = access.experiment
    current = reference_population(experiment) or ReferencePopulation(
        territory=experiment.territory, label=experiment.territory.name
    )
    form = PopulationForm(
        request.POST or None,
        request.FILES or None,
        instance=current,
        margins=margins_of(current) if current.pk else {},
    )
    if request.method == "POST" and form.is_valid():
        margins = form.margins()
        if margins:
            services.save_population(request.user, form.save(commit=False), margins, experiment)
            messages.success(request, _("Population figures saved."))
            return redirect("analysis:participants", slug=experiment.slug)
        form.add_error(None, _("Give at least one variable's figures, or a CSV file."))
    context = {"access": access, "experiment": experiment, "tab": "results", "form": form}
    return render(request, "analysis/population.html", context)


@login_required
def questions(request, slug):
    """Every question of a questionnaire at a wave, split by a profile question if asked."""
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    context = _selection(request, access)
    chosen, wave = context["chosen"], context["wave"]
    data = fresh = None
    if chosen and wave:
        key = questions_key(chosen.pk, wave, context["weighted"])
        data, fresh = _result(access.experiment.pk, key)
    by = request.GET.get("by", "")
    breakdowns = (data or {}).get("breakdowns", [])
    by = by if by in breakdowns else ""
    labels = question_labels(chosen) if chosen else {}
    context |= {
        "by": by,
        "breakdowns": [(b, labels.get(b, {}).get("label", b)) for b in breakdowns],
        "really_weighted": (data or {}).get("weighted", False),
        "computed": data is not None,
        "fresh": fresh if chosen else True,
        "n": (data or {}).get("n"),
        "questions": display.questions(data, by, labels) if data else [],
    }
    return _page(request, "analysis/questions.html", context)


def _selection(request, access) -> dict:
    """The page's base context with the questionnaire and wave it shows (the first
    questionnaire and its latest wave by default), and whether to weight."""
    experiment = access.experiment
    questionnaires = list(Questionnaire.objects.filter(experiment=experiment).order_by("pk"))
    chosen = next(
        (q for q in questionnaires if str(q.pk) == request.GET.get("questionnaire")),
        questionnaires[0] if questionnaires else None,
    )
    waves = waves_of(chosen)
    wave = request.GET.get("wave") if request.GET.get("wave") in waves else (waves or [""])[-1]
    return {
        "access": access,
        "experiment": experiment,
        "tab": "results",
        "questionnaires": questionnaires,
        "chosen": chosen,
        "waves": [(w, display.WAVE_LABELS.get(w, w)) for w in waves],
        "wave": wave,
        "weighted": request.GET.get("weighted") == "1",
    }


@login_required
def crosstab(request, slug):
    """Two questions crossed, at one wave."""
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    context = _selection(request, access)
    chosen, wave = context["chosen"], context["wave"]
    options = crossable(chosen) if chosen else {}
    labels = question_labels(chosen) if chosen else {}
    rows, columns = request.GET.get("rows", ""), request.GET.get("columns", "")
    data, fresh = None, True
    if wave and rows in options and columns in options and rows != columns:
        key = crosstab_key(chosen.pk, wave, rows, columns, context["weighted"])
        data, fresh = _result(access.experiment.pk, key)
    context |= {
        "questions": [(code, labels.get(code, {}).get("label", code)) for code in options],
        "rows": rows,
        "columns": columns,
        "computed": data is not None,
        "fresh": fresh,
        "same": bool(rows) and rows == columns,
        "table": display.crosstab(data, labels, rows, columns) if data else None,
    }
    return _page(request, "analysis/crosstab.html", context)


@login_required
def compare(request, code):
    """One indicator of the lab's library, side by side in every experiment that measures it
    and that the reader may see."""
    library = get_object_or_404(LibraryIndicator, code=code)
    rows = []
    indicators = (
        Indicator.objects.filter(
            library_indicator=library, experiment__in=visible_experiments(request.user)
        )
        .select_related("experiment__territory", "impact")
        .order_by("experiment__title", "pk")
    )
    for indicator in indicators:
        experiment = indicator.experiment
        if Capability.VIEW_IMPACT not in capabilities_of(request.user, experiment):
            continue
        data, _fresh = _result(experiment.pk, dashboard_key(False))
        found = (data or {}).get("indicators", {}).get(str(indicator.pk))
        rows.append((indicator, display.shown(indicator, found) if found else None, found))
    context = {
        "library": library,
        "rows": [(indicator, result) for indicator, result, _found in rows],
        "chart": display.comparison_chart(library, rows),
    }
    return render(request, "analysis/compare.html", context)
