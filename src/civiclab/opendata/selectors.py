"""What the public site may offer of an experiment's data, and the team's export list."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from civiclab.experiments.models import Experiment
from civiclab.opendata.models import ExportJob
from civiclab.opendata.services import answered_questionnaires, settings_of


@dataclass(frozen=True)
class Dataset:
    """One public file: what it is, its address, and the address of its dictionary."""

    kind: str  # "aggregates" or "answers"
    title: str
    format: str  # "csv" or "json"
    url: str
    dictionary_url: str
    questionnaire: str = ""  # form_id, for answer-level files


def publishes_aggregates(experiment: Experiment) -> bool:
    return experiment.is_public and settings_of(experiment).publish_aggregates


def publishes_answers(experiment: Experiment) -> bool:
    return experiment.is_public and settings_of(experiment).publish_answers


def public_datasets(experiment: Experiment) -> list[Dataset]:
    """The files anyone may download for `experiment` (none unless it is public and its
    coordinator chose to publish): aggregates as CSV and JSON, and the anonymised answers of
    each answered questionnaire. Each address answers without logging in."""
    if not experiment.is_public:
        return []
    options = settings_of(experiment)
    found = []
    slug = experiment.slug
    if options.publish_aggregates:
        for fmt in ("csv", "json"):
            found.append(
                Dataset(
                    kind="aggregates",
                    title=experiment.title,
                    format=fmt,
                    url=reverse("opendata:public_aggregates", args=[slug, fmt]),
                    dictionary_url=reverse("opendata:public_dictionary", args=[slug, fmt]),
                )
            )
    if options.publish_answers:
        for questionnaire in answered_questionnaires(experiment):
            found.append(
                Dataset(
                    kind="answers",
                    title=questionnaire.title,
                    format="csv",
                    url=reverse("opendata:public_answers", args=[slug, questionnaire.form_id]),
                    dictionary_url=reverse(
                        "opendata:public_answers_dictionary", args=[slug, questionnaire.form_id]
                    ),
                    questionnaire=questionnaire.form_id,
                )
            )
    return found


def research_jobs(experiment: Experiment) -> QuerySet[ExportJob]:
    """The experiment's research exports, newest first, with what the list shows."""
    return (
        ExportJob.objects.filter(experiment=experiment, kind=ExportJob.Kind.RESEARCH)
        .select_related("questionnaire", "requested_by")
        .order_by("-created_at", "-pk")
    )
