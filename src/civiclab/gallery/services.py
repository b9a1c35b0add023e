"""State changes of the gallery. Each is atomic and audited; files are never half-saved.

Files are checked and the renditions made in memory first; only then are files written, and
the rows saved in one transaction. If anything fails, the files just written are removed, so
neither the database nor the disk keeps a trace of a refused upload. Deleted items' files are
removed once the deletion is committed.
"""

from collections.abc import Sequence
from contextlib import ExitStack
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.experiments.models import Experiment
from civiclab.gallery.captions import webvtt_of
from civiclab.gallery.checks import (
    MAX_FILES_PER_UPLOAD,
    PHOTO,
    VIDEO,
    CheckedMedia,
    check_media,
    display_name,
)
from civiclab.gallery.models import MediaItem
from civiclab.gallery.renditions import Renditions, make_renditions
from civiclab.gallery.video import public_copy_of

Action = AuditEvent.Action
DETAILS = ["caption", "credit", "taken_on", "alt_text", "consent", "consent_note"]
AUDITED = [*DETAILS, "poster_name", "captions_name"]


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def clean_details(
    *,
    caption: str,
    credit: str = "",
    taken_on: date | None = None,
    alt_text: str = "",
    consent: str = MediaItem.Consent.UNKNOWN,
    consent_note: str = "",
) -> dict:
    """The describing fields of an item, tidied and checked (ValidationError in plain words)."""
    details = {
        "caption": _text(caption),
        "credit": _text(credit),
        "taken_on": taken_on,
        "alt_text": _text(alt_text),
        "consent": consent,
        "consent_note": _text(consent_note),
    }
    errors = {}
    if not details["caption"]:
        errors["caption"] = ValidationError(_("Give a caption."), code="caption_required")
    if consent not in MediaItem.Consent.values:
        errors["consent"] = ValidationError(_("Choose an image-rights status."), code="consent")
    if taken_on and taken_on > timezone.localdate():
        errors["taken_on"] = ValidationError(
            _("The date taken cannot be in the future."), code="future"
        )
    for name in ("caption", "credit", "alt_text", "consent_note"):
        limit = MediaItem._meta.get_field(name).max_length
        if len(details[name]) > limit:
            errors[name] = ValidationError(
                _("At most %(limit)d characters."), code="too_long", params={"limit": limit}
            )
    if errors:
        raise ValidationError(errors)
    return details


def _checked(upload, *, photos_only: bool = False) -> tuple[CheckedMedia, Renditions | None]:
    checked = check_media(upload, photos_only=photos_only)
    renditions = make_renditions(upload, checked) if checked.kind == PHOTO else None
    return checked, renditions


def _check_all(uploads: Sequence, poster) -> tuple[list, Renditions | None]:
    """Every upload checked, and every refusal reported at once (each names its file)."""
    if not uploads:
        raise ValidationError(_("Choose at least one photo or video."), code="no_file")
    if len(uploads) > MAX_FILES_PER_UPLOAD:
        raise ValidationError(
            _("At most %(max)d files at a time."),
            code="too_many_files",
            params={"max": MAX_FILES_PER_UPLOAD},
        )
    checked, problems = [], []
    for upload in uploads:
        try:
            checked.append((upload, *_checked(upload)))
        except ValidationError as error:
            problems.extend(error.error_list)
    poster_renditions = None
    if poster is not None:
        if len(uploads) != 1 or (checked and checked[0][1].kind != VIDEO):
            problems.append(
                ValidationError(
                    _("A poster goes with one video: upload the video alone."), code="poster"
                )
            )
        else:
            try:
                poster_renditions = _checked(poster, photos_only=True)[1]
            except ValidationError as error:
                problems.extend(error.error_list)
    if problems:
        raise ValidationError(problems)
    return checked, poster_renditions


def _save_renditions(item: MediaItem, renditions: Renditions, written: list[str]) -> None:
    for size, data in renditions.files.items():
        field = getattr(item, size)
        field.save("rendition", ContentFile(data), save=False)
        written.append(field.name)
    item.width, item.height = renditions.width, renditions.height


def _discard(paths: list[str]) -> None:
    for path in paths:
        default_storage.delete(path)


def _discard_after_commit(paths: list[str]) -> None:
    transaction.on_commit(lambda: _discard(paths))


def upload_media(
    actor, experiment: Experiment, uploads: Sequence, *, poster=None, **details
) -> list[MediaItem]:
    """New items of `experiment` from uploaded photos and videos, all described by `details`
    (see `clean_details`); `poster` is an optional picture for a single video.

    All the files are saved, or none: one refused file (wrong type, damaged, too large...)
    refuses the whole upload with a message naming each refused file.
    """
    details = clean_details(**details)
    checked, poster_renditions = _check_all(list(uploads), poster)
    written: list[str] = []
    # Videos are remuxed before the transaction: seconds of ffmpeg must not hold the
    # database's write lock while respondents submit answers.
    with ExitStack() as copies:
        public_copies = {
            id(upload): copies.enter_context(public_copy_of(upload, media.type.content_type))
            for upload, media, _renditions in checked
            if media.kind == VIDEO
        }
        try:
            return _store(
                actor,
                experiment,
                checked,
                poster,
                poster_renditions,
                public_copies,
                details,
                written,
            )
        except BaseException:
            _discard(written)
            raise


@transaction.atomic
@in_site_language
def _store(actor, experiment, checked, poster, poster_renditions, public_copies, details, written):
    last = MediaItem.objects.filter(experiment=experiment).aggregate(last=Max("position"))
    position = last["last"] or 0
    items = []
    for upload, media, renditions in checked:
        position += 1
        item = MediaItem(
            experiment=experiment,
            kind=media.kind,
            original_name=media.name,
            content_type=media.type.content_type,
            size=media.size,
            uploaded_by=_user(actor),
            position=position,
            consent_changed_at=timezone.now(),
            consent_changed_by=_user(actor),
            **details,
        )
        item.file.save("original", upload, save=False)
        written.append(item.file.name)
        if media.kind == VIDEO:
            renditions = poster_renditions
            item.poster_name = display_name(poster) if renditions else ""
            if public_copies[id(upload)] is not None:
                item.public_video.save("public", public_copies[id(upload)], save=False)
                written.append(item.public_video.name)
        if renditions is not None:
            _save_renditions(item, renditions, written)
        item.save()
        changes = {"file": [None, item.original_name]}
        changes.update(
            {k: v for k, v in changed_fields({}, snapshot(item, DETAILS)).items() if v[1]}
        )
        record(actor, Action.CREATED, item, experiment, changes)
        items.append(item)
    return items


def edit_media(
    actor,
    item: MediaItem,
    *,
    poster=None,
    remove_poster: bool = False,
    captions=None,
    remove_captions: bool = False,
    **details,
) -> MediaItem:
    """Change what describes `item` (see `clean_details`), and for a video give it a new
    `poster` or `captions` (a WebVTT or SRT file), or remove them; all of it is saved, or
    none.

    Consent set to refused or withdrawn takes the item out of public pages at once.
    """
    details = clean_details(**details)
    poster_change = captions_change = None
    if poster is not None or remove_poster:
        _video_only(item, _("Only a video has a poster."))
        if poster is not None:
            checked, renditions = _checked(poster, photos_only=True)
            poster_change = (checked.name, renditions)
        else:
            poster_change = ("", None)
    if captions is not None or remove_captions:
        _video_only(item, _("Only a video has captions."))
        captions_change = (display_name(captions), webvtt_of(captions)) if captions else ("", "")
    written: list[str] = []
    try:
        return _edit(actor, item, details, poster_change, captions_change, written)
    except BaseException:
        _discard(written)
        raise


def _video_only(item: MediaItem, message) -> None:
    if item.kind != MediaItem.Kind.VIDEO:
        raise ValidationError(message, code="not_video")


@transaction.atomic
@in_site_language
def _edit(
    actor, item, details: dict, poster_change, captions_change, written: list[str]
) -> MediaItem:
    item = MediaItem.objects.select_for_update().select_related("experiment").get(pk=item.pk)
    before = snapshot(item, AUDITED)
    if details["consent"] != item.consent:
        item.consent_changed_at = timezone.now()
        item.consent_changed_by = _user(actor)
    for name, value in details.items():
        setattr(item, name, value)
    if poster_change is not None:
        name, renditions = poster_change
        _discard_after_commit([f.name for f in (item.small, item.large) if f])
        if renditions is None:
            item.small = item.large = ""
            item.width = item.height = None
        else:
            _save_renditions(item, renditions, written)
        item.poster_name = name
    if captions_change is not None:
        name, text = captions_change
        _discard_after_commit([item.captions.name] if item.captions else [])
        item.captions = ""
        if text:
            item.captions.save("captions", ContentFile(text.encode("utf-8")), save=False)
            written.append(item.captions.name)
        item.captions_name = name
    changes = changed_fields(before, snapshot(item, AUDITED))
    if not changes and poster_change is None and captions_change is None:
        return item
    item.save()
    record(actor, Action.CHANGED, item, item.experiment, changes)
    return item


@transaction.atomic
@in_site_language
def delete_media(actor, item: MediaItem) -> None:
    """Delete `item`; its files (original and renditions) go once the deletion is committed
    (see `civiclab.gallery.signals`, which does the same when a whole experiment goes)."""
    record(actor, Action.DELETED, item, item.experiment, {"file": [item.original_name, None]})
    item.delete()


def _renumber(actor, ordered: list[MediaItem]) -> None:
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            old, item.position = item.position, position
            item.save(update_fields=["position"])
            record(actor, Action.CHANGED, item, item.experiment, {"position": [old, position]})


@transaction.atomic
@in_site_language
def move_media(actor, item: MediaItem, step: int) -> None:
    """Move `item` one place earlier (-1) or later (+1) in its experiment's gallery."""
    siblings = MediaItem.objects.filter(experiment_id=item.experiment_id).select_related(
        "experiment"
    )
    ordered = list(siblings.select_for_update().order_by("position", "id"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(actor, ordered)


@transaction.atomic
@in_site_language
def reorder_media(actor, experiment: Experiment, ids: Sequence[int]) -> None:
    """Put the gallery of `experiment` in the order of `ids`, which must list all its items."""
    items = {
        item.pk: item
        for item in MediaItem.objects.filter(experiment=experiment)
        .select_related("experiment")
        .select_for_update()
    }
    ids = [int(pk) for pk in ids]
    if sorted(ids) != sorted(items):
        raise ValidationError(
            _("The gallery changed meanwhile: reload the page and try again."), code="stale"
        )
    _renumber(actor, [items[pk] for pk in ids])


def orphan_files() -> list[str]:
    """Stored gallery files that no item points to (left by a crash between disk and
    database, or by a deletion whose commit hook never ran)."""
    known = set()
    for paths in MediaItem.objects.values_list("file", "small", "large"):
        known.update(path for path in paths if path)
    found = []
    try:
        folders = default_storage.listdir("gallery")[0]
    except FileNotFoundError:
        return []
    for folder in folders:
        for name in default_storage.listdir(f"gallery/{folder}")[1]:
            if (path := f"gallery/{folder}/{name}") not in known:
                found.append(path)
    return sorted(found)
