"""Fixtures of the shared documents: a throwaway MEDIA_ROOT and small files of every kind."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.documents.demo import tiny_pdf, tiny_png


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    """Every file written under MEDIA_ROOT."""
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def pdf(name: str = "Compte rendu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(["Compte rendu du COPIL"]), "application/pdf")


def png(name: str = "Affiche.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_png(8, 8), "image/png")


def text(name: str, content: str | bytes) -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, "text/plain")


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


WORD_TYPES = (
    b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)


def docx(name: str = "Note.docx") -> SimpleUploadedFile:
    data = zipped({"[Content_Types].xml": WORD_TYPES, "word/document.xml": b"<w:document/>"})
    return SimpleUploadedFile(name, data)


def odt(name: str = "Note.odt") -> SimpleUploadedFile:
    data = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    return SimpleUploadedFile(name, data)
