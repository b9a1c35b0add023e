"""The lab's portfolio dashboard and what changed since the last steering committee."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from civiclab.experiments.models import BY_LIFECYCLE, Experiment
from civiclab.experiments.views import with_team
from civiclab.portfolio import selectors


@login_required
def index(request):
    if not request.user.is_lab_staff:
        raise PermissionDenied
    now = timezone.now()
    experiments = selectors.with_dashboard(
        with_team(Experiment.objects.order_by(BY_LIFECYCLE, "title")), timezone.localdate(), now
    )
    by_status = dict.fromkeys(Experiment.Status.values, 0)
    for experiment in experiments:
        by_status[experiment.status] += 1
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
