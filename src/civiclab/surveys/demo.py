"""The demo lab's questionnaires: one per running experiment, imported as an XLSForm through
the same service as a file uploaded by an analyst."""

import io

import openpyxl

from civiclab.experiments.models import Experiment
from civiclab.surveys.services import import_xlsform

FR, EN = "label::Français (fr)", "label::English (en)"
SURVEY_HEADER = ["type", "name", FR, EN, "required", "relevant", "constraint", "appearance"]

COMMON_PROFILE = [
    ["begin_group", "profil", "Votre profil", "About you", "", "", "", "field-list"],
    ["select_one tranche_age", "tranche_age", "Votre âge", "Your age", "yes", "", "", ""],
    ["select_one sexe", "sexe", "Vous êtes", "You are", "", "", "", ""],
    [
        "select_one oui_non",
        "qpv",
        "Habitez-vous un quartier prioritaire ?",
        "Do you live in a priority neighbourhood?",
        "",
        "",
        "",
        "",
    ],
    [
        "select_one oui_non",
        "premiere_fois",
        "Est-ce votre première participation ?",
        "Is this your first participation?",
        "yes",
        "",
        "",
        "",
    ],
    ["end_group", "", "", "", "", "", "", ""],
]

QUESTIONS = {
    "conseils-de-quartier-lille": (
        "Membres des conseils de quartier",
        [
            [
                "begin_group",
                "avis",
                "Votre conseil de quartier",
                "Your neighbourhood council",
                "",
                "",
                "",
                "",
            ],
            [
                "select_one accord",
                "influence",
                "Le conseil a une influence sur les décisions de la ville",
                "The council influences the city's decisions",
                "yes",
                "",
                "",
                "likert",
            ],
            [
                "select_one accord",
                "ecoute",
                "Mon avis est écouté pendant les séances",
                "My opinion is listened to during meetings",
                "yes",
                "",
                "",
                "likert",
            ],
            [
                "integer",
                "seances",
                "Combien de séances avez-vous suivies cette année ?",
                "How many meetings did you attend this year?",
                "",
                "",
                ". >= 0 and . <= 20",
                "",
            ],
            [
                "select_one oui_non",
                "continuer",
                "Souhaitez-vous continuer l'an prochain ?",
                "Do you wish to carry on next year?",
                "",
                "",
                "",
                "",
            ],
            ["text", "pourquoi", "Pourquoi ?", "Why?", "", "${continuer} = 'non'", "", "multiline"],
            ["end_group", "", "", "", "", "", "", ""],
        ],
    ),
    "engagement-citoyen-hauts-de-france": (
        "Consultation régionale — questionnaire court",
        [
            [
                "select_multiple canal",
                "canal",
                "Comment avez-vous été contacté ?",
                "How were you contacted?",
                "yes",
                "",
                "",
                "",
            ],
            [
                "select_one accord",
                "utile",
                "Donner mon avis à la Région est utile",
                "Giving my opinion to the Region is useful",
                "",
                "",
                "",
                "likert",
            ],
            [
                "text",
                "priorite",
                "Votre priorité pour les jeunes de la région",
                "Your priority for young people in the region",
                "",
                "",
                "",
                "multiline",
            ],
        ],
    ),
    "participation-espace-public-oignies": (
        "Votre avis sur la place du marché",
        [
            [
                "select_multiple usage",
                "usages",
                "Que faites-vous sur la place ?",
                "What do you do on the square?",
                "yes",
                "",
                "",
                "",
            ],
            [
                "select_one accord",
                "agreable",
                "La place est agréable aujourd'hui",
                "The square is pleasant today",
                "",
                "",
                "",
                "likert",
            ],
            [
                "text",
                "idee",
                "Une idée pour la place ?",
                "An idea for the square?",
                "",
                "",
                "",
                "multiline",
            ],
        ],
    ),
}

CHOICES = [
    ["list_name", "name", FR, EN],
    *[["tranche_age", v, fr, en] for v, fr, en in [
        ("15_29", "15-29 ans", "15-29"), ("30_44", "30-44 ans", "30-44"),
        ("45_59", "45-59 ans", "45-59"), ("60_74", "60-74 ans", "60-74"),
        ("75_plus", "75 ans ou plus", "75 or over"),
    ]],
    ["sexe", "femme", "Une femme", "A woman"],
    ["sexe", "homme", "Un homme", "A man"],
    ["sexe", "autre", "Autre ou ne souhaite pas répondre", "Other or prefer not to say"],
    ["oui_non", "oui", "Oui", "Yes"],
    ["oui_non", "non", "Non", "No"],
    *[["accord", str(i), fr, en] for i, (fr, en) in enumerate([
        ("Pas du tout d'accord", "Strongly disagree"), ("Plutôt pas d'accord", "Disagree"),
        ("Plutôt d'accord", "Agree"), ("Tout à fait d'accord", "Strongly agree"),
    ], start=1)],
    ["canal", "marche", "Sur un marché", "At a market"],
    ["canal", "porte", "Porte-à-porte", "Door to door"],
    ["canal", "sms", "Par SMS", "By text message"],
    ["canal", "internet", "Sur internet", "Online"],
    ["usage", "marche", "Le marché", "The market"],
    ["usage", "passage", "J'y passe", "I walk through"],
    ["usage", "rencontre", "J'y retrouve des gens", "I meet people there"],
    ["usage", "enfants", "J'y emmène des enfants", "I bring children"],
]  # fmt: skip


def xlsform_of(slug: str) -> bytes:
    title, questions = QUESTIONS[slug]
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in [SURVEY_HEADER, *COMMON_PROFILE, *questions]:
        survey.append(row)
    choices = workbook.create_sheet("choices")
    for row in CHOICES:
        choices.append(row)
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([title, slug.replace("-", "_")[:40], "2026-01", "Français (fr)"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def build_demo_questionnaires(experiment: Experiment, author) -> None:
    """Import the demo questionnaire of `experiment` unless it already has one."""
    if experiment.slug not in QUESTIONS or experiment.questionnaires.exists():
        return
    import_xlsform(author, experiment, io.BytesIO(xlsform_of(experiment.slug)))
