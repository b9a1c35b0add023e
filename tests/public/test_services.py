"""Publication rules, checked by the services whatever calls them, and the figures' rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from civiclab.audit.models import AuditEvent
from civiclab.impact.models import Impact, Indicator, Kind, Measurement
from civiclab.public import services
from civiclab.public.demo import build_demo_publication
from civiclab.public.figures import disclosable, public_figure
from civiclab.public.models import NewsPost, Publication, Theme
from civiclab.reports.models import Report
from tests.conftest import make_experiment

pytestmark = pytest.mark.django_db


def values(**changes) -> dict:
    return {"is_published": True, "summary": "Un résumé.", **changes}


def test_publishing_needs_a_public_experiment_and_a_summary(experiment_a, lab_admin):
    with pytest.raises(ValidationError) as refused:
        services.save_publication(lab_admin, experiment_a, values())
    assert "is_published" in refused.value.error_dict
    experiment_a.is_public = True
    experiment_a.save(update_fields=["is_public"])
    with pytest.raises(ValidationError) as refused:
        services.save_publication(lab_admin, experiment_a, values(summary="  "))
    assert "summary" in refused.value.error_dict
    publication = services.save_publication(lab_admin, experiment_a, values())
    assert publication.is_online and publication.published_at is not None
    first = publication.published_at
    services.save_publication(lab_admin, experiment_a, values(is_published=False))
    publication = services.save_publication(lab_admin, experiment_a, values())
    assert publication.published_at == first  # the first publication date stays
    events = AuditEvent.objects.filter(object_type="public.publication").order_by("pk")
    actions = events.values_list("action", flat=True)
    assert list(actions) == ["created", "changed", "changed"]


def test_a_draft_may_be_prepared_before_the_experiment_is_public(experiment_a, lab_admin):
    publication = services.save_publication(
        lab_admin, experiment_a, values(is_published=False, summary="", themes=["youth"])
    )
    assert not publication.is_online
    assert Theme.objects.filter(code="youth").exists()


def test_only_objects_of_the_experiment_may_be_published(world, experiment_b, lab_admin):
    other_indicator = Indicator.objects.create(
        experiment=experiment_b,
        impact=Impact.objects.create(experiment=experiment_b, title="Autre"),
        name="Autre indicateur",
        kind=Kind.MANUAL,
    )
    internal = Report.objects.create(experiment=world.experiment, title="Interne", public=False)
    cases = {
        "indicators": {"indicators": [other_indicator]},
        "report": {"report": internal},
        "cover": {"cover": world.refused},
        "verbatims": {"verbatims": [world.raw_quote]},
    }
    for field, change in cases.items():
        with pytest.raises(ValidationError) as refused:
            services.save_publication(lab_admin, world.experiment, values(**change))
        assert field in refused.value.error_dict, field


def test_a_confirmation_is_kept_while_the_quote_is_unchanged(world, lab_admin):
    chosen = values(verbatims=[world.raw_quote], confirmed=[world.raw_quote])
    services.save_publication(lab_admin, world.experiment, chosen)
    # Saved again later without ticking it again: still confirmed, the text is the same.
    services.save_publication(lab_admin, world.experiment, values(verbatims=[world.raw_quote]))
    world.raw_quote.text += " (modifié)"
    world.raw_quote.save(update_fields=["text"])
    with pytest.raises(ValidationError):
        services.save_publication(lab_admin, world.experiment, values(verbatims=[world.raw_quote]))


def test_news_posts_get_a_stable_unique_address(world, lab_admin):
    def post(title):
        return services.save_news_post(
            lab_admin,
            NewsPost(experiment=world.experiment, title=title, summary="R.", body="T."),
        )

    first, second = post("Réunion publique"), post("Réunion publique")
    assert (first.slug, second.slug) == ("reunion-publique", "reunion-publique-2")
    first.title = "Un autre titre"
    services.save_news_post(lab_admin, first)
    first.refresh_from_db()
    assert first.slug == "reunion-publique" and first.published_at is None


def test_a_news_photo_must_be_public(world, lab_admin):
    post = NewsPost(
        experiment=world.experiment, title="T", summary="R", body="B", image=world.unknown
    )
    with pytest.raises(ValidationError) as refused:
        services.save_news_post(lab_admin, post)
    assert "image" in refused.value.error_dict


# --- figures --------------------------------------------------------------------------------


def indicator(kind=Kind.SHARE, **fields):
    return Indicator(pk=fields.pop("pk", 1), kind=kind, name="I", **fields)


@pytest.mark.parametrize(
    ("result", "shown"),
    [
        ({"value": 0.5, "n": 20}, True),
        ({"value": 0.5, "n": 4}, False),  # n < k
        ({"value": 0.1, "n": 30}, False),  # 3 people gave the answer
        ({"value": 0.9, "n": 30}, False),  # 3 people did not
        ({"value": 0.0, "n": 30}, True),  # nobody: no one to recognise
        ({"value": 1.0, "n": 30}, True),
        ({"value": None, "n": 30}, False),
    ],
)
def test_a_share_is_shown_only_without_a_small_cell(result, shown):
    assert disclosable(indicator(), {"1": result}, 5) is shown


def test_a_ratio_is_shown_only_if_both_parts_are():
    numerator, denominator = indicator(pk=2), indicator(Kind.COUNT, pk=3)
    ratio = indicator(Kind.RATIO, numerator=numerator, denominator=denominator)
    results = {
        "1": {"value": 0.2, "n": 40},
        "2": {"value": 0.1, "n": 40},  # 4 people: small
        "3": {"value": 40, "n": 40},
    }
    assert not disclosable(ratio, results, 5)
    results["2"] = {"value": 0.5, "n": 40}
    assert disclosable(ratio, results, 5)


def test_a_value_entered_by_hand_is_shown_with_its_date(experiment_a):
    impact = Impact.objects.create(experiment=experiment_a, title="Présence")
    manual = Indicator.objects.create(
        experiment=experiment_a, impact=impact, name="Présents", kind=Kind.MANUAL, unit="pers."
    )
    Measurement.objects.create(indicator=manual, value=Decimal("3"), measured_on=date(2026, 5, 2))
    result = {
        "value": 3.0,
        "n": 1,
        "low": None,
        "high": None,
        "caveats": [],
        "history": [{"value": 3.0, "on": "2026-05-02", "source": ""}],
        "waves": [],
        "breakdowns": {},
    }
    figure = public_figure(manual, {str(manual.pk): result}, 5)
    assert figure.is_shown and figure.n is None and figure.measured_on == "02/05/2026"


def test_the_demo_publishes_once(lab_admin):
    experiment = make_experiment("Massifier et diversifier l'engagement citoyen")
    experiment.slug = "engagement-citoyen-hauts-de-france"
    experiment.is_public = True
    experiment.save(update_fields=["slug", "is_public"])
    build_demo_publication(experiment, lab_admin)
    build_demo_publication(experiment, lab_admin)
    publication = Publication.objects.get(experiment=experiment)
    assert publication.is_online and publication.report.public
    assert {t.code for t in publication.themes.all()} == {"local_democracy", "youth", "mobility"}
    posts = NewsPost.objects.filter(experiment=experiment)
    assert posts.count() == 3 and all(p.is_published for p in posts)
    assert Report.objects.filter(experiment=experiment, public=True).count() == 1
    assert "Enseignements" in {b.title for b in publication.report.blocks.all()}
