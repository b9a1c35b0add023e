"""Cells written to CSV and Excel files that spreadsheets show as text, never run as formulas."""

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets: a
# hostile answer such as =HYPERLINK(...) would run when the analyst opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value) -> str:
    """`value` as a cell a spreadsheet shows as written (a leading quote stops a formula)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(row) -> list:
    """Numbers stay numbers; text goes through `as_text`."""
    return [as_text(v) if isinstance(v, str) else v for v in row]
