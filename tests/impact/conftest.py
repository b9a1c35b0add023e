"""A small questionnaire and a framework for experiment A, built by hand.

Questionnaire « Membres » of experiment A, current version 2 (version 1 also had `ancienne`):
  sexe         single choice  femme, homme
  tranche_age  single choice  15_24, 25_34, 35_49, 50_64, 65_plus
  qpv          single choice  oui, non, nsp
  influence    scale          1, 2, 3, 4
  seances      integer
  canal        multiple       marche, porte, sms
  avis         short text
Experiment B has a questionnaire « Régional » with `sexe` only.
"""

import pytest

from civiclab.experiments.models import Hypothesis, Membership
from civiclab.impact.models import Impact, Indicator, Kind
from civiclab.surveys.models import (
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
)
from tests.conftest import give_role, make_user

T = Question.Type
Role = Membership.Role

LISTS = {
    "sexe": ["femme", "homme"],
    "tranche_age": ["15_24", "25_34", "35_49", "50_64", "65_plus"],
    "oui_non_nsp": ["oui", "non", "nsp"],
    "accord": ["1", "2", "3", "4"],
    "canal": ["marche", "porte", "sms"],
}
QUESTIONS = [
    ("sexe", T.SINGLE_CHOICE, "sexe"),
    ("tranche_age", T.SINGLE_CHOICE, "tranche_age"),
    ("qpv", T.SINGLE_CHOICE, "oui_non_nsp"),
    ("influence", T.SCALE, "accord"),
    ("seances", T.INTEGER, None),
    ("canal", T.MULTIPLE_CHOICE, "canal"),
    ("avis", T.SHORT_TEXT, None),
]


def build_version(questionnaire, number, questions):
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=number)
    lists = {}
    for position, (code, qtype, list_name) in enumerate(questions):
        if list_name and list_name not in lists:
            lists[list_name] = ChoiceList.objects.create(version=version, name=list_name)
            for i, value in enumerate(LISTS[list_name]):
                Choice.objects.create(
                    choice_list=lists[list_name],
                    value=value,
                    label_fr=f"Libellé {value}",
                    position=i,
                )
        Question.objects.create(
            version=version,
            code=code,
            type=qtype,
            label_fr=f"Question {code}",
            choice_list=lists.get(list_name),
            position=position,
        )
    return version


@pytest.fixture
def questionnaire_a(experiment_a):
    questionnaire = Questionnaire.objects.create(
        experiment=experiment_a, title="Membres", form_id="membres"
    )
    build_version(questionnaire, 1, [*QUESTIONS, ("ancienne", T.SINGLE_CHOICE, "sexe")])
    build_version(questionnaire, 2, QUESTIONS)
    return questionnaire


@pytest.fixture
def questionnaire_b(experiment_b):
    questionnaire = Questionnaire.objects.create(
        experiment=experiment_b, title="Régional", form_id="regional"
    )
    build_version(questionnaire, 1, [("sexe", T.SINGLE_CHOICE, "sexe")])
    return questionnaire


@pytest.fixture
def hypothesis_a(experiment_a):
    return Hypothesis.objects.create(
        experiment=experiment_a, text="Le tirage au sort diversifie les conseils.", position=1
    )


@pytest.fixture
def impact_a(experiment_a, hypothesis_a):
    return Impact.objects.create(
        experiment=experiment_a, hypothesis=hypothesis_a, title="Des conseils plus divers"
    )


@pytest.fixture
def share_a(experiment_a, impact_a, questionnaire_a):
    return Indicator.objects.create(
        experiment=experiment_a,
        impact=impact_a,
        name="Part des femmes",
        kind=Kind.SHARE,
        questionnaire=questionnaire_a,
        question_code="sexe",
        options=["femme"],
        position=1,
    )


@pytest.fixture
def manual_a(experiment_a, impact_a):
    return Indicator.objects.create(
        experiment=experiment_a,
        impact=impact_a,
        name="Présence aux séances",
        kind=Kind.MANUAL,
        unit="personnes",
        position=2,
    )


@pytest.fixture
def indicator_b(experiment_b):
    impact = Impact.objects.create(experiment=experiment_b, title="Toucher les jeunes")
    return Indicator.objects.create(
        experiment=experiment_b, impact=impact, name="Coût par répondant", kind=Kind.MANUAL
    )


def member(experiment, role, name=None):
    user = make_user(name or f"user-{role}")
    give_role(user, experiment, role)
    return user


@pytest.fixture
def analyst_a(experiment_a):
    return member(experiment_a, Role.IMPACT_ANALYST, "analyste")


@pytest.fixture
def team_a(experiment_a):
    return member(experiment_a, Role.TEAM_MEMBER, "equipe")
