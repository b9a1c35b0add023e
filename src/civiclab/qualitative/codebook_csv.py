"""A codebook as a CSV file, one line per code, that people edit in a spreadsheet."""

# The encoding detection of civiclab.collection.tabular is not reused: that module imports
# Django (translated messages), and this one must stay importable alone. Codebooks are small
# text files, so the few lines below are all it takes.

import codecs
import csv
import io
from collections.abc import Iterable
from typing import NamedTuple

from civiclab.qualitative.refi import normalise_colour

PATH_SEPARATOR = " > "
MAX_DEPTH = 6
HEADER = ("code", "description", "colour")
# Header names read, lowercased: the English machine names, the French ones, and variants.
COLUMN_NAMES = {
    "code": "code",
    "description": "description",
    "colour": "colour",
    "color": "colour",
    "couleur": "colour",
}
DELIMITERS = (";", ",", "\t")  # ties go to the first: French Excel writes ";"
FORMULA_START = ("=", "+", "-", "@")

# Codes carried by CodebookError; the interface words each one in French.
ERROR_CODES = {
    "undecodable": "the file is neither UTF-8 (or UTF-16 with its mark) nor Windows-1252 text",
    "bad_csv": "the CSV structure is broken (a NUL byte, a huge cell)",
    "empty": "the file holds no code line",
    "no_header": "the first line does not name a “code” column",
    "unknown_column": "the header names a column this format does not know",
    "duplicate_column": "the header names a column twice",
    "empty_name": "a code, or one level of its path, has no name",
    "duplicate": "the same code path appears on two lines",
    "too_deep": f"a path has more than {MAX_DEPTH} levels",
    "bad_colour": "a colour is not #RRGGBB",
    "separator_in_name": "a code name holds “>”, which separates levels (writing only)",
}


class CodebookError(ValueError):
    """A codebook file that cannot be read (or rows that cannot be written); `line` is the line
    of the file, counting the header as 1, when known."""

    def __init__(self, code: str, line: int | None = None, detail: str = ""):
        super().__init__(code, line, detail)
        self.code, self.line, self.detail = code, line, detail

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.code}: {self.detail}{where}" if self.detail else f"{self.code}{where}"


class CodebookRow(NamedTuple):
    """One code; a plain (path, description, colour) tuple is accepted wherever it is."""

    path: tuple[str, ...]  # names from the root down to the code
    description: str = ""
    colour: str = ""  # "#RRGGBB" or ""


def write_codebook_csv(rows: Iterable[CodebookRow | tuple], *, delimiter: str = ";") -> str:
    """The rows as CSV text with an English header; encode it as "utf-8-sig" for Excel."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    for path, description, colour in rows:
        for name in path:
            if ">" in name:
                raise CodebookError("separator_in_name", detail=name)
            if not name.strip():
                raise CodebookError("empty_name", detail=PATH_SEPARATOR.join(path))
        normalised = normalise_colour(colour or "")
        if normalised is None:
            raise CodebookError("bad_colour", detail=colour)
        cells = (PATH_SEPARATOR.join(path), description or "", normalised)
        writer.writerow([_protect(cell) for cell in cells])
    return output.getvalue()


def read_codebook_csv(data: str | bytes) -> list[CodebookRow]:
    """The rows of a codebook CSV file, parents before their children. A parent that has no
    line of its own is created, without description or colour."""
    text = _decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    skip = _blank_lines(lines, 0)
    if skip == len(lines):
        raise CodebookError("empty", 1)
    first = lines[skip].strip()
    if first.lower().startswith("sep=") and len(first) == 5:  # Excel's delimiter hint
        delimiter = first[4]
        skip = _blank_lines(lines, skip + 1)
    else:
        delimiter = max(DELIMITERS, key=lambda candidate: _header_score(first, candidate))
    reader = csv.reader(io.StringIO("".join(lines[skip:])), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise CodebookError("empty", skip + 1)
        columns = _columns(header, skip + 1)
        rows: dict[tuple[str, ...], CodebookRow] = {}
        explicit: set[tuple[str, ...]] = set()
        previous_end = reader.line_num
        for record in reader:
            line = skip + previous_end + 1
            previous_end = reader.line_num
            cells = {
                name: _unprotect(record[index]) for index, name in columns if index < len(record)
            }
            if not any(value.strip() for value in record):
                continue
            path = _path(cells.get("code", ""), line)
            if path in explicit:
                raise CodebookError("duplicate", line, PATH_SEPARATOR.join(path))
            colour = normalise_colour(cells.get("colour", ""))
            if colour is None:
                raise CodebookError("bad_colour", line, cells["colour"])
            for depth in range(1, len(path)):
                rows.setdefault(path[:depth], CodebookRow(path[:depth]))
            # A parent created for an earlier child keeps its place and takes its own line's
            # description and colour.
            description = cells.get("description", "").replace("\r\n", "\n").strip()
            rows[path] = CodebookRow(path, description, colour)
            explicit.add(path)
    except csv.Error as error:
        raise CodebookError("bad_csv", skip + reader.line_num, str(error)) from None
    if not rows:
        raise CodebookError("empty", skip + 2)
    return list(rows.values())


def _blank_lines(lines: list[str], start: int) -> int:
    """The index of the first line from `start` that is not blank."""
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _decode(data: bytes) -> str:
    marks = (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for mark, codec in marks:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(codec)
            except UnicodeDecodeError as error:
                raise CodebookError("undecodable", None, f"{codec}: {error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves "CSV" in cp1252; its five undefined bytes mean it is not that.
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise CodebookError("undecodable", None, str(error)) from None


def _header_score(line: str, delimiter: str) -> tuple[int, int]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    known = sum(cell.strip().lower().removeprefix("\ufeff") in COLUMN_NAMES for cell in cells)
    return known, len(cells)


def _columns(header: list[str], line: int) -> list[tuple[int, str]]:
    columns, seen = [], set()
    for index, cell in enumerate(header):
        label = cell.strip().lower().removeprefix("\ufeff")
        if not label:
            continue  # Excel keeps empty trailing columns someone once typed in
        name = COLUMN_NAMES.get(label)
        if name is None:
            raise CodebookError("unknown_column", line, cell.strip())
        if name in seen:
            raise CodebookError("duplicate_column", line, cell.strip())
        seen.add(name)
        columns.append((index, name))
    if "code" not in seen:
        raise CodebookError("no_header", line)
    return columns


def _path(value: str, line: int) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(">"))
    if not all(names):
        raise CodebookError("empty_name", line, value)
    if len(names) > MAX_DEPTH:
        raise CodebookError("too_deep", line, value)
    return names


def _protect(cell: str) -> str:
    # A leading = + - @ would make a spreadsheet run the cell as a formula; the quote that
    # stops it is taken off again by _unprotect, so the file still reads back the same.
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _unprotect(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
