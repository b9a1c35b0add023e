"""Pages of the gallery (for the experiment's team) and the public address of thumbnails."""

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from civiclab.documents.filetypes import safe_filename
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.gallery import selectors, services
from civiclab.gallery.captions import CAPTIONS_TYPE
from civiclab.gallery.checks import (
    PHOTO,
    TYPE_BY_EXTENSION,
    max_bytes,
    max_request_bytes,
    too_large,
)
from civiclab.gallery.forms import EditForm, FilterForm, UploadForm
from civiclab.gallery.models import MediaItem
from civiclab.gallery.responses import stored_file_response

VIEW, EDIT = Capability.VIEW_DOCUMENTS, Capability.EDIT_DOCUMENTS
# The team's renditions change address when they change: they may stay in the browser.
TEAM_CACHE = "private, max-age=86400"


def _context(access, **extra) -> dict:
    return {
        "access": access,
        "experiment": access.experiment,
        "tab": "gallery",
        "can_edit": access.can(EDIT),
        "content_lang": settings.LANGUAGE_CODE,  # captions are in the lab's language
        **extra,
    }


def _item(access, pk: int) -> MediaItem:
    return get_object_or_404(selectors.media_of(access.experiment), pk=pk)


@login_required
def index(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    filters = FilterForm(request.GET or None)
    items = selectors.filtered(selectors.media_of(access.experiment), **filters.values)
    context = _context(
        access,
        items=items,
        filters=filters,
        counts=selectors.consent_counts(access.experiment),
        # Moving one place up or down only makes sense in the whole gallery, not a filtered one.
        can_move=access.can(EDIT) and not filters.is_filtering,
    )
    return render(request, "gallery/index.html", context)


@login_required
def detail(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    return render(request, "gallery/detail.html", _context(access, item=_item(access, pk)))


# --- Uploads ---------------------------------------------------------------------------------


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading a file once it passes its limit (by its kind), and the request once it
    passes the total, so that a huge upload never fills the disk."""

    total = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        extension = PurePosixPath(str(file_name).lower()).suffix
        media_type = TYPE_BY_EXTENSION.get(extension)
        self.kind = media_type.kind if media_type else PHOTO
        self.limit = max_bytes(self.kind)

    def receive_data_chunk(self, raw_data, start):
        self.total += len(raw_data)
        if self.total > max_request_bytes():
            self.request.gallery_refused = ValidationError(
                _("Too much sent at once (the limit is %s): upload the files in several goes.")
                % filesizeformat(max_request_bytes())
            )
            raise SkipFile
        if start + len(raw_data) > self.limit:
            self.request.gallery_refused = too_large(safe_filename(self.file_name), self.kind)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def _limit_upload_size(view):
    # Upload handlers must be set before the body is read, so before the CSRF check reads it:
    # the view is exempted here and protected again just after (as Django's docs advise).
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        return protected(request, *args, **kwargs)

    return login_required(wrapper)


def _size_refusal(request, form, field: str) -> bool:
    """Put a refused file's size problem on the form; True if there was one."""
    refused = getattr(request, "gallery_refused", None)
    if refused is None:
        return False
    form.errors.pop(field, None)
    form.add_error(field, refused)
    return True


def _add_errors(form, error: ValidationError, field: str) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)


@_limit_upload_size
def upload(request, slug):
    access = experiment_for(request.user, slug, EDIT)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and not _size_refusal(request, form, "files") and form.is_valid():
        try:
            items = services.upload_media(
                request.user,
                access.experiment,
                form.cleaned_data["files"],
                poster=form.cleaned_data["poster"],
                **form.details,
            )
        except ValidationError as error:
            _add_errors(form, error, "files")
        else:
            count = len(items)
            messages.success(request, ngettext("%d file added.", "%d files added.", count) % count)
            if count == 1:
                return redirect(items[0])
            return redirect("gallery:index", slug)
    context = _context(access, form=form)
    return render(request, "gallery/upload.html", context, status=400 if form.errors else 200)


@_limit_upload_size
def edit(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _item(access, pk)
    posted = request.method == "POST"
    form = EditForm(request.POST if posted else None, request.FILES if posted else None, item=item)
    if posted and not _size_refusal(request, form, "poster") and form.is_valid():
        try:
            item = services.edit_media(
                request.user,
                item,
                poster=form.cleaned_data.get("poster"),
                remove_poster=form.cleaned_data.get("remove_poster", False),
                captions=form.cleaned_data.get("captions"),
                remove_captions=form.cleaned_data.get("remove_captions", False),
                **form.details,
            )
        except ValidationError as error:
            field = "caption"
            if "poster" in form.fields:
                field = "captions" if getattr(error, "code", "") == "captions" else "poster"
            _add_errors(form, error, field)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(item)
    context = _context(access, form=form, item=item)
    return render(request, "gallery/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def delete(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _item(access, pk)
    services.delete_media(request.user, item)
    messages.success(request, _("“%s” was deleted.") % item.caption)
    return redirect("gallery:index", slug)


@login_required
@require_POST
def move(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _item(access, pk)
    services.move_media(request.user, item, -1 if request.POST.get("direction") == "up" else 1)
    return redirect(f"{reverse('gallery:index', args=[slug])}#media-{item.pk}")


# --- Files -----------------------------------------------------------------------------------


@login_required
@require_safe
def original(request, slug, pk):
    """The uploaded file, for the team: a photo is downloaded, a video plays in the page."""
    access = experiment_for(request.user, slug, VIEW)
    item = _item(access, pk)
    download = item.is_photo or "download" in request.GET
    return stored_file_response(
        request,
        item.file,
        content_type=item.content_type,
        cache_control="private, no-store",
        filename=item.original_name,
        attachment=download,
        ranges=not item.is_photo,
    )


@login_required
@require_safe
def captions(request, slug, pk):
    """A video's captions (WebVTT), for the team's player."""
    access = experiment_for(request.user, slug, VIEW)
    item = _item(access, pk)
    return stored_file_response(
        request, item.captions, content_type=CAPTIONS_TYPE, cache_control=TEAM_CACHE
    )


@login_required
@require_safe
def thumbnail(request, slug, pk, size):
    access = experiment_for(request.user, slug, VIEW)
    item = _item(access, pk)
    return stored_file_response(
        request, item.rendition(size), content_type="image/jpeg", cache_control=TEAM_CACHE
    )
