"""Pages of the impact framework: the chain hypotheses → impacts → indicators, the indicator
sheet with its measurements, the lab's library of standard indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.core.feedback import refused
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.impact import selectors, services
from civiclab.impact.forms import ImpactForm, IndicatorForm, LibraryAddForm, MeasurementForm
from civiclab.impact.models import Impact, Indicator, LibraryIndicator, Measurement

VIEW, EDIT = Capability.VIEW_IMPACT, Capability.EDIT_IMPACT


def _context(access, **extra) -> dict:
    return {"access": access, "experiment": access.experiment, "tab": "impact", **extra}


def _step(request) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@login_required
def framework(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    context = _context(
        access,
        framework=selectors.framework_of(access.experiment),
        can_edit=access.can(EDIT),
    )
    return render(request, "impact/framework.html", context)


@login_required
def impact_edit(request, slug, pk=None):
    access = experiment_for(request.user, slug, EDIT)
    impact = get_object_or_404(Impact, pk=pk, experiment=access.experiment) if pk else None
    initial = {"hypothesis": request.GET.get("hypothesis")} if impact is None else {}
    form = ImpactForm(
        request.POST or None, instance=impact, initial=initial, experiment=access.experiment
    )
    if request.method == "POST" and form.is_valid():
        impact = services.save_impact(request.user, form.save(commit=False))
        messages.success(request, _("Impact saved."))
        return redirect(impact.get_absolute_url())
    return render(request, "impact/impact_form.html", _context(access, form=form, item=impact))


@login_required
@require_POST
def impact_delete(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    impact = get_object_or_404(Impact, pk=pk, experiment=access.experiment)
    try:
        services.delete_impact(request.user, impact)
    except ValidationError as problem:
        refused(request, problem)
        return redirect("impact:impact_edit", slug, pk)
    messages.success(request, _("“%s” deleted.") % impact)
    return redirect("impact:framework", slug)


@login_required
@require_POST
def impact_move(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    impact = get_object_or_404(Impact, pk=pk, experiment=access.experiment)
    services.move_impact(request.user, impact, _step(request))
    return redirect(impact.get_absolute_url())


@login_required
def indicator_edit(request, slug, pk=None):
    access = experiment_for(request.user, slug, EDIT)
    experiment = access.experiment
    indicator = get_object_or_404(Indicator, pk=pk, experiment=experiment) if pk else None
    if not experiment.impacts.exists():
        messages.error(request, _("Add an impact sought first: every indicator measures one."))
        return redirect("impact:impact_new", slug)
    refreshing = "_refresh" in request.POST
    if request.method != "POST":
        initial = {"impact": request.GET.get("impact")} if indicator is None else {}
        form = IndicatorForm(initial=initial, instance=indicator, experiment=experiment)
    else:
        form = IndicatorForm(request.POST, instance=indicator, experiment=experiment)
        if refreshing:
            # Show the answers of the question just chosen, without checking the rest yet.
            shown = {name: form[name].value() for name in form.fields}
            form = IndicatorForm(initial=shown, instance=indicator, experiment=experiment)
        elif form.is_valid():
            indicator = services.save_indicator(request.user, form.save(commit=False))
            messages.success(request, _("Indicator saved."))
            return redirect(indicator.get_absolute_url())
    context = _context(access, form=form, item=indicator, refreshing=refreshing)
    return render(request, "impact/indicator_form.html", context)


@login_required
@require_POST
def indicator_delete(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    indicator = get_object_or_404(Indicator, pk=pk, experiment=access.experiment)
    try:
        services.delete_indicator(request.user, indicator)
    except ValidationError as problem:
        refused(request, problem)
        return redirect(indicator.get_absolute_url())
    messages.success(request, _("“%s” deleted.") % indicator)
    return redirect("impact:framework", slug)


@login_required
@require_POST
def indicator_move(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    indicator = get_object_or_404(Indicator, pk=pk, experiment=access.experiment)
    services.move_indicator(request.user, indicator, _step(request))
    return redirect(indicator.impact.get_absolute_url())


@login_required
def indicator_detail(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    indicator = get_object_or_404(
        selectors.indicators_of(access.experiment).select_related("impact__hypothesis"), pk=pk
    )
    context = _context(
        access,
        indicator=indicator,
        question=indicator.question() if indicator.is_question_based else None,
        measurements=indicator.measurements.select_related("recorded_by").order_by(
            "-measured_on", "-recorded_at", "-id"
        ),
        can_edit=access.can(EDIT),
        form=MeasurementForm() if indicator.is_manual else None,
    )
    return render(request, "impact/indicator_detail.html", context)


@login_required
@require_POST
def measurement_add(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    indicator = get_object_or_404(Indicator, pk=pk, experiment=access.experiment)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            services.add_measurement(request.user, indicator, **form.cleaned_data)
        except ValidationError as problem:
            refused(request, problem)
        else:
            messages.success(request, _("Value recorded."))
            return redirect(indicator.get_absolute_url() + "#measurements")
    context = _context(
        access,
        indicator=selectors.indicators_of(access.experiment).get(pk=pk),
        question=None,
        measurements=indicator.measurements.select_related("recorded_by").order_by(
            "-measured_on", "-recorded_at", "-id"
        ),
        can_edit=True,
        form=form,
    )
    return render(request, "impact/indicator_detail.html", context, status=400)


@login_required
@require_POST
def measurement_delete(request, slug, pk, measurement_pk):
    access = experiment_for(request.user, slug, EDIT)
    measurement = get_object_or_404(
        Measurement, pk=measurement_pk, indicator__pk=pk, indicator__experiment=access.experiment
    )
    services.delete_measurement(request.user, measurement)
    messages.success(request, _("Value deleted."))
    return redirect(measurement.indicator.get_absolute_url() + "#measurements")


@login_required
def library(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    can_edit = access.can(EDIT)
    context = _context(
        access,
        groups=selectors.library_by_category(),
        can_edit=can_edit,
        add_form=LibraryAddForm(experiment=access.experiment) if can_edit else None,
    )
    return render(request, "impact/library.html", context)


@login_required
@require_POST
def library_add(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = get_object_or_404(LibraryIndicator, pk=pk)
    form = LibraryAddForm(request.POST, experiment=access.experiment)
    if not form.is_valid():
        messages.error(request, _("Choose the impact sought this indicator measures."))
        return redirect("impact:library", slug)
    try:
        indicator = services.create_from_library(
            request.user, access.experiment, item, **form.cleaned_data
        )
    except ValidationError as problem:
        refused(request, problem)
        return redirect("impact:library", slug)
    messages.success(request, _("Indicator added: set its baseline and its target."))
    return redirect("impact:indicator_edit", slug, indicator.pk)


@login_required
def lab_library(request):
    """The library as the whole lab reads it, outside any experiment."""
    context = {"groups": selectors.library_by_category()}
    return render(request, "impact/lab_library.html", context)
