"""Qualitative material of experiment A: an interview, a small codebook, open answers.

Users on experiment A: `analyst_a` (impact analyst: manages and codes), `researcher_a`
(codes, does not manage), `partner_a` (partner: sees the experiment, not its transcripts).
"""

import pytest

from civiclab.collection.services import Submission, submit
from civiclab.experiments.models import Membership
from civiclab.qualitative import services
from civiclab.qualitative.models import Code, Source
from tests.analysis.conftest import campaign, questionnaire  # noqa: F401
from tests.collection.conftest import adult_answers
from tests.conftest import give_role, make_user

Role = Membership.Role

INTERVIEW = (
    "Enquêtrice : Pourquoi êtes-vous venue au conseil ?\r\n"
    "Mme R. : Au début, c'était pour la rue Victor Hugo 😀 ; les trottoirs, vous voyez.\r\n"
    "Enquêtrice : Et ensuite ?\r\n"
    "Mme R. : Je suis restée parce qu'on m'écoutait. <script>alert('x')</script> Voilà.\r\n"
)
ANSWERS = [
    "Les bus ne passent plus le soir, c'est un vrai problème 🚌",
    '=HYPERLINK("http://evil.example") plus de bancs',
    "On aimerait être écoutés par les élus.",
]


def member(experiment, role, name):
    user = make_user(name)
    give_role(user, experiment, role)
    return user


@pytest.fixture
def analyst_a(experiment_a):
    return member(experiment_a, Role.IMPACT_ANALYST, "analyste")


@pytest.fixture
def researcher_a(experiment_a):
    return member(experiment_a, Role.RESEARCHER, "chercheuse")


@pytest.fixture
def partner_a(experiment_a):
    return member(experiment_a, Role.PARTNER, "partenaire")


@pytest.fixture
def interview(experiment_a, analyst_a):
    source = Source(experiment=experiment_a, kind=Source.Kind.INTERVIEW, title="Entretien Mme R.")
    return services.save_source(analyst_a, source, INTERVIEW)


@pytest.fixture
def codes(experiment_a, analyst_a):
    family = services.save_code(analyst_a, Code(experiment=experiment_a, name="Motivations"))
    return {
        "family": family,
        "cadre": services.save_code(
            analyst_a, Code(experiment=experiment_a, parent=family, name="Cadre de vie")
        ),
        "ecoute": services.save_code(
            analyst_a, Code(experiment=experiment_a, parent=family, name="Être écouté")
        ),
    }


@pytest.fixture
def open_source(campaign, questionnaire, analyst_a, experiment_a):  # noqa: F811
    """The open question `commentaire` answered three times (texts in ANSWERS)."""
    for text in ANSWERS:
        submit(campaign, Submission(answers=adult_answers(commentaire=text), version_number=1))
    question = questionnaire.current_version().questions.get(code="commentaire")
    return services.open_answers_source(analyst_a, experiment_a, questionnaire, question)
