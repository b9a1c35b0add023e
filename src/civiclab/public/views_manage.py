"""The team's side of the public site: what an experiment publishes, its preview, its news.

Publication choices are the coordinator's (capability `edit`); news posts belong to whoever
writes the experiment's documents (`edit_documents`: communication officers, the team).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.public import figures, pages, selectors, services
from civiclab.public.forms import NewsPostForm, PublicationForm
from civiclab.public.kit import LEFT_OUT_OF_PUBLIC_REPORTS
from civiclab.public.models import NewsPost, PublishedVerbatim

MANAGE = (Capability.EDIT, Capability.EDIT_DOCUMENTS)


def _publication_access(request, slug):
    """The experiment if the user may see its Publication tab (decide, or write news)."""
    access = experiment_for(request.user, slug)
    if not any(access.can(c) for c in MANAGE):
        raise PermissionDenied
    return access


def _initial(publication) -> dict:
    if publication.pk is None:
        return {"kit_sections": publication.kit_sections}
    chosen = PublishedVerbatim.objects.filter(publication=publication)
    return {
        "is_published": publication.is_published,
        "summary": publication.summary,
        "themes": [t.code for t in publication.themes.all()],
        "cover": publication.cover,
        "indicators": publication.indicators.all(),
        "verbatims": [c.verbatim_id for c in chosen],
        "confirmed": [c.verbatim_id for c in chosen if c.confirmed_text],
        "report": publication.report,
        "documents": publication.documents.all(),
        "kit_sections": publication.kit_sections,
    }


@login_required
def manage(request, slug):
    access = _publication_access(request, slug)
    experiment = access.experiment
    publication = selectors.publication_of(experiment)
    results = figures.cached_results(experiment)
    k = figures.min_cell(experiment)
    all_figures = {
        i.pk: figures.public_figure(i, results, k)
        for i in experiment.indicators.select_related("numerator", "denominator")
    }
    form = None
    if access.can(Capability.EDIT):
        form = PublicationForm(
            request.POST or None,
            initial=_initial(publication),
            experiment=experiment,
            figures=all_figures,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_publication(request.user, experiment, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Publication choices saved."))
                return redirect("public:manage", slug)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "access": access,
        "experiment": experiment,
        "publication": publication,
        "form": form,
        "min_cell": k,
        "left_out": [kind.label for kind in LEFT_OUT_OF_PUBLIC_REPORTS],
        "news_posts": experiment.news_posts.select_related("author"),
        "may_write_news": access.can(Capability.EDIT_DOCUMENTS),
    }
    return render(request, "public/manage/publication.html", context)


@login_required
def preview(request, slug):
    """The public page as it would look with the current choices, published or not."""
    access = _publication_access(request, slug)
    publication = selectors.publication_of(access.experiment)
    context = pages.experiment_context(request, access.experiment, publication, preview=True)
    context["preview"] = True
    return render(request, "public/experiment.html", context)


def _news_access(request, slug):
    return experiment_for(request.user, slug, Capability.EDIT_DOCUMENTS)


def _news_form(request, access, post: NewsPost):
    form = NewsPostForm(request.POST or None, instance=post, experiment=access.experiment)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.save_news_post(request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("News post saved."))
            return redirect("public:manage", access.experiment.slug)
    context = {"access": access, "experiment": access.experiment, "form": form, "post": post}
    return render(request, "public/manage/news_form.html", context)


@login_required
def news_create(request, slug):
    access = _news_access(request, slug)
    return _news_form(request, access, NewsPost(experiment=access.experiment))


@login_required
def news_edit(request, slug, pk):
    access = _news_access(request, slug)
    post = get_object_or_404(access.experiment.news_posts, pk=pk)
    return _news_form(request, access, post)


@login_required
@require_POST
def news_delete(request, slug, pk):
    access = _news_access(request, slug)
    post = get_object_or_404(access.experiment.news_posts, pk=pk)
    services.delete_news_post(request.user, post)
    messages.success(request, _("News post deleted."))
    return redirect("public:manage", slug)


@login_required
def news_preview(request, slug, pk):
    access = _publication_access(request, slug)
    post = get_object_or_404(access.experiment.news_posts.select_related("experiment"), pk=pk)
    context = pages.news_context(request, post, preview=True)
    context["preview"] = True
    return render(request, "public/news_detail.html", context)
