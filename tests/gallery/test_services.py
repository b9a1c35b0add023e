"""Editing, deleting and ordering items: atomic, journalled, files removed after commit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.audit.models import AuditEvent
from civiclab.gallery import services
from civiclab.gallery.models import MediaItem
from tests.gallery.conftest import (
    VIDEO_SECRETS,
    Consent,
    add_media,
    encoded,
    jpeg,
    mp4,
    phone_mp4,
    picture,
    public_details,
    stored_files,
    video_metadata,
)


def _events(item, action):
    return AuditEvent.objects.filter(
        object_type="gallery.mediaitem", object_id=str(item.pk), action=action
    )


def test_editing_the_consent_is_journalled_and_dated(coordinator_a, lab_admin, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    item = services.edit_media(
        lab_admin,
        item,
        **public_details(consent=Consent.WITHDRAWN, consent_note="Courriel du 3 mars"),
    )
    assert item.consent_changed_by == lab_admin and item.consent_changed_at
    [event] = _events(item, "changed")
    assert event.actor == lab_admin
    assert set(event.changes) == {"consent", "consent_note"}
    assert event.changes["consent"][1] == str(Consent.WITHDRAWN.label)


def test_an_edit_that_changes_nothing_is_not_journalled(coordinator_a, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    before = item.consent_changed_at
    services.edit_media(coordinator_a, item, **public_details())
    assert not _events(item, "changed").exists()
    item.refresh_from_db()
    assert item.consent_changed_at == before


def test_an_invalid_edit_saves_nothing(coordinator_a, experiment_a):
    [item] = add_media(coordinator_a, experiment_a, jpeg(), **public_details())
    with pytest.raises(ValidationError):
        services.edit_media(coordinator_a, item, **public_details(caption=" "))
    item.refresh_from_db()
    assert item.caption == "Atelier de quartier"


def test_a_new_poster_replaces_the_old_renditions_after_commit(
    coordinator_a, experiment_a, media_root, django_capture_on_commit_callbacks
):
    poster = SimpleUploadedFile("Une.jpg", encoded(picture((640, 360)), "JPEG"))
    [video] = add_media(coordinator_a, experiment_a, mp4(), poster=poster)
    old = {video.small.name, video.large.name}
    new_poster = SimpleUploadedFile("Deux.png", encoded(picture((800, 800)), "PNG"))
    with django_capture_on_commit_callbacks(execute=True):
        video = services.edit_media(
            coordinator_a, video, poster=new_poster, **public_details(caption="Teaser")
        )
    assert (video.poster_name, video.width, video.height) == ("Deux.png", 800, 800)
    names = {p.relative_to(media_root).as_posix() for p in stored_files(media_root)}
    assert not old & names
    assert {video.file.name, video.small.name, video.large.name} == names
    [event] = _events(video, "changed")
    assert event.changes["poster_name"] == ["Une.jpg", "Deux.png"]
    assert event.changes["caption"] == ["Atelier de quartier", "Teaser"]


def test_a_refused_poster_changes_nothing(coordinator_a, experiment_a, media_root):
    [video] = add_media(coordinator_a, experiment_a, mp4(), **public_details())
    before = stored_files(media_root)
    with pytest.raises(ValidationError):
        services.edit_media(
            coordinator_a,
            video,
            poster=SimpleUploadedFile("Affiche.jpg", b"%PDF-1.4 nope"),
            **public_details(caption="Changée"),
        )
    video.refresh_from_db()
    assert video.caption == "Atelier de quartier"
    assert stored_files(media_root) == before


def test_removing_the_poster(
    coordinator_a, experiment_a, media_root, django_capture_on_commit_callbacks
):
    [video] = add_media(coordinator_a, experiment_a, mp4(), poster=jpeg("Affiche.jpg"))
    with django_capture_on_commit_callbacks(execute=True):
        video = services.edit_media(coordinator_a, video, remove_poster=True, caption="Teaser")
    assert not video.has_picture and video.poster_name == "" and video.width is None
    assert len(stored_files(media_root)) == 1


def test_a_photo_has_no_poster(coordinator_a, experiment_a):
    [photo] = add_media(coordinator_a, experiment_a, jpeg())
    with pytest.raises(ValidationError):
        services.edit_media(coordinator_a, photo, poster=jpeg(), caption="x")


def test_delete_removes_the_files_once_committed(
    coordinator_a, experiment_a, media_root, django_capture_on_commit_callbacks
):
    [item] = add_media(coordinator_a, experiment_a, jpeg())
    assert len(stored_files(media_root)) == 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delete_media(coordinator_a, item)
    assert len(stored_files(media_root)) == 3, "nothing removed before the commit"
    for callback in callbacks:
        callback()
    assert stored_files(media_root) == []
    assert not MediaItem.objects.exists()
    event = AuditEvent.objects.get(action="deleted", object_type="gallery.mediaitem")
    assert event.changes == {"file": ["Atelier.jpg", None]}


def test_move_and_reorder(coordinator_a, experiment_a, experiment_b):
    a, b, c = (
        add_media(coordinator_a, experiment_a, jpeg(), caption=caption)[0]
        for caption in ("A", "B", "C")
    )
    other = add_media(coordinator_a, experiment_b, jpeg(), caption="Z")[0]

    def order():
        return [i.caption for i in MediaItem.objects.filter(experiment=experiment_a)]

    assert order() == ["A", "B", "C"]
    services.move_media(coordinator_a, c, -1)
    assert order() == ["A", "C", "B"]
    services.move_media(coordinator_a, a, -1)  # already first: nothing happens
    assert order() == ["A", "C", "B"]
    services.reorder_media(coordinator_a, experiment_a, [b.pk, a.pk, c.pk])
    assert order() == ["B", "A", "C"]
    with pytest.raises(ValidationError):
        services.reorder_media(coordinator_a, experiment_a, [b.pk, a.pk])
    with pytest.raises(ValidationError):
        services.reorder_media(coordinator_a, experiment_a, [b.pk, a.pk, c.pk, other.pk])
    assert order() == ["B", "A", "C"]
    assert AuditEvent.objects.filter(changes__has_key="position").count() >= 3


def test_deleting_the_experiment_removes_the_files(
    coordinator_a, experiment_a, media_root, django_capture_on_commit_callbacks
):
    add_media(coordinator_a, experiment_a, jpeg(), mp4())
    with django_capture_on_commit_callbacks(execute=True):
        MediaItem.objects.filter(experiment=experiment_a).delete()
    assert stored_files(media_root) == []


def test_orphan_files(coordinator_a, experiment_a, media_root):
    [item] = add_media(coordinator_a, experiment_a, jpeg())
    assert services.orphan_files() == []
    stray = media_root / "gallery" / str(experiment_a.pk) / "0123abcd"
    stray.write_bytes(b"left by a crash")
    assert services.orphan_files() == [f"gallery/{experiment_a.pk}/0123abcd"]
    assert item.file.name not in services.orphan_files()


def test_a_video_s_public_copy_is_made_outside_the_write_transaction(
    transactional_db, coordinator_a, experiment_a, monkeypatch
):
    """Remuxing a long video takes seconds: SQLite's write lock must not wait for it, or
    respondents' submissions would time out meanwhile."""
    from django.db import connection

    from civiclab.gallery import video

    seen = []
    real = video.public_copy

    def watched(*args):
        seen.append(connection.in_atomic_block)
        return real(*args)

    monkeypatch.setattr(video, "public_copy", watched)
    [item] = add_media(coordinator_a, experiment_a, phone_mp4(), **public_details())
    assert seen == [False]
    assert item.public_video and item.is_public
    with item.public_video.open("rb") as copy:
        assert VIDEO_SECRETS["title"] not in video_metadata(copy.read())
