"""Pages of the qualitative material: sources and their coding screen, the codebook, memos
and verbatims."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.core.feedback import refused
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.impact.models import current_questions
from civiclab.qualitative import selectors, services
from civiclab.qualitative.forms import (
    CodeForm,
    MergeForm,
    OpenAnswersForm,
    SourceForm,
    VerbatimForm,
    replacements_as_text,
)
from civiclab.qualitative.models import Code, Coding, Memo, Source, Verbatim
from civiclab.surveys.models import Question, Questionnaire

VIEW = Capability.VIEW_QUALITATIVE
CODE = Capability.CODE_QUALITATIVE
MANAGE = Capability.MANAGE_QUALITATIVE
OPEN_TYPES = {Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT}
ANSWERS_PER_PAGE = 40


def _context(access, **extra) -> dict:
    return {
        "access": access,
        "experiment": access.experiment,
        "tab": "qualitative",
        "can_code": access.can(CODE),
        "can_manage": access.can(MANAGE),
        **extra,
    }


def _back(request, fallback: str) -> HttpResponseRedirect:
    """Back to the page the form was on (its filters and anchor included), if it is ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _source(access, pk) -> Source:
    return get_object_or_404(Source, pk=pk, experiment=access.experiment)


def _code(access, pk) -> Code:
    return get_object_or_404(Code, pk=pk, experiment=access.experiment)


@login_required
def index(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    sources = (
        Source.objects.filter(experiment=access.experiment)
        .annotate(n_codings=Count("codings"))
        .select_related("questionnaire")
    )
    coders = (
        Coding.objects.filter(source__experiment=access.experiment)
        .values("coder__first_name", "coder__last_name", "coder__username")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    context = _context(
        access,
        sources=sources,
        codes=Code.objects.filter(experiment=access.experiment).count(),
        verbatims=Verbatim.objects.filter(experiment=access.experiment).count(),
        coders=coders,
    )
    return render(request, "qualitative/index.html", context)


@login_required
def source_new(request, slug):
    access = experiment_for(request.user, slug, MANAGE)
    form = SourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        source = form.save(commit=False)
        source.experiment = access.experiment
        try:
            services.save_source(request.user, source, form.cleaned_data["text"])
        except ValidationError as problem:
            refused(request, problem)
        else:
            messages.success(request, _("Source added: select a passage to code it."))
            return redirect(source.get_absolute_url())
    return render(request, "qualitative/source_form.html", _context(access, form=form))


@login_required
def source_edit(request, slug, pk):
    access = experiment_for(request.user, slug, MANAGE)
    source = _source(access, pk)
    locked = source.is_open_answers or services._is_used(source)
    form = SourceForm(
        request.POST or None, request.FILES or None, instance=source, locked_text=locked
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_source(
                request.user, form.save(commit=False), form.cleaned_data.get("text")
            )
        except ValidationError as problem:
            refused(request, problem)
        else:
            messages.success(request, _("Source saved."))
            return redirect(source.get_absolute_url())
    context = _context(access, form=form, item=source, locked=locked)
    return render(request, "qualitative/source_form.html", context)


@login_required
@require_POST
def source_delete(request, slug, pk):
    access = experiment_for(request.user, slug, MANAGE)
    source = _source(access, pk)
    services.delete_source(request.user, source)
    messages.success(request, _("“%s” deleted, with its codings.") % source)
    return redirect("qualitative:index", slug)


@login_required
def open_answers_new(request, slug):
    access = experiment_for(request.user, slug, MANAGE)
    questionnaires = Questionnaire.objects.filter(experiment=access.experiment)
    choices, found = [], {}
    for questionnaire in questionnaires:
        for code, question in current_questions(questionnaire).items():
            if question.type in OPEN_TYPES and not question.is_personal_data:
                key = f"{questionnaire.pk}:{code}"
                found[key] = (questionnaire, question)
                choices.append((key, f"{questionnaire.title} — {question.label_fr}"))
    form = OpenAnswersForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        questionnaire, question = found[form.cleaned_data["question"]]
        source = services.open_answers_source(
            request.user, access.experiment, questionnaire, question
        )
        return redirect(source.get_absolute_url())
    return render(request, "qualitative/open_answers_form.html", _context(access, form=form))


def _coder_filter(request, access):
    """Whose codings to show: everybody's, or one coder's (to compare two coders' work)."""
    coders = (
        get_user_model()
        .objects.filter(codings__source__experiment=access.experiment)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    chosen = request.GET.get("coder", "")
    return coders, (int(chosen) if chosen.isdigit() else None)


@login_required
def source(request, slug, pk):
    access = experiment_for(request.user, slug, VIEW)
    source = _source(access, pk)
    coders, coder = _coder_filter(request, access)
    codings = source.codings.select_related("code", "coder").prefetch_related(
        Prefetch("memos", queryset=Memo.objects.select_related("author"))
    )
    if coder:
        codings = codings.filter(coder_id=coder)
    context = _context(
        access,
        source=source,
        codebook=selectors.codebook(access.experiment),
        coders=coders,
        coder=coder,
    )
    if source.is_open_answers:
        return _open_answers_page(request, access, source, codings, context)
    codings = list(codings)
    context.update(segments=selectors.segments(source.text, codings), codings=codings)
    return render(request, "qualitative/source.html", context)


def _open_answers_page(request, access, source, codings, context):
    responses = selectors.open_answers(source)
    attributes = selectors.attributes(source)
    chosen = request.GET.get("attr", "")
    key, _sep, value = chosen.partition("|")
    if key and value:
        responses = selectors.filter_by_attribute(responses, key, value)
    search = request.GET.get("q", "").strip()
    if search:
        responses = responses.filter(**{f"answers__{source.question_code}__icontains": search})
    with_code = request.GET.get("code", "")
    if with_code == "none":
        responses = responses.exclude(pk__in=source.codings.values("response_id"))
    elif with_code.isdigit():
        responses = responses.filter(
            pk__in=source.codings.filter(code_id=with_code).values("response_id")
        )
    page = Paginator(responses, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    by_response = {}
    for coding in codings.filter(response__in=[r.pk for r in page]):
        by_response.setdefault(coding.response_id, []).append(coding)
    answers = []
    for response in page:
        text = selectors.answer_text(source, response)
        mine = by_response.get(response.pk, [])
        answers.append(
            {"response": response, "segments": selectors.segments(text, mine), "codings": mine}
        )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        page=page,
        answers=answers,
        attributes=attributes,
        attr=chosen,
        search=search,
        with_code=with_code,
        total=source_total(source),
        query=query.urlencode(),
    )
    return render(request, "qualitative/open_answers.html", context)


def source_total(source: Source) -> int:
    return selectors.open_answers(source).count()


def _codes_from(request, access) -> list[Code]:
    ids = [int(i) for i in request.POST.getlist("codes") if i.isdigit()]
    return list(Code.objects.filter(experiment=access.experiment, pk__in=ids))


def _offsets(request) -> tuple[int, int]:
    try:
        return int(request.POST["start"]), int(request.POST["end"])
    except (KeyError, ValueError):
        raise ValidationError(_("Select a passage of the text first.")) from None


@login_required
@require_POST
def coding_add(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    source = _source(access, pk)
    try:
        start, end = _offsets(request)
        added = services.add_codings(
            request.user,
            source,
            _codes_from(request, access),
            start,
            end,
            response_id=request.POST.get("response"),
            expected_text=request.POST.get("text"),
        )
    except ValidationError as problem:
        refused(request, problem)
    else:
        if added:
            messages.success(
                request, _("Passage coded: %s.") % ", ".join(c.code.name for c in added)
            )
        else:
            messages.info(request, _("You had already applied these codes to this passage."))
    return _back(request, source.get_absolute_url())


@login_required
@require_POST
def code_answers(request, slug, pk):
    """Bulk coding: one code applied to the whole of the answers ticked in the list."""
    access = experiment_for(request.user, slug, CODE)
    source = _source(access, pk)
    codes = _codes_from(request, access)
    ids = [int(i) for i in request.POST.getlist("responses") if i.isdigit()]
    if not codes or not ids:
        messages.error(request, _("Tick at least one answer and choose a code."))
        return _back(request, source.get_absolute_url())
    try:
        done = sum(services.code_whole_answers(request.user, source, c, ids) for c in codes)
    except ValidationError as problem:
        refused(request, problem)
    else:
        messages.success(request, _("%(n)s codings added.") % {"n": done})
    return _back(request, source.get_absolute_url())


@login_required
@require_POST
def coding_delete(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    coding = get_object_or_404(Coding, pk=pk, source__experiment=access.experiment)
    try:
        services.remove_coding(request.user, coding, access.can(MANAGE))
    except ValidationError as problem:
        refused(request, problem)
    else:
        messages.success(request, _("Coding removed."))
    return _back(request, coding.source.get_absolute_url())


@login_required
@require_POST
def coding_memo(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    coding = get_object_or_404(Coding, pk=pk, source__experiment=access.experiment)
    try:
        services.add_memo(
            request.user, access.experiment, request.POST.get("text", ""), coding=coding
        )
    except ValidationError as problem:
        refused(request, problem)
    else:
        messages.success(request, _("Memo saved."))
    return _back(request, coding.source.get_absolute_url())


# --- codebook --------------------------------------------------------------------------------


def _parent_choices(nodes, exclude: Code | None = None) -> list[tuple[int, str]]:
    """Codes indented by depth, without `exclude` and its sub-codes (no cycles offered)."""
    choices, skipping_below = [], None
    for node in nodes:
        if skipping_below is not None and node.depth > skipping_below:
            continue
        skipping_below = None
        if exclude is not None and node.code.pk == exclude.pk:
            skipping_below = node.depth
            continue
        choices.append((node.code.pk, "\u2003" * node.depth + node.code.name))
    return choices


@login_required
def codebook(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    nodes = selectors.codebook(access.experiment)
    memos = Memo.objects.filter(code__experiment=access.experiment).select_related("author")
    by_code = {}
    for memo in memos:
        by_code.setdefault(memo.code_id, []).append(memo)
    for node in nodes:
        node.memos = by_code.get(node.code.pk, [])
    return render(request, "qualitative/codebook.html", _context(access, nodes=nodes))


@login_required
def code_edit(request, slug, pk=None):
    access = experiment_for(request.user, slug, MANAGE)
    code = _code(access, pk) if pk else None
    nodes = selectors.codebook(access.experiment)
    initial = {} if code else {"parent": request.GET.get("parent")}
    form = CodeForm(
        request.POST or None,
        instance=code,
        initial=initial,
        experiment=access.experiment,
        parents=_parent_choices(nodes, exclude=code),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_code(request.user, form.save(commit=False))
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("Code “%s” saved.") % saved)
            return redirect(reverse("qualitative:codebook", args=[slug]) + f"#code-{saved.pk}")
    merge = MergeForm(code=code) if code else None
    passages_url = reverse("qualitative:passages", args=[slug]) + f"?code={pk}" if code else ""
    context = _context(access, form=form, item=code, merge=merge, passages_url=passages_url)
    return render(request, "qualitative/code_form.html", context)


@login_required
@require_POST
def code_delete(request, slug, pk):
    access = experiment_for(request.user, slug, MANAGE)
    code = _code(access, pk)
    services.delete_code(request.user, code)
    messages.success(request, _("Code “%s” deleted, with its sub-codes and codings.") % code)
    return redirect("qualitative:codebook", slug)


@login_required
@require_POST
def code_merge(request, slug, pk):
    access = experiment_for(request.user, slug, MANAGE)
    code = _code(access, pk)
    form = MergeForm(request.POST, code=code)
    if not form.is_valid():
        messages.error(request, _("Choose the code to merge into."))
        return redirect("qualitative:code_edit", slug, pk)
    into = form.cleaned_data["into"]
    try:
        moved = services.merge_codes(request.user, code, into)
    except ValidationError as problem:
        refused(request, problem)
        return redirect("qualitative:code_edit", slug, pk)
    messages.success(
        request,
        _("“%(old)s” merged into “%(new)s”: %(n)s codings moved.")
        % {"old": code, "new": into, "n": moved},
    )
    return redirect(reverse("qualitative:codebook", args=[slug]) + f"#code-{into.pk}")


@login_required
@require_POST
def code_memo(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    code = _code(access, pk)
    try:
        services.add_memo(request.user, access.experiment, request.POST.get("text", ""), code=code)
    except ValidationError as problem:
        refused(request, problem)
    else:
        messages.success(request, _("Memo saved."))
    return redirect(reverse("qualitative:codebook", args=[slug]) + f"#code-{code.pk}")


# --- verbatims -------------------------------------------------------------------------------


@login_required
@require_POST
def verbatim_new(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    source = _source(access, pk)
    try:
        start, end = _offsets(request)
        verbatim = services.save_verbatim(
            request.user, source, start, end, response_id=request.POST.get("response")
        )
    except ValidationError as problem:
        refused(request, problem)
        return _back(request, source.get_absolute_url())
    messages.success(request, _("Quote kept: hide names and places before using it."))
    return redirect("qualitative:verbatim_edit", slug, verbatim.pk)


@login_required
def verbatims(request, slug):
    access = experiment_for(request.user, slug, VIEW)
    items = Verbatim.objects.filter(experiment=access.experiment).select_related(
        "source", "created_by"
    )
    return render(request, "qualitative/verbatims.html", _context(access, verbatims=items))


@login_required
def verbatim_edit(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    verbatim = get_object_or_404(Verbatim, pk=pk, experiment=access.experiment)
    initial = {
        "attribution": verbatim.attribution,
        "replacements": replacements_as_text(verbatim.replacements),
    }
    form = VerbatimForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_verbatim(
            request.user,
            verbatim,
            form.cleaned_data["replacements"],
            form.cleaned_data["attribution"],
        )
        messages.success(request, _("Quote saved."))
        return redirect("qualitative:verbatims", slug)
    hidden = {original for original, _replacement in verbatim.replacements}
    candidates = [c for c in services.name_candidates(verbatim.original) if c not in hidden]
    context = _context(access, form=form, verbatim=verbatim, candidates=candidates)
    return render(request, "qualitative/verbatim_form.html", context)


@login_required
@require_POST
def verbatim_delete(request, slug, pk):
    access = experiment_for(request.user, slug, CODE)
    verbatim = get_object_or_404(Verbatim, pk=pk, experiment=access.experiment)
    services.delete_verbatim(request.user, verbatim)
    messages.success(request, _("Quote deleted."))
    return redirect("qualitative:verbatims", slug)
