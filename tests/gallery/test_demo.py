"""The demo gallery: drawn illustrations, mixed image rights, built once."""

import datetime
import io

from PIL import Image

from civiclab.gallery import selectors
from civiclab.gallery.checks import sniff
from civiclab.gallery.demo import build_demo_gallery
from civiclab.gallery.models import MediaItem
from tests.gallery.conftest import stored_files


def test_the_demo_gallery(experiment_a, lab_admin, media_root):
    """Photos 1600 × 1067 with renditions, one WebM video with a poster, dates within the
    experiment, every image-rights status, and some items public, some not."""
    experiment_a.start_date = datetime.date(2025, 1, 15)
    experiment_a.end_date = datetime.date(2025, 9, 30)
    experiment_a.save()
    build_demo_gallery(experiment_a, lab_admin)
    items = list(selectors.media_of(experiment_a))
    photos = [item for item in items if item.is_photo]
    videos = [item for item in items if not item.is_photo]
    assert 6 <= len(photos) <= 10 and len(videos) == 1
    assert {item.consent for item in items} == set(MediaItem.Consent.values)
    assert 0 < selectors.public_media(experiment_a).count() < len(items)
    for item in photos:
        assert (item.width, item.height) == (1600, 1067)
        assert item.small and item.large and item.caption and item.credit
        assert experiment_a.start_date <= item.taken_on <= experiment_a.end_date
    [video] = videos
    with video.file.open("rb") as handle:
        assert sniff(handle.read(4096)).label == "WebM"
    with video.large.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (1600, 1067)
    with video.public_video.open("rb") as handle:  # ffmpeg read our WebM and remuxed it
        assert sniff(handle.read(4096)).label == "WebM"
    assert video.is_public
    assert all(path.is_relative_to(media_root) for path in stored_files(media_root))
    with video.captions.open("rb") as handle:  # given as SRT, kept as WebVTT
        assert handle.read().decode().startswith("WEBVTT\n\n00:00:00.500 --> 00:00:01.400\n")
    # Original and two renditions each, and the video's public copy and captions.
    assert len(stored_files(media_root)) == 3 * len(items) + 2


def test_the_demo_gallery_is_built_once(experiment_a, lab_admin, media_root):
    build_demo_gallery(experiment_a, lab_admin)
    count, files = MediaItem.objects.count(), len(stored_files(media_root))
    build_demo_gallery(experiment_a, lab_admin)
    assert MediaItem.objects.count() == count
    assert len(stored_files(media_root)) == files


def test_demo_dates_are_never_in_the_future(experiment_a, lab_admin):
    """An experiment that starts next year gets undated pictures rather than future ones."""
    experiment_a.start_date = datetime.date.today() + datetime.timedelta(days=400)
    experiment_a.save()
    build_demo_gallery(experiment_a, lab_admin)
    assert not MediaItem.objects.filter(taken_on__isnull=False).exists()
