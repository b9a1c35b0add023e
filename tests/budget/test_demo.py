"""The demo budgets build once, realistically, and building them again changes nothing."""

from django.core.management import call_command

from civiclab.audit.models import AuditEvent
from civiclab.budget import selectors
from civiclab.budget.demo import BUDGETS, build_demo_budget
from civiclab.budget.models import BudgetLine, Expense, Funding
from civiclab.experiments.models import Experiment


def _counts():
    return [m.objects.count() for m in (BudgetLine, Funding, Expense, AuditEvent)]


def test_demo_budget_is_idempotent_and_shows_an_alert(db):
    call_command("demo", "--quiet")
    experiments = list(Experiment.objects.filter(slug__in=BUDGETS))
    assert len(experiments) == len(BUDGETS) == 4
    for experiment in experiments:
        build_demo_budget(experiment)
    first = _counts()
    for experiment in experiments:
        build_demo_budget(experiment)
    assert _counts() == first
    lille = selectors.budget_of(Experiment.objects.get(slug="conseils-de-quartier-lille"))
    assert [row.label for row in lille.lines_over_plan] == ["Courriers, affiches et kits d'accueil"]
    assert len(lille.months) >= 6
    assert 0 < lille.total.paid <= lille.total.committed
    rows, _budget = selectors.portfolio(Experiment.objects.all())
    assert sum(row.over_plan_lines for row in rows) == 1
    # Changes went through the services: the journal has them.
    assert (
        AuditEvent.objects.filter(object_type="budget.expense").count() == Expense.objects.count()
    )
