"""Serving stored gallery files: safe headers, and byte ranges so that videos play and seek
in every browser (Safari asks for ranges and plays nothing without them)."""

import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header: str | None, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte asked for by a single-range `Range` header; None when there is no
    usable header (serve everything); False when the range lies outside the file."""
    match = _RANGE.match((header or "").strip())
    if not match or not any(match.groups()):
        return None
    first, last = match.groups()
    if not first:  # "bytes=-500": the last 500 bytes
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def _chunks(handle, remaining: int):
    try:
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def stored_file_response(
    request,
    field,
    *,
    content_type: str,
    cache_control: str,
    filename: str = "",
    attachment: bool = False,
    ranges: bool = False,
    same_origin: bool = True,
) -> HttpResponse:
    """The file of `field`, never sniffed as anything else nor run as a page; 404 if missing."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
        size = field.size
    except (FileNotFoundError, OSError):
        raise Http404 from None
    wanted = _byte_range(request.headers.get("Range"), size) if ranges else None
    if wanted is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted:
        first, last = wanted
        handle.seek(first)
        response = StreamingHttpResponse(
            _chunks(handle, last - first + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
        if disposition := content_disposition_header(attachment, filename or None):
            response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            handle, content_type=content_type, as_attachment=attachment, filename=filename
        )
    if ranges:
        response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache_control
    if same_origin:  # other sites may not even embed the team's files
        response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
