"""The questionnaire builder's changes: questions, sections, matrices, choice lists, order.

Every function is atomic and audited. Structural changes go through
`versioning.begin_structural_edit` (which copies a frozen version first); wording fixes are
made in place, even on a frozen version, with their before/after in the audit trail."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.core.text import interpolate_lazy
from civiclab.surveys import expressions
from civiclab.surveys.models import (
    XLSFORM_NAME_PATTERN,
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from civiclab.surveys.versioning import (
    STRUCTURAL_QUESTION_FIELDS,
    STRUCTURAL_SECTION_FIELDS,
    WORDING_QUESTION_FIELDS,
    EditRefused,
    begin_structural_edit,
    editable_current,
)

Type = Question.Type
CHOICE_TYPES = {Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE, Type.SCALE, Type.RANKING, Type.YES_NO}
NUMBER_TYPES = {Type.INTEGER, Type.DECIMAL}
MATRIX_APPEARANCE = "table-list"
NAME_RE = re.compile(XLSFORM_NAME_PATTERN)
MAX_SUGGESTED = 32
STOP_WORDS = {
    "a", "au", "aux", "avez", "ce", "de", "des", "du", "en", "est", "et", "il", "la", "le",
    "les", "l", "d", "qu", "que", "quel", "quelle", "quels", "quelles", "sur", "un", "une",
    "vous", "votre", "vos", "pour", "par", "dans", "avec", "the", "you", "your", "what", "how",
    "are", "do", "does", "is", "of", "to", "in", "on", "and", "or", "etes",
}  # fmt: skip


# ---------------------------------------------------------------- codes


def suggest_code(label: str, taken: set[str], fallback: str = "question") -> str:
    """An XLSForm name from a label: ASCII, lower case, a few meaningful words, unique."""
    # "Qu'avez-vous" is two words, not "quavez".
    words = [w for w in slugify(re.sub(r"['’]", " ", label)).split("-") if w not in STOP_WORDS]
    base = ""
    for word in filter(None, words):  # whole words, as many as fit
        if base and len(base) + 1 + len(word) > MAX_SUGGESTED:
            break
        base = f"{base}_{word}" if base else word[:MAX_SUGGESTED]
    base = base or fallback
    if not NAME_RE.match(base):
        base = f"q_{base}"
    return free_code(base, taken)


def free_code(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`... whichever is not taken yet."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base[:95]}_{n}", n + 1
    return candidate


def question_codes(version: QuestionnaireVersion) -> set[str]:
    return set(version.questions.values_list("code", flat=True))


def section_codes(version: QuestionnaireVersion) -> set[str]:
    return set(version.sections.values_list("code", flat=True))


def check_expression(text: str, known_codes: set[str]) -> list[str]:
    """Problems with a show-if or constraint text, in the reader's words (empty: fine)."""
    if not text.strip():
        return []
    try:
        tree = expressions.parse(text)
    except expressions.ExpressionError as error:
        return [str(error)]  # its message already says at which character
    unknown = sorted(expressions.references(tree) - known_codes) if tree else []
    return [
        str(interpolate_lazy(_("There is no question with the code “%(code)s”."), {"code": c}))
        for c in unknown
    ]


# ---------------------------------------------------------------- the outline and its order


@dataclass
class Block:
    """One top-level item of a version: a section with its questions, or a loose question."""

    section: Section | None
    questions: list[Question] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"s-{self.section.pk}" if self.section else f"q-{self.questions[0].pk}"

    @property
    def is_matrix(self) -> bool:
        return bool(self.section and self.section.is_matrix)


def outline(sections: list[Section], questions: list[Question]) -> list[Block]:
    """The version as the builder shows it. Sections sit where their first question sits
    (the XLSForm export writes them there), empty ones at their own position."""
    by_section: dict[int | None, list[Question]] = {}
    for question in sorted(questions, key=lambda q: (q.position, q.pk)):
        by_section.setdefault(question.section_id, []).append(question)
    keyed = []
    for section in sections:
        inner = by_section.get(section.pk, [])
        start = inner[0].position if inner else section.position
        keyed.append(((start, 0, section.position, section.pk), Block(section, inner)))
    for question in by_section.get(None, []):
        keyed.append(((question.position, 1, 0, question.pk), Block(None, [question])))
    return [block for _key, block in sorted(keyed, key=lambda pair: pair[0])]


def version_outline(version: QuestionnaireVersion) -> list[Block]:
    return outline(
        list(version.sections.all()),
        list(version.questions.select_related("choice_list")),
    )


# A flat sequence of tokens makes moves across section boundaries simple: a question moving
# up past the start of its section leaves it; moving up past the end of one enters it.
def _tokens(blocks: list[Block]) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    for block in blocks:
        if block.section is None:
            tokens.append(("q", block.questions[0]))
        elif block.is_matrix:
            tokens.append(("matrix", block))
        else:
            tokens.append(("open", block.section))
            tokens.extend(("q", q) for q in block.questions)
            tokens.append(("close", block.section))
    return tokens


def _write_tokens(tokens: list[tuple[str, object]]) -> None:
    """Number sections and questions in token order (sections share the questions' space) and
    give each question the section it now sits in."""
    sections, questions = [], []
    current, position = None, 0
    for kind, obj in tokens:
        if kind == "open":
            obj.position, current = position, obj
            sections.append(obj)
        elif kind == "close":
            current = None
            continue
        elif kind == "matrix":
            obj.section.position = position
            sections.append(obj.section)
            for row in obj.questions:
                position += 1
                row.position = position
                questions.append(row)
        else:
            obj.position, obj.section = position, current
            questions.append(obj)
        position += 1
    Section.objects.bulk_update(sections, ["position"])
    Question.objects.bulk_update(questions, ["position", "section"])


def _token_index(tokens, kind: str, pk: int) -> int:
    for index, (k, obj) in enumerate(tokens):
        target = obj.section if k == "matrix" else obj
        if (k == kind or (kind == "open" and k == "matrix")) and target.pk == pk:
            return index
    raise EditRefused(_("This item is not in the current version."))


def _counterpart_question(question: Question, version: QuestionnaireVersion) -> Question:
    if question.version_id == version.pk:
        return Question.objects.select_related("section", "choice_list").get(pk=question.pk)
    return version.questions.select_related("section", "choice_list").get(code=question.code)


def _counterpart_section(section: Section, version: QuestionnaireVersion) -> Section:
    if section.version_id == version.pk:
        return Section.objects.get(pk=section.pk)
    return version.sections.get(code=section.code)


def _counterpart_list(choice_list: ChoiceList, version: QuestionnaireVersion) -> ChoiceList:
    if choice_list.version_id == version.pk:
        return ChoiceList.objects.get(pk=choice_list.pk)
    return version.choice_lists.get(name=choice_list.name)


def _check_current(obj) -> Questionnaire:
    questionnaire = obj.version.questionnaire
    if editable_current(questionnaire).pk != obj.version_id:
        raise EditRefused(_("Only the latest version of a questionnaire can be changed."))
    return questionnaire


def _experiment(questionnaire: Questionnaire):
    return questionnaire.experiment


@dataclass
class Move:
    """What a move did, for the screen-reader announcement."""

    question: Question | None
    section: Section | None
    position: int
    total: int


def _position_of(blocks: list[Block], question_pk=None, section_pk=None) -> tuple[int, int]:
    """(1-based position, total) of a question among all questions, or a section among the
    top-level items."""
    if section_pk is not None:
        keys = [b.section.pk if b.section else None for b in blocks]
        return keys.index(section_pk) + 1, len(blocks)
    flat = [q.pk for b in blocks for q in b.questions]
    return flat.index(question_pk) + 1, len(flat)


@transaction.atomic
@in_site_language
def move_question(actor, question: Question, step: int) -> Move:
    """Move a question one place up (-1) or down (+1), in or out of sections."""
    questionnaire = _check_current(question)
    version = begin_structural_edit(questionnaire, actor)
    question = _counterpart_question(question, version)
    if question.section_id and question.section.is_matrix:
        raise EditRefused(_("The rows of a matrix are ordered in the matrix's own form."))
    tokens = _tokens(version_outline(version))
    index = _token_index(tokens, "q", question.pk)
    neighbour = index + step
    before = question.position
    if 0 <= neighbour < len(tokens):
        tokens[index], tokens[neighbour] = tokens[neighbour], tokens[index]
        _write_tokens(tokens)
        record(
            actor,
            AuditEvent.Action.CHANGED,
            question,
            _experiment(questionnaire),
            {"position": [before, question.position]},
        )
    position, total = _position_of(version_outline(version), question_pk=question.pk)
    return Move(question, None, position, total)


@transaction.atomic
@in_site_language
def move_question_before(actor, question: Question, target: str) -> Move:
    """Drag and drop: put a question before `target` ("q-<pk>", "s-<pk>" for before a
    section, "end-s-<pk>" for the end of a section, "end" for the end of the form)."""
    questionnaire = _check_current(question)
    version = begin_structural_edit(questionnaire, actor)
    question = _counterpart_question(question, version)
    if question.section_id and question.section.is_matrix:
        raise EditRefused(_("The rows of a matrix are ordered in the matrix's own form."))
    blocks = version_outline(version)
    tokens = _tokens(blocks)
    moving = tokens.pop(_token_index(tokens, "q", question.pk))
    index = _target_index(tokens, target)
    tokens.insert(index, moving)
    before = question.position
    _write_tokens(tokens)
    record(
        actor,
        AuditEvent.Action.CHANGED,
        question,
        _experiment(questionnaire),
        {"position": [before, question.position]},
    )
    position, total = _position_of(version_outline(version), question_pk=question.pk)
    return Move(question, None, position, total)


def _target_index(tokens, target: str) -> int:
    if target == "end":
        return len(tokens)
    match = re.fullmatch(r"(q|s|end-s)-(\d+)", target or "")
    if not match:
        raise EditRefused(_("Unknown place to move to."))
    kind, pk = match.group(1), int(match.group(2))
    if kind == "q":
        return _token_index(tokens, "q", pk)
    if kind == "s":
        return _token_index(tokens, "open", pk)
    for index, (k, obj) in enumerate(tokens):
        if k == "close" and obj.pk == pk:
            return index
    raise EditRefused(_("Unknown place to move to."))


@transaction.atomic
@in_site_language
def move_section(actor, section: Section, step: int = 0, before: str = "") -> Move:
    """Move a section (with its questions) one top-level place up or down, or before another
    top-level item (`before` as in `move_question_before`, "end" for the end)."""
    questionnaire = _check_current(section)
    version = begin_structural_edit(questionnaire, actor)
    section = _counterpart_section(section, version)
    blocks = version_outline(version)
    index = next(i for i, b in enumerate(blocks) if b.section and b.section.pk == section.pk)
    before_position = section.position
    moving = blocks[index]
    if before:
        rest = blocks[:index] + blocks[index + 1 :]
        keys = [b.key for b in rest]
        if before == "end":
            target = len(rest)
        elif before in keys:
            target = keys.index(before)
        else:
            raise EditRefused(_("A section can only be placed between top-level items."))
        blocks = [*rest[:target], moving, *rest[target:]]
    elif 0 <= index + step < len(blocks):
        blocks[index], blocks[index + step] = blocks[index + step], blocks[index]
    _write_tokens(_tokens(blocks))
    record(
        actor,
        AuditEvent.Action.CHANGED,
        section,
        _experiment(questionnaire),
        {"position": [before_position, section.position]},
    )
    position, total = _position_of(version_outline(version), section_pk=section.pk)
    return Move(None, section, position, total)


# ---------------------------------------------------------------- questions


def _clean_values(values: dict, fields: list[str]) -> dict:
    return {k: v for k, v in values.items() if k in fields}


def _insert_tokens_after(version, new_questions, after: Question | None, section):
    """Place new questions after `after`, else at the end of `section`, else at the end."""
    tokens = _tokens(version_outline(version))
    new_pks = {q.pk for q in new_questions}
    tokens = [t for t in tokens if not (t[0] == "q" and t[1].pk in new_pks)]
    if after is not None:
        index = _token_index(tokens, "q", after.pk) + 1
    elif section is not None:
        index = _target_index(tokens, f"end-s-{section.pk}")
    else:
        index = len(tokens)
    tokens[index:index] = [("q", q) for q in new_questions]
    _write_tokens(tokens)


QUESTION_FIELDS = [
    f for f in STRUCTURAL_QUESTION_FIELDS + WORDING_QUESTION_FIELDS if f != "position"
]


@transaction.atomic
@in_site_language
def add_question(
    actor, questionnaire: Questionnaire, values: dict, after: Question | None = None
) -> Question:
    """Add a question (values: model field names; `section` a Section of the current
    version or None; `choice_list` a ChoiceList of it), after `after` or at the end of its
    section."""
    version = begin_structural_edit(questionnaire, actor)
    values = _clean_values(values, QUESTION_FIELDS)
    if values.get("section") is not None:
        values["section"] = _counterpart_section(values["section"], version)
    if values.get("choice_list") is not None:
        values["choice_list"] = _counterpart_list(values["choice_list"], version)
    if not values.get("code"):
        values["code"] = suggest_code(
            values.get("label_fr") or values.get("label_en", ""), question_codes(version)
        )
    if after is not None:
        after = _counterpart_question(after, version)
    question = Question.objects.create(version=version, **values)
    _insert_tokens_after(version, [question], after, values.get("section"))
    record(
        actor,
        AuditEvent.Action.CREATED,
        question,
        _experiment(questionnaire),
        {"code": ["", question.code], "type": ["", question.get_type_display()]},
    )
    return question


def _question_snapshot(question: Question) -> dict:
    values = snapshot(question, QUESTION_FIELDS)
    for name in ("min_value", "max_value", "step"):
        value = getattr(question, name)
        values[name] = None if value is None else format(value.normalize(), "f")
    return values


@transaction.atomic
@in_site_language
def update_question(actor, question: Question, values: dict) -> Question:
    """Change a question. Wording fixes stay in place, even on a frozen version; any other
    change goes through a structural edit (a new version when the current one is frozen).
    Returns the question as saved (possibly the copy in a new version)."""
    questionnaire = _check_current(question)
    stored = Question.objects.select_related("section", "choice_list").get(pk=question.pk)
    values = _clean_values(values, QUESTION_FIELDS)
    structural = {
        k: v
        for k, v in values.items()
        if k in STRUCTURAL_QUESTION_FIELDS and _differs(getattr(stored, k), v)
    }
    if "code" in structural and (
        stored.version.questions.filter(code=values["code"]).exclude(pk=stored.pk).exists()
    ):
        raise EditRefused(
            interpolate_lazy(
                _("The code “%(code)s” is already used in this questionnaire."),
                {"code": values["code"]},
            )
        )
    if structural:
        version = begin_structural_edit(questionnaire, actor)
        stored = _counterpart_question(stored, version)
        if values.get("section") is not None:
            values["section"] = _counterpart_section(values["section"], version)
        if values.get("choice_list") is not None:
            values["choice_list"] = _counterpart_list(values["choice_list"], version)
    before = _question_snapshot(stored)
    moves_section = "section" in structural
    for name, value in values.items():
        setattr(stored, name, value)
    stored.save()
    if moves_section:
        _insert_tokens_after(stored.version, [stored], None, stored.section)
    changes = changed_fields(before, _question_snapshot(stored))
    if changes:
        if not structural:
            changes["wording_only"] = [None, True]
        record(actor, AuditEvent.Action.CHANGED, stored, _experiment(questionnaire), changes)
    return stored


def _differs(old, new) -> bool:
    if isinstance(old, Section | ChoiceList) or isinstance(new, Section | ChoiceList):
        return (old.pk if old else None) != (new.pk if new else None)
    if old is None or new is None:
        return (old is None) != (new is None) and not (old in (None, "") and new in (None, ""))
    try:
        return old != type(old)(new)
    except (TypeError, ValueError, ArithmeticError):
        return old != new


@transaction.atomic
@in_site_language
def delete_question(actor, question: Question) -> None:
    questionnaire = _check_current(question)
    version = begin_structural_edit(questionnaire, actor)
    question = _counterpart_question(question, version)
    record(
        actor,
        AuditEvent.Action.DELETED,
        question,
        _experiment(questionnaire),
        {"code": [question.code, ""]},
    )
    section = question.section
    question.delete()
    if section is not None and section.is_matrix and not section.questions.exists():
        section.delete()


@transaction.atomic
@in_site_language
def duplicate_question(actor, question: Question) -> Question:
    """A copy of the question just after it, with a free code."""
    questionnaire = _check_current(question)
    version = begin_structural_edit(questionnaire, actor)
    original = _counterpart_question(question, version)
    copy = Question.objects.get(pk=original.pk)
    copy.pk = None
    copy.code = free_code(original.code, question_codes(version))
    copy.save()
    _insert_tokens_after(version, [copy], original, None)
    record(
        actor,
        AuditEvent.Action.CREATED,
        copy,
        _experiment(questionnaire),
        {"code": ["", copy.code], "copy_of": ["", original.code]},
    )
    return copy


# ---------------------------------------------------------------- sections and matrices


SECTION_FIELDS = ["code", "label_fr", "label_en", "relevant", "appearance"]


@transaction.atomic
@in_site_language
def add_section(actor, questionnaire: Questionnaire, values: dict) -> Section:
    """A new empty section at the end of the questionnaire."""
    version = begin_structural_edit(questionnaire, actor)
    values = _clean_values(values, SECTION_FIELDS)
    taken = section_codes(version) | question_codes(version)
    if not values.get("code"):
        values["code"] = suggest_code(values.get("label_fr", ""), taken, "section")
    last = max(
        [
            *version.sections.values_list("position", flat=True),
            *version.questions.values_list("position", flat=True),
        ],
        default=-1,
    )
    section = Section.objects.create(version=version, position=last + 1, **values)
    record(
        actor,
        AuditEvent.Action.CREATED,
        section,
        _experiment(questionnaire),
        {"code": ["", section.code]},
    )
    return section


@transaction.atomic
@in_site_language
def update_section(actor, section: Section, values: dict) -> Section:
    questionnaire = _check_current(section)
    stored = Section.objects.get(pk=section.pk)
    values = _clean_values(values, SECTION_FIELDS)
    structural = any(
        k in STRUCTURAL_SECTION_FIELDS and getattr(stored, k) != v for k, v in values.items()
    )
    if structural:
        version = begin_structural_edit(questionnaire, actor)
        stored = _counterpart_section(stored, version)
    before = snapshot(stored, SECTION_FIELDS)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.save()
    changes = changed_fields(before, snapshot(stored, SECTION_FIELDS))
    if changes:
        if not structural:
            changes["wording_only"] = [None, True]
        record(actor, AuditEvent.Action.CHANGED, stored, _experiment(questionnaire), changes)
    return stored


@transaction.atomic
@in_site_language
def delete_section(actor, section: Section) -> None:
    """Delete a section and the questions in it."""
    questionnaire = _check_current(section)
    version = begin_structural_edit(questionnaire, actor)
    section = _counterpart_section(section, version)
    codes = list(section.questions.values_list("code", flat=True))
    record(
        actor,
        AuditEvent.Action.DELETED,
        section,
        _experiment(questionnaire),
        {"code": [section.code, ""], "questions": [codes, []]},
    )
    section.questions.all().delete()
    section.delete()


@transaction.atomic
@in_site_language
def duplicate_section(actor, section: Section) -> Section:
    """A copy of the section and its questions just after it, with free codes."""
    questionnaire = _check_current(section)
    version = begin_structural_edit(questionnaire, actor)
    original = _counterpart_section(section, version)
    taken = section_codes(version) | question_codes(version)
    copy = Section.objects.get(pk=original.pk)
    copy.pk = None
    copy.code = free_code(original.code, taken)
    copy.save()
    taken.add(copy.code)
    new_questions = []
    for question in original.questions.order_by("position", "pk"):
        question.pk = None
        question.section = copy
        question.code = free_code(question.code, taken)
        taken.add(question.code)
        question.save()
        new_questions.append(question)
    blocks = version_outline(version)
    index = next(i for i, b in enumerate(blocks) if b.section and b.section.pk == original.pk)
    moved = next(b for b in blocks if b.section and b.section.pk == copy.pk)
    blocks.remove(moved)
    blocks.insert(index + 1, moved)
    _write_tokens(_tokens(blocks))
    record(
        actor,
        AuditEvent.Action.CREATED,
        copy,
        _experiment(questionnaire),
        {"code": ["", copy.code], "copy_of": ["", original.code]},
    )
    return copy


@dataclass
class MatrixRow:
    label_fr: str
    label_en: str = ""
    code: str = ""
    pk: int | None = None


@transaction.atomic
@in_site_language
def save_matrix(
    actor,
    questionnaire: Questionnaire,
    *,
    label_fr: str,
    label_en: str,
    scale: ChoiceList,
    rows: list[MatrixRow],
    required: bool = False,
    section: Section | None = None,
    code: str = "",
) -> Section:
    """Create a matrix (rows × one scale), or rewrite an existing one (`section`): a
    table-list section whose questions are single choices sharing the scale's list. Rows
    with a pk keep their question (and code, hence their answers); the others are added;
    rows no longer given are deleted."""
    if not rows:
        raise EditRefused(_("A matrix needs at least one row."))
    if section is not None:
        _check_current(section)
    version = begin_structural_edit(questionnaire, actor)
    scale = _counterpart_list(scale, version)
    taken = section_codes(version) | question_codes(version)
    if section is None:
        section = add_section(
            actor,
            questionnaire,
            {
                "code": code or suggest_code(label_fr, taken, "matrice"),
                "label_fr": label_fr,
                "label_en": label_en,
                "appearance": MATRIX_APPEARANCE,
            },
        )
        existing: dict = {}
        original_codes: dict = {}
    else:
        old_pks = {q.pk: q.code for q in section.questions.all()}
        section = _counterpart_section(section, version)
        existing = {q.code: q for q in section.questions.all()}
        original_codes = old_pks
        section.label_fr, section.label_en = label_fr, label_en
        if MATRIX_APPEARANCE not in section.appearance.split():
            section.appearance = f"{section.appearance} {MATRIX_APPEARANCE}".strip()
        section.save()
    taken = section_codes(version) | question_codes(version)
    kept, ordered = set(), []
    for row in rows:
        old_code = original_codes.get(row.pk) if row.pk else None
        question = existing.get(old_code) if old_code else None
        if question is None:
            wanted = row.code or suggest_code(f"{section.code} {row.label_fr}", taken)
            question = Question(
                version=version,
                section=section,
                code=free_code(wanted, taken),
                type=Type.SINGLE_CHOICE,
                position=section.position + len(ordered) + 1,
            )
            taken.add(question.code)
        elif row.code and row.code != question.code:
            if row.code in taken:
                raise EditRefused(
                    interpolate_lazy(
                        _("The code “%(code)s” is already used in this questionnaire."),
                        {"code": row.code},
                    )
                )
            taken.discard(question.code)
            question.code = row.code
            taken.add(row.code)
        question.label_fr, question.label_en = row.label_fr, row.label_en
        question.choice_list, question.required, question.section = scale, required, section
        question.save()
        kept.add(question.pk)
        ordered.append(question)
    removed = [q for q in existing.values() if q.pk not in kept]
    for question in removed:
        question.delete()
    blocks = version_outline(version)
    for block in blocks:
        if block.section and block.section.pk == section.pk:
            block.questions = ordered
    _write_tokens(_tokens(blocks))
    record(
        actor,
        AuditEvent.Action.CHANGED if existing else AuditEvent.Action.CREATED,
        section,
        _experiment(questionnaire),
        {
            "rows": [sorted(existing), [q.code for q in ordered]],
            "choice_list": ["", scale.name],
        },
    )
    return section


# ---------------------------------------------------------------- choice lists


@dataclass
class ChoiceRow:
    value: str
    label_fr: str = ""
    label_en: str = ""


def _choice_rows(choice_list: ChoiceList) -> list[tuple[str, str, str]]:
    return [(c.value, c.label_fr, c.label_en) for c in choice_list.choices.all()]


@transaction.atomic
@in_site_language
def create_choice_list(
    actor, questionnaire: Questionnaire, name: str, rows: list[ChoiceRow]
) -> ChoiceList:
    version = begin_structural_edit(questionnaire, actor)
    taken = set(version.choice_lists.values_list("name", flat=True))
    choice_list = ChoiceList.objects.create(version=version, name=free_code(name or "liste", taken))
    _write_choices(choice_list, rows)
    record(
        actor,
        AuditEvent.Action.CREATED,
        choice_list,
        _experiment(questionnaire),
        {"choices": [[], [r.value for r in rows]]},
    )
    return choice_list


def _write_choices(choice_list: ChoiceList, rows: list[ChoiceRow]) -> None:
    choice_list.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(
            choice_list=choice_list,
            value=r.value,
            label_fr=r.label_fr,
            label_en=r.label_en,
            position=i,
        )
        for i, r in enumerate(rows)
    )


@transaction.atomic
@in_site_language
def update_choice_list(actor, choice_list: ChoiceList, name: str, rows: list[ChoiceRow]):
    """Rename, relabel, add, remove or reorder choices. Only relabelling is a wording fix; the
    rest is structural (answers are stored by value, in the order they were offered)."""
    questionnaire = _check_current(choice_list)
    stored = ChoiceList.objects.prefetch_related("choices").get(pk=choice_list.pk)
    before = _choice_rows(stored)
    old_values = [v for v, _fr, _en in before]
    structural = name != stored.name or old_values != [r.value for r in rows]
    if structural:
        version = begin_structural_edit(questionnaire, actor)
        stored = _counterpart_list(stored, version)
        if name != stored.name:
            if version.choice_lists.filter(name=name).exclude(pk=stored.pk).exists():
                raise EditRefused(
                    interpolate_lazy(
                        _("There is already a choice list named “%(name)s”."), {"name": name}
                    )
                )
            stored.name = name
            stored.save(update_fields=["name"])
        _write_choices(stored, rows)
    else:
        by_value = {c.value: c for c in stored.choices.all()}
        for row in rows:
            choice = by_value[row.value]
            choice.label_fr, choice.label_en = row.label_fr, row.label_en
        Choice.objects.bulk_update(by_value.values(), ["label_fr", "label_en"])
    after = [(r.value, r.label_fr, r.label_en) for r in rows]
    if before != after or structural:
        changes = {"choices": [[list(c) for c in before], [list(c) for c in after]]}
        if not structural:
            changes["wording_only"] = [None, True]
        record(actor, AuditEvent.Action.CHANGED, stored, _experiment(questionnaire), changes)
    return stored


@transaction.atomic
@in_site_language
def delete_choice_list(actor, choice_list: ChoiceList) -> None:
    questionnaire = _check_current(choice_list)
    if choice_list.questions.exists():
        raise EditRefused(_("This list is used by questions: change them first."))
    version = begin_structural_edit(questionnaire, actor)
    stored = _counterpart_list(choice_list, version)
    record(
        actor,
        AuditEvent.Action.DELETED,
        stored,
        _experiment(questionnaire),
        {"name": [stored.name, ""]},
    )
    stored.delete()


def matching_list(version: QuestionnaireVersion, rows: list[ChoiceRow]) -> ChoiceList | None:
    """A list of `version` with exactly these values and labels in this order, if any."""
    wanted = [(r.value, r.label_fr, r.label_en) for r in rows]
    for choice_list in version.choice_lists.prefetch_related("choices"):
        if _choice_rows(choice_list) == wanted:
            return choice_list
    return None


@transaction.atomic
@in_site_language
def create_questionnaire(actor, experiment, title: str) -> Questionnaire:
    """A new empty draft questionnaire, with its version 1."""
    from civiclab.surveys.services import _free_form_id

    form_id = slugify(title)[:60] or "questionnaire"
    questionnaire = Questionnaire.objects.create(
        experiment=experiment, title=title[:200], form_id=_free_form_id(experiment, form_id)
    )
    QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(actor, AuditEvent.Action.CREATED, questionnaire, experiment, {"title": ["", title]})
    return questionnaire
