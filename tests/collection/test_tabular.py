"""Reading exported answer tables (CSV, XLSX) and converting their cells, without a database."""

import io
import tracemalloc
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from civiclab.collection.tabular import (
    EXTERNAL_ID,
    OTHER_METADATA,
    SUBMITTED_AT,
    CellError,
    ChoiceMatcher,
    ChoiceSpec,
    QuestionSpec,
    TableError,
    open_table,
    parse_checkbox,
    parse_choice,
    parse_date,
    parse_multiple,
    parse_number,
    parse_yes_no,
    suggest_mapping,
)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English, whatever the French catalogue says."""
    with translation.override("en"):
        yield


def write(tmp_path, data: bytes, name: str = "export.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path) -> tuple:
    with open_table(path) as table:
        return table, list(table.rows())


def refusal(path) -> TableError:
    with pytest.raises(TableError) as caught, open_table(path) as table:
        list(table.rows())
    return caught.value


# ---------------------------------------------------------------- files as tools write them


def test_french_excel_csv(tmp_path):
    """French Excel: cp1252 (é, ’ as 0x92, œ as 0x9C), ";" separator, decimal comma, dd/mm/yyyy."""
    text = "Nom;Quartier;Note;Date\r\nRené;L’Île;3,5;31/12/2025\r\n"
    data = (text + "Anaïs;Cœur de ville;4;01/02/2026\r\n").encode("cp1252")
    assert b"\x92" in data and b"\x9c" in data
    table, rows = read(write(tmp_path, data))
    assert (table.format, table.encoding, table.delimiter) == ("csv", "cp1252", ";")
    assert str(table.delimiter_name) == "semicolon"
    assert table.headers == ["Nom", "Quartier", "Note", "Date"]
    assert rows == [
        (2, ["René", "L’Île", "3,5", "31/12/2025"]),
        (3, ["Anaïs", "Cœur de ville", "4", "01/02/2026"]),
    ]
    assert parse_number(rows[0][1][2]) == Decimal("3.5")
    assert parse_date(rows[0][1][3]) == date(2025, 12, 31)


def test_utf8_with_bom_and_commas(tmp_path):
    """A BOM is detected and kept out of the first header."""
    data = "\ufeffid,Ville,Âge\n1,Orléans,34\n".encode()
    table, rows = read(write(tmp_path, data))
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers == ["id", "Ville", "Âge"]
    assert rows == [(2, ["1", "Orléans", "34"])]


def test_utf8_without_bom(tmp_path):
    table, rows = read(write(tmp_path, "Ville;Avis\nSaint-Étienne;Très bien\n".encode()))
    assert (table.encoding, table.delimiter) == ("utf-8", ";")
    assert rows[0][1] == ["Saint-Étienne", "Très bien"]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    """Excel's "Texte Unicode": UTF-16LE with a BOM, tab-separated, CRLF."""
    data = b"\xff\xfe" + "Commune\tAvis\r\nÉvry\tC’est « bien »\r\n".encode("utf-16-le")
    table, rows = read(write(tmp_path, data, "export.txt"))
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert rows == [(2, ["Évry", "C’est « bien »"])]


def test_utf16_without_bom_is_recognised(tmp_path):
    table, rows = read(write(tmp_path, "a;b\r\n1;2\r\n".encode("utf-16-le")))
    assert table.encoding == "utf-16-le"
    assert rows == [(2, ["1", "2"])]


def test_excel_sep_line_sets_the_delimiter(tmp_path):
    """Excel's "sep=," first line is obeyed and skipped; line numbers still count it."""
    table, rows = read(write(tmp_path, b"sep=,\r\nA;x,B\r\n1;2,3\r\n"))
    assert table.delimiter == ","
    assert table.headers == ["A;x", "B"]
    assert rows == [(3, ["1;2", "3"])]


def test_excel_sep_line_with_a_tab(tmp_path):
    table, rows = read(write(tmp_path, b"sep=\t\r\nA,B\tC\r\n1\t2\r\n"))
    assert (table.delimiter, table.headers, rows) == ("\t", ["A,B", "C"], [(3, ["1", "2"])])


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Âge, en années;Ville\n34;Lille\n3,5;Lyon\n", ";"),  # commas in a French header
        ("Note;Avis\n3,5;Bien, merci\n4;Non\n", ";"),
        ("Horodateur,Q1; Q2,Q3\n1,2,3\n4,5,6\n", ","),  # a ";" in an English label
        ("a|b|c\n1|2,5|3\n", "|"),
        ("Avis\nOui, vraiment\nNon\n", ";"),  # one column: no candidate cuts the header
    ],
)
def test_delimiter_detection(tmp_path, text, delimiter):
    table, _rows = read(write(tmp_path, text.encode()))
    assert table.delimiter == delimiter


def test_delimiter_ignores_separators_inside_quotes(tmp_path):
    """Google Forms quotes "A, B" cells: commas inside quotes do not count."""
    data = 'Horodateur,Transports\n"31/12/2025 14:03:00","Vélo, Bus; Train"\n'.encode()
    table, rows = read(write(tmp_path, data))
    assert table.delimiter == ","
    assert rows[0][1] == ["31/12/2025 14:03:00", "Vélo, Bus; Train"]


def test_quoted_fields_with_newlines_keep_line_numbers(tmp_path):
    """A quoted value spanning lines is one cell; rows are numbered by the line they start on."""
    data = 'Nom;Avis\n"Léa";"Trop de bruit;\nla nuit"\n\n"Marc";"Il a dit ""oui"""\n'
    _table, rows = read(write(tmp_path, data.encode()))
    assert rows == [
        (2, ["Léa", "Trop de bruit;\nla nuit"]),
        (5, ["Marc", 'Il a dit "oui"']),
    ]


def test_blank_lines_and_separator_only_lines_are_skipped(tmp_path):
    _table, rows = read(write(tmp_path, b"a;b\r\n\r\n1;2\r\n;\r\n  \r\n3;4\r\n;;;\r\n"))
    assert rows == [(3, ["1", "2"]), (6, ["3", "4"])]


def test_short_rows_are_padded_and_empty_extra_cells_dropped(tmp_path):
    """Excel drops trailing empty cells and sometimes adds empty ones after the last column."""
    _table, rows = read(write(tmp_path, b"a;b;c;;\n1\n1;2;3;;\n"))
    assert rows == [(2, ["1", "", ""]), (3, ["1", "2", "3"])]


def test_repeated_and_empty_headers(tmp_path):
    """Google Forms repeats labels: repeated names are numbered, the columns all kept."""
    data = b"Commentaire; ;Commentaire;Commentaire (2); ;Commentaire\n1;2;3;4;5;6\n"
    table, _rows = read(write(tmp_path, data))
    assert table.headers == [
        "Commentaire",
        "",
        "Commentaire (3)",
        "Commentaire (2)",
        "",
        "Commentaire (4)",
    ]


def test_rows_can_be_read_twice(tmp_path):
    """The preview and the import both read from the start."""
    with open_table(write(tmp_path, b"a\n1\n2\n")) as table:
        assert list(table.rows()) == list(table.rows()) == [(2, ["1"]), (3, ["2"])]


def test_kobo_csv_export(tmp_path):
    """Kobo's CSV: ";" and every value quoted, group/question headers, one column per option."""
    lines = [
        "start;end;identite/age;identite/commune;loisirs;loisirs/sport;loisirs/lecture;"
        "_id;_uuid;_submission_time;_validation_status;_index",
        "2025-12-31T14:00:00.000+01:00;2025-12-31T14:03:00.000+01:00;34;Lille;sport lecture;"
        "1;1;101;a1b2;2025-12-31T13:03:10;;1",
    ]
    data = "\n".join(";".join(f'"{v}"' for v in line.split(";")) for line in lines).encode()
    table, rows = read(write(tmp_path, data))
    assert table.delimiter == ";"
    assert table.headers[2] == "identite/age"
    loisirs = ChoiceMatcher([ChoiceSpec("sport", ("Sport",)), ChoiceSpec("lecture", ("Lecture",))])
    values = dict(zip(table.headers, rows[0][1], strict=True))
    assert parse_multiple(values["loisirs"], loisirs) == ["sport", "lecture"]
    assert parse_checkbox(values["loisirs/sport"]) is True
    assert parse_date(values["_submission_time"]) == date(2025, 12, 31)


def test_limesurvey_csv_export(tmp_path):
    """LimeSurvey: "," and quotes, metadata columns, one "Y" column per option."""
    data = (
        b'"id","submitdate","lastpage","startlanguage","seed","q1","q2[SQ001]","q2[SQ002]",'
        b'"q2[other]"\n"7","2025-12-31 14:03:00","3","fr","123","A2","Y","","trottinette"\n'
    )
    table, rows = read(write(tmp_path, data))
    assert table.delimiter == ","
    assert table.headers[6] == "q2[SQ001]"
    cells = rows[0][1]
    assert parse_date(cells[1]) == date(2025, 12, 31)
    assert [parse_checkbox(cell) for cell in cells[6:8]] == [True, None]


def test_google_forms_csv_export(tmp_path):
    """Google Forms: "Horodateur", labels as headers, "Option A, Option B" cells."""
    data = (
        '"Horodateur","1. Quels transports utilisez-vous ? *","Commentaire"\n'
        '"31/12/2025 14:03:00","Vélo, Train, car ou métro","RAS"\n'
    ).encode()
    table, rows = read(write(tmp_path, data))
    assert table.headers[1] == "1. Quels transports utilisez-vous ? *"
    transports = ChoiceMatcher(
        [ChoiceSpec("velo", ("Vélo",)), ChoiceSpec("tc", ("Train, car ou métro",))]
    )
    assert parse_multiple(rows[0][1][1], transports) == ["velo", "tc"]
    assert parse_date(rows[0][1][0]) == date(2025, 12, 31)


def test_xlsx_keeps_native_values(tmp_path):
    """openpyxl gives dates, numbers and booleans as Python values; rows are sheet rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Réponses"
    sheet.append([])  # an empty first row: the header is the first row with something in it
    sheet.append(["Date", "Note", "Âge", "Accord", "Commune", None])
    sheet.append([datetime(2025, 12, 31, 14, 3), 3.5, 34, True, "Lille"])
    sheet.append([None, None, None, None, None])
    sheet.append([45658, 4.25, 40, False, None, None])
    workbook.save(tmp_path / "reponses.xlsx")
    table, rows = read(tmp_path / "reponses.xlsx")
    assert (table.format, table.sheet_name, table.encoding) == ("xlsx", "Réponses", None)
    assert table.headers == ["Date", "Note", "Âge", "Accord", "Commune"]
    assert rows == [
        (3, [datetime(2025, 12, 31, 14, 3), 3.5, 34, True, "Lille"]),
        (5, [45658, 4.25, 40, False, None]),
    ]
    assert parse_date(rows[0][1][0]) == date(2025, 12, 31)
    assert parse_date(rows[1][1][0]) == date(2025, 1, 1)  # an Excel serial day
    assert parse_number(rows[0][1][1]) == Decimal("3.5")


def test_xlsx_row_with_a_value_beyond_the_headers(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append([1, 2, "perdu"])
    workbook.save(tmp_path / "large.xlsx")
    error = refusal(tmp_path / "large.xlsx")
    assert error.line == 2
    assert "3 values but the header line has 2 columns" in str(error)


def test_xlsx_with_an_empty_first_sheet(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.create_sheet("Réponses").append(["a", "b"])
    workbook.save(tmp_path / "vide.xlsx")
    assert str(refusal(tmp_path / "vide.xlsx")) == "The first sheet, “Notes”, is empty."


def test_xlsx_damaged_after_some_rows_names_the_row(tmp_path):
    """A sheet cut in the middle is read up to the damage, then refused with its row."""
    workbook = openpyxl.Workbook()
    for row in [["a", "b"], *[[n, "texte"] for n in range(300)]]:
        workbook.active.append(row)
    workbook.save(tmp_path / "complet.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "complet.xlsx") as source,
        zipfile.ZipFile(tmp_path / "coupe.xlsx", "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: content.index(b'<row r="200"')] + b"<row r="
            target.writestr(item, content)
    with open_table(tmp_path / "coupe.xlsx") as table, pytest.raises(TableError) as caught:
        for _line, _values in table.rows():
            pass
    assert caught.value.line == 200
    assert str(caught.value) == (
        "This Excel file is damaged from row 200 on: open it and save it again."
    )


# ---------------------------------------------------------------- encodings decided late


def test_late_cp1252_bytes_after_an_ascii_sample_are_read_as_cp1252(tmp_path):
    """A cp1252 file whose first 64 KiB are ASCII looks like UTF-8: stray bytes fall back."""
    head = b"id;commune\r\n" + b"".join(b"%d;Lille\r\n" % n for n in range(8000))
    assert len(head) > 64 * 1024
    data = head + "9000;L’Haÿ-les-Roses\r\n".encode("cp1252")
    table, rows = read(write(tmp_path, data))
    assert table.encoding == "utf-8"
    assert rows[-1] == (8002, ["9000", "L’Haÿ-les-Roses"])


def test_undefined_byte_after_the_sample_names_its_line(tmp_path):
    """A byte no encoding we know defines gives a clear error with its line, not a crash."""
    head = b"id;commune\n" + b"".join(b"%d;Lille\n" % n for n in range(8000))
    data = head + b"9000;Li\x81le\n" + b"9001;Lille\n" * 3000
    error = refusal(write(tmp_path, data))
    assert error.line == 8002
    assert "cannot be read as utf-8 text" in str(error)


def test_undefined_byte_in_a_cp1252_file_names_its_line(tmp_path):
    data = "a;b\nÉté;1\n".encode("cp1252") + b"x\x81;2\n"
    error = refusal(write(tmp_path, data))
    assert (error.line, error.message is not None) == (3, True)
    assert "line 3" in str(error).lower() and "cp1252" in str(error)


# ---------------------------------------------------------------- refused files


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


REFUSED = [
    (b"", "vide.csv", "The file is empty."),
    (b"  \r\n\r\n", "blanc.csv", "The file is empty."),
    (b"a;b;c\r\n\r\n", "entete.csv", "has a header line but no answers"),
    (bytes(range(256)) * 40, "bruit.csv", "holds binary data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "vieux.xls", "old Excel file (.xls)"),
    (_zip({"word/document.xml": "<w/>"}), "texte.xlsx", "zip archive, not an Excel workbook"),
    (
        _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        "calc.ods",
        "OpenDocument spreadsheet (.ods)",
    ),
    (
        _zip({"xl/workbook.xml": "<pas du xml"}),
        "casse.xlsx",
        "cannot be read: it may be damaged",
    ),
    (b"PK\x03\x04 tronque", "coupe.xlsx", "zip file is damaged"),
    (b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table>", "faux.xls", "web page"),
]


@pytest.mark.parametrize(("data", "name", "expected"), REFUSED, ids=[r[1] for r in REFUSED])
def test_refused_files_say_what_is_wrong(tmp_path, data, name, expected):
    error = refusal(write(tmp_path, data, name))
    assert expected in str(error)
    assert error.line is None


def test_truncated_quote_names_the_line_where_it_opens(tmp_path):
    error = refusal(write(tmp_path, b'a;b\n1;2\n3;"jamais ferme\n4;5\n'))
    assert error.line == 3
    assert str(error) == "A quoted value starting on line 3 is never closed."


def test_text_after_a_closing_quote_names_the_line(tmp_path):
    error = refusal(write(tmp_path, b'a;b\n1;2\n"oui"non;3\n'))
    assert error.line == 3
    assert "closing quote must be followed by the separator" in str(error)


def test_a_quote_left_open_in_a_big_file_stops_at_the_field_limit(tmp_path):
    """The csv module's field limit keeps an unclosed quote from swallowing the file."""
    data = b'a;b\n1;"ouvert\n' + b"2;texte ordinaire\n" * 20000
    error = refusal(write(tmp_path, data))
    assert error.line == 2
    assert "longer than 131072 characters" in str(error)


def test_row_with_more_values_than_headers(tmp_path):
    error = refusal(write(tmp_path, b"a;b\n1;2\n1;2;3\n"))
    assert error.line == 3
    assert str(error) == (
        "Line 3 has 3 values but the header line has 2 columns: check the separator, "
        "or a quote left open on a previous line."
    )


# ---------------------------------------------------------------- streaming


def test_big_csv_is_streamed(tmp_path):
    """50 MB are read row by row: memory stays far below the file's size."""
    path = tmp_path / "big.csv"
    # Long answers keep the cell count (and tracemalloc's cost per cell) reasonable.
    answer = "Réponse libre assez longue, sur l’aménagement du quartier, " * 3
    row = ";".join([answer, "3,5", "31/12/2025"] * 4) + "\r\n"
    with open(path, "w", encoding="cp1252", newline="") as file:
        file.write(";".join(f"q{n}" for n in range(12)) + "\r\n")
        for _ in range(50_000_000 // len(row)):
            file.write(row)
    assert path.stat().st_size > 49_000_000
    tracemalloc.start()
    try:
        with open_table(path) as table:
            count = sum(1 for _row in table.rows())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000_000 // len(row)
    assert peak < 20 * 1024 * 1024


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3", 3),
        (" 42 ", 42),
        ("3.5", Decimal("3.5")),
        ("3,5", Decimal("3.5")),
        ("-2", -2),
        ("−2,5", Decimal("-2.5")),  # U+2212, the minus sign of typeset tables
        ("+7", 7),
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1\u202f234\u202f567", 1234567),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("1,234", Decimal("1.234")),  # a lone comma is decimal: French first
        (",5", Decimal("0.5")),
        (3, 3),
        (3.5, Decimal("3.5")),
        (0.1, Decimal("0.1")),  # str(), not the binary float's long tail
        (Decimal("2.50"), Decimal("2.50")),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_number(raw, expected):
    result = parse_number(raw)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "“abc” is not a number."),
        ("1,2,3", "“1,2,3” is not a number."),
        ("1.2,3", "“1.2,3” is not a number."),
        ("1 2", "“1 2” is not a number."),
        ("1 234.567,5", "“1 234.567,5” is not a number."),
        ("3,", "“3,” is not a number."),
        ("-", "“-” is not a number."),
        ("1e5", "“1e5” is not a number."),
        ("١٢", "“١٢” is not a number."),
        ("12 %", "“12 %” is a percentage: write the number alone."),
        (True, "“True” is not a number."),
        (float("nan"), "“nan” is not a number."),
        (date(2025, 1, 1), "“2025-01-01” is not a number."),
    ],
)
def test_parse_number_refusals(raw, message):
    with pytest.raises(CellError) as caught:
        parse_number(raw)
    assert str(caught.value) == message
    assert caught.value.value == raw or raw != raw  # nan is not equal to itself


def test_cell_error_placed_in_the_file():
    with pytest.raises(CellError) as caught:
        parse_number("trois")
    error = TableError.from_cell(caught.value, 12, "Note")
    assert (error.line, error.column) == (12, "Note")
    assert str(error) == "Line 12, column “Note”: “trois” is not a number."


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31/12/2025", date(2025, 12, 31)),
        ("31/12/25", date(2025, 12, 31)),
        ("01/02/68", date(1968, 2, 1)),  # Excel's pivot: 30-99 are the 1900s
        ("1/2/2025", date(2025, 2, 1)),
        ("31-12-2025", date(2025, 12, 31)),
        ("31.12.2025", date(2025, 12, 31)),
        ("2025-12-31", date(2025, 12, 31)),
        ("2025/12/31", date(2025, 12, 31)),
        ("2025-12-31T14:03:00", date(2025, 12, 31)),
        ("2025-12-31T14:03:00.000+01:00", date(2025, 12, 31)),
        ("2025-12-31 14:03:00", date(2025, 12, 31)),
        ("31/12/2025 14:03", date(2025, 12, 31)),
        ("2025/12/31 2:03:00 PM UTC+1", date(2025, 12, 31)),
        (" 31/12/2025 ", date(2025, 12, 31)),
        (datetime(2025, 12, 31, 23, 59), date(2025, 12, 31)),
        (date(2025, 12, 31), date(2025, 12, 31)),
        (46022, date(2025, 12, 31)),  # Excel serial day, as an XLSX number
        (10000, date(1927, 5, 18)),
        (46022.75, date(2025, 12, 31)),  # the time of day is dropped
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12/31/2025", "“12/31/2025” is not a date that exists (read as day/month/year)."),
        ("31/02/2025", "“31/02/2025” is not a date that exists (read as day/month/year)."),
        ("2025-13-01", "“2025-13-01” is not a date that exists (read as day/month/year)."),
        ("abc", "“abc” is not a date: write it as day/month/year."),
        ("31/12", "“31/12” is not a date: write it as day/month/year."),
        ("31/12/2025 midi", "“31/12/2025 midi” is not a date: write it as day/month/year."),
        ("46022", "“46022” is not a date: write it as day/month/year."),  # text: not a serial
        ("123/1/2025", "“123/1/2025” is not a date: write it as day/month/year."),
        ("31/12/202", "“31/12/202” is not a date: write it as day/month/year."),
        (True, "“True” is not a date: write it as day/month/year."),
        (time(14, 3), "“14:03:00” is not a date: write it as day/month/year."),
        (2025, "“2025” is not a date: write it as day/month/year."),  # a year, not a serial
    ],
)
def test_parse_date_refusals(raw, message):
    with pytest.raises(CellError) as caught:
        parse_date(raw)
    assert str(caught.value) == message


# ---------------------------------------------------------------- choices

SATISFACTION = [
    ChoiceSpec("1", ("Pas du tout satisfait",)),
    ChoiceSpec("2", ("Plutôt satisfait", "Somewhat satisfied")),
    ChoiceSpec("3", ("Très satisfait",)),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2", "2"),
        (2, "2"),  # XLSX gives the number
        (2.0, "2"),
        ("Plutôt satisfait", "2"),
        ("  plutot   SATISFAIT ", "2"),
        ("Somewhat satisfied", "2"),
        ("TRÈS SATISFAIT", "3"),
        ("", None),
        (None, None),
    ],
)
def test_parse_choice(raw, expected):
    assert parse_choice(raw, ChoiceMatcher(SATISFACTION)) == expected


def test_parse_choice_builds_a_matcher_from_choices():
    assert parse_choice("très satisfait", SATISFACTION) == "3"


def test_unknown_choice_lists_allowed_answers():
    with pytest.raises(CellError) as caught:
        parse_choice("Mécontent", ChoiceMatcher(SATISFACTION))
    assert str(caught.value) == (
        "“Mécontent” is not one of the allowed answers "
        "(Pas du tout satisfait, Plutôt satisfait, Très satisfait)."
    )


def test_unknown_choice_lists_only_a_few():
    matcher = ChoiceMatcher([ChoiceSpec(str(n)) for n in range(10)])
    with pytest.raises(CellError, match=r"\(0, 1, 2, 3, 4, …\)"):
        matcher.match("11")


def test_a_value_wins_over_another_choice_label():
    matcher = ChoiceMatcher([ChoiceSpec("a", ("b",)), ChoiceSpec("b", ("Bé",))])
    assert matcher.match("b") == "b"


TRANSPORTS = ChoiceMatcher(
    [
        ChoiceSpec("velo", ("Vélo",)),
        ChoiceSpec("bus", ("Bus",)),
        ChoiceSpec("tc", ("Train, car ou métro",)),
        ChoiceSpec("marche", ("À pied",)),
    ]
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("velo bus", ["velo", "bus"]),  # Kobo: values and spaces
        ("bus velo", ["velo", "bus"]),  # questionnaire order
        ("Vélo, Bus", ["velo", "bus"]),  # Google Forms, Framaforms
        ("Train, car ou métro, Vélo", ["velo", "tc"]),  # a label holding commas
        ("Train, car ou métro", ["tc"]),
        ("Vélo;À pied", ["velo", "marche"]),
        ("Vélo\nBus\n", ["velo", "bus"]),
        ("vélo À pied", ["velo", "marche"]),  # Kobo label exports join labels with spaces
        ("velo velo, Vélo", ["velo"]),
        ("", []),
        (None, []),
    ],
)
def test_parse_multiple(raw, expected):
    assert parse_multiple(raw, TRANSPORTS) == expected


def test_parse_multiple_in_entry_order_for_rankings():
    assert parse_multiple("marche velo bus", TRANSPORTS, entry_order=True) == [
        "marche",
        "velo",
        "bus",
    ]


def test_parse_multiple_names_the_unknown_part():
    with pytest.raises(CellError) as caught:
        parse_multiple("Vélo, Trottinette, Bus", TRANSPORTS)
    assert str(caught.value).startswith("“Trottinette” is not one of the allowed answers")


YES_NO = ChoiceMatcher([ChoiceSpec("oui", ("Oui",)), ChoiceSpec("non", ("Non",))])
YES_NO_EN = ChoiceMatcher([ChoiceSpec("yes", ("Yes",)), ChoiceSpec("no", ("No",))])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Oui", "oui"),
        ("non", "non"),
        ("yes", "oui"),
        ("N", "non"),
        ("Y", "oui"),
        ("1", "oui"),
        (0, "non"),
        ("Vrai", "oui"),
        ("FAUX", "non"),
        ("true", "oui"),
        (True, "oui"),
        (False, "non"),
        ("x", "oui"),
        ("", None),
        (None, None),
    ],
)
def test_parse_yes_no(raw, expected):
    assert parse_yes_no(raw, YES_NO) == expected


def test_parse_yes_no_in_an_english_list():
    assert [parse_yes_no(v, YES_NO_EN) for v in ("oui", "Non", "No", True)] == [
        "yes",
        "no",
        "no",
        "yes",
    ]


def test_parse_yes_no_refusal():
    with pytest.raises(CellError, match=r"“peut-être” is not a yes/no answer\."):
        parse_yes_no("peut-être", YES_NO)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *[("Y", True), ("1", True), (1, True), (1.0, True), ("x", True), ("Oui", True)],
        *[(True, True), ("0", False), (0, False), ("N", False), ("non", False), (False, False)],
        *[("", None), (None, None), ("  ", None)],
    ],
)
def test_parse_checkbox(raw, expected):
    assert parse_checkbox(raw) is expected


def test_parse_checkbox_refusal():
    with pytest.raises(CellError, match="“2” is neither ticked nor unticked"):
        parse_checkbox("2")


# ---------------------------------------------------------------- suggested mapping

QUESTIONS = [
    QuestionSpec("age", "integer", ("Quel est votre âge ?", "How old are you?")),
    QuestionSpec("commune", "short_text", ("Dans quelle commune habitez-vous ?",)),
    QuestionSpec(
        "loisirs",
        "multiple_choice",
        ("Vos loisirs",),
        (ChoiceSpec("sport", ("Sport",)), ChoiceSpec("lecture", ("Lecture",))),
    ),
    QuestionSpec("satisfaction", "scale", ("Quel est votre niveau de satisfaction ?",)),
    QuestionSpec("intro", "note", ("Vos loisirs",)),
    QuestionSpec("q5_SQ001", "scale", ("Propreté",)),
]


def suggestions(headers: list[str], questions=QUESTIONS) -> dict:
    """{header: (question, option, metadata, confidence)}, with reasons checked as text."""
    result = suggest_mapping(headers, questions)
    assert [s.column_index for s in result] == list(range(len(headers)))
    assert all(str(s.reason) for s in result)
    return {s.header: (s.question_code, s.option_value, s.metadata, s.confidence) for s in result}


def test_kobo_headers():
    expected = {
        "start": (None, None, OTHER_METADATA, 0.95),
        "identite/age": ("age", None, None, 0.95),
        "loisirs": ("loisirs", None, None, 1.0),
        # The column listing the options is read: the option columns would repeat it.
        "loisirs/sport": (None, None, None, 0.0),
        "groupe/loisirs/lecture": (None, None, None, 0.0),
        "_uuid": (None, None, EXTERNAL_ID, 0.95),
        "_submission_time": (None, None, SUBMITTED_AT, 0.95),
        "_index": (None, None, OTHER_METADATA, 0.95),
    }
    assert suggestions(list(expected)) == expected


def test_kobo_option_columns_alone_map_to_options():
    result = suggest_mapping(["loisirs/sport", "loisirs/lecture"], QUESTIONS)
    assert [(s.question_code, s.option_value) for s in result] == [
        ("loisirs", "sport"),
        ("loisirs", "lecture"),
    ]
    assert "Kobo: one column per option" in str(result[0].reason)


def test_limesurvey_headers():
    expected = {
        "id": (None, None, EXTERNAL_ID, 0.95),
        "submitdate": (None, None, SUBMITTED_AT, 0.95),
        "lastpage": (None, None, OTHER_METADATA, 0.95),
        "age": ("age", None, None, 1.0),
        "loisirs[SQ002]": ("loisirs", "lecture", None, 0.6),  # guessed from its position
        "loisirs[sport]": ("loisirs", "sport", None, 0.9),
        "loisirs[other]": (None, None, None, 0.9),
        "commune[comment]": (None, None, None, 0.9),
        "q5[SQ001]": ("q5_SQ001", None, None, 0.85),  # an array row imported as a question
        "loisirsSQ001": (None, None, None, 0.0),  # "sport" again: already read
        "age[SQ001]": (None, None, None, 0.0),
    }
    assert suggestions(list(expected)) == expected
    reasons = {s.header: str(s.reason) for s in suggest_mapping(["loisirs[other]"], QUESTIONS)}
    assert "“other” answer or a comment" in reasons["loisirs[other]"]


def test_google_forms_headers():
    """Labels as headers, with numbering, a required-star, other accents and capitals."""
    expected = {
        "Horodateur": (None, None, SUBMITTED_AT, 0.95),
        "1. Quel est votre age ? *": ("age", None, None, 0.85),
        "DANS QUELLE COMMUNE HABITEZ VOUS": ("commune", None, None, 0.85),
        "Vos loisirs": ("loisirs", None, None, 0.85),  # the note with the same label is skipped
        "Adresse e-mail": (None, None, EXTERNAL_ID, 0.95),
        "Question ajoutée": (None, None, None, 0.0),
    }
    assert suggestions(list(expected)) == expected


def test_fuzzy_label_match_has_a_lower_confidence():
    result = suggest_mapping(["Quel est votre niveau de satisfation ?"], QUESTIONS)
    assert result[0].question_code == "satisfaction"
    assert 0.6 < result[0].confidence < 0.7
    assert "close to the question label" in str(result[0].reason)


def test_fuzzy_label_match_refuses_a_different_question():
    """ "niveau d'études" is 0.75 similar to "niveau de satisfaction": below 0.9."""
    result = suggest_mapping(["Quel est votre niveau d'études ?"], QUESTIONS)
    assert result[0].question_code is None


def test_a_question_is_mapped_once():
    found = suggestions(["age", "Age", "Quel est votre âge ?", "How old are you?"])
    assert [value[0] for value in found.values()] == ["age", None, None, None]
    result = suggest_mapping(["Quel est votre âge ?", "How old are you?"], QUESTIONS)
    assert [s.question_code for s in result] == ["age", None]


def test_code_in_other_capitals():
    result = suggest_mapping(["AGE"], QUESTIONS)
    assert (result[0].question_code, result[0].confidence) == ("age", 0.9)


def test_notes_are_never_mapped():
    assert suggest_mapping(["intro"], QUESTIONS)[0].question_code is None
