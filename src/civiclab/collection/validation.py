"""Server-side check of answers against the questionnaire version they were given with.

Every channel (online form, tablet queue, paper entry, file import) ends here, so a browser
or a file can never store what the questionnaire does not allow. Answer values, by type:
single choice, scale and yes/no: the choice value (str); multiple choice and ranking: a list
of choice values; integer: int; decimal: float; texts: str; date: "YYYY-MM-DD".
Notes take no answer; calculations are computed here, whatever the client sent.
Answers to questions hidden by their show-if condition are dropped, as ODK does.
"""

import datetime
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from civiclab.surveys import expressions
from civiclab.surveys.models import Question, QuestionnaireVersion

T = Question.Type
CHOICE_TYPES = {T.SINGLE_CHOICE, T.SCALE, T.YES_NO}
LIST_TYPES = {T.MULTIPLE_CHOICE, T.RANKING}
NO_ANSWER_TYPES = {T.NOTE, T.CALCULATE}
TEXT_LIMITS = {T.SHORT_TEXT: 500, T.LONG_TEXT: 10_000}
# Control characters other than tab and newline have no place in an answer.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FieldSpec:
    code: str
    type: str
    label: str
    required: bool = False
    relevant: tuple = ()  # ASTs that must all be true: the section's, then the question's
    constraint: dict | None = None
    constraint_message: dict = field(default_factory=dict)  # language -> text
    calculation: dict | None = None
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_choices: int | None = None
    personal: bool = False

    # Worked out on first use, then kept with the spec (services.spec_for keeps specs in
    # memory): every answer of every channel goes through them.

    @cached_property
    def conditions(self) -> tuple[expressions.Expression, ...]:
        return tuple(expressions.compile_tree(ast) for ast in self.relevant)

    @cached_property
    def rule(self) -> expressions.Expression | None:
        return expressions.compile_tree(self.constraint) if self.constraint else None

    @cached_property
    def formula(self) -> expressions.Expression | None:
        return expressions.compile_tree(self.calculation) if self.calculation else None

    @cached_property
    def accepted(self) -> frozenset[str]:
        return frozenset(self.choices)


@dataclass(frozen=True)
class FormSpec:
    version_id: int
    version_number: int
    fields: tuple[FieldSpec, ...]

    def field(self, code: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.code == code), None)

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.fields)

    @cached_property
    def personal_codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.fields if f.personal)

    @cached_property
    def answered(self) -> tuple[FieldSpec, ...]:
        """The questions `check` reads, in order: notes take no answer, and a calculation
        without a formula has nothing to compute."""
        return tuple(
            f
            for f in self.fields
            if f.type != T.NOTE and (f.type != T.CALCULATE or f.calculation is not None)
        )


@dataclass
class Checked:
    answers: dict  # anonymous answers, ready to store
    personal: dict  # answers to personal-data questions, stored apart
    errors: dict  # question code (or "__all__") -> message

    @property
    def ok(self) -> bool:
        return not self.errors


def _parsed(text: str) -> dict | None:
    # The builder and the XLSForm import refuse bad expressions, so one here is a bug in
    # stored data: fail loudly rather than silently skip a condition.
    return expressions.parse(text) if text.strip() else None


def form_spec(version: QuestionnaireVersion) -> FormSpec:
    """Everything needed to check answers to `version`, read in three queries."""
    questions = (
        version.questions.select_related("section", "choice_list")
        .prefetch_related("choice_list__choices")
        .order_by("position", "pk")
    )
    fields = []
    for q in questions:
        relevant = tuple(
            ast
            for ast in (_parsed(q.section.relevant) if q.section else None, _parsed(q.relevant))
            if ast is not None
        )
        choices = tuple(c.value for c in q.choice_list.choices.all()) if q.choice_list else ()
        fields.append(
            FieldSpec(
                code=q.code,
                type=q.type,
                label=q.label_fr or q.label_en or q.code,
                required=q.required,
                relevant=relevant,
                constraint=_parsed(q.constraint),
                constraint_message={"fr": q.constraint_message_fr, "en": q.constraint_message_en},
                calculation=_parsed(q.calculation),
                choices=choices,
                minimum=q.min_value,
                maximum=q.max_value,
                max_choices=q.max_choices,
                personal=q.is_personal_data,
            )
        )
    return FormSpec(version.pk, version.number, tuple(fields))


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def _clean_text(value, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(_("A text is expected."))
    text = unicodedata.normalize("NFC", CONTROL.sub("", value)).strip()
    if len(text) > limit:
        raise ValueError(_("At most %(limit)s characters.") % {"limit": limit})
    return text


def _number(value, integer: bool):
    if isinstance(value, bool):
        raise ValueError(_("A number is expected."))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    elif isinstance(value, str) and len(value) <= 40:
        try:
            number = Decimal(value.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("A number is expected.")) from None
    else:
        raise ValueError(_("A number is expected."))
    if not number.is_finite():
        raise ValueError(_("A number is expected."))
    if integer:
        if number != number.to_integral_value():
            raise ValueError(_("A whole number is expected."))
        return int(number)
    return float(number)


def _date(value) -> str:
    if isinstance(value, str):
        text = value.strip()
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                day = datetime.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("A date is expected, as dd/mm/yyyy."))
        if 1900 <= day.year <= 2100:
            return day.isoformat()
    raise ValueError(_("A date is expected, as dd/mm/yyyy."))


def _choice(value, spec: FieldSpec) -> str:
    if not isinstance(value, str) or value not in spec.accepted:
        raise ValueError(_("This is not one of the proposed answers."))
    return value


def _choices(value, spec: FieldSpec) -> list[str]:
    if isinstance(value, str):
        value = value.split()  # XLSForm writes several choices separated by spaces
    if not isinstance(value, list | tuple) or len(value) > len(spec.choices):
        raise ValueError(_("A list of proposed answers is expected."))
    picked = [_choice(v, spec) for v in value if v != ""]
    if len(set(picked)) != len(picked):
        raise ValueError(_("The same answer is given twice."))
    return picked


def coerce(spec: FieldSpec, value) -> Any:
    """The value in its stored form, or ValueError with a message for the respondent."""
    if spec.type in CHOICE_TYPES:
        return _choice(value, spec)
    if spec.type in LIST_TYPES:
        return _choices(value, spec)
    if spec.type in (T.INTEGER, T.DECIMAL):
        return _number(value, integer=spec.type == T.INTEGER)
    if spec.type == T.DATE:
        return _date(value)
    return _clean_text(value, TEXT_LIMITS.get(spec.type, 500))


def _shown_number(number: Decimal) -> str:
    return number_format(number.normalize() if number == number.to_integral() else number)


def check_limits(spec: FieldSpec, value) -> None:
    """Bounds and maximum number of choices set in the builder; ValueError when broken.

    Checked after the constraint, so that the author's own message, when the constraint
    says the same thing, is the one shown."""
    if spec.type in (T.INTEGER, T.DECIMAL):
        if spec.minimum is not None and value < spec.minimum:
            message = _("The smallest accepted value is %(n)s.")
            raise ValueError(message % {"n": _shown_number(spec.minimum)})
        if spec.maximum is not None and value > spec.maximum:
            message = _("The largest accepted value is %(n)s.")
            raise ValueError(message % {"n": _shown_number(spec.maximum)})
    if spec.type in LIST_TYPES and spec.max_choices and len(value) > spec.max_choices:
        raise ValueError(_("At most %(n)s answers.") % {"n": spec.max_choices})


def is_relevant(spec: FieldSpec, values: dict) -> bool:
    """Whether the question is shown, given the answers before it."""
    return all(expressions.is_true(condition(values)) for condition in spec.conditions)


def _constraint_message(spec: FieldSpec) -> str:
    language = (get_language() or "fr")[:2]
    messages = spec.constraint_message
    return messages.get(language) or messages.get("fr") or _("This answer is not accepted.")


def _calculated(spec: FieldSpec, values: dict):
    result = spec.formula(values)
    if isinstance(result, Decimal):
        result = float(result)
    if isinstance(result, float) and not math.isfinite(result):
        return None
    return result


def _broken_rule(spec: FieldSpec, values: dict) -> str:
    if spec.rule is not None and not expressions.is_true(spec.rule(values, values[spec.code])):
        return _constraint_message(spec)
    try:
        check_limits(spec, values[spec.code])
    except ValueError as error:
        return str(error)
    return ""


def check(spec: FormSpec, raw: Mapping[str, Any], only: set[str] | None = None) -> Checked:
    """Coerce and check `raw` (question code -> submitted value) in questionnaire order.

    `only` limits the required and constraint checks to some questions (one page of the
    online form); the other answers are still coerced and kept."""
    known = spec.codes
    errors = {
        code: _("Unknown question “%(code)s”.") % {"code": str(code)[:100]}
        for code in raw
        if code not in known
    }
    values: dict = {}
    for f in spec.answered:
        if f.conditions and not is_relevant(f, values):
            continue
        if f.type == T.CALCULATE:
            values[f.code] = _calculated(f, values)
            continue
        value = raw.get(f.code)
        checking = only is None or f.code in only
        if _empty(value):
            if f.required and checking:
                errors[f.code] = _("This question requires an answer.")
            continue
        try:
            values[f.code] = coerce(f, value)
        except ValueError as error:
            errors[f.code] = str(error)
            continue
        if checking:
            error = _broken_rule(f, values)
            if error:
                errors[f.code] = error
    personal_codes = spec.personal_codes
    return Checked(
        answers={k: v for k, v in values.items() if k not in personal_codes and v is not None},
        personal={k: v for k, v in values.items() if k in personal_codes},
        errors=errors,
    )
