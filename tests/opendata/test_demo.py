"""The demo lab's open data: its exports build without error, in every format, and its public
files hold no small cell."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from civiclab.experiments.models import Experiment
from civiclab.opendata import services
from civiclab.opendata.demo import build_demo_opendata
from civiclab.opendata.models import ExportJob

pytestmark = pytest.mark.django_db


def test_the_demo_lab_builds_its_exports(client):
    call_command("demo", "--quiet")
    build_demo_opendata()
    build_demo_opendata()  # again: nothing changes
    experiment = Experiment.objects.get(slug="conseils-de-quartier-lille")
    questionnaire = services.answered_questionnaires(experiment)[0]
    for fmt in ExportJob.Format.values:
        job = services.request_export(None, questionnaire, ExportJob.Kind.RESEARCH, fmt)
        assert job.status == ExportJob.Status.DONE, (fmt, job.error)
        assert job.rows > 100
    response = client.get(reverse("opendata:public_aggregates", args=[experiment.slug, "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    counts = [int(r["effectif"]) for r in rows if r["effectif"]]
    assert counts and all(c == 0 or c >= 5 for c in counts)
    address = reverse("opendata:public_answers", args=[experiment.slug, questionnaire.form_id])
    response = client.get(address)
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == job.rows + 1
    oignies = Experiment.objects.get(slug="participation-espace-public-oignies")
    assert services.settings_of(oignies).min_cell == 10
