"""Server time and SQL queries of the lab staff portfolio page (GET /portfolio/).

Run from the repository root:  .venv/bin/python bench/portfolio_page.py  (or `make bench`).

What it does, in one process and on a throwaway SQLite database in a temporary directory:
  1. migrates the database, creates a lab staff user and a pool of territories,
     organisations and people;
  2. creates 20 realistic experiments (territory, 2 methods, 2 partner organisations,
     a team of 5 memberships to people who belong to organisations, a first protocol
     version made by services.start_protocol), measures the page, then adds experiments
     up to 200 and measures again;
  3. measures a baseline: a bare view returning HttpResponse("ok").

Timing: Django test Client (HTTP_HOST=localhost, force_login as the staff user), 3 warm-up
requests then 30 timed requests (300 for the sub-millisecond bare view), time.perf_counter
around each client.get(); the median is reported. The timed requests run without query
capture; queries are counted on one extra request with django.test.utils.CaptureQueriesContext.

The last line printed is machine-readable:
  BENCH portfolio_page value=<ms at 200> unit=ms baseline=<ms> ratio=<value/baseline>
        queries_small=<n at 20> queries_large=<n at 200> value_small=<ms at 20>
(on one line). The script exits with status 1 if the number of queries grows with the
number of experiments (queries_large != queries_small) or if a page is not served correctly.
"""

import sys
import time
from datetime import date, timedelta
from random import Random

import _harness as harness
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path

from civiclab import urls as civiclab_urls
from civiclab.accounts.models import Organisation, Person, User
from civiclab.experiments import services
from civiclab.experiments.models import Experiment, Membership, Method, Territory

SMALL, LARGE = 20, 200
REQUESTS = harness.REQUESTS
BASELINE_REQUESTS = 300  # the bare view takes ~0.2 ms: more samples, steadier median, ~0.1 s
PORTFOLIO_URL = "/portfolio/"
BARE_URL = "/__bench__/bare/"


def bare_view(request):
    return HttpResponse("ok")


# The baseline is routed through the SAME client, settings and middleware stack as the
# portfolio page: this module is used as ROOT_URLCONF (override_settings below), with the
# bare view added in front of the project's own URL patterns. So the baseline includes the
# full middleware cost (security, WhiteNoise, sessions, locale, common, CSRF, auth, messages,
# clickjacking, axes) and URL resolution; it does not touch the session or the user, so it
# makes no SQL query. The ratio is "portfolio page / cost of serving anything at all".
urlpatterns = [path(BARE_URL.strip("/") + "/", bare_view), *civiclab_urls.urlpatterns]

# With DEBUG off the settings select WhiteNoise's manifest storage, which needs
# `collectstatic`; plain StaticFilesStorage renders {% static %} the same way without it.
BENCH_SETTINGS = {"ROOT_URLCONF": __name__, "STORAGES": harness.STORAGES}

# --- Data ----------------------------------------------------------------------------------

FIRST_NAMES = [
    "Camille", "Léa", "Hugo", "Nadia", "Karim", "Julie", "Thomas", "Inès", "Paul", "Sarah",
    "Yanis", "Chloé", "Louis", "Amina", "Marc", "Elise", "Mehdi", "Claire", "Antoine", "Zoé",
]  # fmt: skip
LAST_NAMES = [
    "Lefebvre", "Benali", "Dubois", "Moreau", "Haddad", "Fournier", "Mercier", "Girard",
    "Lambert", "Bonnet", "Fontaine", "Rousseau", "Vincent", "Muller", "Leroy", "Garnier",
    "Chevalier", "Faure", "Blanc", "Guerin", "Boyer", "Roux", "Petit", "Durand", "Martin",
]  # fmt: skip
TOWNS = [
    "Lille", "Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Lens", "Arras", "Douai", "Calais",
    "Dunkerque", "Boulogne-sur-Mer", "Valenciennes", "Cambrai", "Amiens", "Beauvais",
    "Compiègne", "Saint-Quentin", "Oignies", "Liévin", "Béthune", "Maubeuge",
]  # fmt: skip
KINDS = [k for k in Organisation.Kind.values if k != Organisation.Kind.LAB]
TEAM_ROLES = [
    Membership.Role.COORDINATOR,
    Membership.Role.TEAM_MEMBER,
    Membership.Role.IMPACT_ANALYST,
    Membership.Role.RESEARCHER,
    Membership.Role.PARTNER,
]
N_ORGANISATIONS, N_PEOPLE = 40, 300


def make_pools(rng: Random):
    territories = [
        Territory.objects.create(
            name=town, insee_code=f"{59000 + i:05d}", level=Territory.Level.COMMUNE
        )
        for i, town in enumerate(TOWNS)
    ] + [
        Territory.objects.create(name="Hauts-de-France", insee_code="32", level="region"),
        Territory.objects.create(name="Nord", insee_code="59", level="department"),
        Territory.objects.create(name="Pas-de-Calais", insee_code="62", level="department"),
    ]
    organisations = [
        Organisation.objects.create(
            name=f"Organisation {i:03d} de {rng.choice(TOWNS)}",
            kind=rng.choice(KINDS),
            city=rng.choice(TOWNS),
        )
        for i in range(N_ORGANISATIONS)
    ]
    people = Person.objects.bulk_create(
        Person(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"personne{i}@exemple.fr",
            organisation=rng.choice(organisations),
        )
        for i in range(N_PEOPLE)
    )
    methods = list(Method.objects.all())
    assert len(methods) >= 2, "the methods are seeded by migration 0002"
    return territories, organisations, people, methods


@transaction.atomic
def add_experiments(upto: int, staff: User, pools, rng: Random) -> None:
    territories, organisations, people, methods = pools
    statuses = Experiment.Status.values
    for i in range(Experiment.objects.count(), upto):
        title = f"Expérimentation {i + 1:03d} : {rng.choice(['conseil', 'budget', 'atelier'])}"
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        experiment = Experiment.objects.create(
            title=title,
            slug=services.unique_slug(title),
            summary="Une expérimentation de démocratie participative. " * 6,
            territory=rng.choice(territories),
            status=rng.choice(statuses),
            start_date=start,
            end_date=start + timedelta(days=rng.randrange(90, 600)),
            iap2_level=rng.choice(Experiment.Iap2Level.values),
            recruitment=rng.choice(Experiment.Recruitment.values),
        )
        experiment.methods.set(rng.sample(methods, 2))
        experiment.partners.set(rng.sample(organisations, 2))
        Membership.objects.bulk_create(
            Membership(experiment=experiment, person=person, role=role)
            for person, role in zip(rng.sample(people, len(TEAM_ROLES)), TEAM_ROLES, strict=True)
        )
        services.start_protocol(staff, experiment, {"context": "Contexte initial."})


# --- Measuring -----------------------------------------------------------------------------


def measure_portfolio(client: Client, n: int) -> tuple[float, int]:
    queries, content = harness.count_queries(client, PORTFOLIO_URL)
    missing = [
        e.slug
        for e in Experiment.objects.only("slug")
        if e.get_absolute_url().encode() not in content
    ]
    if Experiment.objects.count() != n or missing:
        raise SystemExit(f"portfolio at {n}: {len(missing)} experiment(s) missing from the page")
    ms = harness.timed_median_ms(client, PORTFOLIO_URL)
    print(
        f"portfolio  {n:>3} experiments: median {ms:8.2f} ms over {REQUESTS} requests, "
        f"{queries} SQL queries, {len(content) / 1024:.0f} KiB of HTML"
    )
    return ms, queries


def main() -> int:
    began = time.perf_counter()
    rng = Random(2026)
    staff = User.objects.create_user(
        "bench-staff", "bench-staff@exemple.fr", None, first_name="Bench", is_staff=True
    )
    Person.objects.create(first_name="Bench", last_name="Staff", user=staff)
    pools = make_pools(rng)
    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)

    with override_settings(**BENCH_SETTINGS):
        baseline = harness.timed_median_ms(client, BARE_URL, BASELINE_REQUESTS)
        bare_queries, _content = harness.count_queries(client, BARE_URL)
        print(
            f"baseline   bare view:       median {baseline:8.2f} ms over {BASELINE_REQUESTS} "
            f"requests, {bare_queries} SQL queries (same client and middleware)"
        )

        add_experiments(SMALL, staff, pools, rng)
        small_ms, small_queries = measure_portfolio(client, SMALL)

        started = time.perf_counter()
        add_experiments(LARGE, staff, pools, rng)
        print(f"setup: {LARGE - SMALL} more experiments in {time.perf_counter() - started:.1f} s")
        large_ms, large_queries = measure_portfolio(client, LARGE)

    ratio = large_ms / baseline
    print(
        f"portfolio at {LARGE} is {ratio:.1f}x the bare view; "
        f"{large_ms / small_ms:.1f}x the page at {SMALL} for {LARGE // SMALL}x the experiments"
    )
    print(f"total run time {time.perf_counter() - began:.1f} s")
    failed = large_queries != small_queries
    if failed:
        print(
            f"FAIL: the query count grows with the number of experiments "
            f"({small_queries} at {SMALL}, {large_queries} at {LARGE})",
            file=sys.stderr,
        )
    print(
        f"BENCH portfolio_page value={large_ms:.2f} unit=ms baseline={baseline:.2f} "
        f"ratio={ratio:.2f} queries_small={small_queries} queries_large={large_queries} "
        f"value_small={small_ms:.2f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    harness.run(main)
