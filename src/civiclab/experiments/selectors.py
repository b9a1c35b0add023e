"""Read-only queries of experiments shared by list pages."""

from django.db.models import Prefetch, QuerySet

from civiclab.experiments.models import BY_ROLE, BY_TAXONOMY, Membership, Method


def with_team(experiments: QuerySet) -> QuerySet:
    """Experiments with territory, team (coordinators first), methods and partners, in a
    fixed number of queries."""
    # List pages show only names: the organisations of team members are not needed there.
    team = Membership.objects.select_related("person").order_by(BY_ROLE, "person__last_name")
    return experiments.select_related("territory").prefetch_related(
        Prefetch("memberships", queryset=team),
        Prefetch("methods", queryset=Method.objects.order_by(BY_TAXONOMY)),
        "partners",
    )
