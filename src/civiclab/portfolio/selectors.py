"""The portfolio dashboard: one row per experiment, with what needs attention.

Every column is a correlated subquery of the same SQL query, so the number of queries does
not grow with the number of experiments, tasks or meetings.
"""

from datetime import date, datetime

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from civiclab.budget.models import Expense
from civiclab.budget.selectors import committed_sum, paid_sum
from civiclab.meetings.models import Meeting, Outcome
from civiclab.planning.models import Milestone, Task
from civiclab.planning.selectors import OPEN


def _count(queryset, by: str = "experiment") -> Coalesce:
    """How many rows of `queryset` (already filtered on OuterRef) there are, 0 for none."""
    counted = queryset.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_dashboard(experiments: QuerySet, today: date, now: datetime) -> QuerySet:
    """`experiments` annotated with the dashboard's columns."""
    next_milestone = Milestone.objects.filter(
        experiment=OuterRef("pk"), reached_on=None, due_date__gte=today
    ).order_by("due_date", "id")
    next_meeting = Meeting.objects.filter(experiment=OuterRef("pk"), starts_at__gte=now).order_by(
        "starts_at", "id"
    )
    overdue = Task.objects.filter(experiment=OuterRef("pk"), status__in=OPEN, due_date__lt=today)
    open_actions = Outcome.objects.filter(
        meeting__experiment=OuterRef("pk"),
        kind=Outcome.Kind.ACTION,
        status=Outcome.Status.OPEN,
    )
    return experiments.annotate(
        next_milestone_name=Subquery(next_milestone.values("name")[:1]),
        next_milestone_date=Subquery(next_milestone.values("due_date")[:1]),
        next_meeting_title=Subquery(next_meeting.values("title")[:1]),
        next_meeting_at=Subquery(next_meeting.values("starts_at")[:1]),
        next_meeting_id=Subquery(next_meeting.values("pk")[:1]),
        overdue_tasks=_count(overdue),
        open_actions=_count(open_actions, by="meeting__experiment"),
    )


def changes_since(experiments, since: date) -> dict[str, QuerySet]:
    """What the lab steering committee reviews: milestones reached, decisions taken and money
    committed since its last meeting, on the given experiments."""
    return {
        "spending": Expense.objects.filter(experiment__in=experiments, date__gte=since)
        .values("experiment__title")
        .annotate(committed=committed_sum(), paid=paid_sum())
        .order_by("experiment__title"),
        "milestones": Milestone.objects.filter(experiment__in=experiments, reached_on__gte=since)
        .select_related("experiment")
        .order_by("reached_on"),
        "decisions": Outcome.objects.filter(
            meeting__experiment__in=experiments,
            kind=Outcome.Kind.DECISION,
            meeting__starts_at__date__gte=since,
        )
        .select_related("meeting__experiment")
        .order_by("meeting__starts_at"),
    }


def last_lab_committee(before: datetime) -> Meeting | None:
    return (
        Meeting.objects.filter(
            experiment=None,
            kind=Meeting.Kind.LAB_COMMITTEE,
            status__in=[Meeting.Status.HELD, Meeting.Status.CLOSED],
            starts_at__lt=before,
        )
        .order_by("-starts_at")
        .first()
    )
