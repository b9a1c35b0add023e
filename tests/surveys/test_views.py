"""Questionnaire pages: XLSForm import from the browser, its report, reading, export."""

import io
from html import escape

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.experiments.models import Membership
from civiclab.surveys.models import Questionnaire
from tests.conftest import give_role, make_user
from tests.surveys.forms import kobo_form, minimal_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, experiment, data: bytes, name="formulaire.xlsx"):
    url = reverse("surveys:import", args=[experiment.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=XLSX)})


def test_import_shows_the_report_then_the_questionnaire(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    rows = [
        ["text", "quartier", "Votre quartier"],
        ["geopoint", "position", "Où êtes-vous ?"],
        ["begin_repeat", "enfants", "Enfants"],
        ["integer", "age_enfant", "Âge"],
        ["end_repeat", "", ""],
    ]
    response = _upload(client, experiment_a, minimal_form(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Les points géographiques ne sont pas pris en charge." in page
    assert "position" in page and "age_enfant" in page
    questionnaire = Questionnaire.objects.get(experiment=experiment_a)
    detail = client.get(reverse("surveys:detail", args=[experiment_a.slug, questionnaire.pk]))
    assert "Votre quartier" in detail.content.decode()


def test_kobo_form_round_trips_through_the_pages(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    _upload(client, experiment_a, kobo_form())
    questionnaire = Questionnaire.objects.get(experiment=experiment_a)
    url = reverse("surveys:export", args=[experiment_a.slug, questionnaire.pk])
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {"survey", "choices", "settings"} <= set(workbook.sheetnames)
    _upload(client, experiment_a, response.content, "export.xlsx")
    first, second = Questionnaire.objects.filter(experiment=experiment_a).order_by("pk")
    codes = [
        list(q.current_version().questions.order_by("position").values_list("code", "type"))
        for q in (first, second)
    ]
    assert codes[0] == codes[1] and len(codes[0]) > 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"nom;age\nA;3\n", "n'est pas un classeur Excel lisible"),
        (minimal_form([["text", "nom du quartier", "Quartier"]]), "n'est pas un nom valide"),
        (minimal_form([["select_one absente", "q", "Q"]]), "absente"),
    ],
    ids=["csv-renamed", "name-with-space", "missing-list"],
)
def test_bad_files_are_explained_and_nothing_saved(
    client, coordinator_a, experiment_a, data, message
):
    client.force_login(coordinator_a)
    response = _upload(client, experiment_a, data)
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not Questionnaire.objects.exists()


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [
        (Membership.Role.IMPACT_ANALYST, 200, 200),
        (Membership.Role.PARTNER, 200, 403),
        (Membership.Role.OBSERVER, 403, 403),
        (None, 404, 404),
    ],
)
def test_questionnaire_permissions(client, experiment_a, role, view, edit):
    user = make_user("someone")
    if role:
        give_role(user, experiment_a, role)
    client.force_login(user)
    assert client.get(reverse("surveys:list", args=[experiment_a.slug])).status_code == view
    assert client.get(reverse("surveys:import", args=[experiment_a.slug])).status_code == edit


def test_partner_of_b_cannot_read_or_export_a_questionnaire(
    client, coordinator_a, partner_b, experiment_a
):
    client.force_login(coordinator_a)
    _upload(client, experiment_a, kobo_form())
    questionnaire = Questionnaire.objects.get()
    client.force_login(partner_b)
    for name in ("detail", "export"):
        url = reverse(f"surveys:{name}", args=[experiment_a.slug, questionnaire.pk])
        assert client.get(url).status_code == 404
