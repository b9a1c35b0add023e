"""Who may see and change what on an experiment: every role against every page."""

from html import escape

import pytest
from django.urls import reverse

from civiclab.experiments.models import Experiment, Membership
from tests.conftest import give_role, make_experiment, make_user

R = Membership.Role
OK, NO, GONE = 200, 403, 404  # allowed, forbidden (403), hidden (404)

# page -> expected status per role, written out by hand from the product rules rather than
# computed from the permissions module, so that a mistake there shows up here.
# columns: coordinator, team, analyst, researcher, partner, innovator, communicator,
#          observer, lab staff, outsider
PAGES = {
    "detail": (OK, OK, OK, OK, OK, OK, OK, OK, OK, GONE),
    "edit": (OK, NO, NO, NO, NO, NO, NO, NO, OK, GONE),
    "team": (OK, NO, NO, NO, NO, NO, NO, NO, OK, GONE),
    "audit": (NO, NO, NO, NO, NO, NO, NO, NO, OK, GONE),
    "protocol": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "protocol_history": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "protocol_section_edit": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
    "protocol_hypotheses_edit": (OK, OK, OK, NO, NO, NO, NO, NO, OK, GONE),
}  # fmt: skip
WHO = [*R.values, "lab_staff", "outsider"]


def _url(page: str, slug: str) -> str:
    if page == "protocol_section_edit":
        return reverse("experiments:protocol_section_edit", args=[slug, "context"])
    return reverse(f"experiments:{page}", args=[slug])


def _user_for(who: str, experiment: Experiment):
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, experiment, who)
    return user


CASES = [(page, who, PAGES[page][i]) for page in PAGES for i, who in enumerate(WHO)]


@pytest.mark.parametrize(("page", "who", "expected"), CASES)
def test_role_matrix_get(client, experiment_a, page, who, expected):
    """Each role gets exactly the pages its role allows; others get 403, strangers 404."""
    client.force_login(_user_for(who, experiment_a))
    response = client.get(_url(page, experiment_a.slug))
    assert response.status_code == expected


# (url name, POST data) of the changing actions, and the roles allowed to do them.
ACTIONS = {
    "status": ({"status": "evaluation"}, {R.COORDINATOR, "lab_staff"}),
    "edit": ({"title": "Titre changé"}, {R.COORDINATOR, "lab_staff"}),
    "protocol_section_edit": (
        {"text": "Nouveau contexte", "base_version": 1},
        {R.COORDINATOR, R.TEAM_MEMBER, R.IMPACT_ANALYST, "lab_staff"},
    ),
    "protocol_validate": ({"validated_on": "2026-11-20"}, {R.COORDINATOR, "lab_staff"}),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", WHO)
def test_role_matrix_post(client, experiment_a, action, who):
    """Changes are refused, and leave nothing behind, for roles that may not make them."""
    data, allowed = ACTIONS[action]
    client.force_login(_user_for(who, experiment_a))
    args = [experiment_a.slug] + ([1] if action == "protocol_validate" else [])
    if action == "protocol_section_edit":
        args.append("context")
    before = (experiment_a.status, experiment_a.protocol_versions.count())
    response = client.post(reverse(f"experiments:{action}", args=args), data)
    experiment_a.refresh_from_db()
    validated = experiment_a.protocol_versions.filter(copil_validated_on__isnull=False).exists()
    if who in allowed:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == (GONE if who == "outsider" else NO)
        assert (experiment_a.status, experiment_a.protocol_versions.count()) == before
        assert not validated


def test_other_experiment_is_hidden_from_its_non_members(client, coordinator_a, experiment_b):
    """A coordinator of A gets a 404, not a 403, on B: B must not seem to exist."""
    client.force_login(coordinator_a)
    response = client.get(experiment_b.get_absolute_url())
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_list_shows_only_own_experiments(client, coordinator_a, experiment_b):
    client.force_login(coordinator_a)
    page = client.get(reverse("experiments:list")).content.decode()
    assert "Réinventer les conseils de quartier" in page
    assert experiment_b.title not in page


def test_portfolio_is_for_lab_staff_only(client, coordinator_a, lab_admin, experiment_b):
    client.force_login(coordinator_a)
    assert client.get(reverse("portfolio:index")).status_code == 403
    client.force_login(lab_admin)
    page = client.get(reverse("portfolio:index")).content.decode()
    assert "Réinventer les conseils de quartier" in page and escape(experiment_b.title) in page


def test_anonymous_visitors_are_sent_to_login(client, experiment_a):
    response = client.get(experiment_a.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_only_staff_and_coordinators_may_create(client, coordinator_a, partner_b):
    client.force_login(partner_b)
    assert client.get(reverse("experiments:create")).status_code == 403
    client.force_login(coordinator_a)
    assert client.get(reverse("experiments:create")).status_code == 200


def test_team_member_removal_is_refused_across_experiments(client, coordinator_a, experiment_b):
    """A coordinator of A cannot remove a member of B by guessing ids."""
    victim = make_user("victim")
    membership = give_role(victim, experiment_b, R.PARTNER)
    client.force_login(coordinator_a)
    url = reverse(
        "experiments:team_remove", args=["reinventer-les-conseils-de-quartier", membership.pk]
    )
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_make_experiment_helper_gives_distinct_slugs(db):
    assert make_experiment("Même titre").slug != make_experiment("Même titre").slug
