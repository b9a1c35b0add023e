"""Views of the shared documents, for an experiment's tree and for the lab's own tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from civiclab.documents import services
from civiclab.documents.access import Space, space_for
from civiclab.documents.filetypes import max_upload_bytes, safe_filename
from civiclab.documents.forms import (
    DocumentEditForm,
    FolderForm,
    FolderRenameForm,
    SearchForm,
    UploadForm,
    VersionForm,
)
from civiclab.documents.models import Document, Tag
from civiclab.experiments.permissions import Capability

VIEW, EDIT = Capability.VIEW_DOCUMENTS, Capability.EDIT_DOCUMENTS


def _context(space: Space, **extra) -> dict:
    return {"space": space, "experiment": space.experiment, "access": space.access, **extra}


@login_required
def index(request, slug=None, folder_id=None):
    space = space_for(request.user, slug, VIEW)
    tree = space.tree()
    folder = tree.by_id.get(folder_id) if folder_id else None
    if folder_id and folder is None:
        raise Http404
    tags = Tag.objects.filter(documents__in=space.documents()).distinct()
    search = SearchForm(request.GET or None, tags=[t.name for t in tags])
    documents = (
        space.documents()
        .select_related("experiment", "current_version__uploaded_by")
        .prefetch_related("tags")
    )
    if search.is_searching:
        documents = list(search.filter(documents))
        for document in documents:
            document.folder_in_tree = tree.by_id.get(document.folder_id)
            document.folder_label = tree.label(document.folder_in_tree)
    else:
        documents = documents.filter(folder=folder)
    here = f"?folder={folder.pk}" if folder else ""
    context = _context(
        space,
        tree=tree,
        upload_url=space.url("upload") + here,
        new_folder_url=space.url("folder_create") + here.replace("folder", "in"),
        folder_edit_url=space.url("folder_edit", folder.pk) if folder else "",
        folder=folder,
        path=tree.path(folder),
        subfolders=tree.children.get(folder.pk if folder else None, []),
        documents=documents,
        search=search,
    )
    return render(request, "documents/index.html", context)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload once it passes the limit, so a huge file never fills the disk."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_upload_bytes():
            self.request.documents_upload_too_large = True
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


def _upload_error(request, form) -> bool:
    """Put a refused upload's reason on the form; True if there was one."""
    if getattr(request, "documents_upload_too_large", False):
        limit = filesizeformat(max_upload_bytes())
        form.errors.pop("file", None)
        form.add_error("file", _("This file is too large: the limit is %s.") % limit)
        return True
    return False


@_limit_upload_size
def upload(request, slug=None):
    space = space_for(request.user, slug, EDIT)
    tree = space.tree()
    initial = {"folder": request.GET.get("folder")}
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        tree=tree,
        initial=initial,
    )
    if request.method == "POST" and not _upload_error(request, form) and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.upload_document(
                request.user,
                space.experiment,
                data["folder"],
                data["file"],
                tags=data["tags"],
                comment=data["comment"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Document added."))
            return redirect(document)
    status = 400 if form.errors else 200
    return render(request, "documents/upload.html", _context(space, form=form), status=status)


def _versions(document: Document):
    return document.versions.select_related("uploaded_by", "document__experiment")


@login_required
def detail(request, document_id, slug=None, version_form=None):
    space = space_for(request.user, slug, VIEW)
    document = space.document(document_id)
    tree = space.tree()
    context = _context(
        space,
        document=document,
        path=tree.path(tree.by_id.get(document.folder_id)),
        versions=_versions(document),
        tags=document.tags.all(),
        version_form=version_form or VersionForm(),
        permalink=request.build_absolute_uri(document.get_permalink()),
        edit_url=space.url("edit", document.pk),
        delete_url=space.url("delete", document.pk),
        version_upload_url=space.url("version_upload", document.pk),
    )
    status = 400 if version_form is not None else 200
    return render(request, "documents/detail.html", context, status=status)


@_limit_upload_size
@require_POST
def version_upload(request, document_id, slug=None):
    space = space_for(request.user, slug, EDIT)
    document = space.document(document_id)
    form = VersionForm(request.POST, request.FILES)
    if not _upload_error(request, form) and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.add_version(request.user, document, data["file"], data["comment"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Version %d added.") % version.number)
            return redirect(document)
    return detail(request, document_id, slug=slug, version_form=form)


@login_required
def download(request, document_id, number=None, slug=None):
    space = space_for(request.user, slug, VIEW)
    document = space.document(document_id)
    if number is None:
        version = document.current_version
    else:
        version = get_object_or_404(document.versions, number=number)
    if version is None:
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(version.original_name),
        content_type=version.content_type,
    )
    # Never shown in the browser, never guessed as something else, never cached by a proxy.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
def edit(request, document_id, slug=None):
    space = space_for(request.user, slug, EDIT)
    document = space.document(document_id)
    tree = space.tree()
    initial = {
        "name": document.name,
        "folder": document.folder_id,
        "tags": ", ".join(t.name for t in document.tags.all()),
    }
    form = DocumentEditForm(request.POST or None, tree=tree, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.edit_document(
                request.user, document, name=data["name"], folder=data["folder"], tags=data["tags"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(document)
    context = _context(space, form=form, document=document)
    return render(request, "documents/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def delete(request, document_id, slug=None):
    space = space_for(request.user, slug, EDIT)
    document = space.document(document_id)
    services.delete_document(request.user, document)
    messages.success(request, _("“%s” was deleted.") % document.name)
    return redirect(document.folder or space.index_url)


@login_required
def folder_create(request, slug=None):
    space = space_for(request.user, slug, EDIT)
    tree = space.tree()
    form = FolderForm(request.POST or None, tree=tree, initial={"parent": request.GET.get("in")})
    if request.method == "POST" and form.is_valid():
        try:
            folder = services.create_folder(
                request.user,
                space.experiment,
                form.cleaned_data["parent"],
                form.cleaned_data["name"],
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Folder created."))
            return redirect(folder)
    context = _context(space, form=form)
    return render(
        request, "documents/folder_form.html", context, status=400 if form.errors else 200
    )


@login_required
def folder_edit(request, folder_id, slug=None):
    space = space_for(request.user, slug, EDIT)
    folder = space.folder(folder_id)
    form = FolderRenameForm(request.POST or None, initial={"name": folder.name})
    if request.method == "POST" and "delete" in request.POST:
        try:
            services.delete_folder(request.user, folder)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(space.url("folder_edit", folder.pk))
        messages.success(request, _("Folder deleted."))
        return redirect(folder.parent or space.index_url)
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_folder(request.user, folder, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(folder)
    context = _context(space, form=form, folder=folder)
    return render(
        request, "documents/folder_edit.html", context, status=400 if form.errors else 200
    )


@login_required
def permalink(request, document_id):
    """The stable address of a document (for meeting agendas): it follows renames and moves."""
    document = get_object_or_404(Document.live.select_related("experiment"), pk=document_id)
    space_for(request.user, document.experiment.slug if document.experiment else None, VIEW)
    return redirect(document)
