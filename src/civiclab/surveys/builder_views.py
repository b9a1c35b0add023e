"""Pages of the questionnaire builder and of its co-construction: building, preview,
comments, review and approval, versions and their differences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability
from civiclab.surveys import bank, editing, review
from civiclab.surveys.diff import diff_versions
from civiclab.surveys.forms import (
    BankForm,
    ChoiceFormSet,
    ChoiceListForm,
    MatrixForm,
    MatrixRowFormSet,
    NoteForm,
    QuestionForm,
    QuestionnaireForm,
    ReplyForm,
    SectionForm,
    ThreadForm,
)
from civiclab.surveys.models import (
    ChoiceList,
    Comment,
    CommentThread,
    Question,
    Section,
)
from civiclab.surveys.versioning import EditRefused

VIEW = Capability.VIEW_QUESTIONNAIRES
EDIT = Capability.EDIT_QUESTIONNAIRES
COMMENT = Capability.COMMENT_QUESTIONNAIRES


def _lookup(request, slug, pk, capability):
    access = experiment_for(request.user, slug, capability)
    questionnaire = get_object_or_404(access.experiment.questionnaires, pk=pk)
    return access, questionnaire


def _base(access, questionnaire, tab: str) -> dict:
    return {
        "access": access,
        "experiment": access.experiment,
        "questionnaire": questionnaire,
        "version": questionnaire.current_version(),
        "qtab": tab,
        "transitions": review.transitions_from(questionnaire.status, access.capabilities),
        "open_total": questionnaire.threads.filter(resolved_at=None).count(),
    }


def _builder_url(questionnaire, anchor: str = "", **query) -> str:
    url = reverse("surveys:build", args=[questionnaire.experiment.slug, questionnaire.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url + (f"#{anchor}" if anchor else "")


def _current(questionnaire, model, pk, **lookup):
    version = questionnaire.current_version()
    return get_object_or_404(model, pk=pk, version=version, **lookup)


def _refused(request, questionnaire, error: EditRefused):
    messages.error(request, str(error))
    return redirect(_builder_url(questionnaire))


# ---------------------------------------------------------------- creating, building


@login_required
def questionnaire_new(request, slug):
    access = experiment_for(request.user, slug, EDIT)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = editing.create_questionnaire(
            request.user, access.experiment, form.cleaned_data["title"]
        )
        return redirect(_builder_url(questionnaire))
    context = {"access": access, "experiment": access.experiment, "form": form}
    return render(request, "surveys/new.html", context, status=400 if form.errors else 200)


def _outline_context(questionnaire, version, focus: str = "") -> dict:
    """The outline, each question with its open threads, and the item a move came from
    marked so its button gets the focus back (`focus` is "q-12-up", "s-3-down"...)."""
    questions = Question.objects.select_related("choice_list")
    sections = list(version.sections.all())
    blocks = editing.outline(sections, list(questions.filter(version=version)))
    counts = review.open_thread_counts(questionnaire)
    key, _sep, direction = focus.rpartition("-")
    for block in blocks:
        if block.section is not None:
            block.section.autofocus_on = direction if key == f"s-{block.section.pk}" else ""
        for question in block.questions:
            question.open_threads = counts.get(question.code, 0)
            question.autofocus_on = direction if key == f"q-{question.pk}" else ""
    return {"blocks": blocks, "open_threads": counts, "open_total": sum(counts.values())}


@login_required
def builder(request, slug, pk):
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    context = _base(access, questionnaire, "build")
    version = context["version"]
    if version is None:
        raise Http404
    context.update(_outline_context(questionnaire, version, request.GET.get("focus", "")))
    context.update(
        types=Question.Type.choices,
        plain_sections=[s for s in version.sections.all() if not s.is_matrix],
        bank_form=BankForm(),
        bank_blocks=bank.BLOCKS.values(),
        lists=version.choice_lists.prefetch_related("choices"),
    )
    if request.headers.get("X-Builder") == "outline":
        return render(request, "surveys/builder/_outline.html", context)
    return render(request, "surveys/builder/builder.html", context)


def _moved_response(request, questionnaire, move: editing.Move, key: str, direction: str):
    """After a move: the outline alone for the page's script, else the whole builder page."""
    if move.question is not None:
        name = move.question.label_fr or move.question.code
        announcement = _("“%(name)s” moved: question %(position)s of %(total)s.")
    else:
        name = move.section.label_fr or move.section.code
        announcement = _("Section “%(name)s” moved: item %(position)s of %(total)s.")
    announcement %= {"name": name[:80], "position": move.position, "total": move.total}
    if request.headers.get("X-Builder") == "outline":
        focus = f"{key}-{direction}"
        context = _outline_context(questionnaire, questionnaire.current_version(), focus)
        context.update(
            questionnaire=questionnaire,
            experiment=questionnaire.experiment,
            focus=focus,
            announcement=announcement,
        )
        return render(request, "surveys/builder/_outline.html", context)
    messages.info(request, announcement)
    return redirect(_builder_url(questionnaire, key, focus=f"{key}-{direction}"))


@login_required
@require_POST
def question_move(request, slug, pk, question_pk):
    _access, questionnaire = _lookup(request, slug, pk, EDIT)
    question = _current(questionnaire, Question, question_pk)
    direction = request.POST.get("direction", "")
    try:
        if direction in ("up", "down"):
            move = editing.move_question(request.user, question, -1 if direction == "up" else 1)
        else:
            move = editing.move_question_before(
                request.user, question, request.POST.get("before", "")
            )
            direction = "drag"
    except EditRefused as error:
        return _refused(request, questionnaire, error)
    return _moved_response(request, questionnaire, move, f"q-{move.question.pk}", direction)


@login_required
@require_POST
def section_move(request, slug, pk, section_pk):
    _access, questionnaire = _lookup(request, slug, pk, EDIT)
    section = _current(questionnaire, Section, section_pk)
    direction = request.POST.get("direction", "")
    try:
        if direction in ("up", "down"):
            move = editing.move_section(request.user, section, -1 if direction == "up" else 1)
        else:
            move = editing.move_section(
                request.user, section, before=request.POST.get("before", "")
            )
            direction = "drag"
    except EditRefused as error:
        return _refused(request, questionnaire, error)
    return _moved_response(request, questionnaire, move, f"s-{move.section.pk}", direction)


@login_required
def question_edit(request, slug, pk, question_pk=None):
    """Add (no question_pk) or change a question."""
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    version = questionnaire.current_version()
    question = _current(questionnaire, Question, question_pk) if question_pk else None
    if question is not None and question.section and question.section.is_matrix:
        return redirect("surveys:matrix_edit", slug, pk, question.section.pk)
    initial = {}
    if question is None:
        initial = {"type": request.GET.get("type", Question.Type.SHORT_TEXT)}
        section_pk = request.GET.get("section")
        if section_pk and section_pk.isdigit():
            initial["section"] = version.sections.filter(pk=section_pk).first()
    form = QuestionForm(
        request.POST or None,
        instance=question or Question(version=version),
        initial=initial,
        version=version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                saved = editing.add_question(request.user, questionnaire, form.cleaned_data)
                messages.success(request, _("Question added."))
            else:
                saved = editing.update_question(request.user, question, form.cleaned_data)
                messages.success(request, _("Question saved."))
        except EditRefused as error:
            form.add_error(None, str(error))
        else:
            if saved.version_id != version.pk:
                messages.info(
                    request,
                    _(
                        "Answers exist for version %(old)s, so this change was made in a new "
                        "version %(new)s."
                    )
                    % {"old": version.number, "new": saved.version.number},
                )
            return redirect(_builder_url(questionnaire, f"q-{saved.pk}"))
    context = _base(access, questionnaire, "build")
    context.update(form=form, question=question)
    status = 400 if form.errors else 200
    return render(request, "surveys/builder/question_form.html", context, status=status)


@login_required
@require_POST
def question_action(request, slug, pk, question_pk, action):
    """Delete or duplicate a question."""
    if action not in ("delete", "duplicate"):
        raise Http404
    _access, questionnaire = _lookup(request, slug, pk, EDIT)
    question = _current(questionnaire, Question, question_pk)
    try:
        if action == "delete":
            editing.delete_question(request.user, question)
            messages.success(request, _("Question “%(code)s” deleted.") % {"code": question.code})
            return redirect(_builder_url(questionnaire))
        copy = editing.duplicate_question(request.user, question)
    except EditRefused as error:
        return _refused(request, questionnaire, error)
    messages.success(request, _("Copy created as “%(code)s”.") % {"code": copy.code})
    return redirect(_builder_url(questionnaire, f"q-{copy.pk}"))


@login_required
def section_edit(request, slug, pk, section_pk=None):
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    version = questionnaire.current_version()
    section = _current(questionnaire, Section, section_pk) if section_pk else None
    if section is not None and section.is_matrix:
        return redirect("surveys:matrix_edit", slug, pk, section.pk)
    form = SectionForm(request.POST or None, instance=section, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                saved = editing.add_section(request.user, questionnaire, form.cleaned_data)
            else:
                saved = editing.update_section(request.user, section, form.cleaned_data)
        except EditRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Section saved."))
            return redirect(_builder_url(questionnaire, f"s-{saved.pk}"))
    context = _base(access, questionnaire, "build")
    context.update(form=form, section=section)
    status = 400 if form.errors else 200
    return render(request, "surveys/builder/section_form.html", context, status=status)


@login_required
@require_POST
def section_action(request, slug, pk, section_pk, action):
    if action not in ("delete", "duplicate"):
        raise Http404
    _access, questionnaire = _lookup(request, slug, pk, EDIT)
    section = _current(questionnaire, Section, section_pk)
    try:
        if action == "delete":
            editing.delete_section(request.user, section)
            messages.success(request, _("Section deleted, with its questions."))
            return redirect(_builder_url(questionnaire))
        copy = editing.duplicate_section(request.user, section)
    except EditRefused as error:
        return _refused(request, questionnaire, error)
    messages.success(request, _("Copy created as “%(code)s”.") % {"code": copy.code})
    return redirect(_builder_url(questionnaire, f"s-{copy.pk}"))


@login_required
def matrix_edit(request, slug, pk, section_pk=None):
    """Add or change a matrix: a title, rows, and one scale for every row."""
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    version = questionnaire.current_version()
    section = _current(questionnaire, Section, section_pk) if section_pk else None
    rows = list(section.questions.order_by("position")) if section else []
    initial = {}
    if section is not None:
        initial = {
            "label_fr": section.label_fr,
            "label_en": section.label_en,
            "scale": rows[0].choice_list if rows else None,
            "required": bool(rows) and all(q.required for q in rows),
        }
    form = MatrixForm(request.POST or None, initial=initial, version=version)
    formset = MatrixRowFormSet(
        request.POST or None,
        prefix="rows",
        initial=[
            {"pk": q.pk, "label_fr": q.label_fr, "label_en": q.label_en, "code": q.code}
            for q in rows
        ],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        given = [
            editing.MatrixRow(f["label_fr"], f["label_en"], f["code"], f["pk"])
            for f in formset.cleaned_data
            if f and not f.get("DELETE") and (f.get("label_fr") or f.get("label_en"))
        ]
        try:
            saved = editing.save_matrix(
                request.user,
                questionnaire,
                label_fr=form.cleaned_data["label_fr"],
                label_en=form.cleaned_data["label_en"],
                scale=form.cleaned_data["scale"],
                rows=given,
                required=form.cleaned_data["required"],
                section=section,
            )
        except EditRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Matrix saved."))
            return redirect(_builder_url(questionnaire, f"s-{saved.pk}"))
    context = _base(access, questionnaire, "build")
    context.update(form=form, formset=formset, section=section)
    status = 400 if form.errors or formset.errors else 200
    return render(request, "surveys/builder/matrix_form.html", context, status=status)


@login_required
@require_POST
def bank_insert(request, slug, pk):
    _access, questionnaire = _lookup(request, slug, pk, EDIT)
    form = BankForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a block to insert."))
        return redirect(_builder_url(questionnaire))
    try:
        result = bank.insert_block(request.user, questionnaire, form.cleaned_data["block"])
    except EditRefused as error:
        return _refused(request, questionnaire, error)
    messages.success(request, _("Block inserted at the end of the questionnaire."))
    if result.renamed:
        renamed = ", ".join(f"{old} → {new}" for old, new in result.renamed.items())
        messages.warning(
            request,
            _("These codes were already used, so the block's questions were renamed: %(list)s.")
            % {"list": renamed},
        )
    return redirect(_builder_url(questionnaire, f"s-{result.section.pk}"))


# ---------------------------------------------------------------- choice lists


@login_required
def choice_lists(request, slug, pk):
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    context = _base(access, questionnaire, "build")
    version = context["version"]
    context["lists"] = version.choice_lists.prefetch_related(
        "choices", Prefetch("questions", queryset=Question.objects.only("code", "choice_list"))
    )
    return render(request, "surveys/builder/lists.html", context)


@login_required
def choice_list_edit(request, slug, pk, list_pk=None):
    access, questionnaire = _lookup(request, slug, pk, EDIT)
    choice_list = _current(questionnaire, ChoiceList, list_pk) if list_pk else None
    initial_rows = (
        [
            {"value": c.value, "label_fr": c.label_fr, "label_en": c.label_en, "ORDER": i + 1}
            for i, c in enumerate(choice_list.choices.all())
        ]
        if choice_list
        else []
    )
    form = ChoiceListForm(
        request.POST or None, initial={"name": choice_list.name if choice_list else ""}
    )
    formset = ChoiceFormSet(request.POST or None, prefix="choices", initial=initial_rows)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            editing.ChoiceRow(f.cleaned_data["value"], f.cleaned_data["label_fr"],
                              f.cleaned_data["label_en"])
            for f in formset.ordered_forms
            if f.cleaned_data.get("value") and not f.cleaned_data.get("DELETE")
        ]  # fmt: skip
        try:
            if choice_list is None:
                saved = editing.create_choice_list(
                    request.user, questionnaire, form.cleaned_data["name"], rows
                )
            else:
                saved = editing.update_choice_list(
                    request.user, choice_list, form.cleaned_data["name"], rows
                )
        except EditRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("List “%(name)s” saved.") % {"name": saved.name})
            return redirect("surveys:lists", slug, pk)
    context = _base(access, questionnaire, "build")
    context.update(form=form, formset=formset, choice_list=choice_list)
    status = 400 if form.errors or formset.errors else 200
    return render(request, "surveys/builder/list_form.html", context, status=status)


# ---------------------------------------------------------------- reading


def _version_param(questionnaire, request, name="version"):
    number = request.GET.get(name, "")
    if number.isdigit():
        return get_object_or_404(questionnaire.versions, number=int(number))
    return questionnaire.current_version()


@login_required
def preview(request, slug, pk):
    """The form as a respondent reads it, in French or English, without its logic run."""
    access, questionnaire = _lookup(request, slug, pk, VIEW)
    context = _base(access, questionnaire, "preview")
    version = _version_param(questionnaire, request)
    if version is None:
        raise Http404
    language = "en" if request.GET.get("lang") == "en" else "fr"
    blocks = editing.outline(
        list(version.sections.all()),
        list(version.questions.select_related("choice_list")),
    )
    lists = {
        cl.pk: list(cl.choices.all()) for cl in version.choice_lists.prefetch_related("choices")
    }
    other = "fr" if language == "en" else "en"

    def text(obj, name):
        return getattr(obj, f"{name}_{language}") or getattr(obj, f"{name}_{other}")

    for choices in lists.values():
        for choice in choices:
            choice.text = text(choice, "label") or choice.value
    for block in blocks:
        if block.section:
            block.title = text(block.section, "label") or block.section.code
        for question in block.questions:
            question.options = lists.get(question.choice_list_id, [])
            question.text = text(question, "label") or question.code
            question.hint_text = text(question, "hint")
        block.scale = block.questions[0].options if block.is_matrix and block.questions else []
    context.update(version=version, blocks=blocks, language=language)
    return render(request, "surveys/builder/preview.html", context)


@login_required
def comments(request, slug, pk):
    """Threads on each question and on the questionnaire; opening one needs the comment
    right, reading them the view right."""
    access, questionnaire = _lookup(request, slug, pk, VIEW)
    context = _base(access, questionnaire, "comments")
    version = context["version"]
    questions = list(version.questions.order_by("position")) if version else []
    form = ThreadForm(
        request.POST or None, questions=questions, initial={"question_code": request.GET.get("q")}
    )
    if request.method == "POST":
        if not access.can(COMMENT):
            raise PermissionDenied
        if form.is_valid():
            try:
                thread = review.start_thread(
                    request.user,
                    questionnaire,
                    form.cleaned_data["question_code"],
                    form.cleaned_data["body"],
                )
            except EditRefused as error:
                form.add_error("question_code", str(error))
            else:
                return redirect(_comments_url(questionnaire, thread))
    threads = questionnaire.threads.select_related("created_by", "resolved_by").prefetch_related(
        Prefetch("comments", queryset=Comment.objects.select_related("author"))
    )
    labels = {q.code: q.label_fr or q.label_en for q in questions}
    show = request.GET.get("show", "open")
    if show == "open":
        threads = threads.filter(resolved_at=None)
    threads = list(threads)
    for thread in threads:
        thread.question_label = labels.get(thread.question_code, "")
    context.update(
        form=form,
        threads=threads,
        show=show,
        reply_form=ReplyForm(),
        can_comment=access.can(COMMENT),
    )
    return render(
        request, "surveys/builder/comments.html", context, status=400 if form.errors else 200
    )


def _comments_url(questionnaire, thread=None, show="open") -> str:
    url = reverse("surveys:comments", args=[questionnaire.experiment.slug, questionnaire.pk])
    return f"{url}?show={show}" + (f"#thread-{thread.pk}" if thread else "")


@login_required
@require_POST
def thread_action(request, slug, pk, thread_pk, action):
    """Reply to, resolve or reopen a thread."""
    if action not in ("reply", "resolve", "reopen"):
        raise Http404
    _access, questionnaire = _lookup(request, slug, pk, COMMENT)
    thread = get_object_or_404(CommentThread, pk=thread_pk, questionnaire=questionnaire)
    if action == "reply":
        form = ReplyForm(request.POST)
        if form.is_valid():
            review.reply(request.user, thread, form.cleaned_data["body"])
        else:
            messages.error(request, _("A reply cannot be empty."))
        return redirect(_comments_url(questionnaire, thread))
    review.set_resolved(request.user, thread, action == "resolve")
    return redirect(_comments_url(questionnaire, thread, "all"))


@login_required
@require_POST
def status_change(request, slug, pk, action):
    transition = review.TRANSITIONS_BY_ACTION.get(action)
    if transition is None:
        raise Http404
    _access, questionnaire = _lookup(request, slug, pk, transition.capability)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        review.change_status(request.user, questionnaire, action, note)
    except EditRefused as error:
        messages.error(request, str(error))
    else:
        questionnaire.refresh_from_db()
        messages.success(
            request,
            _("The questionnaire is now “%(status)s”.")
            % {"status": questionnaire.get_status_display()},
        )
    return redirect(request.POST.get("next") or _comments_url(questionnaire))


@login_required
def versions(request, slug, pk):
    """The versions of a questionnaire, and what changed between two of them."""
    access, questionnaire = _lookup(request, slug, pk, VIEW)
    context = _base(access, questionnaire, "versions")
    all_versions = list(questionnaire.versions.select_related("created_by").order_by("number"))
    diff = old = new = None
    if len(all_versions) > 1:
        old = _version_param(questionnaire, request, "from")
        new = _version_param(questionnaire, request, "to")
        if "from" not in request.GET:
            old = all_versions[-2]
        diff = diff_versions(old, new)
    context.update(
        versions=all_versions,
        approvals=questionnaire.approvals.select_related("version", "approved_by"),
        diff=diff,
        old=old,
        new=new,
    )
    return render(request, "surveys/builder/versions.html", context)
