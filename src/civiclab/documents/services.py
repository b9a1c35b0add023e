"""State changes of folders and documents. Each is atomic and audited; files never half-saved."""

import hashlib
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.documents.filetypes import check_upload, safe_filename
from civiclab.documents.models import Document, DocumentVersion, Folder, Tag
from civiclab.experiments.models import Experiment

Action = AuditEvent.Action
MAX_TAGS = 20
MAX_FOLDER_DEPTH = 8


# --- Names and tags ------------------------------------------------------------------------


def clean_name(name: str, max_length: int) -> str:
    """A folder or document name without path separators or control characters."""
    cleaned = safe_filename(name, fallback="")
    if not cleaned:
        raise ValidationError(_("Give a name."), code="name_empty")
    return cleaned[:max_length]


def normalise_tag(name: str) -> str:
    name = unicodedata.normalize("NFC", name).strip().lstrip("#").lower()
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    return " ".join(name.split())[: Tag._meta.get_field("name").max_length]


def parse_tags(text: str) -> list[str]:
    """'COPIL, budget ,, #Budget' -> ['copil', 'budget']: normalised, once each, in order."""
    names = []
    for part in text.replace(";", ",").split(","):
        name = normalise_tag(part)
        if name and name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError(
            _("At most %(max)d tags per document."), code="too_many_tags", params={"max": MAX_TAGS}
        )
    return names


def _normalised(names: Iterable[str]) -> list[str]:
    return [n for n in dict.fromkeys(normalise_tag(name) for name in names) if n]


def _tags(names: Iterable[str]) -> list[Tag]:
    return [Tag.objects.get_or_create(name=name)[0] for name in names]


def _name_taken(siblings, name: str, exclude_pk=None) -> bool:
    return siblings.filter(name__iexact=name).exclude(pk=exclude_pk).exists()


def _name_taken_error(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” already exists in this folder."), code="name_taken", params={"name": name}
    )


def _check_same_space(experiment: Experiment | None, folder: Folder | None) -> None:
    # Views only offer folders of the current tree; this guards the service's other callers.
    if folder is not None and folder.experiment_id != (experiment.pk if experiment else None):
        raise ValueError("The folder belongs to another tree.")


# --- Folders -------------------------------------------------------------------------------


def _folder_siblings(experiment, parent):
    return Folder.objects.filter(experiment=experiment, parent=parent)


def ancestors(folder: Folder | None) -> list[Folder]:
    """The folder and its parents, from the top of the tree down."""
    chain = []
    while folder is not None:
        chain.insert(0, folder)
        folder = folder.parent
    return chain


@transaction.atomic
@in_site_language
def create_folder(actor, experiment: Experiment | None, parent: Folder | None, name: str) -> Folder:
    _check_same_space(experiment, parent)
    name = clean_name(name, Folder._meta.get_field("name").max_length)
    if len(ancestors(parent)) >= MAX_FOLDER_DEPTH:
        raise ValidationError(
            _("Folders can be nested %(max)d levels deep at most."),
            code="too_deep",
            params={"max": MAX_FOLDER_DEPTH},
        )
    if _name_taken(_folder_siblings(experiment, parent), name):
        raise _name_taken_error(name)
    folder = Folder.objects.create(
        experiment=experiment, parent=parent, name=name, created_by=_user(actor)
    )
    record(actor, Action.CREATED, folder, experiment, {"name": [None, name]})
    return folder


@transaction.atomic
@in_site_language
def rename_folder(actor, folder: Folder, name: str) -> Folder:
    name = clean_name(name, Folder._meta.get_field("name").max_length)
    if name == folder.name:
        return folder
    if _name_taken(_folder_siblings(folder.experiment, folder.parent), name, folder.pk):
        raise _name_taken_error(name)
    old, folder.name = folder.name, name
    folder.save(update_fields=["name"])
    record(actor, Action.CHANGED, folder, folder.experiment, {"name": [old, name]})
    return folder


@transaction.atomic
@in_site_language
def delete_folder(actor, folder: Folder) -> None:
    """Delete an empty folder (deleted documents it held move to the top of the tree)."""
    if folder.children.exists() or Document.live.filter(folder=folder).exists():
        raise ValidationError(
            _("Only an empty folder can be deleted: move or delete what it contains first."),
            code="not_empty",
        )
    Document.objects.filter(folder=folder).update(folder=None)
    record(actor, Action.DELETED, folder, folder.experiment)
    folder.delete()


# --- Documents -----------------------------------------------------------------------------


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _document_siblings(experiment, folder):
    return Document.live.filter(experiment=experiment, folder=folder)


def _hash(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _save_version(actor, document, upload, kind, comment: str, written: list) -> DocumentVersion:
    """Write the file, then its row; `written` collects stored paths for the caller's cleanup."""
    previous = document.versions.order_by("-number").values_list("number", flat=True).first()
    version = DocumentVersion(
        document=document,
        number=(previous or 0) + 1,
        original_name=safe_filename(upload.name),
        size=upload.size,
        content_type=kind.content_type,
        sha256=_hash(upload),
        uploaded_by=_user(actor),
        comment=comment.strip()[:300],
    )
    version.file.save("upload", upload, save=False)
    written.append(version.file.name)
    version.save()
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    changes = {"file": [None, version.original_name], "size": [None, version.size]}
    record(actor, Action.CREATED, version, document.experiment, changes)
    return version


def _discard(paths: list[str]) -> None:
    for path in paths:
        default_storage.delete(path)


@in_site_language
def upload_document(
    actor,
    experiment: Experiment | None,
    folder: Folder | None,
    upload,
    *,
    tags: Iterable[str] = (),
    comment: str = "",
) -> Document:
    """A new document from an uploaded file, in `folder` (None: the top of the tree).

    The file is checked first (size, type by content); it is written to disk and its rows
    saved together: if anything fails, the file is removed and nothing stays in the database.
    """
    _check_same_space(experiment, folder)
    tags = _normalised(tags)
    checked = check_upload(upload, upload.name)
    name = clean_name(upload.name, Document._meta.get_field("name").max_length)
    written: list[str] = []
    try:
        with transaction.atomic():
            if _name_taken(_document_siblings(experiment, folder), name):
                raise ValidationError(
                    _(
                        "A document named “%(name)s” is already in this folder: open it to "
                        "add this file as a new version."
                    ),
                    code="name_taken",
                    params={"name": name},
                )
            try:
                with transaction.atomic():
                    document = Document.objects.create(
                        experiment=experiment, folder=folder, name=name, created_by=_user(actor)
                    )
            except IntegrityError:  # the same name, saved by someone else a moment ago
                raise _name_taken_error(name) from None
            document.tags.set(_tags(tags))
            changes = {"name": [None, name], "tags": [None, ", ".join(sorted(tags))]}
            record(actor, Action.CREATED, document, experiment, changes)
            _save_version(actor, document, upload, checked.kind, comment, written)
    except BaseException:
        _discard(written)
        raise
    return document


@in_site_language
def add_version(actor, document: Document, upload, comment: str = "") -> DocumentVersion:
    """A new version of `document`; the earlier ones stay, and stay downloadable."""
    checked = check_upload(upload, upload.name)
    written: list[str] = []
    try:
        with transaction.atomic():
            # Numbers versions one after the other when two people upload at once.
            document = Document.live.select_for_update().get(pk=document.pk)
            version = _save_version(actor, document, upload, checked.kind, comment, written)
    except BaseException:
        _discard(written)
        raise
    return version


@transaction.atomic
@in_site_language
def rename_document(actor, document: Document, name: str) -> Document:
    name = clean_name(name, Document._meta.get_field("name").max_length)
    if name == document.name:
        return document
    siblings = _document_siblings(document.experiment, document.folder)
    if _name_taken(siblings, name, document.pk):
        raise _name_taken_error(name)
    old, document.name = document.name, name
    document.save(update_fields=["name", "updated_at"])
    record(actor, Action.CHANGED, document, document.experiment, {"name": [old, name]})
    return document


@transaction.atomic
@in_site_language
def move_document(actor, document: Document, folder: Folder | None) -> Document:
    _check_same_space(document.experiment, folder)
    if folder == document.folder:
        return document
    if _name_taken(_document_siblings(document.experiment, folder), document.name, document.pk):
        raise _name_taken_error(document.name)
    old = " / ".join(f.name for f in ancestors(document.folder)) or "/"
    document.folder = folder
    document.save(update_fields=["folder", "updated_at"])
    new = " / ".join(f.name for f in ancestors(folder)) or "/"
    record(actor, Action.CHANGED, document, document.experiment, {"folder": [old, new]})
    return document


@transaction.atomic
@in_site_language
def tag_document(actor, document: Document, names: Iterable[str]) -> Document:
    names = _normalised(names)
    old = sorted(document.tags.values_list("name", flat=True))
    if old == sorted(names):
        return document
    document.tags.set(_tags(names))
    changes = {"tags": [", ".join(old), ", ".join(sorted(names))]}
    record(actor, Action.CHANGED, document, document.experiment, changes)
    return document


@transaction.atomic
def edit_document(actor, document: Document, *, name: str, folder: Folder | None, tags) -> Document:
    """Rename, move and tag in one go: all of it is saved, or none."""
    document = rename_document(actor, document, name)
    document = move_document(actor, document, folder)
    return tag_document(actor, document, tags)


@transaction.atomic
@in_site_language
def delete_document(actor, document: Document) -> None:
    """Hide a document; its versions stay on disk and in the database, for the record."""
    document.deleted_at = timezone.now()
    document.deleted_by = _user(actor)
    document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    record(actor, Action.DELETED, document, document.experiment)


def orphan_files() -> list[str]:
    """Stored files that no version points to (left by a crash between disk and database)."""
    known = set(DocumentVersion.objects.values_list("file", flat=True))
    found = []
    try:
        prefixes = default_storage.listdir("documents")[0]
    except FileNotFoundError:
        return []
    for prefix in prefixes:
        for name in default_storage.listdir(f"documents/{prefix}")[1]:
            path = f"documents/{prefix}/{name}"
            if path not in known:
                found.append(path)
    return sorted(found)
