"""Planning pages, dependencies, my tasks, and who may see or change what."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civiclab.audit.models import AuditEvent
from civiclab.experiments.models import Membership
from civiclab.planning.models import Milestone, Phase, Task
from tests.conftest import give_role, make_user

TODAY = timezone.localdate()


def _task(experiment, title, **fields):
    return Task.objects.create(experiment=experiment, title=title, **fields)


def _new_url(experiment, kind="task"):
    return reverse("planning:item_new", args=[experiment.slug, kind])


def test_coordinator_adds_a_task_with_an_owner_from_the_team(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    data = {
        "title": "Tirage au sort",
        "owner": coordinator_a.person.pk,
        "due_date": "2026-12-01",
        "status": "todo",
    }
    assert client.post(_new_url(experiment_a), data).status_code == 302
    task = experiment_a.tasks.get()
    assert (task.title, task.owner, str(task.due_date)) == (
        "Tirage au sort",
        coordinator_a.person,
        "2026-12-01",
    )
    assert AuditEvent.objects.filter(experiment=experiment_a, object_type="planning.task").exists()


def test_owner_outside_the_team_is_refused(client, coordinator_a, experiment_a, outsider):
    client.force_login(coordinator_a)
    data = {"title": "X", "owner": outsider.person.pk, "status": "todo"}
    assert client.post(_new_url(experiment_a), data).status_code == 200
    assert not experiment_a.tasks.exists()


def test_dependency_loop_is_refused_and_nothing_saved(client, coordinator_a, experiment_a):
    first = _task(experiment_a, "Premier")
    second = _task(experiment_a, "Second", depends_on=first)
    client.force_login(coordinator_a)
    url = reverse("planning:item_edit", args=[experiment_a.slug, "task", first.pk])
    response = client.post(url, {"title": "Premier", "status": "todo", "depends_on": second.pk})
    assert response.status_code == 200
    assert "boucle" in response.content.decode()
    first.refresh_from_db()
    assert first.depends_on is None


def test_task_cannot_depend_on_itself_or_another_experiments_task(
    client, coordinator_a, experiment_a, experiment_b
):
    task = _task(experiment_a, "Seul")
    foreign = _task(experiment_b, "Ailleurs")
    client.force_login(coordinator_a)
    url = reverse("planning:item_edit", args=[experiment_a.slug, "task", task.pk])
    for other in (task, foreign):
        response = client.post(url, {"title": "Seul", "status": "todo", "depends_on": other.pk})
        assert response.status_code == 200  # not among the choices: a form error
    task.refresh_from_db()
    assert task.depends_on is None


def test_phase_ending_before_it_starts_is_refused(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    data = {"name": "Phase", "start_date": "2026-05-01", "end_date": "2026-04-01"}
    response = client.post(_new_url(experiment_a, "phase"), data)
    assert "La date de fin doit suivre la date de début." in response.content.decode()
    assert not Phase.objects.exists()


def test_malformed_date_is_refused(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    data = {"name": "Jalon", "due_date": "31/02/2026"}
    assert client.post(_new_url(experiment_a, "milestone"), data).status_code == 200
    assert not Milestone.objects.exists()


def test_done_tasks_record_their_completion_date(client, coordinator_a, experiment_a):
    task = _task(experiment_a, "À finir")
    client.force_login(coordinator_a)
    url = reverse("planning:task_status", args=[experiment_a.slug, task.pk])
    client.post(url, {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done" and task.completed_on == TODAY
    client.post(url, {"status": "in_progress"})
    task.refresh_from_db()
    assert task.completed_on is None


def test_status_form_does_not_redirect_elsewhere(client, coordinator_a, experiment_a):
    task = _task(experiment_a, "T")
    client.force_login(coordinator_a)
    url = reverse("planning:task_status", args=[experiment_a.slug, task.pk])
    response = client.post(url, {"status": "done", "next": "https://evil.example/"})
    assert response["Location"] == reverse("planning:experiment", args=[experiment_a.slug])


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [
        (Membership.Role.COORDINATOR, 200, 200),
        (Membership.Role.TEAM_MEMBER, 200, 200),
        (Membership.Role.PARTNER, 200, 403),
        (Membership.Role.OBSERVER, 200, 403),
        (None, 404, 404),
    ],
)
def test_planning_permissions(client, experiment_a, role, view, edit):
    user = make_user("someone")
    if role:
        give_role(user, experiment_a, role)
    client.force_login(user)
    assert client.get(reverse("planning:experiment", args=[experiment_a.slug])).status_code == view
    assert client.get(_new_url(experiment_a)).status_code == edit


def test_partner_of_b_sees_nothing_of_a(client, partner_b, experiment_a):
    task = _task(experiment_a, "Secret", due_date=TODAY - timedelta(days=3))
    client.force_login(partner_b)
    assert client.get(reverse("planning:experiment", args=[experiment_a.slug])).status_code == 404
    url = reverse("planning:task_status", args=[experiment_a.slug, task.pk])
    assert client.post(url, {"status": "done"}).status_code == 404
    assert "Secret" not in client.get(reverse("planning:overdue")).content.decode()
    assert "Secret" not in client.get(reverse("planning:portfolio_timeline")).content.decode()


def test_a_partner_may_move_their_own_task_but_not_others(client, experiment_a):
    partner = make_user("elue")
    give_role(partner, experiment_a, Membership.Role.PARTNER)
    mine = _task(experiment_a, "Valider en conseil municipal", owner=partner.person)
    theirs = _task(experiment_a, "Autre chose")
    client.force_login(partner)
    client.post(
        reverse("planning:task_status", args=[experiment_a.slug, mine.pk]), {"status": "done"}
    )
    url = reverse("planning:task_status", args=[experiment_a.slug, theirs.pk])
    assert client.post(url, {"status": "done"}).status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("done", "todo")


def test_my_tasks_groups_by_urgency(client, coordinator_a, experiment_a):
    person = coordinator_a.person
    _task(experiment_a, "En retard", owner=person, due_date=TODAY - timedelta(days=2))
    _task(experiment_a, "Plus tard", owner=person, due_date=TODAY + timedelta(days=40))
    _task(experiment_a, "Finie", owner=person, due_date=TODAY, status="done")
    _task(experiment_a, "Pas à moi", due_date=TODAY)
    client.force_login(coordinator_a)
    response = client.get(reverse("planning:my_tasks"))
    groups = dict(response.context["groups"])
    assert [t.title for t in groups["overdue"]] == ["En retard"]
    assert [t.title for t in groups["later"]] == ["Plus tard"]
    page = response.content.decode()
    assert "Finie" not in page and "Pas à moi" not in page


def test_planning_page_queries_do_not_grow_with_tasks(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("planning:experiment", args=[experiment_a.slug])
    phase = Phase.objects.create(
        experiment=experiment_a, name="P", start_date=TODAY, end_date=TODAY
    )

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    previous = _task(experiment_a, "t0", phase=phase, owner=coordinator_a.person)
    small = count()
    for i in range(1, 15):
        previous = _task(
            experiment_a, f"t{i}", phase=phase, depends_on=previous, owner=coordinator_a.person
        )
    assert count() == small
