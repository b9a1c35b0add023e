"""Server time and SQL queries of the portfolio dashboard and of one budget page, on a busy lab.

Run from the repository root:  .venv/bin/python bench/dashboard_portfolio.py  (or `make bench`).

Each experiment carries 500 tasks, 2,000 expenses on 8 budget lines, 10 milestones and
4 meetings with decisions and actions. The pages are measured with 5 experiments, then 50
(25,000 tasks and 100,000 expenses in all), against a bare view in the same run. The number
of SQL queries must not grow with the data: the script fails if it does.

The last line printed is machine-readable:
  BENCH dashboard_portfolio value=<dashboard ms at 50> unit=ms baseline=<bare view ms>
        ratio=<value/baseline> queries_small=<n at 5> queries_large=<n at 50>
        budget_ms=<budget page ms at 50> budget_queries_small=<n> budget_queries_large=<n>
"""

import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from random import Random

import _harness as harness
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path
from django.utils import timezone

from civiclab import urls as civiclab_urls
from civiclab.accounts.models import Organisation, Person, User
from civiclab.budget.models import BudgetLine, Category, Expense
from civiclab.experiments.models import Experiment, Membership, Territory
from civiclab.meetings.models import Meeting, Outcome
from civiclab.planning.models import Milestone, Phase, Task

SMALL, LARGE = 5, 50
TASKS, EXPENSES, LINES = 500, 2000, 8
BARE_URL = "/__bench__/bare/"
TODAY = timezone.localdate()


def bare_view(request):
    return HttpResponse("ok")


# The bare view is served through the project's whole middleware stack, like the pages.
urlpatterns = [path(BARE_URL.strip("/") + "/", bare_view), *civiclab_urls.urlpatterns]
SETTINGS = {"ROOT_URLCONF": __name__, "STORAGES": harness.STORAGES}


def add_experiments(upto: int, rng: Random, funders, territory) -> None:
    for n in range(Experiment.objects.count(), upto):
        experiment = Experiment.objects.create(
            title=f"Expérimentation {n:03d}",
            slug=f"experimentation-{n:03d}",
            territory=territory,
            status=Experiment.Status.RUNNING,
            start_date=TODAY - timedelta(days=300),
        )
        people = [Person.objects.create(first_name="Agent", last_name=f"{n}-{i}") for i in range(5)]
        Membership.objects.bulk_create(
            Membership(experiment=experiment, person=p, role=r)
            for p, r in zip(people, Membership.Role.values, strict=False)
        )
        phase = Phase.objects.create(
            experiment=experiment,
            name="Phase",
            start_date=TODAY - timedelta(days=300),
            end_date=TODAY + timedelta(days=300),
        )
        Milestone.objects.bulk_create(
            Milestone(
                experiment=experiment,
                phase=phase,
                name=f"Jalon {i}",
                due_date=TODAY + timedelta(days=30 * i - 150),
            )
            for i in range(10)
        )
        Task.objects.bulk_create(
            Task(
                experiment=experiment,
                phase=phase,
                title=f"Tâche {i}",
                owner=people[i % 5],
                due_date=TODAY + timedelta(days=rng.randint(-200, 200)),
                status=rng.choice(Task.Status.values),
            )
            for i in range(TASKS)
        )
        lines = BudgetLine.objects.bulk_create(
            BudgetLine(
                experiment=experiment,
                category=Category.values[i % len(Category.values)],
                funder=funders[i % len(funders)],
                label=f"Ligne {i}",
                planned=Decimal(rng.randint(5_000, 60_000)),
            )
            for i in range(LINES)
        )
        Expense.objects.bulk_create(
            (
                Expense(
                    experiment=experiment,
                    budget_line=lines[i % LINES],
                    supplier=f"Fournisseur {i % 40}",
                    date=TODAY - timedelta(days=rng.randint(0, 300)),
                    amount=Decimal(rng.randint(100, 90_000)) / 100,
                    status=rng.choice(Expense.Status.values),
                )
                for i in range(EXPENSES)
            ),
            batch_size=1000,
        )
        for day in (-90, -40, -10, 20):
            meeting = Meeting.objects.create(
                experiment=experiment,
                kind="copil",
                title=f"COPIL {day}",
                starts_at=timezone.make_aware(
                    datetime.combine(TODAY + timedelta(days=day), clock(14))
                ),
                status="held" if day < 0 else "planned",
            )
            Outcome.objects.bulk_create(
                [
                    Outcome(meeting=meeting, kind="decision", text="Décision"),
                    Outcome(meeting=meeting, kind="action", text="Action", owner=people[0]),
                ]
            )


def measure(client: Client, url: str, label: str, n: int) -> tuple[float, int]:
    queries, content = harness.count_queries(client, url)
    ms = harness.timed_median_ms(client, url, 15)
    print(
        f"{label:<10} {n:>2} experiments: median {ms:8.2f} ms, {queries} SQL queries, "
        f"{len(content) / 1024:.0f} KiB"
    )
    return ms, queries


def main() -> int:
    rng = Random(2026)
    staff = User.objects.create_user("bench-staff", None, None, is_staff=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    territory = Territory.objects.create(name="Hauts-de-France", level="region", insee_code="32")
    funders = [Organisation.objects.create(name=f"Financeur {i}", kind="funder") for i in range(3)]
    budget_url = "/experiments/experimentation-000/budget/"
    with override_settings(**SETTINGS):
        baseline = harness.timed_median_ms(client, BARE_URL, 300)
        print(f"baseline   bare view: median {baseline:8.2f} ms")
        started = time.perf_counter()
        add_experiments(SMALL, rng, funders, territory)
        print(f"setup: {SMALL} experiments in {time.perf_counter() - started:.1f} s")
        _small_ms, small = measure(client, "/portfolio/", "dashboard", SMALL)
        _budget_small_ms, budget_small = measure(client, budget_url, "budget", SMALL)
        started = time.perf_counter()
        add_experiments(LARGE, rng, funders, territory)
        print(
            f"setup: up to {LARGE} experiments ({Task.objects.count()} tasks, "
            f"{Expense.objects.count()} expenses) in {time.perf_counter() - started:.1f} s"
        )
        large_ms, large = measure(client, "/portfolio/", "dashboard", LARGE)
        budget_ms, budget_large = measure(client, budget_url, "budget", LARGE)
    failed = large != small or budget_large != budget_small
    if failed:
        print("FAIL: the number of queries grows with the data", file=sys.stderr)
    print(
        f"BENCH dashboard_portfolio value={large_ms:.2f} unit=ms baseline={baseline:.2f} "
        f"ratio={large_ms / baseline:.2f} queries_small={small} queries_large={large} "
        f"budget_ms={budget_ms:.2f} budget_queries_small={budget_small} "
        f"budget_queries_large={budget_large}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    harness.run(main)
