"""Turning one row of an imported file into checked answers: the column plan and its checks.

The reference is `evaluate_row`: each mapped cell goes through tabular's converter for its
question type, then the whole row through `validation.check`, the rules every channel
shares. `RowReader.read` gives the same result faster when the questionnaire has no
condition, constraint or calculation (then `check` is, per question, "coerce the value,
or say it is required"): each column remembers what each distinct cell became, so the
"Plutôt d'accord" of a million rows is read and checked once. tests/collection/
test_import_fuzz.py compares both on many generated rows, edge cases included.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from civiclab.collection import tabular
from civiclab.collection.tabular import (
    CellError,
    ChoiceMatcher,
    ChoiceSpec,
    QuestionSpec,
)
from civiclab.collection.validation import Checked, FieldSpec, FormSpec, check, coerce
from civiclab.surveys.models import Choice, Question, QuestionnaireVersion

T = Question.Type
NOT_ANSWERED = {T.NOTE, T.CALCULATE}
# Past this many distinct values a column stops remembering them (free texts, identifiers):
# memory stays bounded and those columns are cheap to read anyway.
MEMO_LIMIT = 20_000

# What a column is mapped to.
QUESTION, OPTION, EXTERNAL_ID, SUBMITTED_AT, IGNORE = (
    "question",
    "option",
    tabular.EXTERNAL_ID,
    tabular.SUBMITTED_AT,
    "ignore",
)


class MappingError(ValueError):
    """A column mapping that cannot be used; the message says why, in the reader's words."""


def question_specs(version: QuestionnaireVersion) -> list[QuestionSpec]:
    """The questions of `version` with labels and choices, for mapping and converting."""
    questions = (
        version.questions.select_related("section", "choice_list")
        .order_by("section__position", "position")
        .prefetch_related("choice_list__choices")
    )
    specs = []
    for question in questions:
        choices: Sequence[Choice] = (
            question.choice_list.choices.all() if question.choice_list else []
        )
        specs.append(
            QuestionSpec(
                code=question.code,
                type=question.type,
                labels=tuple(label for label in (question.label_fr, question.label_en) if label),
                choices=tuple(
                    ChoiceSpec(c.value, tuple(x for x in (c.label_fr, c.label_en) if x))
                    for c in choices
                ),
            )
        )
    return specs


def as_text(value: tabular.Cell) -> str | None:
    """A text answer from a cell; XLSX numbers and dates written as a person would."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != time() else f"{value:%d/%m/%Y}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _as_date(value: tabular.Cell) -> str | None:
    day = tabular.parse_date(value)
    return None if day is None else day.isoformat()


def converter(question: QuestionSpec) -> Callable[[tabular.Cell], object]:
    """Cell -> the value `validation.check` expects for this question; raises CellError."""
    kind = question.type
    if kind in (T.SINGLE_CHOICE, T.SCALE, T.YES_NO, T.MULTIPLE_CHOICE, T.RANKING):
        matcher = ChoiceMatcher(question.choices)
        if kind == T.YES_NO:
            return lambda value: tabular.parse_yes_no(value, matcher)
        if kind == T.MULTIPLE_CHOICE:
            return lambda value: tabular.parse_multiple(value, matcher)
        if kind == T.RANKING:
            return lambda value: tabular.parse_multiple(value, matcher, entry_order=True)
        return matcher.match
    if kind in (T.INTEGER, T.DECIMAL):
        return tabular.parse_number
    if kind == T.DATE:
        return _as_date
    return as_text


@dataclass(frozen=True)
class Column:
    """One column of the file and what it is read as."""

    index: int
    header: str
    kind: str = IGNORE
    code: str | None = None
    option: str | None = None


@dataclass
class RowResult:
    """What one row became: the checked answers, and the problems by question code."""

    answers: dict
    personal: dict
    errors: dict  # question code -> message
    cells: dict  # question code -> the cell shown in the report

    @property
    def ok(self) -> bool:
        return not self.errors


class ColumnPlan:
    """A mapping checked against one questionnaire version, ready to read rows."""

    def __init__(self, spec: FormSpec, questions: list[QuestionSpec], columns: list[Column]):
        self.spec, self.columns = spec, columns
        by_code = {q.code: q for q in questions}
        fields = {f.code: f for f in spec.fields}
        self.whole: dict[str, Column] = {}  # code -> the column holding the whole answer
        self.options: dict[str, list[Column]] = {}  # code -> one column per option
        self.external_id = self.submitted_at = None
        for column in columns:
            if column.kind in (QUESTION, OPTION):
                self._add(column, fields.get(column.code), by_code.get(column.code))
            elif column.kind == EXTERNAL_ID:
                if self.external_id is not None:
                    raise MappingError(_("Only one column can hold the answers' identifier."))
                self.external_id = column
            elif column.kind == SUBMITTED_AT:
                if self.submitted_at is not None:
                    raise MappingError(_("Only one column can hold the submission date."))
                self.submitted_at = column
        if not self.whole and not self.options:
            raise MappingError(_("No column is matched with a question: nothing to import."))
        self.converters = {code: converter(by_code[code]) for code in self.whole}
        self.matchers = {code: ChoiceMatcher(by_code[code].choices) for code in self.options}
        self.fields = fields

    def _add(self, column: Column, field: FieldSpec | None, question: QuestionSpec | None):
        if field is None or question is None or field.type in NOT_ANSWERED:
            raise MappingError(
                _("Column “%(header)s”: the questionnaire has no question “%(code)s” to answer.")
                % {"header": column.header, "code": column.code}
            )
        taken = column.code in self.whole or (
            column.kind == QUESTION and column.code in self.options
        )
        if taken:
            raise MappingError(
                _("The question “%(code)s” is matched with more than one column.")
                % {"code": column.code}
            )
        if column.kind == QUESTION:
            self.whole[column.code] = column
            return
        if field.type != T.MULTIPLE_CHOICE or column.option not in field.choices:
            raise MappingError(
                _("Column “%(header)s”: “%(option)s” is not an option of “%(code)s”.")
                % {"header": column.header, "option": column.option, "code": column.code}
            )
        same = [c for c in self.options.get(column.code, []) if c.option == column.option]
        if same:
            raise MappingError(
                _("The option “%(option)s” of “%(code)s” is matched with more than one column.")
                % {"option": column.option, "code": column.code}
            )
        self.options.setdefault(column.code, []).append(column)

    @property
    def mapped_codes(self) -> set[str]:
        return set(self.whole) | set(self.options)

    def source(self, code: str) -> str:
        """The header(s) a question is read from, for the report."""
        if code in self.whole:
            return self.whole[code].header
        if code in self.options:
            return ", ".join(c.header for c in self.options[code])
        return ""

    def unmapped_required(self) -> list[FieldSpec]:
        return [
            f
            for f in self.spec.fields
            if f.required and f.type not in NOT_ANSWERED and f.code not in self.mapped_codes
        ]

    # --- reading a row: the reference ------------------------------------------------

    def convert(self, cells: Sequence[tabular.Cell]) -> tuple[dict, dict, dict]:
        """(raw answers for `check`, conversion errors, cell texts), by question code."""
        raw, errors, shown = {}, {}, {}
        for code, column in self.whole.items():
            cell = cells[column.index]
            try:
                raw[code] = self.converters[code](cell)
            except CellError as error:
                errors[code], shown[code] = str(error), cell
        for code, columns in self.options.items():
            try:
                raw[code] = self._ticked(code, [cells[c.index] for c in columns], columns)
            except CellError as error:
                errors[code] = str(error)
                shown[code] = next(
                    (
                        cells[c.index]
                        for c in columns
                        if _fails(tabular.parse_checkbox, cells[c.index])
                    ),
                    None,
                )
        return raw, errors, shown

    def _ticked(self, code: str, cells: list, columns: list[Column]) -> list | None:
        ticks = [tabular.parse_checkbox(cell) for cell in cells]
        if all(tick is None for tick in ticks):
            return None
        picked = [c.option for c, tick in zip(columns, ticks, strict=True) if tick]
        return self.matchers[code].sort(picked)

    def evaluate_row(self, cells: Sequence[tabular.Cell]) -> RowResult:
        """The reference: convert every mapped cell, then `validation.check` the row."""
        raw, cell_errors, shown = self.convert(cells)
        checked: Checked = check(self.spec, raw)
        errors = {**checked.errors, **cell_errors}  # a cell that cannot be read says why
        for code in errors:
            if code not in shown and code in self.whole:
                shown[code] = cells[self.whole[code].index]
            elif code not in shown and code in self.options:
                shown[code] = None
        return RowResult(checked.answers, checked.personal, errors, shown)


def _fails(function, value) -> bool:
    try:
        function(value)
    except CellError:
        return True
    return False


class RowReader:
    """Reads rows of one plan; `read` equals `plan.evaluate_row`, faster when it can be."""

    def __init__(self, plan: ColumnPlan):
        self.plan = plan
        spec = plan.spec
        # Without conditions, constraints or calculations, check() treats each question
        # alone, so what a cell becomes can be remembered per distinct cell.
        self.fast = all(
            not f.relevant
            and f.constraint is None
            and (f.type != T.CALCULATE or f.calculation is None)
            for f in spec.fields
        )
        self.personal = {f.code for f in spec.fields if f.personal}
        self.required_message = _("This question requires an answer.")
        self._steps = []
        for f in spec.fields:
            if f.type in NOT_ANSWERED:
                continue
            if f.code in plan.whole:
                step = (f, plan.whole[f.code].index, self._cell_reader(f))
            elif f.code in plan.options:
                step = (f, None, self._options_reader(f))
            else:
                step = (f, None, None)
            self._steps.append(step)
        self._fast_steps = [
            (
                f.code,
                index,
                reader,
                getattr(reader, "memo", None) if index is not None else None,
                f.required,
                f.code in self.personal,
            )
            for f, index, reader in self._steps
        ]

    def _cell_reader(self, field: FieldSpec):
        convert, memo = self.plan.converters[field.code], {}

        def read(cell):
            key = cell if type(cell) is str else (type(cell), cell)
            found = memo.get(key)
            if found is None:
                found = _coerced(field, convert, cell)
                if len(memo) < MEMO_LIMIT:
                    memo[key] = found
            return found

        read.memo = memo
        return read

    def _options_reader(self, field: FieldSpec):
        columns = self.plan.options[field.code]
        indexes = [c.index for c in columns]
        memo: dict = {}

        def read(cells):
            key = tuple(
                cells[i] if type(cells[i]) is str else (type(cells[i]), cells[i]) for i in indexes
            )
            found = memo.get(key)
            if found is None:
                found = _coerced(
                    field,
                    lambda _cells: self.plan._ticked(field.code, _cells, columns),
                    [cells[i] for i in indexes],
                )
                if found[0] == "cell":
                    failing = (
                        cells[i] for i in indexes if _fails(tabular.parse_checkbox, cells[i])
                    )
                    found = ("cell", found[1], next(failing, None))
                elif found[0] == "check":
                    found = ("check", found[1], None)
                if len(memo) < MEMO_LIMIT:
                    memo[key] = found
            return found

        return read

    def read(self, cells: Sequence[tabular.Cell]) -> RowResult:
        if not self.fast:
            return self.plan.evaluate_row(cells)
        answers, personal, errors, shown = {}, {}, {}, {}
        # The hot loop of an import: _cell_reader's memo lookup, inlined.
        for code, index, reader, memo, required, is_personal in self._fast_steps:
            if memo is not None:
                cell = cells[index]
                found = memo.get(cell) if type(cell) is str else memo.get((type(cell), cell))
                if found is None:
                    found = reader(cell)
            elif reader is not None:
                found = reader(cells)
            else:
                found = _EMPTY_FOUND
            state = found[0]
            if state == "ok":
                if is_personal:
                    personal[code] = found[1]
                else:
                    answers[code] = found[1]
            elif state == "empty":
                if required:
                    errors[code] = self.required_message
                    if index is not None:
                        shown[code] = cells[index]
                    elif code in self.plan.options:
                        shown[code] = None
            else:
                errors[code] = found[1]
                shown[code] = cells[index] if index is not None else found[2]
        return RowResult(answers, personal, errors, shown)


_EMPTY_FOUND = ("empty",)


def _coerced(field: FieldSpec, convert, cell) -> tuple:
    """("ok", stored value) | ("empty",) | ("cell" or "check", message[, cell shown])."""
    try:
        value = convert(cell)
    except CellError as error:
        return ("cell", str(error), cell)
    if value is None or value == "" or value == []:
        return ("empty",)
    try:
        return ("ok", coerce(field, value))
    except ValueError as error:
        return ("check", str(error), cell)
