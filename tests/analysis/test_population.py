"""The territory's population is typed in or imported from an INSEE-style CSV; a broken file
says which line is wrong and changes nothing; only the framework's editors may change it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiclab.analysis.models import PopulationMargin, ReferencePopulation
from civiclab.audit.models import AuditEvent
from civiclab.experiments.models import Membership
from tests.conftest import give_role, make_user

pytestmark = pytest.mark.django_db


def url(experiment):
    return reverse("analysis:population", args=[experiment.slug])


def test_typed_figures_are_saved_and_journaled(client, experiment_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(
        url(experiment_a),
        {"label": "Lille, 15 ans ou plus", "source": "INSEE RP 2022", "year": "2022",
         "m__sexe__femme": "104 500", "m__sexe__homme": "94500", "m__qpv__oui": "27,5",
         "m__qpv__non": "72,5"},
    )  # fmt: skip
    assert response.status_code == 302
    population = ReferencePopulation.objects.get(territory=experiment_a.territory)
    margins = {(m.variable, m.category): m.count for m in population.margins.all()}
    assert margins == {
        ("sexe", "femme"): 104500,
        ("sexe", "homme"): 94500,
        ("qpv", "oui"): 27.5,
        ("qpv", "non"): 72.5,
    }
    assert AuditEvent.objects.filter(object_type="analysis.referencepopulation").exists()


def test_a_french_excel_csv_replaces_the_figures(client, experiment_a, coordinator_a):
    client.force_login(coordinator_a)
    content = "variable;catégorie;effectif\r\nsexe;femme;12 345\r\nsexe;homme;11 000\r\n"
    upload = SimpleUploadedFile("marges.csv", content.encode("cp1252"), "text/csv")
    response = client.post(
        url(experiment_a), {"label": "Lille", "source": "", "year": "", "csv_file": upload}
    )
    assert response.status_code == 302
    shares = dict(PopulationMargin.objects.values_list("category", "count"))
    assert shares["femme"] == pytest.approx(12345 / 23345)


def test_a_broken_csv_names_its_line_and_changes_nothing(client, experiment_a, coordinator_a):
    client.force_login(coordinator_a)
    content = "variable;categorie;effectif\nsexe;femme;12 345\nsexe;homme;beaucoup\n"
    upload = SimpleUploadedFile("marges.csv", content.encode(), "text/csv")
    response = client.post(url(experiment_a), {"label": "Lille", "csv_file": upload})
    assert response.status_code == 200
    assert "Ligne 3" in response.content.decode()
    assert not ReferencePopulation.objects.exists()


def test_who_may_not_change_the_population(client, experiment_a, outsider):
    client.force_login(outsider)
    assert client.get(url(experiment_a)).status_code == 404
    partner = make_user("elue")
    give_role(partner, experiment_a, Membership.Role.PARTNER)
    client.force_login(partner)
    assert client.get(url(experiment_a)).status_code == 403
    assert client.post(url(experiment_a), {"label": "x", "m__sexe__femme": "1"}).status_code == 403
    assert not ReferencePopulation.objects.exists()
