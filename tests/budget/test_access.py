"""Who may see and change an experiment's budget: every role against every budget page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from civiclab.budget.models import BudgetLine, Expense
from civiclab.experiments.models import Membership
from tests.conftest import give_role, make_user

R = Membership.Role
OK, NO, GONE = 200, 403, 404
WHO = [*R.values, "lab_staff", "outsider"]

# Written out by hand from the product rules, not computed from permissions.py.
# columns: coordinator, team, analyst, researcher, partner, innovator, communicator,
#          observer, lab staff, outsider
VIEW_HIDDEN = (OK, OK, OK, NO, NO, NO, OK, NO, OK, GONE)  # budget_visible_to_partners off
VIEW_SHOWN = (OK, OK, OK, OK, OK, NO, OK, NO, OK, GONE)  # budget_visible_to_partners on
EDIT = (OK, NO, NO, NO, NO, NO, NO, NO, OK, GONE)

VIEW_PAGES = ["overview", "expenses", "export", "invoice"]
EDIT_PAGES = ["line_new", "funding_new", "expense_new", "line_edit", "expense_edit"]


def _user_for(who, experiment):
    user = make_user(f"user-{who}", staff=who == "lab_staff")
    if who in R.values:
        give_role(user, experiment, who)
    return user


def _url(page, experiment, line, expense):
    args = [experiment.slug]
    if page in ("invoice", "expense_edit"):
        args.append(expense.pk)
    if page == "line_edit":
        args.append(line.pk)
    return reverse(f"budget:{page}", args=args)


@pytest.fixture
def with_invoice(budget_a, experiment_a):
    expense = Expense.objects.filter(experiment=experiment_a).first()
    expense.invoice.save("facture.pdf", ContentFile(b"%PDF-1.4 facture"), save=False)
    expense.invoice_name = "facture.pdf"
    expense.save()
    return expense


CASES = [
    (page, visible, who, (VIEW_SHOWN if visible else VIEW_HIDDEN)[i])
    for page in VIEW_PAGES
    for visible in (False, True)
    for i, who in enumerate(WHO)
] + [(page, False, who, EDIT[i]) for page in EDIT_PAGES for i, who in enumerate(WHO)]


@pytest.mark.parametrize(("page", "visible", "who", "expected"), CASES)
def test_budget_role_matrix(client, experiment_a, with_invoice, page, visible, who, expected):
    """Partners and researchers see the budget only where the experiment allows it; only the
    coordinator and lab staff change it; people with no role get a 404."""
    experiment_a.budget_visible_to_partners = visible
    experiment_a.save(update_fields=["budget_visible_to_partners"])
    client.force_login(_user_for(who, experiment_a))
    line = BudgetLine.objects.filter(experiment=experiment_a).first()
    response = client.get(_url(page, experiment_a, line, with_invoice))
    assert response.status_code == expected


def test_partner_of_b_cannot_see_the_budget_of_a(client, budget_a, experiment_a, partner_b):
    """Even when A shows its budget to its partners, a partner of B gets 404s on A."""
    experiment_a.budget_visible_to_partners = True
    experiment_a.save(update_fields=["budget_visible_to_partners"])
    client.force_login(partner_b)
    line = budget_a["affiches"]
    expense = line.expenses.first()
    for url in [
        reverse("budget:overview", args=[experiment_a.slug]),
        reverse("budget:expenses", args=[experiment_a.slug]),
        reverse("budget:export", args=[experiment_a.slug]),
        reverse("budget:invoice", args=[experiment_a.slug, expense.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_objects_of_another_experiment_are_not_reachable_through_mine(
    client, coordinator_a, experiment_a, budget_b, experiment_b
):
    """A coordinator of A cannot edit, advance or delete B's items by guessing their ids."""
    client.force_login(coordinator_a)
    expense = budget_b.expenses.get()
    slug = experiment_a.slug
    assert client.get(reverse("budget:line_edit", args=[slug, budget_b.pk])).status_code == 404
    assert client.get(reverse("budget:expense_edit", args=[slug, expense.pk])).status_code == 404
    url = reverse("budget:expense_advance", args=[slug, expense.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("budget:expense_delete", args=[slug, expense.pk])).status_code == 404
    assert client.post(reverse("budget:line_delete", args=[slug, budget_b.pk])).status_code == 404
    expense.refresh_from_db()
    assert expense.status == Expense.Status.PAID


def test_expense_form_offers_only_this_experiments_lines(
    client, coordinator_a, experiment_a, budget_a, budget_b
):
    """Posting a line of B into A's expense form is refused, and nothing is saved."""
    client.force_login(coordinator_a)
    before = Expense.objects.count()
    response = client.post(
        reverse("budget:expense_new", args=[experiment_a.slug]),
        {"budget_line": budget_b.pk, "supplier": "X", "date": "2026-03-01", "amount": "10",
         "status": "committed"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].has_error("budget_line")
    assert Expense.objects.count() == before


def test_team_member_sees_but_cannot_change(client, experiment_a, budget_a):
    member = make_user("membre")
    give_role(member, experiment_a, R.TEAM_MEMBER)
    client.force_login(member)
    assert client.get(reverse("budget:overview", args=[experiment_a.slug])).status_code == 200
    expense = budget_a["affiches"].expenses.get(status=Expense.Status.COMMITTED)
    url = reverse("budget:expense_advance", args=[experiment_a.slug, expense.pk])
    assert client.post(url).status_code == 403
    expense.refresh_from_db()
    assert expense.status == Expense.Status.COMMITTED
    page = client.get(reverse("budget:overview", args=[experiment_a.slug])).content.decode()
    assert reverse("budget:expense_new", args=[experiment_a.slug]) not in page


def test_portfolio_budget_is_for_lab_staff_only(client, coordinator_a, lab_admin):
    client.force_login(coordinator_a)
    assert client.get(reverse("budget:portfolio")).status_code == 403
    assert client.get(reverse("budget:portfolio_export")).status_code == 403
    client.force_login(lab_admin)
    assert client.get(reverse("budget:portfolio")).status_code == 200
    assert client.get(reverse("budget:portfolio_export")).status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, experiment_a):
    response = client.get(reverse("budget:overview", args=[experiment_a.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
