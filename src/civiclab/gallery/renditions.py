"""The JPEG renditions of a photo (or of a video's poster): upright, resized, metadata-free.

Only renditions are ever shown outside the staff pages: they carry no EXIF (so no GPS
position, camera serial or date), no XMP and no comment, whatever the original held.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from civiclab.gallery.checks import CheckedMedia, damaged, max_photo_pixels, too_many_pixels

# Width in pixels of each rendition (never enlarged: a small photo keeps its own width).
WIDTHS = {"small": 480, "large": 1600}
SIZES = tuple(WIDTHS)
JPEG_QUALITY = 82
BACKGROUND = (255, 255, 255)  # under transparent parts of PNG and WebP images
ORIENTATION_TAG = 0x0112
# EXIF orientation -> the transposition that makes the picture upright (as ImageOps does).
TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SIDEWAYS = {5, 6, 7, 8}


@dataclass(frozen=True)
class Renditions:
    width: int  # of the upright original
    height: int
    files: dict[str, bytes]  # size name -> JPEG bytes


def fitted(width: int, height: int, target: int) -> tuple[int, int]:
    """(width, height) scaled down to `target` pixels wide at most, keeping proportions."""
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ORIENTATION_TAG, 1)
    except (OSError, ValueError, SyntaxError, TypeError, KeyError):  # a broken EXIF block
        return 1
    return value if value in TRANSPOSITIONS else 1


def _flattened(image: Image.Image) -> Image.Image:
    """An RGB image, transparent parts laid on white."""
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode.startswith("I;16"):
        image = image.point(lambda value: value / 256).convert("L")  # 16-bit grey PNG
    return image.convert("RGB")


def _resizable(image: Image.Image) -> Image.Image:
    # Palette and 1-bit images only resize pixel by pixel: give them real colours first.
    if image.mode in ("P", "1", "PA"):
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


def _jpeg(image: Image.Image, icc_profile: bytes | None) -> bytes:
    image.info = {}  # Pillow writes some of `info` (comment) back unless it is emptied
    buffer = io.BytesIO()
    options = {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    if icc_profile:  # colours of wide-gamut phone photos stay right; it holds no personal data
        options["icc_profile"] = icc_profile
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def make_renditions(upload, checked: CheckedMedia) -> Renditions:
    """Decode the photo `upload` once, at the smallest scale that still gives the large
    rendition, and return its renditions. Damaged files and decompression bombs are refused
    (ValidationError naming the file) before anything is written anywhere."""
    upload.seek(0)
    try:
        with Image.open(upload, formats=[checked.type.pillow_format]) as image:
            width, height = image.size
            if width * height > max_photo_pixels():
                raise too_many_pixels(checked.name, width, height)
            orientation = _orientation(image)
            icc_profile = image.info.get("icc_profile")
            sideways = orientation in SIDEWAYS
            upright = (height, width) if sideways else (width, height)
            large = fitted(*upright, WIDTHS["large"])
            raw_large = (large[1], large[0]) if sideways else large
            # JPEG only: decode directly at 1/2, 1/4 or 1/8 scale when that is enough.
            image.draft("RGB", raw_large)
            image.load()
            picture = _resizable(image)
            if picture.size != raw_large:
                picture = picture.resize(raw_large, Image.Resampling.LANCZOS, reducing_gap=3.0)
            if orientation in TRANSPOSITIONS:
                picture = picture.transpose(TRANSPOSITIONS[orientation])
            picture = _flattened(picture)
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # far beyond our limit: Pillow refused to open it
        raise too_many_pixels(checked.name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise damaged(checked.name, "photo") from None
    finally:
        upload.seek(0)
    files = {"large": _jpeg(picture, icc_profile)}
    small = fitted(*picture.size, WIDTHS["small"])
    files["small"] = _jpeg(picture.resize(small, Image.Resampling.LANCZOS), icc_profile)
    return Renditions(upright[0], upright[1], files)
