"""Suggested themes for the open answers of a source, and their review by a person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.core.feedback import refused
from civiclab.experiments.access import experiment_for
from civiclab.qualitative import selectors, themes
from civiclab.qualitative.models import Code, SuggestedTheme, ThemeRun
from civiclab.qualitative.views import MANAGE, VIEW, _context, _source


def _examples(source, run) -> dict[int, str]:
    """The texts of the example answers of every theme of the run, read in one query."""
    wanted = {i for theme in run.themes.all() for i in theme.examples}
    responses = selectors.open_answers(source).filter(pk__in=wanted)
    return {r.pk: selectors.answer_text(source, r) for r in responses}


@login_required
def themes_page(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    source = _source(access, pk)
    if not source.is_open_answers:
        raise Http404
    if request.method == "POST":
        access = experiment_for(request.user, slug, MANAGE)
        wanted = request.POST.get("n_themes", "").strip()
        try:
            n = int(wanted) if wanted else None
            themes.start_run(request.user, source, n)
        except ValueError:
            messages.error(request, _("The number of themes is a whole number."))
        except ValidationError as problem:
            refused(request, problem)
        return redirect("qualitative:themes", slug, pk)
    run = source.theme_runs.first()
    examples = _examples(source, run) if run and run.status == ThemeRun.Status.DONE else {}
    items = []
    if run:
        for theme in run.themes.select_related("code"):
            # Identical answers (a slogan copied by many) are shown once.
            texts = list(dict.fromkeys(examples[i] for i in theme.examples if i in examples))
            items.append({"theme": theme, "examples": texts})
    context = _context(
        access,
        source=source,
        run=run,
        items=items,
        active=run is not None and run.status in themes.ACTIVE,
        codebook=selectors.codebook(access.experiment),
        answers=selectors.open_answers(source).count(),
        percent=round(100 * run.progress) if run else 0,
    )
    return render(request, "qualitative/themes.html", context)


@login_required
@require_POST
def decide(request, slug, pk, action):
    access = experiment_for(request.user, slug, MANAGE)
    theme = get_object_or_404(
        SuggestedTheme.objects.select_related("run__source"),
        pk=pk,
        run__source__experiment=access.experiment,
    )
    try:
        if action == "rename":
            themes.rename(request.user, theme, request.POST.get("label", ""))
        elif action == "discard":
            themes.discard(request.user, theme)
        elif action == "merge":
            into = get_object_or_404(
                SuggestedTheme, pk=request.POST.get("into") or 0, run=theme.run
            )
            themes.merge(request.user, theme, into)
        elif action == "split":
            themes.start_split(request.user, theme)
        elif action == "accept":
            parent_id = request.POST.get("parent") or None
            parent = (
                get_object_or_404(Code, pk=parent_id, experiment=access.experiment)
                if parent_id
                else None
            )
            code = themes.accept(request.user, theme, parent)
            messages.success(
                request,
                _("“%(code)s” added to the codebook and applied to %(n)s answers.")
                % {"code": code, "n": theme.size},
            )
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as problem:
        refused(request, problem)
    return redirect("qualitative:themes", slug, theme.run.source_id)
