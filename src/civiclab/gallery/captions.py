"""Captions of a video: a WebVTT or SRT file, checked and stored as WebVTT (what browsers play).

Captions make a video's speech readable by people who are deaf or hard of hearing (RGAA 4.3,
WCAG 1.2.2). Subtitling tools and video editors export SRT or WebVTT; both are read with
webvtt-py, in whichever encoding the file uses (UTF-8, with or without a byte-order mark,
UTF-16, or Windows-1252), and stored as UTF-8 WebVTT.
"""

import io

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civiclab.collection.tabular import detect_encoding
from civiclab.gallery.checks import display_name

MAX_CAPTION_BYTES = 1024 * 1024  # hours of speech; a larger "captions" file is something else
ACCEPT_CAPTIONS = ".vtt,.srt"
CAPTIONS_TYPE = "text/vtt; charset=utf-8"  # as stored (UTF-8 WebVTT) and served


def webvtt_of(upload) -> str:
    """The captions of `upload` as WebVTT text; a ValidationError in French naming the file
    when it is too large, not text, or neither WebVTT nor SRT, or holds no caption."""
    name = display_name(upload)
    data = upload.read(MAX_CAPTION_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_CAPTION_BYTES:
        raise _refused(_("“%(name)s” is larger than 1 MB: it cannot be a captions file."), name)
    text = _decoded(data, name)
    kind = "vtt" if text.lstrip().startswith("WEBVTT") else "srt"
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text), format=kind)
    except (webvtt.errors.MalformedFileError, ValueError, IndexError):
        raise _refused(
            _(
                "“%(name)s” is neither a WebVTT (.vtt) nor an SRT (.srt) captions file, or a "
                "time in it is written wrongly (expected 00:01:02.500 --> 00:01:04.000)."
            ),
            name,
        ) from None
    if not captions.captions:
        raise _refused(
            _(
                "“%(name)s” holds no caption that can be read: each caption starts with its "
                "times, for example 00:01:02.500 --> 00:01:04.000."
            ),
            name,
        )
    return captions.content


def _decoded(data: bytes, name: str) -> str:
    _shown, codec, skip = detect_encoding(data, True)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise _refused(_("“%(name)s” is not a text file: it cannot hold captions."), name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refused(message, name: str) -> ValidationError:
    return ValidationError(message, code="captions", params={"name": name})
