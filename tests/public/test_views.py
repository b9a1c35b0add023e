"""Public pages for anonymous visitors, and the Publication tab for the team: who may do what."""

import re

import pytest
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.experiments.models import Experiment, Membership, Method
from civiclab.public.models import NewsPost, Publication
from tests.conftest import give_role, make_experiment, make_user

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def publish(experiment, **fields) -> Publication:
    experiment.is_public = True
    experiment.save(update_fields=["is_public"])
    return Publication.objects.create(
        experiment=experiment, is_published=True, summary=f"Résumé de {experiment.title}", **fields
    )


# --- the public site ------------------------------------------------------------------------


def test_public_pages_need_no_login_and_make_no_request_elsewhere(client, world):
    urls = [
        reverse("public:catalogue"),
        reverse("public:news_list"),
        reverse("public:experiment", args=[world.experiment.slug]),
        world.post.get_absolute_url(),
    ]
    for url in urls:
        text = page(client, url)
        assert '<html lang="fr">' in text
        assert 'action="/i18n/setlang/"' in text  # the language button
        # Every resource the page loads is on this site (og: and canonical are not loaded).
        loaded = re.findall(r'<(?:img|script|link)[^>]*(?:src|href)="([^"]+)"', text)
        loaded = [u for u in loaded if 'rel="canonical"' not in u]
        assert all(u.startswith("/") for u in loaded if not u.startswith("http://testserver")), url
        assert "<script" not in text  # no JavaScript at all


def test_the_catalogue_filters_by_method_theme_territory_and_status(client, world):
    other = make_experiment("Budget participatif des collèges", "Oignies")
    other.status = Experiment.Status.CLOSED
    other.save(update_fields=["status"])
    other.methods.add(Method.objects.get(code="participatory_budget"))
    publication = publish(other)
    publication.themes.set([])
    url = reverse("public:catalogue")
    title_a, title_b = world.experiment.title, other.title

    def titles(query: str) -> set:
        text = page(client, f"{url}?{query}")
        return {t for t in (title_a, title_b) if t in text.replace("&#x27;", "'")}

    assert titles("") == {title_a, title_b}
    assert titles("method=participatory_budget") == {title_b}
    assert titles("theme=local_democracy") == {title_a}
    assert titles(f"territory={world.experiment.territory_id}") == {title_a}
    assert titles("status=closed") == {title_b}
    assert titles("status=closed&theme=local_democracy") == set()
    assert titles("method=nonsense") == {title_a, title_b}  # an old link still shows something
    # Filters only offer what published experiments have.
    text = page(client, url)
    assert 'value="participatory_budget"' in text
    assert 'value="youth_council"' not in text


def test_the_catalogue_costs_the_same_queries_for_one_or_many_experiments(
    client, world, django_assert_max_num_queries
):
    for number in range(6):
        publish(make_experiment(f"Expérimentation publiée {number}"))
    with django_assert_max_num_queries(14):
        client.get(reverse("public:catalogue"))


def test_the_feed_costs_the_same_queries_for_one_or_many_posts(
    client, world, django_assert_max_num_queries
):
    for number in range(10):
        NewsPost.objects.create(
            experiment=world.experiment,
            title=f"Nouvelle {number}",
            slug=f"nouvelle-{number}",
            summary="Résumé.",
            body="Texte.",
            image=world.photo,
            is_published=True,
            published_at=world.post.published_at,
        )
    with django_assert_max_num_queries(6):
        feed = client.get(reverse("public:feed")).content.decode()
    assert feed.count("<entry>") == 11 and feed.count("large.jpg") == 11


def test_the_experiment_page_shows_what_was_chosen(client, world):
    text = page(client, reverse("public:experiment", args=[world.experiment.slug]))
    assert world.experiment.territory.name in text
    assert "Ville de Lille" in text  # partner
    assert 'aria-current="step"' not in text  # no IAP2 level set
    world.experiment.iap2_level = Experiment.Iap2Level.INVOLVE
    world.experiment.save(update_fields=["iap2_level"])
    text = page(client, reverse("public:experiment", args=[world.experiment.slug]))
    assert text.count('aria-current="step"') == 1
    assert reverse("public:kit", args=[world.experiment.slug]) in text
    assert reverse("opendata:public_aggregates", args=[world.experiment.slug, "csv"]) in text
    assert 'property="og:title" content="Réinventer les conseils de quartier"' in text
    assert 'name="twitter:card" content="summary_large_image"' in text


def test_news_bodies_are_escaped_text_in_paragraphs(client, world):
    text = page(client, world.post.get_absolute_url())
    assert "<p>Premier paragraphe.</p>" in text
    assert "&lt;b&gt;sans balise&lt;/b&gt;" in text
    assert 'property="og:type" content="article"' in text


def test_the_news_list_is_paginated(client, world):
    for number in range(25):
        NewsPost.objects.create(
            experiment=world.experiment,
            title=f"Nouvelle {number}",
            slug=f"nouvelle-{number}",
            summary="Résumé.",
            body="Texte.",
            is_published=True,
            published_at=world.post.published_at,
        )
    first = page(client, reverse("public:news_list"))
    assert first.count('class="pub-news-item"') == 20
    second = page(client, reverse("public:news_list") + "?page=2")
    assert second.count('class="pub-news-item"') == 6


def test_a_published_document_downloads_without_being_shown_as_a_page(client, world):
    version = world.publication.documents.get()
    url = reverse("public:document", args=[world.experiment.slug, version.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    # Another experiment's address for the same version does not serve it.
    other = make_experiment("Autre expérimentation publiée")
    publish(other)
    assert client.get(reverse("public:document", args=[other.slug, version.pk])).status_code == 404


def test_the_kit_is_made_once_and_again_when_something_changes(client, world, media_root):
    url = reverse("public:kit", args=[world.experiment.slug])
    first = client.get(url).content
    kept = sorted(p.name for p in (media_root / "public").rglob("kit-*"))
    assert len(kept) == 1
    assert client.get(url).content == first  # served from the kept file
    world.quote.attribution = "Habitante du centre"
    world.quote.save(update_fields=["attribution"])
    client.get(url)
    now = sorted(p.name for p in (media_root / "public").rglob("kit-*"))
    assert len(now) == 1 and now != kept  # made again, the old one deleted


def test_kept_files_are_made_again_when_the_layout_changes(client, world, media_root, monkeypatch):
    """A renderer's new layout reaches kits and public reports made before it."""
    from civiclab.reports import document

    for name in ("kit", "report"):
        client.get(reverse(f"public:{name}", args=[world.experiment.slug]))
    before = sorted(p.name for p in (media_root / "public").rglob("*-*"))
    monkeypatch.setattr(document, "LAYOUT", document.LAYOUT + 1)
    for name in ("kit", "report"):
        client.get(reverse(f"public:{name}", args=[world.experiment.slug]))
    after = sorted(p.name for p in (media_root / "public").rglob("*-*"))
    assert len(after) == len(before) and not set(after) & set(before)


# --- the team's Publication tab -------------------------------------------------------------


def test_who_may_open_the_publication_tab(client, world):
    url = reverse("public:manage", args=[world.experiment.slug])
    assert client.get(url).status_code == 302  # to the login page
    partner = make_user("partenaire")
    give_role(partner, world.experiment, Membership.Role.PARTNER)
    outsider = make_user("inconnue")
    expected = {
        world.coordinator: 200,
        world.communicator: 200,
        partner: 403,
        outsider: 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.force_login(world.communicator)
    text = client.get(url).content.decode()
    assert 'name="summary"' not in text  # publication choices are the coordinator's
    assert reverse("public:news_create", args=[world.experiment.slug]) in text
    assert client.post(url, {"summary": "x"}).status_code == 403


def test_the_coordinator_saves_the_publication_choices(client, world):
    client.force_login(world.coordinator)
    url = reverse("public:manage", args=[world.experiment.slug])
    text = client.get(url).content.decode()
    assert "too few answers" in text or "trop peu" in text  # the first-timers' mean age
    response = client.post(
        url,
        {
            "is_published": "on",
            "summary": "Un nouveau résumé.",
            "themes": ["youth"],
            "indicators": [world.trust.pk],
            "verbatims": [world.quote.pk],
            "report": world.report.pk,
            "kit_sections": ["context"],
        },
    )
    assert response.status_code == 302
    world.publication.refresh_from_db()
    assert world.publication.summary == "Un nouveau résumé."
    assert [t.code for t in world.publication.themes.all()] == ["youth"]
    assert list(world.publication.indicators.all()) == [world.trust]
    assert world.publication.documents.count() == 0
    event = AuditEvent.objects.filter(object_type="public.publication").latest("pk")
    assert event.actor == world.coordinator and "summary" in event.changes


def test_an_unpseudonymised_quote_needs_a_confirmation(client, world):
    client.force_login(world.coordinator)
    url = reverse("public:manage", args=[world.experiment.slug])
    data = {"is_published": "on", "summary": "Résumé.", "verbatims": [world.raw_quote.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Germaine" in response.content.decode()  # the error names the quote
    response = client.post(url, {**data, "confirmed": [world.raw_quote.pk]})
    assert response.status_code == 302
    public = client.get(reverse("public:experiment", args=[world.experiment.slug]))
    assert "trop longue" in public.content.decode()


def test_the_preview_shows_an_unpublished_page_to_the_team_only(client, world):
    experiment = world.unpublished_experiment
    url = reverse("public:preview", args=[experiment.slug])
    admin = make_user("chef", staff=True)
    client.force_login(admin)
    text = page(client, url)
    assert experiment.title in text and 'name="robots" content="noindex, nofollow"' in text
    client.logout()
    assert client.get(url).status_code == 302


def test_news_posts_are_written_by_the_communicator(client, world):
    client.force_login(world.communicator)
    create = reverse("public:news_create", args=[world.experiment.slug])
    response = client.post(
        create,
        {"title": "Atelier du 12 mars", "summary": "Un atelier.", "body": "Texte.", "image": ""},
    )
    assert response.status_code == 302
    post = NewsPost.objects.get(title="Atelier du 12 mars")
    assert post.slug == "atelier-du-12-mars" and not post.is_published
    assert client.get(post.get_absolute_url()).status_code == 404  # a draft
    edit = reverse("public:news_edit", args=[world.experiment.slug, post.pk])
    data = {"title": "Atelier du 12 mars", "summary": "Un atelier.", "body": "Texte."}
    client.post(edit, {**data, "is_published": "on", "image": world.photo.pk})
    post.refresh_from_db()
    assert post.is_published and post.published_at and post.image == world.photo
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 200
    client.force_login(world.communicator)
    # A photo without image rights is refused, with the reason.
    response = client.post(edit, {**data, "is_published": "on", "image": world.refused.pk})
    assert response.status_code == 200
    delete = reverse("public:news_delete", args=[world.experiment.slug, post.pk])
    assert client.post(delete).status_code == 302
    assert not NewsPost.objects.filter(pk=post.pk).exists()


def test_partners_may_not_write_news(client, world):
    partner = make_user("elu")
    give_role(partner, world.experiment, Membership.Role.PARTNER)
    client.force_login(partner)
    create = reverse("public:news_create", args=[world.experiment.slug])
    assert client.get(create).status_code == 403
