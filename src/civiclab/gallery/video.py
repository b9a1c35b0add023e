"""The public copy of a video: the same pictures and sound, without the file's metadata.

A phone writes where a video was shot (GPS position), the phone's owner or model, sometimes a
title, into the file. Photos reach the public only as re-encoded renditions; a video reaches
it as this copy, remuxed by ffmpeg (from the imageio-ffmpeg wheel: no system package) with
every metadata block, chapter, subtitle and data track left out. Remuxing copies the
compressed streams as they are: seconds for a long video, no loss of quality.
"""

import logging
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import imageio_ffmpeg
from django.core.files import File

logger = logging.getLogger(__name__)

# Enough for a 500 MB video on a slow disk; a copy still running after that is abandoned.
TIMEOUT_SECONDS = 300
FORMATS = {"video/mp4": "mp4", "video/webm": "webm"}


class CopyFailed(Exception):
    """ffmpeg could not read or rewrite the video."""


def public_copy(source_path: str, content_type: str, target_path: str) -> None:
    """Write to `target_path` the video at `source_path` without its metadata.

    Only the video and audio streams are kept; global, per-stream and chapter metadata are
    dropped, and the muxer writes no encoder name (`bitexact`). MP4 copies get their index
    at the start so that a browser can play them while they download.
    """
    container = FORMATS.get(content_type)
    if container is None:
        raise CopyFailed(f"unsupported type {content_type}")
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-i",
        source_path,
        "-map",
        "0:v",
        "-map",
        "0:a?",
        "-map_metadata",
        "-1",
        "-map_metadata:s",
        "-1",
        "-map_chapters",
        "-1",
        "-c",
        "copy",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
    ]
    if container == "mp4":
        command += ["-movflags", "+faststart"]
    command += ["-f", container, target_path]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CopyFailed(str(error)) from error
    if done.returncode != 0 or not os.path.getsize(target_path):
        raise CopyFailed(done.stderr.decode("utf-8", "replace")[-500:])


@contextmanager
def public_copy_of(source, content_type: str) -> Iterator[File | None]:
    """The public copy of the video `source` (an uploaded file or a stored one) as an open
    file, or None (logged) if ffmpeg cannot make one; the copy is deleted when the block
    ends."""
    with tempfile.TemporaryDirectory(prefix="civiclab-video-") as folder:
        target = os.path.join(folder, "public")
        try:
            public_copy(_local_path(source, folder), content_type, target)
        except CopyFailed as error:
            logger.warning("no public copy of video %s: %s", source.name, error)
            yield None
            return
        with open(target, "rb") as result:
            yield File(result)


def _local_path(source, folder: str) -> str:
    """A path ffmpeg can read: the upload's temporary file or the stored file itself, else a
    copy of it in `folder` (a small upload kept in memory, a storage without local paths)."""
    for local in ("temporary_file_path", "path"):
        try:
            found = getattr(source, local)
            return found() if callable(found) else found
        except (AttributeError, NotImplementedError, ValueError):
            continue
    copy_path = os.path.join(folder, "original")
    source.seek(0)
    with open(copy_path, "wb") as copy:
        for chunk in source.chunks():
            copy.write(chunk)
    source.seek(0)
    return copy_path
