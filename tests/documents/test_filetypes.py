"""The allow-list of file types is checked on content, and file names are made safe."""

import contextlib
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.documents.filetypes import check_upload, safe_filename
from tests.documents.conftest import WORD_TYPES, docx, odt, pdf, png, text, zipped


def _refusal(upload) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, upload.name)
    return caught.value


@pytest.mark.parametrize(
    "upload",
    [
        pdf(),
        png(),
        docx(),
        odt(),
        text("Notes.md", "# Réunion\n\nDécisions prises — 3 €"),
        text("Contacts.csv", "Séance;Date\r\nCOPIL;15/01/2026\r\n".encode("cp1252")),
        text("Lisez-moi.txt", "\ufeffBonjour"),
        SimpleUploadedFile("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        SimpleUploadedFile("anim.gif", b"GIF89a" + b"\x00" * 20),
        SimpleUploadedFile("img.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8),
    ],
    ids=lambda u: u.name,
)
def test_accepted_files(upload):
    """Real files of the allowed kinds pass, with their content type taken from the content."""
    checked = check_upload(upload, upload.name)
    assert checked.size == upload.size
    assert upload.tell() == 0  # left ready to be saved


DISGUISED = [
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "web page"),
    ("page.txt", b"  <html><body onload=alert(1)>", "web page"),
    ("note.md", b"# Titre\n\n<script>fetch('/')</script>", "text"),
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
    (
        "logo.pdf",
        b'<?xml version="1.0"?>\n<!-- x -->\n<svg onload="alert(1)"></svg>',
        "SVG",
    ),
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "Windows program"),
    ("tool.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "program"),
    ("run.txt", b"#!/bin/sh\nrm -rf /\n", "script"),
    ("archive.docx", zipped({"evil.exe": b"MZ"}), "ZIP"),
    (
        "macros.docx",
        zipped(
            {
                "[Content_Types].xml": WORD_TYPES.replace(
                    b"document.main", b"document.macroEnabled.main"
                )
            }
        ),
        "ZIP",
    ),
    ("sheet.xlsx", docx().read(), "ZIP"),  # a Word file renamed .xlsx
    ("photo.jpg", png().read(), "Portable Network Graphics"),
    ("binary.csv", b"a;b\x00\x01\x02", "text"),
    ("latin.txt", b"caf\x81\x8d", "text"),
]


@pytest.mark.parametrize(("name", "content", "found"), DISGUISED, ids=[d[0] for d in DISGUISED])
def test_disguised_files_are_refused_with_a_clear_reason(name, content, found):
    """A file whose content is not what its extension says is refused, saying what it looks like."""
    from django.utils import translation

    error = _refusal(SimpleUploadedFile(name, content))
    assert error.code == "disguised"
    with translation.override("en"):
        message = error.messages[0]
    assert "For safety it was not saved" in message
    if found not in ("text", "ZIP"):
        assert found in message


@pytest.mark.parametrize("name", ["script.js", "page.html", "image.svg", "x.exe", "a.zip", "noext"])
def test_types_outside_the_allow_list_are_refused(name):
    error = _refusal(SimpleUploadedFile(name, b"hello"))
    assert error.code == "extension"


def test_empty_file_is_refused():
    assert _refusal(SimpleUploadedFile("vide.txt", b"")).code == "empty"


def test_oversized_file_is_refused(settings):
    """The limit comes from DOCUMENTS_MAX_UPLOAD_MB."""
    settings.DOCUMENTS_MAX_UPLOAD_MB = 1
    error = _refusal(SimpleUploadedFile("gros.txt", b"a" * (1024 * 1024 + 1)))
    assert error.code == "too_large"
    check_upload(SimpleUploadedFile("juste.txt", b"a" * 1024 * 1024), "juste.txt")


def test_office_file_with_a_huge_inner_part_is_refused():
    """A zip bomb posing as an office file is not unpacked."""
    bomb = zipped({"[Content_Types].xml": WORD_TYPES + b" " * (2 * 1024 * 1024)})
    assert _refusal(SimpleUploadedFile("bomb.docx", bomb)).code == "disguised"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ('Rapport "final".pdf', "Rapport _final_.pdf"),
        ("Compte\r\nrendu\t.pdf", "Compte rendu .pdf"),
        ("Facture\u202efdp.exe", "Facturefdp.exe"),  # no right-to-left override
        ("Famille 👨\u200d👩\u200d👧.png", "Famille 👨\u200d👩\u200d👧.png"),
        ("Écoles 🎉 été.md", "Écoles 🎉 été.md"),
        ("...", "document"),
        ("", "document"),
        ("   .env", "env"),
        ("a<b>c:d|e?f*g.txt", "a_b_c_d_e_f_g.txt"),
        ("E\u0301cole.md", "École.md"),  # decomposed accents are recomposed (NFC)
    ],
)
def test_safe_filename(name, safe):
    assert safe_filename(name) == safe


def test_safe_filename_keeps_the_extension_of_very_long_names():
    safe = safe_filename("Compte rendu " * 40 + ".pdf")
    assert len(safe) <= 150 and safe.endswith(".pdf")


@pytest.mark.parametrize(
    "content", [b"<!---->" * 1000 + b"<!--" * 1000, b"<" * 8192, b"<?xml" + b" " * 8000]
)
def test_crafted_content_is_checked_quickly(content):
    """No pattern backtracks badly on hostile bytes (a slow check would block a worker)."""
    start = time.monotonic()
    with contextlib.suppress(ValidationError):
        check_upload(SimpleUploadedFile("x.txt", content * 50), "x.txt")
    assert time.monotonic() - start < 1
