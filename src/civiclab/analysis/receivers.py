"""Cached results go stale when answers are corrected or deleted (new answers change the
count and the highest id, which the stamp reads directly: nothing to do on the hot path)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from civiclab.analysis.cache import answers_edited
from civiclab.collection.models import Response


@receiver(post_save, sender=Response, dispatch_uid="analysis-response-edited")
def _response_saved(sender, instance: Response, created: bool, raw=False, **kwargs):
    if not created and not raw:
        answers_edited(instance.campaign.questionnaire.experiment_id)


@receiver(post_delete, sender=Response, dispatch_uid="analysis-response-deleted")
def _response_deleted(sender, instance: Response, **kwargs):
    answers_edited(instance.campaign.questionnaire.experiment_id)
