"""A tiny WebM video written in pure Python, for the demo: every frame a VP8 key frame.

A lossy WebP image *is* one VP8 key frame in a small RIFF wrapper, so Pillow's WebP encoder
gives us real VP8 frames; we only add the Matroska/WebM container around them (EBML).
"""

import io
import struct

from PIL import Image

TIMECODE_SCALE = 1_000_000  # one tick = 1 ms


def _size(length: int) -> bytes:
    """An EBML size on 8 bytes (simple, and valid for any length we write)."""
    return bytes([0x01]) + length.to_bytes(7, "big")


def _element(element_id: int, payload: bytes) -> bytes:
    return (
        element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
        + _size(len(payload))
        + payload
    )


def _uint(element_id: int, value: int) -> bytes:
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _float(element_id: int, value: float) -> bytes:
    return _element(element_id, struct.pack(">d", value))


def _text(element_id: int, value: str) -> bytes:
    return _element(element_id, value.encode("ascii"))


def vp8_frame(image: Image.Image, quality: int = 70) -> bytes:
    """The VP8 key frame of `image` (RGB), taken out of a simple lossy WebP file."""
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "WEBP", quality=quality, method=4)
    data = buffer.getvalue()
    if data[12:16] != b"VP8 ":  # extended WebP (VP8X): not expected for a plain RGB image
        raise ValueError("Pillow did not write a simple lossy WebP.")
    length = int.from_bytes(data[16:20], "little")
    return data[20 : 20 + length]


def tiny_webm(frames: list[Image.Image], frame_ms: int = 500) -> bytes:
    """A WebM video showing `frames` (all of the same size) one after the other."""
    width, height = frames[0].size
    header = _element(
        0x1A45DFA3,
        _uint(0x4286, 1)  # EBMLVersion
        + _uint(0x42F7, 1)  # EBMLReadVersion
        + _uint(0x42F2, 4)  # EBMLMaxIDLength
        + _uint(0x42F3, 8)  # EBMLMaxSizeLength
        + _text(0x4282, "webm")  # DocType
        + _uint(0x4287, 2)  # DocTypeVersion
        + _uint(0x4285, 2),  # DocTypeReadVersion
    )
    info = _element(
        0x1549A966,
        _uint(0x2AD7B1, TIMECODE_SCALE)
        + _float(0x4489, float(frame_ms * len(frames)))  # Duration, in ticks
        + _text(0x4D80, "civiclab")  # MuxingApp
        + _text(0x5741, "civiclab"),  # WritingApp
    )
    video = _element(0xE0, _uint(0xB0, width) + _uint(0xBA, height))
    track = _element(
        0xAE,
        _uint(0xD7, 1)  # TrackNumber
        + _uint(0x73C5, 1)  # TrackUID
        + _uint(0x83, 1)  # TrackType: video
        + _uint(0x9C, 0)  # FlagLacing
        + _text(0x86, "V_VP8")  # CodecID
        + _uint(0x23E383, frame_ms * 1_000_000)  # DefaultDuration, in nanoseconds
        + video,
    )
    tracks = _element(0x1654AE6B, track)
    blocks = b""
    for index, frame in enumerate(frames):
        # Track 1, time relative to the cluster, flags: key frame.
        head = bytes([0x81]) + struct.pack(">h", index * frame_ms) + bytes([0x80])
        blocks += _element(0xA3, head + vp8_frame(frame))
    cluster = _element(0x1F43B675, _uint(0xE7, 0) + blocks)
    return header + _element(0x18538067, info + tracks + cluster)
