"""Cached results go stale when answers are corrected or deleted (new answers change the
count and the highest id, which the stamp reads directly: nothing to do on the hot path),
and when what is computed changes: impacts, indicators, values entered by hand."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from civiclab.analysis.cache import results_outdated
from civiclab.analysis.models import AnswersRevision
from civiclab.collection.models import Campaign, Response
from civiclab.experiments.models import Experiment
from civiclab.impact.models import Impact, Indicator, Measurement


@receiver(post_save, sender=Response, dispatch_uid="analysis-response-edited")
def _response_saved(sender, instance: Response, created: bool, raw=False, **kwargs):
    if not created and not raw:
        results_outdated(instance.campaign.questionnaire.experiment_id)


@receiver(post_delete, sender=Response, dispatch_uid="analysis-response-deleted")
def _response_deleted(sender, instance: Response, **kwargs):
    results_outdated(instance.campaign.questionnaire.experiment_id)


@receiver(post_save, sender=Impact, dispatch_uid="analysis-impact-saved")
@receiver(post_delete, sender=Impact, dispatch_uid="analysis-impact-deleted")
@receiver(post_save, sender=Indicator, dispatch_uid="analysis-indicator-saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="analysis-indicator-deleted")
def _framework_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        results_outdated(instance.experiment_id)


@receiver(post_save, sender=Measurement, dispatch_uid="analysis-measurement-saved")
@receiver(post_delete, sender=Measurement, dispatch_uid="analysis-measurement-deleted")
def _measurement_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        results_outdated(instance.indicator.experiment_id)


@receiver(post_save, sender=Experiment, dispatch_uid="analysis-experiment-created")
def _experiment_created(sender, instance, created: bool, raw=False, **kwargs):
    if created and not raw:
        AnswersRevision.objects.get_or_create(experiment=instance)


@receiver(post_save, sender=Campaign, dispatch_uid="analysis-campaign-saved")
def _campaign_saved(sender, instance, created: bool, raw=False, **kwargs):
    # Its answers may have moved to another wave: the columnar copy must be rebuilt.
    if not created and not raw:
        results_outdated(instance.questionnaire.experiment_id)
