"""Entering budget lines, fundings and expenses: French amounts accepted, bad ones refused with
a clear message, and nothing half saved."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils.translation import override

from civiclab.audit.models import AuditEvent
from civiclab.budget.models import BudgetLine, Expense, Funding


def _expense_data(line, **changes):
    data = {
        "budget_line": line.pk,
        "supplier": "Imprimerie Nord",
        "date": "2026-04-02",
        "amount": "1 234,56",
        "status": "committed",
        "note": "",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("1 234,56", D("1234.56")),
        ("1234.56", D("1234.56")),
        ("1\u202f234,56 €", D("1234.56")),
        ("1.234,56", D("1234.56")),
        ("12,5", D("12.50")),
    ],
)
def test_expense_amounts_typed_the_french_way_are_saved(
    client, coordinator_a, experiment_a, budget_a, typed, saved
):
    client.force_login(coordinator_a)
    line = budget_a["affiches"]
    url = reverse("budget:expense_new", args=[experiment_a.slug])
    response = client.post(url, _expense_data(line, amount=typed))
    assert response.status_code == 302
    expense = Expense.objects.latest("pk")
    assert (expense.amount, expense.experiment, expense.budget_line) == (saved, experiment_a, line)
    event = AuditEvent.objects.filter(object_type="budget.expense").latest("pk")
    assert (event.action, event.experiment, event.actor) == ("created", experiment_a, coordinator_a)


@pytest.mark.parametrize(
    ("typed", "code", "english"),
    [
        ("12,5x", "invalid", "“12,5x” is not an amount in euros"),
        ("-3", "negative", "cannot be negative"),
        ("12,345", "too_many_decimals", "at most two decimals"),
        ("", "required", "Give an amount in euros"),
        ("99 999 999 999", "too_large", "too large"),
    ],
)
def test_bad_expense_amounts_are_refused_and_nothing_is_saved(
    client, coordinator_a, experiment_a, budget_a, typed, code, english
):
    client.force_login(coordinator_a)
    url = reverse("budget:expense_new", args=[experiment_a.slug])
    before = (Expense.objects.count(), AuditEvent.objects.count())
    response = client.post(url, _expense_data(budget_a["affiches"], amount=typed))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("amount", code)
    with override("en"):
        assert english in form.errors["amount"][0]
    assert 'class="form-errors"' in response.content.decode()
    assert (Expense.objects.count(), AuditEvent.objects.count()) == before


def test_the_typed_value_is_kept_in_the_form_after_an_error(
    client, coordinator_a, experiment_a, budget_a
):
    client.force_login(coordinator_a)
    url = reverse("budget:expense_new", args=[experiment_a.slug])
    response = client.post(url, _expense_data(budget_a["affiches"], amount="12,5x", date=""))
    page = response.content.decode()
    assert 'value="12,5x"' in page and 'inputmode="decimal"' in page
    assert response.context["form"].has_error("date")


def test_funding_with_one_bad_amount_saves_nothing(client, coordinator_a, experiment_a, ville):
    """A good requested amount is not saved alone when the granted amount is malformed."""
    client.force_login(coordinator_a)
    url = reverse("budget:funding_new", args=[experiment_a.slug])
    data = {"funder": ville.pk, "requested": "12 000", "granted": "11 500,5x", "received": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].has_error("granted", "invalid")
    assert not Funding.objects.exists()
    response = client.post(url, {**data, "granted": "11 500,50", "granted_on": "2026-02-01"})
    assert response.status_code == 302
    funding = Funding.objects.get()
    assert (funding.requested, funding.granted, funding.received) == (
        D("12000"),
        D("11500.50"),
        None,
    )


def test_funding_cannot_receive_more_than_granted(client, coordinator_a, experiment_a, ville):
    client.force_login(coordinator_a)
    url = reverse("budget:funding_new", args=[experiment_a.slug])
    data = {"funder": ville.pk, "requested": "1000", "granted": "800", "received": "900"}
    response = client.post(url, data)
    assert response.context["form"].has_error("received")
    assert not Funding.objects.exists()


def test_budget_line_negative_plan_is_refused(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    url = reverse("budget:line_new", args=[experiment_a.slug])
    data = {"category": "staff", "label": "Coordination", "funder": "", "planned": "-3"}
    response = client.post(url, data)
    assert response.context["form"].has_error("planned", "negative")
    assert not BudgetLine.objects.exists()
    response = client.post(url, {**data, "planned": "38 000"})
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.planned, line.funder, line.experiment) == (D("38000"), None, experiment_a)


def test_editing_a_line_shows_the_amount_the_french_way_and_audits_the_change(
    client, coordinator_a, experiment_a, budget_a
):
    client.force_login(coordinator_a)
    line = budget_a["evaluation"]
    url = reverse("budget:line_edit", args=[experiment_a.slug, line.pk])
    assert 'value="4000,50"' in client.get(url).content.decode()
    data = {"category": line.category, "label": line.label, "funder": line.funder_id}
    assert client.post(url, {**data, "planned": "4 500"}).status_code == 302
    line.refresh_from_db()
    assert line.planned == D("4500")
    event = AuditEvent.objects.get(object_type="budget.budgetline", action="changed")
    assert event.changes == {"planned": ["4000.50", "4500.00"]}


def test_expense_moves_committed_invoiced_paid(client, coordinator_a, experiment_a, budget_a):
    client.force_login(coordinator_a)
    expense = budget_a["affiches"].expenses.get(status="committed")
    url = reverse("budget:expense_advance", args=[experiment_a.slug, expense.pk])
    statuses = []
    for _ in range(3):
        assert client.post(url).status_code == 302
        expense.refresh_from_db()
        statuses.append(expense.status)
    assert statuses == ["invoiced", "paid", "paid"]
    changes = AuditEvent.objects.filter(object_type="budget.expense", action="changed")
    assert changes.count() == 2


def test_a_line_with_expenses_cannot_be_deleted(client, coordinator_a, experiment_a, budget_a):
    client.force_login(coordinator_a)
    line = budget_a["affiches"]
    response = client.post(reverse("budget:line_delete", args=[experiment_a.slug, line.pk]))
    assert response.status_code == 302
    assert BudgetLine.objects.filter(pk=line.pk).exists()
    empty = budget_a["trains"]
    client.post(reverse("budget:line_delete", args=[experiment_a.slug, empty.pk]))
    assert not BudgetLine.objects.filter(pk=empty.pk).exists()
    assert AuditEvent.objects.filter(object_type="budget.budgetline", action="deleted").exists()


def test_advance_ignores_a_redirect_to_another_site(client, coordinator_a, experiment_a, budget_a):
    client.force_login(coordinator_a)
    expense = budget_a["affiches"].expenses.get(status="committed")
    url = reverse("budget:expense_advance", args=[experiment_a.slug, expense.pk])
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("budget:expenses", args=[experiment_a.slug])
