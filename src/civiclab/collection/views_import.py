"""Pages of an answer import: upload, column mapping, preview, progress and report."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from civiclab.collection import imports
from civiclab.collection.access import campaign_for
from civiclab.collection.import_rules import MappingError
from civiclab.collection.models import AnswerImport
from civiclab.experiments.permissions import Capability

COLLECT = Capability.COLLECT_ANSWERS


class SizeLimit(FileUploadHandler):
    """Stops reading an upload past ANSWER_IMPORT_MAX_MB instead of writing it to disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received, self.too_large = 0, False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The body's declared size: stop at the first chunk rather than at the limit.
        if content_length and content_length > imports.max_bytes() + 64 * 1024:
            self.too_large = True

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.too_large or self.received > imports.max_bytes():
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _import(request, slug, pk, import_pk):
    access, campaign = campaign_for(request.user, slug, pk, COLLECT)
    return access, get_object_or_404(campaign.imports, pk=import_pk)


def _context(access, campaign, **extra) -> dict:
    return {
        "access": access,
        "experiment": access.experiment,
        "campaign": campaign,
        "questionnaire": campaign.questionnaire,
        "page": "import",
        **extra,
    }


def _to(name, access, answer_import):
    return redirect(
        f"collection:{name}", access.experiment.slug, answer_import.campaign_id, answer_import.pk
    )


@csrf_exempt  # the upload handler must be in place before CSRF reads the body
@login_required
def import_start(request, slug, pk):
    limit = SizeLimit(request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
    return _import_start(request, slug, pk, limit)


@csrf_protect
def _import_start(request, slug, pk, limit):
    access, campaign = campaign_for(request.user, slug, pk, COLLECT)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if limit.too_large:
            error = str(imports._too_large())
        elif upload is None:
            error = _("Choose a CSV or Excel file.")
        else:
            try:
                answer_import = imports.create_import(request.user, campaign, upload)
            except imports.ImportRefused as refused:
                error = str(refused)
            else:
                return _to("import_mapping", access, answer_import)
    context = _context(
        access,
        campaign,
        error=error,
        max_mb=settings.ANSWER_IMPORT_MAX_MB,
        history=campaign.imports.select_related("created_by")[:20],
    )
    return render(request, "collection/import/start.html", context, status=400 if error else 200)


@login_required
def import_mapping(request, slug, pk, import_pk):
    access, answer_import = _import(request, slug, pk, import_pk)
    if answer_import.status != AnswerImport.Status.UPLOADED:
        return _to("import_detail", access, answer_import)
    error = ""
    if request.method == "POST":
        keys = {
            index: request.POST.get(f"column-{index}", "ignore")
            for index, _header in enumerate(answer_import.mapping["file"]["headers"])
        }
        try:
            imports.save_mapping(request.user, answer_import, keys)
        except MappingError as refused:
            error = str(refused)
        else:
            return _to("import_preview", access, answer_import)
    context = _context(
        access,
        answer_import.campaign,
        answer_import=answer_import,
        description=imports.file_description(answer_import),
        rows=imports.column_rows(answer_import),
        choices=imports.target_choices(answer_import),
        error=error,
    )
    return render(request, "collection/import/mapping.html", context, status=400 if error else 200)


@login_required
def import_preview(request, slug, pk, import_pk):
    access, answer_import = _import(request, slug, pk, import_pk)
    if answer_import.status != AnswerImport.Status.UPLOADED:
        return _to("import_detail", access, answer_import)
    error = ""
    if request.method == "POST":
        try:
            imports.confirm(request.user, answer_import)
        except (imports.ImportRefused, MappingError) as refused:
            error = str(refused)
        else:
            return _to("import_detail", access, answer_import)
    try:
        shown = imports.preview(answer_import)
    except MappingError as refused:
        shown, error = None, str(refused)
    context = _context(
        access,
        answer_import.campaign,
        answer_import=answer_import,
        description=imports.file_description(answer_import),
        preview=shown,
        error=error,
    )
    return render(request, "collection/import/preview.html", context, status=400 if error else 200)


@login_required
def import_detail(request, slug, pk, import_pk):
    access, answer_import = _import(request, slug, pk, import_pk)
    context = _context(
        access,
        answer_import.campaign,
        answer_import=answer_import,
        finished=imports.finished(answer_import),
        percent=imports.progress_percent(answer_import),
        phase=imports.phase(answer_import),
        report=answer_import.report if isinstance(answer_import.report, dict) else {},
    )
    if request.headers.get("HX-Request"):
        response = render(request, "collection/import/_progress.html", context)
        if context["finished"]:
            response["HX-Refresh"] = "true"  # the whole page becomes the report
        return response
    return render(request, "collection/import/detail.html", context)


@login_required
def import_report_csv(request, slug, pk, import_pk):
    _access, answer_import = _import(request, slug, pk, import_pk)
    full = imports.report_file(answer_import)
    if full is None:
        raise Http404
    name = f"rapport-import-{answer_import.pk}.csv"
    return FileResponse(full, as_attachment=True, filename=name, content_type="text/csv")
