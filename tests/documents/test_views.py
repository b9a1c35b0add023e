"""Document pages: who may see and change what, uploads, downloads, search, hostile input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.documents import services
from civiclab.documents.models import Document, DocumentVersion, Folder
from civiclab.experiments.models import Membership
from tests.conftest import give_role, make_user
from tests.documents.conftest import docx, pdf, png, stored_files, text

R = Membership.Role
OK, NO, GONE = 200, 403, 404
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# page -> expected status per role, written out by hand from the product rules.
# columns: coordinator, team, analyst, researcher, partner, innovator, communicator,
#          observer, lab staff, outsider
PAGES = {
    "index": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "detail": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "download": (OK, OK, OK, OK, OK, OK, OK, NO, OK, GONE),
    "upload": (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE),
    "edit": (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE),
    "folder_create": (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE),
}  # fmt: skip
WHO = [*R.values, "lab_staff", "outsider"]
CASES = [(page, who, PAGES[page][i]) for page in PAGES for i, who in enumerate(WHO)]


@pytest.fixture
def document_a(coordinator_a, experiment_a):
    folder = services.create_folder(coordinator_a, experiment_a, None, "COPIL")
    return services.upload_document(
        coordinator_a, experiment_a, folder, pdf("CR COPIL.pdf"), tags=["copil"]
    )


def _url(name: str, experiment, *args) -> str:
    return reverse(f"documents:{name}", args=[experiment.slug, *args])


@pytest.mark.parametrize(("page", "who", "expected"), CASES)
def test_role_matrix(client, experiment_a, document_a, page, who, expected):
    """Each role reaches exactly the document pages its role allows; strangers get 404."""
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, experiment_a, who)
    client.force_login(user)
    args = [document_a.pk] if page in ("detail", "download", "edit") else []
    assert client.get(_url(page, experiment_a, *args)).status_code == expected


def test_partner_of_b_cannot_reach_the_documents_of_a(client, partner_b, experiment_a, document_a):
    """Every address of A's documents is a 404 for a partner of B, as if it did not exist."""
    client.force_login(partner_b)
    version = document_a.current_version
    urls = [
        _url("index", experiment_a),
        _url("folder", experiment_a, document_a.folder_id),
        _url("detail", experiment_a, document_a.pk),
        _url("download", experiment_a, document_a.pk),
        _url("version_download", experiment_a, document_a.pk, version.number),
        reverse("documents:permalink", args=[document_a.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Nor by putting A's document under B's address.
    slug_b = partner_b.person.memberships.get().experiment.slug
    assert client.get(reverse("documents:detail", args=[slug_b, document_a.pk])).status_code == 404
    assert (
        client.get(reverse("documents:download", args=[slug_b, document_a.pk])).status_code == 404
    )
    response = client.post(_url("upload", experiment_a), {"file": pdf("intrus.pdf")})
    assert response.status_code == 404
    assert Document.objects.count() == 1


def test_partner_of_b_sees_only_b_documents(client, partner_b, experiment_b, document_a):
    services.upload_document(None, experiment_b, None, pdf("Document de B.pdf"))
    client.force_login(partner_b)
    page = client.get(_url("index", experiment_b)).content.decode()
    assert "Document de B.pdf" in page and "CR COPIL.pdf" not in page
    found = client.get(_url("index", experiment_b), {"q": "CR"}).content.decode()
    assert "CR COPIL.pdf" not in found


def test_observer_cannot_upload(client, experiment_a, media_root):
    observer = make_user("observatrice")
    give_role(observer, experiment_a, R.OBSERVER)
    client.force_login(observer)
    response = client.post(_url("upload", experiment_a), {"file": pdf()})
    assert response.status_code == 403
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_researcher_cannot_add_a_version_or_delete(client, experiment_a, document_a):
    researcher = make_user("chercheuse")
    give_role(researcher, experiment_a, R.RESEARCHER)
    client.force_login(researcher)
    url = _url("version_upload", experiment_a, document_a.pk)
    assert client.post(url, {"file": pdf()}).status_code == 403
    assert client.post(_url("delete", experiment_a, document_a.pk)).status_code == 403
    assert document_a.versions.count() == 1
    assert Document.live.filter(pk=document_a.pk).exists()


def test_lab_tree_is_for_lab_staff(client, lab_admin, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("documents:lab_index")).status_code == 404
    assert client.post(reverse("documents:lab_upload"), {"file": pdf()}).status_code == 404
    client.force_login(lab_admin)
    assert client.get(reverse("documents:lab_index")).status_code == 200
    response = client.post(reverse("documents:lab_upload"), {"file": pdf("Rapport annuel.pdf")})
    document = Document.objects.get()
    assert response.status_code == 302 and document.experiment is None
    assert client.get(document.get_download_url()).status_code == 200
    client.force_login(coordinator_a)
    assert client.get(document.get_download_url()).status_code == 404
    assert client.get(reverse("documents:permalink", args=[document.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, experiment_a, document_a):
    for url in (_url("index", experiment_a), _url("download", experiment_a, document_a.pk)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_upload_version_and_download(client, coordinator_a, experiment_a, media_root):
    """Upload, add a version, then download each: attachments, never sniffed or rendered."""
    client.force_login(coordinator_a)
    folder = services.create_folder(coordinator_a, experiment_a, None, "Cadrage")
    response = client.post(
        _url("upload", experiment_a),
        {"file": text("Note de cadrage.md", "# v1"), "folder": folder.pk, "tags": "Cadrage, COPIL"},
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.folder == folder
    response = client.post(
        _url("version_upload", experiment_a, document.pk),
        {"file": text("Note de cadrage v2.md", "# v2"), "comment": "Relue par la ville"},
    )
    assert response.status_code == 302
    assert document.versions.count() == 2

    latest = client.get(document.get_download_url())
    assert b"".join(latest.streaming_content) == b"# v2"
    assert latest["Content-Disposition"] == 'attachment; filename="Note de cadrage v2.md"'
    assert latest["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in latest["Content-Security-Policy"]
    assert "default-src 'none'" in latest["Content-Security-Policy"]
    assert latest["Content-Type"].startswith("text/markdown")
    first = client.get(_url("version_download", experiment_a, document.pk, 1))
    assert b"".join(first.streaming_content) == b"# v1"
    assert client.get(_url("version_download", experiment_a, document.pk, 3)).status_code == 404

    page = client.get(document.get_absolute_url()).content.decode()
    assert "Relue par la ville" in page and "v2" in page


def test_disguised_file_gets_a_clear_error_and_nothing_is_saved(
    client, coordinator_a, experiment_a, media_root
):
    client.force_login(coordinator_a)
    fake = SimpleUploadedFile("rapport.pdf", b"<!doctype html><script>alert(1)</script>")
    response = client.post(_url("upload", experiment_a), {"file": fake}, **ENGLISH)
    assert response.status_code == 400
    page = response.content.decode()
    assert "its content is not PDF" in page and "web page" in page
    assert not Document.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize("name", ["logo.svg", "dessin.png"])
def test_svg_with_script_is_refused(client, coordinator_a, experiment_a, media_root, name):
    client.force_login(coordinator_a)
    svg = SimpleUploadedFile(name, b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    response = client.post(_url("upload", experiment_a), {"file": svg}, **ENGLISH)
    assert response.status_code == 400
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_oversized_file_is_refused(client, settings, coordinator_a, experiment_a, media_root):
    """Past DOCUMENTS_MAX_UPLOAD_MB the upload is refused with the limit in the message."""
    settings.DOCUMENTS_MAX_UPLOAD_MB = 1
    client.force_login(coordinator_a)
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    response = client.post(_url("upload", experiment_a), {"file": big}, **ENGLISH)
    assert response.status_code == 400
    assert "This file is too large: the limit is 1.0" in response.content.decode()
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_oversized_new_version_is_refused(client, settings, coordinator_a, document_a, media_root):
    settings.DOCUMENTS_MAX_UPLOAD_MB = 1
    client.force_login(coordinator_a)
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    url = _url("version_upload", document_a.experiment, document_a.pk)
    response = client.post(url, {"file": big}, **ENGLISH)
    assert response.status_code == 400
    assert "This file is too large: the limit is 1.0" in response.content.decode()
    assert document_a.versions.count() == 1 and len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ('Rapport "final".pdf', 'attachment; filename="Rapport _final_.pdf"'),
        ("../../etc/passwd.pdf", 'attachment; filename="passwd.pdf"'),
        (
            "Compte rendu été 🎉.pdf",
            "attachment; filename*=utf-8''Compte%20rendu%20%C3%A9t%C3%A9%20%F0%9F%8E%89.pdf",
        ),
        ("Ligne\r\nContent-Type: text.pdf", 'attachment; filename="Ligne Content-Type_ text.pdf"'),
    ],
)
def test_hostile_names_are_made_safe(client, coordinator_a, experiment_a, name, header):
    """Quotes, paths, newlines and emoji in names never break the download header."""
    document = services.upload_document(coordinator_a, experiment_a, None, pdf(name))
    client.force_login(coordinator_a)
    assert client.get(document.get_absolute_url()).status_code == 200
    response = client.get(document.get_download_url())
    assert response["Content-Disposition"] == header


def test_very_long_name(client, coordinator_a, experiment_a):
    document = services.upload_document(coordinator_a, experiment_a, None, pdf("A" * 300 + ".pdf"))
    assert len(document.name) <= 160 and document.name.endswith(".pdf")
    client.force_login(coordinator_a)
    response = client.get(document.get_download_url())
    assert response.status_code == 200 and ".pdf" in response["Content-Disposition"]


def test_search_by_name_and_tag(client, coordinator_a, experiment_a):
    """Search looks in every folder; tags are exact, names partial and case-insensitive."""
    folder = services.create_folder(coordinator_a, experiment_a, None, "COPIL")
    sub = services.create_folder(coordinator_a, experiment_a, folder, "2026")
    services.upload_document(
        coordinator_a, experiment_a, sub, pdf("Budget 2026.pdf"), tags=["budget"]
    )
    services.upload_document(coordinator_a, experiment_a, None, png("Affiche.png"), tags=["comm"])
    services.upload_document(coordinator_a, experiment_a, folder, docx("Relevé budget.docx"))
    client.force_login(coordinator_a)
    index = _url("index", experiment_a)

    def names(params):
        response = client.get(index, params)
        assert response.status_code == 200
        return sorted(d.name for d in response.context["documents"])

    assert names({"q": "BUDGET"}) == ["Budget 2026.pdf", "Relevé budget.docx"]
    assert names({"tag": "budget"}) == ["Budget 2026.pdf"]
    assert names({"tag": "comm", "q": "aff"}) == ["Affiche.png"]
    assert names({"tag": "comm", "q": "budget"}) == []
    assert names({}) == ["Affiche.png"]  # the top of the tree only
    assert client.get(_url("folder", experiment_a, sub.pk)).status_code == 200
    assert "COPIL / 2026" in client.get(index, {"tag": "budget"}).content.decode()


def test_list_queries_do_not_grow_with_documents(
    client, coordinator_a, experiment_a, django_assert_num_queries
):
    folder = services.create_folder(coordinator_a, experiment_a, None, "COPIL")
    client.force_login(coordinator_a)
    url = _url("folder", experiment_a, folder.pk)
    services.upload_document(coordinator_a, experiment_a, folder, pdf("1.pdf"), tags=["a"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(2, 7):
        services.upload_document(coordinator_a, experiment_a, folder, pdf(f"{i}.pdf"), tags=["b"])
        services.create_folder(coordinator_a, experiment_a, folder, f"Sous-dossier {i}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["documents"]) == 6


def test_permalink_follows_renames_and_moves(client, coordinator_a, experiment_a, document_a):
    permalink = document_a.get_permalink()
    folder = services.create_folder(coordinator_a, experiment_a, None, "Archives")
    client.force_login(coordinator_a)
    response = client.post(
        _url("edit", experiment_a, document_a.pk),
        {"name": "CR COPIL validé.pdf", "folder": folder.pk, "tags": "copil, validé"},
    )
    assert response.status_code == 302
    document_a.refresh_from_db()
    assert (document_a.name, document_a.folder) == ("CR COPIL validé.pdf", folder)
    assert client.get(permalink)["Location"] == document_a.get_absolute_url()


def test_deleted_document_disappears_but_its_file_stays(
    client, coordinator_a, experiment_a, document_a, media_root
):
    client.force_login(coordinator_a)
    response = client.post(_url("delete", experiment_a, document_a.pk))
    assert response.status_code == 302
    assert client.get(document_a.get_absolute_url()).status_code == 404
    assert client.get(document_a.get_download_url()).status_code == 404
    assert client.get(document_a.get_permalink()).status_code == 404
    assert len(stored_files(media_root)) == 1
    assert DocumentVersion.objects.filter(document=document_a).exists()


def test_folders_through_the_pages(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    response = client.post(_url("folder_create", experiment_a), {"name": "Cadrage"})
    folder = Folder.objects.get()
    assert response.status_code == 302 and folder.experiment == experiment_a
    response = client.post(_url("folder_create", experiment_a), {"name": "cadrage"})
    assert response.status_code == 400 and Folder.objects.count() == 1
    client.post(_url("folder_create", experiment_a), {"name": "Notes", "parent": folder.pk})
    child = Folder.objects.get(name="Notes")
    assert child.parent == folder
    edit_url = _url("folder_edit", experiment_a, folder.pk)
    assert client.post(edit_url, {"name": "Cadrage 2026"}).status_code == 302
    client.post(edit_url, {"delete": "1"})
    assert Folder.objects.filter(pk=folder.pk).exists()  # not empty
    client.post(_url("folder_edit", experiment_a, child.pk), {"delete": "1"})
    client.post(edit_url, {"delete": "1"})
    assert not Folder.objects.exists()


def test_a_folder_of_another_experiment_cannot_be_chosen(
    client, coordinator_a, experiment_a, experiment_b, media_root
):
    other = services.create_folder(None, experiment_b, None, "Secret")
    client.force_login(coordinator_a)
    response = client.post(_url("upload", experiment_a), {"file": pdf(), "folder": other.pk})
    assert response.status_code == 400
    assert not Document.objects.exists() and stored_files(media_root) == []
    assert client.get(_url("folder", experiment_a, other.pk)).status_code == 404


def test_uploads_still_check_the_csrf_token(coordinator_a, experiment_a, document_a, media_root):
    """The upload views set their own size limit before reading the body, but keep CSRF."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)
    assert client.post(_url("upload", experiment_a), {"file": pdf("x.pdf")}).status_code == 403
    url = _url("version_upload", experiment_a, document_a.pk)
    assert client.post(url, {"file": pdf()}).status_code == 403
    assert Document.objects.count() == 1 and len(stored_files(media_root)) == 1
