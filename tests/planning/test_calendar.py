"""Calendar feeds: valid iCalendar, only what the token's owner may see, revocable."""

from datetime import date

from django.urls import reverse
from icalendar import Calendar

from civiclab.planning.models import Milestone, Phase, Task
from civiclab.planning.services import calendar_token_of


def _read(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _summaries(calendar: Calendar) -> set[str]:
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def test_experiment_feed_parses_and_holds_the_planning(client, coordinator_a, experiment_a):
    Phase.objects.create(
        experiment=experiment_a,
        name="Installation",
        start_date=date(2026, 1, 5),
        end_date=date(2026, 3, 31),
    )
    Milestone.objects.create(
        experiment=experiment_a, name="Conseils installés", due_date=date(2026, 3, 31)
    )
    Task.objects.create(experiment=experiment_a, title="Tirage au sort", due_date=date(2026, 1, 20))
    token = calendar_token_of(coordinator_a).token
    calendar = _read(
        client.get(reverse("planning:feed_experiment", args=[token, experiment_a.slug]))
    )
    title = experiment_a.title
    assert _summaries(calendar) == {
        f"{title} — Installation",
        f"◆ Conseils installés ({title})",
        f"Tirage au sort ({title})",
    }
    phase = next(e for e in calendar.walk("VEVENT") if "Installation" in str(e["summary"]))
    # All-day events: DTEND is the day after the last day.
    assert phase["dtstart"].dt == date(2026, 1, 5)
    assert phase["dtend"].dt == date(2026, 4, 1)
    assert all(str(e["uid"]).endswith("@civiclab") for e in calendar.walk("VEVENT"))


def test_person_feed_has_my_tasks_only(client, coordinator_a, experiment_a):
    Task.objects.create(
        experiment=experiment_a,
        title="À moi",
        owner=coordinator_a.person,
        due_date=date(2026, 5, 1),
    )
    Task.objects.create(
        experiment=experiment_a, title="À quelqu'un d'autre", due_date=date(2026, 5, 1)
    )
    token = calendar_token_of(coordinator_a).token
    calendar = _read(client.get(reverse("planning:feed_person", args=[token])))
    assert _summaries(calendar) == {f"À moi ({experiment_a.title})"}


def test_feed_of_an_experiment_the_user_cannot_see_is_404(client, partner_b, experiment_a):
    token = calendar_token_of(partner_b).token
    url = reverse("planning:feed_experiment", args=[token, experiment_a.slug])
    assert client.get(url).status_code == 404


def test_regenerating_revokes_the_old_addresses(client, coordinator_a, experiment_a):
    old = calendar_token_of(coordinator_a).token
    client.force_login(coordinator_a)
    page = client.get(reverse("planning:calendar")).content.decode()
    assert old in page
    client.post(reverse("planning:calendar"))
    new = calendar_token_of(coordinator_a).token
    assert new != old
    client.logout()
    assert client.get(reverse("planning:feed_person", args=[old])).status_code == 404
    assert client.get(reverse("planning:feed_person", args=[new])).status_code == 200


def test_unknown_or_inactive_token_is_404(client, coordinator_a):
    assert client.get(reverse("planning:feed_person", args=["nope"])).status_code == 404
    token = calendar_token_of(coordinator_a).token
    coordinator_a.is_active = False
    coordinator_a.save()
    assert client.get(reverse("planning:feed_person", args=[token])).status_code == 404
