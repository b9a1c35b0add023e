"""The access helper every experiment view goes through."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from civiclab.experiments.models import Experiment, Membership
from civiclab.experiments.permissions import Capability, capabilities_for


@dataclass(frozen=True)
class ExperimentAccess:
    experiment: Experiment
    role: str | None
    capabilities: frozenset[Capability]

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def role_label(self) -> str:
        return Membership.Role(self.role).label if self.role else ""


def role_of(user, experiment: Experiment) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(experiment=experiment, person__user=user)
        .values_list("role", flat=True)
        .first()
    )


def capabilities_of(user, experiment: Experiment) -> frozenset[Capability]:
    return capabilities_for(user, role_of(user, experiment), experiment)


def experiment_for(user, slug: str, capability: str = Capability.VIEW) -> ExperimentAccess:
    """The experiment `slug` if `user` may exercise `capability` on it.

    Someone with no role on it gets a 404, so that experiments they are not part of do not
    even seem to exist; a member whose role lacks the capability gets a 403.
    """
    try:
        experiment = Experiment.objects.select_related("territory").get(slug=slug)
    except Experiment.DoesNotExist:
        raise Http404 from None
    role = role_of(user, experiment)
    capabilities = capabilities_for(user, role, experiment)
    if Capability.VIEW not in capabilities:
        raise Http404
    if capability not in capabilities:
        raise PermissionDenied
    return ExperimentAccess(experiment, role, capabilities)


def visible_experiments(user) -> QuerySet[Experiment]:
    """The experiments `user` may see: all for lab staff, else those they have a role on."""
    experiments = Experiment.objects.all()
    if user.is_authenticated and user.is_lab_staff:
        return experiments
    if not user.is_authenticated:
        return experiments.none()
    return experiments.filter(memberships__person__user=user).distinct()
