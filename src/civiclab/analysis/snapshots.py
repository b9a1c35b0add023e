"""A columnar copy of each questionnaire's answers, kept beside the database for the analysis.

Answers are stored as one JSON document per response, which suits collection; reading a
million of them back means parsing a gigabyte of JSON (about 20 s on two cores). The
analysis therefore keeps the decoded frame as a Parquet file and, on each computation,
reads it and appends only the responses that arrived since. The copy is rebuilt from the
database whenever it could be wrong: an answer corrected or deleted (the experiment's
revision), a question whose type changed, a campaign moved to another wave, a file that does
not match the database. It is a cache: deleting the folder loses nothing.

The file name carries what the copy was built from, so that writing it is one atomic rename:
q<questionnaire>-<created>-r<revision>-t<types>-last<highest response id>.parquet"""

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import polars as pl
from django.conf import settings

from civiclab.analysis.models import AnswersRevision
from civiclab.collection.frames import answers_frame, question_types
from civiclab.collection.models import Response
from civiclab.surveys.models import Questionnaire

NAME = re.compile(r"-last(\d+)\.parquet$")


def _folder() -> Path:
    folder = Path(settings.ANALYSIS_SNAPSHOT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _prefix(questionnaire: Questionnaire, revision: int, types: dict) -> str:
    shape = hashlib.sha256(json.dumps(types, sort_keys=True).encode()).hexdigest()[:12]
    created = int(questionnaire.created_at.timestamp())
    return f"q{questionnaire.pk}-{created}-r{revision}-t{shape}"


def _revision(questionnaire: Questionnaire) -> int:
    found = AnswersRevision.objects.filter(experiment_id=questionnaire.experiment_id)
    return found.values_list("revision", flat=True).first() or 0


def current_copy(questionnaire: Questionnaire, types: dict) -> tuple[Path, int] | None:
    """The columnar copy written for the answers' current revision and question types, with
    the id of the last response it holds; None when there is none. Not checked against the
    database: `answers` does that, and so must any other reader."""
    prefix = _prefix(questionnaire, _revision(questionnaire), types)
    found = {
        int(match.group(1)): path
        for path in _folder().glob(f"{prefix}-last*.parquet")
        if (match := NAME.search(path.name))
    }
    if not found:
        return None
    last_id = max(found)
    return found[last_id], last_id


def _usable(path: Path, responses, last_id: int) -> pl.DataFrame | None:
    """The copy in `path`, if it still holds exactly the database's responses up to
    `last_id` (a database restored from a backup, say, would not match)."""
    try:
        frame = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError):
        return None
    if frame.height != responses.filter(pk__lte=last_id).count():
        return None
    return frame


def _write(folder: Path, prefix: str, frame: pl.DataFrame, stale: list[Path]) -> None:
    last_id = int(frame["response_id"].max() or 0)
    path = folder / f"{prefix}-last{last_id}.parquet"
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(handle)
    try:
        frame.write_parquet(temporary)
        os.replace(temporary, path)  # readers see the old copy or the new one, never half
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    for old in stale:
        if old != path:
            old.unlink(missing_ok=True)


def answers(questionnaire: Questionnaire) -> pl.DataFrame:
    """Every response to `questionnaire` as a frame (see collection.frames.answers_frame),
    from the columnar copy brought up to date, or from the database when there is none."""
    types = question_types(questionnaire)
    responses = Response.objects.filter(campaign__questionnaire=questionnaire)
    folder = _folder()
    prefix = _prefix(questionnaire, _revision(questionnaire), types)
    copies = list(folder.glob(f"q{questionnaire.pk}-*.parquet"))
    current = current_copy(questionnaire, types)
    frame = None
    if current:
        path, last_id = current
        frame = _usable(path, responses, last_id)
    if frame is None:
        frame, changed = answers_frame(responses, types), True
    else:
        newer = answers_frame(responses.filter(pk__gt=last_id), types)
        changed = newer.height > 0
        if changed:
            frame = pl.concat([frame, newer], rechunk=True)
    if changed and frame.height:
        _write(folder, prefix, frame, copies)
    # One contiguous frame (a Parquet file reads back in chunks): group-bys run a third faster.
    return frame.rechunk()
