"""A small budget whose totals are computed by hand in the tests (never by the code under test).

Experiment A:
  line            category       funder     planned     expenses (status, date)
  Coordination    staff          Ville      10 000,00   2 500 paid 31/01, 2 500 paid 28/02,
                                                        2 500 invoiced 31/03
  Affiches        communication  Ville       1 500,00   900 paid 15/01, 750,25 committed 02/03
  Évaluation      evaluation     Fondation   4 000,50   1 000,10 invoiced 10/02
  Trains          travel         (lab)         300,00   —
  fundings: Ville asked 12 000, granted 11 500, received 5 750; Fondation asked 4 000,50.
Experiment B: one line "Stands" 2 000,00 (Ville), one expense 500,00 paid.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from civiclab.accounts.models import Organisation
from civiclab.budget.models import BudgetLine, Category, Expense, Funding

Status = Expense.Status


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ville(db):
    return Organisation.objects.create(
        name="Ville de Lille", kind=Organisation.Kind.LOCAL_AUTHORITY
    )


@pytest.fixture
def fondation(db):
    return Organisation.objects.create(
        name="Fondation pour la participation citoyenne", kind=Organisation.Kind.FUNDER
    )


def add_line(experiment, label, category, funder, planned) -> BudgetLine:
    return BudgetLine.objects.create(
        experiment=experiment, label=label, category=category, funder=funder, planned=D(planned)
    )


def add_expense(line, amount, status, day, supplier="Fournisseur") -> Expense:
    return Expense.objects.create(
        experiment=line.experiment,
        budget_line=line,
        supplier=supplier,
        date=day,
        amount=D(amount),
        status=status,
    )


@pytest.fixture
def budget_a(experiment_a, ville, fondation):
    lines = {
        "coordination": add_line(experiment_a, "Coordination", Category.STAFF, ville, "10000"),
        "affiches": add_line(experiment_a, "Affiches", Category.COMMUNICATION, ville, "1500"),
        "evaluation": add_line(
            experiment_a, "Évaluation", Category.EVALUATION, fondation, "4000.50"
        ),
        "trains": add_line(experiment_a, "Trains", Category.TRAVEL, None, "300"),
    }
    add_expense(lines["coordination"], "2500", Status.PAID, date(2026, 1, 31))
    add_expense(lines["coordination"], "2500", Status.PAID, date(2026, 2, 28))
    add_expense(lines["coordination"], "2500", Status.INVOICED, date(2026, 3, 31))
    add_expense(lines["affiches"], "900", Status.PAID, date(2026, 1, 15), "Imprimerie")
    add_expense(lines["affiches"], "750.25", Status.COMMITTED, date(2026, 3, 2), "Imprimerie")
    add_expense(lines["evaluation"], "1000.10", Status.INVOICED, date(2026, 2, 10), "Labo")
    Funding.objects.create(
        experiment=experiment_a,
        funder=ville,
        requested=D("12000"),
        granted=D("11500"),
        received=D("5750"),
    )
    Funding.objects.create(experiment=experiment_a, funder=fondation, requested=D("4000.50"))
    return lines


@pytest.fixture
def budget_b(experiment_b, ville):
    line = add_line(experiment_b, "Stands", Category.COMMUNICATION, ville, "2000")
    add_expense(line, "500", Status.PAID, date(2026, 2, 1))
    return line
