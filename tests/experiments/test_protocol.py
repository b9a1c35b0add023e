"""Versioned protocols: every save is a version, nothing is silently overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.experiments import services
from civiclab.experiments.diff import Segment, word_diff
from civiclab.experiments.models import Membership
from tests.conftest import give_role, make_user


def _edit_url(experiment, section="context"):
    return reverse("experiments:protocol_section_edit", args=[experiment.slug, section])


def test_saving_a_section_creates_a_version_with_author(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    response = client.post(
        _edit_url(experiment_a), {"text": "Lille compte dix conseils.", "base_version": 1}
    )
    assert response.status_code == 302
    latest = services.latest_version(experiment_a)
    assert latest.number == 2
    assert latest.author == coordinator_a
    assert latest.text_of("context") == "Lille compte dix conseils."
    # The first version is untouched: history is kept.
    assert experiment_a.protocol_versions.get(number=1).text_of("context") == "Contexte initial."
    assert AuditEvent.objects.filter(
        experiment=experiment_a, object_type="experiments.protocolversion"
    ).exists()


def test_unchanged_save_creates_no_version(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    client.post(_edit_url(experiment_a), {"text": "Contexte initial.\r\n", "base_version": 1})
    assert experiment_a.protocol_versions.count() == 1


def test_second_editor_of_same_section_gets_a_conflict_page(experiment_a, coordinator_a):
    """Two people open version 1; the second to save sees both texts, and nothing is lost."""
    analyst = make_user("analyste")
    give_role(analyst, experiment_a, Membership.Role.IMPACT_ANALYST)
    first, second = Client(), Client()
    first.force_login(coordinator_a)
    second.force_login(analyst)
    first.post(_edit_url(experiment_a), {"text": "Texte de la coordinatrice.", "base_version": 1})

    response = second.post(
        _edit_url(experiment_a), {"text": "Texte de l'analyste.", "base_version": 1}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Texte de la coordinatrice." in page
    assert "Texte de l&#x27;analyste." in page  # the loser's text is shown, escaped
    assert experiment_a.protocol_versions.count() == 2
    assert services.latest_version(experiment_a).text_of("context") == "Texte de la coordinatrice."

    # Saving the merged text from the conflict page (based on the latest version) works.
    merged = {"text": "Texte fusionné.", "base_version": 2}
    assert second.post(_edit_url(experiment_a), merged).status_code == 302
    assert services.latest_version(experiment_a).text_of("context") == "Texte fusionné."


def test_edits_of_different_sections_merge_without_conflict(experiment_a, coordinator_a):
    services.save_protocol_section(coordinator_a, experiment_a, "risks", "Météo.", 1)
    version = services.save_protocol_section(coordinator_a, experiment_a, "method", "Tirage.", 1)
    assert version.number == 3
    assert version.text_of("risks") == "Météo." and version.text_of("method") == "Tirage."


def test_hostile_text_is_shown_as_text(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(_edit_url(experiment_a), {"text": hostile, "base_version": 1})
    page = client.get(reverse("experiments:protocol", args=[experiment_a.slug])).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_unknown_section_is_404(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    assert client.get(_edit_url(experiment_a, "nonsense")).status_code == 404


def test_hypotheses_keep_their_ids_and_are_retired_not_deleted(experiment_a, coordinator_a):
    services.save_hypotheses(coordinator_a, experiment_a, [(None, "H un"), (None, "H deux")], 1)
    first, second = experiment_a.hypotheses.order_by("position")
    version = services.save_hypotheses(
        coordinator_a, experiment_a, [(second.pk, "H deux précisée"), (None, "H trois")], 2
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.text == "H deux précisée" and second.position == 1
    assert first.is_retired
    assert [h["text"] for h in version.hypotheses] == ["H deux précisée", "H trois"]
    old = experiment_a.protocol_versions.get(number=2)
    assert [h["text"] for h in old.hypotheses] == ["H un", "H deux"]


def test_hypotheses_conflict(experiment_a, coordinator_a):
    services.save_hypotheses(coordinator_a, experiment_a, [(None, "A")], 1)
    with pytest.raises(services.ProtocolConflict):
        services.save_hypotheses(coordinator_a, experiment_a, [(None, "B")], 1)


def test_hypotheses_form(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_hypotheses_edit", args=[experiment_a.slug])
    data = {
        "base_version": 1,
        "h-TOTAL_FORMS": 2,
        "h-INITIAL_FORMS": 0,
        "h-0-text": "Le tirage au sort diversifie les conseils.",
        "h-1-text": "",
    }
    assert client.post(url, data).status_code == 302
    assert list(experiment_a.hypotheses.values_list("text", flat=True)) == [
        "Le tirage au sort diversifie les conseils."
    ]


def test_copil_validation_is_recorded(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_validate", args=[experiment_a.slug, 1])
    client.post(url, {"validated_on": "2026-11-20"})
    version = experiment_a.protocol_versions.get(number=1)
    assert str(version.copil_validated_on) == "2026-11-20"
    assert version.copil_validated_by == coordinator_a


def test_copil_validation_without_date_saves_nothing(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_validate", args=[experiment_a.slug, 1])
    client.post(url, {"validated_on": "pas une date"})
    assert experiment_a.protocol_versions.get(number=1).copil_validated_on is None


def test_diff_page_shows_added_and_removed_words(client, coordinator_a, experiment_a):
    services.save_protocol_section(
        coordinator_a, experiment_a, "context", "Contexte initial très changé.", 1
    )
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_diff", args=[experiment_a.slug]) + "?from=1&to=2"
    page = client.get(url).content.decode()
    assert "<del>initial.</del>" in page
    assert "<ins>initial très changé.</ins>" in page


def test_diff_page_rejects_bad_numbers(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_diff", args=[experiment_a.slug])
    assert client.get(url + "?from=abc&to=1").status_code == 404
    assert client.get(url + "?from=1&to=99").status_code == 404


def test_word_diff_by_hand():
    assert word_diff("le chat dort", "le chien dort") == [
        Segment("same", "le "),
        Segment("removed", "chat"),
        Segment("added", "chien"),
        Segment("same", " dort"),
    ]
    assert word_diff("", "") == []
    assert word_diff("a", "") == [Segment("removed", "a")]


def test_hypotheses_conflict_page_gives_back_the_editors_list(client, coordinator_a, experiment_a):
    services.save_hypotheses(coordinator_a, experiment_a, [(None, "Saved by someone else")], 1)
    client.force_login(coordinator_a)
    url = reverse("experiments:protocol_hypotheses_edit", args=[experiment_a.slug])
    stale = {
        "base_version": 1,
        "h-TOTAL_FORMS": 1,
        "h-INITIAL_FORMS": 0,
        "h-0-text": "Mine, written from version 1",
    }
    response = client.post(url, stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mine, written from version 1</textarea>" in page
    assert 'name="base_version" value="2"' in page
    # Sending the form of the conflict page again saves it.
    resend = {**stale, "base_version": 2}
    assert client.post(url, resend).status_code == 302
    assert services.latest_version(experiment_a).hypotheses[0]["text"] == (
        "Mine, written from version 1"
    )


def test_stored_notes_are_in_the_labs_language_whatever_the_editors(
    client, coordinator_a, experiment_a
):
    """An English-reading editor's change is noted in French, like everyone else's."""
    client.force_login(coordinator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(_edit_url(experiment_a), {"text": "Edited in English UI.", "base_version": 1})
    assert services.latest_version(experiment_a).change_note == "Section « Contexte » modifiée"
    journal = AuditEvent.objects.filter(object_type="experiments.protocolversion").first()
    assert journal.changes["change_note"][1] == "Section « Contexte » modifiée"
