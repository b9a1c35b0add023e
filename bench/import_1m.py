"""Import of a 1,000,000-row x 40-column French Excel CSV, against plain csv + executemany.

Run from the repository root:  .venv/bin/python bench/import_1m.py  (or `make bench`).
IMPORT_ROWS=100000 runs a smaller file (the BENCH line then says rows=100000).

What it does, in one process and on a throwaway SQLite database in a temporary directory:
  1. imports a 38-question XLSForm (every answerable type: 12 scales, 6 yes/no, 4 multiple
     choices, 6 integers, 4 decimals, 4 dates, 1 ranking and 1 personal e-mail among the
     texts), with no show-if, constraint or calculation;
  2. writes the CSV as French Excel does (cp1252, ";", decimal comma, dd/mm/yyyy, labels
     as answers) with 2 metadata columns, Kobo's `_uuid` and `_submission_time`: 40
     columns; answers are drawn from a pool of 20,000 random rows, the metadata is unique;
  3. uploads it through `imports.create_import` and saves the suggested mapping (not
     timed), then times the task function itself, `tasks.run_answer_import.call(id)`:
     streaming read, conversion, the same checks as validation.check, report, UUIDs and
     fingerprints, and the one transaction that writes the 1,000,000 responses (and
     respondents with personal data for the ~10% of rows with an e-mail);
  4. times the baseline: csv.reader over the same file and `cursor.executemany` of one row
     per response, with the answers as JSON text keyed by header, into a copy of the
     responses table (same columns, same indexes, so the database does the same work),
     in one transaction, 5,000 rows per executemany.

Memory: `peak_mb` is the process's resident-set high-water mark (resource.getrusage
ru_maxrss) read right after the import, before the baseline runs; it includes Django and
the setup, so it is an upper bound for the import itself.

The last line printed is machine-readable:
  BENCH import_1m value=<s> unit=s baseline=<s> ratio=<value/baseline> peak_mb=<MB> rows=<n>
The script exits with status 1 if the import does not store every row, or misses a target
(ratio <= 3, peak <= 1024 MB).
"""

import csv
import json
import os
import random
import resource
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import _harness as harness
from django.core.files import File
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from civiclab.accounts.models import User
from civiclab.collection import imports, tasks
from civiclab.collection.models import AnswerImport, Campaign, Response
from civiclab.experiments.models import Experiment, Territory
from civiclab.surveys.models import Questionnaire
from civiclab.surveys.services import import_xlsform

ROWS = int(os.environ.get("IMPORT_ROWS", "1000000"))
POOL = 20_000
TARGET_RATIO, TARGET_MB = 3.0, 1024
sys.path.insert(0, str(harness.REPO))
from tests.surveys.forms import workbook_bytes  # noqa: E402

ACCORD = ["Pas du tout d'accord", "Plutôt pas d'accord", "Plutôt d'accord", "Tout à fait d'accord",
          "Sans avis"]  # fmt: skip
CANAUX = ["Affiche", "Réseaux sociaux", "Bouche à oreille", "Journal municipal", "Site de la ville"]
WORDS = ["réunion", "quartier", "parc", "vélo", "école", "bruit", "propreté", "marché",
         "bus", "sécurité", "jeunes", "aînés", "budget", "élus", "écoute", "rue"]  # fmt: skip


def questionnaire_rows() -> tuple[list, list]:
    survey = [["type", "name", "label"]]
    kinds = (
        [("select_one accord", f"avis_{i}", f"Avis {i} sur le conseil") for i in range(1, 13)]
        + [("select_one oui_non", f"oui_{i}", f"Avez-vous participé {i} ?") for i in range(1, 7)]
        + [("select_multiple canaux", f"canal_{i}", f"Canaux {i}") for i in range(1, 5)]
        + [("integer", f"nombre_{i}", f"Nombre {i}") for i in range(1, 7)]
        + [("decimal", f"montant_{i}", f"Montant {i} en euros") for i in range(1, 5)]
        + [("date", f"date_{i}", f"Date {i}") for i in range(1, 4)]
        + [("rank canaux", "classement", "Classez les canaux")]
        + [("text", "commentaire", "Commentaire")]
        + [("text", "courriel", "Votre courriel")]
    )
    survey += [list(kind) for kind in kinds]
    choices = [["list_name", "name", "label"]]
    choices += [["accord", str(i + 1), label] for i, label in enumerate(ACCORD)]
    choices += [["oui_non", "oui", "Oui"], ["oui_non", "non", "Non"]]
    choices += [["canaux", f"c{i + 1}", label] for i, label in enumerate(CANAUX)]
    return survey, choices


def random_cells(rng: random.Random, kinds: list[str]) -> list[str]:
    cells = []
    for kind in kinds:
        if kind == "select_one accord":
            cells.append(rng.choice(ACCORD) if rng.random() < 0.95 else "")
        elif kind == "select_one oui_non":
            cells.append(rng.choice(["Oui", "Non", "oui", "non"]))
        elif kind == "select_multiple canaux":
            cells.append("; ".join(rng.sample(CANAUX, rng.randrange(0, 3))))
        elif kind == "rank canaux":
            cells.append(", ".join(rng.sample(CANAUX, 3)))
        elif kind == "integer":
            cells.append(str(rng.randrange(0, 120)))
        elif kind == "decimal" and len(cells) % 2:  # hours a week: 0 to 40, by halves
            cells.append(f"{rng.randrange(0, 40)},{rng.choice('05')}")
        elif kind == "decimal":  # amounts in euros and cents: thousands of distinct values
            cells.append(f"{rng.randrange(0, 300)},{rng.randrange(0, 100):02d}")
        elif kind == "date":
            day = datetime(2025, 1, 1) + timedelta(days=rng.randrange(500))
            cells.append(f"{day:%d/%m/%Y}")
        elif kind == "text" and len(cells) < 37:  # the comment
            cells.append(" ".join(rng.choices(WORDS, k=rng.randrange(0, 12))).capitalize())
        else:  # the e-mail, personal data, given by one respondent in ten
            cells.append(f"personne{rng.randrange(10**6)}@exemple.fr" if rng.random() < 0.1 else "")
    return cells


def write_csv(path: Path, survey: list) -> None:
    rng = random.Random(2026)
    kinds = [row[0] for row in survey[1:]]
    pool = [random_cells(rng, kinds) for _ in range(POOL)]
    start = datetime(2026, 3, 1, 8, 0, 0)
    with open(path, "w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([row[2] for row in survey[1:]] + ["_uuid", "_submission_time"])
        for index in range(ROWS):
            moment = start + timedelta(seconds=index * 7)
            writer.writerow(
                [*pool[index % POOL], str(uuid.UUID(int=index + 1)), moment.isoformat()]
            )


def baseline(path: Path, campaign: Campaign, version_id: int) -> float:
    """csv.reader + executemany into a copy of the responses table, in one transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE tbl_name = 'collection_response' AND sql IS NOT NULL"
        )
        for name, ddl in cursor.fetchall():
            ddl = ddl.replace('"collection_response"', '"bench_response"')
            cursor.execute(ddl.replace(f'"{name}"', f'"bench_{name}"'))
    columns = ["uuid", "campaign_id", "version_id", "channel", "answers", "fingerprint",
               "place", "paper_reference", "submitted_at", "received_at"]  # fmt: skip
    sql = "INSERT INTO bench_response ({}) VALUES ({})".format(
        ", ".join(columns), ", ".join(["%s"] * len(columns))
    )
    now = str(timezone.now().replace(tzinfo=None))
    began = time.perf_counter()
    with open(path, encoding="cp1252", newline="") as source, transaction.atomic():
        reader = csv.reader(source, delimiter=";")
        header = next(reader)
        batch = []
        with connection.cursor() as cursor:
            for row in reader:
                answers = json.dumps(dict(zip(header, row, strict=True)))
                batch.append(
                    (uuid.uuid4().hex, campaign.pk, version_id, "import", answers, "", "", "",
                     now, now)
                )  # fmt: skip
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
    elapsed = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM bench_response")
        assert cursor.fetchone()[0] == ROWS
    return elapsed


def main() -> int:
    began = time.perf_counter()
    staff = User.objects.create_user("bench", "bench@exemple.fr", None, is_staff=True)
    territory = Territory.objects.create(name="Lille", insee_code="59350", level="commune")
    experiment = Experiment.objects.create(title="Bench", slug="bench", territory=territory)
    survey, choices = questionnaire_rows()
    questionnaire, _report = import_xlsform(
        staff, experiment, workbook_bytes({"survey": survey, "choices": choices})
    )
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save(update_fields=["status"])
    campaign = Campaign.objects.create(questionnaire=questionnaire, label="Vague 1")
    version = questionnaire.current_version()

    path = Path(harness.TMP_DIR) / "reponses.csv"
    write_csv(path, survey)
    size_mb = path.stat().st_size / 1024 / 1024
    print(f"setup: {ROWS:,} rows x 40 columns, {size_mb:.0f} MB of cp1252 CSV written")

    with override_settings(MEDIA_ROOT=Path(harness.TMP_DIR) / "media"):
        with open(path, "rb") as raw:
            answer_import = imports.create_import(staff, campaign, File(raw, name="reponses.csv"))
        mapped = sum(c["kind"] != "ignore" for c in answer_import.mapping["columns"])
        print(f"setup: {answer_import.mapping['file']}"[:200])
        print(f"setup: {mapped} of 40 columns matched by the suggestions")
        AnswerImport.objects.filter(pk=answer_import.pk).update(status="queued")

        started = time.perf_counter()
        if os.environ.get("PROFILE"):  # where the time goes, for whoever tunes the import
            import cProfile

            cProfile.runctx(
                "tasks.run_answer_import.call(answer_import.pk)",
                globals(),
                locals(),
                sort="tottime",
            )
        else:
            tasks.run_answer_import.call(answer_import.pk)
        value = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    answer_import.refresh_from_db()
    stored = Response.objects.filter(import_batch=answer_import).count()
    print(
        f"import:   {value:7.1f} s, status {answer_import.status}, {stored:,} responses, "
        f"peak RSS {peak_mb:.0f} MB"
    )
    if answer_import.status != "done" or stored != ROWS:
        print(f"FAIL: the import stored {stored} of {ROWS} rows: {answer_import.report}")
        return 1
    reference = baseline(path, campaign, version.pk)
    print(f"baseline: {reference:7.1f} s (csv.reader + executemany, same table shape)")
    ratio = value / reference
    print(f"total run time {time.perf_counter() - began:.0f} s")
    failed = ratio > TARGET_RATIO or peak_mb > TARGET_MB
    if failed:
        print(f"FAIL: targets are ratio <= {TARGET_RATIO} and peak <= {TARGET_MB} MB")
    print(
        f"BENCH import_1m value={value:.2f} unit=s baseline={reference:.2f} "
        f"ratio={ratio:.2f} peak_mb={peak_mb:.0f} rows={ROWS}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    harness.run(main)
