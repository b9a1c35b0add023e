"""Files in and out of the qualitative analysis: codebooks, coded passages, REFI-QDA projects."""

import csv
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from civiclab.core.feedback import refused
from civiclab.core.spreadsheet import safe_row
from civiclab.experiments.access import experiment_for
from civiclab.qualitative import analysis, exchange, services
from civiclab.qualitative.codebook_csv import CodebookError, read_codebook_csv, write_codebook_csv
from civiclab.qualitative.forms import CodebookImportForm
from civiclab.qualitative.messages import codebook_message, refi_message
from civiclab.qualitative.refi import RefiError, read_qdc, write_qdc, write_qdpx
from civiclab.qualitative.views import MANAGE, VIEW, _context

MAX_CODEBOOK = 5 * 1024 * 1024


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def codebook_import(request, slug):
    access = experiment_for(request.user, slug, MANAGE)
    form = CodebookImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows = _codebook_rows(request, upload)
        if rows is not None:
            try:
                created, updated = services.import_codebook(request.user, access.experiment, rows)
            except ValidationError as problem:
                refused(request, problem)
            else:
                messages.success(
                    request,
                    _("Codebook imported: %(created)s codes created, %(updated)s updated.")
                    % {"created": created, "updated": updated},
                )
                return redirect("qualitative:codebook", slug)
    return render(request, "qualitative/codebook_import.html", _context(access, form=form))


def _codebook_rows(request, upload):
    """(path, description, colour) rows of a CSV or .qdc file; None (with a message) if the
    file is refused."""
    if upload.size > MAX_CODEBOOK:
        messages.error(request, _("“%s”: the file is larger than 5 MB.") % upload.name)
        return None
    data = upload.read()
    is_xml = upload.name.lower().endswith((".qdc", ".xml")) or data.lstrip()[:5] == b"<?xml"
    try:
        if is_xml:
            return list(exchange.rows_from_qda(read_qdc(data)))
        return [(r.path, r.description, r.colour) for r in read_codebook_csv(data)]
    except RefiError as problem:
        messages.error(request, refi_message(problem, upload.name))
    except CodebookError as problem:
        messages.error(request, codebook_message(problem, upload.name))
    return None


@login_required
def codebook_export(request, slug, fmt):
    access = experiment_for(request.user, slug, VIEW)
    name = f"codebook-{access.experiment.slug}"
    if fmt == "csv":
        text = write_codebook_csv(exchange.codebook_rows(access.experiment))
        response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        return _attachment(response, f"{name}.csv")
    if fmt == "qdc":
        codes, users = exchange.codebook_qdc_parts(access.experiment)
        data = write_qdc(codes, users=users, origin=exchange.ORIGIN)
        return _attachment(HttpResponse(data, content_type="application/xml"), f"{name}.qdc")
    raise Http404


@login_required
def project_export(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    data = write_qdpx(exchange.project(access.experiment))
    response = HttpResponse(data, content_type="application/zip")
    return _attachment(response, f"{slugify(access.experiment.slug)}.qdpx")


class _Echo:
    def write(self, value):
        return value


@login_required
def passages_export(request, slug, fmt):
    access = experiment_for(request.user, slug, VIEW)
    filters = analysis.PassageFilters.from_query(request.GET)
    codings = analysis.passages(access.experiment, filters)
    rows = exchange.passage_rows(codings, analysis.experiment_attributes(access.experiment))
    name = f"passages-{access.experiment.slug}"
    if fmt == "csv":
        writer = csv.writer(_Echo(), delimiter=";")
        # French Excel reads ";" and needs the BOM to take the file as UTF-8.
        stream = (
            ("\ufeff" if n == 0 else "") + writer.writerow(safe_row(row))
            for n, row in enumerate(rows)
        )
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
        return _attachment(response, f"{name}.csv")
    if fmt == "xlsx":
        return _attachment(_xlsx(rows), f"{name}.xlsx")
    raise Http404


def _xlsx(rows) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Passages"))
    for row in rows:
        sheet.append(safe_row(row))
    spool = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(
        spool,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
