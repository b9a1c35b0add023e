"""Budget totals, computed in SQL: a fixed number of queries, whatever the number of rows.

Definitions, the same everywhere (pages, exports, alerts, user guide):
- "committed" (engagé) is every expense the lab is bound to pay: committed, invoiced and paid;
- "paid" (payé) is what has left the bank account: paid expenses only;
- "remaining" is planned − committed; a line (or a funder) is over plan when committed > planned.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from civiclab.budget.models import ZERO, BudgetLine, Category, Expense, Funding
from civiclab.budget.money import percent
from civiclab.experiments.models import Experiment, in_order_of

BY_CATEGORY = in_order_of("category", Category.values)
OWN_FUNDS = _("Lab's own funds")

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
COMMITTED_STATUSES = [Expense.Status.COMMITTED, Expense.Status.INVOICED, Expense.Status.PAID]


def cents(value) -> Decimal:
    """An amount from the database, to the cent (SQLite sums decimals as binary floats)."""
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def committed_sum(prefix: str = "") -> Sum:
    return Sum(
        f"{prefix}amount", filter=Q(**{f"{prefix}status__in": COMMITTED_STATUSES}), default=ZERO
    )


def paid_sum(prefix: str = "") -> Sum:
    return Sum(
        f"{prefix}amount", filter=Q(**{f"{prefix}status": Expense.Status.PAID}), default=ZERO
    )


@dataclass
class Totals:
    planned: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.committed

    @property
    def overrun(self) -> Decimal:
        """How much more is committed than planned (0 when within plan)."""
        return max(self.committed - self.planned, ZERO)

    @property
    def consumed_percent(self) -> int | None:
        return percent(self.committed, self.planned)

    @property
    def paid_percent(self) -> int | None:
        return percent(self.paid, self.planned)

    @property
    def over_plan(self) -> bool:
        return self.committed > self.planned

    def add(self, other: "Totals") -> None:
        self.planned += other.planned
        self.committed += other.committed
        self.paid += other.paid


@dataclass
class Row(Totals):
    """Totals of one budget line, category, funder or experiment."""

    label: str = ""
    key: object = None
    category: str = ""
    funder: str = ""
    requested: Decimal = ZERO
    granted: Decimal = ZERO
    received: Decimal = ZERO
    over_plan_lines: int = 0
    experiment: Experiment | None = None
    experiment_id: int | None = None


@dataclass
class MonthPoint:
    month: date
    committed: Decimal  # in the month
    paid: Decimal
    cumulative_committed: Decimal = ZERO
    cumulative_paid: Decimal = ZERO


@dataclass
class Budget:
    """Everything the budget pages show for a scope (one experiment, or the portfolio)."""

    total: Totals
    lines: list[Row] = field(default_factory=list)
    categories: list[Row] = field(default_factory=list)
    funders: list[Row] = field(default_factory=list)
    months: list[MonthPoint] = field(default_factory=list)
    funding: Row = field(default_factory=Row)

    @property
    def lines_over_plan(self) -> list[Row]:
        return [row for row in self.lines if row.over_plan]

    @property
    def funders_over_plan(self) -> list[Row]:
        return [row for row in self.funders if row.over_plan]


def line_rows(**scope) -> list[Row]:
    """One row per budget line with its committed and paid amounts (one query)."""
    lines = (
        BudgetLine.objects.filter(**scope)
        .annotate(committed=committed_sum("expenses__"), paid=paid_sum("expenses__"))
        .values(
            "pk", "experiment", "label", "category", "planned", "committed", "paid", "funder__name"
        )
        .order_by(BY_CATEGORY, "label", "pk")
    )
    return [
        Row(
            planned=cents(line["planned"]),
            committed=cents(line["committed"]),
            paid=cents(line["paid"]),
            label=line["label"],
            key=line["pk"],
            category=Category(line["category"]).label,
            funder=line["funder__name"] or str(OWN_FUNDS),
            experiment_id=line["experiment"],
        )
        for line in lines
    ]


def category_rows(**scope) -> list[Row]:
    """One row per category that has a line or an expense (two queries)."""
    planned = dict(
        BudgetLine.objects.filter(**scope)
        .values_list("category")
        .annotate(total=Sum("planned"))
        .order_by()
    )
    spent = {
        row["budget_line__category"]: row
        for row in Expense.objects.filter(**scope)
        .values("budget_line__category")
        .annotate(committed=committed_sum(), paid=paid_sum())
        .order_by()
    }
    rows = []
    for code, label in Category.choices:
        if code in planned or code in spent:
            money = spent.get(code, {})
            rows.append(
                Row(
                    planned=cents(planned.get(code)),
                    committed=cents(money.get("committed")),
                    paid=cents(money.get("paid")),
                    label=label,
                    key=code,
                )
            )
    return rows


def funder_rows(**scope) -> list[Row]:
    """One row per funder: its lines' plan and spending, and its funding (three queries)."""
    rows: dict[int | None, Row] = {}

    def row(pk, name) -> Row:
        if pk not in rows:
            rows[pk] = Row(label=name or str(OWN_FUNDS), key=pk)
        return rows[pk]

    planned = (
        BudgetLine.objects.filter(**scope)
        .values("funder", "funder__name")
        .annotate(total=Sum("planned"))
        .order_by()
    )
    for item in planned:
        row(item["funder"], item["funder__name"]).planned = cents(item["total"])
    spent = (
        Expense.objects.filter(**scope)
        .values("budget_line__funder", "budget_line__funder__name")
        .annotate(committed=committed_sum(), paid=paid_sum())
        .order_by()
    )
    for item in spent:
        funder_row = row(item["budget_line__funder"], item["budget_line__funder__name"])
        funder_row.committed, funder_row.paid = cents(item["committed"]), cents(item["paid"])
    for item in _funding_sums(Funding.objects.filter(**scope), "funder", "funder__name"):
        funder_row = row(item["funder"], item["funder__name"])
        funder_row.requested = cents(item["requested"])
        funder_row.granted = cents(item["granted"])
        funder_row.received = cents(item["received"])
    # Named funders in alphabetical order, the lab's own funds last.
    return sorted(rows.values(), key=lambda r: (r.key is None, r.label.lower()))


def _funding_sums(fundings: QuerySet, *group_by: str) -> QuerySet:
    return (
        fundings.values(*group_by)
        .annotate(
            requested=Sum("requested", default=ZERO),
            granted=Sum("granted", default=ZERO),
            received=Sum("received", default=ZERO),
        )
        .order_by()
    )


def monthly(**scope) -> list[MonthPoint]:
    """Committed and paid amounts month by month, with running totals (one query).

    Months without any expense are filled in, so that the chart's time axis is regular.
    """
    by_month = {
        row["month"]: row
        for row in Expense.objects.filter(**scope)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(committed=committed_sum(), paid=paid_sum())
        .order_by("month")
    }
    if not by_month:
        return []
    months, current, last = [], min(by_month), max(by_month)
    committed = paid = ZERO
    while current <= last:
        money = by_month.get(current, {})
        point = MonthPoint(current, cents(money.get("committed")), cents(money.get("paid")))
        committed += point.committed
        paid += point.paid
        point.cumulative_committed, point.cumulative_paid = committed, paid
        months.append(point)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def budget_of(experiment: Experiment) -> Budget:
    """The budget of one experiment: lines, categories, funders, months (eight queries)."""
    lines = line_rows(experiment=experiment)
    total = Totals()
    for line in lines:
        total.add(line)
    funding = Funding.objects.filter(experiment=experiment).aggregate(
        requested=Sum("requested"), granted=Sum("granted"), received=Sum("received")
    )
    return Budget(
        total=total,
        lines=lines,
        categories=category_rows(experiment=experiment),
        funders=funder_rows(experiment=experiment),
        months=monthly(experiment=experiment),
        funding=Row(
            requested=cents(funding.get("requested")),
            granted=cents(funding.get("granted")),
            received=cents(funding.get("received")),
        ),
    )


def portfolio(experiments: QuerySet[Experiment]) -> tuple[list[Row], Budget]:
    """One row per experiment, and the rolled-up budget of them all (a fixed number of queries)."""
    experiments = list(experiments)
    scope = {"experiment__in": [e.pk for e in experiments]}
    rows, total, funding = experiment_rows(experiments)
    budget = Budget(
        total=total,
        categories=category_rows(**scope),
        funders=funder_rows(**scope),
        months=monthly(**scope),
        funding=funding,
    )
    return rows, budget


def experiment_rows(experiments) -> tuple[list[Row], Totals, Row]:
    """One row of totals per experiment, their sum and their fundings (four queries)."""
    experiments = list(experiments)
    scope = {"experiment__in": [e.pk for e in experiments]}
    planned = dict(
        BudgetLine.objects.filter(**scope)
        .values_list("experiment")
        .annotate(total=Sum("planned"))
        .order_by()
    )
    spent = {
        row["experiment"]: row
        for row in Expense.objects.filter(**scope)
        .values("experiment")
        .annotate(committed=committed_sum(), paid=paid_sum())
        .order_by()
    }
    funded = {
        row["experiment"]: row
        for row in _funding_sums(Funding.objects.filter(**scope), "experiment")
    }
    over = Counter(
        BudgetLine.objects.filter(**scope)
        .annotate(spent=committed_sum("expenses__"))
        # Half a cent of slack: SQLite adds decimals as floats (6000 may come out 6000.0000001).
        .filter(spent__gt=F("planned") + Value(HALF_CENT))
        .values_list("experiment", flat=True)
    )
    rows, total = [], Totals()
    funding = Row()
    for experiment in experiments:
        money, funds = spent.get(experiment.pk, {}), funded.get(experiment.pk, {})
        row = Row(
            planned=cents(planned.get(experiment.pk)),
            committed=cents(money.get("committed")),
            paid=cents(money.get("paid")),
            label=experiment.title,
            key=experiment.slug,
            requested=cents(funds.get("requested")),
            granted=cents(funds.get("granted")),
            received=cents(funds.get("received")),
            over_plan_lines=over.get(experiment.pk, 0),
            experiment=experiment,
        )
        rows.append(row)
        total.add(row)
        funding.requested += row.requested
        funding.granted += row.granted
        funding.received += row.received
    return rows, total, funding
