"""Pages that read across the coding: passages by filter, frequencies and co-occurrences,
agreement between two coders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from civiclab.core.feedback import refused
from civiclab.experiments.access import experiment_for
from civiclab.qualitative import analysis, selectors, services
from civiclab.qualitative.models import Code, Source
from civiclab.qualitative.views import MANAGE, VIEW, _back, _context

PASSAGES_PER_PAGE = 50


@login_required
def passages(request, slug):
    """Coded passages filtered by code, source, coder and respondent attributes; managers
    move the ticked ones to another code (which is how a code is split)."""
    access = experiment_for(request.user, slug, VIEW)
    if request.method == "POST":
        return _move(request, access)
    filters = analysis.PassageFilters.from_query(request.GET)
    found = analysis.passages(access.experiment, filters)
    page = Paginator(found, PASSAGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = _context(
        access,
        page=page,
        filters=filters,
        codebook=selectors.codebook(access.experiment),
        sources=Source.objects.filter(experiment=access.experiment),
        coders=analysis.coders(access.experiment),
        attributes=analysis.experiment_attributes(access.experiment),
        query=query.urlencode(),
    )
    return render(request, "qualitative/passages.html", context)


def _move(request, access):
    experiment_for(request.user, access.experiment.slug, MANAGE)
    ids = [int(i) for i in request.POST.getlist("codings") if i.isdigit()]
    codings = analysis.passages(access.experiment, analysis.PassageFilters()).filter(pk__in=ids)
    target, new_name = request.POST.get("into", ""), request.POST.get("new_name", "").strip()
    try:
        if not ids:
            raise ValidationError(_("Tick the passages to move."))
        if new_name:
            first = codings.select_related("code").first()
            into = services.save_code(
                request.user,
                Code(
                    experiment=access.experiment,
                    parent=first.code.parent if first else None,
                    name=new_name,
                    colour=first.code.colour if first else Code._meta.get_field("colour").default,
                ),
            )
        else:
            into = Code.objects.get(experiment=access.experiment, pk=int(target or 0))
        moved = services.move_codings(request.user, codings, into)
    except (ValidationError, Code.DoesNotExist, ValueError) as problem:
        if isinstance(problem, ValidationError):
            refused(request, problem)
        else:
            messages.error(request, _("Choose the code to move the passages to."))
    else:
        messages.success(
            request, _("%(n)s passages moved to “%(code)s”.") % {"n": moved, "code": into}
        )
    return _back(request, request.path)


@login_required
def analysis_page(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    attributes = analysis.experiment_attributes(access.experiment)
    key = request.GET.get("by", "")
    chosen = next((a for a in attributes if a.key == key), attributes[0] if attributes else None)
    context = _context(
        access,
        by_source=analysis.frequencies_by_source(access.experiment),
        matrix=analysis.cooccurrence_matrix(access.experiment),
        attributes=attributes,
        by_group=analysis.code_by_attribute(access.experiment, chosen) if chosen else None,
        chosen=chosen,
    )
    return render(request, "qualitative/analysis.html", context)


@login_required
def agreement(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    coders = analysis.coders(access.experiment)
    first, second = analysis.chosen_coders(request.GET, coders)
    result = None
    if first and second and first != second:
        result = analysis.agreement_between(access.experiment, first, second, request.GET)
    context = _context(access, coders=coders, first=first, second=second, result=result)
    return render(request, "qualitative/agreement.html", context)
