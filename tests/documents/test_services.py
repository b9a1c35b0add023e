"""Folder and document services: atomic, audited, and never leaving half-saved files."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.audit.models import AuditEvent
from civiclab.documents import services
from civiclab.documents.demo import build_demo_documents
from civiclab.documents.models import Document, DocumentVersion, Folder, Tag
from tests.documents.conftest import pdf, stored_files, text


def test_upload_stores_the_file_under_an_unguessable_name(coordinator_a, experiment_a, media_root):
    """The stored path says nothing of the file's name and has no extension."""
    folder = services.create_folder(coordinator_a, experiment_a, None, "COPIL")
    document = services.upload_document(
        coordinator_a, experiment_a, folder, pdf("Compte rendu.pdf"), tags=["COPIL", " #Budget "]
    )
    version = document.current_version
    assert (document.name, document.folder, document.created_by) == (
        "Compte rendu.pdf",
        folder,
        coordinator_a,
    )
    assert (version.number, version.content_type, version.uploaded_by) == (
        1,
        "application/pdf",
        coordinator_a,
    )
    assert len(version.sha256) == 64 and version.size == version.file.size
    assert version.file.name.startswith("documents/") and "Compte" not in version.file.name
    assert "." not in version.file.name.rsplit("/", 1)[1]
    assert [p.name for p in stored_files(media_root)] == [version.file.name.rsplit("/", 1)[1]]
    assert sorted(document.tags.values_list("name", flat=True)) == ["budget", "copil"]
    logged = AuditEvent.objects.filter(experiment=experiment_a).values_list(
        "object_type", flat=True
    )
    assert {"documents.folder", "documents.document", "documents.documentversion"} <= set(logged)


def test_new_version_keeps_the_old_one(coordinator_a, experiment_a, media_root):
    document = services.upload_document(coordinator_a, experiment_a, None, text("Note.md", "v1"))
    version = services.add_version(coordinator_a, document, text("Note v2.md", "v2"), "Relu")
    document.refresh_from_db()
    assert version.number == 2 and document.current_version == version
    assert [v.file.read() for v in document.versions.order_by("number")] == [b"v1", b"v2"]
    assert len(stored_files(media_root)) == 2


def test_failing_save_leaves_no_file_and_no_row(
    coordinator_a, experiment_a, media_root, monkeypatch
):
    """If the database part fails after the file was written, the file is removed too."""

    def broken_record(actor, action, obj, *args, **kwargs):
        if isinstance(obj, DocumentVersion):
            raise RuntimeError("database went away")

    monkeypatch.setattr(services, "record", broken_record)
    with pytest.raises(RuntimeError):
        services.upload_document(coordinator_a, experiment_a, None, pdf())
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files(media_root) == []


def test_failing_new_version_leaves_the_document_as_it_was(
    coordinator_a, experiment_a, media_root, monkeypatch
):
    document = services.upload_document(coordinator_a, experiment_a, None, text("Note.md", "v1"))
    monkeypatch.setattr(services, "record", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        services.add_version(coordinator_a, document, text("Note.md", "v2"))
    document.refresh_from_db()
    assert document.versions.count() == 1 and document.current_version.number == 1
    assert len(stored_files(media_root)) == 1


def test_refused_file_writes_nothing(coordinator_a, experiment_a, media_root):
    upload = SimpleUploadedFile("rapport.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError):
        services.upload_document(coordinator_a, experiment_a, None, upload)
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_same_name_in_a_folder_is_refused(coordinator_a, experiment_a, media_root):
    """A second file with the same name is refused (it should be a new version), case aside."""
    services.upload_document(coordinator_a, experiment_a, None, pdf("CR.pdf"))
    with pytest.raises(ValidationError) as caught:
        services.upload_document(coordinator_a, experiment_a, None, pdf("cr.PDF"))
    assert caught.value.code == "name_taken"
    assert Document.objects.count() == 1 and len(stored_files(media_root)) == 1


def test_trees_are_separate(coordinator_a, experiment_a, experiment_b, lab_admin):
    """The same folder name may exist in each experiment and in the lab's own tree."""
    for experiment in (experiment_a, experiment_b, None):
        services.create_folder(lab_admin, experiment, None, "COPIL")
    assert Folder.objects.filter(name="COPIL").count() == 3
    with pytest.raises(ValidationError):
        services.create_folder(lab_admin, None, None, "copil")
    with pytest.raises(ValueError):  # a folder of another tree
        services.upload_document(
            lab_admin, experiment_b, Folder.objects.get(experiment=experiment_a), pdf()
        )


def test_folder_names_are_cleaned(coordinator_a, experiment_a):
    folder = services.create_folder(coordinator_a, experiment_a, None, "../../Compte\nrendus")
    assert folder.name == "Compte rendus"
    with pytest.raises(ValidationError):
        services.create_folder(coordinator_a, experiment_a, None, " ../ ")


def test_only_empty_folders_are_deleted(coordinator_a, experiment_a):
    folder = services.create_folder(coordinator_a, experiment_a, None, "COPIL")
    document = services.upload_document(coordinator_a, experiment_a, folder, pdf())
    with pytest.raises(ValidationError):
        services.delete_folder(coordinator_a, folder)
    services.delete_document(coordinator_a, document)
    services.delete_folder(coordinator_a, folder)
    assert not Folder.objects.exists()
    assert Document.objects.get(pk=document.pk).deleted_at is not None


def test_edit_renames_moves_and_tags(coordinator_a, experiment_a):
    folder = services.create_folder(coordinator_a, experiment_a, None, "Archives")
    document = services.upload_document(coordinator_a, experiment_a, None, pdf(), tags=["a"])
    services.edit_document(
        coordinator_a, document, name="CR final.pdf", folder=folder, tags=["B", "c"]
    )
    document.refresh_from_db()
    assert (document.name, document.folder) == ("CR final.pdf", folder)
    assert sorted(document.tags.values_list("name", flat=True)) == ["b", "c"]


def test_parse_tags():
    assert services.parse_tags("COPIL, budget ,, #Budget; Très  Important") == [
        "copil",
        "budget",
        "très important",
    ]


def test_orphan_files_are_found(coordinator_a, experiment_a, media_root):
    services.upload_document(coordinator_a, experiment_a, None, pdf())
    stray = media_root / "documents" / "ab" / "abcdef"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"x")
    assert services.orphan_files() == ["documents/ab/abcdef"]


def test_demo_documents_are_built_once(coordinator_a, experiment_a, media_root):
    build_demo_documents(experiment_a, coordinator_a)
    counts = (Folder.objects.count(), Document.objects.count(), DocumentVersion.objects.count())
    build_demo_documents(experiment_a, coordinator_a)
    assert counts == (
        Folder.objects.count(),
        Document.objects.count(),
        DocumentVersion.objects.count(),
    )
    assert counts == (3, 4, 5)
    assert Tag.objects.filter(name="copil").exists()
    kinds = set(DocumentVersion.objects.values_list("content_type", flat=True))
    assert kinds == {"text/markdown", "text/csv", "application/pdf", "image/png"}
