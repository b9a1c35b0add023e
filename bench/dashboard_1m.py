"""The full question dashboard of a 1,000,000-response survey, cold and warm, against Polars and
pandas group-bys over the same frame.

Run from the repository root:  .venv/bin/python bench/dashboard_1m.py  (or `make bench`).
DASHBOARD_ROWS=100000 runs a smaller survey (the BENCH line then says rows=100000).

What it does, on a throwaway SQLite database in a temporary directory:
  1. imports a 40-question XLSForm: sex, age band and priority neighbourhood (the three
     breakdowns, with the question bank's codes), 20 five-point scales, 6 yes/no, 4 multiple
     choices and 7 numbers; gives the territory a reference population (census margins of
     the three breakdowns) so that answers are weighted by raking;
  2. writes 990,000 responses straight into the table (answers drawn from a pool of
     20,000 random ones, skewed so that weighting has something to correct), and times
     `first`: building the analysis's columnar copy of the answers from the database (what
     the first computation after a large import pays once);
  3. writes the last 10,000 responses (answers that arrived since), then times cold:
     `analysis.questions.questions_data(weighted=True)` stored through
     `analysis.cache.compute`, as the background task does when new answers have made the
     cached result stale: the copy read and extended with the new answers, raking weights,
     then every question summarised overall and by each of the three breakdowns (shares
     with Wilson intervals, means with t intervals, weighted), and the result stored;
  4. warm: what a page view does, `analysis.cache.cached` (the answers' stamp checked, the
     stored result read);
  5. baseline: a bare Polars group-by over the same in-memory frame (weighted counts of
     every question overall and by each breakdown, lists exploded), and the same counts in
     a straightforward pandas version (frame converted before timing).

The last line printed is machine-readable:
  BENCH dashboard_1m value=<warm s> unit=s cold=<s> baseline=<bare polars s>
        ratio=<warm/baseline> pandas=<s> first=<s> rows=<n>
The script exits with status 1 when a target is missed (ratio <= 3, cold <= 10 s) or the
cached result does not hold every question.
"""

import io
import json
import os
import random
import sys
import time
import uuid
from datetime import timedelta

import _harness as harness
import openpyxl
import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from civiclab.accounts.models import User
from civiclab.analysis import cache, snapshots
from civiclab.analysis.models import PopulationMargin, ReferencePopulation
from civiclab.analysis.participants import wave_weights
from civiclab.analysis.questions import questions_data, questions_key
from civiclab.collection.models import Campaign, Response
from civiclab.experiments.models import Experiment, Territory
from civiclab.surveys.services import import_xlsform

ROWS = int(os.environ.get("DASHBOARD_ROWS", "1000000"))
POOL = 20_000
TARGET_RATIO, TARGET_COLD = 3.0, 10.0
BATCH = 10_000
NEW = ROWS // 100  # answers arriving after the last computation

BREAKDOWNS = {
    "sexe": (["femme", "homme"], [0.62, 0.38], [52, 48]),
    "tranche_age": (
        ["15_24", "25_34", "35_49", "50_64", "65_plus"],
        [0.08, 0.12, 0.25, 0.27, 0.28],
        [15, 15, 23, 23, 24],
    ),
    "qpv": (["oui", "non"], [0.1, 0.9], [20, 80]),
}
SCALES = [f"echelle_{i}" for i in range(1, 21)]
YES_NO = [f"oui_non_{i}" for i in range(1, 7)]
MULTIPLE = [f"multiple_{i}" for i in range(1, 5)]
NUMBERS = [f"nombre_{i}" for i in range(1, 8)]


def xlsform() -> io.BytesIO:
    survey = [["type", "name", "label"]]
    survey += [[f"select_one {code}", code, code] for code in BREAKDOWNS]
    survey += [["select_one accord", code, code] for code in SCALES]
    survey += [["select_one oui_non", code, code] for code in YES_NO]
    survey += [["select_multiple canal", code, code] for code in MULTIPLE]
    survey += [["integer", code, code] for code in NUMBERS]
    choices = [["list_name", "name", "label"]]
    for code, (values, _shares, _population) in BREAKDOWNS.items():
        choices += [[code, value, value] for value in values]
    choices += [["accord", str(i), str(i)] for i in range(1, 6)]
    choices += [["oui_non", "oui", "Oui"], ["oui_non", "non", "Non"]]
    choices += [["canal", c, c] for c in ("affiche", "reseaux", "bouche", "courrier", "mairie")]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    sheet = workbook.create_sheet("choices")
    for row in choices:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def setup() -> Campaign:
    staff = User.objects.create_user("bench-staff", "bench@exemple.fr", None, is_staff=True)
    territory = Territory.objects.create(name="Lille", insee_code="59350", level="commune")
    experiment = Experiment.objects.create(
        title="Banc d'essai", slug="banc-d-essai", territory=territory, status="running"
    )
    questionnaire, report = import_xlsform(staff, experiment, xlsform())
    if questionnaire is None or questionnaire.current_version().questions.count() != 40:
        raise SystemExit(f"the bench questionnaire was not imported: {report}")
    population = ReferencePopulation.objects.create(
        territory=territory, label="Population de test", year=2022
    )
    PopulationMargin.objects.bulk_create(
        PopulationMargin(population=population, variable=code, category=value, count=share * 1000)
        for code, (values, _sample, shares) in BREAKDOWNS.items()
        for value, share in zip(values, shares, strict=True)
    )
    return Campaign.objects.create(questionnaire=questionnaire, label="Avant", wave="before")


def random_answers(rng: random.Random) -> dict:
    answers = {
        code: rng.choices(values, weights)[0]
        for code, (values, weights, _population) in BREAKDOWNS.items()
    }
    older = answers["tranche_age"] in ("50_64", "65_plus")
    for code in SCALES:
        answers[code] = str(min(5, max(1, round(rng.gauss(3.6 if older else 2.9, 1.1)))))
    for code in YES_NO:
        answers[code] = "oui" if rng.random() < (0.6 if older else 0.4) else "non"
    for code in MULTIPLE:
        answers[code] = rng.sample(["affiche", "reseaux", "bouche", "courrier", "mairie"], 2)
    for code in NUMBERS:
        answers[code] = rng.randrange(0, 40)
    return answers


def write_responses(campaign: Campaign, first: int, count: int) -> None:
    """`count` responses through one prepared INSERT (the import's way), in one transaction."""
    rng = random.Random(20261202)
    pool = [json.dumps(random_answers(rng)) for _ in range(POOL)]
    fields = [f for f in Response._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    fixed = {
        "campaign_id": campaign.pk,
        "version_id": campaign.questionnaire.current_version().pk,
        "channel": Response.Channel.ONLINE,
        "submitted_at": now - timedelta(days=1),
        "received_at": now,
    }
    varying = {"uuid", "answers", "fingerprint"}
    constant = [
        f.get_db_prep_save(fixed.get(f.attname, f.get_default()), connection)
        for f in fields
        if f.attname not in varying
    ]
    columns = [f.column for f in fields if f.attname in varying] + [
        f.column for f in fields if f.attname not in varying
    ]
    order = [f.attname for f in fields if f.attname in varying]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        Response._meta.db_table, ", ".join(columns), ", ".join(["%s"] * len(columns))
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(first, first + count, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, first + count)):
                values = {
                    "uuid": uuid.uuid4().hex,
                    "answers": pool[i % POOL],
                    "fingerprint": f"{i:064x}",
                }
                rows.append([values[name] for name in order] + constant)
            cursor.executemany(sql, rows)


def bare_polars(frame: pl.DataFrame, questions: list[str], breakdowns: list[str]) -> float:
    """Weighted counts of every question, overall and by each breakdown: Polars alone."""
    began = time.perf_counter()
    for code in questions:
        others = [b for b in breakdowns if b != code]
        column = frame.select(code, *others, "_weight")
        if isinstance(column.schema[code], pl.List):
            column = column.explode(code)
        for by in [[], *[[b] for b in others]]:
            column.group_by([*by, code]).agg(pl.col("_weight").sum())
    return time.perf_counter() - began


def plain_pandas(frame, questions: list[str], breakdowns: list[str]) -> float:
    """The same counts, the straightforward pandas way."""
    began = time.perf_counter()
    for code in questions:
        others = [b for b in breakdowns if b != code]
        column = frame[[code, *others, "_weight"]]
        if code in MULTIPLE:
            column = column.explode(code)
        for by in [[], *[[b] for b in others]]:
            column.groupby([*by, code])["_weight"].sum()
    return time.perf_counter() - began


def main() -> int:
    began = time.perf_counter()
    campaign = setup()
    questionnaire = campaign.questionnaire
    write_responses(campaign, 0, ROWS - NEW)
    print(f"setup: {ROWS - NEW} responses x 40 questions in {time.perf_counter() - began:.1f} s")
    start = time.perf_counter()
    snapshots.answers(questionnaire)
    first = time.perf_counter() - start
    print(f"first: {first:.2f} s to build the columnar copy of the answers from the database")
    write_responses(campaign, ROWS - NEW, NEW)  # answers that arrived since: the cache is stale
    experiment_id = questionnaire.experiment_id
    key = questions_key(questionnaire.pk, "before", weighted=True)

    start = time.perf_counter()
    data = cache.compute(experiment_id, key, lambda: questions_data(questionnaire, "before", True))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    warm_data, fresh = cache.cached(experiment_id, key)
    warm = time.perf_counter() - start
    summarised = len(warm_data["questions"]) if warm_data else 0
    print(
        f"cold: {cold:.2f} s (read the copy and the {NEW} new answers, rake, summarise "
        f"{summarised} questions, store)"
    )
    print(f"warm: {warm:.3f} s (stamp checked: {fresh}; weighted: {data['weighted']})")

    frame = snapshots.answers(questionnaire)
    margins = {code: dict(zip(v, p, strict=True)) for code, (v, _s, p) in BREAKDOWNS.items()}
    weights, _results = wave_weights(frame, margins)
    frame = frame.with_columns(weights.alias("_weight"))
    questions = [*SCALES, *YES_NO, *MULTIPLE, *NUMBERS, *BREAKDOWNS]
    breakdowns = list(BREAKDOWNS)
    baseline = min(bare_polars(frame, questions, breakdowns) for _ in range(3))
    pandas_frame = frame.select(*questions, "_weight").to_pandas()
    pandas = min(plain_pandas(pandas_frame, questions, breakdowns) for _ in range(2))
    ratio = warm / baseline if baseline else 0.0
    print(f"baseline: bare Polars group-bys {baseline:.3f} s, pandas {pandas:.3f} s")
    print(f"total run time {time.perf_counter() - began:.1f} s")

    failed = ratio > TARGET_RATIO or cold > TARGET_COLD or not fresh or summarised != 40
    if failed:
        print(
            f"FAIL: targets are ratio <= {TARGET_RATIO} and cold <= {TARGET_COLD} s, "
            f"with all 40 questions cached ({summarised}, fresh={fresh})"
        )
    print(
        f"BENCH dashboard_1m value={warm:.3f} unit=s cold={cold:.2f} baseline={baseline:.3f} "
        f"ratio={ratio:.2f} pandas={pandas:.3f} first={first:.2f} rows={ROWS}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(harness.REPO))
    harness.run(main)
