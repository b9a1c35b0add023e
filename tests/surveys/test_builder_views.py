"""Builder and co-construction pages through the test client: who may, who may not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civiclab.experiments.models import Membership
from civiclab.surveys import bank, editing, review
from civiclab.surveys.models import Approval, CommentThread, Question, Questionnaire
from civiclab.surveys.services import import_xlsform
from tests.conftest import give_role, make_user
from tests.surveys.forms import kobo_form

Role = Membership.Role


@pytest.fixture
def questionnaire(coordinator_a, experiment_a) -> Questionnaire:
    questionnaire, _report = import_xlsform(coordinator_a, experiment_a, kobo_form())
    return questionnaire


def url(name, questionnaire, *args, query=""):
    path = reverse(f"surveys:{name}", args=[questionnaire.experiment.slug, questionnaire.pk, *args])
    return path + query


def member(experiment, role):
    user = make_user(f"u-{role}")
    give_role(user, experiment, role)
    return user


@pytest.mark.parametrize(
    ("role", "build", "read", "comment", "approve"),
    [
        (Role.COORDINATOR, 200, 200, 302, 302),
        (Role.IMPACT_ANALYST, 200, 200, 302, 403),
        (Role.PARTNER, 403, 200, 302, 302),
        (Role.RESEARCHER, 403, 200, 302, 403),
        (Role.INNOVATOR, 403, 200, 302, 403),
        (Role.COMMUNICATOR, 403, 200, 403, 403),
        (Role.OBSERVER, 403, 403, 403, 403),
        (None, 404, 404, 404, 404),
    ],
)
def test_role_matrix(client, questionnaire, experiment_a, role, build, read, comment, approve):
    """Partners comment and approve but never build; researchers comment, never approve;
    observers and communicators never edit; strangers do not even see the questionnaire."""
    user = member(experiment_a, role) if role else make_user("stranger")
    questionnaire.status = Questionnaire.Status.IN_REVIEW
    questionnaire.save()
    client.force_login(user)
    age = questionnaire.current_version().questions.get(code="age")
    assert client.get(url("build", questionnaire)).status_code == build
    assert client.get(url("question_edit", questionnaire, age.pk)).status_code == build
    moved = client.post(url("question_move", questionnaire, age.pk), {"direction": "down"})
    assert moved.status_code == (302 if build == 200 else build)
    for page in ("preview", "comments", "versions"):
        assert client.get(url(page, questionnaire)).status_code == read, page
    posted = client.post(url("comments", questionnaire), {"question_code": "age", "body": "?"})
    assert posted.status_code == comment
    assert CommentThread.objects.exists() == (comment == 302)
    assert client.post(url("status", questionnaire, "approve")).status_code == approve
    assert Approval.objects.exists() == (approve == 302)


def test_partner_of_another_experiment_gets_404(client, questionnaire, partner_b):
    client.force_login(partner_b)
    for page in ("preview", "comments", "versions", "build"):
        assert client.get(url(page, questionnaire)).status_code == 404


def test_add_question_with_suggested_code_and_expression_check(
    client, coordinator_a, questionnaire
):
    client.force_login(coordinator_a)
    data = {
        "label_fr": "Quel est votre quartier préféré ?",
        "type": Question.Type.SHORT_TEXT,
        "code": "",
        "relevant": "",
    }
    response = client.post(url("question_new", questionnaire), data)
    assert response.status_code == 302
    question = questionnaire.current_version().questions.get(label_fr=data["label_fr"])
    assert question.code == "quartier_prefere"
    duplicate = client.post(url("question_new", questionnaire), {**data, "code": "age"})
    assert duplicate.status_code == 400
    assert 'class="errorlist' in duplicate.content.decode()
    personal = client.post(
        url("question_new", questionnaire), {**data, "label_fr": "Votre téléphone", "code": "tel"}
    )
    assert personal.status_code == 302
    assert questionnaire.current_version().questions.get(code="tel").is_personal_data


def test_show_if_syntax_is_checked_on_save(client, coordinator_a, questionnaire):
    pytest.importorskip("civiclab.surveys.expressions")
    client.force_login(coordinator_a)
    age = questionnaire.current_version().questions.get(code="age")
    data = {
        "label_fr": "Âge",
        "type": Question.Type.INTEGER,
        "code": "age",
        "relevant": "${inconnu} >= 2",
    }
    response = client.post(url("question_edit", questionnaire, age.pk), data)
    assert response.status_code == 400
    assert "inconnu" in response.content.decode()
    response = client.post(url("question_edit", questionnaire, age.pk), {**data, "relevant": "${"})
    assert response.status_code == 400


def test_move_with_script_returns_outline_with_focus_and_announcement(
    client, coordinator_a, questionnaire
):
    client.force_login(coordinator_a)
    age = questionnaire.current_version().questions.get(code="age")
    response = client.post(
        url("question_move", questionnaire, age.pk),
        {"direction": "down"},
        headers={"X-Builder": "outline"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<ol id="outline"')
    assert f'data-focus="q-{age.pk}-down"' in page
    assert 'data-announcement=""' not in page and " 2 " in page  # "question 2 of N"
    assert f'data-focus-key="q-{age.pk}-down" autofocus' in page
    without_script = client.post(url("question_move", questionnaire, age.pk), {"direction": "up"})
    assert without_script.url.endswith(f"focus=q-{age.pk}-up#q-{age.pk}")


def test_bank_insert_through_the_page(client, coordinator_a, questionnaire):
    client.force_login(coordinator_a)
    response = client.post(url("bank_insert", questionnaire), {"block": "profil"}, follow=True)
    assert 'id="s-' in response.content.decode()
    assert questionnaire.current_version().questions.filter(code="pcs").exists()


def test_builder_query_count_does_not_grow_with_questions(
    client, coordinator_a, questionnaire, django_assert_max_num_queries
):
    client.force_login(coordinator_a)
    review.start_thread(coordinator_a, questionnaire, "age", "Un commentaire")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("build", questionnaire)).status_code == 200
    bank.insert_block(coordinator_a, questionnaire, "evaluation")
    bank.insert_block(coordinator_a, questionnaire, "profil")
    editing.duplicate_section(
        coordinator_a, questionnaire.current_version().sections.get(code="evaluation")
    )
    assert questionnaire.current_version().questions.count() > 35
    with CaptureQueriesContext(connection) as large:
        assert client.get(url("build", questionnaire)).status_code == 200
    assert len(large) == len(small)
    for page in ("preview", "comments", "versions"):
        with django_assert_max_num_queries(len(small) + 2):
            client.get(url(page, questionnaire))


def test_wording_fix_on_frozen_version_through_the_form(client, coordinator_a, questionnaire):
    client.force_login(coordinator_a)
    version = questionnaire.current_version()
    version.frozen = True
    version.save()
    age = version.questions.get(code="age")
    data = {
        "label_fr": "Votre âge",
        "label_en": age.label_en,
        "type": age.type,
        "code": "age",
        "required": "on",
        "constraint": age.constraint,
        "constraint_message_fr": age.constraint_message_fr,
        "constraint_message_en": age.constraint_message_en,
        "min_value": "15",
        "max_value": "110",
        "section": age.section_id,
    }
    assert client.post(url("question_edit", questionnaire, age.pk), data).status_code == 302
    assert questionnaire.versions.count() == 1
    data["required"] = ""
    client.post(url("question_edit", questionnaire, age.pk), data)
    assert questionnaire.versions.count() == 2


def test_comment_thread_reply_and_resolve(client, questionnaire, experiment_a, coordinator_a):
    partner = member(experiment_a, Role.PARTNER)
    client.force_login(partner)
    client.post(url("comments", questionnaire), {"question_code": "", "body": "Trop long ?"})
    thread = CommentThread.objects.get()
    client.post(url("thread_action", questionnaire, thread.pk, "reply"), {"body": "Oui."})
    client.post(url("thread_action", questionnaire, thread.pk, "resolve"))
    thread.refresh_from_db()
    assert thread.comments.count() == 2 and thread.resolved_by == partner
    page = client.get(url("comments", questionnaire, query="?show=all")).content.decode()
    assert "Trop long ?" in page and "Oui." in page


def test_diff_page_lists_changes(client, coordinator_a, questionnaire):
    version = questionnaire.current_version()
    version.frozen = True
    version.save()
    editing.delete_question(coordinator_a, version.questions.get(code="merci"))
    client.force_login(coordinator_a)
    page = client.get(url("versions", questionnaire, query="?from=1&to=2")).content.decode()
    assert 'id="diff-removed"' in page and "<code>merci</code>" in page
