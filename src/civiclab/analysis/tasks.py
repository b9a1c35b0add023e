"""Background computation of results, run by `manage.py db_worker`."""

from django.core.cache import cache as shared_cache
from django_tasks import task

from civiclab.analysis import cache
from civiclab.analysis.crosstabs import crosstab_data
from civiclab.analysis.dashboard import dashboard_data, dashboard_key
from civiclab.analysis.participants import PARTICIPANTS, participants_data
from civiclab.analysis.questions import questions_data
from civiclab.experiments.models import Experiment
from civiclab.surveys.models import Questionnaire

PENDING = "analysis-pending:%s:%s"


def _builder(key: str, experiment: Experiment):
    if key == PARTICIPANTS:
        return lambda: participants_data(experiment)
    if key.startswith("crosstab:"):
        _prefix, questionnaire_id, wave, rows, columns, weighting = key.split(":")
        questionnaire = Questionnaire.objects.get(pk=questionnaire_id, experiment=experiment)
        weighted = weighting == "weighted"
        return lambda: crosstab_data(questionnaire, wave, rows, columns, weighted)
    if key.startswith("questions:"):
        _prefix, questionnaire_id, wave, weighting = key.split(":")
        questionnaire = Questionnaire.objects.get(pk=questionnaire_id, experiment=experiment)
        return lambda: questions_data(questionnaire, wave, weighting == "weighted")
    return lambda: dashboard_data(experiment, weighted=key == dashboard_key(True))


@task()
def refresh(experiment_id: int, key: str) -> None:
    """Compute one result of an experiment (a dashboard, the participants' profile) for its
    answers as they are now, and cache it."""
    try:
        experiment = Experiment.objects.get(pk=experiment_id)
        cache.compute(experiment_id, key, _builder(key, experiment))
    finally:
        shared_cache.delete(PENDING % (key, experiment_id))


def schedule(experiment_id: int, key: str) -> None:
    """Ask for a fresh result once: several readers of a stale page queue one task."""
    if shared_cache.add(PENDING % (key, experiment_id), True, timeout=600):
        refresh.enqueue(experiment_id, key)
