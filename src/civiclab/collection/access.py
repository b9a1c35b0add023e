"""Looking up a campaign for a staff page, with the role check of its experiment."""

from django.shortcuts import get_object_or_404

from civiclab.collection.models import Campaign
from civiclab.experiments.access import ExperimentAccess, experiment_for


def campaign_of(access: ExperimentAccess, pk: int) -> Campaign:
    """The campaign `pk` of the experiment the user already has access to, or 404."""
    return get_object_or_404(
        Campaign.objects.select_related("questionnaire__experiment"),
        pk=pk,
        questionnaire__experiment=access.experiment,
    )


def campaign_for(user, slug: str, pk: int, capability: str) -> tuple[ExperimentAccess, Campaign]:
    """The campaign `pk` of experiment `slug`; 404 for strangers, 403 without `capability`."""
    access = experiment_for(user, slug, capability)
    return access, campaign_of(access, pk)
