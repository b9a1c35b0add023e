"""What the gallery accepts: photos (JPEG, PNG, WebP) and videos (MP4, WebM), checked on content.

Every refusal is a ValidationError in plain words that names the file, so that someone who
dropped thirty photos at once knows which one to look at.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from civiclab.core.text import interpolate_lazy
from civiclab.documents.filetypes import safe_filename

MB = 1024 * 1024
# Limits per file; each can be changed by a setting of the same name prefixed "GALLERY_".
MAX_PHOTO_MB = 25
MAX_VIDEO_MB = 500
# Pixels of one photo (64 million: the largest phone sensors in their default mode). Kept below
# Pillow's own MAX_IMAGE_PIXELS (about 89 million), which stays as a second guard.
MAX_PHOTO_PIXELS = 64_000_000
MAX_FILES_PER_UPLOAD = 20
HEAD_SIZE = 4096
# Top-level MP4 boxes or WebM elements read before giving up (a real file has a handful).
MAX_MP4_BOXES = 10_000

PHOTO, VIDEO = "photo", "video"


def max_photo_bytes() -> int:
    return int(getattr(settings, "GALLERY_MAX_PHOTO_MB", MAX_PHOTO_MB)) * MB


def max_video_bytes() -> int:
    return int(getattr(settings, "GALLERY_MAX_VIDEO_MB", MAX_VIDEO_MB)) * MB


def max_photo_pixels() -> int:
    return int(getattr(settings, "GALLERY_MAX_PHOTO_PIXELS", MAX_PHOTO_PIXELS))


def max_bytes(kind: str) -> int:
    return max_video_bytes() if kind == VIDEO else max_photo_bytes()


def max_request_bytes() -> int:
    """All files of one upload together: a video and its poster, or a batch of photos (the
    reverse proxy's body limit must be at least this)."""
    return max(max_video_bytes() + max_photo_bytes(), MAX_FILES_PER_UPLOAD * max_photo_bytes())


@dataclass(frozen=True)
class MediaType:
    kind: str  # PHOTO or VIDEO
    label: str  # the format's own name: "JPEG", "MP4"...
    content_type: str
    extensions: tuple[str, ...]
    pillow_format: str = ""  # photos: the only Pillow decoder allowed to open the file


TYPES = [
    MediaType(PHOTO, "JPEG", "image/jpeg", (".jpg", ".jpeg"), "JPEG"),
    MediaType(PHOTO, "PNG", "image/png", (".png",), "PNG"),
    MediaType(PHOTO, "WebP", "image/webp", (".webp",), "WEBP"),
    MediaType(VIDEO, "MP4", "video/mp4", (".mp4", ".m4v")),
    MediaType(VIDEO, "WebM", "video/webm", (".webm",)),
]
TYPE_BY_EXTENSION = {ext: t for t in TYPES for ext in t.extensions}
PHOTO_EXTENSIONS = [ext for t in TYPES if t.kind == PHOTO for ext in t.extensions]
VIDEO_EXTENSIONS = [ext for t in TYPES if t.kind == VIDEO for ext in t.extensions]
ACCEPT_MEDIA = ",".join([*PHOTO_EXTENSIONS, *VIDEO_EXTENSIONS])
ACCEPT_PHOTOS = ",".join(PHOTO_EXTENSIONS)

# ISO base media files that are MP4 videos (QuickTime .mov, HEIC and AVIF photos share the
# container but are refused: browsers do not all play or show them).
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
    b"MSNV",
}
NOT_VIDEO_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = 0x4282
MATROSKA_SEGMENT = 0x18538067
MATROSKA_TRACKS = 0x1654AE6B
MATROSKA_CLUSTER = 0x1F43B675

# What a refused file looks like, by the type puremagic finds, in words people use.
_LOOKS_LIKE = {
    "application/pdf": _("a PDF document"),
    "image/gif": _("a GIF image"),
    "image/heic": _("an iPhone photo in HEIC format"),
    "image/heif": _("an iPhone photo in HEIC format"),
    "image/tiff": _("a TIFF image"),
    "image/bmp": _("a BMP image"),
    "image/svg+xml": _("an SVG image"),
    "text/html": _("a web page"),
    "application/zip": _("a ZIP archive"),
    "video/quicktime": _("a QuickTime video (.mov)"),
    "video/x-msvideo": _("an AVI video"),
    "application/x-matroska": _("a Matroska video (.mkv)"),
}


def display_name(upload) -> str:
    return safe_filename(getattr(upload, "name", "") or "", fallback=str(_("(no name)")))


def _refused(message, code: str, name: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name, **params})


def _iso_brands(head: bytes) -> set[bytes]:
    """The major and compatible brands of an ISO base media file ("ftyp" box first)."""
    if head[4:8] != b"ftyp":
        return set()
    size = int.from_bytes(head[:4], "big")
    box = head[8 : min(max(size, 16), len(head))]
    brands = {box[:4]}
    brands.update(box[i : i + 4] for i in range(8, len(box) - 3, 4))
    return brands


def _read_vint(data: bytes, at: int, *, keep_marker: bool = False) -> tuple[int, int] | None:
    """An EBML variable-length integer at `at`: (value, length), or None if malformed."""
    if at >= len(data) or data[at] == 0:
        return None
    first = data[at]
    length = 8 - first.bit_length() + 1
    if at + length > len(data):
        return None
    value = first if keep_marker else first & ((0x80 >> (length - 1)) - 1)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    return value, length


def _ebml_element(data: bytes, at: int) -> tuple[int, int, int] | None:
    """(element id, content size, content offset) of the EBML element at `at`."""
    found_id = _read_vint(data, at, keep_marker=True)
    if found_id is None:
        return None
    found_size = _read_vint(data, at + found_id[1])
    if found_size is None:
        return None
    size, size_length = found_size
    if size == (1 << (7 * size_length)) - 1:
        size = -1  # "unknown size", written by live recorders
    return found_id[0], size, at + found_id[1] + size_length


def _webm_doctype(head: bytes) -> bytes | None:
    header = _ebml_element(head, 0)
    if header is None or header[0] != int.from_bytes(EBML_MAGIC, "big") or header[1] < 0:
        return None
    _id, size, at = header
    end = min(at + size, len(head))
    while at < end:
        element = _ebml_element(head, at)
        if element is None or element[1] < 0:
            return None
        element_id, element_size, content = element
        if element_id == EBML_DOCTYPE:
            return head[content : content + element_size]
        at = content + element_size
    return None


def sniff(head: bytes) -> MediaType | None:
    """Which of the accepted types `head` (the first bytes of a file) starts, if any."""
    by_label = {t.label: t for t in TYPES}
    if head.startswith(b"\xff\xd8\xff"):
        return by_label["JPEG"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return by_label["PNG"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return by_label["WebP"]
    brands = _iso_brands(head)
    if brands & MP4_BRANDS and not brands & NOT_VIDEO_BRANDS:
        return by_label["MP4"]
    if head.startswith(EBML_MAGIC) and _webm_doctype(head) == b"webm":
        return by_label["WebM"]
    return None


def _looks_like(head: bytes):
    """What a refused file seems to be, for the error message (a lazy string)."""
    if _iso_brands(head) & {b"heic", b"heix", b"mif1"}:
        return _LOOKS_LIKE["image/heic"]
    if _iso_brands(head) & {b"avif", b"avis"}:
        return _("an AVIF image")
    if _iso_brands(head) & {b"qt  "}:
        return _LOOKS_LIKE["video/quicktime"]
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        matches = []
    for match in matches:
        if match.mime_type in _LOOKS_LIKE:
            return _LOOKS_LIKE[match.mime_type]
    if matches:
        return interpolate_lazy(_("a file of type “%s”"), matches[0].name)
    return _("another type of file")


@dataclass(frozen=True)
class CheckedMedia:
    type: MediaType
    name: str  # the uploaded file's name, cleaned for display
    size: int

    @property
    def kind(self) -> str:
        return self.type.kind


def check_media(upload, *, photos_only: bool = False) -> CheckedMedia:
    """The type of `upload` if the gallery accepts it, else a ValidationError naming the file.

    The extension must be one we accept and the content must really be of that type; a video
    must also be whole (a cut-off upload is refused). Photos are decoded later, when their
    thumbnails are made, which refuses damaged ones and decompression bombs.
    """
    name = display_name(upload)
    extension = PurePosixPath(name.lower()).suffix
    expected = TYPE_BY_EXTENSION.get(extension)
    if expected is None or (photos_only and expected.kind != PHOTO):
        raise _refused_extension(name, extension, photos_only)
    size = upload.size
    if size == 0:
        raise _refused(_("“%(name)s” is empty."), "empty", name)
    if size > max_bytes(expected.kind):
        raise too_large(name, expected.kind)
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    found = sniff(head)
    if found is not None and found != expected:
        raise _refused(
            _(
                "“%(name)s” ends in “%(extension)s” but it is in fact a %(label)s file. "
                "Rename it so that it ends in “%(right)s”, then upload it again."
            ),
            "misnamed",
            name,
            extension=extension,
            label=found.label,
            right=found.extensions[0],
        )
    if found is None:
        raise _refused(
            _(
                "“%(name)s” ends in “%(extension)s” but its content is not a %(label)s "
                "%(kind)s: it looks like %(found)s. For safety, nothing was saved."
            ),
            "disguised",
            name,
            extension=extension,
            label=expected.label,
            kind=_("photo") if expected.kind == PHOTO else _("video"),
            found=_looks_like(head),
        )
    if expected.kind == VIDEO and not _video_is_whole(upload, expected, size):
        raise damaged(name, VIDEO)
    return CheckedMedia(expected, name, size)


def _refused_extension(name: str, extension: str, photos_only: bool) -> ValidationError:
    if extension in (".heic", ".heif"):
        return _refused(
            _(
                "“%(name)s” is an iPhone photo in HEIC format, which browsers cannot show. "
                "Export it as JPEG (on the iPhone: Settings › Camera › Formats › Most "
                "Compatible) and upload it again."
            ),
            "heic",
            name,
        )
    if extension == ".mov":
        return _refused(
            _(
                "“%(name)s” is a QuickTime video (.mov), which not every browser plays. "
                "Convert it to MP4 and upload it again."
            ),
            "mov",
            name,
        )
    accepted = " ".join(PHOTO_EXTENSIONS if photos_only else [*PHOTO_EXTENSIONS, *VIDEO_EXTENSIONS])
    return _refused(
        _(
            "“%(name)s”: files ending in “%(extension)s” are not accepted here. "
            "Accepted: %(accepted)s."
        ),
        "extension",
        name,
        extension=extension or _("(no extension)"),
        accepted=accepted,
    )


def too_large(name: str, kind: str) -> ValidationError:
    limit = filesizeformat(max_bytes(kind))
    if kind == VIDEO:
        message = _("“%(name)s” is too large: the limit is %(limit)s for a video.")
    else:
        message = _("“%(name)s” is too large: the limit is %(limit)s for a photo.")
    return _refused(message, "too_large", name, limit=limit)


def damaged(name: str, kind: str) -> ValidationError:
    if kind == VIDEO:
        message = _(
            "“%(name)s” is damaged or incomplete: the video cannot be read. Nothing was saved."
        )
    else:
        message = _(
            "“%(name)s” is damaged or incomplete: the photo cannot be read. Nothing was saved."
        )
    return _refused(message, "damaged", name)


def too_many_pixels(name: str, width: int = 0, height: int = 0) -> ValidationError:
    limit = max(1, max_photo_pixels() // 1_000_000)
    if not width:  # so large that the image library would not even read its size
        return _refused(
            _(
                "“%(name)s” is too large in pixels: the limit is %(limit)d million pixels. "
                "Export it at a smaller size and upload it again."
            ),
            "too_many_pixels",
            name,
            limit=limit,
        )
    return _refused(
        _(
            "“%(name)s” is too large in pixels (%(width)d × %(height)d): the limit is "
            "%(limit)d million pixels. Export it at a smaller size and upload it again."
        ),
        "too_many_pixels",
        name,
        width=width,
        height=height,
        limit=limit,
    )


# --- Videos: a structural check, since we do not decode them --------------------------------


def _video_is_whole(upload, media_type: MediaType, size: int) -> bool:
    try:
        if media_type.label == "MP4":
            return _mp4_is_whole(upload, size)
        return _webm_is_whole(upload, size)
    except (OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _mp4_is_whole(upload, size: int) -> bool:
    """Top-level boxes follow each other up to the end, with a "moov" and an "mdat"."""
    offset, found = 0, set()
    for _step in range(MAX_MP4_BOXES):
        if offset == size:
            return b"moov" in found and (b"mdat" in found or b"moof" in found)
        upload.seek(offset)
        header = upload.read(16)
        if len(header) < 8:
            return False
        box_size, kind = int.from_bytes(header[:4], "big"), header[4:8]
        if box_size == 1:
            if len(header) < 16:
                return False
            box_size = int.from_bytes(header[8:16], "big")
        elif box_size == 0:  # "up to the end of the file"
            box_size = size - offset
        if box_size < 8 or offset + box_size > size or not kind.isascii():
            return False
        found.add(kind)
        offset += box_size
    return False


def _webm_is_whole(upload, size: int) -> bool:
    """The segment has its tracks and at least one cluster, and is not cut off."""
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    header = _ebml_element(head, 0)
    if header is None or header[1] < 0:
        return False
    segment_at = header[2] + header[1]
    upload.seek(segment_at)
    segment = _ebml_element(upload.read(16), 0)
    if segment is None or segment[0] != MATROSKA_SEGMENT:
        return False
    _id, segment_size, content = segment
    content += segment_at
    end = size if segment_size < 0 else content + segment_size
    if end > size:
        return False
    found, offset = set(), content
    for _step in range(MAX_MP4_BOXES):
        if offset >= end:
            break
        upload.seek(offset)
        element = _ebml_element(upload.read(16), 0)
        if element is None:
            return False
        element_id, element_size, element_content = element
        found.add(element_id)
        if element_size < 0:  # a live recording's cluster: nothing more to skip over
            break
        offset += element_content + element_size
        if offset > end:
            return False
    return MATROSKA_TRACKS in found and MATROSKA_CLUSTER in found
