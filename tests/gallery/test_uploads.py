"""Uploads: what is accepted, the renditions made, and refusals that leave nothing behind."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from civiclab.audit.models import AuditEvent
from civiclab.gallery import checks, services
from civiclab.gallery.models import MediaItem
from tests.gallery.conftest import (
    GPS_IFD,
    ORIENTATION,
    add_media,
    bomb_png,
    encoded,
    gps_exif,
    jpeg,
    mp4,
    mp4_bytes,
    pdf_named,
    picture,
    png,
    stored_files,
    webm,
    webp,
)


def _open(field) -> Image.Image:
    with field.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
        return image


def _refusal(experiment, user, *uploads, **details) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        add_media(user, experiment, *uploads, **details)
    return caught.value


def _nothing_kept(media_root) -> None:
    assert MediaItem.objects.count() == 0
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.filter(object_type="gallery.mediaitem").exists()


def test_a_jpeg_gets_two_renditions(coordinator_a, experiment_a):
    """A 2400 px photo gets a 1600 px and a 480 px JPEG, and its size is recorded."""
    [item] = add_media(coordinator_a, experiment_a, jpeg(size=(2400, 1600)))
    assert (item.kind, item.content_type, item.width, item.height) == (
        "photo",
        "image/jpeg",
        2400,
        1600,
    )
    assert _open(item.large).size == (1600, 1067)
    assert _open(item.small).size == (480, 320)
    assert item.rendition_size("small") == (480, 320)
    assert item.original_name == "Atelier.jpg"
    assert "Atelier" not in item.file.name, "the stored path never uses the uploaded name"
    assert item.file.name.startswith(f"gallery/{experiment_a.pk}/")
    assert len({item.file.name, item.small.name, item.large.name}) == 3


def test_a_small_photo_is_never_enlarged(coordinator_a, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, png(size=(300, 200)))
    assert _open(item.large).size == (300, 200)
    assert _open(item.small).size == (300, 200)


def test_png_with_transparency_and_webp_become_jpeg(coordinator_a, experiment_a):
    """Transparent parts are laid on white; every rendition is a plain RGB JPEG."""
    clear = png("Logo.png", mode="RGBA", colour=(0, 0, 0, 0))
    items = add_media(coordinator_a, experiment_a, clear, webp())
    for item in items:
        small = _open(item.small)
        assert (small.format, small.mode) == ("JPEG", "RGB")
    assert _open(items[0].small).getpixel((300, 300)) == (255, 255, 255)


def test_renditions_carry_no_exif_gps_comment_or_xmp(coordinator_a, experiment_a):
    """The GPS position, camera, comment and XMP of the original never reach a rendition;
    the original itself is kept as it was uploaded, for the team."""
    data = encoded(
        picture((1200, 800)),
        "JPEG",
        exif=gps_exif(),
        comment=b"rue des Lilas",
        xmp=b"<x:xmpmeta>48.8566,2.3522</x:xmpmeta>",
    )
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test's own premise
    [item] = add_media(coordinator_a, experiment_a, SimpleUploadedFile("gps.jpg", data))
    for field in (item.small, item.large):
        with field.open("rb") as handle:
            raw = handle.read()
        image = Image.open(io.BytesIO(raw))
        assert dict(image.getexif()) == {}
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "comment", "xmp"} & set(image.info)
        assert b"Exif" not in raw and b"rue des Lilas" not in raw and b"48.8566" not in raw
        assert b"Appareil de la mairie" not in raw
    with item.file.open("rb") as handle:
        assert handle.read() == data


def test_orientation_is_applied(coordinator_a, experiment_a):
    """A phone photo stored sideways (EXIF orientation 6) gets upright renditions."""
    data = encoded(picture((1200, 800)), "JPEG", exif=gps_exif(orientation=6))
    [item] = add_media(coordinator_a, experiment_a, SimpleUploadedFile("portrait.jpg", data))
    assert (item.width, item.height) == (800, 1200)
    large = _open(item.large)
    assert large.size == (800, 1200)
    assert ORIENTATION not in large.getexif()
    # The yellow mark of the top-left corner is now at the top right.
    red, green, blue = large.getpixel((large.width - 20, 20))
    assert red > 200 and green > 150 and blue < 80


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("Photo abîmée.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 50),
        SimpleUploadedFile("Coupée.jpg", encoded(picture((800, 600)), "JPEG")[:1500]),
        SimpleUploadedFile("Coupée.png", encoded(picture((800, 600)), "PNG")[:300]),
    ],
    ids=["garbage", "truncated-jpeg", "truncated-png"],
)
def test_a_damaged_photo_is_refused_and_leaves_nothing(
    coordinator_a, experiment_a, media_root, upload
):
    error = _refusal(experiment_a, coordinator_a, upload)
    assert error.error_list[0].code == "damaged"
    assert upload.name in error.messages[0]
    _nothing_kept(media_root)


def test_a_pdf_named_jpg_is_refused_in_french_naming_the_file(
    coordinator_a, experiment_a, media_root
):
    error = _refusal(experiment_a, coordinator_a, pdf_named("Photo du COPIL.jpg"))
    [problem] = error.error_list
    assert problem.code == "disguised"
    with translation.override("fr"):
        message = error.messages[0]
        expected = str(problem.message) % {key: str(value) for key, value in problem.params.items()}
    assert message == expected
    assert "Photo du COPIL.jpg" in message
    assert "PDF" in message
    _nothing_kept(media_root)


def test_a_png_named_jpg_is_refused(coordinator_a, experiment_a, media_root):
    """A real photo with the wrong ending: the message says how to put it right."""
    error = _refusal(experiment_a, coordinator_a, png("Affiche.jpg"))
    assert error.error_list[0].code == "misnamed"
    assert "PNG" in error.messages[0] and "«\u00a0.png\u00a0»" in error.messages[0]
    _nothing_kept(media_root)


@pytest.mark.parametrize(
    ("name", "code"),
    [("IMG_0042.HEIC", "heic"), ("Interview.mov", "mov"), ("Plan.svg", "extension")],
)
def test_unaccepted_types_are_explained(coordinator_a, experiment_a, media_root, name, code):
    error = _refusal(experiment_a, coordinator_a, SimpleUploadedFile(name, b"\x00" * 64))
    assert error.error_list[0].code == code
    assert name in error.messages[0]
    _nothing_kept(media_root)


def test_a_decompression_bomb_is_refused(coordinator_a, experiment_a, media_root):
    """A small file declaring 900 million pixels is refused before it is decoded."""
    bomb = SimpleUploadedFile("Bombe.png", bomb_png())
    assert bomb.size < 100_000
    error = _refusal(experiment_a, coordinator_a, bomb)
    assert error.error_list[0].code == "too_many_pixels"
    assert "Bombe.png" in error.messages[0]
    _nothing_kept(media_root)


def test_photos_over_the_pixel_limit_are_refused(coordinator_a, experiment_a, media_root, settings):
    settings.GALLERY_MAX_PHOTO_PIXELS = 1_000_000
    error = _refusal(experiment_a, coordinator_a, jpeg(size=(1500, 1000)))
    assert error.error_list[0].code == "too_many_pixels"
    assert "1500\u00a0×\u00a01000" in error.messages[0]
    _nothing_kept(media_root)


def test_size_limits_per_kind(coordinator_a, experiment_a, media_root, settings):
    settings.GALLERY_MAX_PHOTO_MB = 1
    big = SimpleUploadedFile("Lourde.jpg", encoded(picture((64, 64)), "JPEG") + b"\0" * 2**20)
    error = _refusal(experiment_a, coordinator_a, big)
    assert error.error_list[0].code == "too_large"
    # The same size is fine for a video.
    add_media(coordinator_a, experiment_a, mp4(data=mp4_bytes(payload=2**20 + 10)))
    assert MediaItem.objects.get().kind == "video"


def test_an_empty_file_is_refused(coordinator_a, experiment_a, media_root):
    error = _refusal(experiment_a, coordinator_a, SimpleUploadedFile("Vide.jpg", b""))
    assert error.error_list[0].code == "empty"
    _nothing_kept(media_root)


def test_one_bad_file_refuses_the_whole_batch(coordinator_a, experiment_a, media_root):
    """Every refused file is named; the good ones are not saved either."""
    error = _refusal(
        experiment_a,
        coordinator_a,
        jpeg("Bonne.jpg"),
        pdf_named("Fausse.jpg"),
        SimpleUploadedFile("Abîmée.png", b"\x89PNG\r\n\x1a\n" + b"x" * 40),
    )
    assert len(error.messages) == 2
    assert "Fausse.jpg" in error.messages[0] and "Abîmée.png" in error.messages[1]
    assert not any("Bonne.jpg" in message for message in error.messages)
    _nothing_kept(media_root)


def test_files_written_before_a_failure_are_removed(
    coordinator_a, experiment_a, media_root, monkeypatch
):
    """A failure after the files are written (here: the journal) removes them again."""

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "record", broken)
    with pytest.raises(RuntimeError):
        add_media(coordinator_a, experiment_a, jpeg(), png())
    assert MediaItem.objects.count() == 0
    assert stored_files(media_root) == []


def test_videos_are_checked_on_structure(coordinator_a, experiment_a, media_root):
    items = add_media(coordinator_a, experiment_a, mp4(), webm())
    assert [(i.kind, i.content_type) for i in items] == [
        ("video", "video/mp4"),
        ("video", "video/webm"),
    ]
    assert not items[0].has_picture and items[0].width is None


@pytest.mark.parametrize(
    "upload",
    [
        mp4("Coupée.mp4", mp4_bytes()[:-500]),
        SimpleUploadedFile("Sans moov.mp4", mp4_bytes()[:32] + b"\x00\x00\x00\x10mdat" + b"0" * 8),
        SimpleUploadedFile("Coupée.webm", webm().read()[:-200]),
    ],
    ids=["truncated-mp4", "mp4-without-moov", "truncated-webm"],
)
def test_damaged_videos_are_refused(coordinator_a, experiment_a, media_root, upload):
    error = _refusal(experiment_a, coordinator_a, upload)
    assert error.error_list[0].code in ("damaged", "disguised")
    assert upload.name in error.messages[0]
    _nothing_kept(media_root)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Film.mp4", b"\x00\x00\x00\x18ftypqt  \x00\x00\x00\x00qt  " + b"\x00" * 64),
        ("Photo.mp4", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64),
        ("Film.webm", webm().read().replace(b"webm", b"mkv!", 1)),
    ],
    ids=["quicktime", "heic", "matroska"],
)
def test_videos_of_other_formats_are_refused(coordinator_a, experiment_a, name, data):
    error = _refusal(experiment_a, coordinator_a, SimpleUploadedFile(name, data))
    assert error.error_list[0].code == "disguised"


def test_a_video_poster_gives_the_thumbnails(coordinator_a, experiment_a):
    poster = SimpleUploadedFile(
        "Affiche.jpg", encoded(picture((1920, 1080)), "JPEG", exif=gps_exif())
    )
    [item] = add_media(coordinator_a, experiment_a, mp4(), poster=poster)
    assert item.poster_name == "Affiche.jpg"
    assert (item.width, item.height) == (1920, 1080)
    assert _open(item.large).size == (1600, 900)
    assert not _open(item.large).getexif().get_ifd(GPS_IFD)


def test_a_poster_goes_with_a_single_video(coordinator_a, experiment_a, media_root):
    error = _refusal(experiment_a, coordinator_a, jpeg(), poster=jpeg("Affiche.jpg"))
    assert error.error_list[0].code == "poster"
    error = _refusal(experiment_a, coordinator_a, mp4(), poster=mp4("Affiche.mp4"))
    assert error.error_list[0].code == "extension"
    _nothing_kept(media_root)


def test_at_most_so_many_files_at_once(coordinator_a, experiment_a, media_root):
    uploads = [jpeg(f"{i}.jpg", size=(32, 32)) for i in range(checks.MAX_FILES_PER_UPLOAD + 1)]
    error = _refusal(experiment_a, coordinator_a, *uploads)
    assert error.error_list[0].code == "too_many_files"
    _nothing_kept(media_root)


def test_details_are_checked(coordinator_a, experiment_a, media_root):
    error = _refusal(experiment_a, coordinator_a, jpeg(), caption="   ")
    assert "caption" in error.error_dict
    _nothing_kept(media_root)


def test_an_upload_is_journalled(coordinator_a, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, jpeg(), credit="Léa Martin")
    event = AuditEvent.objects.get(object_type="gallery.mediaitem")
    assert (event.action, event.actor, event.experiment) == ("created", coordinator_a, experiment_a)
    assert event.changes["file"] == [None, "Atelier.jpg"]
    assert event.changes["credit"] == [None, "Léa Martin"]
    assert event.object_id == str(item.pk)
