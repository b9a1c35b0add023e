# ruff: noqa: E501 -- the bank is data: one answer or item per line reads best.
"""The question bank: standard blocks the lab inserts into a questionnaire in one click.

Choices made here:
- sex is asked as INSEE's census asks it (two answers), so that samples compare with census
  margins; an analyst who needs another wording edits the block after inserting it;
- age bands are the usual survey bands (15–24, 25–34, 35–49, 50–64, 65+, plus under 15 for
  youth processes): each is a sum of INSEE's five-year bands, so census margins stay
  available for the representativeness checks;
- occupation is the 1-digit level of INSEE's socio-professional groups (PCS), with retired
  people and other people without a job as their own answers;
- diploma follows INSEE's usual levels, from no diploma to bac+5 and more;
- the participant evaluation items are inspired by the OECD Evaluation Guidelines for
  Representative Deliberative Processes (2021), written in our own words, as 5-point
  agreement items sharing one list.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.surveys.editing import (
    ChoiceRow,
    _tokens,
    _write_tokens,
    free_code,
    matching_list,
    question_codes,
    section_codes,
    version_outline,
)
from civiclab.surveys.models import Choice, ChoiceList, Question, Questionnaire, Section
from civiclab.surveys.versioning import begin_structural_edit

Type = Question.Type


@dataclass(frozen=True)
class BankQuestion:
    code: str
    type: str
    label_fr: str
    label_en: str
    choice_list: str = ""
    required: bool = False
    hint_fr: str = ""
    hint_en: str = ""
    appearance: str = ""


@dataclass(frozen=True)
class Block:
    key: str
    title: str  # shown in the builder (translated)
    description: str
    section_code: str
    section_fr: str
    section_en: str
    questions: tuple[BankQuestion, ...]
    choice_lists: dict = field(default_factory=dict)


def _rows(*choices: tuple[str, str, str]) -> list[ChoiceRow]:
    return [ChoiceRow(value, fr, en) for value, fr, en in choices]


CHOICE_LISTS = {
    "sexe": _rows(("femme", "Femme", "Woman"), ("homme", "Homme", "Man")),
    "tranche_age": _rows(
        ("moins_15", "Moins de 15 ans", "Under 15"),
        ("15_24", "15 à 24 ans", "15 to 24"),
        ("25_34", "25 à 34 ans", "25 to 34"),
        ("35_49", "35 à 49 ans", "35 to 49"),
        ("50_64", "50 à 64 ans", "50 to 64"),
        ("65_plus", "65 ans ou plus", "65 or over"),
    ),
    "pcs": _rows(
        ("1", "Agriculteurs exploitants", "Farmers"),
        ("2", "Artisans, commerçants et chefs d'entreprise", "Craftspeople, shopkeepers and business owners"),
        ("3", "Cadres et professions intellectuelles supérieures", "Managers and higher intellectual professions"),
        ("4", "Professions intermédiaires", "Intermediate professions"),
        ("5", "Employés", "Clerical, sales and service employees"),
        ("6", "Ouvriers", "Manual workers"),
        ("7", "Retraités", "Retired people"),
        ("8", "Autres personnes sans activité professionnelle", "Other people without paid work"),
    ),
    "diplome": _rows(
        ("aucun_cep", "Aucun diplôme ou certificat d'études primaires", "No diploma or primary school certificate"),
        ("brevet", "Brevet des collèges", "Lower secondary certificate (brevet)"),
        ("cap_bep", "CAP, BEP ou équivalent", "Vocational certificate (CAP, BEP)"),
        ("bac", "Baccalauréat (général, technologique ou professionnel)", "Baccalauréat (upper secondary)"),
        ("bac_2", "Bac + 2 (BTS, DUT, DEUG...)", "Two years of higher education"),
        ("bac_3_4", "Bac + 3 ou 4 (licence, maîtrise...)", "Three or four years of higher education"),
        ("bac_5", "Bac + 5 ou plus (master, doctorat, grande école...)", "Five years of higher education or more"),
    ),
    "oui_non_nsp": _rows(("oui", "Oui", "Yes"), ("non", "Non", "No"), ("nsp", "Je ne sais pas", "I don't know")),
    "oui_non": _rows(("oui", "Oui", "Yes"), ("non", "Non", "No")),
    "accord5": _rows(
        ("1", "Pas du tout d'accord", "Strongly disagree"),
        ("2", "Plutôt pas d'accord", "Somewhat disagree"),
        ("3", "Ni d'accord ni pas d'accord", "Neither agree nor disagree"),
        ("4", "Plutôt d'accord", "Somewhat agree"),
        ("5", "Tout à fait d'accord", "Strongly agree"),
    ),
}  # fmt: skip

Q = BankQuestion
PROFILE = Block(
    key="profil",
    title=_("Who takes part (INSEE categories)"),
    description=_(
        "Sex, age band, socio-professional group, diploma, commune, priority neighbourhood, "
        "first participation: comparable with the census."
    ),
    section_code="profil",
    section_fr="Votre profil",
    section_en="About you",
    questions=(
        Q("sexe", Type.SINGLE_CHOICE, "Vous êtes :", "You are:", "sexe"),
        Q("tranche_age", Type.SINGLE_CHOICE, "Quel est votre âge ?", "How old are you?", "tranche_age", True),
        Q(
            "pcs", Type.SINGLE_CHOICE,
            "Quelle est votre situation professionnelle actuelle (ou la dernière, si vous êtes retraité·e) ?",
            "What is your current occupation (or your last one, if retired)?", "pcs",
        ),
        Q("diplome", Type.SINGLE_CHOICE, "Quel est votre diplôme le plus élevé ?", "What is your highest qualification?", "diplome"),
        Q(
            "commune", Type.SHORT_TEXT, "Dans quelle commune ou quel quartier habitez-vous ?",
            "Which town or neighbourhood do you live in?",
            hint_fr="L'équipe peut remplacer ce champ par une liste de quartiers.",
            hint_en="The team may replace this field with a list of neighbourhoods.",
        ),
        Q(
            "qpv", Type.SINGLE_CHOICE,
            "Habitez-vous un quartier prioritaire de la politique de la ville (QPV) ?",
            "Do you live in a priority neighbourhood of the city policy (QPV)?", "oui_non_nsp",
        ),
        Q(
            "premiere_participation", Type.YES_NO,
            "Est-ce la première fois que vous participez à une démarche participative ?",
            "Is this the first time you take part in a participatory process?", "oui_non",
        ),
    ),
)  # fmt: skip

EVALUATION_ITEMS = [
    ("eval_information", "Les informations fournies étaient claires et de bonne qualité.", "The information provided was clear and of good quality."),
    ("eval_equilibre", "Les différents points de vue ont été présentés de façon équilibrée.", "The different points of view were presented in a balanced way."),
    ("eval_parole", "J'ai pu m'exprimer autant que je le souhaitais.", "I was able to speak as much as I wanted."),
    ("eval_respect", "Les autres participants m'ont écouté·e avec respect.", "Other participants listened to me with respect."),
    ("eval_animation", "L'animation est restée neutre et n'a pas orienté les échanges.", "The facilitation stayed neutral and did not steer the discussion."),
    ("eval_temps", "Nous avons eu assez de temps pour discuter et délibérer.", "We had enough time to discuss and deliberate."),
    ("eval_comprehension", "Je comprends mieux l'enjeu qu'au début de la démarche.", "I understand the issue better than at the start of the process."),
    ("eval_confiance", "J'ai confiance dans la manière dont la démarche a été conduite.", "I trust the way the process was run."),
    ("eval_influence", "Je pense que nos propositions pèseront sur la décision finale.", "I expect our proposals to weigh on the final decision."),
    ("eval_participer", "Je participerais de nouveau à une démarche de ce type.", "I would take part in a process like this again."),
]  # fmt: skip
EVALUATION = Block(
    key="evaluation",
    title=_("Participants' evaluation of the process"),
    description=_(
        "Ten agreement statements on information, balance, speaking time, respect, neutral "
        "facilitation, time, understanding, trust, expected influence, taking part again."
    ),
    section_code="evaluation",
    section_fr="Votre avis sur la démarche",
    section_en="Your view of the process",
    questions=tuple(
        Q(code, Type.SCALE, fr, en, "accord5", appearance="likert")
        for code, fr, en in EVALUATION_ITEMS
    ),
)

BLOCKS = {block.key: block for block in (PROFILE, EVALUATION)}


@dataclass
class Insertion:
    section: Section
    renamed: dict[str, str]  # bank code -> code given, when the bank's was taken
    reused_lists: list[str]


@transaction.atomic
@in_site_language
def insert_block(actor, questionnaire: Questionnaire, key: str) -> Insertion:
    """Add a bank block at the end of the current version, as a section of its own.

    Codes already used get a suffix (`sexe_2`) and are reported; a choice list identical
    (values and labels) to one of the version is reused rather than duplicated."""
    block = BLOCKS[key]
    version = begin_structural_edit(questionnaire, actor)
    taken = section_codes(version) | question_codes(version)
    list_names = set(version.choice_lists.values_list("name", flat=True))
    lists, reused = {}, []
    for name in {q.choice_list for q in block.questions if q.choice_list}:
        rows = CHOICE_LISTS[name]
        existing = matching_list(version, rows)
        if existing is not None:
            lists[name] = existing
            reused.append(existing.name)
            continue
        lists[name] = ChoiceList.objects.create(version=version, name=free_code(name, list_names))
        list_names.add(lists[name].name)
        Choice.objects.bulk_create(
            Choice(
                choice_list=lists[name],
                value=r.value,
                label_fr=r.label_fr,
                label_en=r.label_en,
                position=i,
            )
            for i, r in enumerate(rows)
        )
    section = Section.objects.create(
        version=version,
        code=free_code(block.section_code, taken),
        label_fr=block.section_fr,
        label_en=block.section_en,
        position=10**6,
    )
    taken.add(section.code)
    renamed = {}
    questions = []
    for position, item in enumerate(block.questions, start=10**6 + 1):
        code = free_code(item.code, taken)
        taken.add(code)
        if code != item.code:
            renamed[item.code] = code
        questions.append(
            Question(
                version=version,
                section=section,
                code=code,
                type=item.type,
                label_fr=item.label_fr,
                label_en=item.label_en,
                hint_fr=item.hint_fr,
                hint_en=item.hint_en,
                required=item.required,
                appearance=item.appearance,
                choice_list=lists.get(item.choice_list),
                position=position,
            )
        )
    Question.objects.bulk_create(questions)
    _write_tokens(_tokens(version_outline(version)))
    record(
        actor,
        AuditEvent.Action.CREATED,
        section,
        questionnaire.experiment,
        {"bank_block": ["", block.key], "questions": [[], [q.code for q in questions]]},
    )
    return Insertion(section, renamed, sorted(reused))
