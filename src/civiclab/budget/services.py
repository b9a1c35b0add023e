"""State changes of budgets: lines, fundings, expenses. Each is atomic and audited."""

from django.db import transaction
from django.db.models import Model

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.budget.models import STATUS_FLOW, BudgetLine, Expense, Funding
from civiclab.experiments.models import Experiment

AUDITED_FIELDS = {
    BudgetLine: ["category", "label", "funder", "planned"],
    Funding: [
        "funder",
        "requested",
        "requested_on",
        "granted",
        "granted_on",
        "received",
        "received_on",
        "note",
    ],
    Expense: ["budget_line", "supplier", "date", "amount", "status", "invoice_name", "note"],
}


class BudgetChangeRefused(Exception):
    pass


def _save(actor, item: Model, experiment: Experiment) -> Model:
    """Save a new or changed budget item of `experiment`, and write what changed in the journal."""
    model = type(item)
    fields = AUDITED_FIELDS[model]
    item.experiment = experiment
    if item.pk is None:
        item.save()
        record(actor, AuditEvent.Action.CREATED, item, experiment, _creation(item, fields))
        return item
    before = snapshot(model.objects.get(pk=item.pk, experiment=experiment), fields)
    item.save()
    changes = changed_fields(before, snapshot(item, fields))
    if changes:
        record(actor, AuditEvent.Action.CHANGED, item, experiment, changes)
    return item


def _creation(item: Model, fields: list[str]) -> dict:
    return {name: [None, value] for name, value in snapshot(item, fields).items() if value}


@transaction.atomic
@in_site_language
def save_line(actor, line: BudgetLine, experiment: Experiment) -> BudgetLine:
    return _save(actor, line, experiment)


@transaction.atomic
@in_site_language
def save_funding(actor, funding: Funding, experiment: Experiment) -> Funding:
    return _save(actor, funding, experiment)


@transaction.atomic
@in_site_language
def save_expense(actor, expense: Expense, experiment: Experiment, upload=None) -> Expense:
    """Save an expense; `upload` is a new invoice (False: the old one is removed)."""
    if expense.budget_line.experiment_id != experiment.pk:
        raise BudgetChangeRefused("The budget line belongs to another experiment.")
    old_file = None
    if expense.pk is not None:
        old_file = Expense.objects.get(pk=expense.pk).invoice.name or None
    if upload is False:
        expense.invoice, expense.invoice_name = None, ""
    elif upload:
        expense.invoice_name = upload.name[-200:]
    expense = _save(actor, expense, experiment)
    if old_file and old_file != expense.invoice.name:
        _delete_file_after_commit(old_file)
    return expense


@transaction.atomic
@in_site_language
def advance_expense(actor, expense: Expense) -> Expense:
    """Move an expense to the next step: committed → invoiced → paid."""
    expense = Expense.objects.select_for_update().get(pk=expense.pk)
    position = STATUS_FLOW.index(expense.status)
    if position + 1 >= len(STATUS_FLOW):
        raise BudgetChangeRefused("This expense is already paid.")
    old_label = expense.get_status_display()
    expense.status = STATUS_FLOW[position + 1]
    expense.save(update_fields=["status", "updated_at"])
    changes = {"status": [str(old_label), str(expense.get_status_display())]}
    record(actor, AuditEvent.Action.CHANGED, expense, expense.experiment, changes)
    return expense


@transaction.atomic
@in_site_language
def delete_item(actor, item: Model) -> None:
    """Delete a line (only without expenses), a funding or an expense."""
    if isinstance(item, BudgetLine) and item.expenses.exists():
        raise BudgetChangeRefused("A budget line with expenses cannot be deleted.")
    record(actor, AuditEvent.Action.DELETED, item, item.experiment)
    file_name = item.invoice.name if isinstance(item, Expense) else None
    item.delete()
    if file_name:
        _delete_file_after_commit(file_name)


def _delete_file_after_commit(name: str) -> None:
    from django.core.files.storage import default_storage

    # Only once the database agrees: a rolled-back change keeps its invoice.
    transaction.on_commit(lambda: default_storage.delete(name))
