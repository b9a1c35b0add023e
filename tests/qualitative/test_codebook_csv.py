"""Codebook CSV: what we write reads back the same; spreadsheet files in French read too."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from civiclab.qualitative.codebook_csv import (
    ERROR_CODES,
    MAX_DEPTH,
    CodebookError,
    CodebookRow,
    read_codebook_csv,
    write_codebook_csv,
)

ROWS = [
    CodebookRow(("Confiance",), "Tout ce qui touche à la confiance.\nSur deux lignes.", "#1F77B4"),
    CodebookRow(("Confiance", "Élus 🗳️"), 'Les "élus", le maire; les adjoints, etc.', "#D62728"),
    CodebookRow(("Confiance", "Élus 🗳️", "Méfiance"), "", ""),
    CodebookRow(("=SOMME(A1)",), "-1 point", ""),
    CodebookRow(("=SOMME(A1)", "+ positif"), "@mention", "#2CA02C"),
    CodebookRow(("Mobilité 'douce'",), "vélo; marche, trottinette", "#FF7F0E"),
]


def error_of(call) -> CodebookError:
    with pytest.raises(CodebookError) as caught:
        call()
    assert caught.value.code in ERROR_CODES
    return caught.value


def test_round_trip_gives_the_same_rows():
    """Accents, emoji, quotes, both delimiters, line breaks and formula-like names survive."""
    text = write_codebook_csv(ROWS)
    assert read_codebook_csv(text) == ROWS
    assert read_codebook_csv(text.encode("utf-8-sig")) == ROWS
    assert read_codebook_csv(write_codebook_csv(ROWS, delimiter=",").encode("utf-8")) == ROWS


def test_written_file_has_an_english_header_and_one_line_per_code():
    """Header code;description;colour, paths joined with " > ", formulas neutralised."""
    records = list(csv.reader(io.StringIO(write_codebook_csv(ROWS)), delimiter=";"))
    assert records[0] == ["code", "description", "colour"]
    assert [record[0] for record in records[1:]] == [
        "Confiance",
        "Confiance > Élus 🗳️",
        "Confiance > Élus 🗳️ > Méfiance",
        "'=SOMME(A1)",  # a spreadsheet shows it as text instead of running it
        "'=SOMME(A1) > + positif",
        "Mobilité 'douce'",
    ]
    assert records[5][1] == "'@mention"


def test_plain_tuples_and_missing_values_are_written():
    """Rows may be plain (path, description, colour) tuples, with None for nothing."""
    text = write_codebook_csv([(("Santé",), None, None), (("Santé", "Accès"), "x", "#abc")])
    assert read_codebook_csv(text) == [
        CodebookRow(("Santé",), "", ""),
        CodebookRow(("Santé", "Accès"), "x", "#AABBCC"),
    ]


def test_french_excel_file_in_windows_1252_reads():
    """Excel on a French Windows: "couleur" header, ";" delimiter, cp1252, CR LF."""
    text = (
        "Code;Description;Couleur\r\n"
        "Santé > Accès aux soins;Délai « trop long » — 3 mois;#00ff00\r\n"
        "Santé;Tout ce qui concerne la santé;\r\n"
    )
    assert read_codebook_csv(text.encode("cp1252")) == [
        CodebookRow(("Santé",), "Tout ce qui concerne la santé", ""),
        CodebookRow(("Santé", "Accès aux soins"), "Délai « trop long » — 3 mois", "#00FF00"),
    ]


def test_comma_file_with_french_header_and_other_column_order():
    """Columns in any order, "," sniffed, description optional, colour without "#"."""
    text = "couleur,code\nff0000,Transport\n,Transport > Bus\n"
    assert read_codebook_csv(text.encode("utf-8")) == [
        CodebookRow(("Transport",), "", "#FF0000"),
        CodebookRow(("Transport", "Bus"), "", ""),
    ]


def test_excel_separator_hint_blank_lines_and_empty_columns():
    """A "sep=;" first line, blank lines, trailing empty header cells and short rows read."""
    text = "sep=;\n\ncode;description;couleur;;\nA;un, deux\n\nA > B\n"
    assert read_codebook_csv(text) == [CodebookRow(("A",), "un, deux"), CodebookRow(("A", "B"))]


def test_missing_parents_are_created_before_their_children():
    """A path whose parents have no line creates them; a parent's own later line fills it in
    where it was created."""
    text = "code;description;colour\nA > B > C;feuille;\nD;;\nA;racine;#123456\n"
    assert read_codebook_csv(text) == [
        CodebookRow(("A",), "racine", "#123456"),
        CodebookRow(("A", "B")),
        CodebookRow(("A", "B", "C"), "feuille"),
        CodebookRow(("D",)),
    ]


def test_names_are_trimmed_around_the_separator():
    """ "A>B", "A > B" and " A >  B " are the same path."""
    text = "code\nA>B\n"
    assert read_codebook_csv(text)[-1].path == ("A", "B")
    assert error_of(lambda: read_codebook_csv("code\nA>B\n A >  B \n")).code == "duplicate"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("code;description\nA;x\nB;y\nA;z\n", "duplicate", 4),
        ('code;description\nA;"deux\nlignes"\nA;z\n', "duplicate", 4),
        ("code\nA >  > B\n", "empty_name", 2),
        ("code\n > B\n", "empty_name", 2),
        ("code;description\n;orphan description\n", "empty_name", 2),
        ("code;colour\nA;rouge\n", "bad_colour", 2),
        ("code;colour\nA;#12345\n", "bad_colour", 2),
        ("code\n" + " > ".join("abcdefg") + "\n", "too_deep", 2),
        ("nom;description\nA;x\n", "unknown_column", 1),
        ("description;couleur\nx;#ffffff\n", "no_header", 1),
        ("code;colour;couleur\nA;;\n", "duplicate_column", 1),
        ("", "empty", 1),
        ("\n\n", "empty", 1),
        ("code;description;colour\n", "empty", 2),
        ("code;description\n" + "A;" + "x" * 200_000 + "\n", "bad_csv", 2),
    ],
)
def test_bad_files_give_a_code_and_a_line(text, code, line):
    """Each problem has its code and the line of the file it was found on."""
    error = error_of(lambda: read_codebook_csv(text))
    assert (error.code, error.line) == (code, line)


def test_depth_limit_is_six_levels():
    """Six levels read; seven do not."""
    six = " > ".join("abcdef")
    assert MAX_DEPTH == 6
    assert read_codebook_csv(f"code\n{six}\n")[-1].path == tuple("abcdef")


def test_undecodable_bytes_are_refused():
    """Bytes that are neither UTF-8 nor cp1252 (0x81 is undefined there) are refused."""
    assert error_of(lambda: read_codebook_csv(b"code\nA\x81\x8d\n")).code == "undecodable"
    assert read_codebook_csv("code\nÉté\n".encode("utf-16"))[0].path == ("Été",)


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([(("A > B",), "", "")], "separator_in_name"),
        ([(("A", " "), "", "")], "empty_name"),
        ([(("A",), "", "rouge")], "bad_colour"),
    ],
)
def test_writing_refuses_rows_that_would_not_read_back(rows, code):
    """A ">" in a name would split it in two on reading: refused, like empty names and bad
    colours."""
    assert error_of(lambda: write_codebook_csv(rows)).code == code


def test_modules_do_not_import_django():
    """Both exchange modules stay usable alone, from a notebook or a script."""
    check = (
        "import sys, civiclab.qualitative.codebook_csv, civiclab.qualitative.refi; "
        "sys.exit('django' in sys.modules)"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run([sys.executable, "-c", check], cwd=src, check=False, timeout=30)
    assert result.returncode == 0
