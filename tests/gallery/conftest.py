"""Fixtures of the gallery: a throwaway MEDIA_ROOT, and real photos and videos made in code."""

import functools
import io
import os
import struct
import subprocess
import tempfile
import zlib

import imageio_ffmpeg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from civiclab.documents.demo import tiny_pdf
from civiclab.gallery import services
from civiclab.gallery.models import MediaItem
from civiclab.gallery.webm import tiny_webm

Consent = MediaItem.Consent
GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    """Every file written under MEDIA_ROOT."""
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def picture(size=(800, 600), colour=(30, 110, 190), mode="RGB") -> Image.Image:
    image = Image.new(mode, size, colour)
    # A mark in the top-left corner, to see which way up the renditions are.
    image.paste((250, 200, 0) if mode == "RGB" else colour, (0, 0, size[0] // 4, size[1] // 4))
    return image


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def gps_exif(orientation: int = 1) -> bytes:
    """EXIF with a GPS position (Paris), a camera maker and an orientation."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Appareil de la mairie"
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    return exif.tobytes()


def jpeg(name="Atelier.jpg", size=(800, 600), **options) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, encoded(picture(size), "JPEG", **options), "image/jpeg")


def png(name="Affiche.png", size=(640, 480), mode="RGB", colour=(30, 110, 190)):
    return SimpleUploadedFile(name, encoded(picture(size, colour, mode), "PNG"), "image/png")


def webp(name="Carte.webp", size=(640, 480)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, encoded(picture(size), "WEBP"), "image/webp")


def pdf_named(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(["Compte rendu"]), "image/jpeg")


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_bytes(payload: int = 2000) -> bytes:
    """An MP4 as its top-level boxes: ftyp, moov, mdat (enough for the structural check)."""
    ftyp = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2avc1mp41")
    moov = _box(b"moov", _box(b"mvhd", b"\x00" * 100))
    return ftyp + moov + _box(b"mdat", b"\x00" * payload)


def mp4(name="Teaser.mp4", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data or mp4_bytes(), "video/mp4")


# Where a phone says the video was shot, and whose phone it was: what the public copy drops.
VIDEO_SECRETS = {"location": "+48.8566+002.3522/", "title": "Chez Mme Dupont, 12 rue Haute"}
VIDEO_STREAM_SECRET = "iPhone de Jean Dupont"


@functools.cache
def phone_mp4_bytes() -> bytes:
    """A real one-second H.264 MP4 (made by ffmpeg, not by our code) carrying a GPS position,
    a title and a named stream, as a phone writes them."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "phone.mp4")
        metadata = [
            arg for key, value in VIDEO_SECRETS.items() for arg in ("-metadata", f"{key}={value}")
        ]
        subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                *("-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1"),
                *metadata,
                *("-metadata:s:v:0", f"handler_name={VIDEO_STREAM_SECRET}"),
                *("-c:v", "libx264", "-pix_fmt", "yuv420p", path),
            ],
            check=True,
            capture_output=True,
        )
        with open(path, "rb") as handle:
            return handle.read()


def video_metadata(data: bytes) -> str:
    """What ffmpeg reports of a video file: its streams and every metadata tag it holds."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", handle.name],
            capture_output=True,
        )
    return done.stderr.decode("utf-8", "replace")


def phone_mp4(name="Reportage.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, phone_mp4_bytes(), "video/mp4")


def webm(name="Teaser.webm") -> SimpleUploadedFile:
    frames = [picture((160, 90), colour) for colour in ((200, 40, 40), (40, 160, 60))]
    return SimpleUploadedFile(name, tiny_webm(frames), "video/webm")


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A small PNG file that declares a huge grey image (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compressobj(9)
    data = b"".join(rows.compress(b"\x00" * (width + 1)) for _ in range(64)) + rows.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)


def add_media(actor, experiment, *uploads, **details) -> list[MediaItem]:
    details.setdefault("caption", "Atelier de quartier")
    return services.upload_media(actor, experiment, list(uploads or [jpeg()]), **details)


def public_details(**changes) -> dict:
    """What an item needs to be public: consent, credit, text alternative."""
    return {
        "caption": "Atelier de quartier",
        "credit": "Camille Roux / civiclab",
        "alt_text": "Des habitants autour d'une table.",
        "consent": Consent.CONSENTED,
        **changes,
    }
