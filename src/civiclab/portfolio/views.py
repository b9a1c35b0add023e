"""The lab's portfolio dashboard and what changed since the last steering committee."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from civiclab.budget.selectors import experiment_rows
from civiclab.experiments.access import experiment_for
from civiclab.experiments.models import BY_LIFECYCLE, Experiment
from civiclab.experiments.permissions import Capability
from civiclab.experiments.selectors import with_team
from civiclab.portfolio import selectors
from civiclab.portfolio.progress import progress_of
from civiclab.portfolio.report_pdf import progress_pdf


@login_required
def index(request):
    if not request.user.is_lab_staff:
        raise PermissionDenied
    now = timezone.now()
    experiments = selectors.with_dashboard(
        with_team(Experiment.objects.order_by(BY_LIFECYCLE, "title")), timezone.localdate(), now
    )
    budgets = {row.experiment.pk: row for row in experiment_rows(experiments)[0]}
    by_status = dict.fromkeys(Experiment.Status.values, 0)
    for experiment in experiments:
        by_status[experiment.status] += 1
        experiment.budget = budgets[experiment.pk]
    counts = [(Experiment.Status(code).label, n) for code, n in by_status.items()]
    last_committee = selectors.last_lab_committee(now)
    since = (
        timezone.localtime(last_committee.starts_at).date()
        if last_committee
        else (timezone.localdate() - timedelta(days=30))
    )
    running = [e for e in experiments if e.status != Experiment.Status.CLOSED]
    context = {
        "experiments": experiments,
        "status_counts": counts,
        "since": since,
        "last_committee": last_committee,
        "changes": selectors.changes_since(running, since),
    }
    return render(request, "portfolio/index.html", context)


@login_required
def progress_report(request, slug, fmt="html"):
    """A one-page report for the partners: where the experiment stands, without asking."""
    access = experiment_for(request.user, slug, Capability.VIEW)
    progress = progress_of(
        access.experiment,
        with_budget=access.can(Capability.VIEW_BUDGET),
        with_meetings=access.can(Capability.VIEW_MEETINGS),
    )
    if fmt == "pdf":
        response = HttpResponse(progress_pdf(progress), content_type="application/pdf")
        name = f"avancement-{access.experiment.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {"access": access, "experiment": access.experiment, "progress": progress}
    return render(request, "portfolio/progress.html", context)
