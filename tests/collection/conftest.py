"""A questionnaire written the Kobo way, open for answers in one campaign."""

import pytest

from civiclab.collection.models import Campaign
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.surveys.forms import kobo_form


@pytest.fixture
def questionnaire(experiment_a, lab_admin):
    questionnaire, _report = import_xlsform(lab_admin, experiment_a, kobo_form())
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save(update_fields=["status"])
    return questionnaire


@pytest.fixture
def campaign(questionnaire):
    return Campaign.objects.create(
        questionnaire=questionnaire,
        label="Vague 1",
        wave=Campaign.Wave.BEFORE,
        online=True,
        face_to_face=True,
        paper=True,
        consent_purpose="Mesurer la confiance dans le conseil de quartier.",
        consent_controller="Ville de Lille",
        consent_retention="2 ans",
        consent_contact="dpo@example.org",
    )


def adult_answers(**changes) -> dict:
    """Answers of a 34-year-old that the Kobo test form accepts."""
    answers = {
        "age": 34,
        "premiere_fois": "oui",
        "nom": "Camille Martin",
        "courriel": "camille@example.org",
        "confiance": "3",
        "canal": ["affiche", "reseaux"],
        "quartier": "wazemmes",
        "priorites": ["securite", "proprete"],
        "date_reunion": "2026-03-12",
        "commentaire": "Très bien",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}
