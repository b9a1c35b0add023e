"""The framework pages as each role uses them: who may read, who may change, who sees nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civiclab.experiments.models import Membership
from civiclab.impact.models import Impact, Indicator, Kind, LibraryIndicator, Measurement
from tests.conftest import give_role, make_user

R = Membership.Role
OK, NO, GONE = 200, 403, 404

# columns: coordinator, team, analyst, researcher, partner, innovator, communicator, observer,
#          lab staff, outsider — written by hand from the product rules.
WHO = [*R.values, "lab_staff", "outsider"]
PAGES = {
    "framework": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "indicator": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "library": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "impact_new": (OK, NO, OK, NO, NO, NO, NO, NO, OK, GONE),
    "indicator_edit": (OK, NO, OK, NO, NO, NO, NO, NO, OK, GONE),
}  # fmt: skip


def _user_for(who, experiment):
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, experiment, who)
    return user


def _url(page, experiment, indicator):
    if page in ("indicator", "indicator_edit"):
        return reverse(f"impact:{page}", args=[experiment.slug, indicator.pk])
    return reverse(f"impact:{page}", args=[experiment.slug])


@pytest.mark.parametrize(
    ("page", "who", "expected"),
    [(page, who, PAGES[page][i]) for page in PAGES for i, who in enumerate(WHO)],
)
def test_role_matrix(client, experiment_a, share_a, page, who, expected):
    client.force_login(_user_for(who, experiment_a))
    assert client.get(_url(page, experiment_a, share_a)).status_code == expected


@pytest.mark.parametrize("who", [R.TEAM_MEMBER, R.RESEARCHER, R.PARTNER, "outsider"])
def test_changes_are_refused_and_leave_nothing(client, experiment_a, share_a, manual_a, who):
    client.force_login(_user_for(who, experiment_a))
    slug = experiment_a.slug
    expected = GONE if who == "outsider" else NO
    posts = [
        (reverse("impact:impact_new", args=[slug]), {"title": "X", "level": "output"}),
        (reverse("impact:impact_delete", args=[slug, share_a.impact_id]), {}),
        (reverse("impact:indicator_delete", args=[slug, share_a.pk]), {}),
        (reverse("impact:indicator_move", args=[slug, share_a.pk]), {"direction": "down"}),
        (
            reverse("impact:measurement_add", args=[slug, manual_a.pk]),
            {"value": "3", "measured_on": "2026-01-01"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert Impact.objects.count() == 1 and Indicator.objects.count() == 2
    assert not Measurement.objects.exists()


def test_another_experiments_objects_are_not_found(client, experiment_a, analyst_a, indicator_b):
    """The analyst of A guessing the ids of B's framework gets 404 through A's address."""
    client.force_login(analyst_a)
    slug = experiment_a.slug
    for url in (
        reverse("impact:indicator", args=[slug, indicator_b.pk]),
        reverse("impact:indicator_edit", args=[slug, indicator_b.pk]),
        reverse("impact:impact_edit", args=[slug, indicator_b.impact_id]),
    ):
        assert client.get(url).status_code == GONE
    url = reverse("impact:indicator_delete", args=[slug, indicator_b.pk])
    assert client.post(url).status_code == GONE
    assert Indicator.objects.filter(pk=indicator_b.pk).exists()


def test_changes_need_post(client, analyst_a, share_a, experiment_a):
    client.force_login(analyst_a)
    url = reverse("impact:indicator_delete", args=[experiment_a.slug, share_a.pk])
    assert client.get(url).status_code == 405


def test_empty_framework_says_what_to_do_first(client, analyst_a, experiment_a):
    client.force_login(analyst_a)
    page = client.get(reverse("impact:framework", args=[experiment_a.slug])).content.decode()
    assert "Add the first impact sought" in page or "Ajouter le premier" in page
    assert reverse("impact:impact_new", args=[experiment_a.slug]) in page


def test_the_tab_shows_to_readers_only(client, experiment_a):
    partner, observer = _user_for(R.PARTNER, experiment_a), _user_for(R.OBSERVER, experiment_a)
    url = reverse("impact:framework", args=[experiment_a.slug])
    client.force_login(partner)
    assert url in client.get(experiment_a.get_absolute_url()).content.decode()
    client.force_login(observer)
    assert url not in client.get(experiment_a.get_absolute_url()).content.decode()


def test_analyst_builds_a_framework_through_the_pages(
    client, analyst_a, experiment_a, hypothesis_a, questionnaire_a
):
    client.force_login(analyst_a)
    slug = experiment_a.slug
    response = client.post(
        reverse("impact:impact_new", args=[slug]),
        {
            "title": "Des membres écoutés",
            "hypothesis": hypothesis_a.pk,
            "level": "outcome",
            "stakeholder": "participants",
        },
    )
    impact = Impact.objects.get()
    assert response.status_code == 302 and impact.hypothesis == hypothesis_a

    url = reverse("impact:indicator_new", args=[slug])
    data = {
        "impact": impact.pk,
        "name": "Membres qui se sentent influents",
        "kind": "share",
        "source": f"{questionnaire_a.pk}:influence",
    }
    # Step 1: the question is chosen; its answers appear as boxes to tick, nothing is saved.
    page = client.post(url, {**data, "_refresh": "1"}).content.decode()
    assert 'name="options" value="3"' in page and "Libellé 4" in page
    assert 'name="breakdowns" value="tranche_age"' in page
    assert 'name="breakdowns" value="avis"' not in page
    assert not Indicator.objects.exists()
    # Step 2: without an answer ticked, the share is refused.
    response = client.post(url, data)
    assert response.status_code == 200 and not Indicator.objects.exists()
    response = client.post(
        url,
        {
            **data,
            "options": ["3", "4"],
            "breakdowns": ["sexe", "qpv"],
            "subgroup": ["tranche_age=15_24"],
            "baseline_value": "38,5",
            "target_value": "50",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert (indicator.questionnaire, indicator.question_code) == (questionnaire_a, "influence")
    assert indicator.options == ["3", "4"] and indicator.breakdowns == ["sexe", "qpv"]
    assert (indicator.subgroup_code, indicator.subgroup_options) == ("tranche_age", ["15_24"])
    assert str(indicator.baseline_value) == "38.5000"

    sheet = client.get(indicator.get_absolute_url()).content.decode()
    assert "influence" in sheet and "Libellé 3, Libellé 4" in sheet and "38,5" in sheet


def test_switching_an_indicator_to_manual_drops_its_question(client, analyst_a, share_a):
    client.force_login(analyst_a)
    url = reverse("impact:indicator_edit", args=[share_a.experiment.slug, share_a.pk])
    data = {
        "impact": share_a.impact_id,
        "name": share_a.name,
        "kind": "manual",
        "source": f"{share_a.questionnaire_id}:sexe",
        "options": ["femme"],
    }
    assert client.post(url, data).status_code == 302
    share_a.refresh_from_db()
    assert share_a.questionnaire is None and share_a.question_code == "" and share_a.options == []


def test_measurements_through_the_sheet(client, analyst_a, manual_a):
    client.force_login(analyst_a)
    slug = manual_a.experiment.slug
    url = reverse("impact:measurement_add", args=[slug, manual_a.pk])
    response = client.post(
        url, {"value": "64", "measured_on": "2026-04-09", "source": "Feuille d'émargement"}
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.recorded_by == analyst_a
    assert client.post(url, {"value": "", "measured_on": "2026-04-09"}).status_code == 400
    sheet = client.get(manual_a.get_absolute_url()).content.decode()
    assert "Feuille d&#x27;émargement" in sheet and "64" in sheet
    delete = reverse("impact:measurement_delete", args=[slug, manual_a.pk, measurement.pk])
    assert client.post(delete).status_code == 302
    assert not Measurement.objects.exists()


def test_library_page_and_adding_from_it(
    client, analyst_a, experiment_a, impact_a, questionnaire_a
):
    client.force_login(analyst_a)
    slug = experiment_a.slug
    page = client.get(reverse("impact:library", args=[slug])).content.decode()
    assert "eval_information" in page and "premiere_participation" in page
    library = LibraryIndicator.objects.get(code="femmes")
    response = client.post(
        reverse("impact:library_add", args=[slug, library.pk]),
        {"impact": impact_a.pk, "questionnaire": questionnaire_a.pk},
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:indicator_edit", args=[slug, indicator.pk])
    assert indicator.library_indicator == library and indicator.question_code == "sexe"


def test_library_of_the_lab(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("impact:lab_library")).content.decode()
    assert "Part des femmes" in page


def _grow(experiment, count):
    for n in range(count):
        impact = Impact.objects.create(experiment=experiment, title=f"Impact {n}")
        for k in range(3):
            indicator = Indicator.objects.create(
                experiment=experiment, impact=impact, name=f"I {n}.{k}", kind=Kind.MANUAL
            )
            Measurement.objects.create(indicator=indicator, value=k, measured_on="2026-01-01")


def test_framework_queries_do_not_grow_with_the_framework(client, analyst_a, experiment_a, share_a):
    client.force_login(analyst_a)
    url = reverse("impact:framework", args=[experiment_a.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(experiment_a, 6)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert "I 5.2" in page
    assert len(large) == len(small)
