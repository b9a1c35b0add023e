"""The public site's own addresses of photos and videos: only public items of a published
experiment, each rule checked on its own (the crawl of test_leaks sees them all together)."""

import pytest
from django.urls import reverse

from civiclab.gallery import services
from civiclab.gallery.models import MediaItem
from civiclab.public.pages import media_url
from tests.gallery.conftest import add_media, jpeg, mp4, public_details
from tests.public.test_leaks import body

pytestmark = pytest.mark.django_db
Consent = MediaItem.Consent


def test_anyone_gets_the_renditions_of_a_public_photo(client, world):
    photo = world.photo
    assert (
        media_url(photo, "small") == f"/public/{world.experiment.slug}/media/{photo.pk}/small.jpg"
    )
    for size in ("small", "large"):
        response = client.get(media_url(photo, size))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=300"
        with photo.rendition(size).open("rb") as handle:
            assert body(response) == handle.read()
    assert client.head(media_url(photo, "small")).status_code == 200
    assert client.post(media_url(photo, "small")).status_code == 405
    original = media_url(photo, "small").replace("small.jpg", "original.jpg")
    assert client.get(original).status_code == 404


@pytest.mark.parametrize(
    "changes",
    [
        {"consent": Consent.UNKNOWN},
        {"consent": Consent.REFUSED},
        {"consent": Consent.WITHDRAWN},
        {"alt_text": ""},
        {"credit": ""},
    ],
    ids=["unknown", "refused", "withdrawn", "no-alt-text", "no-credit"],
)
def test_items_that_may_not_be_public_answer_404(client, world, changes):
    [item] = add_media(world.coordinator, world.experiment, jpeg(), **public_details(**changes))
    for size in ("small", "large"):
        assert client.get(media_url(item, size)).status_code == 404


def test_a_withdrawn_consent_stops_the_picture_at_once(client, world):
    assert client.get(media_url(world.photo, "large")).status_code == 200
    services.edit_media(world.coordinator, world.photo, **public_details(consent="withdrawn"))
    assert client.get(media_url(world.photo, "large")).status_code == 404


def test_an_item_is_only_found_under_its_own_published_experiment(client, world):
    """The address of another experiment's item, or of a missing one, answers 404 too."""
    [elsewhere] = add_media(world.coordinator, world.private_experiment, jpeg(), **public_details())
    slug = world.experiment.slug
    for pk in (elsewhere.pk, world.photo.pk + 1000):
        url = reverse("public:picture", args=[slug, pk, "small"])
        assert client.get(url).status_code == 404
    assert client.get(media_url(elsewhere, "small")).status_code == 404  # not public


def test_a_photo_has_no_video_and_a_video_without_poster_no_picture(client, world):
    assert client.get(media_url(world.photo, "video")).status_code == 404
    assert not world.video.has_picture
    assert client.get(media_url(world.video, "small")).status_code == 404


def test_a_video_ffmpeg_cannot_read_stays_off_the_public_site(client, world):
    """The upload is kept for the team; without its metadata-free copy it is not public."""
    [video] = add_media(world.coordinator, world.experiment, mp4(), **public_details())
    assert not video.public_video
    assert [reason.code for reason in video.not_public_because] == ["video_copy"]
    assert client.get(media_url(video, "video")).status_code == 404
    page = client.get(reverse("public:experiment", args=[world.experiment.slug]))
    assert f"/media/{video.pk}/" not in page.content.decode()
    assert f"/media/{world.video.pk}/video" in page.content.decode()


def test_the_preview_shows_the_team_s_addresses(client, world):
    """The team previews an unpublished page: its pictures come from the team's addresses
    (which check the role), never from public ones that would answer 404."""
    world.publication.is_published = False
    world.publication.save(update_fields=["is_published"])
    client.force_login(world.coordinator)
    page = client.get(reverse("public:preview", args=[world.experiment.slug])).content.decode()
    assert world.photo.thumbnail_url("small") in page
    assert world.video.get_original_url() in page
    assert f'src="/public/{world.experiment.slug}/media/' not in page
