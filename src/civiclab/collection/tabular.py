"""Reading answer tables exported by other tools (CSV, XLSX) and converting their cells."""

import codecs
import csv
import io
import itertools
import math
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

import openpyxl
from django.utils.translation import gettext_lazy as _

from civiclab.core.text import interpolate_lazy

Cell = str | int | float | Decimal | datetime | date | time | bool | None

SAMPLE_SIZE = 64 * 1024
DELIMITERS = (";", ",", "\t", "|")  # ties go to the first: French Excel writes ";"
DELIMITER_NAMES = {";": _("semicolon"), ",": _("comma"), "\t": _("tab"), "|": _("vertical bar")}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # .xls, and also any password-protected Office file
FALLBACK_ERRORS = "civiclab-cp1252"
EXCEL_EPOCH = date(1899, 12, 30)
FUZZY_THRESHOLD = 0.9  # see docstring of suggest_mapping
MEMO_SIZE = 4096
_UNSEEN = object()
SPACES = ("\u00a0", "\u202f")
YES_WORDS = frozenset({"oui", "o", "yes", "y", "1", "vrai", "true", "x", "checked", "coche"})
NO_WORDS = frozenset({"non", "n", "no", "0", "faux", "false"})
FLAGS = {form: word in YES_WORDS for word in YES_WORDS | NO_WORDS for form in (word, word.title())}
NOT_A_NUMBER = _("“%(value)s” is not a number.")
NOT_A_DATE = _("“%(value)s” is not a date: write it as day/month/year.")
NOT_ALLOWED = _("“%(value)s” is not one of the allowed answers (%(choices)s).")


class TableError(ValueError):
    """A file that cannot be read as a table; `line` and `column` say where, when known."""

    def __init__(self, message, line: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def __str__(self) -> str:
        return str(self.message)

    @classmethod
    def from_cell(cls, error: "CellError", line: int, column: str) -> "TableError":
        """Place a cell's error in the file, for the import report."""
        message = _("Line %(line)s, column “%(column)s”: %(error)s")
        values = {"line": line, "column": column, "error": error.message}
        return cls(interpolate_lazy(message, values), line=line, column=column)


class CellError(ValueError):
    """A cell whose text is not a valid answer; the caller knows its line and column."""

    def __init__(self, message, value: object):
        super().__init__(message)
        self.message, self.value = message, value

    def __str__(self) -> str:
        return str(self.message)


def _table_error(message, line: int | None = None, **values) -> TableError:
    if line is not None or values:
        message = interpolate_lazy(message, {"line": line, **values})
    return TableError(message, line=line)


def _cell_error(message, value: object, **values) -> CellError:
    return CellError(interpolate_lazy(message, {"value": value, **values}), value)


def _decode_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    # Undefined cp1252 bytes (0x81, 0x8D...) raise again: Table.rows() names their line.
    return error.object[error.start : error.end].decode("cp1252"), error.end


codecs.register_error(FALLBACK_ERRORS, _decode_as_cp1252)


# ---------------------------------------------------------------- opening


class Table:
    """An opened file: what was detected, its headers, and its rows streamed from disk."""

    format: str  # "csv" or "xlsx"
    encoding: str | None = None  # "utf-8-sig", "utf-8", "utf-16-le", "utf-16-be" or "cp1252"
    delimiter: str | None = None
    sheet_name: str | None = None
    headers: list[str]
    _header_index = 0  # records before the header: 1 after an Excel "sep=;" line
    _empty: str | None = ""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Release the file; CSV files are only open while rows() runs."""

    @property
    def delimiter_name(self) -> str | None:
        return DELIMITER_NAMES.get(self.delimiter) if self.delimiter else None

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """Yield (line number in the file, one value per header); each call starts over."""
        width, empty = len(self.headers), self._empty
        for line, record in itertools.islice(self._records(), self._header_index + 1, None):
            if len(record) != width:
                record = _fit_row(line, record, width, empty)
            yield line, record

    def _records(self) -> Iterator[tuple[int, list[Cell]]]:
        raise NotImplementedError

    def _empty_error(self) -> TableError:
        return _table_error(_("The file is empty."))

    def _read_headers(self) -> None:
        records = self._records()
        try:
            for _index in range(self._header_index):
                next(records, None)
            self.headers = _clean_headers(next(records, (0, []))[1])
            if not self.headers:
                raise self._empty_error()
            if next(records, None) is None:
                raise _table_error(_("The file has a header line but no answers."))
        finally:
            records.close()


def _fit_row(line: int, record: list, width: int, empty: str | None) -> list:
    # Excel and hand edits drop trailing empty cells, and add empty ones after the last column.
    if len(record) < width:
        return record + [empty] * (width - len(record))
    if any(value not in (None, "") for value in record[width:]):
        raise _table_error(
            _(
                "Line %(line)s has %(count)s values but the header line has %(expected)s "
                "columns: check the separator, or a quote left open on a previous line."
            ),
            line,
            count=len(record),
            expected=width,
        )
    return record[:width]


def _clean_headers(record: Sequence) -> list[str]:
    """Strip names and number repeated ones ("Commentaire (2)"): Google Forms repeats labels."""
    names = ["" if value is None else str(value).replace("\ufeff", "").strip() for value in record]
    while names and not names[-1]:
        names.pop()
    taken, seen = set(names), set()
    for index, name in enumerate(names):
        if name and name in seen:
            count = 2
            while f"{name} ({count})" in taken:
                count += 1
            names[index] = f"{name} ({count})"
            taken.add(names[index])
        seen.add(name)
    return names


class CsvTable(Table):
    format = "csv"

    def __init__(self, path: Path, name: str, head: bytes, whole: bool):
        super().__init__(path, name)
        self.encoding, self._codec, self._skip = detect_encoding(head, whole)
        text = head[self._skip :].decode(self._codec, errors="replace")
        if not whole:  # the sample may end inside a character or a line
            text = text[: text.rfind("\n") + 1] or text
        _refuse_non_tables(text)
        first_line = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
        if len(first_line) == 5 and first_line.lower().startswith("sep="):
            self.delimiter, self._header_index = first_line[4], 1
        else:
            self.delimiter = max(DELIMITERS, key=lambda candidate: _score(text, candidate))
        self._read_headers()

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        errors = FALLBACK_ERRORS if self._codec == "utf-8" else "strict"
        with open(self.path, "rb") as raw:
            raw.seek(self._skip)
            stream = io.TextIOWrapper(raw, encoding=self._codec, errors=errors, newline="")
            reader = csv.reader(stream, delimiter=self.delimiter, strict=True)
            last = 0
            try:
                for record in reader:
                    start, last = last + 1, reader.line_num
                    # Skip blank lines, and lines of separators only.
                    if any(record) and (len(record) > 1 or record[0].strip()):
                        yield start, record
            except csv.Error as error:
                raise _csv_error(error, last + 1) from error
            except UnicodeDecodeError as error:
                raise _table_error(
                    _(
                        "Line %(line)s cannot be read as %(encoding)s text: the file mixes "
                        "encodings. Save it again from Excel as “CSV UTF-8”."
                    ),
                    self._decode_error_line(errors),
                    encoding=self.encoding,
                ) from error

    def _decode_error_line(self, errors: str) -> int:
        # The decoder works ahead of the csv reader by a whole chunk: find the line again.
        decoder = codecs.getincrementaldecoder(self._codec)(errors)
        line = 1
        with open(self.path, "rb") as raw:
            raw.seek(self._skip)
            for piece in itertools.chain(raw, [b""]):
                try:
                    line += decoder.decode(piece, final=not piece).count("\n")
                except UnicodeDecodeError:
                    return line
        return line


def _csv_error(error: csv.Error, line: int) -> TableError:
    text = str(error)
    if "unexpected end of data" in text:
        message = _("A quoted value starting on line %(line)s is never closed.")
    elif "field larger than field limit" in text:
        message = _(
            "From line %(line)s on, a value is longer than %(limit)s characters: "
            "a quote is probably left open."
        )
    elif "expected after" in text:
        message = _("Line %(line)s: a closing quote must be followed by the separator.")
    else:
        message = _("Line %(line)s cannot be read as CSV.")
    return _table_error(message, line, limit=csv.field_size_limit())


def detect_encoding(head: bytes, whole: bool) -> tuple[str, str, int]:
    """Return (name to show, codec to read with, bytes of byte-order mark to skip)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", "utf-16-be", 2
    pairs = len(head[:1024]) // 2
    if pairs and head[1:1024:2].count(0) > pairs // 3 and not head[0:1024:2].count(0):
        return "utf-16-le", "utf-16-le", 0  # ASCII-heavy UTF-16 without a mark
    if pairs and head[0:1024:2].count(0) > pairs // 3 and not head[1:1024:2].count(0):
        return "utf-16-be", "utf-16-be", 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        return "cp1252", "cp1252", 0
    return "utf-8", "utf-8", 0


def _refuse_non_tables(text: str) -> None:
    sample = text[:4096]
    controls = sum(1 for char in sample if char < " " and char not in "\t\r\n")
    if "\x00" in sample or controls > 2 + len(sample) // 100:
        raise _table_error(
            _("This file is not a table: it holds binary data. Send a CSV or Excel (.xlsx) file.")
        )
    if sample.lstrip().lower().startswith(("<!doctype", "<html", "<?xml", "<table")):
        raise _table_error(
            _("This file is a web page or an XML document: export the answers as CSV or .xlsx.")
        )


def _score(text: str, delimiter: str) -> tuple[bool, float, float, int]:
    """How well a delimiter cuts the sample: does it cut the header at all, share of rows no
    wider than the header (trailing empty cells aside), share exactly as wide, header width."""
    widths = []
    try:
        for record in csv.reader(io.StringIO(text), delimiter=delimiter):
            while record and not record[-1].strip():
                record.pop()
            if record:
                widths.append(len(record))
            if len(widths) > 50:
                break
    except csv.Error:
        pass  # a quote cut by the end of the sample: judge on what was read
    if not widths:
        return False, 0.0, 0.0, 0
    header, rest = widths[0], widths[1:] or widths
    narrow = sum(width <= header for width in rest) / len(rest)
    return header > 1, narrow, sum(width == header for width in rest) / len(rest), header


DAMAGED_XLSX = _("This Excel file cannot be read: it may be damaged. Open it and save it again.")


class XlsxTable(Table):
    format = "xlsx"
    _empty = None

    def __init__(self, path: Path, name: str):
        super().__init__(path, name)
        try:
            self._workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # zip, XML and openpyxl errors all mean "not readable"
            raise _table_error(DAMAGED_XLSX) from error
        # Kobo and Google Sheets put the answers on the first sheet (repeat groups after it).
        sheet = self._workbook.worksheets[0]
        sheet.reset_dimensions()  # some tools write a wrong size, which read-only mode trusts
        self._sheet, self.sheet_name = sheet, sheet.title
        try:
            self._read_headers()
        except TableError:
            self.close()
            raise

    def close(self) -> None:
        self._workbook.close()

    def _empty_error(self) -> TableError:
        return _table_error(_("The first sheet, “%(sheet)s”, is empty."), sheet=self.sheet_name)

    def _records(self) -> Iterator[tuple[int, list[Cell]]]:
        line = 0
        try:
            for line, values in enumerate(self._sheet.iter_rows(values_only=True), start=1):
                if any(value is not None and value != "" for value in values):
                    yield line, list(values)
        except Exception as error:  # a damaged sheet fails only when it is read
            raise _table_error(
                _("This Excel file is damaged from row %(line)s on: open it and save it again."),
                line + 1,
            ) from error


def open_table(path: str | Path, filename: str | None = None) -> Table:
    """Open a CSV or XLSX file, recognised by its content; `filename` is the name to show."""
    path = Path(path)
    with open(path, "rb") as raw:
        head = raw.read(SAMPLE_SIZE)
        whole = not raw.read(1)
    name = filename or path.name
    if not head.strip():
        raise _table_error(_("The file is empty."))
    if head.startswith(OLE_SIGNATURE):
        raise _table_error(
            _(
                "This is an old Excel file (.xls) or a password-protected one: open it and "
                "save it as an Excel workbook (.xlsx) or CSV, without a password."
            )
        )
    if head.startswith(b"PK\x03\x04"):
        _check_zip(path)
        return XlsxTable(path, name)
    return CsvTable(path, name, head, whole)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            is_ods = "mimetype" in names and b"spreadsheet" in archive.read("mimetype")
    except zipfile.BadZipFile as error:
        raise _table_error(_("This zip file is damaged.")) from error
    if is_ods:
        raise _table_error(
            _("This is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV.")
        )
    if "xl/workbook.xml" not in names:
        raise _table_error(_("This is a zip archive, not an Excel workbook (.xlsx)."))


# ---------------------------------------------------------------- cells


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # XLSX turns a "1" typed in a choice column into 1.0
    return str(value).strip()


def parse_number(value: Cell) -> int | Decimal | None:
    """3, 3.5, 3,5, 1 234,5, 1.234,5 or 1,234.5; a lone separator is decimal; empty is None."""
    if type(value) is str:
        text = value.strip()
        if text.isdigit() and text.isascii():
            return int(text)
        whole, separator, fraction = text.partition("," if "," in text else ".")
        if separator and whole.isdigit() and fraction.isdigit() and text.isascii():
            return Decimal(f"{whole}.{fraction}")  # the usual 3,5 or 3.5
        return _number_from_text(text, value) if text else None
    if value is None:
        return None
    if isinstance(value, bool):
        raise _cell_error(NOT_A_NUMBER, value)
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(str(value))
    raise _cell_error(NOT_A_NUMBER, value)


def _number_from_text(text: str, value: str) -> int | Decimal:
    sign = "-" if text[0] in "-\u2212" else ""
    body = text[1:].lstrip() if text[0] in "+-\u2212" else text
    if body.endswith("%"):
        raise _cell_error(_("“%(value)s” is a percentage: write the number alone."), value)
    for space in SPACES:
        body = body.replace(space, " ")
    commas, dots = body.count(","), body.count(".")
    if commas and dots:  # both: the last one is the decimal separator
        decimal, group = (",", ".") if body.rfind(",") > body.rfind(".") else (".", ",")
    elif commas == 1 or dots == 1:
        decimal, group = ("," if commas else "."), None
    else:
        decimal, group = None, ("," if commas else "." if dots else None)
    if " " in body:
        if group:
            raise _cell_error(NOT_A_NUMBER, value)
        group = " "
    whole, _sep, fraction = body.rpartition(decimal) if decimal else (body, "", "")
    digits = _ungroup(whole, group) if group else whole
    if digits is None or not (digits or fraction) or not _all_digits(digits, fraction, decimal):
        raise _cell_error(NOT_A_NUMBER, value)
    if decimal:
        return Decimal(f"{sign}{digits or 0}.{fraction}")
    return int(sign + digits)


def _all_digits(digits: str, fraction: str, decimal: str | None) -> bool:
    text = digits + fraction
    return text.isascii() and text.isdigit() and (bool(fraction) or not decimal)


def _ungroup(text: str, group: str) -> str | None:
    """'1 234 567' → '1234567', or None when the groups are not of three digits."""
    parts = text.split(group)
    if not 1 <= len(parts[0]) <= 3 or any(len(part) != 3 for part in parts[1:]):
        return None
    return "".join(parts)


def parse_date(value: Cell) -> date | None:
    """Day first (31/12/2025, 31-12-25, 31.12.2025), or year first (2025-12-31, ISO with
    a time); XLSX dates and, for XLSX numbers only, Excel serial days. Empty is None."""
    if type(value) is str:
        text = value.strip()
        return _date_from_text(text, value) if text else None
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # Excel serial days from 1927 (10000) on: a smaller number is more likely a year.
    if isinstance(value, int | float) and not isinstance(value, bool) and 1e4 <= value < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(value))
    raise _cell_error(NOT_A_DATE, value)


def _date_from_text(text: str, value: str) -> date:
    if len(text) == 10 and text[2] == text[5] == "/" and text[:2].isdigit() and text.isascii():
        try:  # the usual 31/12/2025, checked digit by digit below only when it fails
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        except ValueError:
            pass
    if len(text) > 10 and text[10] == "T":
        day_part, time_part = text[:10], text[11:]
    else:
        day_part, _space, time_part = text.partition(" ")
    separator = "/" if "/" in day_part else "-" if "-" in day_part else "."
    parts = day_part.split(separator)
    time_ok = not time_part or (time_part[0].isdigit() and ":" in time_part)
    digits = day_part.replace(separator, "")
    if len(parts) != 3 or not time_ok or not (digits.isascii() and digits.isdigit()):
        raise _cell_error(NOT_A_DATE, value)
    first, second, third = parts
    if len(first) == 4 and 1 <= len(second) <= 2 and 1 <= len(third) <= 2:
        year, month, day = int(first), int(second), int(third)
    elif 1 <= len(first) <= 2 and 1 <= len(second) <= 2 and len(third) in (2, 4):
        day, month, year = int(first), int(second), int(third)
        if len(third) == 2:  # Excel's pivot: 00-29 is 2000-2029, 30-99 is 1930-1999
            year += 2000 if year < 30 else 1900
    else:
        raise _cell_error(NOT_A_DATE, value)
    try:
        return date(year, month, day)
    except ValueError:
        raise _cell_error(
            _("“%(value)s” is not a date that exists (read as day/month/year)."), value
        ) from None


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    labels: tuple[str, ...] = ()


# NFKD turns "é" into "e" + U+0301: dropping the combining accents block leaves "e".
FOLD_TABLE = {**dict.fromkeys(range(0x300, 0x370)), 0x2019: "'", 0x2018: "'"}


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and spaces: “Très  satisfait ” matches “tres satisfait”."""
    if text.isascii():
        return " ".join(text.casefold().split())
    return " ".join(unicodedata.normalize("NFKD", text.casefold()).translate(FOLD_TABLE).split())


class ChoiceMatcher:
    """One question's choices, indexed once, to read millions of cells quickly."""

    def __init__(self, choices: Sequence[ChoiceSpec]):
        self.values = tuple(choice.value for choice in choices)
        self._rank = {value: rank for rank, value in enumerate(self.values)}
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._seen: dict[str, str | None] = {}
        self._multiple_seen: dict[tuple[str, bool], list[str]] = {}
        # Values before labels, so that a value wins over another choice's label.
        names = [(c.value, c.value) for c in choices]
        names += [(label, c.value) for c in choices for label in c.labels]
        for name, value in names:
            self._exact.setdefault(name, value)
            self._folded.setdefault(normalise(name), value)
        labels = [choice.labels[0] if choice.labels else choice.value for choice in choices]
        self.allowed = ", ".join(labels[:5]) + (", …" if len(labels) > 5 else "")

    def find(self, raw: Cell) -> str | None:
        """The choice value for a value or label, or None when nothing matches."""
        text = raw if type(raw) is str else _text(raw)
        found = self._exact.get(text)
        if found is None:
            found = self._seen.get(text, _UNSEEN)
            if found is _UNSEEN:
                found = self._folded.get(normalise(text))
                if len(self._seen) < MEMO_SIZE:  # a column holds few distinct spellings
                    self._seen[text] = found
        return found

    def match(self, raw: Cell) -> str | None:
        """Like find(), but empty is None and an unknown answer raises CellError."""
        if _is_empty(raw):
            return None
        found = self.find(raw)
        if found is None:
            raise _cell_error(
                NOT_ALLOWED,
                raw,
                choices=self.allowed,
            )
        return found

    def sort(self, values: list[str]) -> list[str]:
        return sorted(values, key=self._rank.__getitem__)

    @cached_property
    def yes_no(self) -> tuple[str, str]:
        """(yes value, no value): recognised by their names, else the first two choices."""
        yes = next((v for v in self.values if normalise(v) in YES_WORDS), None)
        no = next((v for v in self.values if normalise(v) in NO_WORDS), None)
        if yes is None or no is None:
            yes, no = self.values[:2]
        return yes, no


def parse_choice(value: Cell, matcher: "ChoiceMatcher | Sequence[ChoiceSpec]") -> str | None:
    """A value or label of one choice; build the ChoiceMatcher once per column, not per cell."""
    if not isinstance(matcher, ChoiceMatcher):
        matcher = ChoiceMatcher(matcher)
    return matcher.match(value)


def parse_multiple(value: Cell, matcher: ChoiceMatcher, *, entry_order: bool = False) -> list[str]:
    """Kobo's "a b", Google Forms' "Label A, Label B", or one per line or per ";"; labels
    holding commas or spaces match whole (longest first). Questionnaire order unless
    `entry_order` (for rankings); repeats dropped."""
    if value is None or (text := _text(value)) == "":
        return []
    key = (text, entry_order)
    found = matcher._multiple_seen.get(key)
    if found is None:
        whole = matcher.find(text)
        found = [whole] if whole is not None else []
        if whole is None:
            for segment in text.replace(";", "\n").split("\n"):
                found += _match_segment(segment, matcher)
        found = list(dict.fromkeys(found))
        found = found if entry_order else matcher.sort(found)
        if len(matcher._multiple_seen) < MEMO_SIZE:
            matcher._multiple_seen[key] = found
    return list(found)  # a copy: the caller may change it


def _match_segment(segment: str, matcher: ChoiceMatcher) -> list[str]:
    tokens = segment.split()
    if all(token in matcher._exact for token in tokens):  # Kobo: values, space-separated
        return [matcher._exact[token] for token in tokens]
    found = []
    for part, value in _longest_matches([p.strip() for p in segment.split(",")], ", ", matcher):
        if value is not None:
            found.append(value)
            continue
        for _word, word_value in _longest_matches(part.split(), " ", matcher):
            if word_value is None:
                raise _cell_error(NOT_ALLOWED, part, choices=matcher.allowed)
            found.append(word_value)
    return found


def _longest_matches(parts: list[str], joiner: str, matcher: ChoiceMatcher):
    """Yield (text, value) for runs of parts that name a choice, (part, None) for the rest."""
    parts = [part for part in parts if part]
    start = 0
    while start < len(parts):
        for end in range(min(len(parts), start + 12), start, -1):
            text = joiner.join(parts[start:end])
            value = matcher.find(text)
            if value is not None:
                yield text, value
                start = end
                break
        else:
            yield parts[start], None
            start += 1


def _yes_or_no(value: Cell) -> bool | None:
    if isinstance(value, bool):
        return value
    flag = FLAGS.get(value) if type(value) is str else None
    if flag is not None:
        return flag
    word = normalise(_text(value))
    return True if word in YES_WORDS else False if word in NO_WORDS else None


def _is_empty(value: Cell) -> bool:
    return value is None or (type(value) is str and not value.strip())


def parse_checkbox(value: Cell) -> bool | None:
    """One option column (LimeSurvey "Y"/empty, Kobo 1/0, "x"): ticked, not ticked, or
    None when empty — LimeSurvey leaves unticked boxes empty, so the caller decides."""
    ticked = None if _is_empty(value) else _yes_or_no(value)
    if ticked is None and not _is_empty(value):
        raise _cell_error(
            _("“%(value)s” is neither ticked nor unticked: expected 1, 0, Y, x or an empty cell."),
            value,
        )
    return ticked


def parse_yes_no(value: Cell, matcher: ChoiceMatcher) -> str | None:
    """The yes or no value of the question's list, from its labels or from oui/non, yes/no,
    Y/N, O/N, 1/0, vrai/faux, true/false, x; empty is None."""
    if _is_empty(value):
        return None
    found = None if isinstance(value, bool) else matcher.find(value)
    if found is not None:
        return found
    ticked = _yes_or_no(value)
    if ticked is None:
        raise _cell_error(_("“%(value)s” is not a yes/no answer."), value)
    return matcher.yes_no[0 if ticked else 1]


# ---------------------------------------------------------------- mapping columns


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    type: str  # a Question.Type value: single_choice, multiple_choice, scale, date...
    labels: tuple[str, ...] = ()
    choices: tuple[ChoiceSpec, ...] = ()


@dataclass(frozen=True)
class ColumnSuggestion:
    column_index: int
    header: str
    question_code: str | None
    option_value: str | None  # set for one-column-per-option exports (Kobo, LimeSurvey)
    reason: str
    confidence: float  # 0 to 1, for ordering and for the UI to ask for a check below ~0.9
    metadata: str | None = None  # EXTERNAL_ID, SUBMITTED_AT or OTHER_METADATA


EXTERNAL_ID, SUBMITTED_AT, OTHER_METADATA = "external_id", "submitted_at", "other"
MULTIPLE = "multiple_choice"


def _kind(kind: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), kind)


# Names (folded, spaces as "_") of what Kobo, LimeSurvey, Google Forms and Framaforms add.
METADATA_COLUMNS = {
    **_kind(EXTERNAL_ID, "_uuid _id id meta/instanceid instanceid token sid"),
    **_kind("email", "adresse_e-mail adresse_email email_address e-mail email"),
    **_kind(SUBMITTED_AT, "_submission_time submitdate horodateur horodatage timestamp submitted"),
    **_kind(
        OTHER_METADATA,
        """_index _validation_status _status _submitted_by __version__ _version_ _notes _tags
        _xform_id_string _attachments _geolocation _parent_index _parent_table_name formhub/uuid
        meta/rootuuid meta/deprecatedid start end today deviceid username phonenumber simserial
        subscriberid audit startdate datestamp lastpage startlanguage seed ipaddr refurl
        interviewtime draft serial uid ip_address adresse_ip""",
    ),
}
METADATA_REASONS = {
    EXTERNAL_ID: _("Identifier given by the collection tool: it detects answers imported twice."),
    "email": _("E-mail address collected by the form: an identifier, and personal data."),
    SUBMITTED_AT: _("Date the answers were submitted, recorded by the collection tool."),
    OTHER_METADATA: _("Technical information from the collection tool, not an answer."),
}
Guess = tuple[str | None, str | None, object, float]  # question, option, reason, confidence


def suggest_mapping(headers: list[str], questions: list[QuestionSpec]) -> list[ColumnSuggestion]:
    """One suggestion per column. Rules, strongest first: the question code (also as the
    last part of Kobo's `group/code`, Kobo's `code/option` and LimeSurvey's `code[option]`
    columns); the label (case, accents, punctuation, numbering and `*` ignored); known
    metadata columns; then a label at least 90% similar (difflib ratio), which tolerates
    typos, accents and a word added, but not "niveau d'études" for "niveau de satisfaction"
    (0.75). A question goes to one column; option columns are dropped when a column
    already lists the selected options."""
    by_code = {q.code: q for q in questions if q.type != "note"}  # notes have no answers
    found = []
    for index, header in enumerate(headers):
        guess = _guess_from_code(header.strip(), by_code)
        found.append(guess and ColumnSuggestion(index, header, *guess))
    _drop_repeats(found, headers)
    free = [q for q in by_code.values() if q.code not in _codes(found)]
    _by_label(found, headers, free)
    for index, header in enumerate(headers):
        found[index] = found[index] or _by_metadata(index, header)
    _by_fuzzy_label(found, headers, [q for q in free if q.code not in _codes(found)])
    no_match = _("No question of the questionnaire matches this column.")
    for index, header in enumerate(headers):
        found[index] = found[index] or ColumnSuggestion(index, header, None, None, no_match, 0.0)
    return found


def _codes(found: list) -> set[str]:
    return {s.question_code for s in found if s and s.question_code}


def _lazy(message, **values):
    return interpolate_lazy(message, values)


def _guess_from_code(name: str, by_code: dict) -> Guess | None:
    if name in by_code:
        return name, None, _("The column name is the question code."), 1.0
    *groups, last = name.split("/")
    if groups and (option := _option(by_code.get(groups[-1]), last)) and not option[1]:
        reason = _("Column of the option “%(option)s” (Kobo: one column per option).")
        return groups[-1], option[0], _lazy(reason, option=option[0]), 0.95
    if groups and last in by_code:
        reason = _("The column name is the question code, in the group “%(group)s” (Kobo).")
        return last, None, _lazy(reason, group="/".join(groups)), 0.95
    if name.endswith("]") and "[" in name:
        code, _bracket, sub = name[:-1].partition("[")
        return _guess_limesurvey(code.strip(), sub.strip(), by_code)
    for code in sorted(by_code, key=len, reverse=True):  # LimeSurvey's "codeSQ001" style
        sub = name[len(code) :].lstrip("_")
        if name.startswith(code) and (option := _option(by_code[code], sub)):
            return _option_guess(code, option)
    folded = [code for code in by_code if code.casefold() == name.casefold()]
    if len(folded) == 1:
        reason = _("The column name is the question code, written in other capitals.")
        return folded[0], None, reason, 0.9
    return None


def _option(question: QuestionSpec | None, sub: str) -> tuple[str, bool] | None:
    """(option value, guessed from its position?) for the sub-column of a multiple choice."""
    if question is None or question.type != MULTIPLE or not sub:
        return None
    values = [choice.value for choice in question.choices]
    folded = [value for value in values if value.casefold() == sub.casefold()]
    if sub in values or len(folded) == 1:
        return (sub if sub in values else folded[0]), False
    # LimeSurvey numbers sub-questions SQ001, SQ002... in the order of the options.
    if sub[:2].upper() == "SQ" and sub[2:].isdigit() and 1 <= int(sub[2:]) <= len(values):
        return values[int(sub[2:]) - 1], True
    return None


def _option_guess(code: str, option: tuple[str, bool]) -> Guess:
    value, by_position = option
    if by_position:
        reason = _(
            "Column of the option “%(option)s”, guessed from its position "
            "(LimeSurvey: one column per option)."
        )
        return code, value, _lazy(reason, option=value), 0.6
    reason = _("Column of the option “%(option)s” (LimeSurvey: one column per option).")
    return code, value, _lazy(reason, option=value), 0.9


def _guess_limesurvey(code: str, sub: str, by_code: dict) -> Guess | None:
    if sub.casefold() == "other" or sub.casefold().endswith("comment"):
        reason = _("Text of an “other” answer or a comment (LimeSurvey): not a question here.")
        return None, None, reason, 0.9
    if code not in by_code:  # an array question, imported as one question per row
        for candidate in (f"{code}_{sub}", f"{code}{sub}", sub):
            if candidate in by_code:
                reason = _("Row “%(sub)s” of the LimeSurvey array “%(code)s”.")
                return candidate, None, _lazy(reason, sub=sub, code=code), 0.85
        return None
    if option := _option(by_code[code], sub):
        return _option_guess(code, option)
    reason = _("LimeSurvey sub-question “%(sub)s” of “%(code)s” matches no option.")
    return None, None, _lazy(reason, sub=sub, code=code), 0.0


def _drop_repeats(found: list, headers: list[str]) -> None:
    """Keep a question's first column, and prefer a column listing the selected options to
    one column per option (Kobo exports both by default)."""
    first: dict[tuple, int] = {}
    for index, suggestion in enumerate(found):
        if suggestion and suggestion.question_code:
            first.setdefault((suggestion.question_code, suggestion.option_value), index)
    for index, suggestion in enumerate(found):
        if not suggestion or not suggestion.question_code:
            continue
        kept = first.get((suggestion.question_code, None), index)
        if suggestion.option_value is not None and kept == index:
            kept = first[(suggestion.question_code, suggestion.option_value)]
        if kept != index:
            reason = _lazy(_("Already read from the column “%(header)s”."), header=headers[kept])
            found[index] = ColumnSuggestion(index, headers[index], None, None, reason, 0.0)


def label_key(text: str) -> str:
    """A label or header reduced for comparison: "1. Votre âge ? *" → "votre age"."""
    words = "".join(c if c.isalnum() else " " for c in normalise(text)).split()
    if len(words) > 1 and (words[0].isdigit() or (words[0][0] == "q" and words[0][1:].isdigit())):
        words = words[1:]  # numbering added by Google Forms sections or by hand
    return " ".join(words)


def _header_keys(header: str) -> set[str]:
    # Kobo's label exports write "Group label/Question label".
    return {label_key(header), label_key(header.rsplit("/", 1)[-1])} - {""}


def _by_label(found: list, headers: list[str], questions: list[QuestionSpec]) -> None:
    index_by_key: dict[str, QuestionSpec | None] = {}
    for question in questions:
        for key in {label_key(label) for label in question.labels} - {""}:
            # Two questions with the same label: neither is suggested.
            index_by_key[key] = None if key in index_by_key else question
    taken: set[str] = set()
    for index, header in enumerate(headers):
        matches = {index_by_key.get(key) for key in _header_keys(header)} - {None}
        if found[index] is None and len(matches) == 1:
            question = matches.pop()
            if question.code not in taken:
                taken.add(question.code)
                reason = _("The column name is the question label.")
                found[index] = ColumnSuggestion(index, header, question.code, None, reason, 0.85)


def _by_metadata(index: int, header: str) -> ColumnSuggestion | None:
    kind = METADATA_COLUMNS.get(normalise(header).replace(" ", "_"))
    if kind is None:
        return None
    reason, kind = METADATA_REASONS[kind], EXTERNAL_ID if kind == "email" else kind
    return ColumnSuggestion(index, header, None, None, reason, 0.95, kind)


def _by_fuzzy_label(found: list, headers: list[str], questions: list[QuestionSpec]) -> None:
    pairs = []
    for index, header in enumerate(headers):
        if found[index] is not None:
            continue
        for key in _header_keys(header):
            matcher = SequenceMatcher(None, "", key)  # the header is b: difflib caches b
            for question in questions:
                for label in question.labels:
                    matcher.set_seq1(label_key(label))
                    if matcher.real_quick_ratio() < FUZZY_THRESHOLD:
                        continue
                    if (ratio := matcher.ratio()) >= FUZZY_THRESHOLD:
                        pairs.append((ratio, index, question.code, label))
    taken: set = set()
    for ratio, index, code, label in sorted(pairs, key=lambda pair: -pair[0]):
        if found[index] is None and code not in taken:
            taken.add(code)
            reason = _lazy(
                _("The column name is close to the question label “%(label)s”."), label=label
            )
            found[index] = ColumnSuggestion(
                index, headers[index], code, None, reason, round(0.7 * ratio, 2)
            )
