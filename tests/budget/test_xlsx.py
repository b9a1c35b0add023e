"""The XLSX export reopens with openpyxl with the right totals (computed by hand, see conftest)."""

import io
from datetime import datetime
from decimal import Decimal as D

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from civiclab.budget.xlsx import EURO_FORMAT, _sheet_title


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row_starting(sheet, label):
    return next(row for row in _rows(sheet) if row[0] == label)


def _site(text):
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text)


def _money(value):
    return D(str(value)).quantize(D("0.01"))


def test_experiment_export(client, coordinator_a, experiment_a, budget_a, budget_b):
    client.force_login(coordinator_a)
    workbook = _workbook(client.get(reverse("budget:export", args=[experiment_a.slug])))
    assert len(workbook.sheetnames) == 2  # the summary, then the experiment
    summary, sheet = workbook.worksheets
    # Summary: planned, committed, paid, remaining, % consumed, lines over plan, requested,
    # granted, received (10 150,35 / 15 800,50 = 64,24 %).
    row = _row_starting(summary, experiment_a.title)
    assert [_money(v) for v in row[2:6]] == [
        D("15800.50"),
        D("10150.35"),
        D("5900.00"),
        D("5650.15"),
    ]
    assert row[6] == pytest.approx(0.6424, abs=1e-4)
    assert row[7] == 1
    assert [_money(v) for v in row[8:11]] == [D("16000.50"), D("11500.00"), D("5750.00")]
    # The experiment's sheet: one row per line, then the total.
    rows = _rows(sheet)
    assert rows[0][0] == experiment_a.title
    affiches = next(r for r in rows if r[2] == "Affiches")
    assert [_money(v) for v in affiches[3:7]] == [
        D("1500"),
        D("1650.25"),
        D("900"),
        D("-150.25"),
    ]
    assert affiches[8]  # marked over plan
    total = _row_starting(sheet, _site("Total"))
    assert [_money(v) for v in total[3:7]] == [
        D("15800.50"),
        D("10150.35"),
        D("5900.00"),
        D("5650.15"),
    ]
    # Six expenses with their dates, and the two totals of the expense list.
    expense_rows = [r for r in rows if isinstance(r[0], datetime)]
    assert len(expense_rows) == 6
    assert sorted(_money(r[6]) for r in expense_rows) == sorted(
        [D("2500"), D("2500"), D("2500"), D("900"), D("750.25"), D("1000.10")]
    )
    assert _money(_row_starting(sheet, _site("Total committed"))[6]) == D("10150.35")
    assert _money(_row_starting(sheet, _site("Total paid"))[6]) == D("5900.00")
    # Amounts carry a euro number format; experiment B is not in A's export.
    cell = next(c for c in sheet["D"] if c.value == 1500)
    assert cell.number_format == EURO_FORMAT
    assert "Stands" not in str(rows)


def test_portfolio_export(client, lab_admin, experiment_a, experiment_b, budget_a, budget_b):
    client.force_login(lab_admin)
    workbook = _workbook(client.get(reverse("budget:portfolio_export")))
    assert len(workbook.sheetnames) == 3
    summary = workbook.worksheets[0]
    total = _row_starting(summary, _site("Total"))
    # A: 15 800,50 / 10 150,35 / 5 900 ; B: 2 000 / 500 / 500
    assert [_money(v) for v in total[2:6]] == [
        D("17800.50"),
        D("10650.35"),
        D("6400.00"),
        D("7150.15"),
    ]
    b_row = _row_starting(summary, experiment_b.title)
    assert [_money(v) for v in b_row[2:5]] == [D("2000"), D("500"), D("500")]
    b_sheet = workbook[next(n for n in workbook.sheetnames if n.startswith("Massifier"))]
    assert _money(_row_starting(b_sheet, _site("Total"))[3]) == D("2000")


def test_sheet_titles_are_valid_and_unique():
    taken = {"Synthèse"}
    first = _sheet_title("Budget: 2026/2027 [version?] très longue expérimentation", taken)
    second = _sheet_title("Budget: 2026/2027 [version?] très longue expérimentation", taken)
    assert len(first) <= 31 and len(second) <= 31
    assert not set("[]:*?/\\") & set(first + second)
    assert first != second
