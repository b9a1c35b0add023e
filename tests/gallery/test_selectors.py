"""Who may see what: the public rule, in Python and in SQL, and the selectors built on it."""

import itertools

import pytest

from civiclab.gallery import selectors, services
from civiclab.gallery.models import MediaItem
from tests.gallery.conftest import Consent, add_media, jpeg, phone_mp4, public_details

COMBINATIONS = list(
    itertools.product(
        MediaItem.Kind.values, Consent.values, ["", "Léa Martin"], ["", "Une table ronde."]
    )
)


def _item(experiment, kind, consent, credit, alt_text, position=0) -> MediaItem:
    # Rows only (no files): the rule reads the describing fields alone.
    return MediaItem.objects.create(
        experiment=experiment,
        kind=kind,
        file="gallery/x",
        original_name="x.jpg",
        content_type="image/jpeg",
        size=1,
        caption="Légende",
        consent=consent,
        credit=credit,
        alt_text=alt_text,
        position=position,
        large="gallery/large" if kind == "photo" else "",
        public_video="gallery/public" if kind == "video" else "",
    )


@pytest.mark.django_db
def test_the_rule_is_the_same_in_python_and_in_sql(experiment_a):
    """For every combination, `is_public` and the `public()` query agree, and both follow the
    rule: consent given or not needed, a credit, and a text alternative for a photo."""
    items = [_item(experiment_a, *combination) for combination in COMBINATIONS]
    public_ids = set(MediaItem.objects.public().values_list("pk", flat=True))
    for item, (kind, consent, credit, alt_text) in zip(items, COMBINATIONS, strict=True):
        expected = (
            consent in ("consented", "not_needed")
            and bool(credit)
            and (kind == "video" or bool(alt_text))
        )
        assert item.is_public is expected, (kind, consent, credit, alt_text)
        assert (item.pk in public_ids) is expected, (kind, consent, credit, alt_text)
        assert (not item.not_public_because) is expected


@pytest.mark.django_db
def test_reasons_say_why_not(experiment_a):
    item = _item(experiment_a, "photo", "withdrawn", "", "")
    assert [reason.code for reason in item.not_public_because] == [
        "withdrawn",
        "credit",
        "alt_text",
    ]
    assert item.not_public_because[0].level == "late"
    assert str(item.not_public_because[0]) == "Consentement retiré"  # the lab's language
    unknown = _item(experiment_a, "photo", "unknown", "Léa", "Alt")
    assert [(r.code, r.level) for r in unknown.not_public_because] == [("unknown", "warn")]


@pytest.mark.django_db
def test_a_video_without_its_metadata_free_copy_is_never_public(experiment_a):
    video = _item(experiment_a, "video", "consented", "Léa", "")
    assert video.is_public and MediaItem.objects.public().exists()
    MediaItem.objects.filter(pk=video.pk).update(public_video="")
    video.refresh_from_db()
    assert [reason.code for reason in video.not_public_because] == ["video_copy"]
    assert (
        str(video.not_public_because[0]) == "Pas de copie publique : la vidéo n’a pas pu être lue"
    )
    assert not MediaItem.objects.public().exists()


@pytest.mark.django_db
def test_blank_looking_texts_count_as_missing(experiment_a):
    item = _item(experiment_a, "photo", "consented", "   ", " \n ")
    item.refresh_from_db()
    assert (item.credit, item.alt_text) == ("", "")
    assert not item.is_public
    assert not MediaItem.objects.public().exists()


def test_public_media_keeps_only_public_items_in_order(coordinator_a, experiment_a):
    first, hidden, second = (
        add_media(coordinator_a, experiment_a, jpeg(), **public_details(caption="Un"))[0],
        add_media(coordinator_a, experiment_a, jpeg(), **public_details(consent="unknown"))[0],
        add_media(coordinator_a, experiment_a, jpeg(), **public_details(caption="Deux"))[0],
    )
    services.move_media(coordinator_a, second, -1)
    services.move_media(coordinator_a, second, -1)
    assert list(selectors.public_media(experiment_a)) == [second, first]
    assert hidden not in selectors.public_media(experiment_a)


def test_withdrawn_consent_is_never_public_even_if_it_was(coordinator_a, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    assert list(selectors.public_media(experiment_a)) == [item]
    for consent in (Consent.WITHDRAWN, Consent.REFUSED):
        services.edit_media(coordinator_a, item, **public_details(consent=consent))
        assert not selectors.public_media(experiment_a).exists()
        assert not selectors.media_for_export(experiment_a, public=True).exists()
        assert not selectors.media_for_export(experiment_a, public=False).exists()


def test_public_media_is_per_experiment(coordinator_a, experiment_a, experiment_b):
    add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    assert not selectors.public_media(experiment_b).exists()


def test_media_for_export(coordinator_a, experiment_a):
    """Public exports: the public rule. Internal ones: anything not refused or withdrawn.
    Either way, only items with a picture (a video needs its poster)."""
    by_caption = {}
    for caption, details in {
        "public": public_details(),
        "unknown": public_details(consent="unknown"),
        "refused": public_details(consent="refused"),
        "withdrawn": public_details(consent="withdrawn"),
        "no alt": public_details(alt_text=""),
    }.items():
        by_caption[caption] = add_media(
            coordinator_a, experiment_a, jpeg(), **{**details, "caption": caption}
        )[0]
    video = add_media(coordinator_a, experiment_a, phone_mp4(), **public_details(caption="video"))[
        0
    ]
    assert video.is_public and not video.has_picture
    public = selectors.media_for_export(experiment_a, public=True)
    internal = selectors.media_for_export(experiment_a, public=False)
    assert [i.caption for i in public] == ["public"]
    assert [i.caption for i in internal] == ["public", "unknown", "no alt"]
    assert all(item.large for item in internal)


def test_consent_counts(coordinator_a, experiment_a):
    add_media(coordinator_a, experiment_a, jpeg(), jpeg(), **public_details())
    add_media(coordinator_a, experiment_a, jpeg(), **public_details(consent="refused"))
    counts = selectors.consent_counts(experiment_a)
    assert (counts["total"], counts["public"], counts["not_public"]) == (3, 2, 1)
    assert counts["by_status"] == {
        "unknown": 0,
        "not_needed": 0,
        "consented": 2,
        "refused": 1,
        "withdrawn": 0,
    }


def test_filtered(coordinator_a, experiment_a):
    add_media(coordinator_a, experiment_a, jpeg(), **public_details(caption="ok"))
    add_media(
        coordinator_a, experiment_a, jpeg(), **public_details(caption="no", consent="refused")
    )
    items = selectors.media_of(experiment_a)
    assert [i.caption for i in selectors.filtered(items, consent="refused")] == ["no"]
    assert [i.caption for i in selectors.filtered(items, public="yes")] == ["ok"]
    assert [i.caption for i in selectors.filtered(items, public="no")] == ["no"]
