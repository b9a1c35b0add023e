"""The Data tab of an experiment (aggregates, research exports, publication settings) and the
public open-data files, which answer without logging in when the experiment publishes them."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.experiments.access import experiment_for
from civiclab.experiments.models import Experiment
from civiclab.experiments.permissions import Capability
from civiclab.opendata import services
from civiclab.opendata.forms import ExportForm, SettingsForm
from civiclab.opendata.models import ExportJob
from civiclab.opendata.selectors import public_datasets, research_jobs
from civiclab.surveys.models import Questionnaire

FORMATS = {"csv", "json"}
JOBS_SHOWN = 20


def _context(access, **extra) -> dict:
    return {"access": access, "experiment": access.experiment, "tab": "data", **extra}


@login_required
def index(request, slug):
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    experiment = access.experiment
    found, fresh = services.cached_aggregates(experiment)
    can_export = access.can(Capability.VIEW_ANSWERS)
    context = _context(
        access,
        computed=found is not None,
        fresh=fresh,
        questionnaires=(found or {}).get("questionnaires", []),
        options=services.settings_of(experiment),
        datasets=public_datasets(experiment),
        can_export=can_export,
        can_edit=access.can(Capability.EDIT),
        jobs=list(research_jobs(experiment)[:JOBS_SHOWN]) if can_export else [],
        form=ExportForm(experiment=experiment) if can_export else None,
    )
    if request.headers.get("HX-Request"):
        return render(request, "opendata/_aggregates.html", context)
    return render(request, "opendata/index.html", context)


@login_required
def edit_settings(request, slug):
    access = experiment_for(request.user, slug, Capability.EDIT)
    experiment = access.experiment
    current = services.settings_of(experiment)
    form = SettingsForm(request.POST or None, instance=current, experiment=experiment)
    if request.method == "POST" and form.is_valid():
        services.save_settings(request.user, experiment, form.cleaned_data)
        messages.success(request, _("Publication settings saved."))
        return redirect("opendata:index", slug=experiment.slug)
    return render(request, "opendata/settings.html", _context(access, form=form))


def _rows_response(experiment: Experiment, fmt: str, public: bool) -> HttpResponse:
    found, _fresh = services.cached_aggregates(experiment)
    if found is None:
        return _not_ready()
    rows = services.aggregate_rows(experiment, found, public)
    if fmt == "csv":
        body, kind = services.aggregates_csv(rows), "csv"
    else:
        body, kind = services.aggregates_json(experiment, rows, public), "json"
    name = f"{experiment.slug}-agregats{'-publics' if public else ''}.{fmt}"
    return _attachment(HttpResponse(body, content_type=services.CONTENT_TYPES[kind]), name)


def _dictionary_response(experiment: Experiment, fmt: str) -> HttpResponse:
    fields = services.aggregates_dictionary(experiment)
    if fmt == "csv":
        response = HttpResponse(services.dictionary_csv(fields), content_type="text/csv")
    else:
        body = services.json.dumps({"champs": fields}, ensure_ascii=False, indent=1)
        response = HttpResponse(body.encode(), content_type=services.CONTENT_TYPES["json"])
    return _attachment(response, f"{experiment.slug}-dictionnaire.{fmt}")


@login_required
def aggregates_file(request, slug, fmt):
    """The aggregates for the team: complete, or as published (`?public=1`)."""
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    if fmt not in FORMATS:
        raise Http404
    return _rows_response(access.experiment, fmt, public=request.GET.get("public") == "1")


@login_required
def dictionary_file(request, slug, fmt):
    access = experiment_for(request.user, slug, Capability.VIEW_IMPACT)
    if fmt not in FORMATS:
        raise Http404
    return _dictionary_response(access.experiment, fmt)


@login_required
@require_POST
def exports(request, slug):
    """Ask for a research export; asking again while it runs gives the same one."""
    access = experiment_for(request.user, slug, Capability.VIEW_ANSWERS)
    form = ExportForm(request.POST, experiment=access.experiment)
    if not form.is_valid():
        messages.error(request, _("Choose a questionnaire and a format."))
        return redirect("opendata:index", slug=slug)
    job = services.request_export(
        request.user,
        form.cleaned_data["questionnaire"],
        ExportJob.Kind.RESEARCH,
        form.cleaned_data["format"],
    )
    return redirect(f"{_index_url(slug)}#export-{job.pk}")


def _index_url(slug: str) -> str:
    return reverse("opendata:index", args=[slug])


def _research_job(request, slug, pk) -> tuple:
    access = experiment_for(request.user, slug, Capability.VIEW_ANSWERS)
    found = get_object_or_404(
        ExportJob.objects.select_related("questionnaire", "requested_by"),
        pk=pk,
        experiment=access.experiment,
        kind=ExportJob.Kind.RESEARCH,
    )
    return access, found


@login_required
def job(request, slug, pk):
    """One export's row of the list: what htmx polls while it is written."""
    access, found = _research_job(request, slug, pk)
    return render(request, "opendata/_job.html", _context(access, job=found))


def _file_response(stored, name: str) -> FileResponse:
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = Path(name).suffix.lstrip(".")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=services.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def download(request, slug, pk):
    _access, found = _research_job(request, slug, pk)
    if found.status != ExportJob.Status.DONE:
        raise Http404
    response = _file_response(found.file, Path(found.file.name).name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download_codebook(request, slug, pk):
    _access, found = _research_job(request, slug, pk)
    if found.status != ExportJob.Status.DONE:
        raise Http404
    response = _file_response(found.codebook, Path(found.codebook.name).name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- public files (no login) ---------------------------------------------------------------


def _published(slug: str, what: str) -> Experiment:
    """The public experiment `slug`, if it publishes `what` ("aggregates" or "answers");
    else 404, exactly as for an experiment that does not exist."""
    experiment = get_object_or_404(Experiment, slug=slug, is_public=True)
    options = services.settings_of(experiment)
    if not getattr(options, f"publish_{what}"):
        raise Http404
    return experiment


def _not_ready() -> HttpResponse:
    response = HttpResponse(
        _("This file is being prepared: try again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "60"
    return response


def _open(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    response["Cache-Control"] = "no-cache"  # unpublished files must stop being served at once
    return response


def public_aggregates(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    return _open(_rows_response(_published(slug, "aggregates"), fmt, public=True))


def public_dictionary(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    return _open(_dictionary_response(_published(slug, "aggregates"), fmt))


def _public_job(slug: str, form_id: str) -> ExportJob | None:
    experiment = _published(slug, "answers")
    questionnaire = get_object_or_404(Questionnaire, experiment=experiment, form_id=form_id)
    if questionnaire not in services.answered_questionnaires(experiment):
        raise Http404
    return services.public_answers_job(questionnaire, start=True)


def public_answers(request, slug, form_id):
    found = _public_job(slug, form_id)
    if found is None:
        return _open(_not_ready())
    return _open(_file_response(found.file, f"{slug}-{form_id}-reponses.csv"))


def public_answers_dictionary(request, slug, form_id):
    found = _public_job(slug, form_id)
    if found is None:
        return _open(_not_ready())
    return _open(_file_response(found.codebook, f"{slug}-{form_id}-dictionnaire.csv"))


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
