"""The budget as an Excel workbook for the finance department: a summary, one sheet per experiment.

Totals are written as values (computed in SQL by the selectors, like the pages), not as
formulas: a file that was never opened in Excel has no computed formula results, and other
tools reading it would see empty totals.
"""

import io
import re
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from civiclab.budget import selectors
from civiclab.budget.models import ZERO, Expense, Funding
from civiclab.experiments.models import Experiment

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel shows this the French way (1 234,56 €) in a French Excel or LibreOffice.
EURO_FORMAT = '#,##0.00\\ "€"'
PERCENT_FORMAT = "0%"
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
ALERT_FONT = Font(bold=True, color="B00020")
_FORBIDDEN_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")


def budget_workbook(experiments: Iterable[Experiment]) -> bytes:
    """The workbook of `experiments`, with headers in the lab's language (French)."""
    experiments = list(experiments)
    with translation.override(settings.LANGUAGE_CODE):
        workbook = Workbook()
        summary = workbook.active
        summary.title = pgettext("spreadsheet", "Summary")
        rows, budget = selectors.portfolio(experiments)
        _write_summary(summary, rows, budget)
        ids = [e.pk for e in experiments]
        lines = _grouped(selectors.line_rows(experiment__in=ids), "experiment_id")
        expenses = Expense.objects.filter(experiment__in=ids).select_related("budget_line__funder")
        fundings = Funding.objects.filter(experiment__in=ids).select_related("funder")
        expenses_of = _grouped(expenses.order_by("date", "pk"), "experiment_id")
        fundings_of = _grouped(fundings, "experiment_id")
        taken = {summary.title}
        for experiment in experiments:
            sheet = workbook.create_sheet(_sheet_title(experiment.title, taken))
            _write_experiment(
                sheet,
                experiment,
                lines.get(experiment.pk, []),
                fundings_of.get(experiment.pk, []),
                expenses_of.get(experiment.pk, []),
            )
        for sheet in workbook.worksheets:
            _print_on_one_page_width(sheet)
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


def _grouped(items, attribute: str) -> dict:
    groups = defaultdict(list)
    for item in items:
        groups[getattr(item, attribute)].append(item)
    return groups


def _sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    base = _FORBIDDEN_IN_SHEET_TITLES.sub("-", title).strip("' ")[:31] or "?"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _header(sheet: Worksheet, row: int, labels: list[str]) -> int:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row, column, label)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return row + 1


def _put(sheet: Worksheet, row: int, values: list, formats: dict[int, str], bold=False) -> int:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, str(value) if isinstance(value, Promise) else value)
        if column in formats and value is not None:
            cell.number_format = formats[column]
        if bold:
            cell.font = BOLD
    return row + 1


def _ratio(part, whole):
    return None if not whole else float(part) / float(whole)


def _section(sheet: Worksheet, row: int, title: str) -> int:
    sheet.cell(row, 1, title).font = Font(bold=True, size=12)
    return row + 1


def _print_on_one_page_width(sheet: Worksheet) -> None:
    """Printed (or turned into PDF) in landscape, every column on the page's width."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _write_summary(sheet: Worksheet, rows: list, budget: selectors.Budget) -> None:
    sheet["A1"] = _("Budget of the experiments")
    sheet["A1"].font = TITLE
    sheet["A2"] = _("Exported on")
    sheet["B2"] = timezone.localdate()
    sheet["B2"].number_format = DATE_FORMAT
    sheet["A3"] = _(
        "Committed: committed, invoiced and paid expenses. Paid: paid expenses only. "
        "Remaining: planned minus committed."
    )
    money = dict.fromkeys((3, 4, 5, 6, 9, 10, 11), EURO_FORMAT) | {7: PERCENT_FORMAT}
    row = _header(
        sheet,
        5,
        [
            _("Experiment"),
            _("Status"),
            pgettext("money", "Planned"),
            pgettext("money", "Committed"),
            pgettext("money", "Paid"),
            pgettext("money", "Remaining"),
            _("% consumed"),
            _("Lines over plan"),
            _("Requested"),
            _("Granted"),
            _("Received"),
        ],
    )
    sheet.freeze_panes = "B6"
    for item in rows:
        row = _put(
            sheet,
            row,
            [
                item.label,
                str(Experiment.Status(item.experiment.status).label),
                item.planned,
                item.committed,
                item.paid,
                item.remaining,
                _ratio(item.committed, item.planned),
                item.over_plan_lines,
                item.requested,
                item.granted,
                item.received,
            ],
            money,
        )
        if item.over_plan_lines:
            sheet.cell(row - 1, 8).font = ALERT_FONT
    total = budget.total
    row = _put(
        sheet,
        row,
        [
            _("Total"),
            None,
            total.planned,
            total.committed,
            total.paid,
            total.remaining,
            _ratio(total.committed, total.planned),
            sum(item.over_plan_lines for item in rows),
            budget.funding.requested,
            budget.funding.granted,
            budget.funding.received,
        ],
        money,
        bold=True,
    )
    money = {2: EURO_FORMAT, 3: EURO_FORMAT, 4: EURO_FORMAT, 5: EURO_FORMAT, 6: PERCENT_FORMAT}
    for title, groups in (
        (_("By category"), budget.categories),
        (_("By funder"), budget.funders),
    ):
        row = _section(sheet, row + 1, title)
        row = _header(
            sheet,
            row,
            [
                title,
                pgettext("money", "Planned"),
                pgettext("money", "Committed"),
                pgettext("money", "Paid"),
                pgettext("money", "Remaining"),
                _("% consumed"),
            ],
        )
        for group in groups:
            values = [group.label, group.planned, group.committed, group.paid, group.remaining]
            row = _put(sheet, row, [*values, _ratio(group.committed, group.planned)], money)
    _widths(sheet, [46, 14, 15, 15, 15, 15, 11, 11, 15, 15, 15])


def _write_experiment(sheet, experiment, lines, fundings, expenses) -> None:
    sheet["A1"] = experiment.title
    sheet["A1"].font = TITLE
    sheet["A2"] = _("Status")
    sheet["B2"] = str(Experiment.Status(experiment.status).label)
    sheet["A3"] = _("Exported on")
    sheet["B3"] = timezone.localdate()
    sheet["B3"].number_format = DATE_FORMAT

    row = _section(sheet, 5, _("Budget lines"))
    row = _header(
        sheet,
        row,
        [
            _("Category"),
            _("Funder"),
            _("Line"),
            pgettext("money", "Planned"),
            pgettext("money", "Committed"),
            pgettext("money", "Paid"),
            pgettext("money", "Remaining"),
            _("% consumed"),
            _("Over plan"),
        ],
    )
    money = {4: EURO_FORMAT, 5: EURO_FORMAT, 6: EURO_FORMAT, 7: EURO_FORMAT, 8: PERCENT_FORMAT}
    total = selectors.Totals()
    for line in lines:
        total.add(line)
        values = [line.category, line.funder, line.label, line.planned, line.committed]
        values += [line.paid, line.remaining, _ratio(line.committed, line.planned)]
        row = _put(sheet, row, [*values, _("yes") if line.over_plan else ""], money)
        if line.over_plan:
            sheet.cell(row - 1, 9).font = ALERT_FONT
    values = [_("Total"), None, None, total.planned, total.committed, total.paid, total.remaining]
    row = _put(sheet, row, [*values, _ratio(total.committed, total.planned)], money, bold=True)

    row = _section(sheet, row + 1, _("Fundings"))
    row = _header(
        sheet,
        row,
        [
            _("Funder"),
            _("Requested"),
            _("Requested on"),
            _("Granted"),
            _("Granted on"),
            _("Received"),
            _("Received on"),
            _("Note"),
        ],
    )
    formats = {2: EURO_FORMAT, 4: EURO_FORMAT, 6: EURO_FORMAT}
    formats |= {3: DATE_FORMAT, 5: DATE_FORMAT, 7: DATE_FORMAT}
    sums = [ZERO, ZERO, ZERO]
    for funding in fundings:
        amounts = [funding.requested, funding.granted, funding.received]
        sums = [s + (a or ZERO) for s, a in zip(sums, amounts, strict=True)]
        values = [funding.funder.name, funding.requested, funding.requested_on, funding.granted]
        values += [funding.granted_on, funding.received, funding.received_on, funding.note]
        row = _put(sheet, row, values, formats)
    row = _put(sheet, row, [_("Total"), sums[0], None, sums[1], None, sums[2]], formats, True)

    row = _section(sheet, row + 1, _("Expenses"))
    row = _header(
        sheet,
        row,
        [
            _("Date"),
            _("Supplier"),
            _("Line"),
            _("Category"),
            _("Funder"),
            _("Status"),
            _("Amount"),
            _("Invoice attached"),
            _("Note"),
        ],
    )
    formats = {1: DATE_FORMAT, 7: EURO_FORMAT}
    committed = paid = ZERO
    for expense in expenses:
        line = expense.budget_line
        committed += expense.amount
        if expense.status == Expense.Status.PAID:
            paid += expense.amount
        values = [expense.date, expense.supplier, line.label, line.get_category_display()]
        values += [line.funder.name if line.funder else str(selectors.OWN_FUNDS)]
        values += [expense.get_status_display(), expense.amount]
        values += [_("yes") if expense.invoice else _("no"), expense.note]
        row = _put(sheet, row, values, formats)
    blank = [None] * 5
    row = _put(sheet, row, [_("Total committed"), *blank, committed], formats, True)
    _put(sheet, row, [_("Total paid"), *blank, paid], formats, True)
    _widths(sheet, [16, 30, 36, 15, 15, 15, 15, 11, 30])
