"""Planned, committed and paid per line, category, funder, month and experiment; alerts; queries.

Every expected number is computed by hand from the data described in conftest.py.
"""

from datetime import date
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civiclab.budget.models import Category, Expense
from tests.budget.conftest import add_expense, add_line
from tests.conftest import make_experiment


def _overview(client, user, experiment):
    client.force_login(user)
    response = client.get(reverse("budget:overview", args=[experiment.slug]))
    assert response.status_code == 200
    return response


def test_experiment_totals_by_hand(client, coordinator_a, experiment_a, budget_a, budget_b):
    """committed = committed + invoiced + paid; paid = paid only; B's money never counts in A."""
    budget = _overview(client, coordinator_a, experiment_a).context["budget"]
    # planned 10 000 + 1 500 + 4 000,50 + 300
    assert budget.total.planned == D("15800.50")
    # 2 500 × 3 + 900 + 750,25 + 1 000,10
    assert budget.total.committed == D("10150.35")
    # 2 500 × 2 + 900
    assert budget.total.paid == D("5900.00")
    assert budget.total.remaining == D("5650.15")
    assert budget.funding.requested == D("16000.50")
    assert budget.funding.granted == D("11500.00")
    assert budget.funding.received == D("5750.00")


def test_per_line_and_alert_when_a_line_goes_over_plan(
    client, coordinator_a, experiment_a, budget_a
):
    budget = _overview(client, coordinator_a, experiment_a).context["budget"]
    lines = {row.label: row for row in budget.lines}
    assert (lines["Coordination"].committed, lines["Coordination"].paid) == (D("7500"), D("5000"))
    assert lines["Coordination"].consumed_percent == 75
    assert (lines["Affiches"].committed, lines["Affiches"].paid) == (D("1650.25"), D("900"))
    assert lines["Évaluation"].paid == D("0")
    assert lines["Trains"].committed == D("0")
    # 1 650,25 committed on 1 500 planned: 150,25 over plan, the only line over plan.
    assert [row.label for row in budget.lines_over_plan] == ["Affiches"]
    assert lines["Affiches"].overrun == D("150.25")
    # Lines come in the order of the categories, not alphabetically.
    assert [row.label for row in budget.lines] == [
        "Coordination",
        "Trains",
        "Affiches",
        "Évaluation",
    ]


def test_per_category_and_per_funder(client, coordinator_a, experiment_a, budget_a):
    budget = _overview(client, coordinator_a, experiment_a).context["budget"]
    categories = {row.key: (row.planned, row.committed, row.paid) for row in budget.categories}
    assert categories == {
        Category.STAFF: (D("10000"), D("7500"), D("5000")),
        Category.TRAVEL: (D("300"), D("0"), D("0")),
        Category.COMMUNICATION: (D("1500"), D("1650.25"), D("900")),
        Category.EVALUATION: (D("4000.50"), D("1000.10"), D("0")),
    }
    funders = {row.label: row for row in budget.funders}
    ville = funders["Ville de Lille"]
    # lines Coordination + Affiches
    assert (ville.planned, ville.committed, ville.paid) == (D("11500"), D("9150.25"), D("5900"))
    assert (ville.requested, ville.granted, ville.received) == (D("12000"), D("11500"), D("5750"))
    fondation = funders["Fondation pour la participation citoyenne"]
    assert (fondation.planned, fondation.committed, fondation.granted) == (
        D("4000.50"),
        D("1000.10"),
        D("0"),
    )
    own = budget.funders[-1]  # the lab's own funds come last
    assert (own.key, own.planned, own.committed) == (None, D("300"), D("0"))
    assert budget.funders_over_plan == []


def test_alert_when_a_funder_goes_over_plan(client, coordinator_a, experiment_a, ville):
    """A funder is over plan when the lines it pays for, together, commit more than planned."""
    small = add_line(experiment_a, "Petite ligne", Category.OTHER, ville, "100")
    big = add_line(experiment_a, "Grande ligne", Category.STAFF, ville, "1000")
    add_expense(small, "180", Expense.Status.COMMITTED, date(2026, 5, 1))
    add_expense(big, "950", Expense.Status.PAID, date(2026, 5, 1))
    budget = _overview(client, coordinator_a, experiment_a).context["budget"]
    # Ville: 1 130 committed on 1 100 planned.
    assert [row.label for row in budget.funders_over_plan] == ["Ville de Lille"]
    assert budget.funders_over_plan[0].overrun == D("30")


def test_consumption_over_time(client, coordinator_a, experiment_a, budget_a):
    response = _overview(client, coordinator_a, experiment_a)
    months = response.context["budget"].months
    assert [m.month for m in months] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    # January 2 500 + 900; February 2 500 + 1 000,10; March 2 500 + 750,25
    assert [m.committed for m in months] == [D("3400"), D("3500.10"), D("3250.25")]
    assert [m.cumulative_committed for m in months] == [D("3400"), D("6900.10"), D("10150.35")]
    assert [m.cumulative_paid for m in months] == [D("3400"), D("5900"), D("5900")]
    page = response.content.decode()
    assert '<svg viewBox="0 0 720 280" role="img"' in page
    assert "<polyline" in page and '<details class="chart-data">' in page


def test_months_without_expenses_are_filled_in(client, coordinator_a, experiment_a, ville):
    line = add_line(experiment_a, "Ligne", Category.OTHER, ville, "100")
    add_expense(line, "10", Expense.Status.PAID, date(2025, 11, 30))
    add_expense(line, "20", Expense.Status.PAID, date(2026, 2, 1))
    months = _overview(client, coordinator_a, experiment_a).context["budget"].months
    assert [(m.month, m.cumulative_paid) for m in months] == [
        (date(2025, 11, 1), D("10")),
        (date(2025, 12, 1), D("10")),
        (date(2026, 1, 1), D("10")),
        (date(2026, 2, 1), D("30")),
    ]


def test_overview_of_an_empty_budget(client, coordinator_a, experiment_a):
    response = _overview(client, coordinator_a, experiment_a)
    assert response.context["budget"].total.planned == 0
    assert response.context["chart"] is None


def test_portfolio_totals_by_hand(client, lab_admin, budget_a, budget_b, experiment_a):
    client.force_login(lab_admin)
    response = client.get(reverse("budget:portfolio"))
    rows = {row.label: row for row in response.context["rows"]}
    total = response.context["budget"].total
    # A: 15 800,50 / 10 150,35 / 5 900 ; B: 2 000 / 500 / 500
    assert (total.planned, total.committed, total.paid) == (
        D("17800.50"),
        D("10650.35"),
        D("6400.00"),
    )
    assert rows[experiment_a.title].over_plan_lines == 1
    assert rows["Massifier l'engagement citoyen"].over_plan_lines == 0
    assert rows["Massifier l'engagement citoyen"].committed == D("500")


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(experiment_count: int, ville) -> None:
    for n in range(experiment_count):
        experiment = make_experiment(f"Expérimentation {n}")
        for category in (Category.STAFF, Category.TRAVEL):
            line = add_line(experiment, f"Ligne {n}", category, ville, "1000")
            for month in (1, 2, 3):
                add_expense(line, "10", Expense.Status.PAID, date(2026, month, 5))


def test_portfolio_queries_do_not_grow_with_experiments(client, lab_admin, budget_a, ville):
    client.force_login(lab_admin)
    url = reverse("budget:portfolio")
    before = _count_queries(client, url)
    _grow(5, ville)
    assert _count_queries(client, url) == before


def test_experiment_pages_queries_do_not_grow_with_expenses(
    client, coordinator_a, experiment_a, budget_a, ville
):
    client.force_login(coordinator_a)
    urls = [
        reverse("budget:overview", args=[experiment_a.slug]),
        reverse("budget:expenses", args=[experiment_a.slug]),
        reverse("budget:export", args=[experiment_a.slug]),
    ]
    before = [_count_queries(client, url) for url in urls]
    for n in range(6):
        line = add_line(experiment_a, f"Ligne {n}", Category.OTHER, ville, "100")
        for month in range(1, 7):
            add_expense(line, "5", Expense.Status.INVOICED, date(2026, month, 3))
    assert [_count_queries(client, url) for url in urls] == before


def test_expense_filters(client, coordinator_a, experiment_a, budget_a):
    client.force_login(coordinator_a)
    url = reverse("budget:expenses", args=[experiment_a.slug])
    response = client.get(url, {"status": "paid"})
    assert {e.amount for e in response.context["expenses"]} == {D("2500"), D("900")}
    assert response.context["total"]["paid"] == D("5900")
    response = client.get(url, {"supplier": "imprim", "date_from": "2026-02-01"})
    assert [e.amount for e in response.context["expenses"]] == [D("750.25")]
    response = client.get(url, {"category": "evaluation"})
    assert [e.amount for e in response.context["expenses"]] == [D("1000.10")]
    response = client.get(url, {"line": budget_a["coordination"].pk, "status": "invoiced"})
    assert [e.date for e in response.context["expenses"]] == [date(2026, 3, 31)]
