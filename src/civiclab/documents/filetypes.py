"""What may be shared: an allow-list of file types, checked on content, and safe file names."""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from civiclab.core.text import interpolate_lazy

DEFAULT_MAX_UPLOAD_MB = 25
HEAD_SIZE = 8192
# Inner parts of office files read to recognise them; a bigger part is not an office file.
MAX_OFFICE_PART = 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str  # for people, in English (the extension list is what the form shows)
    content_type: str
    extensions: tuple[str, ...]
    family: str  # how its content is recognised: "magic", "ooxml", "odf" or "text"
    marker: bytes | str = b""


OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."

# Our own allow-list, checked byte for byte: puremagic's database is broad (it knows
# thousands of types, with overlapping guesses), so it only serves to name a refused file.
KINDS = [
    FileKind("PDF", "application/pdf", (".pdf",), "magic", b"%PDF-"),
    FileKind("PNG", "image/png", (".png",), "magic", b"\x89PNG\r\n\x1a\n"),
    FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"), "magic", b"\xff\xd8\xff"),
    FileKind("GIF", "image/gif", (".gif",), "magic", b"GIF8"),
    FileKind("WebP", "image/webp", (".webp",), "magic", b"RIFF"),
    FileKind("Word", OOXML + "wordprocessingml.document", (".docx",), "ooxml", "wordprocessingml"),
    FileKind("Excel", OOXML + "spreadsheetml.sheet", (".xlsx",), "ooxml", "spreadsheetml"),
    FileKind(
        "PowerPoint", OOXML + "presentationml.presentation", (".pptx",), "ooxml", "presentationml"
    ),
    FileKind("OpenDocument text", ODF + "text", (".odt",), "odf"),
    FileKind("OpenDocument spreadsheet", ODF + "spreadsheet", (".ods",), "odf"),
    FileKind("OpenDocument presentation", ODF + "presentation", (".odp",), "odf"),
    FileKind("CSV", "text/csv", (".csv",), "text"),
    FileKind("Text", "text/plain", (".txt",), "text"),
    FileKind("Markdown", "text/markdown", (".md",), "text"),
]
KIND_BY_EXTENSION = {ext: kind for kind in KINDS for ext in kind.extensions}
ACCEPTED_EXTENSIONS = sorted(KIND_BY_EXTENSION)
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED_EXTENSIONS)

# Starts of content we refuse whatever the extension says, with what to call it in the error.
_DANGEROUS_STARTS = [
    (re.compile(rb"^\s*<(!doctype\s+html|html|head|body|script|iframe)\b", re.I), _("a web page")),
    (re.compile(rb"^\s*<\?xml", re.I), _("an XML file")),
    (re.compile(rb"^MZ"), _("a Windows program")),
    (re.compile(rb"^\x7fELF"), _("a program")),
    (re.compile(rb"^(\xcf\xfa\xed\xfe|\xfe\xed\xfa\xcf|\xca\xfe\xba\xbe)"), _("a program")),
    (re.compile(rb"^#!"), _("a script")),
    (re.compile(rb"^PK\x03\x04"), _("a ZIP archive")),
    (re.compile(rb"^(Rar!|7z\xbc\xaf|\x1f\x8b|BZh)"), _("a compressed archive")),
]
# Searched anywhere in the first bytes: an SVG may start with a declaration and comments.
_SVG = re.compile(rb"<svg[\s>/]", re.I)
_SCRIPT_IN_TEXT = re.compile(rb"<\s*(script|iframe)\b", re.I)
# Bytes that cp1252 leaves undefined, and control characters no text file contains.
_NOT_TEXT = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _dangerous(head: bytes) -> str | None:
    """What `head` starts a web page, SVG, program, script or archive as, else None."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _SVG.search(head):
        return str(_("an SVG image"))
    for pattern, label in _DANGEROUS_STARTS:
        if pattern.match(head):
            return label
    return None


def _describe(head: bytes):
    """What a refused file seems to be, for the error message (a lazy string)."""
    if found := _dangerous(head):
        return found
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    if matches:
        return interpolate_lazy(_("a file of type “%s”"), matches[0].name)
    return _("another type of file")


@dataclass(frozen=True)
class CheckedFile:
    kind: FileKind
    size: int


def check_upload(upload, filename: str) -> CheckedFile:
    """The kind of `upload` if it may be shared, else a ValidationError in plain words.

    The extension of `filename` must be on the allow-list and the content must really be of
    that kind: a web page, an SVG, a program or an archive renamed ".pdf" is refused.
    """
    size = upload.size
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s): the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    extension = PurePosixPath(filename.lower()).suffix
    kind = KIND_BY_EXTENSION.get(extension)
    if kind is None:
        raise ValidationError(
            _("Files ending in “%(extension)s” cannot be shared here. Accepted: %(accepted)s."),
            code="extension",
            params={
                "extension": extension or _("(no extension)"),
                "accepted": " ".join(ACCEPTED_EXTENSIONS),
            },
        )
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    if not _content_matches(kind, upload, head):
        raise ValidationError(
            _(
                "This file ends in “%(extension)s” but its content is not %(kind)s: it looks "
                "like %(found)s. For safety it was not saved."
            ),
            code="disguised",
            params={"extension": extension, "kind": kind.label, "found": _describe(head)},
        )
    return CheckedFile(kind, size)


def _content_matches(kind: FileKind, upload, head: bytes) -> bool:
    if kind.family == "magic":
        if kind.extensions == (".webp",):
            return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        return head.startswith(kind.marker)
    if kind.family in ("ooxml", "odf"):
        return head.startswith(b"PK\x03\x04") and _office_matches(kind, upload)
    return _is_plain_text(upload, head)


def _office_matches(kind: FileKind, upload) -> bool:
    """Light check of an office file's inner declaration of what it is."""
    try:
        with zipfile.ZipFile(upload) as archive:
            if kind.family == "odf":
                declared = _read_part(archive, "mimetype").strip()
                return declared == kind.content_type.encode()
            declared = _read_part(archive, "[Content_Types].xml")
            # Macro-enabled files (.docm...) declare "macroEnabled" instead and are refused.
            main = f"{kind.marker}.".encode()
            return main in declared and b"macroEnabled" not in declared
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError):
        return False
    finally:
        upload.seek(0)


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > MAX_OFFICE_PART:
        raise ValueError(name)
    with archive.open(name) as part:
        return part.read(MAX_OFFICE_PART)


def _is_plain_text(upload, head: bytes) -> bool:
    """Text in UTF-8 or Windows cp1252 (French Excel), with no binary bytes and no markup."""
    if _dangerous(head):
        return False
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8, tail = True, b""
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if _NOT_TEXT.search(chunk) or _SCRIPT_IN_TEXT.search(tail + chunk):
                return False
            tail = chunk[-16:]
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            if not is_utf8:
                chunk.decode("cp1252")
        if is_utf8:
            utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


# Characters that Windows, macOS or an HTTP header refuse in a file name.
_FORBIDDEN_IN_NAME = re.compile(r'[<>:"/\\|?*]')
MAX_NAME_LENGTH = 150


def _name_char(c: str) -> str:
    category = unicodedata.category(c)
    if category == "Cc":  # newlines, tabs...
        return " "
    # Invisible formatting (such as a right-to-left override that shows "exe.pdf" as
    # "fdp.exe") is dropped, but not the joiners that compose emoji and some scripts.
    if category[0] == "C" and c not in "\u200c\u200d":
        return ""
    return c


def safe_filename(name: str, fallback: str = "document") -> str:
    """A file name that is safe to show and to offer for download, keeping accents and emoji.

    Path parts ("../../etc/passwd", "C:\\x\\y") are dropped, control characters (newlines...)
    removed, forbidden characters replaced, the length capped keeping the extension.
    """
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(_name_char(c) for c in name)
    name = _FORBIDDEN_IN_NAME.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    if not name:
        return fallback
    if len(name) > MAX_NAME_LENGTH:
        path = PurePosixPath(name)
        suffix = path.suffix if len(path.suffix) <= 10 else ""
        name = name[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
    return name
