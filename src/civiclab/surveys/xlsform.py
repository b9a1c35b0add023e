"""Reading and writing XLSForms (the KoboToolbox / ODK format): a file becomes a plan, a
version becomes a file. Saving a plan is the job of `services.import_xlsform`."""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pyxform.errors import PyXFormError
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2xform import convert

from civiclab.core.text import interpolate_lazy
from civiclab.surveys import expressions
from civiclab.surveys.models import XLSFORM_NAME_PATTERN, Question

Type = Question.Type

FR_COLUMN = "Français (fr)"
EN_COLUMN = "English (en)"

# Metadata the phone fills in by itself: not questions, skipped but still reported.
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
    "uri:deviceid",
}
UNSUPPORTED_TYPES = {
    "geopoint": _("Geographic points are not supported."),
    "geotrace": _("Geographic traces are not supported."),
    "geoshape": _("Geographic shapes are not supported."),
    "image": _("Photos and images are not supported."),
    "audio": _("Audio recordings are not supported."),
    "video": _("Video recordings are not supported."),
    "file": _("File attachments are not supported."),
    "barcode": _("Barcodes are not supported."),
    "time": _("Times of day are not supported yet."),
    "datetime": _("Dates with a time are not supported yet."),
    "acknowledge": _("Acknowledgements are not supported yet."),
    "hidden": _("Hidden fields are not supported."),
}
for _alias, _canonical in {
    "date time": "datetime",
    "gps": "geopoint",
    "location": "geopoint",
    "photo": "image",
}.items():
    UNSUPPORTED_TYPES[_alias] = UNSUPPORTED_TYPES[_canonical]
TYPE_ALIASES = {
    "select one": "select_one",
    "select multiple": "select_multiple",
    "begin group": "begin_group",
    "end group": "end_group",
    "begin repeat": "begin_repeat",
    "end repeat": "end_repeat",
    "select all that apply": "select_multiple",
    "int": "integer",
    "string": "text",
}
COLUMN_ALIASES = {
    "list name": "list_name",
    "constraint message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "choice filter": "choice_filter",
    "value": "name",
    "title": "form_title",
}
TRANSLATED_COLUMNS = {"label", "hint", "constraint_message"}
SURVEY_COLUMNS = {
    "type",
    "name",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "choice_filter",
    "calculation",
    "parameters",
}
# Types that take an argument or are structure, beside pyxform's own dictionary of types.
KNOWN_KINDS = {
    "select_one",
    "select_multiple",
    "rank",
    "select_one_from_file",
    "select_multiple_from_file",
    "begin_group",
    "begin_repeat",
    "range",
    "xml-external",
    "csv-external",
}
YES_NO_VALUES = [{"yes", "no"}, {"oui", "non"}]

# Codes that say a question collects personal data, as whole words of the code
# (so "nom" matches "nom_complet" but not "nombre"). See decision 007.
PERSONAL_DATA_WORDS = {
    "name",
    "firstname",
    "lastname",
    "surname",
    "nom",
    "prenom",
    "email",
    "mail",
    "courriel",
    "phone",
    "telephone",
    "tel",
    "mobile",
    "portable",
    "adresse",
    "address",
}

NAME_RE = re.compile(XLSFORM_NAME_PATTERN)
MAX_NAME_LENGTH = 100  # the length of the code, name, value and appearance fields
BOUND_RE = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*$")
MAX_CHOICES_RE = re.compile(r"count-selected\(\s*\.\s*\)\s*<=\s*(\d+)")
PYXFORM_ROW_RE = re.compile(r"\[row\s*:\s*(\d+)\]")


@dataclass
class ReportLine:
    """One row of the survey sheet that was not imported as-is, with why."""

    row: int | None
    type: str
    name: str
    reason: str
    skipped: bool = True


@dataclass
class PlannedChoice:
    value: str
    label_fr: str = ""
    label_en: str = ""
    filters: dict = field(default_factory=dict)


@dataclass
class PlannedSection:
    code: str
    label_fr: str = ""
    label_en: str = ""
    relevant: str = ""
    appearance: str = ""


@dataclass
class PlannedQuestion:
    row: int
    code: str
    type: str
    section: str | None = None
    label_fr: str = ""
    label_en: str = ""
    hint_fr: str = ""
    hint_en: str = ""
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message_fr: str = ""
    constraint_message_en: str = ""
    appearance: str = ""
    choice_list: str | None = None
    choice_filter: str = ""
    calculation: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    step: Decimal | None = None
    max_choices: int | None = None
    is_personal_data: bool = False


@dataclass
class Plan:
    title: str
    form_id: str
    version: str
    default_language: str
    sections: list[PlannedSection] = field(default_factory=list)
    questions: list[PlannedQuestion] = field(default_factory=list)
    choice_lists: dict[str, list[PlannedChoice]] = field(default_factory=dict)
    report: list[ReportLine] = field(default_factory=list)


# ---------------------------------------------------------------- reading the workbook


def cell_text(value) -> str:
    """A cell as the text a person typed (1 not 1.0, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def language_of(name: str) -> str | None:
    """'Français (fr)', 'fr', 'French' -> 'fr'; 'English (en)', 'en' -> 'en'; else None."""
    name = name.strip().lower()
    match = re.search(r"\(([a-z]{2,3})\)\s*$", name)
    code = match.group(1) if match else name
    if code in {"fr", "fre", "fra", "french", "français", "francais"}:
        return "fr"
    if code in {"en", "eng", "english", "anglais"}:
        return "en"
    return None


def column_key(header: str, default_language: str) -> str | None:
    """The internal key of a header ('label_fr', 'type', ...) or None when unknown."""
    header = header.strip()
    base, _sep, language = header.partition("::")
    base = base.strip().lower()
    base = COLUMN_ALIASES.get(base, base).replace(" ", "_")
    if base in TRANSLATED_COLUMNS:
        lang = language_of(language) if language else default_language
        return f"{base}_{lang}" if lang else None
    return base


def read_sheet(
    sheet, default_language: str, allowed: set[str] | None = None
) -> tuple[list[tuple[int, dict]], list[str]]:
    """Rows of a sheet as (row number, {key: text}), and the headers left out."""
    rows = sheet.iter_rows(values_only=True)
    headers = next(rows, None) or ()
    keys, ignored = [], []
    for header in headers:
        text = cell_text(header)
        key = column_key(text, default_language) if text else None
        if allowed is not None and key not in allowed:
            key = None
        keys.append(key)
        if text and key is None:
            ignored.append(text)
    result = []
    for number, values in enumerate(rows, start=2):
        record = {}
        for key, value in zip(keys, values, strict=False):
            if key and key not in record:
                record[key] = cell_text(value)
            elif key:
                record[key] = record[key] or cell_text(value)
        if any(record.values()):
            result.append((number, record))
    return result, ignored


def open_workbook(data: bytes):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors all mean "not an XLSX"
        raise ValidationError(
            _("The file is not a readable Excel workbook (.xlsx)."), code="not_xlsx"
        ) from error


def sheets_by_name(workbook) -> dict:
    return {name.strip().lower(): workbook[name] for name in workbook.sheetnames}


def read_settings(sheets: dict) -> dict:
    if "settings" not in sheets:
        return {}
    rows, _ignored = read_sheet(sheets["settings"], "fr")
    return rows[0][1] if rows else {}


# ---------------------------------------------------------------- checking


def row_error(row: int, message, code: str, **params) -> ValidationError:
    params["row"] = row
    return ValidationError(message, code=code, params=params)


def check_survey(survey_rows, choice_lists: dict) -> None:
    """The mistakes people make by hand, reported with their row before pyxform sees them."""
    errors, seen = [], {}
    for row, record in survey_rows:
        kind, argument = split_type(record.get("type", ""))
        name = record.get("name", "")
        if kind in {"end_group", "end_repeat", ""}:
            continue
        if kind not in KNOWN_KINDS and kind not in QUESTION_TYPE_DICT:
            errors.append(
                row_error(
                    row,
                    _("Row %(row)s, column “type”: “%(type)s” is not an XLSForm question type."),
                    "unknown_type",
                    type=record.get("type", ""),
                )
            )
            continue
        if not name:
            errors.append(
                row_error(row, _("Row %(row)s: the “name” column is empty."), "missing_name")
            )
            continue
        if len(name) > MAX_NAME_LENGTH:
            errors.append(
                row_error(
                    row,
                    _("Row %(row)s, column “name”: a name has at most %(max)s characters."),
                    "long_name",
                    max=MAX_NAME_LENGTH,
                )
            )
        if len(record.get("appearance", "")) > MAX_NAME_LENGTH:
            errors.append(
                row_error(
                    row,
                    _("Row %(row)s, column “appearance”: at most %(max)s characters."),
                    "long_appearance",
                    max=MAX_NAME_LENGTH,
                )
            )
        if not NAME_RE.match(name):
            errors.append(
                row_error(
                    row,
                    _(
                        "Row %(row)s, column “name”: “%(name)s” is not a valid name (a letter "
                        "or an underscore first, then letters, digits, _ - or ., no spaces)."
                    ),
                    "invalid_name",
                    name=name,
                )
            )
        if name in seen:
            errors.append(
                row_error(
                    row,
                    _("Row %(row)s: the name “%(name)s” is already used on row %(other)s."),
                    "duplicate_name",
                    name=name,
                    other=seen[name],
                )
            )
        seen.setdefault(name, row)
        if kind in {"select_one", "select_multiple", "rank"}:
            argument = argument.replace("or_other", "").strip()
            if not argument:
                errors.append(
                    row_error(
                        row,
                        _("Row %(row)s, column “type”: “%(type)s” needs a choice list name."),
                        "missing_list",
                        type=kind,
                    )
                )
            elif argument not in choice_lists:
                errors.append(
                    row_error(
                        row,
                        _(
                            "Row %(row)s, column “type”: the choice list “%(list)s” is not on "
                            "the “choices” sheet."
                        ),
                        "unknown_list",
                        list=argument,
                    )
                )
    if errors:
        raise ValidationError(errors)


def check_with_pyxform(data: bytes) -> list[str]:
    """Let pyxform, the reference implementation, judge the form; return its warnings."""
    warnings: list[str] = []
    try:
        convert(xlsform=data, warnings=warnings, file_type=".xlsx")
    except PyXFormError as error:
        detail = str(error)
        match = PYXFORM_ROW_RE.search(detail)
        if match:
            raise row_error(
                int(match.group(1)),
                _("Row %(row)s: this is not a valid XLSForm: %(detail)s"),
                "pyxform",
                detail=PYXFORM_ROW_RE.sub("", detail).strip(),
            ) from error
        raise ValidationError(
            _("This is not a valid XLSForm: %(detail)s"),
            code="pyxform",
            params={"detail": detail},
        ) from error
    return warnings


# ---------------------------------------------------------------- building the plan


def split_type(text: str) -> tuple[str, str]:
    """'select_one accord' -> ('select_one', 'accord'); 'date time' -> ('date time', '')."""
    text = " ".join(text.split())
    lowered = text.lower()
    if lowered in QUESTION_TYPE_DICT and lowered not in TYPE_ALIASES:
        return lowered, ""
    for alias, canonical in TYPE_ALIASES.items():
        if lowered == alias or lowered.startswith(alias + " "):
            text = canonical + text[len(alias) :]
            break
    kind, _sep, argument = text.partition(" ")
    return kind.lower(), argument.strip()


def parse_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


def parse_parameters(text: str) -> dict[str, str]:
    """'start=1 end=5 step=1' (spaces or semicolons) -> {'start': '1', ...}."""
    pairs = re.findall(r"([A-Za-z_-]+)\s*=\s*([^\s;,]+)", text)
    return {key.lower(): value for key, value in pairs}


def bounds_from_constraint(constraint: str) -> tuple[Decimal | None, Decimal | None]:
    """'. >= 0 and . <= 120' -> (0, 120). Other constraints give no bounds."""
    low = high = None
    for part in re.split(r"\s+and\s+", constraint.strip()):
        match = BOUND_RE.match(part)
        if match:
            value = Decimal(match.group(2))
            if match.group(1) == ">=":
                low = value
            else:
                high = value
    return low, high


def is_personal_data(code: str) -> bool:
    words = {w for w in re.split(r"[_.\-\d]+", code.lower()) if w}
    return bool(words & PERSONAL_DATA_WORDS)


def is_metadata(kind: str) -> bool:
    preloaded = "jr:preload" in QUESTION_TYPE_DICT.get(kind, {}).get("bind", {})
    return kind in METADATA_TYPES or preloaded


def is_yes_no(choices: list[PlannedChoice]) -> bool:
    values = {c.value.lower() for c in choices}
    return len(choices) == 2 and values in YES_NO_VALUES


def is_required(text: str) -> bool | None:
    """True/False for the usual spellings, None for a dynamic expression."""
    value = text.strip().lower()
    if value in {"yes", "true", "true()", "1", "oui"}:
        return True
    if value in {"", "no", "false", "false()", "0", "non"}:
        return False
    return None


def read_choices(sheets: dict, default_language: str, plan: Plan) -> None:
    if "choices" not in sheets:
        return
    rows, ignored = read_sheet(sheets["choices"], default_language)
    for header in ignored:
        plan.report.append(
            ReportLine(None, "", header, _("Column of the choices sheet ignored."), False)
        )
    known = {"list_name", "name", "label_fr", "label_en", "image", "media::image"}
    for row, record in rows:
        list_name = record.get("list_name", "")
        if not list_name:
            continue
        choices = plan.choice_lists.setdefault(list_name, [])
        value = record.get("name", "")
        if len(value) > MAX_NAME_LENGTH or len(list_name) > MAX_NAME_LENGTH:
            raise row_error(
                row,
                _(
                    "Row %(row)s of the “choices” sheet: list names and choice names have at "
                    "most %(max)s characters."
                ),
                "long_choice",
                max=MAX_NAME_LENGTH,
            )
        if any(c.value == value for c in choices):
            raise row_error(
                row,
                _("Row %(row)s of the “choices” sheet: “%(name)s” appears twice in “%(list)s”."),
                "duplicate_choice",
                name=value,
                list=list_name,
            )
        filters = {k: v for k, v in record.items() if k not in known and v}
        choices.append(
            PlannedChoice(value, record.get("label_fr", ""), record.get("label_en", ""), filters)
        )


def question_from_row(row: int, record: dict, kind: str, argument: str, plan: Plan):
    """A planned question for one supported row, or a report line saying why not."""
    name = record.get("name", "")
    appearance = record.get("appearance", "")
    question = PlannedQuestion(
        row=row,
        code=name,
        type="",
        label_fr=record.get("label_fr", ""),
        label_en=record.get("label_en", ""),
        hint_fr=record.get("hint_fr", ""),
        hint_en=record.get("hint_en", ""),
        relevant=record.get("relevant", ""),
        constraint=record.get("constraint", ""),
        constraint_message_fr=record.get("constraint_message_fr", ""),
        constraint_message_en=record.get("constraint_message_en", ""),
        appearance=appearance,
        choice_filter=record.get("choice_filter", ""),
        calculation=record.get("calculation", ""),
        is_personal_data=is_personal_data(name),
    )
    required = is_required(record.get("required", ""))
    question.required = bool(required)
    if required is None:
        plan.report.append(
            ReportLine(
                row,
                kind,
                name,
                _("A required condition that depends on other answers is imported as optional."),
                False,
            )
        )
    if kind in {"select_one", "select_multiple", "rank"}:
        if " or_other" in f" {argument}":
            argument = argument.replace("or_other", "").strip()
            plan.report.append(
                ReportLine(row, kind, name, _("“or_other” is not supported; ignored."), False)
            )
        question.choice_list = argument
        if kind == "rank":
            question.type = Type.RANKING
        elif kind == "select_multiple":
            question.type = Type.MULTIPLE_CHOICE
            match = MAX_CHOICES_RE.search(question.constraint)
            question.max_choices = int(match.group(1)) if match else None
        elif "likert" in appearance.lower():
            question.type = Type.SCALE
        elif is_yes_no(plan.choice_lists[argument]):
            question.type = Type.YES_NO
        else:
            question.type = Type.SINGLE_CHOICE
    elif kind in {"integer", "decimal"}:
        question.type = Type.INTEGER if kind == "integer" else Type.DECIMAL
        question.min_value, question.max_value = bounds_from_constraint(question.constraint)
    elif kind == "range":
        params = parse_parameters(record.get("parameters", ""))
        start = parse_decimal(params.get("start", "1")) or Decimal(0)
        end = parse_decimal(params.get("end", "10"))
        step = parse_decimal(params.get("step", "1")) or Decimal(1)
        end = Decimal(10) if end is None else end
        question.min_value, question.max_value, question.step = start, end, step
        whole = all(v == v.to_integral_value() for v in (start, end, step))
        if whole and 0 < (end - start) / step <= 10:
            question.type = Type.SCALE
        else:
            question.type = Type.INTEGER if whole else Type.DECIMAL
    elif kind == "text":
        multiline = "multiline" in appearance.lower()
        question.type = Type.LONG_TEXT if multiline else Type.SHORT_TEXT
    elif kind == "date":
        question.type = Type.DATE
    elif kind == "note":
        question.type = Type.NOTE
    elif kind == "calculate":
        question.type = Type.CALCULATE
    else:
        return None
    return question


def build_plan(data: bytes, *, filename: str = "") -> Plan:
    """Read and check an XLSForm; raise ValidationError (French messages, with rows) or
    return what would be imported and a report of everything left out."""
    workbook = open_workbook(data)
    sheets = sheets_by_name(workbook)
    if "survey" not in sheets:
        raise ValidationError(_("The workbook has no “survey” sheet."), code="no_survey")
    form_settings = read_settings(sheets)
    default_language = language_of(form_settings.get("default_language", "")) or "fr"
    stem = re.sub(r"\.xlsx?$", "", filename, flags=re.IGNORECASE)
    title = form_settings.get("form_title") or stem or form_settings.get("form_id", "")
    plan = Plan(
        title=title or str(_("Imported questionnaire")),
        form_id=slugify(form_settings.get("form_id") or title)[:80] or "questionnaire",
        version=form_settings.get("version", ""),
        default_language=default_language,
    )
    read_choices(sheets, default_language, plan)
    allowed = SURVEY_COLUMNS | {f"{c}_{lang}" for c in TRANSLATED_COLUMNS for lang in ("fr", "en")}
    survey_rows, ignored = read_sheet(sheets["survey"], default_language, allowed)
    for header in ignored:
        plan.report.append(
            ReportLine(None, "", header, _("Column of the survey sheet ignored."), False)
        )
    check_survey(survey_rows, plan.choice_lists)
    warnings = check_with_pyxform(data)
    workbook.close()
    plan_survey(survey_rows, plan)
    report_unreadable_expressions(plan)
    for warning in warnings:
        # pyxform's advice (a missing translation, an odd name...) in its own words.
        match = PYXFORM_ROW_RE.search(warning)
        row = int(match.group(1)) if match else None
        detail = PYXFORM_ROW_RE.sub("", warning).strip()
        plan.report.append(ReportLine(row, "", "", detail, skipped=False))
    return plan


EXPRESSION_COLUMNS = {
    "relevant": _("show if"),
    "constraint": _("constraint"),
    "calculation": _("calculation"),
    "choice_filter": _("choice filter"),
}


def report_unreadable_expressions(plan: Plan) -> None:
    """Expressions civiclab cannot evaluate (a function it does not know...) are kept as
    written, reported, and must be rewritten before the collection opens."""
    for question in plan.questions:
        for column, name in EXPRESSION_COLUMNS.items():
            text = getattr(question, column)
            try:
                expressions.parse(text, choice_filter=column == "choice_filter")
            except expressions.ExpressionError as error:
                detail = interpolate_lazy(
                    _(
                        "%(column)s not understood by civiclab (%(error)s): kept as written, to "
                        "rewrite before the collection opens."
                    ),
                    {"column": name, "error": error.message},
                )
                plan.report.append(
                    ReportLine(question.row, "", question.code, detail, skipped=False)
                )


def plan_survey(survey_rows, plan: Plan) -> None:
    groups: list[PlannedSection] = []  # the open groups, innermost last
    repeat_depth = 0
    repeat_row = 0
    for row, record in survey_rows:
        kind, argument = split_type(record.get("type", ""))
        name = record.get("name", "")
        if kind == "begin_repeat":
            if repeat_depth == 0:
                repeat_row = row
            repeat_depth += 1
            plan.report.append(
                ReportLine(row, kind, name, _("Repeats are not supported; the repeat is skipped."))
            )
            continue
        if kind == "end_repeat":
            repeat_depth = max(0, repeat_depth - 1)
            continue
        if repeat_depth:
            plan.report.append(
                ReportLine(
                    row,
                    record.get("type", ""),
                    name,
                    interpolate_lazy(
                        _("Inside the repeat that starts on row %(row)s, skipped."),
                        {"row": repeat_row},
                    ),
                )
            )
            continue
        if kind == "begin_group":
            section = PlannedSection(
                code=name,
                label_fr=record.get("label_fr", ""),
                label_en=record.get("label_en", ""),
                relevant=record.get("relevant", ""),
                appearance=record.get("appearance", ""),
            )
            if groups:
                plan.report.append(
                    ReportLine(
                        row,
                        kind,
                        name,
                        _("Group inside a group: imported as a section of its own."),
                        False,
                    )
                )
                outer = [g.relevant for g in groups if g.relevant]
                if outer and section.relevant:
                    section.relevant = " and ".join(f"({r})" for r in [*outer, section.relevant])
                elif outer:
                    section.relevant = " and ".join(f"({r})" for r in outer)
            groups.append(section)
            plan.sections.append(section)
            continue
        if kind == "end_group":
            if groups:
                groups.pop()
            continue
        if not kind:
            plan.report.append(ReportLine(row, "", name, _("Row without a type, ignored.")))
            continue
        if is_metadata(kind):
            plan.report.append(
                ReportLine(row, kind, name, _("Metadata filled in by the device, skipped."))
            )
            continue
        question = question_from_row(row, record, kind, argument, plan)
        if question is None:
            reason = UNSUPPORTED_TYPES.get(kind, _("Unknown or unsupported question type."))
            plan.report.append(ReportLine(row, record.get("type", ""), name, reason))
            continue
        question.section = groups[-1].code if groups else None
        plan.questions.append(question)


# ---------------------------------------------------------------- writing


SURVEY_HEADERS = [
    "type",
    "name",
    f"label::{FR_COLUMN}",
    f"label::{EN_COLUMN}",
    f"hint::{FR_COLUMN}",
    f"hint::{EN_COLUMN}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{FR_COLUMN}",
    f"constraint_message::{EN_COLUMN}",
    "appearance",
    "choice_filter",
    "calculation",
    "parameters",
]


def number_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def exported_type(question: Question) -> tuple[str, str, str]:
    """(XLSForm type, appearance, parameters) for a question."""
    list_name = question.choice_list.name if question.choice_list_id else ""
    appearance, parameters = question.appearance, ""
    kind = {
        Type.SINGLE_CHOICE: f"select_one {list_name}",
        Type.YES_NO: f"select_one {list_name}",
        Type.MULTIPLE_CHOICE: f"select_multiple {list_name}",
        Type.RANKING: f"rank {list_name}",
        Type.SHORT_TEXT: "text",
        Type.LONG_TEXT: "text",
        Type.DATE: "date",
        Type.NOTE: "note",
        Type.CALCULATE: "calculate",
        Type.INTEGER: "integer",
        Type.DECIMAL: "decimal",
    }.get(question.type, "")
    if question.type == Type.SCALE and list_name:
        kind = f"select_one {list_name}"
        if "likert" not in appearance:
            appearance = f"{appearance} likert".strip()
    elif question.type == Type.LONG_TEXT and "multiline" not in appearance:
        appearance = f"{appearance} multiline".strip()
    if question.step is not None or (question.type == Type.SCALE and not list_name):
        kind = "range"
        parameters = (
            f"start={number_text(question.min_value)} end={number_text(question.max_value)} "
            f"step={number_text(question.step or 1)}"
        )
    return kind, appearance, parameters


def exported_constraint(question: Question) -> str:
    """The constraint as written; bounds and maximum choices set in civiclab are added."""
    parts = [question.constraint] if question.constraint else []
    if question.max_choices and "count-selected" not in question.constraint:
        parts.append(f"count-selected(.) <= {question.max_choices}")
    if question.type in {Type.INTEGER, Type.DECIMAL} and question.step is None:
        low, high = bounds_from_constraint(question.constraint)
        if question.min_value is not None and low is None:
            parts.append(f". >= {number_text(question.min_value)}")
        if question.max_value is not None and high is None:
            parts.append(f". <= {number_text(question.max_value)}")
    return " and ".join(parts)


def export_xlsform(version) -> bytes:
    """The version as an XLSForm workbook (survey, choices, settings sheets)."""
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(SURVEY_HEADERS)
    questions = list(
        version.questions.select_related("section", "choice_list").order_by("position")
    )
    # A section's questions are written together (a flattened nested group may have left
    # them apart), in the order sections first appear, so no group name is written twice.
    first_seen: dict = {}
    for index, question in enumerate(questions):
        first_seen.setdefault(question.section_id, index)
    questions.sort(key=lambda q: first_seen[q.section_id])
    current = None
    for question in questions:
        if question.section_id != (current.pk if current else None):
            if current is not None:
                survey.append(["end_group", current.code])
            current = question.section
            if current is not None:
                survey.append(
                    [
                        "begin_group",
                        current.code,
                        current.label_fr,
                        current.label_en,
                        *[""] * 3,
                        current.relevant,
                        *[""] * 3,
                        current.appearance,
                    ]
                )
        kind, appearance, parameters = exported_type(question)
        survey.append(
            [
                kind,
                question.code,
                question.label_fr,
                question.label_en,
                question.hint_fr,
                question.hint_en,
                "yes" if question.required else "",
                question.relevant,
                exported_constraint(question),
                question.constraint_message_fr,
                question.constraint_message_en,
                appearance,
                question.choice_filter,
                question.calculation,
                parameters,
            ]
        )
    if current is not None:
        survey.append(["end_group", current.code])

    lists = list(version.choice_lists.prefetch_related("choices").order_by("name"))
    filter_keys = sorted({k for cl in lists for c in cl.choices.all() for k in c.filters})
    choices = workbook.create_sheet("choices")
    choices.append(
        ["list_name", "name", f"label::{FR_COLUMN}", f"label::{EN_COLUMN}", *filter_keys]
    )
    for choice_list in lists:
        for choice in choice_list.choices.all():
            filters = [choice.filters.get(k, "") for k in filter_keys]
            choices.append(
                [choice_list.name, choice.value, choice.label_fr, choice.label_en, *filters]
            )

    questionnaire = version.questionnaire
    default_column = EN_COLUMN if questionnaire.default_language == "en" else FR_COLUMN
    form_settings = workbook.create_sheet("settings")
    form_settings.append(["form_title", "form_id", "version", "default_language"])
    form_settings.append(
        [questionnaire.title, questionnaire.form_id, str(version.number), default_column]
    )

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
