"""Pages of the planning: per experiment, my tasks, overdue tasks, timelines, calendar feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from civiclab.experiments.access import capabilities_of, experiment_for, visible_experiments
from civiclab.experiments.models import BY_LIFECYCLE, Experiment
from civiclab.experiments.permissions import Capability
from civiclab.planning import selectors, services
from civiclab.planning.calendar import build_calendar
from civiclab.planning.forms import MilestoneForm, PhaseForm, TaskForm, TaskStatusForm
from civiclab.planning.models import CalendarToken, Milestone, Phase, Task
from civiclab.planning.timeline import chart

KINDS = {
    "phase": (Phase, PhaseForm),
    "milestone": (Milestone, MilestoneForm),
    "task": (Task, TaskForm),
}
# Whole sentences, not "New %s": French nouns have genders.
NEW_ITEM_TITLES = {
    "phase": gettext_lazy("New phase"),
    "milestone": gettext_lazy("New milestone"),
    "task": gettext_lazy("New task"),
}


@login_required
def experiment_planning(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_PLANNING)
    experiment = access.experiment
    phases, milestones, tasks = selectors.planning_of([experiment])
    context = {
        "access": access,
        "experiment": experiment,
        "chart": chart([experiment], phases, milestones, tasks, timezone.localdate()),
        "milestones": milestones,
        "tasks": tasks,
        "can_edit": access.can(Capability.EDIT_PLANNING),
        "status_choices": Task.Status.choices,
    }
    return render(request, "planning/experiment.html", context)


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@login_required
def item_edit(request, slug, kind, pk=None):
    access = experiment_for(request.user, slug, Capability.EDIT_PLANNING)
    model, form_class = _kind(kind)
    item = get_object_or_404(model, pk=pk, experiment=access.experiment) if pk else None
    form = form_class(request.POST or None, instance=item, experiment=access.experiment)
    if request.method == "POST" and form.is_valid():
        services.save_planning_item(request.user, form, access.experiment)
        messages.success(request, _("Planning saved."))
        return redirect("planning:experiment", slug)
    context = {
        "access": access,
        "experiment": access.experiment,
        "form": form,
        "kind": kind,
        "kind_label": model._meta.verbose_name,
        "new_title": NEW_ITEM_TITLES[kind],
        "item": item,
    }
    return render(request, "planning/item_form.html", context)


@login_required
@require_POST
def item_delete(request, slug, kind, pk):
    access = experiment_for(request.user, slug, Capability.EDIT_PLANNING)
    model, _form = _kind(kind)
    item = get_object_or_404(model, pk=pk, experiment=access.experiment)
    services.delete_planning_item(request.user, item)
    messages.success(request, _("“%s” deleted.") % item)
    return redirect("planning:experiment", slug)


@login_required
@require_POST
def task_status(request, slug, pk):
    """The team, and a task's owner whatever their role, may move it along."""
    access = experiment_for(request.user, slug, Capability.VIEW_PLANNING)
    task = get_object_or_404(
        Task.objects.select_related("owner"), pk=pk, experiment=access.experiment
    )
    is_owner = task.owner is not None and task.owner.user_id == request.user.pk
    if not (access.can(Capability.EDIT_PLANNING) or is_owner):
        raise PermissionDenied
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        services.set_task_status(request.user, task, form.cleaned_data["status"])
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("planning:experiment", args=[slug])
    return redirect(back)


@login_required
def my_tasks(request):
    tasks = selectors.my_tasks(request.user)
    context = {
        "groups": selectors.group_by_urgency(tasks),
        "has_tasks": bool(tasks),
        "status_choices": Task.Status.choices,
    }
    return render(request, "planning/my_tasks.html", context)


@login_required
def overdue(request):
    context = {"tasks": selectors.overdue_tasks(request.user)}
    return render(request, "planning/overdue.html", context)


@login_required
def portfolio_timeline(request):
    experiments = list(
        visible_experiments(request.user)
        .exclude(status__in=[Experiment.Status.CLOSED, Experiment.Status.ABANDONED])
        .order_by(BY_LIFECYCLE, "title")
    )
    phases, milestones, _tasks = selectors.planning_of(experiments)
    # Across the portfolio, tasks would drown the chart: phases and milestones only.
    today = timezone.localdate()
    context = {"chart": chart(experiments, phases, milestones, [], today)}
    return render(request, "planning/portfolio_timeline.html", context)


@login_required
def calendar_settings(request):
    if request.method == "POST":
        services.regenerate_calendar_token(request.user)
        messages.success(request, _("New addresses created: the old ones no longer work."))
        return redirect("planning:calendar")
    token = services.calendar_token_of(request.user).token
    experiments = [
        e
        for e in visible_experiments(request.user).select_related(None).order_by("title")
        if Capability.VIEW_PLANNING in capabilities_of(request.user, e)
    ]
    feeds = [(_("My tasks and my experiments' milestones"), _feed_url(request, token, None))]
    feeds += [(e.title, _feed_url(request, token, e.slug)) for e in experiments]
    return render(request, "planning/calendar.html", {"feeds": feeds})


def _feed_url(request, token: str, slug: str | None) -> str:
    if slug is None:
        path = reverse("planning:feed_person", args=[token])
    else:
        path = reverse("planning:feed_experiment", args=[token, slug])
    return request.build_absolute_uri(path)


def _token_user(token: str):
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


def _ics_response(request, name: str, phases, milestones, tasks, show_owner=True) -> HttpResponse:
    def link(obj):
        return request.build_absolute_uri(
            reverse("planning:experiment", args=[obj.experiment.slug])
        )

    body = build_calendar(name, phases, milestones, tasks, link, show_owner)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="civiclab.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def feed_person(request, token):
    """No login: calendar applications only know the secret address."""
    user = _token_user(token)
    experiments = [
        e for e in visible_experiments(user) if Capability.VIEW_PLANNING in capabilities_of(user, e)
    ]
    _phases, milestones, _tasks = selectors.planning_of(experiments)
    tasks = selectors.tasks_with_context(
        Task.objects.filter(owner__user=user, experiment__in=experiments)
    )
    name = _("civiclab — %s") % user
    return _ics_response(request, name, [], milestones, tasks, show_owner=False)


def feed_experiment(request, token, slug):
    user = _token_user(token)
    access = experiment_for(user, slug, Capability.VIEW_PLANNING)
    phases, milestones, tasks = selectors.planning_of([access.experiment])
    return _ics_response(
        request, f"civiclab — {access.experiment.title}", phases, milestones, tasks
    )
