"""Pages of questionnaires: list, XLSForm import with its report, reading, XLSForm export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.surveys.forms import XLSFormUploadForm
from civiclab.surveys.models import Question, Questionnaire
from civiclab.surveys.review import transitions_from
from civiclab.surveys.services import import_xlsform
from civiclab.surveys.xlsform import export_xlsform

VIEW, EDIT = Capability.VIEW_QUESTIONNAIRES, Capability.EDIT_QUESTIONNAIRES


@login_required
def questionnaire_list(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    questionnaires = access.experiment.questionnaires.annotate(
        n_versions=Count("versions", distinct=True)
    ).order_by("title")
    context = {"access": access, "experiment": access.experiment, "questionnaires": questionnaires}
    return render(request, "surveys/list.html", context)


@login_required
def questionnaire_import(request, slug):
    access = experiment_for(request.user, slug, EDIT)
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    context = {"access": access, "experiment": access.experiment, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire, report = import_xlsform(
                request.user, access.experiment, form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            context.update(questionnaire=questionnaire, report=report)
            return render(request, "surveys/imported.html", context)
    return render(request, "surveys/import.html", context, status=400 if form.errors else 200)


def _questionnaire(access, pk) -> Questionnaire:
    return get_object_or_404(access.experiment.questionnaires, pk=pk)


@login_required
def questionnaire_detail(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    questionnaire = _questionnaire(access, pk)
    version = questionnaire.current_version()
    sections = []
    if version is not None:
        questions = Question.objects.select_related("choice_list").order_by("position", "id")
        sections = version.sections.prefetch_related(Prefetch("questions", queryset=questions))
        loose = version.questions.filter(section=None).select_related("choice_list")
    context = {
        "access": access,
        "experiment": access.experiment,
        "questionnaire": questionnaire,
        "version": version,
        "sections": sections,
        "loose_questions": loose if version is not None else [],
        "qtab": "detail",
        "transitions": transitions_from(questionnaire.status, access.capabilities),
        "open_total": questionnaire.threads.filter(resolved_at=None).count(),
    }
    return render(request, "surveys/detail.html", context)


@login_required
def questionnaire_export(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    questionnaire = _questionnaire(access, pk)
    version = questionnaire.current_version()
    body = export_xlsform(version)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{questionnaire.form_id}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
