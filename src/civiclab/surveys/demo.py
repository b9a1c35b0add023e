"""The demo lab's questionnaires: one per running experiment, imported as an XLSForm through
the same service as a file uploaded by an analyst, completed with blocks of the question bank,
then co-constructed with a partner (comment threads, an approval)."""

import io

import openpyxl

from civiclab.experiments.models import Experiment, Membership
from civiclab.surveys import bank, editing, review
from civiclab.surveys.services import import_xlsform

FR, EN = "label::Français (fr)", "label::English (en)"
SURVEY_HEADER = ["type", "name", FR, EN, "required", "relevant", "constraint", "appearance"]

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
    for row in [SURVEY_HEADER, *questions]:
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


# Which bank blocks each demo questionnaire takes (the profile always goes first).
BANK_BLOCKS = {
    "conseils-de-quartier-lille": ["profil", "evaluation"],
    "engagement-citoyen-hauts-de-france": ["profil"],
    "participation-espace-public-oignies": ["profil"],
}


def _partner_user(experiment: Experiment, fallback):
    membership = (
        Membership.objects.filter(
            experiment=experiment, role=Membership.Role.PARTNER, person__user__isnull=False
        )
        .select_related("person__user")
        .first()
    )
    return membership.person.user if membership else fallback


def _co_construct(questionnaire, author, partner) -> None:
    """A few review threads from the partner (one resolved), then an approval."""
    review.start_thread(
        partner,
        questionnaire,
        "",
        "Le questionnaire nous semble un peu long pour un public rencontré dans la rue : "
        "peut-on viser cinq minutes au plus ?",
    )
    first = questionnaire.current_version().questions.get(code="commune")
    thread = review.start_thread(
        partner,
        questionnaire,
        first.code,
        "Pourriez-vous préciser dans l'aide qu'il s'agit du lieu d'habitation et non de travail ?",
    )
    review.reply(author, thread, "Bonne remarque, c'est ajouté dans l'aide de la question.")
    editing.update_question(
        author, first, {"hint_fr": "Votre lieu d'habitation.", "hint_en": "Where you live."}
    )
    review.set_resolved(partner, thread, True)
    review.submit_for_review(author, questionnaire)
    review.approve(partner, questionnaire, "Validé pour la ville, merci pour les ajustements.")


def build_demo_questionnaires(experiment: Experiment, author) -> None:
    """Import the demo questionnaire of `experiment` unless it already has one."""
    if experiment.slug not in QUESTIONS or experiment.questionnaires.exists():
        return
    questionnaire, _report = import_xlsform(
        author, experiment, io.BytesIO(xlsform_of(experiment.slug))
    )
    for key in BANK_BLOCKS.get(experiment.slug, []):
        inserted = bank.insert_block(author, questionnaire, key)
        if key == "profil":
            editing.move_section(author, inserted.section, before=_first_key(questionnaire))
    if experiment.slug == "conseils-de-quartier-lille":
        _co_construct(questionnaire, author, _partner_user(experiment, author))


def _first_key(questionnaire) -> str:
    return editing.version_outline(questionnaire.current_version())[0].key
