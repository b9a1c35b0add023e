"""Gallery pages: who may see and change what, uploads through the browser, file addresses,
and the public thumbnail address that serves public items only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.experiments.models import Membership
from civiclab.gallery import checks
from civiclab.gallery.models import MediaItem
from tests.conftest import give_role, make_user
from tests.gallery.conftest import (
    add_media,
    encoded,
    jpeg,
    mp4,
    pdf_named,
    picture,
    png,
    public_details,
    stored_files,
    webm,
)

R = Membership.Role
OK, NO, GONE = 200, 403, 404
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# page -> expected status per role, written out by hand from the product rules.
# columns: coordinator, team, analyst, researcher, partner, innovator, communicator,
#          observer, lab staff, outsider
PAGES = {
    "index": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "detail": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "original": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "thumbnail": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "upload": (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE),
    "edit": (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE),
}  # fmt: skip
WHO = [*R.values, "lab_staff", "outsider"]
CASES = [(page, who, PAGES[page][i]) for page in PAGES for i, who in enumerate(WHO)]


@pytest.fixture
def photo(coordinator_a, experiment_a) -> MediaItem:
    return add_media(coordinator_a, experiment_a, jpeg(size=(1200, 800)), **public_details())[0]


@pytest.fixture
def public_experiment(experiment_a):
    experiment_a.is_public = True
    experiment_a.save(update_fields=["is_public"])
    return experiment_a


def _url(name: str, item: MediaItem, *args) -> str:
    if name in ("index", "upload"):
        return reverse(f"gallery:{name}", args=[item.experiment.slug])
    return reverse(f"gallery:{name}", args=[item.experiment.slug, item.pk, *args])


@pytest.mark.parametrize(("page", "who", "expected"), CASES)
def test_role_matrix(client, photo, page, who, expected):
    """Each role reaches exactly the gallery pages its role allows; strangers get 404."""
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, photo.experiment, who)
    client.force_login(user)
    args = ["small"] if page == "thumbnail" else []
    assert client.get(_url(page, photo, *args)).status_code == expected


def test_anonymous_visitors_are_sent_to_login(client, photo):
    for name, args in [("index", []), ("detail", []), ("original", []), ("thumbnail", ["large"])]:
        response = client.get(_url(name, photo, *args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_partner_of_b_cannot_reach_the_gallery_of_a(client, partner_b, experiment_b, photo):
    """Every address of A's gallery is a 404 for a partner of B, even under B's address."""
    client.force_login(partner_b)
    for name, args in [
        ("index", []),
        ("detail", []),
        ("original", []),
        ("thumbnail", ["small"]),
        ("edit", []),
    ]:
        assert client.get(_url(name, photo, *args)).status_code == 404, name
    under_b = reverse("gallery:original", args=[experiment_b.slug, photo.pk])
    assert client.get(under_b).status_code == 404
    assert (
        client.get(reverse("gallery:detail", args=[experiment_b.slug, photo.pk])).status_code == 404
    )
    response = client.post(_url("upload", photo), {"files": [jpeg()], "caption": "Intrus"})
    assert response.status_code == 404
    assert MediaItem.objects.count() == 1


def test_a_partner_reads_but_may_not_upload(client, experiment_a, media_root):
    partner = make_user("elue")
    give_role(partner, experiment_a, R.PARTNER)
    client.force_login(partner)
    assert client.get(reverse("gallery:index", args=[experiment_a.slug])).status_code == 200
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {"files": [jpeg()], "caption": "Atelier", "consent": "unknown"},
    )
    assert response.status_code == 403
    assert not MediaItem.objects.exists() and stored_files(media_root) == []


def test_a_communicator_uploads_several_photos(client, experiment_a):
    communicator = make_user("communication")
    give_role(communicator, experiment_a, R.COMMUNICATOR)
    client.force_login(communicator)
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {
            "files": [jpeg("Un.jpg"), png("Deux.png")],
            "caption": "Atelier du 12 mars",
            "credit": "Léa Martin",
            "alt_text": "Des habitants autour d'une table.",
            "taken_on": "2026-03-12",
            "consent": "consented",
            "consent_note": "Classeur bleu",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("gallery:index", args=[experiment_a.slug])
    items = list(MediaItem.objects.order_by("position"))
    assert [i.original_name for i in items] == ["Un.jpg", "Deux.png"]
    assert all(i.is_public and i.uploaded_by == communicator for i in items)
    assert str(items[0].taken_on) == "2026-03-12"


def test_a_refused_upload_says_why_and_keeps_nothing(
    client, coordinator_a, experiment_a, media_root
):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {"files": [jpeg("Bonne.jpg"), pdf_named("CR COPIL.jpg")], "caption": "Atelier"},
        **ENGLISH,
    )
    assert response.status_code == 400
    assert "CR COPIL.jpg" in response.content.decode()
    assert "a PDF document" in response.content.decode()
    assert not MediaItem.objects.exists() and stored_files(media_root) == []


def test_a_too_large_file_is_stopped_while_it_arrives(
    client, coordinator_a, experiment_a, media_root, settings
):
    settings.GALLERY_MAX_PHOTO_MB = 1
    big = SimpleUploadedFile("Énorme.jpg", encoded(picture((64, 64)), "JPEG") + b"\0" * 2**21)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {"files": [big], "caption": "Atelier"},
        **ENGLISH,
    )
    assert response.status_code == 400
    assert "Énorme.jpg" in response.content.decode()
    assert "too large" in response.content.decode()
    assert not MediaItem.objects.exists() and stored_files(media_root) == []


def test_too_much_at_once_is_stopped_while_it_arrives(
    client, coordinator_a, experiment_a, media_root, settings, monkeypatch
):
    """Each file may be under its limit, and the whole upload still too much."""
    settings.GALLERY_MAX_PHOTO_MB = settings.GALLERY_MAX_VIDEO_MB = 1
    monkeypatch.setattr(checks, "MAX_FILES_PER_UPLOAD", 1)  # so at most 2 MB in all
    files = [
        SimpleUploadedFile(f"{n}.jpg", encoded(picture((64, 64)), "JPEG") + b"\0" * 900_000)
        for n in range(3)
    ]
    client.force_login(coordinator_a)
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {"files": files, "caption": "Atelier"},
        **ENGLISH,
    )
    assert response.status_code == 400
    assert "Too much sent at once" in response.content.decode()
    assert not MediaItem.objects.exists() and stored_files(media_root) == []


def test_a_video_with_its_poster(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("gallery:upload", args=[experiment_a.slug]),
        {"files": [webm()], "poster": jpeg("Affiche.jpg"), "caption": "Teaser"},
    )
    video = MediaItem.objects.get()
    assert response.status_code == 302 and response["Location"] == video.get_absolute_url()
    page = client.get(video.get_absolute_url()).content.decode()
    assert "<video" in page and video.get_original_url() in page and video.large_url in page


def test_index_shows_badges_and_filters(client, coordinator_a, experiment_a):
    add_media(coordinator_a, experiment_a, jpeg(), **public_details(caption="Publiable"))
    add_media(
        coordinator_a, experiment_a, jpeg(), **public_details(caption="Refusée", consent="refused")
    )
    add_media(coordinator_a, experiment_a, jpeg(), caption="À compléter")
    client.force_login(coordinator_a)
    url = reverse("gallery:index", args=[experiment_a.slug])
    page = client.get(url, **ENGLISH).content.decode()
    for text in ("Can be public", "Image rights refused", "Image rights not collected"):
        assert text in page
    assert "Credit missing" in page and "Text alternative missing" in page
    assert "Move earlier" in page
    page = client.get(url, {"consent": "refused"}, **ENGLISH).content.decode()
    assert "Refusée" in page and "Publiable" not in page and "À compléter" not in page
    assert "Move earlier" not in page, "no moving within a filtered gallery"
    page = client.get(url, {"public": "yes"}, **ENGLISH).content.decode()
    assert "Publiable" in page and "Refusée" not in page
    response = client.get(url, {"consent": "nonsense"})
    assert response.status_code == 200  # an unknown filter shows everything


def test_the_index_costs_the_same_queries_for_3_or_12_items(
    client, coordinator_a, experiment_a, django_assert_num_queries
):
    client.force_login(coordinator_a)
    url = reverse("gallery:index", args=[experiment_a.slug])
    add_media(coordinator_a, experiment_a, *[jpeg(f"{i}.jpg", size=(40, 30)) for i in range(3)])
    client.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_media(coordinator_a, experiment_a, *[jpeg(f"{i}.jpg", size=(40, 30)) for i in range(9)])
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count('class="card media-card"') == 12


def test_editors_edit_move_and_delete(
    client, coordinator_a, experiment_a, media_root, django_capture_on_commit_callbacks
):
    first = add_media(coordinator_a, experiment_a, jpeg(), caption="Premier")[0]
    second = add_media(coordinator_a, experiment_a, jpeg(), caption="Second")[0]
    client.force_login(coordinator_a)
    response = client.post(_url("edit", first), {**public_details(), "caption": "Renommée"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.caption == "Renommée" and first.is_public
    response = client.post(_url("move", second), {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#media-{second.pk}")
    assert list(MediaItem.objects.values_list("caption", flat=True)) == ["Second", "Renommée"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url("delete", first)).status_code == 302
    assert list(MediaItem.objects.values_list("caption", flat=True)) == ["Second"]
    assert len(stored_files(media_root)) == 3
    assert client.get(_url("delete", second)).status_code == 405


def test_an_invalid_edit_shows_the_form_again(client, coordinator_a, photo):
    client.force_login(coordinator_a)
    response = client.post(_url("edit", photo), {**public_details(), "caption": ""})
    assert response.status_code == 400
    photo.refresh_from_db()
    assert photo.caption == "Atelier de quartier"


def test_team_files(client, coordinator_a, photo, experiment_a):
    """Originals are downloaded, renditions shown; nothing is sniffed or run as a page."""
    client.force_login(coordinator_a)
    response = client.get(_url("original", photo))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    with photo.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    response = client.get(_url("thumbnail", photo, "large"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert client.get(_url("thumbnail", photo, "small").replace("small", "huge")).status_code == 404


def test_a_video_plays_by_ranges(client, coordinator_a, experiment_a):
    [video] = add_media(coordinator_a, experiment_a, mp4())
    client.force_login(coordinator_a)
    url = _url("original", video)
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert not whole["Content-Disposition"].startswith("attachment")
    data = b"".join(whole.streaming_content)
    part = client.get(url, HTTP_RANGE="bytes=10-99")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-99/{len(data)}"
    assert b"".join(part.streaming_content) == data[10:100]
    tail = client.get(url, HTTP_RANGE="bytes=-16")
    assert b"".join(tail.streaming_content) == data[-16:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(data)}-").status_code == 416
    download = client.get(url + "?download")
    assert download["Content-Disposition"].startswith("attachment")
    assert client.get(_url("thumbnail", video, "small")).status_code == 404  # no poster
