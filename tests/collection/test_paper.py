"""Paper entry: staff type paper forms in, optionally twice, and settle the differences."""

import pytest
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.collection.models import PaperCheck, PersonalData, Response
from civiclab.collection.views_paper import next_reference
from civiclab.experiments.models import Membership
from tests.conftest import give_role, make_user

pytestmark = pytest.mark.django_db

FORM = {
    "age": "34",
    "premiere_fois": "oui",
    "nom": "Camille Martin",
    "confiance": "3",
    "canal": ["affiche"],
}


def entry_url(campaign):
    return reverse(
        "collection:paper_entry", args=[campaign.questionnaire.experiment.slug, campaign.pk]
    )


def type_form(client, campaign, reference, answers, mode="first"):
    return client.post(entry_url(campaign), {**answers, "paper_reference": reference, "mode": mode})


@pytest.fixture
def typist(client, coordinator_a):
    client.force_login(coordinator_a)
    return coordinator_a


def test_a_typed_form_is_stored_as_a_paper_response(client, campaign, typist):
    response = type_form(client, campaign, "F-009", FORM)
    assert response.status_code == 302
    assert response["Location"].endswith("reference=F-010"), "the next sheet's number is offered"
    stored = Response.objects.get()
    assert (stored.channel, stored.paper_reference, stored.entered_by) == ("paper", "F-009", typist)
    assert stored.answers["canal"] == ["affiche"]
    assert PersonalData.objects.get().data == {"nom": "Camille Martin"}


def test_a_bad_form_is_refused_with_its_values_kept(client, campaign, typist):
    response = type_form(client, campaign, "F-001", {**FORM, "age": "300"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="300"' in page and 'value="F-001"' in page
    assert not Response.objects.exists()


def test_the_same_sheet_cannot_be_typed_twice(client, campaign, typist):
    type_form(client, campaign, "F-001", FORM)
    again = type_form(client, campaign, "F-001", FORM)
    assert again.status_code == 400
    assert Response.objects.count() == 1


def test_a_form_without_its_number_is_refused(client, campaign, typist):
    assert type_form(client, campaign, "", FORM).status_code == 400
    assert not Response.objects.exists()


def test_an_identical_second_typing_is_recorded_without_differences(client, campaign, typist):
    type_form(client, campaign, "F-001", FORM)
    type_form(client, campaign, "F-001", FORM, mode="second")
    paper_check = PaperCheck.objects.get()
    assert paper_check.differences == []
    assert Response.objects.count() == 1, "a second typing adds no response"


def test_differences_are_flagged_then_settled_from_the_paper(client, campaign, typist):
    type_form(client, campaign, "F-001", FORM)
    type_form(client, campaign, "F-001", {**FORM, "age": "43", "canal": []}, mode="second")
    paper_check = PaperCheck.objects.get()
    assert paper_check.differences == ["age", "canal"]
    checks_page = client.get(
        reverse(
            "collection:paper_checks", args=[campaign.questionnaire.experiment.slug, campaign.pk]
        )
    )
    assert "F-001" in checks_page.content.decode()
    url = reverse(
        "collection:paper_check",
        args=[campaign.questionnaire.experiment.slug, campaign.pk, paper_check.pk],
    )
    page = client.get(url).content.decode()
    assert "34" in page and "43" in page
    # The paper says 43 (second typing) and "affiche" (first typing).
    assert client.post(url, {"age": "second", "canal": "first"}).status_code == 302
    stored = Response.objects.get()
    assert stored.answers["age"] == 43 and stored.answers["canal"] == ["affiche"]
    paper_check.refresh_from_db()
    assert paper_check.resolved_by == typist
    event = AuditEvent.objects.filter(object_type="collection.response").get()
    assert event.changes == {"age": [34, 43]}


def test_a_second_typing_of_an_unknown_sheet_is_refused(client, campaign, typist):
    response = type_form(client, campaign, "F-404", FORM, mode="second")
    assert response.status_code == 400
    assert not PaperCheck.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.TEAM_MEMBER, 200),
        (Membership.Role.IMPACT_ANALYST, 200),
        (Membership.Role.PARTNER, 403),
        (Membership.Role.RESEARCHER, 403),
        (Membership.Role.OBSERVER, 403),
        (None, 404),
    ],
)
def test_who_may_type_paper_forms(client, campaign, experiment_a, role, status):
    user = make_user("someone")
    if role:
        give_role(user, experiment_a, role)
    client.force_login(user)
    assert client.get(entry_url(campaign)).status_code == status
    assert type_form(client, campaign, "F-1", FORM).status_code in (
        status,
        302 if status == 200 else status,
    )
    assert Response.objects.count() == (1 if status == 200 else 0)


def test_a_campaign_without_paper_has_no_entry_page(client, campaign, typist):
    campaign.paper = False
    campaign.save()
    assert client.get(entry_url(campaign)).status_code == 404


@pytest.mark.parametrize(
    ("given", "expected"),
    [("F-009", "F-010"), ("12", "13"), ("A99b", "A100b"), ("sans numéro", "")],
)
def test_next_reference(given, expected):
    assert next_reference(given) == expected
