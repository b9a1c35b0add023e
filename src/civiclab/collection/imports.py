"""Importing answers from CSV and XLSX files exported by other tools: all the rows or none.

The steps, each a function: `create_import` (the upload, streamed to storage, and what was
detected), `column_rows` and `save_mapping` (which column answers which question),
`preview`, `confirm` (queues `tasks.run_answer_import`), then `run_import` in the worker:
a checking pass that commits its progress, then one transaction that writes every
response or none. See docs/decisions/008-answer-imports.md.
"""

import csv
import hashlib
import itertools
import json
import logging
import pickle
import tempfile
import time
import uuid as uuid_module
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import record, site_language
from civiclab.collection import tabular
from civiclab.collection.import_rules import (
    EXTERNAL_ID,
    IGNORE,
    OPTION,
    QUESTION,
    SUBMITTED_AT,
    Column,
    ColumnPlan,
    MappingError,
    RowReader,
    as_text,
    question_specs,
)
from civiclab.collection.models import (
    AnswerImport,
    Campaign,
    PersonalData,
    Respondent,
    Response,
    new_pseudonym,
)
from civiclab.collection.services import fingerprint, spec_for
from civiclab.collection.tabular import CellError, TableError
from civiclab.core import spreadsheet
from civiclab.surveys.models import QuestionnaireVersion

logger = logging.getLogger(__name__)
Status = AnswerImport.Status

REPORT_LINES_KEPT = 500  # lines shown on the page; the CSV report has them all
PREVIEW_ROWS = 10
SAMPLES = 3
CHUNK = 5000  # rows per write, and per spooled block
PROGRESS_EVERY_S = 0.5
# Answer identifiers are UUIDs derived from this namespace: importing a row twice gives
# the same UUID, and the unique constraint on Response.uuid keeps it once.
UUID_NAMESPACE = uuid_module.UUID("6f4b3c1e-5d0a-4c8e-9a39-2f1a7a0c5e11")
REPORT_HEADER = [
    gettext_lazy("Line"),
    gettext_lazy("Column"),
    gettext_lazy("Value"),
    gettext_lazy("Problem"),
]


class ImportRefused(ValueError):
    """An import that cannot go on; the message is for the person importing."""


# --- upload --------------------------------------------------------------------------------


def max_bytes() -> int:
    return settings.ANSWER_IMPORT_MAX_MB * 1024 * 1024


def _too_large() -> ImportRefused:
    return ImportRefused(
        _("The file is larger than %(mb)s MB: split it, or ask the lab to raise the limit.")
        % {"mb": settings.ANSWER_IMPORT_MAX_MB}
    )


def target_version(campaign: Campaign) -> QuestionnaireVersion:
    version = campaign.questionnaire.current_version()
    if version is None:
        raise ImportRefused(_("This questionnaire has no version to import answers into."))
    return version


def _check_campaign(campaign: Campaign) -> None:
    # The rule of services._check_channel for the import channel: after closing, yes
    # (answers collected elsewhere arrive late); before opening, no.
    if campaign.state() == "not_open":
        raise ImportRefused(_("This campaign is not open yet."))


def create_import(actor, campaign: Campaign, upload) -> AnswerImport:
    """Store the uploaded file and what was detected in it, with suggested columns.

    Raises ImportRefused (nothing kept) when the file is too large or is not a table."""
    if upload.size is not None and upload.size > max_bytes():
        raise _too_large()
    _check_campaign(campaign)
    version = target_version(campaign)
    answer_import = AnswerImport(
        campaign=campaign, original_name=Path(upload.name).name[:255], created_by=actor
    )
    # FileField.save copies the upload chunk by chunk: the file never sits whole in memory.
    answer_import.file.save(Path(upload.name).name[-60:], upload, save=False)
    try:
        details = _inspect(answer_import)
    except TableError as error:
        answer_import.file.delete(save=False)
        raise ImportRefused(str(error)) from None
    questions = question_specs(version)
    suggestions = tabular.suggest_mapping(details["headers"], questions)
    answer_import.mapping = {
        "file": details,
        "version": version.number,
        "columns": _single_metadata([_column_from_suggestion(s) for s in suggestions]),
    }
    with transaction.atomic():
        answer_import.save()
        record(
            actor,
            AuditEvent.Action.CREATED,
            answer_import,
            campaign.questionnaire.experiment,
            {"file": [None, answer_import.original_name]},
        )
    return answer_import


def _inspect(answer_import: AnswerImport) -> dict:
    path = answer_import.file.path
    digest = hashlib.sha256()
    with open(path, "rb") as raw:
        for block in iter(lambda: raw.read(1024 * 1024), b""):
            digest.update(block)
    with tabular.open_table(path, answer_import.original_name) as table:
        return {
            "format": table.format,
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "sheet": table.sheet_name,
            "headers": table.headers,
            "sha256": digest.hexdigest(),
        }


def _single_metadata(columns: list[dict]) -> list[dict]:
    """Kobo has both `_id` and `_uuid`: the first identifier (and date) column is used."""
    seen = set()
    for column in columns:
        if column["kind"] in (EXTERNAL_ID, SUBMITTED_AT):
            if column["kind"] in seen:
                column["kind"] = IGNORE
            seen.add(column["kind"])
    return columns


def _column_from_suggestion(suggestion: tabular.ColumnSuggestion) -> dict:
    if suggestion.metadata in (EXTERNAL_ID, SUBMITTED_AT):
        kind = suggestion.metadata
    elif suggestion.question_code and suggestion.option_value is not None:
        kind = OPTION
    elif suggestion.question_code:
        kind = QUESTION
    else:
        kind = IGNORE
    return {
        "index": suggestion.column_index,
        "header": suggestion.header,
        "kind": kind,
        "code": suggestion.question_code if kind in (QUESTION, OPTION) else None,
        "option": suggestion.option_value if kind == OPTION else None,
    }


ENCODING_NAMES = {
    "utf-8": gettext_lazy("UTF-8"),
    "utf-8-sig": gettext_lazy("UTF-8 with BOM (Excel “CSV UTF-8”)"),
    "cp1252": gettext_lazy("Windows-1252 (Excel in French)"),
    "utf-16-le": gettext_lazy("UTF-16 (Excel “Unicode text”)"),
    "utf-16-be": gettext_lazy("UTF-16"),
}


def file_description(answer_import: AnswerImport) -> str:
    """What was detected, in words: "CSV file, Windows-1252 encoding, semicolon separator"."""
    details = answer_import.mapping.get("file", {})
    if details.get("format") == "xlsx":
        return _("Excel workbook (.xlsx), sheet “%(sheet)s”") % {"sheet": details.get("sheet")}
    return _("CSV file, %(encoding)s encoding, separator: %(delimiter)s") % {
        "encoding": ENCODING_NAMES.get(details.get("encoding"), details.get("encoding")),
        "delimiter": tabular.DELIMITER_NAMES.get(details.get("delimiter"), "?"),
    }


# --- mapping -------------------------------------------------------------------------------


def columns_of(answer_import: AnswerImport) -> list[Column]:
    return [
        Column(c["index"], c["header"], c["kind"], c.get("code"), c.get("option"))
        for c in answer_import.mapping.get("columns", [])
    ]


def target_key(column: Column) -> str:
    """The value of the column's choice in the mapping form."""
    if column.kind == QUESTION:
        return f"question:{column.code}"
    if column.kind == OPTION:
        return f"option:{column.code}/{column.option}"
    return column.kind


def column_from_key(index: int, header: str, key: str) -> Column:
    kind, _sep, rest = key.partition(":")
    if kind == QUESTION and rest:
        return Column(index, header, QUESTION, rest)
    if kind == OPTION and "/" in rest:
        code, _slash, option = rest.partition("/")
        return Column(index, header, OPTION, code, option)
    if key in (EXTERNAL_ID, SUBMITTED_AT, IGNORE):
        return Column(index, header, key)
    raise MappingError(_("Column “%(header)s”: unknown choice.") % {"header": header})


@dataclass
class ColumnRow:
    """One line of the mapping screen."""

    column: Column
    samples: list[str]
    suggested: str
    reason: str
    confidence: float

    @property
    def current(self) -> str:
        return target_key(self.column)


def column_rows(answer_import: AnswerImport) -> list[ColumnRow]:
    """Each column with sample values and the suggestion, for the mapping screen."""
    version = _version(answer_import)
    headers = answer_import.mapping["file"]["headers"]
    suggestions = tabular.suggest_mapping(headers, question_specs(version))
    samples: list[list[str]] = [[] for _header in headers]
    for _line, cells in _first_rows(answer_import, 50):
        for index, cell in enumerate(cells):
            if cell not in (None, "") and len(samples[index]) < SAMPLES:
                samples[index].append(str(cell)[:60])
        if all(len(s) >= SAMPLES for s in samples):
            break
    suggested = _single_metadata([_column_from_suggestion(s) for s in suggestions])
    return [
        ColumnRow(
            column,
            samples[column.index],
            target_key(Column(**suggested[column.index])),
            str(suggestion.reason),
            suggestion.confidence,
        )
        for column, suggestion in zip(columns_of(answer_import), suggestions, strict=True)
    ]


def target_choices(answer_import: AnswerImport) -> list[tuple[str, str]]:
    """(key, label) of everything a column may be matched with."""
    choices = [
        (IGNORE, _("Do not import")),
        (EXTERNAL_ID, _("Identifier of the answers (detects imports made twice)")),
        (SUBMITTED_AT, _("Date the answers were submitted")),
    ]
    for question in question_specs(_version(answer_import)):
        if question.type in ("note", "calculate"):
            continue
        label = question.labels[0] if question.labels else question.code
        choices.append((f"question:{question.code}", f"{question.code} — {label[:70]}"))
        if question.type == "multiple_choice":
            for choice in question.choices:
                text = choice.labels[0] if choice.labels else choice.value
                choices.append(
                    (
                        f"option:{question.code}/{choice.value}",
                        _("%(code)s — option “%(option)s” (ticked or not)")
                        % {"code": question.code, "option": text[:50]},
                    )
                )
    return choices


def plan_for(answer_import: AnswerImport, columns: list[Column] | None = None) -> ColumnPlan:
    version = _version(answer_import)
    return ColumnPlan(
        spec_for(version), question_specs(version), columns or columns_of(answer_import)
    )


def save_mapping(actor, answer_import: AnswerImport, keys: dict[int, str]) -> AnswerImport:
    """Match columns with questions (`keys`: column index -> target key); MappingError if
    the mapping cannot be used, nothing changed."""
    _editable(answer_import)
    headers = answer_import.mapping["file"]["headers"]
    columns = [
        column_from_key(index, header, keys.get(index, IGNORE))
        for index, header in enumerate(headers)
    ]
    plan_for(answer_import, columns)  # raises MappingError
    answer_import.mapping = {
        **answer_import.mapping,
        "columns": [
            {
                "index": c.index,
                "header": c.header,
                "kind": c.kind,
                "code": c.code,
                "option": c.option,
            }
            for c in columns
        ],
    }
    answer_import.save(update_fields=["mapping"])
    return answer_import


def _editable(answer_import: AnswerImport) -> None:
    if answer_import.status != Status.UPLOADED:
        raise ImportRefused(_("This import has already started: upload the file again."))


def _version(answer_import: AnswerImport) -> QuestionnaireVersion:
    number = answer_import.mapping.get("version")
    version = answer_import.campaign.questionnaire.versions.filter(number=number).first()
    if version is None:
        raise ImportRefused(_("The questionnaire version of this import no longer exists."))
    return version


def _first_rows(answer_import: AnswerImport, limit: int):
    with tabular.open_table(answer_import.file.path, answer_import.original_name) as table:
        yield from itertools.islice(table.rows(), limit)


# --- preview -------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    line: int
    values: list[str]  # one per mapped question, in plan order
    errors: list[dict]  # {"column", "value", "message"}


@dataclass
class Preview:
    codes: list[str]
    headers: list[str]
    rows: list[PreviewRow] = field(default_factory=list)
    problem: str = ""
    warnings: list[str] = field(default_factory=list)


def preview(answer_import: AnswerImport, limit: int = PREVIEW_ROWS) -> Preview:
    """The first rows as they would be stored, with the problems of each cell."""
    plan = plan_for(answer_import)
    codes = [f.code for f in plan.spec.fields if f.code in plan.mapped_codes]
    shown = Preview(codes, [plan.source(code) for code in codes])
    for missing in plan.unmapped_required():
        shown.warnings.append(
            _("The required question “%(label)s” has no column: every row will be refused.")
            % {"label": missing.label}
        )
    reader = RowReader(plan)
    try:
        for line, cells in _first_rows(answer_import, limit):
            result = reader.read(cells)
            values = {**result.answers, **result.personal}
            shown.rows.append(
                PreviewRow(
                    line,
                    [display_value(values.get(code)) for code in codes],
                    [
                        {"column": plan.source(code), "value": _shown(cell), "message": message}
                        for code, message in result.errors.items()
                        for cell in [result.cells.get(code)]
                    ],
                )
            )
    except TableError as error:
        shown.problem = str(error)
    return shown


def display_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return str(value)


def _shown(cell) -> str:
    text = "" if cell is None else str(cell)
    return text if len(text) <= 100 else text[:99] + "…"


# --- confirming ----------------------------------------------------------------------------


def confirm(actor, answer_import: AnswerImport) -> AnswerImport:
    """Queue the import for the worker; the mapping must be usable."""
    from civiclab.collection.tasks import run_answer_import

    _editable(answer_import)
    _check_campaign(answer_import.campaign)
    plan_for(answer_import)  # raises MappingError
    updated = AnswerImport.objects.filter(pk=answer_import.pk, status=Status.UPLOADED).update(
        status=Status.QUEUED, rows_total=_estimated_rows(answer_import), rows_done=0
    )
    if not updated:
        raise ImportRefused(_("This import has already started: upload the file again."))
    answer_import.refresh_from_db()
    record(
        actor,
        AuditEvent.Action.CHANGED,
        answer_import,
        answer_import.campaign.questionnaire.experiment,
        {"status": [str(Status.UPLOADED.label), str(Status.QUEUED.label)]},
    )
    run_answer_import.enqueue(answer_import.pk)
    answer_import.refresh_from_db()
    return answer_import


def _estimated_rows(answer_import: AnswerImport) -> int:
    """Lines in a CSV (a quoted value may hold several: it is an estimate for the bar)."""
    if answer_import.mapping["file"]["format"] != "csv":
        return 0
    lines = 0
    last = b"\n"
    with open(answer_import.file.path, "rb") as raw:
        for block in iter(lambda: raw.read(1024 * 1024), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    records = lines if last == b"\n" else lines + 1
    return max(records - 1, 0)


# --- the report ----------------------------------------------------------------------------


class Report:
    """Problems found, by row and column: the first ones kept for the page, all in a CSV."""

    def __init__(self):
        self.kept: list[dict] = []
        self.total = 0
        self.by_column: Counter = Counter()
        self.rows_refused = 0
        # Closed by save() or discard(): it lives as long as the import runs.
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file, delimiter=";")
        self._csv.writerow([str(h) for h in REPORT_HEADER])

    def add(self, line: int | None, column: str, value, message: str) -> None:
        self.total += 1
        self.by_column[column] += 1
        entry = {"line": line, "column": column, "value": _shown(value), "message": str(message)}
        if len(self.kept) < REPORT_LINES_KEPT:
            self.kept.append(entry)
        self._csv.writerow(spreadsheet.safe_row([line or "", column, entry["value"], str(message)]))

    def save(self, answer_import: AnswerImport) -> str:
        self._file.seek(0)
        name = default_storage.save(
            f"answer-imports/reports/{answer_import.pk}-{uuid_module.uuid4().hex[:8]}.csv",
            File(self._file),
        )
        self._file.close()
        return name

    def discard(self) -> None:
        self._file.close()

    def as_json(self) -> dict:
        return {
            "errors": self.kept,
            "errors_total": self.total,
            "rows_refused": self.rows_refused,
            "by_column": dict(self.by_column.most_common()),
        }


def report_file(answer_import: AnswerImport):
    """The full report as an open file, or None."""
    name = (
        answer_import.report.get("report_file") if isinstance(answer_import.report, dict) else None
    )
    if not name or not default_storage.exists(name):
        return None
    return default_storage.open(name, "rb")


# --- running -------------------------------------------------------------------------------


@dataclass
class Spooled:
    """Rows checked and ready to write, kept in a temporary file between the two passes."""

    rows: int = 0
    _file: object = None
    _block: list = field(default_factory=list)

    def add(self, row: tuple) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._block.append(row)
        self.rows += 1
        if len(self._block) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._block:
            pickle.dump(self._block, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._block = []

    def blocks(self):
        if self._file is None:
            return
        self._flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)  # our own file, written just before
            except EOFError:
                return

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class _Refused(Exception):
    def __init__(self, report: Report, problem: str = ""):
        super().__init__(problem)
        self.report, self.problem = report, problem


def run_import(import_id: int) -> None:
    """Check every row, then write all of them in one transaction, or none (the task)."""
    claimed = AnswerImport.objects.filter(pk=import_id, status=Status.QUEUED).update(
        status=Status.RUNNING, rows_done=0, report={"phase": "checking"}
    )
    if not claimed:
        return  # already run, or run by another worker
    answer_import = AnswerImport.objects.select_related(
        "campaign__questionnaire__experiment", "created_by"
    ).get(pk=import_id)
    with site_language():
        spool = Spooled()
        try:
            report, summary = _check_pass(answer_import, spool)
            if report.total:
                raise _Refused(report)
            _set_phase(answer_import, "writing")
            _write_pass(answer_import, spool, summary)
        except _Refused as refused:
            _fail(answer_import, refused.report, refused.problem)
        except Exception:
            logger.exception("answer import %s failed", import_id)
            report = Report()
            problem = _("An unexpected error stopped the import: nothing was imported.")
            _fail(answer_import, report, problem)
        finally:
            spool.close()


@dataclass
class _Summary:
    rows: int = 0
    version: QuestionnaireVersion | None = None


def _check_pass(answer_import: AnswerImport, spool: Spooled) -> tuple[Report, _Summary]:
    report = Report()
    summary = _Summary()
    try:
        _check_campaign(answer_import.campaign)
        summary.version = _version(answer_import)
        plan = plan_for(answer_import)
    except (ImportRefused, MappingError) as error:
        raise _Refused(report, str(error)) from None
    reader = RowReader(plan)
    campaign_id = answer_import.campaign_id
    sha = answer_import.mapping["file"]["sha256"]
    number = summary.version.number
    external = plan.external_id.index if plan.external_id else None
    submitted = plan.submitted_at.index if plan.submitted_at else None
    seen_ids: set[str] = set()
    same_rows: Counter = Counter()
    last_progress = time.monotonic()
    now, zone = timezone.now(), timezone.get_current_timezone()
    prepare = _Prepare()
    try:
        table = tabular.open_table(answer_import.file.path, answer_import.original_name)
        with table:
            for line, cells in table.rows():
                summary.rows += 1
                result = reader.read(cells)
                problems = (
                    [
                        (plan.source(code), result.cells.get(code), message)
                        for code, message in result.errors.items()
                    ]
                    if result.errors
                    else []
                )
                moment = None
                if submitted is not None:
                    try:
                        moment = parse_moment(cells[submitted], now, zone)
                    except CellError as error:
                        problems.append((plan.submitted_at.header, cells[submitted], str(error)))
                if external is not None and (identifier := _identifier(cells[external])):
                    response_uuid = uuid5_hex(f"{campaign_id}/id/{identifier}")
                    if response_uuid in seen_ids:
                        problems.append(
                            (
                                plan.external_id.header,
                                identifier,
                                _("This identifier appears on more than one line of the file."),
                            )
                        )
                    seen_ids.add(response_uuid)
                else:
                    response_uuid = _row_uuid(campaign_id, sha, cells, same_rows)
                if problems:
                    report.rows_refused += 1
                    for column, value, message in problems:
                        report.add(line, column, value, message)
                elif not report.total:  # once a row is refused nothing will be written
                    print_ = fingerprint(number, result.answers, result.personal)
                    spool.add(
                        (
                            line,
                            response_uuid,
                            prepare.answers(result.answers),
                            result.personal,
                            print_,
                            prepare.moment(moment),
                        )
                    )
                if time.monotonic() - last_progress > PROGRESS_EVERY_S:
                    _progress(answer_import, summary.rows)
                    last_progress = time.monotonic()
    except TableError as error:
        report.add(error.line, error.column or "", "", str(error))
        raise _Refused(report, str(error)) from None
    if summary.rows == 0:
        raise _Refused(report, _("The file has no answers."))
    _progress(answer_import, summary.rows, total=summary.rows)
    return report, summary


def _identifier(cell) -> str:
    return (as_text(cell) or "").strip()[:200]


def uuid5_hex(name: str) -> str:
    """uuid.uuid5(UUID_NAMESPACE, name).hex, without building UUID objects (1M rows)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return digest.hex()


_NAMESPACE_BYTES = UUID_NAMESPACE.bytes


def _row_uuid(campaign_id: int, sha: str, cells: list, same_rows: Counter) -> str:
    """Without an identifier column: the row's own content, and how many identical rows came
    before it in the file. A later export with more rows then re-imports none of the old
    ones twice (the file's hash would change with every new answer)."""
    content = hashlib.blake2b(
        "\x1f".join("" if c is None else str(c) for c in cells).encode(), digest_size=16
    ).digest()
    same_rows[content] += 1
    return uuid5_hex(f"{campaign_id}/row/{content.hex()}/{same_rows[content]}")


def parse_moment(cell, now: datetime, zone=None) -> datetime | None:
    """A submission date and time: ISO (Kobo, LimeSurvey) or day first (Google Forms);
    without an offset, in the site's time zone (`zone`, read once by the caller)."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        moment = cell
    else:
        text = (as_text(cell) or "").strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            moment = _day_first_moment(text, cell)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or timezone.get_current_timezone())  # zoneinfo
    return min(moment, now)  # a device's clock may be wrong: never in the future


def _day_first_moment(text: str, cell) -> datetime:
    day_part, _space, clock = text.partition(" ")
    try:
        day = tabular.parse_date(day_part)
        hours = [int(part) for part in clock.split(":")] if clock else [0]
        return datetime(day.year, day.month, day.day, *hours[:3])
    except (CellError, ValueError, TypeError):
        raise CellError(
            _("“%(value)s” is not a date and time: write it as day/month/year hours:minutes.")
            % {"value": _shown(cell)},
            cell,
        ) from None


def _progress(answer_import: AnswerImport, done: int, total: int | None = None) -> None:
    # Outside any transaction: committed at once, so the progress page sees it.
    values = {"rows_done": done}
    if total is not None:
        values["rows_total"] = total
    elif done > answer_import.rows_total:
        values["rows_total"] = answer_import.rows_total = done
    AnswerImport.objects.filter(pk=answer_import.pk).update(**values)


def _set_phase(answer_import: AnswerImport, phase: str) -> None:
    AnswerImport.objects.filter(pk=answer_import.pk).update(report={"phase": phase})


def _fail(answer_import: AnswerImport, report: Report, problem: str = "") -> None:
    name = report.save(answer_import)
    answer_import.status = Status.FAILED
    answer_import.report = {
        **report.as_json(),
        "phase": "failed",
        "problem": str(problem),
        "report_file": name,
    }
    answer_import.finished_at = timezone.now()
    answer_import.save(update_fields=["status", "report", "finished_at"])


def _write_pass(answer_import: AnswerImport, spool: Spooled, summary: _Summary) -> None:
    version = summary.version
    report = Report()
    experiment = answer_import.campaign.questionnaire.experiment
    imported = already = 0
    try:
        with transaction.atomic():
            insert = _ResponseInsert(answer_import, version)
            pseudonyms = _Pseudonyms(experiment)
            # UUIDs are derived from the campaign: only its own responses can be the same.
            may_repeat = Response.objects.filter(campaign=answer_import.campaign_id).exists()
            for block in spool.blocks():
                fresh = _fresh_rows(block, report) if may_repeat else block
                already += len(block) - len(fresh)
                if report.total:
                    continue  # keep looking for conflicts; nothing will be written
                respondents = pseudonyms.create(sum(1 for row in fresh if row[3]))
                for_personal = iter(respondents)
                rows, personal = [], []
                for _line, response_uuid, answers, private, print_, moment in fresh:
                    respondent = next(for_personal) if private else None
                    rows.append((response_uuid, respondent, answers, print_, moment))
                    if private:
                        personal.append((response_uuid, respondent, private))
                insert.write(rows)
                _write_personal(personal)
                imported += len(rows)
            if report.total:
                report.rows_refused = report.total
                raise _Refused(report, _("Some answers were already imported with other values."))
            if imported and not version.frozen:
                QuestionnaireVersion.objects.filter(pk=version.pk).update(frozen=True)
            answer_import.status = Status.DONE
            answer_import.rows_done = answer_import.rows_total = summary.rows
            answer_import.finished_at = timezone.now()
            answer_import.report = {
                **report.as_json(),
                "phase": "done",
                "problem": "",
                "imported": imported,
                "already": already,
                "report_file": "",
            }
            report.discard()
            answer_import.save(
                update_fields=["status", "rows_done", "rows_total", "finished_at", "report"]
            )
            record(
                answer_import.created_by,
                AuditEvent.Action.CHANGED,
                answer_import,
                experiment,
                {
                    "status": [str(Status.QUEUED.label), str(Status.DONE.label)],
                    "answers": [None, imported],
                },
            )
    except IntegrityError:
        # Another import of the same answers won the race: nothing of this one was written.
        raise _Refused(
            Report(), _("These answers were being imported at the same time: try again.")
        ) from None


def _fresh_rows(block: list, report: Report) -> list:
    """Rows whose UUID is not stored yet; identical ones already stored are skipped, and
    different ones under the same identifier are reported."""
    stored = dict(
        Response.objects.filter(uuid__in=[uuid_module.UUID(row[1]) for row in block]).values_list(
            "uuid", "fingerprint"
        )
    )
    if not stored:
        return block
    fresh = []
    for row in block:
        print_ = stored.get(uuid_module.UUID(row[1]))
        if print_ is None:
            fresh.append(row)
        elif print_ != row[4]:
            report.add(
                row[0],
                "",
                "",
                _(
                    "These answers were already imported with other values (same identifier): "
                    "delete that response first."
                ),
            )
    return fresh


class _Pseudonyms:
    """New respondents for rows with personal answers, with pseudonyms unused so far."""

    def __init__(self, experiment):
        self.experiment = experiment
        self.used: set[str] = set()

    def create(self, count: int) -> list[Respondent]:
        if not count:
            return []
        names: list[str] = []
        while len(names) < count:
            wanted = {new_pseudonym() for _ in range(count - len(names))} - self.used
            taken = set(
                Respondent.objects.filter(
                    experiment=self.experiment, pseudonym__in=wanted
                ).values_list("pseudonym", flat=True)
            )
            names += sorted(wanted - taken)
            self.used |= wanted
        return Respondent.objects.bulk_create(
            Respondent(experiment=self.experiment, pseudonym=name) for name in names
        )


class _ResponseInsert:
    """INSERT of many responses at once, each value prepared by its model field as
    Model.save() would (UUID, JSON and dates per database), without building models."""

    def __init__(self, answer_import: AnswerImport, version: QuestionnaireVersion):
        now = timezone.now()
        fields = [f for f in Response._meta.concrete_fields if not f.primary_key]
        self.varying = ["uuid", "respondent_id", "answers", "fingerprint", "submitted_at"]
        constants = {
            "campaign_id": answer_import.campaign_id,
            "version_id": version.pk,
            "channel": Response.Channel.IMPORT,
            "import_batch_id": answer_import.pk,
            "received_at": now,
        }
        self.now = now
        self.fields = {f.attname: f for f in fields}
        names = [f.attname for f in fields if f.attname not in self.varying]
        self.constant = [
            self.fields[name].get_db_prep_save(
                constants[name] if name in constants else self.fields[name].get_default(),
                connection,
            )
            for name in names
        ]
        columns = [self.fields[name].column for name in [*self.varying, *names]]
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(Response._meta.db_table),
            ", ".join(quote(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )

    def write(self, rows: list[tuple]) -> None:
        """`rows`: (UUID hex, respondent, answers, fingerprint, moment) from _Prepare."""
        prepare, constant = _Prepare(), self.constant
        now = prepare.moment(None)
        values = [
            (
                prepare.uuid(response_uuid),
                respondent.pk if respondent is not None else None,
                prepare.answers_for_database(answers),
                print_,
                moment if moment is not None else now,
                *constant,
            )
            for response_uuid, respondent, answers, print_, moment in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


def _write_personal(personal: list[tuple]) -> None:
    if not personal:
        return
    wanted = [uuid_module.UUID(row[0]) for row in personal]
    ids = {
        u.hex: pk for u, pk in Response.objects.filter(uuid__in=wanted).values_list("uuid", "pk")
    }
    PersonalData.objects.bulk_create(
        PersonalData(response_id=ids[response_uuid], respondent=respondent, data=data)
        for response_uuid, respondent, data in personal
    )


class _Prepare:
    """Values as Model.save() sends them to the database, made while checking (spooled
    small) and cheaply on SQLite; elsewhere each goes through its model field."""

    def __init__(self):
        fields = {f.name: f for f in Response._meta.concrete_fields}
        self._uuid, self._answers = fields["uuid"], fields["answers"]
        self._moment = fields["submitted_at"]
        self.sqlite = connection.vendor == "sqlite"

    def answers(self, answers: dict) -> str:
        return json.dumps(answers)  # what JSONField sends, with its default encoder

    def answers_for_database(self, text: str):
        if self.sqlite:
            return text
        return self._answers.get_db_prep_save(json.loads(text), connection)

    def uuid(self, hex_: str):
        if self.sqlite:
            return hex_  # UUIDField on SQLite stores the 32 hex digits
        return self._uuid.get_db_prep_save(uuid_module.UUID(hex_), connection)

    def moment(self, moment: datetime | None):
        moment = moment or timezone.now()
        if self.sqlite and settings.USE_TZ:
            # DatabaseOperations.adapt_datetimefield_value of SQLite, without its checks.
            return str(moment.astimezone(connection.timezone).replace(tzinfo=None))
        return self._moment.get_db_prep_save(moment, connection)


# --- reading the result --------------------------------------------------------------------


def progress_percent(answer_import: AnswerImport) -> int | None:
    if not answer_import.rows_total:
        return None
    return min(100, round(100 * answer_import.rows_done / answer_import.rows_total))


def phase(answer_import: AnswerImport) -> str:
    report = answer_import.report
    return report.get("phase", "") if isinstance(report, dict) else ""


def finished(answer_import: AnswerImport) -> bool:
    return answer_import.status in (Status.DONE, Status.FAILED)


def report_rows(answer_import: AnswerImport) -> list[dict]:
    report = answer_import.report
    return report.get("errors", []) if isinstance(report, dict) else []
