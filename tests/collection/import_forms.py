"""A questionnaire without conditions and the answer files other tools export for it."""

import csv
import io

from civiclab.collection.models import Campaign
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.surveys.forms import CHOICES, SURVEY_HEADER, survey_row, workbook_bytes

# Every question type an import has to read, and no show-if, constraint or calculation,
# so these tests do not depend on the expression engine.
QUESTIONS = [
    SURVEY_HEADER,
    survey_row("integer", "age", "Âge", "Age", required="yes"),
    survey_row("decimal", "taille", "Taille en mètres", "Height in metres"),
    survey_row("select_one oui_non", "premiere_fois", "Première participation ?", "First time?"),
    survey_row(
        "select_one accord",
        "confiance",
        "J'ai confiance dans le conseil de quartier",
        "I trust the neighbourhood council",
        appearance="likert",
    ),
    survey_row("select_multiple canaux", "canal", "Comment avez-vous connu le conseil ?", "How?"),
    survey_row("rank priorites", "priorites", "Classez vos priorités", "Rank your priorities"),
    survey_row("date", "date_reunion", "Date de la dernière réunion", "Date of last meeting"),
    survey_row("text", "commentaire", "Un commentaire ?", "Any comment?"),
    survey_row("text", "courriel", "Votre courriel", "Your e-mail"),
]


def plain_form() -> bytes:
    settings = {"form_title": "Avis sur le conseil", "form_id": "avis_conseil"}
    return workbook_bytes(
        {
            "survey": QUESTIONS,
            "choices": CHOICES,
            "settings": [list(settings), list(settings.values())],
        }
    )


def plain_campaign(experiment, actor) -> Campaign:
    questionnaire, _report = import_xlsform(actor, experiment, plain_form())
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save(update_fields=["status"])
    return Campaign.objects.create(questionnaire=questionnaire, label="Vague 1", paper=True)


def csv_bytes(rows: list[list], *, delimiter=";", encoding="cp1252", bom=False) -> bytes:
    output = io.StringIO(newline="")
    csv.writer(output, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = output.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


# French Excel: labels as headers, ";" separator, cp1252, decimal comma, dd/mm/yyyy.
EXCEL_ROWS = [
    [
        "Âge",
        "Taille en mètres",
        "Première participation ?",
        "J'ai confiance dans le conseil de quartier",
        "Comment avez-vous connu le conseil ?",
        "Classez vos priorités",
        "Date de la dernière réunion",
        "Un commentaire ?",
        "Votre courriel",
    ],
    ["34", "1,72", "Oui", "Plutôt d'accord", "Affiche; Réseaux sociaux", "Sécurité, Propreté",
     "12/03/2026", "Très bien, merci", "camille@example.org"],
    ["19", "1,8", "non", "Tout à fait d'accord", "Bouche à oreille", "Mobilité",
     "01/02/2026", "", ""],
    ["67", "", "Oui", "Pas du tout d'accord", "", "", "", "Trop de réunions le soir", ""],
]  # fmt: skip
