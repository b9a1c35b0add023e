"""The one-page progress report of an experiment, for its partners."""

from dataclasses import dataclass

from django.utils import timezone

from civiclab.budget.selectors import Totals, budget_of
from civiclab.experiments.models import Experiment
from civiclab.meetings.models import Meeting, Outcome
from civiclab.planning.models import Milestone, Task
from civiclab.planning.selectors import OPEN


@dataclass
class Progress:
    experiment: Experiment
    milestones_done: list[Milestone]
    milestones_next: list[Milestone]
    tasks_done: int
    tasks_open: int
    tasks_overdue: int
    decisions: list[Outcome] | None  # None when the reader may not see the meetings
    next_meeting: Meeting | None
    budget: Totals | None  # None when the reader may not see the budget


def progress_of(experiment: Experiment, with_budget: bool, with_meetings: bool) -> Progress:
    """What a partner reads; meetings and budget only for those whose role shows them."""
    today = timezone.localdate()
    milestones = experiment.milestones.order_by("due_date")
    tasks = experiment.tasks.all()
    return Progress(
        experiment=experiment,
        milestones_done=list(milestones.exclude(reached_on=None).order_by("-reached_on")[:5]),
        milestones_next=list(milestones.filter(reached_on=None)[:3]),
        tasks_done=tasks.filter(status=Task.Status.DONE).count(),
        tasks_open=tasks.filter(status__in=OPEN).count(),
        tasks_overdue=tasks.filter(status__in=OPEN, due_date__lt=today).count(),
        decisions=list(
            Outcome.objects.filter(meeting__experiment=experiment, kind=Outcome.Kind.DECISION)
            .select_related("meeting")
            .order_by("-meeting__starts_at", "-id")[:5]
        )
        if with_meetings
        else None,
        next_meeting=experiment.meetings.filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
        if with_meetings
        else None,
        budget=budget_of(experiment).total if with_budget else None,
    )
