"""Who sees what on the Data tab: outsiders nothing (404), readers the aggregates, holders of
pseudonymous answers the research exports, the coordinator the publication settings."""

import pytest
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.experiments.models import Membership
from civiclab.opendata import services
from civiclab.opendata.models import ExportJob, OpenDataSettings
from tests.conftest import give_role, make_user

pytestmark = pytest.mark.django_db


def url(name, questionnaire, *args):
    return reverse(f"opendata:{name}", args=[questionnaire.experiment.slug, *args])


def test_an_outsider_and_a_member_of_another_experiment_get_404(
    client, answered, outsider, partner_b
):
    for user in (outsider, partner_b):
        client.force_login(user)
        for name, args in [
            ("index", []),
            ("settings", []),
            ("aggregates", ["csv"]),
            ("dictionary", ["json"]),
        ]:
            assert client.get(url(name, answered, *args)).status_code == 404, (user, name)
        response = client.post(url("exports", answered), {"questionnaire": answered.pk})
        assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, answered):
    response = client.get(url("index", answered))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_partner_reads_aggregates_but_gets_no_research_export(client, answered, partner_a):
    """VIEW_IMPACT without VIEW_ANSWERS: the page has no export form, and asking anyway,
    listing or downloading an export is refused (403)."""
    job = services.request_export(None, answered, ExportJob.Kind.RESEARCH, "csv")
    client.force_login(partner_a)
    page = client.get(url("index", answered))
    assert page.status_code == 200
    assert url("exports", answered).encode() not in page.content
    assert url("aggregates", answered, "csv").encode() in page.content
    assert client.get(url("aggregates", answered, "csv")).status_code == 200
    data = {"questionnaire": answered.pk, "format": "sav"}
    assert client.post(url("exports", answered), data).status_code == 403
    assert client.get(url("download", answered, job.pk)).status_code == 403
    assert client.get(url("codebook", answered, job.pk)).status_code == 403
    assert client.get(url("job", answered, job.pk)).status_code == 403
    assert client.get(url("settings", answered)).status_code == 403


def test_an_observer_sees_no_data_tab(client, answered):
    observer = make_user("observateur")
    give_role(observer, answered.experiment, Membership.Role.OBSERVER)
    client.force_login(observer)
    assert client.get(url("index", answered)).status_code == 403


def test_a_researcher_exports_but_does_not_change_what_is_published(client, answered, researcher_a):
    client.force_login(researcher_a)
    page = client.get(url("index", answered))
    assert url("exports", answered).encode() in page.content
    assert url("settings", answered).encode() not in page.content
    response = client.post(
        url("exports", answered), {"questionnaire": answered.pk, "format": "dta"}
    )
    job = ExportJob.objects.get()
    assert response["Location"].endswith(f"#export-{job.pk}")
    assert client.get(url("download", answered, job.pk)).status_code == 200
    assert client.get(url("settings", answered)).status_code == 403
    assert client.post(url("settings", answered), {"min_cell": 3}).status_code == 403


def test_an_export_of_another_experiment_is_not_found(client, answered, researcher_a, experiment_b):
    job = services.request_export(None, answered, ExportJob.Kind.RESEARCH, "csv")
    other = make_user("autre")
    give_role(other, experiment_b, Membership.Role.RESEARCHER)
    client.force_login(other)
    address = reverse("opendata:download", args=[experiment_b.slug, job.pk])
    assert client.get(address).status_code == 404


def test_the_coordinator_changes_what_is_published_and_it_is_audited(
    client, answered, coordinator_a
):
    client.force_login(coordinator_a)
    page = client.get(url("settings", answered))
    assert page.status_code == 200
    assert b'value="confiance"' in page.content
    assert b'value="commentaire"' not in page.content, "free texts are never published anyway"
    assert b'value="nom"' not in page.content, "nor personal data"
    response = client.post(
        url("settings", answered),
        {
            "publish_aggregates": "on",
            "min_cell": "7",
            "excluded_questions": ["quartier"],
        },
    )
    assert response.status_code == 302
    options = OpenDataSettings.objects.get()
    assert options.publish_aggregates and not options.publish_answers
    assert (options.min_cell, options.excluded_questions) == (7, ["quartier"])
    event = AuditEvent.objects.filter(object_type="opendata.opendatasettings").get()
    assert event.changes["min_cell"] == [5, 7] or event.changes["min_cell"][1] == 7


def test_k_below_three_is_refused(client, answered, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(url("settings", answered), {"min_cell": "2"})
    assert response.status_code == 200
    assert not OpenDataSettings.objects.exists()


def test_the_team_sees_suppressed_aggregates_before_publishing(client, answered, partner_a):
    client.force_login(partner_a)
    response = client.get(url("aggregates", answered, "csv") + "?public=1")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    line = next(row for row in text.splitlines() if ";confiance;" in row and ";before;1;" in row)
    assert line.split(";")[7] == "" and ";true;" in line


def test_excluded_questions_leave_the_public_aggregates(client, answered, coordinator_a):
    experiment = answered.experiment
    experiment.is_public = True
    experiment.save(update_fields=["is_public"])
    services.save_settings(
        coordinator_a,
        experiment,
        {"publish_aggregates": True, "excluded_questions": ["confiance"]},
    )
    public = reverse("opendata:public_aggregates", args=[experiment.slug, "csv"])
    text = client.get(public).content.decode("utf-8-sig")
    assert ";confiance;" not in text and ";quartier;" in text


def test_the_export_list_costs_the_same_queries_for_one_or_many(
    client, answered, researcher_a, settings
):
    """No query per export listed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(researcher_a)
    services.request_export(researcher_a, answered, ExportJob.Kind.RESEARCH, "csv")
    client.get(url("index", answered))
    with CaptureQueriesContext(connection) as one:
        client.get(url("index", answered))
    for fmt in ("sav", "dta", "xlsx", "csv_comma"):
        services.request_export(researcher_a, answered, ExportJob.Kind.RESEARCH, fmt)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("index", answered))
    assert page.content.count(b'hx-trigger="every 2s"') >= 5
    assert len(many.captured_queries) == len(one.captured_queries)
