"""Pages of the reports: the list, the builder with its preview, downloads, the lab's look."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.core.feedback import refused
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.gallery.responses import stored_file_response
from civiclab.reports import builder, render_docx, render_pdf, render_pptx, services
from civiclab.reports.forms import BlockForm, LookForm, ReportForm, TemplateForm
from civiclab.reports.models import BlockKind, LabLook, Report, ReportBlock, ReportTemplate
from civiclab.reports.steering import steering_deck
from civiclab.surveys.models import Questionnaire

VIEW, EDIT = Capability.VIEW_REPORTS, Capability.EDIT_REPORTS
# Who may read quotes nobody pseudonymised: those who may read the transcripts themselves.
QUOTES = Capability.VIEW_QUALITATIVE
FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _context(access, **extra) -> dict:
    return {
        "access": access,
        "experiment": access.experiment,
        "tab": "reports",
        "can_edit": access.can(EDIT),
        **extra,
    }


def _report(access, pk) -> Report:
    return get_object_or_404(Report, pk=pk, experiment=access.experiment)


@login_required
def index(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        experiment_for(request.user, slug, EDIT)
        if form.is_valid():
            report = services.create_report(
                request.user,
                access.experiment,
                form.save(commit=False),
                form.cleaned_data["template"],
            )
            return redirect(report.get_absolute_url())
    reports = Report.objects.filter(experiment=access.experiment).prefetch_related("blocks")
    context = _context(access, reports=reports, form=form, templates=ReportTemplate.objects.all())
    return render(request, "reports/index.html", context)


@login_required
def report(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    item = _report(access, pk)
    document = builder.build(item, draw=False, raw_quotes=access.can(QUOTES))
    context = _context(
        access,
        report=item,
        document=document,
        preview=[
            (type(block).__name__.lower(), block, f"report-chart-{n}")
            for n, block in enumerate(document.blocks)
        ],
        blocks=item.blocks.select_related("indicator", "verbatim"),
        block_form=BlockForm(experiment=access.experiment, raw_quotes=access.can(QUOTES)),
        raw_quotes=access.can(QUOTES),
        settings_form=ReportForm(instance=item),
        template_form=TemplateForm(),
    )
    return render(request, "reports/report.html", context)


def _file(document, fmt: str, name: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    render_bytes = {
        "pptx": render_pptx.pptx_bytes,
        "pdf": render_pdf.pdf_bytes,
        "docx": render_docx.docx_bytes,
    }[fmt]
    response = HttpResponse(render_bytes(document), content_type=FORMATS[fmt])
    filename = slugify(name)[:80] or "report"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def download(request, slug, pk, fmt):
    access = experiment_for(request.user, slug, VIEW)
    item = _report(access, pk)
    if fmt not in FORMATS:
        raise Http404
    document = builder.build(item, raw_quotes=access.can(QUOTES))
    return _file(document, fmt, f"{item.title}-{access.experiment.slug}")


@login_required
def steering(request, fmt):
    """The monthly deck of the lab steering committee: lab staff only."""
    if not request.user.is_lab_staff:
        raise PermissionDenied
    today = timezone.localdate()
    return _file(steering_deck(), fmt, f"comite-de-pilotage-{today:%Y-%m}")


@login_required
@require_POST
def settings_edit(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _report(access, pk)
    form = ReportForm(request.POST, instance=item)
    if form.is_valid():
        form.save()
        messages.success(request, _("Report saved."))
    else:
        messages.error(request, _("Please correct the report's settings: nothing was saved."))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def delete(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _report(access, pk)
    services.delete_report(request.user, item)
    messages.success(request, _("“%s” deleted.") % item)
    return redirect("reports:index", slug)


@login_required
@require_POST
def block_add(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _report(access, pk)
    form = BlockForm(request.POST, experiment=access.experiment, raw_quotes=access.can(QUOTES))
    if form.is_valid():
        block = form.save(commit=False)
        block.report = item
        try:
            services.save_block(request.user, block)
        except ValidationError as problem:
            refused(request, problem)
        else:
            messages.success(request, _("Block added."))
    else:
        messages.error(request, _("Choose what the block shows."))
    return redirect(item.get_absolute_url() + "#blocks")


@login_required
@require_POST
def chart_add(request, slug):
    """A question's chart, as the Results tab shows it, added at the end of a report."""
    access = experiment_for(request.user, slug, EDIT)
    item = get_object_or_404(
        Report, pk=request.POST.get("report") or 0, experiment=access.experiment
    )
    questionnaire = get_object_or_404(
        Questionnaire, pk=request.POST.get("questionnaire") or 0, experiment=access.experiment
    )
    block = ReportBlock(
        report=item,
        kind=BlockKind.QUESTION,
        questionnaire=questionnaire,
        question=request.POST.get("question", "")[:64],
        wave=request.POST.get("wave", "")[:10],
        breakdown=request.POST.get("breakdown", "")[:64],
    )
    try:
        services.save_block(request.user, block)
    except ValidationError as problem:
        refused(request, problem)
    else:
        messages.success(request, _("Chart added to “%s”.") % item)
    return redirect(item.get_absolute_url() + f"#block-{block.pk}")


def _block(access, pk, block_pk) -> ReportBlock:
    return get_object_or_404(
        ReportBlock, pk=block_pk, report__pk=pk, report__experiment=access.experiment
    )


@login_required
@require_POST
def block_edit(request, slug, pk, block_pk):
    access = experiment_for(request.user, slug, EDIT)
    block = _block(access, pk, block_pk)
    form = BlockForm(
        request.POST, instance=block, experiment=access.experiment, raw_quotes=access.can(QUOTES)
    )
    if form.is_valid():
        try:
            services.save_block(request.user, form.save(commit=False))
        except ValidationError as problem:
            refused(request, problem)
    return redirect(block.report.get_absolute_url() + f"#block-{block.pk}")


@login_required
@require_POST
def block_delete(request, slug, pk, block_pk):
    access = experiment_for(request.user, slug, EDIT)
    block = _block(access, pk, block_pk)
    services.delete_block(request.user, block)
    return redirect(block.report.get_absolute_url() + "#blocks")


@login_required
@require_POST
def block_move(request, slug, pk, block_pk):
    access = experiment_for(request.user, slug, EDIT)
    block = _block(access, pk, block_pk)
    if "before" in request.POST:  # a block dropped before another one, or at the end
        before = request.POST["before"]
        target = _block(access, pk, int(before)) if before.isdigit() else None
        services.place_block(request.user, block, target)
    else:
        step = -1 if request.POST.get("direction") == "up" else 1
        services.move_block(request.user, block, step)
    return redirect(block.report.get_absolute_url() + f"#block-{block.pk}")


@login_required
@require_POST
def save_template(request, slug, pk):
    access = experiment_for(request.user, slug, EDIT)
    item = _report(access, pk)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            template = services.save_as_template(
                request.user, item, form.cleaned_data["name"], form.cleaned_data["description"]
            )
        except ValidationError as problem:
            refused(request, problem)
        else:
            messages.success(request, _("Template “%s” saved for every experiment.") % template)
    return redirect(item.get_absolute_url())


@login_required
def look(request):
    if not request.user.is_lab_staff:
        raise PermissionDenied
    current = LabLook.objects.first() or LabLook(lab_name=_("Democratic innovation lab"))
    form = LookForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_look(request.user, form.save(commit=False))
        messages.success(request, _("The lab's look is saved: every new document uses it."))
        return redirect("reports:look")
    return render(request, "reports/look.html", {"form": form})


@login_required
def logo(request):
    """The lab's logo, for the look page's preview (any signed-in user may see it: it is on
    every document the lab hands out)."""
    current = LabLook.objects.first()
    if current is None or not current.logo:
        raise Http404
    try:
        with current.logo.open("rb") as handle:
            is_png = handle.read(8) == b"\x89PNG\r\n\x1a\n"  # the form took PNG or JPEG
    except OSError:
        raise Http404 from None
    content_type = "image/png" if is_png else "image/jpeg"
    return stored_file_response(
        request, current.logo, content_type=content_type, cache_control="private, max-age=3600"
    )
