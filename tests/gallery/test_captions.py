"""A video's captions: SRT or WebVTT in any usual encoding, kept as UTF-8 WebVTT; anything
else refused with a message naming the file, and nothing stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.gallery import services
from civiclab.gallery.captions import webvtt_of
from tests.conftest import make_user
from tests.gallery.conftest import add_media, jpeg, phone_mp4, public_details

SRT = (
    "1\r\n00:00:01,000 --> 00:00:02,500\r\nL'été à Lille\r\n\r\n"
    "2\r\n00:00:03,000 --> 00:00:04,000\r\nÇa commence.\r\n"
)
EXPECTED = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nL'été à Lille\n\n"
    "00:00:03.000 --> 00:00:04.000\nÇa commence.\n"
)


def upload(data: bytes, name: str = "sous-titres.srt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


@pytest.mark.parametrize(
    "data",
    [
        SRT.encode("utf-8"),
        SRT.encode("utf-8-sig"),
        SRT.encode("cp1252"),  # a Windows subtitling tool
        SRT.encode("utf-16"),  # with its byte-order mark
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_srt_in_any_usual_encoding_becomes_webvtt(data):
    assert webvtt_of(upload(data)) == EXPECTED


def test_webvtt_is_kept_with_its_cue_markup():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.500\n<v Mme R.>On m'écoutait <i>enfin</i>\n"
    assert webvtt_of(upload(vtt.encode(), "a.vtt")) == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v Mme R.>On m'écoutait <i>enfin</i>\n"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "n’est pas un fichier texte"),
        (b"Compte rendu de l'atelier", "ni un fichier de sous-titres WebVTT"),
        ("1\n00:00:01 --> 00:00:02\nHeure mal écrite\n".encode(), "aucun sous-titre lisible"),
        (b"WEBVTT\n\n", "aucun sous-titre lisible"),
        (b"WEBVTT\n\n" + b"x" * (1024 * 1024), "plus de 1 Mo"),
    ],
    ids=["binary", "prose", "bad-time", "empty", "too-large"],
)
def test_what_is_not_captions_is_refused_by_name(data, reason):
    with pytest.raises(ValidationError) as refused:
        webvtt_of(upload(data, "Atelier 12 mars.srt"))
    [message] = refused.value.messages
    assert "« Atelier 12 mars.srt »" in message and reason in message


@pytest.fixture
def video(coordinator_a, experiment_a):
    return add_media(coordinator_a, experiment_a, phone_mp4(), **public_details())[0]


def test_captions_are_added_replaced_and_removed(
    coordinator_a, video, django_capture_on_commit_callbacks
):
    video = services.edit_media(
        coordinator_a, video, captions=upload(SRT.encode()), **public_details()
    )
    with video.captions.open("rb") as stored:
        assert stored.read().decode("utf-8") == EXPECTED
    assert video.captions_name == "sous-titres.srt"
    first = video.captions.name
    with django_capture_on_commit_callbacks(execute=True):
        video = services.edit_media(
            coordinator_a, video, captions=upload(SRT.encode(), "v2.srt"), **public_details()
        )
    assert video.captions_name == "v2.srt" and not default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        video = services.edit_media(coordinator_a, video, remove_captions=True, **public_details())
    assert not video.captions and video.captions_name == ""
    changes = [
        event.changes["captions_name"]
        for event in AuditEvent.objects.filter(object_id=str(video.pk)).order_by("pk")
        if "captions_name" in event.changes
    ]
    assert changes == [["", "sous-titres.srt"], ["sous-titres.srt", "v2.srt"], ["v2.srt", ""]]


def test_refused_captions_change_nothing(coordinator_a, video):
    with pytest.raises(ValidationError):
        services.edit_media(
            coordinator_a,
            video,
            captions=upload(b"pas des sous-titres"),
            **public_details(caption="Nouvelle légende"),
        )
    video.refresh_from_db()
    assert not video.captions and video.caption == "Atelier de quartier"


def test_only_a_video_has_captions(coordinator_a, experiment_a):
    [photo] = add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    with pytest.raises(ValidationError, match="Seule une vidéo a des sous-titres"):
        services.edit_media(coordinator_a, photo, captions=upload(SRT.encode()), **public_details())


def test_the_edit_page_adds_captions_and_the_player_shows_them(
    client, coordinator_a, experiment_a, video
):
    client.force_login(coordinator_a)
    edit = reverse("gallery:edit", args=[experiment_a.slug, video.pk])
    data = {**public_details(), "consent_note": "", "taken_on": ""}
    refused = client.post(edit, {**data, "captions": upload(b"\x00\x01binaire", "film.srt")})
    assert refused.status_code == 400
    assert "« film.srt » n’est pas un fichier texte" in refused.content.decode()
    assert client.post(edit, {**data, "captions": upload(SRT.encode())}).status_code == 302
    page = client.get(video.get_absolute_url()).content.decode()
    assert f'<track kind="captions" src="{video.get_captions_url()}" srclang="fr"' in page
    response = client.get(video.get_captions_url())
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content).decode() == EXPECTED


def test_people_outside_the_experiment_do_not_get_the_captions(client, coordinator_a, video):
    services.edit_media(coordinator_a, video, captions=upload(SRT.encode()), **public_details())
    client.force_login(make_user("ailleurs"))
    assert client.get(video.get_captions_url()).status_code in (403, 404)
