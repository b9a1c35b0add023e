"""Shared fixtures: a few named users covering the roles, reused by every test."""

import pytest

from civiclab.accounts.models import Organisation, Person, User
from civiclab.experiments import services
from civiclab.experiments.models import Experiment, Membership, Territory

PASSWORD = "Motdepasse-demo-2026"
Role = Membership.Role


def make_user(username: str, *, staff: bool = False) -> User:
    user = User.objects.create_user(
        username, f"{username}@exemple.fr", PASSWORD, first_name=username.title(), is_staff=staff
    )
    Person.objects.create(first_name=username.title(), last_name="Test", user=user)
    return user


def make_experiment(title: str, territory_name: str = "Lille") -> Experiment:
    territory, _ = Territory.objects.get_or_create(
        name=territory_name, level=Territory.Level.COMMUNE, defaults={"insee_code": "59350"}
    )
    experiment = Experiment.objects.create(
        title=title,
        slug=services.unique_slug(title),
        territory=territory,
        status=Experiment.Status.RUNNING,
    )
    services.start_protocol(None, experiment, {"context": "Contexte initial."})
    return experiment


def give_role(user: User, experiment: Experiment, role: str) -> Membership:
    return Membership.objects.create(experiment=experiment, person=user.person, role=role)


@pytest.fixture(autouse=True)
def own_analysis_copies(settings, tmp_path):
    """Each test keeps its columnar copies of answers apart: ids repeat across tests."""
    settings.ANALYSIS_SNAPSHOT_DIR = tmp_path / "analysis"


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    if "argon2" not in request.node.name:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def experiment_a(db):
    return make_experiment("Réinventer les conseils de quartier")


@pytest.fixture
def experiment_b(db):
    return make_experiment("Massifier l'engagement citoyen", "Hauts-de-France")


@pytest.fixture
def lab_admin(db):
    return make_user("admin", staff=True)


@pytest.fixture
def coordinator_a(experiment_a):
    user = make_user("coordinatrice")
    give_role(user, experiment_a, Role.COORDINATOR)
    return user


@pytest.fixture
def partner_b(experiment_b):
    user = make_user("partenaire")
    give_role(user, experiment_b, Role.PARTNER)
    return user


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Ville de Lille", kind=Organisation.Kind.LOCAL_AUTHORITY
    )
