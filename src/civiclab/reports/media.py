"""The experiment's photos as a report shows them: the EXIF-free 1600 px copy, never the
original, and only those whose image rights allow it."""

from collections.abc import Iterator
from io import BytesIO

from PIL import Image

from civiclab.gallery.selectors import media_for_export
from civiclab.reports import document as doc


def photos_for(experiment, public: bool) -> Iterator[doc.Photo]:
    for item in media_for_export(experiment, public=public):
        with item.large.open("rb") as file:
            jpeg = file.read()
        with Image.open(BytesIO(jpeg)) as image:
            width, height = image.size
        yield doc.Photo(jpeg, width, height, item.caption, item.credit, item.alt_text)
