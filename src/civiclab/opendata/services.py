"""Open data and research exports: the settings, the aggregates, and the export files written
in the background (see docs/decisions/013-open-data-and-research-exports.md)."""

import csv
import io
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache as shared_cache
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civiclab.analysis import cache as results
from civiclab.analysis import snapshots
from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, record, site_language, snapshot
from civiclab.collection.models import Campaign
from civiclab.core.spreadsheet import safe_row
from civiclab.experiments.models import Experiment
from civiclab.opendata import aggregates, data, exports, writers
from civiclab.opendata.models import ExportJob, OpenDataSettings
from civiclab.surveys.models import Questionnaire

logger = logging.getLogger(__name__)
Status, Kind, Format = ExportJob.Status, ExportJob.Kind, ExportJob.Format
AGGREGATES = "opendata:aggregates:v1"
PENDING = "opendata-pending:%s"
PROGRESS_EVERY_S = 0.5
EXTENSIONS = {
    Format.CSV: "csv",
    Format.CSV_COMMA: "csv",
    Format.XLSX: "xlsx",
    Format.SAV: "sav",
    Format.DTA: "dta",
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
    "json": "application/json",
}
SETTINGS_FIELDS = ["publish_aggregates", "publish_answers", "min_cell", "excluded_questions"]


# --- settings ------------------------------------------------------------------------------


def settings_of(experiment: Experiment) -> OpenDataSettings:
    """The experiment's settings, or the defaults (nothing published, k = 5) if none saved."""
    found = OpenDataSettings.objects.filter(experiment=experiment).first()
    return found or OpenDataSettings(experiment=experiment)


def save_settings(actor, experiment: Experiment, values: dict) -> OpenDataSettings:
    """Change what the experiment publishes; audited. Turning publication of answers on
    queues the public files, so that they are ready when the first visitor asks."""
    with transaction.atomic():
        current = OpenDataSettings.objects.select_for_update().filter(experiment=experiment)
        current = current.first() or OpenDataSettings(experiment=experiment)
        before = snapshot(current, SETTINGS_FIELDS) if current.pk else {}
        for name in SETTINGS_FIELDS:
            if name in values:
                setattr(current, name, values[name])
        current.excluded_questions = sorted(set(current.excluded_questions or []))
        current.full_clean(exclude=["experiment"])
        current.save()
        changes = changed_fields(before, snapshot(current, SETTINGS_FIELDS))
        if changes:
            action = AuditEvent.Action.CHANGED if before else AuditEvent.Action.CREATED
            record(actor, action, current, experiment, changes)
    if current.publish_answers and experiment.is_public:
        _prepare_public_files(experiment)
    return current


def _prepare_public_files(experiment: Experiment) -> None:
    for questionnaire in answered_questionnaires(experiment):
        public_answers_job(questionnaire, start=True)


def answered_questionnaires(experiment: Experiment) -> list[Questionnaire]:
    return list(
        Questionnaire.objects.filter(experiment=experiment, campaigns__responses__isnull=False)
        .distinct()
        .order_by("pk")
    )


# --- aggregates ----------------------------------------------------------------------------


def wave_labels() -> dict[str, str]:
    labels = {code: str(label) for code, label in Campaign.Wave.choices}
    return labels | {aggregates.ALL_WAVES: _("All waves")}


def aggregates_data(experiment: Experiment) -> dict:
    """Every questionnaire's tables, complete (suppression comes when they are read)."""
    waves = [code for code, _label in Campaign.Wave.choices]
    found = []
    for questionnaire in answered_questionnaires(experiment):
        frame = snapshots.answers(questionnaire)
        tables = aggregates.questionnaire_tables(frame, data.question_infos(questionnaire), waves)
        found.append(
            {"form_id": questionnaire.form_id, "title": questionnaire.title, "tables": tables}
        )
    return {"questionnaires": found}


def refresh_aggregates(experiment_id: int) -> dict:
    """Compute and cache the aggregates for the answers as they are now (the task's body)."""
    try:
        experiment = Experiment.objects.get(pk=experiment_id)
        with site_language():
            return results.compute(experiment_id, AGGREGATES, lambda: aggregates_data(experiment))
    finally:
        shared_cache.delete(PENDING % experiment_id)


def cached_aggregates(experiment: Experiment) -> tuple[dict | None, bool]:
    """(aggregates, fresh): the last ones computed, a fresh computation queued when stale."""
    found, fresh = results.cached(experiment.pk, AGGREGATES)
    if not fresh:
        from civiclab.opendata.tasks import compute_aggregates

        if shared_cache.add(PENDING % experiment.pk, True, timeout=600):
            compute_aggregates.enqueue(experiment.pk)
        found, fresh = results.cached(experiment.pk, AGGREGATES)
    return found, fresh


def aggregate_rows(experiment: Experiment, found: dict, public: bool) -> list[dict]:
    """Flat rows of every questionnaire; with small cells hidden and the excluded questions
    left out when `public`."""
    options = settings_of(experiment)
    excluded = set(options.excluded_questions or []) if public else set()
    k = options.min_cell if public else None
    with site_language():  # public files read the same whatever the visitor's language
        labels = wave_labels()
    rows = []
    for item in found["questionnaires"]:
        tables = dict(item["tables"])
        tables["questions"] = [t for t in tables["questions"] if t["code"] not in excluded]
        rows += aggregates.rows(item["form_id"], tables, k, labels)
    return rows


AGGREGATE_COLUMNS = [name for name, *_rest in aggregates.FIELDS] + ["libelle_vague"]


def aggregates_csv(rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark and `;`, decimal commas: what French Excel opens."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\n")
    writer.writerow(AGGREGATE_COLUMNS)
    for row in rows:
        writer.writerow(safe_row([_cell(row.get(c)) for c in AGGREGATE_COLUMNS]))
    return output.getvalue().encode()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", ",")
    return value


def aggregates_json(experiment: Experiment, rows: list[dict], public: bool) -> bytes:
    document = {
        "experimentation": experiment.slug,
        "titre": experiment.title,
        "seuil_secret": settings_of(experiment).min_cell if public else None,
        "dictionnaire": aggregates_dictionary(experiment),
        "donnees": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


DICTIONARY_HEADER = ["champ", "type", "unite", "description", "valeurs"]


def aggregates_dictionary(experiment: Experiment) -> list[dict]:
    """The fields of the aggregates files: name, type, unit, description, allowed values."""
    questions = []
    for questionnaire in answered_questionnaires(experiment):
        questions += [f"{q.code} = {q.label}" for q in data.question_infos(questionnaire)]
    values = {
        "questionnaire": " | ".join(q.form_id for q in answered_questionnaires(experiment)),
        "question": " | ".join(questions),
        "mesure": " | ".join(
            [aggregates.COUNTS, aggregates.TICKS, aggregates.FIRST_RANK, aggregates.MEAN]
        ),
        "vague": " | ".join(f"{code} = {label}" for code, label in wave_labels().items()),
        "secret": "true | false",
    }
    fields = [
        {"champ": name, "type": type_, "unite": unit, "description": text, "valeurs": ""}
        for name, type_, unit, text in aggregates.FIELDS
    ]
    fields.append(
        {
            "champ": "libelle_vague",
            "type": "texte",
            "unite": "",
            "description": "Libellé de la vague.",
            "valeurs": "",
        }
    )
    for field in fields:
        field["valeurs"] = values.get(field["champ"], "")
    return fields


def dictionary_csv(fields: list[dict]) -> bytes:
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\n")
    writer.writerow(DICTIONARY_HEADER)
    for field in fields:
        writer.writerow(safe_row([field[c] for c in DICTIONARY_HEADER]))
    return output.getvalue().encode()


# --- export jobs ---------------------------------------------------------------------------


def request_export(actor, questionnaire: Questionnaire, kind: str, fmt: str) -> ExportJob:
    """Queue an export, or return the same one if it is already waiting or running."""
    fields = {"questionnaire": questionnaire, "kind": kind, "format": fmt}
    running = ExportJob.objects.filter(**fields, status__in=[Status.QUEUED, Status.RUNNING])
    found = running.first()
    if found:
        return found
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                experiment_id=questionnaire.experiment_id, requested_by=actor, **fields
            )
            if kind == Kind.RESEARCH:
                record(
                    actor,
                    AuditEvent.Action.CREATED,
                    job,
                    questionnaire.experiment,
                    {"format": [None, fmt]},
                )
    except IntegrityError:  # requested at the same moment by someone else
        return running.get()
    from civiclab.opendata.tasks import run_export

    # After the transaction: a worker (or tasks run at once) finds the job saved.
    run_export.enqueue(job.pk)
    job.refresh_from_db()
    return job


def public_answers_job(questionnaire: Questionnaire, start: bool = False) -> ExportJob | None:
    """The public answers file to serve: the latest one written under the current settings
    (a newer one is queued, when `start`, if answers changed since). None when there is none
    yet."""
    experiment = questionnaire.experiment
    latest = ExportJob.objects.filter(
        questionnaire=questionnaire,
        kind=Kind.PUBLIC_ANSWERS,
        status=Status.DONE,
        publication_key=settings_of(experiment).publication_key(),
    ).order_by("-finished_at", "-pk")
    done = latest.first()
    if start and (done is None or done.stamp != results.stamp(experiment.pk)):
        request_export(None, questionnaire, Kind.PUBLIC_ANSWERS, Format.CSV)
        # Tasks run at once (development) have written it, and removed the older one.
        done = latest.first()
    return done


def run_export(job_id: int) -> None:
    """Write one export file (the task's body)."""
    claimed = ExportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=1
    )
    if not claimed:
        return  # already run, or taken by another worker
    job = ExportJob.objects.select_related("questionnaire__experiment").get(pk=job_id)
    with site_language():
        try:
            _write(job)
        except Exception:
            logger.exception("export %s failed", job_id)
            job.status = Status.FAILED
            job.error = _("The export could not be written. Try again, or tell the lab.")
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            return
    _drop_older(job)


def _progress(job: ExportJob, low: int, high: int) -> Callable[[float], None]:
    last = [0.0]

    def report(done: float) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or done >= 1:
            last[0] = now
            value = max(1, min(99, round(low + (high - low) * done)))
            ExportJob.objects.filter(pk=job.pk).update(progress=value)

    return report


def _write(job: ExportJob) -> None:
    questionnaire = job.questionnaire
    experiment = questionnaire.experiment
    stamp = results.stamp(experiment.pk)
    options = settings_of(experiment)
    frame = data.answers(questionnaire)
    _progress(job, 0, 10)(1.0)
    if job.kind == Kind.RESEARCH:
        export = exports.research_export(questionnaire, frame)
    else:
        export = exports.public_export(questionnaire, frame, options)
    del frame
    folder = Path(default_storage.path(f"data-exports/{experiment.pk}"))
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{experiment.slug}-{questionnaire.form_id}-{job.kind}-{job.pk}"
    name = _written(
        folder,
        f"{base}.{EXTENSIONS[job.format]}",
        lambda path: exports.write(export, job.format, path, _progress(job, 10, 97)),
    )
    separator = "," if job.format == Format.CSV_COMMA else ";"
    dictionary = _written(
        folder,
        f"{base}-dictionnaire.csv",
        lambda path: writers.write_codebook(export.codebook(), path, separator),
    )
    job.file.name = f"data-exports/{experiment.pk}/{name}"
    job.codebook.name = f"data-exports/{experiment.pk}/{dictionary}"
    job.rows = export.table.height
    job.stamp = stamp
    job.publication_key = options.publication_key() if job.kind == Kind.PUBLIC_ANSWERS else ""
    job.status = Status.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "file",
            "codebook",
            "rows",
            "stamp",
            "publication_key",
            "status",
            "progress",
            "finished_at",
        ]
    )


def _written(folder: Path, name: str, write: Callable[[Path], None]) -> str:
    """Write through a temporary file renamed at the end: a download never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, folder / name)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return name


def _drop_older(job: ExportJob) -> None:
    """Only the latest file of each export is kept: older ones are deleted from the disk."""
    older = ExportJob.objects.filter(
        questionnaire_id=job.questionnaire_id,
        kind=job.kind,
        format=job.format,
        status__in=[Status.DONE, Status.FAILED],
        created_at__lt=job.created_at,
    ).exclude(pk=job.pk)
    for old in older:
        for stored in (old.file, old.codebook):
            if stored:
                stored.delete(save=False)
    older.delete()
