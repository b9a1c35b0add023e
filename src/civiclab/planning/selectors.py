"""Read-only queries of the planning, shared by pages and feeds."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from civiclab.experiments.access import visible_experiments
from civiclab.planning.models import Milestone, Phase, Task

OPEN = [Task.Status.TODO, Task.Status.IN_PROGRESS, Task.Status.BLOCKED]


def tasks_with_context(tasks: QuerySet) -> QuerySet:
    return tasks.select_related("experiment", "owner", "phase", "depends_on")


def my_tasks(user) -> QuerySet[Task]:
    """Open tasks owned by `user`, on experiments they can still see."""
    return tasks_with_context(
        Task.objects.filter(
            owner__user=user,
            status__in=OPEN,
            experiment__in=visible_experiments(user),
        )
    ).order_by("due_date", "id")


def overdue_tasks(user) -> QuerySet[Task]:
    return tasks_with_context(
        Task.objects.filter(
            experiment__in=visible_experiments(user),
            status__in=OPEN,
            due_date__lt=timezone.localdate(),
        )
    ).order_by("due_date", "id")


def group_by_urgency(tasks) -> list[tuple[str, list[Task]]]:
    """Tasks split into overdue, due this week, later, and without a date."""
    today = timezone.localdate()
    week_end = today + timedelta(days=6 - today.weekday())
    groups = {"overdue": [], "week": [], "later": [], "undated": []}
    for task in tasks:
        if task.due_date is None:
            groups["undated"].append(task)
        elif task.due_date < today:
            groups["overdue"].append(task)
        elif task.due_date <= week_end:
            groups["week"].append(task)
        else:
            groups["later"].append(task)
    return list(groups.items())


def planning_of(experiments) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Phases, milestones and tasks of `experiments`, each in one query."""
    phases = Phase.objects.filter(experiment__in=experiments).select_related("experiment")
    milestones = Milestone.objects.filter(experiment__in=experiments).select_related(
        "experiment", "phase"
    )
    tasks = tasks_with_context(Task.objects.filter(experiment__in=experiments))
    return phases, milestones, tasks
