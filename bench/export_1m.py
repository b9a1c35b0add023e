"""The research export of a 1,000,000-response survey to CSV, XLSX and SPSS, against Polars
`write_csv` of the same table, with the peak memory of the whole run.

Run from the repository root:  .venv/bin/python bench/export_1m.py  (or `make bench`).
EXPORT_ROWS=100000 runs a smaller survey (the figures then say so).

What it does, on a throwaway SQLite database in a temporary directory:
  1. builds the 40-question survey of dashboard_1m.py (3 profile questions, 20 five-point
     scales, 6 yes/no, 4 multiple choices of 5 options, 7 numbers) and writes its
     responses straight into the table, the same way;
  2. first: the analysis's columnar copy of the answers (decision 011) built from the
     database, in a child process, as the analysis's own task does once and keeps (its
     time and peak memory are printed, not counted in peak_mb); read:
     `opendata.data.answers`, what an export task reads first (that copy, with each
     response's pseudonym and date from the database); the bench's responses have no
     respondent, so pseudonyms are then made up in memory, one per response, so that the
     files carry a text column as real ones do;
  3. value: the CSV export through the real code, `opendata.exports.research_export_of`
     (one column per answer: 61 columns, ticks and ranks spread out, formula-safe text)
     then `opendata.exports.write` in the French Excel format (UTF-8 with a byte-order
     mark, `;`, decimal commas, written in slices for the progress bar), best of 2;
  4. baseline: Polars `write_csv` of the same table (the export's, already built), best of 2;
  5. xlsx: `exports.write` to XLSX (openpyxl write-only), once; sav: to SPSS (pyreadstat),
     once, reopened with pyreadstat to check its labels;
  6. peak_mb: the largest resident memory (RSS) of the benchmark's process over the whole
     run: writing the responses, reading them back, and every export.

The last line printed is machine-readable:
  BENCH export_1m value=<csv s> unit=s baseline=<polars s> ratio=<value/baseline>
        xlsx=<s> sav=<s> peak_mb=<MB>
The script exits with status 1 when a target is missed (ratio <= 2, peak <= 1024 MB) or a
file does not read back.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import _harness as harness
import polars as pl
import pyreadstat

from civiclab.opendata import data, exports

ROWS = int(os.environ.get("EXPORT_ROWS", "1000000"))
TARGET_RATIO, TARGET_PEAK_MB = 2.0, 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def first_build(questionnaire_id: int) -> None:
    """Build the analysis's columnar copy of the answers in a child process (same database,
    same data folder: the harness put them in the environment)."""
    code = (
        "import django; django.setup()\n"
        "from civiclab.analysis import snapshots\n"
        "from civiclab.surveys.models import Questionnaire\n"
        f"snapshots.answers(Questionnaire.objects.get(pk={questionnaire_id}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(harness.REPO / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> int:
    from dashboard_1m import setup, write_responses  # the same survey, written the same way

    began = time.perf_counter()
    campaign = setup()
    questionnaire = campaign.questionnaire
    write_responses(campaign, 0, ROWS)
    print(f"setup: {ROWS} responses x 40 questions in {time.perf_counter() - began:.1f} s")

    # The analysis builds its columnar copy of the answers (decision 011) once, in its own
    # task, and keeps it; its first build from the database is measured apart, in a child
    # process, so that peak_mb is the export's own.
    start = time.perf_counter()
    first_build(questionnaire.pk)
    first = time.perf_counter() - start
    first_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"first: {first:.1f} s, {first_peak:.0f} MB peak (the analysis's copy, built once)")
    start = time.perf_counter()
    frame = data.answers(questionnaire)
    read = time.perf_counter() - start
    frame = frame.with_columns(
        (pl.lit("R-") + pl.int_range(pl.len()).cast(pl.String).str.zfill(8)).alias("respondent")
    )
    questions = data.question_infos(questionnaire)
    campaigns = data.campaign_labels(questionnaire)
    print(f"read: {read:.2f} s (the columnar copy, each response's pseudonym and date)")
    print(f"memory after reading: {peak_mb():.0f} MB peak")

    folder = Path(harness.TMP_DIR)
    exported = {"frame": frame}
    del frame

    def csv_export():
        exported.pop("export", None)  # one table at a time, as in the task
        export = exports.research_export_of(
            exported["frame"], questions, campaigns, questionnaire.title
        )
        exports.write(export, "csv", folder / "export.csv")
        exported["export"] = export

    value = best_of(2, csv_export)
    export = exported["export"]
    del exported["frame"]  # what the task keeps from here on is the export's table
    table = export.table
    print(f"value: {value:.2f} s, CSV export of {table.height} rows x {table.width} columns")
    baseline = best_of(2, lambda: table.write_csv(folder / "polars.csv"))
    print(f"baseline: {baseline:.2f} s, Polars write_csv of the same table")
    size = (folder / "export.csv").stat().st_size
    with open(folder / "export.csv", "rb") as handle:
        lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    print(f"csv: {size / 1e6:.0f} MB, {lines - 1} data lines; peak so far {peak_mb():.0f} MB")

    start = time.perf_counter()
    exports.write(export, "sav", folder / "export.sav")
    sav = time.perf_counter() - start
    _frame, meta = pyreadstat.read_sav(str(folder / "export.sav"), metadataonly=True)
    labelled = len(meta.variable_value_labels)
    print(f"sav: {sav:.2f} s, {meta.number_rows} rows, {labelled} variables with value labels")

    start = time.perf_counter()
    exports.write(export, "xlsx", folder / "export.xlsx")
    xlsx = time.perf_counter() - start
    print(f"xlsx: {xlsx:.1f} s ({(folder / 'export.xlsx').stat().st_size / 1e6:.0f} MB)")

    peak = peak_mb()
    ratio = value / baseline if baseline else 0.0
    print(f"total run time {time.perf_counter() - began:.1f} s")
    readable = lines - 1 == ROWS and meta.number_rows == ROWS and labelled > 0
    failed = ratio > TARGET_RATIO or peak > TARGET_PEAK_MB or not readable
    if failed:
        print(
            f"FAIL: targets are ratio <= {TARGET_RATIO} and peak <= {TARGET_PEAK_MB} MB, "
            f"with every row in the CSV and the SPSS file ({lines - 1}, {meta.number_rows})"
        )
    print(
        f"BENCH export_1m value={value:.2f} unit=s baseline={baseline:.2f} ratio={ratio:.2f} "
        f"xlsx={xlsx:.1f} sav={sav:.2f} peak_mb={peak:.0f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(harness.REPO))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    harness.run(main)
