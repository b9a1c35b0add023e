"""Hostile and broken files: each imports exactly or is refused whole, never half or a crash.

Also proves the fast row reader (one conversion per distinct cell) gives exactly what the
reference gives (tabular's converters, then validation.check) on many generated rows."""

import datetime
import io
import random
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.collection import imports, tabular
from civiclab.collection.import_rules import Column, RowReader
from civiclab.collection.models import AnswerImport, Response
from tests.collection.import_forms import EXCEL_ROWS, csv_bytes, plain_campaign

Status = AnswerImport.Status
IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture(autouse=True)
def media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


@pytest.fixture
def campaign(experiment_a, lab_admin):
    return plain_campaign(experiment_a, lab_admin)


# --- the fast reader equals the reference --------------------------------------------------

EDGE_CELLS = {
    "age": ["34", "0034", " 34 ", "+5", "-3", "2OO", "1 234", "1,5", "3,0", "1e3", "NaN", "∞",
            "٣", "", " ", "12 345 678", "1.234,5", "9" * 50, "15%", "0", None],
    "taille": ["1,72", "1.72", "1,8", ",5", "5,", "1 234,56", "1.234.567", "-0,0", "abc", "",
               "1,2,3", "١٫٥", "0,0000001", None],
    "premiere_fois": ["Oui", "oui", "OUI", "non", "Non ", "x", "1", "0", "vrai", "yes", "N",
                      "peut-être", "", "oui non"],
    "confiance": ["1", "2", "3", "4", "5", "Plutôt d'accord", "plutot d’accord",
                  "Tout à fait d'accord", "Agree", "", "  ", "3.0", "Bof"],
    "canal": ["affiche", "affiche reseaux", "Affiche; Réseaux sociaux",
              "Affiche, Bouche à oreille", "Affiche\nAffiche", "bouche affiche reseaux", "télé", "",
              "affiche, télé", "reseaux;"],
    "priorites": ["Sécurité, Propreté", "proprete securite", "Mobilité", "", "Sécurité, Sécurité",
                  "vélo", "mobilite proprete securite"],
    "date_reunion": ["12/03/2026", "2026-03-12", "12-03-26", "31/02/2026", "12/03/1850",
                     "2026-03-12T10:00:00", "12.03.2026", "demain", "", "1/1/2101", "03/12/26"],
    "commentaire": ["Très bien", '=HYPERLINK("http://evil.example","clic")', "+33 6 12", "@SUM(A1)",
                    "a\x07b", "x" * 600, "\t", "", "ligne 1\nligne 2", "‮txet"],
    "courriel": ["camille@example.org", "", "  ", "=1+1", "x" * 501],
}  # fmt: skip
XLSX_CELLS = [1, 34.0, 1.5, True, False, datetime.datetime(2026, 3, 12, 10, 30),
              datetime.date(2026, 1, 1), Decimal("2.5"), 45000, 12.0, -1]  # fmt: skip


def _plan(answer_import):
    return imports.plan_for(answer_import)


def test_the_fast_reader_equals_the_reference_on_many_rows(campaign, lab_admin):
    answer_import = imports.create_import(
        lab_admin, campaign, SimpleUploadedFile("e.csv", csv_bytes(EXCEL_ROWS))
    )
    plan = _plan(answer_import)
    reader = RowReader(plan)
    assert reader.fast
    codes = [plan.whole[i].code for i in sorted(plan.whole, key=lambda c: plan.whole[c].index)]
    codes = sorted(plan.whole, key=lambda code: plan.whole[code].index)
    rng = random.Random(20260312)
    compared = refused = 0
    for _row in range(4000):
        cells = []
        for code in codes:
            pool = EDGE_CELLS[code]
            cell = rng.choice(pool) if rng.random() < 0.9 else rng.choice(XLSX_CELLS)
            cells.append(cell)
        fast, reference = reader.read(cells), plan.evaluate_row(cells)
        assert (fast.answers, fast.personal, fast.errors, fast.cells) == (
            reference.answers,
            reference.personal,
            reference.errors,
            reference.cells,
        ), cells
        # and key order too: it is the order stored in the JSON
        assert list(fast.answers) == list(reference.answers)
        compared += 1
        refused += bool(reference.errors)
    assert compared == 4000 and 0 < refused < compared


def test_the_fast_reader_equals_the_reference_for_option_columns(campaign, lab_admin):
    rows = [["age", "canal[SQ001]", "canal[SQ002]", "canal[SQ003]"], ["30", "Y", "", ""]]
    answer_import = imports.create_import(
        lab_admin, campaign, SimpleUploadedFile("l.csv", csv_bytes(rows, delimiter=","))
    )
    plan = _plan(answer_import)
    assert [c.option for c in plan.options["canal"]] == ["affiche", "reseaux", "bouche"]
    reader = RowReader(plan)
    ticks = ["Y", "", "1", "0", "x", "N", "oui", "peut-être", None, True, 2]
    rng = random.Random(7)
    for _row in range(1500):
        cells = [rng.choice(EDGE_CELLS["age"]), *(rng.choice(ticks) for _ in range(3))]
        fast, reference = reader.read(cells), plan.evaluate_row(cells)
        assert (fast.answers, fast.personal, fast.errors, fast.cells) == (
            reference.answers,
            reference.personal,
            reference.errors,
            reference.cells,
        ), cells


def test_a_questionnaire_with_conditions_is_read_by_the_reference(campaign, lab_admin):
    """With a show-if, a constraint or a calculation, each row goes through check()."""
    answer_import = imports.create_import(
        lab_admin, campaign, SimpleUploadedFile("e.csv", csv_bytes(EXCEL_ROWS))
    )
    plan = _plan(answer_import)
    field = plan.spec.fields[0]
    conditional = type(plan.spec)(
        plan.spec.version_id,
        plan.spec.version_number,
        (type(field)(**{**field.__dict__, "relevant": ({"op": "true"},)}), *plan.spec.fields[1:]),
    )
    plan.spec = conditional
    assert not RowReader(plan).fast


# --- mutated files -------------------------------------------------------------------------


def _base_csv() -> bytes:
    rows = [EXCEL_ROWS[0]] + [EXCEL_ROWS[1 + i % 3] for i in range(30)]
    return csv_bytes(rows)


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def mutations(rng: random.Random) -> list[tuple[str, str, bytes]]:
    base = _base_csv()
    text = base.decode("cp1252")
    bom = csv_bytes(EXCEL_ROWS, delimiter=",", encoding="utf-8", bom=True)
    noise = "".join(rng.choice('ab;,"\n\r 1é') for _ in range(3000)).encode("utf-8")
    mixed = "34;;Oui;;;;;déjà vu;\r\n".encode() + "41;;Non;;;;;été;\r\n".encode("cp1252")
    formula = csv_bytes(
        [["34", "", "Oui", "", "", "", "", '=HYPERLINK("http://evil.example";"clic")', "=1+1"]]
    )
    good_xlsx = _xlsx([EXCEL_ROWS[0], [34, 1.72, "Oui"], [19, None, "non"]])
    bad_xlsx = _xlsx([EXCEL_ROWS[0], [34, 1.72, "Oui"], ["2OO", None, "non"]])
    cases = [
        ("intact", "a.csv", base),
        ("utf-8 with BOM, comma", "b.csv", bom),
        ("tab separated utf-8", "c.tsv", csv_bytes(EXCEL_ROWS, delimiter="\t", encoding="utf-8")),
        ("utf-16", "d.csv", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")),
        ("empty", "e.csv", b""),
        ("header only", "f.csv", base.split(b"\r\n")[0] + b"\r\n"),
        ("random bytes", "g.csv", rng.randbytes(3000)),
        ("random printable", "h.csv", noise),
        ("html page", "i.csv", b"<!DOCTYPE html><html><body>Not found</body></html>"),
        ("old xls", "j.xls", b"\xd0\xcf\x11\xe0" + rng.randbytes(2000)),
        ("zip not xlsx", "k.xlsx", b"PK\x03\x04" + rng.randbytes(500)),
        ("huge cell", "l.csv", base + ("67;;Oui;;;;;" + "x" * 200_000 + ";\r\n").encode()),
        ("huge quoted cell", "m.csv", base + ('67;;Oui;;;;;"' + "y" * 140_000 + '";\r\n').encode()),
        ("quote left open", "n.csv", base + b'67;;Oui;;;;;"jamais ferm\xe9\r\n'),
        ("extra values on a row", "o.csv", base + b"34;1,7;Oui;;;;;;;en trop;encore\r\n"),
        ("short row", "p.csv", base + b"34\r\n"),
        ("mixed encodings", "q.csv", base + mixed),
        ("formula injection", "r.csv", base + formula),
        ("nul bytes", "s.csv", base[:200] + b"\x00" * 50 + base[200:]),
        ("undefined cp1252 bytes", "t.csv", base + b"34;;Oui;;;;;\x81\x8d;\r\n"),
        ("xlsx", "u.xlsx", good_xlsx),
        ("xlsx with a bad cell", "v.xlsx", bad_xlsx),
        ("truncated xlsx", "w.xlsx", _xlsx([EXCEL_ROWS[0], [34, 1.72, "Oui"]])[:700]),
        ("sep= line", "x.csv", b"sep=;\r\n" + base),
        ("blank lines", "y.csv", base.replace(b"\r\n", b"\r\n;;;\r\n\r\n", 3)),
    ]  # fmt: skip
    for index in range(6):
        cut = rng.randrange(20, len(base))
        cases.append((f"truncated at {cut}", f"tr{index}.csv", base[:cut]))
    for index in range(8):
        data = bytearray(base)
        for _ in range(rng.randrange(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cases.append((f"bytes flipped {index}", f"fl{index}.csv", bytes(data)))
    for index in range(3):
        lines = base.split(b"\r\n")
        rng.shuffle(lines)
        cases.append((f"lines shuffled {index}", f"sh{index}.csv", b"\r\n".join(lines)))
    return cases


def _expected(answer_import: AnswerImport) -> list[dict] | None:
    """What an exact import stores: the reference reading of every row; None if refused."""
    plan = imports.plan_for(answer_import)
    answers = []
    try:
        with tabular.open_table(answer_import.file.path, answer_import.original_name) as table:
            for _line, cells in table.rows():
                result = plan.evaluate_row(cells)
                if result.errors:
                    return None
                answers.append(result.answers)
    except tabular.TableError:
        return None
    return answers or None


def test_mutated_files_import_exactly_or_are_refused_whole(campaign, lab_admin):
    outcomes = {"refused at upload": 0, "refused": 0, "imported": 0}
    for name, filename, data in mutations(random.Random(1789)):
        Response.objects.all().delete()
        try:
            answer_import = imports.create_import(
                lab_admin, campaign, SimpleUploadedFile(filename, data)
            )
        except imports.ImportRefused as refused:
            assert str(refused), name
            outcomes["refused at upload"] += 1
            continue
        columns = imports.columns_of(answer_import)
        if not any(c.kind in ("question", "option") for c in columns):
            keys = {i: "ignore" for i, _c in enumerate(columns)}
            keys[0] = "question:age"
            try:
                imports.save_mapping(lab_admin, answer_import, keys)
            except Exception as error:
                assert str(error), name
        try:
            imports.confirm(lab_admin, answer_import)
        except (imports.ImportRefused, ValueError) as refused:
            assert str(refused), name
            outcomes["refused at upload"] += 1
            continue
        answer_import.refresh_from_db()
        assert answer_import.status in (Status.DONE, Status.FAILED), name
        report = answer_import.report
        assert "unexpected" not in report.get("problem", ""), (name, report)
        expected = _expected(answer_import)
        stored = [r.answers for r in Response.objects.order_by("pk")]
        if answer_import.status == Status.DONE:
            assert stored == expected, name
            assert report["imported"] == len(expected), name
            outcomes["imported"] += 1
        else:
            assert stored == [], name  # nothing written
            assert report.get("problem") or report["errors"], name
            assert report["errors_total"] >= len(report["errors"])
            outcomes["refused"] += 1
    print(outcomes)
    assert all(outcomes.values()), outcomes


def test_the_report_csv_keeps_formulas_as_text(campaign, lab_admin):
    rows = [EXCEL_ROWS[0], ['=HYPERLINK("http://evil.example";"x")', "", "Oui"]]
    answer_import = imports.create_import(
        lab_admin, campaign, SimpleUploadedFile("f.csv", csv_bytes(rows))
    )
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.FAILED
    with imports.report_file(answer_import) as full:
        text = full.read().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";=" not in text


def test_many_errors_are_counted_but_only_the_first_are_kept(campaign, lab_admin, monkeypatch):
    monkeypatch.setattr(imports, "REPORT_LINES_KEPT", 5)
    rows = [EXCEL_ROWS[0]] + [["abc", "", "Oui"]] * 40
    answer_import = imports.create_import(
        lab_admin, campaign, SimpleUploadedFile("m.csv", csv_bytes(rows))
    )
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    report = answer_import.report
    assert (len(report["errors"]), report["errors_total"], report["rows_refused"]) == (5, 40, 40)
    assert report["by_column"] == {"Âge": 40}
    with imports.report_file(answer_import) as full:
        assert full.read().decode("utf-8-sig").count("\n") == 41


def test_column_keys_round_trip():
    column = Column(3, "canal[SQ001]", "option", "canal", "a/b")
    assert imports.column_from_key(3, "canal[SQ001]", imports.target_key(column)) == column


def test_uuid5_hex_is_the_standard_uuid5():
    import uuid

    for name in ["1/id/abc", "2/row/ff00/1", "é/€", ""]:
        assert imports.uuid5_hex(name) == uuid.uuid5(imports.UUID_NAMESPACE, name).hex
