"""Writing an export's table to CSV, XLSX, SPSS (.sav) and Stata (.dta), in slices so that a
progress bar can move, and never holding a second copy of a million rows as Python objects.

Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return
first) get a leading apostrophe, as `core.spreadsheet.as_text` does, in CSV and XLSX; plain
numbers written as text ("-1", a code for "does not know") are left as they are, since a
spreadsheet reads them as numbers, never as formulas. SPSS and Stata files hold values, not
formulas: they are written as the answers are."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
import pyreadstat
from openpyxl import Workbook

from civiclab.core.spreadsheet import FORMULA_START, safe_row
from civiclab.opendata.shaping import Variable, coded

Progress = Callable[[float], None]
SLICE = 100_000
XLSX_SLICE = 10_000  # rows turned into Python values at a time (a million would take GBs)
# Excel's last row is 1,048,576: a sheet holds the header and 1,048,575 rows; more rows go
# on to a second sheet ("donnees_2"), and so on.
EXCEL_ROWS = 1_048_575
FORMULA = "^[" + re.escape("".join(FORMULA_START)) + "]"
PLAIN_NUMBER = r"^[+-]?[0-9]+([.,][0-9]+)?$"
SAV_VARIABLE_LABEL_BYTES = 256
SAV_VALUE_LABEL_BYTES = 120
DTA_VARIABLE_LABEL_CHARS = 80
DTA_VALUE_LABEL_CHARS = 32_000


def _nothing(_done: float) -> None:
    return None


def risky(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula."""
    return bool(re.match(FORMULA, text)) and not re.match(PLAIN_NUMBER, text)


def formula_safe(table: pl.DataFrame, only: Sequence[str] | None = None) -> pl.DataFrame:
    """Every text column (those of `only`, when given: columns whose values are known to be
    harmless need no check) with a leading apostrophe where a spreadsheet would see a
    formula."""
    columns = []
    for name, dtype in table.schema.items():
        if dtype in (pl.String, pl.Categorical) and (only is None or name in only):
            text = pl.col(name).cast(pl.String)
            risky = text.str.contains(FORMULA) & ~text.str.contains(PLAIN_NUMBER)
            columns.append(pl.when(risky).then(pl.lit("'") + text).otherwise(text).alias(name))
    return table.with_columns(columns) if columns else table


def write_csv(
    table: pl.DataFrame,
    path: Path,
    *,
    separator: str = ";",
    progress: Progress = _nothing,
    only: Sequence[str] | None = None,
) -> None:
    """`;` for French Excel: UTF-8 with a byte-order mark (without it Excel reads cp1252) and
    decimal commas. `,`: plain UTF-8 and decimal points, what R, Stata, pandas and the
    CSV standard expect. `only`: see `formula_safe`."""
    french = separator == ";"
    safe = formula_safe(table, only)
    with open(path, "wb") as handle:
        if french:
            handle.write("\ufeff".encode())
        if safe.height == 0:
            safe.write_csv(handle, separator=separator, decimal_comma=french)
        for start in range(0, safe.height, SLICE):
            safe.slice(start, SLICE).write_csv(
                handle,
                separator=separator,
                include_header=start == 0,
                decimal_comma=french,
            )
            progress(min(1.0, (start + SLICE) / safe.height))


def write_xlsx(
    table: pl.DataFrame,
    path: Path,
    codebook: Sequence[Sequence],
    *,
    progress: Progress = _nothing,
    only: Sequence[str] | None = None,
) -> None:
    """A write-only workbook: the data (several sheets past Excel's row limit), then the
    codebook. `only`: see `formula_safe`."""
    workbook = Workbook(write_only=True)
    safe = formula_safe(table, only)
    sheets = max(1, -(-safe.height // EXCEL_ROWS))
    header = safe_row(safe.columns)
    done = 0
    for number in range(sheets):
        sheet = workbook.create_sheet("donnees" if number == 0 else f"donnees_{number + 1}")
        sheet.append(header)
        part = safe.slice(number * EXCEL_ROWS, EXCEL_ROWS)
        for start in range(0, part.height, XLSX_SLICE):
            for row in part.slice(start, XLSX_SLICE).iter_rows():
                sheet.append(row)
            done += min(XLSX_SLICE, part.height - start)
            progress(min(0.99, done / max(safe.height, 1)))
    sheet = workbook.create_sheet("dictionnaire")
    for row in codebook:
        sheet.append(safe_row(row))
    workbook.save(path)
    progress(1.0)


def _bytes_cut(text: str, limit: int) -> str:
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode(errors="ignore") + "…"


def _chars_cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_labels(variables: Sequence[Variable], cut) -> dict[str, dict[int, str]]:
    return {
        v.name: {c: cut(label) for c, label in v.value_labels.items()}
        for v in variables
        if v.value_labels
    }


def write_sav(
    table: pl.DataFrame,
    path: Path,
    variables: Sequence[Variable],
    title: str = "",
    *,
    progress: Progress = _nothing,
) -> None:
    """SPSS: lists as numeric codes with value labels, the wording as variable labels."""
    data = coded(table, variables)
    progress(0.2)

    def cut(text):
        return _bytes_cut(text, SAV_VALUE_LABEL_BYTES)

    measures = {v.name: "nominal" for v in variables if v.coded or v.kind == "tick"}
    measures |= {v.name: "ordinal" for v in variables if v.kind == "rank"}
    measures |= {v.name: "scale" for v in variables if v.kind == "number"}
    pyreadstat.write_sav(
        data,
        str(path),
        file_label=_bytes_cut(title, 64),
        column_labels={v.name: _bytes_cut(v.label, SAV_VARIABLE_LABEL_BYTES) for v in variables},
        variable_value_labels=_value_labels(variables, cut),
        variable_measure=measures,
    )
    progress(1.0)


def write_dta(
    table: pl.DataFrame,
    path: Path,
    variables: Sequence[Variable],
    title: str = "",
    *,
    progress: Progress = _nothing,
) -> None:
    """Stata 15 (.dta 119): value labels on the numeric codes, labels of at most 80
    characters (the full wording is in the codebook), no missing text but an empty one."""
    data = coded(table, variables)
    texts = [name for name, dtype in data.schema.items() if dtype == pl.String]
    if texts:
        data = data.with_columns(pl.col(texts).fill_null(""))
    progress(0.2)

    def cut(text):
        return _chars_cut(text, DTA_VALUE_LABEL_CHARS)

    pyreadstat.write_dta(
        data,
        str(path),
        file_label=_chars_cut(title, DTA_VARIABLE_LABEL_CHARS),
        column_labels={v.name: _chars_cut(v.label, DTA_VARIABLE_LABEL_CHARS) for v in variables},
        variable_value_labels=_value_labels(variables, cut),
    )
    progress(1.0)


def write_codebook(rows: Sequence[Sequence], path: Path, separator: str = ";") -> None:
    """The codebook as CSV (UTF-8 with a byte-order mark for `;`)."""
    header, *body = rows
    frame = pl.DataFrame(
        [[str(cell) for cell in row] for row in body],
        schema=[str(h) for h in header],
        orient="row",
    )
    write_csv(frame, path, separator=separator)
