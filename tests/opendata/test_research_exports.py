"""Research exports: pseudonymised answer-level data with a codebook, written in the
background, reopened in each format (csv, openpyxl, pyreadstat), without any personal data."""

import csv
import io
import os

import openpyxl
import pyreadstat
import pytest
from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.collection.models import PersonalData
from civiclab.opendata import services
from civiclab.opendata.models import ExportJob
from tests.opendata.conftest import HOSTILE

pytestmark = pytest.mark.django_db
PERSONAL = ["Camille Martin", "camille@example.org"]


def export(client, user, questionnaire, fmt: str) -> ExportJob:
    client.force_login(user)
    slug = questionnaire.experiment.slug
    response = client.post(
        reverse("opendata:exports", args=[slug]), {"questionnaire": questionnaire.pk, "format": fmt}
    )
    assert response.status_code == 302
    job = ExportJob.objects.get(questionnaire=questionnaire, format=fmt)
    assert job.status == ExportJob.Status.DONE, job.error
    return job


def fetch(client, job, name="download") -> bytes:
    url = reverse(f"opendata:{name}", args=[job.experiment.slug, job.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return b"".join(response.streaming_content)


def assert_no_personal_data(content: bytes):
    assert PersonalData.objects.exists(), "the answers did hold personal data"
    for text in PERSONAL:
        assert text.encode() not in content


def test_csv_for_excel_is_bom_semicolon_and_holds_every_question(client, answered, researcher_a):
    """UTF-8 with a BOM and `;`; pseudonym, wave, campaign, channel, date, then the questions:
    ticks 0/1 per option, ranks per option; the codebook names every column."""
    job = export(client, researcher_a, answered, "csv")
    content = fetch(client, job)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == job.rows == 38
    first = rows[0]
    for column in ["repondant", "vague", "campagne", "canal", "date_reponse", "confiance"]:
        assert column in first
    assert {r["vague"] for r in rows} == {"before", "after"}
    assert first["repondant"].startswith("R-")
    assert first["canal_affiche"] == "1" and first["canal_bouche"] == "0"
    assert first["priorites_securite"] == "1" and first["priorites_proprete"] == "2"
    assert first["priorites_mobilite"] == ""
    assert first["age"] == "31", "whole numbers are written as such"
    assert first["date_reunion"] == "2026-03-12"
    assert "nom" not in first and "courriel" not in first
    assert_no_personal_data(content)
    codebook = fetch(client, job, "codebook").decode("utf-8-sig")
    described = {r["variable"]: r for r in csv.DictReader(io.StringIO(codebook), delimiter=";")}
    assert set(described) == set(first)
    assert described["confiance"]["libelle"] == "J'ai confiance dans le conseil de quartier"
    assert "1 = Pas du tout d'accord" in described["confiance"]["codes_spss_stata"]
    assert described["canal_affiche"]["question"] == "canal"
    assert described["canal_affiche"]["option"] == "affiche"


def test_comma_csv_has_no_bom(client, answered, researcher_a):
    content = fetch(client, export(client, researcher_a, answered, "csv_comma"))
    assert not content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode()), delimiter=","))
    assert len(rows) == 38 and "confiance" in rows[0]


def test_a_hostile_answer_is_inert_in_csv_and_xlsx(client, answered, researcher_a):
    """A comment written as a formula reaches the files as text with a leading apostrophe:
    no spreadsheet runs it."""
    content = fetch(client, export(client, researcher_a, answered, "csv")).decode("utf-8-sig")
    comments = [r["commentaire"] for r in csv.DictReader(io.StringIO(content), delimiter=";")]
    assert "'" + HOSTILE in comments
    assert not any(c.startswith("=") for c in comments)

    workbook = openpyxl.load_workbook(
        io.BytesIO(fetch(client, export(client, researcher_a, answered, "xlsx")))
    )
    sheet = workbook["donnees"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"], "no formula at all"
    assert "'" + HOSTILE in [c.value for c in cells]


def test_xlsx_values_read_back_with_openpyxl(client, answered, researcher_a):
    content = fetch(client, export(client, researcher_a, answered, "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["donnees", "dictionnaire"]
    rows = list(workbook["donnees"].values)
    header, body = rows[0], rows[1:]
    assert len(body) == 38
    record = dict(zip(header, body[0], strict=True))
    assert record["confiance"] == "3" and record["age"] == 31 and record["canal_affiche"] == 1
    assert record["vague"] == "before"
    codebook = list(workbook["dictionnaire"].values)
    assert codebook[0][0] == "variable" and len(codebook) == len(header) + 1
    assert_no_personal_data(content)


@pytest.mark.parametrize(
    ("fmt", "read"), [("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)]
)
def test_spss_and_stata_files_carry_variable_and_value_labels(
    client, answered, researcher_a, tmp_path, fmt, read
):
    """pyreadstat reads back the French wording as variable labels and the choices' labels
    as value labels; lists are numeric codes (a 1-5 scale keeps its numbers)."""
    content = fetch(client, export(client, researcher_a, answered, fmt))
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(content)
    frame, meta = read(str(path), output_format="polars")
    assert frame.height == 38
    labels = meta.column_names_to_labels
    assert labels["confiance"] == "J'ai confiance dans le conseil de quartier"
    assert labels["canal_affiche"] == "Comment avez-vous connu le conseil ? — Affiche"
    assert labels["repondant"] == "Pseudonyme du répondant"
    values = meta.variable_value_labels
    assert values["confiance"] == {
        1: "Pas du tout d'accord",
        2: "Plutôt pas d'accord",
        3: "Plutôt d'accord",
        4: "Tout à fait d'accord",
    }
    assert values["quartier"] == {1: "Centre", 2: "Wazemmes"}
    assert values["vague"][1] == "Avant" and values["vague"][3] == "Après"
    assert values["canal_affiche"] == {0: "non coché", 1: "coché"}
    assert sorted(frame["confiance"].drop_nulls().unique().to_list()) == [1, 3, 4]
    assert "nom" not in frame.columns and "courriel" not in frame.columns
    assert_no_personal_data(content)


def test_a_second_request_while_one_runs_returns_it(answered, researcher_a, settings):
    """Double submission: the same job comes back, and only one exists."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    first = services.request_export(researcher_a, answered, ExportJob.Kind.RESEARCH, "sav")
    second = services.request_export(researcher_a, answered, ExportJob.Kind.RESEARCH, "sav")
    assert first.pk == second.pk and first.status == ExportJob.Status.QUEUED
    assert ExportJob.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="opendata.exportjob").count() == 1


def test_a_running_export_is_polled_until_done(client, answered, researcher_a, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = services.request_export(researcher_a, answered, ExportJob.Kind.RESEARCH, "csv")
    client.force_login(researcher_a)
    page = client.get(reverse("opendata:index", args=[answered.experiment.slug]))
    assert b'hx-trigger="every 2s"' in page.content
    row = client.get(reverse("opendata:job", args=[answered.experiment.slug, job.pk]))
    assert b'hx-trigger="every 2s"' in row.content
    services.run_export(job.pk)
    row = client.get(reverse("opendata:job", args=[answered.experiment.slug, job.pk]))
    assert b"hx-trigger" not in row.content
    assert reverse("opendata:download", args=[answered.experiment.slug, job.pk]).encode() in (
        row.content
    )


def test_a_newer_export_replaces_the_older_file(client, answered, researcher_a):
    first = export(client, researcher_a, answered, "csv")
    path = first.file.path
    client.post(
        reverse("opendata:exports", args=[answered.experiment.slug]),
        {"questionnaire": answered.pk, "format": "csv"},
    )
    assert ExportJob.objects.filter(format="csv").count() == 1
    assert not os.path.exists(path)


@pytest.mark.parametrize("fmt", ExportJob.Format.values)
def test_a_questionnaire_without_answers_exports_an_empty_table(questionnaire, fmt):
    """Headers and codebook, no rows: every format still writes and reads back."""
    job = services.request_export(None, questionnaire, ExportJob.Kind.RESEARCH, fmt)
    assert job.status == ExportJob.Status.DONE, job.error
    assert job.rows == 0
    if fmt == "sav":
        _frame, meta = pyreadstat.read_sav(job.file.path, metadataonly=True)
        assert meta.column_names_to_labels["confiance"].startswith("J'ai confiance")
    if fmt == "dta":
        _frame, meta = pyreadstat.read_dta(job.file.path, metadataonly=True)
        assert "confiance" in meta.column_names


def test_rows_past_excels_limit_continue_on_another_sheet(
    client, answered, researcher_a, monkeypatch
):
    """Excel holds 1,048,575 rows under its header; here the limit is lowered to 15."""
    from civiclab.opendata import writers

    monkeypatch.setattr(writers, "EXCEL_ROWS", 15)
    workbook = openpyxl.load_workbook(
        io.BytesIO(fetch(client, export(client, researcher_a, answered, "xlsx")))
    )
    assert workbook.sheetnames == ["donnees", "donnees_2", "donnees_3", "dictionnaire"]
    sizes = [len(list(workbook[name].values)) - 1 for name in workbook.sheetnames[:3]]
    assert sizes == [15, 15, 8]
    assert next(iter(workbook["donnees_2"].values)) == next(iter(workbook["donnees"].values))
