"""Importing answers from files exported by French Excel, Kobo, LimeSurvey and Google Forms."""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from civiclab.collection import imports
from civiclab.collection.import_rules import MappingError
from civiclab.collection.models import AnswerImport, PersonalData, Response
from civiclab.experiments.models import Membership
from tests.collection.import_forms import EXCEL_ROWS, csv_bytes, plain_campaign
from tests.conftest import give_role, make_user

Status = AnswerImport.Status
IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE


@pytest.fixture
def campaign(experiment_a, lab_admin):
    return plain_campaign(experiment_a, lab_admin)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def run(campaign, actor, name: str, data: bytes, keys: dict | None = None) -> AnswerImport:
    answer_import = imports.create_import(actor, campaign, upload(name, data))
    if keys is not None:
        imports.save_mapping(actor, answer_import, keys)
    imports.confirm(actor, answer_import)
    answer_import.refresh_from_db()
    return answer_import


def mapped(answer_import) -> dict[str, str]:
    return {c.header: imports.target_key(c) for c in imports.columns_of(answer_import)}


def stored(campaign) -> list[dict]:
    return [r.answers for r in Response.objects.filter(campaign=campaign).order_by("pk")]


# --- French Excel ------------------------------------------------------------------------


def test_a_french_excel_csv_is_detected_suggested_and_imported_whole(campaign, lab_admin):
    """cp1252, ";", decimal comma, dd/mm/yyyy dates, labels as headers: every column is
    suggested from its label and every row stored through the same rules as a form."""
    answer_import = imports.create_import(
        lab_admin, campaign, upload("export.csv", csv_bytes(EXCEL_ROWS))
    )
    details = answer_import.mapping["file"]
    assert (details["encoding"], details["delimiter"], details["format"]) == ("cp1252", ";", "csv")
    assert "Windows-1252" in imports.file_description(answer_import)
    assert mapped(answer_import) == {
        "Âge": "question:age",
        "Taille en mètres": "question:taille",
        "Première participation ?": "question:premiere_fois",
        "J'ai confiance dans le conseil de quartier": "question:confiance",
        "Comment avez-vous connu le conseil ?": "question:canal",
        "Classez vos priorités": "question:priorites",
        "Date de la dernière réunion": "question:date_reunion",
        "Un commentaire ?": "question:commentaire",
        "Votre courriel": "question:courriel",
    }
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()

    assert answer_import.status == Status.DONE, answer_import.report
    assert answer_import.report["imported"] == 3
    assert (answer_import.rows_done, answer_import.rows_total) == (3, 3)
    first, second, third = Response.objects.filter(campaign=campaign).order_by("pk")
    assert first.answers == {
        "age": 34,
        "taille": 1.72,
        "premiere_fois": "oui",
        "confiance": "3",
        "canal": ["affiche", "reseaux"],
        "priorites": ["securite", "proprete"],  # a ranking keeps the order written
        "date_reunion": "2026-03-12",
        "commentaire": "Très bien, merci",
    }
    assert first.personal.data == {"courriel": "camille@example.org"}
    assert first.respondent is not None and first.personal.respondent == first.respondent
    assert second.answers["taille"] == 1.8 and second.respondent is None
    assert third.answers == {
        "age": 67,
        "premiere_fois": "oui",
        "confiance": "1",
        "commentaire": "Trop de réunions le soir",
    }
    assert {r.channel for r in (first, second, third)} == {Response.Channel.IMPORT}
    assert {r.import_batch_id for r in (first, second, third)} == {answer_import.pk}
    assert first.fingerprint and first.version.frozen


def test_the_preview_shows_stored_values_and_each_cells_problem(campaign, lab_admin):
    rows = [*EXCEL_ROWS[:2], ["2OO", "grand", "peut-être", "", "", "", "31/02/2026", "", ""]]
    answer_import = imports.create_import(lab_admin, campaign, upload("x.csv", csv_bytes(rows)))
    shown = imports.preview(answer_import)
    assert shown.codes[:2] == ["age", "taille"]
    assert shown.rows[0].values[:3] == ["34", "1,72", "oui"]
    assert shown.rows[0].errors == []
    problems = {e["column"]: e for e in shown.rows[1].errors}
    assert shown.rows[1].line == 3
    assert problems["Âge"]["value"] == "2OO" and "2OO" in problems["Âge"]["message"]
    assert set(problems) == {
        "Âge",
        "Taille en mètres",
        "Première participation ?",
        "Date de la dernière réunion",
    }


def test_one_bad_cell_refuses_the_whole_file_and_the_report_names_line_and_column(
    campaign, lab_admin
):
    rows = [*EXCEL_ROWS, ["2OO", "1,6", "Oui", "", "", "", "", "", ""]]
    answer_import = run(campaign, lab_admin, "export.csv", csv_bytes(rows))

    assert answer_import.status == Status.FAILED
    assert Response.objects.count() == 0 and PersonalData.objects.count() == 0
    report = answer_import.report
    assert report["errors_total"] == 1 and report["rows_refused"] == 1
    (error,) = report["errors"]
    assert (error["line"], error["column"], error["value"]) == (5, "Âge", "2OO")
    assert "2OO" in error["message"]
    assert report["by_column"] == {"Âge": 1}
    with imports.report_file(answer_import) as full:
        text = full.read().decode("utf-8-sig")
    assert "5;Âge;2OO;" in text
    assert not answer_import.campaign.questionnaire.current_version().frozen


def test_a_missing_required_answer_and_an_unknown_choice_are_refused(campaign, lab_admin):
    rows = [EXCEL_ROWS[0], ["", "", "Oui", "Bof", "", "", "", "", ""]]
    answer_import = run(campaign, lab_admin, "export.csv", csv_bytes(rows))
    assert answer_import.status == Status.FAILED
    columns = {e["column"] for e in answer_import.report["errors"]}
    assert columns == {"Âge", "J'ai confiance dans le conseil de quartier"}


def test_importing_the_same_file_again_stores_nothing_twice(campaign, lab_admin):
    data = csv_bytes(EXCEL_ROWS)
    first = run(campaign, lab_admin, "export.csv", data)
    again = run(campaign, lab_admin, "export (1).csv", data)
    assert first.status == again.status == Status.DONE
    assert (again.report["imported"], again.report["already"]) == (0, 3)
    assert Response.objects.count() == 3

    # A later export of the same form, with one answer more: only the new one is added.
    later = run(campaign, lab_admin, "export-2.csv", csv_bytes([*EXCEL_ROWS, EXCEL_ROWS[2]]))
    assert (later.report["imported"], later.report["already"]) == (1, 3)
    assert Response.objects.count() == 4


# --- KoboToolbox -------------------------------------------------------------------------

KOBO_HEADER = [
    "start",
    "end",
    "profil/age",
    "profil/premiere_fois",
    "confiance",
    "canal",
    "canal/affiche",
    "canal/reseaux",
    "canal/bouche",
    "date_reunion",
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
]


def kobo_rows(confiance_2="4") -> list[list]:
    return [
        KOBO_HEADER,
        ["2026-03-12T10:01:00.000+01:00", "2026-03-12T10:09:00.000+01:00", "34", "oui", "3",
         "affiche reseaux", "1", "1", "0", "2026-03-12", "101",
         "8c1e4c0e-9b0b-4ad4-8b1d-3f0e7a6f0001", "2026-03-12T09:10:02", "1"],
        ["2026-03-13T18:00:00.000+01:00", "2026-03-13T18:05:00.000+01:00", "52", "non",
         confiance_2, "", "0", "0", "0", "", "102",
         "8c1e4c0e-9b0b-4ad4-8b1d-3f0e7a6f0002", "2026-03-13T17:05:40", "2"],
    ]  # fmt: skip


def test_a_kobo_csv_with_group_paths_and_option_columns(campaign, lab_admin):
    """Kobo writes `group/code`, a column listing the options AND one column per option;
    the listing wins, the per-option columns are suggested as not imported."""
    data = csv_bytes(kobo_rows(), delimiter=",", encoding="utf-8")
    answer_import = imports.create_import(lab_admin, campaign, upload("kobo.csv", data))
    suggested = mapped(answer_import)
    assert suggested["profil/age"] == "question:age"
    assert suggested["canal"] == "question:canal"
    assert suggested["canal/affiche"] == "ignore"
    assert suggested["_uuid"] == "external_id" or suggested["_id"] == "external_id"
    assert suggested["_submission_time"] == "submitted_at"
    assert suggested["start"] == suggested["_index"] == "ignore"
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.DONE, answer_import.report
    first, second = Response.objects.order_by("pk")
    assert first.answers["canal"] == ["affiche", "reseaux"]
    assert second.answers == {"age": 52, "premiere_fois": "non", "confiance": "4"}
    assert first.submitted_at == datetime.datetime(2026, 3, 12, 9, 10, 2, tzinfo=PARIS)


def test_kobo_option_columns_alone_make_the_multiple_choice(campaign, lab_admin):
    rows = [[c for i, c in enumerate(row) if i != 5] for row in kobo_rows()]
    data = csv_bytes(rows, delimiter=",", encoding="utf-8")
    answer_import = imports.create_import(lab_admin, campaign, upload("kobo.csv", data))
    assert mapped(answer_import)["canal/reseaux"] == "option:canal/reseaux"
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.DONE, answer_import.report
    first, second = Response.objects.order_by("pk")
    assert first.answers["canal"] == ["affiche", "reseaux"]
    assert "canal" not in second.answers  # nothing ticked: no answer


def test_same_identifier_with_other_answers_is_refused_not_overwritten(campaign, lab_admin):
    data = csv_bytes(kobo_rows(), delimiter=",", encoding="utf-8")
    assert run(campaign, lab_admin, "kobo.csv", data).status == Status.DONE
    edited = csv_bytes(kobo_rows(confiance_2="1"), delimiter=",", encoding="utf-8")
    again = run(campaign, lab_admin, "kobo-edited.csv", edited)
    assert again.status == Status.FAILED
    assert [e["line"] for e in again.report["errors"]] == [3]
    assert Response.objects.filter(answers__confiance="1").count() == 0
    assert Response.objects.count() == 2


def test_an_identifier_twice_in_one_file_is_refused(campaign, lab_admin):
    rows = kobo_rows()
    rows[2][11] = rows[1][11]
    rows[2][10] = rows[1][10]
    answer_import = run(campaign, lab_admin, "k.csv", csv_bytes(rows, delimiter=","))
    assert answer_import.status == Status.FAILED
    assert answer_import.report["errors"][0]["line"] == 3
    assert Response.objects.count() == 0


# --- LimeSurvey --------------------------------------------------------------------------


def test_a_limesurvey_export_with_sub_question_columns(campaign, lab_admin):
    rows = [
        ["id", "submitdate", "lastpage", "age", "confiance",
         "canal[SQ001]", "canal[SQ002]", "canal[SQ003]", "canal[other]"],
        ["7", "2026-03-12 10:15:00", "3", "41", "2", "Y", "", "Y", "au marché"],
        ["8", "2026-03-12 11:00:00", "3", "23", "4", "", "", "", ""],
    ]  # fmt: skip
    answer_import = imports.create_import(
        lab_admin,
        campaign,
        upload("results-survey.csv", csv_bytes(rows, delimiter=",", encoding="utf-8")),
    )
    suggested = mapped(answer_import)
    assert suggested["canal[SQ001]"] == "option:canal/affiche"
    assert suggested["canal[SQ003]"] == "option:canal/bouche"
    assert suggested["canal[other]"] == suggested["lastpage"] == "ignore"
    assert suggested["id"] == "external_id" and suggested["submitdate"] == "submitted_at"
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.DONE, answer_import.report
    first, second = Response.objects.order_by("pk")
    assert first.answers == {"age": 41, "confiance": "2", "canal": ["affiche", "bouche"]}
    assert second.answers == {"age": 23, "confiance": "4"}


# --- Google Forms ------------------------------------------------------------------------


def test_a_google_forms_export_with_horodateur_and_labels(campaign, lab_admin):
    rows = [
        ["Horodateur", "Adresse e-mail", "Âge", "Comment avez-vous connu le conseil ?",
         "J'ai confiance dans le conseil de quartier"],
        ["12/03/2026 14:35:02", "a@example.org", "30", "Affiche, Bouche à oreille",
         "Plutôt d'accord"],
        ["13/03/2026 09:05:40", "b@example.org", "45", "Réseaux sociaux", "Plutôt pas d'accord"],
    ]  # fmt: skip
    data = csv_bytes(rows, delimiter=",", encoding="utf-8")
    answer_import = imports.create_import(lab_admin, campaign, upload("Avis.csv", data))
    suggested = mapped(answer_import)
    assert suggested["Horodateur"] == "submitted_at"
    assert suggested["Âge"] == "question:age"
    keys = dict(enumerate(suggested.values()))
    keys[1] = "question:courriel"  # the person matches the e-mail column by hand
    imports.save_mapping(lab_admin, answer_import, keys)
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.DONE, answer_import.report
    first, second = Response.objects.order_by("pk")
    assert first.submitted_at == datetime.datetime(2026, 3, 12, 14, 35, 2, tzinfo=PARIS)
    assert first.answers["canal"] == ["affiche", "bouche"]
    assert second.answers["confiance"] == "2"
    assert second.personal.data == {"courriel": "b@example.org"}
    assert first.respondent != second.respondent


# --- XLSX --------------------------------------------------------------------------------


def test_an_xlsx_with_typed_cells(campaign, lab_admin):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["age", "taille", "premiere_fois", "date_reunion", "commentaire", "canal"])
    sheet.append([34, 1.72, "Oui", datetime.datetime(2026, 3, 12), 12, "affiche"])
    sheet.append([51.0, 2, True, datetime.date(2026, 1, 5), "Bien", None])
    output = io.BytesIO()
    workbook.save(output)
    answer_import = run(campaign, lab_admin, "reponses.xlsx", output.getvalue())
    assert answer_import.status == Status.DONE, answer_import.report
    assert answer_import.mapping["file"]["format"] == "xlsx"
    first, second = stored(campaign)
    assert first == {
        "age": 34,
        "taille": 1.72,
        "premiere_fois": "oui",
        "date_reunion": "2026-03-12",
        "commentaire": "12",
        "canal": ["affiche"],
    }
    assert second == {
        "age": 51,
        "taille": 2.0,
        "premiere_fois": "oui",
        "date_reunion": "2026-01-05",
        "commentaire": "Bien",
    }


# --- the mapping -------------------------------------------------------------------------


def test_a_mapping_that_reads_a_question_twice_is_refused(campaign, lab_admin):
    answer_import = imports.create_import(
        lab_admin, campaign, upload("x.csv", csv_bytes(EXCEL_ROWS))
    )
    with pytest.raises(MappingError):
        imports.save_mapping(lab_admin, answer_import, {0: "question:age", 1: "question:age"})
    with pytest.raises(MappingError):
        imports.save_mapping(lab_admin, answer_import, {0: "option:age/1"})
    with pytest.raises(MappingError):
        imports.save_mapping(lab_admin, answer_import, {})
    answer_import.refresh_from_db()
    assert mapped(answer_import)["Âge"] == "question:age"  # unchanged


def test_a_file_that_is_not_a_table_is_refused_and_not_kept(campaign, lab_admin, settings):
    with pytest.raises(imports.ImportRefused):
        imports.create_import(lab_admin, campaign, upload("x.csv", b"\x00\x01\x02" * 500))
    assert AnswerImport.objects.count() == 0
    assert not any((settings.MEDIA_ROOT / "answer-imports").rglob("*.csv"))


def test_a_file_larger_than_the_limit_is_refused(campaign, lab_admin, settings):
    settings.ANSWER_IMPORT_MAX_MB = 1
    big = csv_bytes(EXCEL_ROWS[:1] + [EXCEL_ROWS[1]] * 12_000)
    assert len(big) > 1024 * 1024
    with pytest.raises(imports.ImportRefused, match="1 Mo"):
        imports.create_import(lab_admin, campaign, upload("big.csv", big))
    assert AnswerImport.objects.count() == 0


# --- the real worker ---------------------------------------------------------------------


# db_worker closes the database connection when it is done, as a worker must: the test
# cannot run inside a transaction that PostgreSQL would then lose.
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_run_the_import(campaign, lab_admin, settings):
    """The production path: confirm() queues a task row, `db_worker --batch` runs it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    answer_import = imports.create_import(
        lab_admin, campaign, upload("e.csv", csv_bytes(EXCEL_ROWS))
    )
    imports.confirm(lab_admin, answer_import)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.QUEUED
    assert answer_import.rows_total == 3  # estimated from the lines, for the progress bar
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    answer_import.refresh_from_db()
    assert answer_import.status == Status.DONE, answer_import.report
    assert Response.objects.count() == 3


# --- the pages ---------------------------------------------------------------------------


def start_url(campaign) -> str:
    slug = campaign.questionnaire.experiment.slug
    return reverse("collection:import_start", kwargs={"slug": slug, "pk": campaign.pk})


def test_the_pages_take_a_file_from_upload_to_report(client, campaign, lab_admin):
    client.force_login(lab_admin)
    page = client.get(start_url(campaign))
    assert page.status_code == 200
    data = csv_bytes([*EXCEL_ROWS, ["2OO", "", "Oui", "", "", "", "", "", ""]])
    sent = client.post(start_url(campaign), {"file": upload("export.csv", data)})
    answer_import = AnswerImport.objects.get()
    slug = campaign.questionnaire.experiment.slug
    args = [slug, campaign.pk, answer_import.pk]
    assert sent.url == reverse("collection:import_mapping", args=args)

    mapping = client.get(sent.url).content.decode()
    assert "Windows-1252" in mapping and "Âge" in mapping
    assert 'value="question:age" selected' in mapping
    keys = {f"column-{c.index}": imports.target_key(c) for c in imports.columns_of(answer_import)}
    assert client.post(sent.url, keys).url == reverse("collection:import_preview", args=args)

    preview = client.get(reverse("collection:import_preview", args=args)).content.decode()
    assert "2OO" in preview and "1,72" in preview
    confirmed = client.post(reverse("collection:import_preview", args=args))
    assert confirmed.url == reverse("collection:import_detail", args=args)

    report = client.get(confirmed.url).content.decode()
    assert "Ligne 5, colonne « Âge »" in report and "2OO" in report
    csv_report = client.get(reverse("collection:import_report_csv", args=args))
    assert csv_report.status_code == 200
    assert "Âge" in b"".join(csv_report.streaming_content).decode("utf-8-sig")
    assert Response.objects.count() == 0


# db_worker closes the database connection when it is done, as a worker must: the test
# cannot run inside a transaction that PostgreSQL would then lose.
@pytest.mark.django_db(transaction=True)
def test_the_progress_fragment_polls_until_done(client, campaign, lab_admin, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client.force_login(lab_admin)
    answer_import = imports.create_import(
        lab_admin, campaign, upload("e.csv", csv_bytes(EXCEL_ROWS))
    )
    imports.confirm(lab_admin, answer_import)
    slug = campaign.questionnaire.experiment.slug
    url = reverse("collection:import_detail", args=[slug, campaign.pk, answer_import.pk])
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert "HX-Refresh" not in waiting
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "3 réponses importées" in client.get(url).content.decode()


def test_a_file_over_the_limit_is_stopped_while_uploading(client, campaign, lab_admin, settings):
    settings.ANSWER_IMPORT_MAX_MB = 1
    client.force_login(lab_admin)
    big = csv_bytes(EXCEL_ROWS[:1] + [EXCEL_ROWS[1]] * 12_000)
    page = client.post(start_url(campaign), {"file": upload("big.csv", big)})
    assert page.status_code == 400
    assert "1 Mo" in page.content.decode()
    assert AnswerImport.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 404),
        (Membership.Role.PARTNER, 403),
        (Membership.Role.RESEARCHER, 403),
        (Membership.Role.OBSERVER, 403),
        (Membership.Role.IMPACT_ANALYST, 200),
    ],
)
def test_who_may_import(client, campaign, experiment_a, lab_admin, role, status):
    user = make_user("quelquun")
    if role:
        give_role(user, experiment_a, role)
    answer_import = imports.create_import(
        lab_admin, campaign, upload("e.csv", csv_bytes(EXCEL_ROWS))
    )
    client.force_login(user)
    slug = experiment_a.slug
    args = [slug, campaign.pk, answer_import.pk]
    assert client.get(start_url(campaign)).status_code == status
    assert client.get(reverse("collection:import_mapping", args=args)).status_code == status
    assert client.post(reverse("collection:import_preview", args=args)).status_code in (
        status,
        302,
    )
    assert client.get(reverse("collection:import_detail", args=args)).status_code == status
    if status != 200:
        answer_import.refresh_from_db()
        assert answer_import.status == Status.UPLOADED
        sent = client.post(start_url(campaign), {"file": upload("x.csv", csv_bytes(EXCEL_ROWS))})
        assert sent.status_code == status
        assert AnswerImport.objects.count() == 1


def test_an_import_of_another_campaign_is_not_found(client, campaign, lab_admin, experiment_b):
    other = plain_campaign(experiment_b, lab_admin)
    answer_import = imports.create_import(lab_admin, other, upload("e.csv", csv_bytes(EXCEL_ROWS)))
    client.force_login(lab_admin)
    slug = campaign.questionnaire.experiment.slug
    url = reverse("collection:import_detail", args=[slug, campaign.pk, answer_import.pk])
    assert client.get(url).status_code == 404
