"""Typing paper questionnaires in, with an optional second typing to catch mistakes."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from civiclab.collection.access import campaign_for
from civiclab.collection.models import PaperCheck, Response
from civiclab.collection.pages import build_pages, in_language, layout_for, raw_from_post
from civiclab.collection.services import (
    Submission,
    SubmissionError,
    check_paper_entry,
    resolve_paper_check,
    spec_for,
    submit,
)
from civiclab.experiments.permissions import Capability

COLLECT = Capability.COLLECT_ANSWERS
FIRST, SECOND = "first", "second"


def _paper_campaign(request, slug, pk):
    access, campaign = campaign_for(request.user, slug, pk, COLLECT)
    if not campaign.paper:
        raise Http404
    return access, campaign


def next_reference(reference: str) -> str:
    """F-012 → F-013: the number of the next sheet in the pile, zeros kept."""
    match = re.search(r"(\d+)(\D*)$", reference)
    if not match:
        return ""
    digits = match.group(1)
    following = str(int(digits) + 1).zfill(len(digits))
    return reference[: match.start(1)] + following + match.group(2)


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, slug, pk):
    access, campaign = _paper_campaign(request, slug, pk)
    version = campaign.questionnaire.current_version()
    spec = spec_for(version)
    pages = build_pages(version, spec)
    mode = request.POST.get("mode") or request.GET.get("mode") or FIRST
    reference = request.GET.get("reference", "")
    errors, raw = {}, {}
    if request.method == "POST":
        reference = request.POST.get("paper_reference", "").strip()
        for fields in layout_for(version):
            raw.update(raw_from_post(fields, request.POST))
        errors = _save(request, campaign, version, mode, reference, raw)
        if not errors:
            query = f"?mode={mode}&reference={next_reference(reference)}"
            return redirect(request.path + query)
    for page in pages:
        for item in page.items:
            item.value, item.error = raw.get(item.code), errors.get(item.code, "")
    context = {
        "access": access,
        "experiment": access.experiment,
        "campaign": campaign,
        "version": version,
        "pages": pages,
        "mode": mode,
        "reference": reference,
        "errors": errors,
        "entered": campaign.responses.filter(channel=Response.Channel.PAPER).count(),
        "open_checks": PaperCheck.objects.filter(
            response__campaign=campaign, resolved_at__isnull=True
        )
        .exclude(differences=[])
        .count(),
    }
    return render(request, "collection/paper/entry.html", context, status=400 if errors else 200)


def _save(request, campaign, version, mode, reference, raw) -> dict:
    if not reference:
        return {"paper_reference": _("Type the number written on the paper form.")}
    try:
        if mode == SECOND:
            paper_check = check_paper_entry(request.user, campaign, reference, raw)
            _tell_check(request, reference, paper_check)
        else:
            submit(
                campaign,
                Submission(
                    version_number=version.number,
                    answers=raw,
                    channel=Response.Channel.PAPER,
                    entered_by=request.user,
                    paper_reference=reference,
                ),
            )
            messages.success(request, _("Paper form %(ref)s saved.") % {"ref": reference})
    except SubmissionError as error:
        return error.errors
    return {}


def _tell_check(request, reference, paper_check):
    if paper_check.differences:
        message = _("Paper form %(ref)s: %(n)s answers differ from the first typing.") % {
            "ref": reference,
            "n": len(paper_check.differences),
        }
        messages.warning(request, message)
    else:
        messages.success(
            request, _("Paper form %(ref)s: both typings are identical.") % {"ref": reference}
        )


@login_required
def checks(request, slug, pk):
    access, campaign = _paper_campaign(request, slug, pk)
    pending = (
        PaperCheck.objects.filter(response__campaign=campaign, resolved_at__isnull=True)
        .exclude(differences=[])
        .select_related("response", "entered_by")
        .order_by("response__paper_reference")
    )
    checked = PaperCheck.objects.filter(response__campaign=campaign).count()
    context = {
        "access": access,
        "experiment": access.experiment,
        "campaign": campaign,
        "pending": pending,
        "checked": checked,
        "entered": campaign.responses.filter(channel=Response.Channel.PAPER).count(),
    }
    return render(request, "collection/paper/checks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resolve(request, slug, pk, check_pk):
    access, campaign = _paper_campaign(request, slug, pk)
    paper_check = get_object_or_404(
        PaperCheck.objects.select_related("response__version"),
        pk=check_pk,
        response__campaign=campaign,
        resolved_at__isnull=True,
    )
    error = ""
    if request.method == "POST":
        keep_second = {c for c in paper_check.differences if request.POST.get(c) == SECOND}
        try:
            resolve_paper_check(request.user, paper_check, keep_second)
        except SubmissionError as problem:
            error = "; ".join(str(m) for m in problem.errors.values())
        else:
            messages.success(request, _("The differences are settled."))
            return redirect("collection:paper_checks", slug=slug, pk=pk)
    context = {
        "access": access,
        "experiment": access.experiment,
        "campaign": campaign,
        "paper_check": paper_check,
        "rows": _difference_rows(paper_check),
        "error": error,
    }
    return render(request, "collection/paper/resolve.html", context, status=400 if error else 200)


def _difference_rows(paper_check) -> list[dict]:
    response = paper_check.response
    first = {
        **response.answers,
        **(response.personal.data if hasattr(response, "personal") else {}),
    }
    labels = {
        code: in_language(french, english)
        for code, french, english in response.version.questions.values_list(
            "code", "label_fr", "label_en"
        )
    }
    return [
        {
            "code": code,
            "label": labels.get(code, code),
            "first": _shown(first.get(code)),
            "second": _shown(paper_check.answers.get(code)),
        }
        for code in paper_check.differences
    ]


def _shown(value) -> str:
    if value in (None, "", []):
        return "—"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
