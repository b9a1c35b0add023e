"""The experiment registry: create, edit, filter, status lifecycle, audit trail."""

import re
from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civiclab.accounts.models import Person
from civiclab.audit.models import AuditEvent
from civiclab.experiments import services
from civiclab.experiments.models import Experiment, Membership, Method, Territory
from tests.conftest import give_role, make_experiment, make_user


@pytest.fixture
def territory(db):
    return Territory.objects.create(name="Oignies", insee_code="62637", level="commune")


def _form_data(territory, **overrides):
    data = {
        "title": "La participation dans l'espace public",
        "summary": "Une maison mobile sur la place du marché.",
        "territory": territory.pk,
        "start_date": "2026-03-02",
        "end_date": "2026-12-18",
        "methods": [Method.objects.get(code="workshop").pk],
        "iap2_level": "collaborate",
        "recruitment": "open",
    }
    return {**data, **overrides}


def test_coordinator_creates_an_experiment_and_becomes_its_coordinator(
    client, coordinator_a, territory
):
    client.force_login(coordinator_a)
    response = client.post(reverse("experiments:create"), _form_data(territory))
    experiment = Experiment.objects.get(slug="la-participation-dans-lespace-public")
    assert response.status_code == 302 and response["Location"] == experiment.get_absolute_url()
    assert experiment.status == Experiment.Status.PROPOSAL
    assert experiment.memberships.get().role == Membership.Role.COORDINATOR
    assert experiment.protocol_versions.count() == 1
    assert AuditEvent.objects.filter(experiment=experiment, action="created").exists()


def test_invalid_form_shows_french_errors_and_saves_nothing(client, lab_admin, territory):
    client.force_login(lab_admin)
    data = _form_data(territory, title="", start_date="2026-12-01", end_date="2026-01-01")
    response = client.post(reverse("experiments:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in page
    assert "La date de fin doit suivre la date de début." in page
    assert not Experiment.objects.exists()


def test_edit_records_changed_fields_in_the_audit_trail(client, lab_admin, experiment_a, territory):
    client.force_login(lab_admin)
    url = reverse("experiments:edit", args=[experiment_a.slug])
    client.post(url, _form_data(territory, title="Nouveau titre"))
    event = AuditEvent.objects.filter(experiment=experiment_a, action="changed").get()
    assert event.actor == lab_admin
    assert event.changes["title"] == ["Réinventer les conseils de quartier", "Nouveau titre"]
    assert event.changes["territory"] == ["Lille", "Oignies"]
    journal = client.get(reverse("experiments:audit", args=[experiment_a.slug])).content.decode()
    assert "<strong>Titre</strong> : Réinventer les conseils de quartier → Nouveau titre" in journal


def test_status_follows_the_lifecycle(lab_admin, experiment_a):
    assert experiment_a.status == Experiment.Status.RUNNING
    with pytest.raises(services.StatusChangeRefused):
        services.change_status(lab_admin, experiment_a, Experiment.Status.PROPOSAL)
    with pytest.raises(services.StatusChangeRefused):
        services.change_status(lab_admin, experiment_a, "nonsense")
    services.change_status(lab_admin, experiment_a, Experiment.Status.EVALUATION)
    services.change_status(lab_admin, experiment_a, Experiment.Status.CLOSED)
    with pytest.raises(services.StatusChangeRefused):
        services.change_status(lab_admin, experiment_a, Experiment.Status.ABANDONED)
    assert AuditEvent.objects.filter(experiment=experiment_a, action="changed").count() == 2


def test_refused_status_change_is_explained(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:status", args=[experiment_a.slug])
    response = client.post(url, {"status": "proposal"}, follow=True)
    assert "ne peut pas passer" in response.content.decode()
    experiment_a.refresh_from_db()
    assert experiment_a.status == Experiment.Status.RUNNING


def test_list_filters(client, lab_admin, experiment_a, experiment_b):
    services.change_status(lab_admin, experiment_b, Experiment.Status.EVALUATION)
    client.force_login(lab_admin)
    url = reverse("experiments:list")
    page = client.get(url, {"status": "evaluation"}).content.decode()
    assert escape(experiment_b.title) in page and experiment_a.title not in page
    page = client.get(url, {"q": "quartier"}).content.decode()
    assert experiment_a.title in page and escape(experiment_b.title) not in page
    # A bad filter value does not crash the page: it is ignored.
    assert client.get(url, {"territory": "abc"}).status_code == 200


def test_team_management(client, coordinator_a, experiment_a):
    newcomer = make_user("newcomer")
    client.force_login(coordinator_a)
    url = reverse("experiments:team", args=[experiment_a.slug])
    client.post(url, {"person": newcomer.person.pk, "role": "researcher"})
    membership = experiment_a.memberships.get(person=newcomer.person)
    assert membership.role == "researcher"
    client.post(reverse("experiments:team_remove", args=[experiment_a.slug, membership.pk]))
    assert not experiment_a.memberships.filter(person=newcomer.person).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="experiments.membership").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["created", "deleted"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["portfolio:index", "experiments:list"])
def test_list_pages_make_the_same_number_of_queries_for_3_or_12_experiments(
    client, lab_admin, url_name
):
    def add(n):
        for i in range(n):
            experiment = make_experiment(f"Expérimentation {i} {n}")
            give_role(make_user(f"member-{n}-{i}"), experiment, "coordinator")
            experiment.methods.add(*Method.objects.all()[:2])

    client.force_login(lab_admin)
    add(3)
    small = _queries(client, reverse(url_name))
    add(9)
    assert _queries(client, reverse(url_name)) == small


def test_new_territory_is_created_with_the_experiment(client, coordinator_a):
    client.force_login(coordinator_a)
    data = _form_data(
        Territory(pk=""),
        title="Budget participatif de Roubaix",
        new_territory_name="Roubaix",
        new_territory_level="commune",
        new_territory_insee_code="59512",
    )
    response = client.post(reverse("experiments:create"), data)
    assert response.status_code == 302
    experiment = Experiment.objects.get(title="Budget participatif de Roubaix")
    assert (experiment.territory.name, experiment.territory.insee_code) == ("Roubaix", "59512")


@pytest.mark.parametrize(
    ("level", "code", "message"),
    [
        ("commune", "5951", "5 caractères"),
        ("epci", "12345", "SIREN"),
        ("region", "ABC", "2 chiffres"),
    ],
)
def test_malformed_insee_code_is_refused_and_nothing_saved(
    client, coordinator_a, level, code, message
):
    client.force_login(coordinator_a)
    data = _form_data(
        Territory(pk=""),
        new_territory_name="Quelque part",
        new_territory_level=level,
        new_territory_insee_code=code,
    )
    response = client.post(reverse("experiments:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Territory.objects.filter(name="Quelque part").exists()
    assert Experiment.objects.count() == 1  # only experiment A of the fixture


def test_territory_is_required_one_way_or_the_other(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(reverse("experiments:create"), _form_data(Territory(pk="")))
    assert "Choisissez un territoire ou décrivez-en un nouveau." in response.content.decode()


def test_role_change_keeps_the_old_role_in_the_journal(lab_admin, experiment_a):
    person = make_user("someone").person
    services.add_member(lab_admin, experiment_a, person, "observer")
    services.add_member(lab_admin, experiment_a, person, "researcher")
    services.add_member(lab_admin, experiment_a, person, "researcher")  # no change, no event
    events = AuditEvent.objects.filter(object_type="experiments.membership").order_by("id")
    assert [e.changes["role"] for e in events] == [
        [None, "Observateur·rice"],
        ["Observateur·rice", "Chercheur·e"],
    ]


def test_coordinator_adds_a_new_contact_to_the_team(
    client, coordinator_a, experiment_a, organisation
):
    client.force_login(coordinator_a)
    url = reverse("experiments:team", args=[experiment_a.slug])
    data = {
        "role": "partner",
        "first_name": "Hélène",
        "last_name": "Fournier",
        "email": "helene.fournier@exemple.fr",
        "organisation": organisation.pk,
        "job_title": "Directrice de la participation",
    }
    assert client.post(url, data).status_code == 302
    membership = experiment_a.memberships.get(person__last_name="Fournier")
    assert membership.role == "partner"
    assert membership.person.organisation == organisation
    assert membership.person.user is None  # a contact, without an account


def test_team_form_without_anyone_saves_nothing(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:team", args=[experiment_a.slug])
    before = Person.objects.count()
    response = client.post(url, {"role": "partner", "first_name": "Seul", "email": "pas-un-mail"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in page
    response = client.post(url, {"role": "partner", "first_name": "Seul"})
    assert "Choisissez une personne" in response.content.decode()
    assert Person.objects.count() == before


def test_concurrent_edits_of_an_experiment_do_not_overwrite_silently(
    client, lab_admin, coordinator_a, experiment_a, territory
):
    """Both open the form; the first saves; the second is warned, keeps their input, and
    only a second, deliberate save replaces the first person's change."""
    url = reverse("experiments:edit", args=[experiment_a.slug])
    other = Client()
    client.force_login(coordinator_a)
    other.force_login(lab_admin)
    token_of = re.compile(r'name="edit_token" value="([0-9a-f]+)"')
    token = token_of.search(client.get(url).content.decode()).group(1)
    other_token = token_of.search(other.get(url).content.decode()).group(1)
    assert token == other_token

    first = _form_data(territory, title="Titre de l'admin", edit_token=other_token)
    assert other.post(url, first).status_code == 302

    mine = _form_data(territory, title="Titre de la coordinatrice", edit_token=token)
    response = client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quelqu&#x27;un d&#x27;autre a modifié cette expérimentation" in page
    assert "Titre de la coordinatrice" in page  # their input is still in the form
    experiment_a.refresh_from_db()
    assert experiment_a.title == "Titre de l'admin"

    fresh_token = token_of.search(page).group(1)
    assert fresh_token != token
    assert client.post(url, {**mine, "edit_token": fresh_token}).status_code == 302
    experiment_a.refresh_from_db()
    assert experiment_a.title == "Titre de la coordinatrice"
