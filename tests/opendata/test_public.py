"""Public open-data files: answered without login only when published, with no cell under k
(and no hidden cell recomputable), anonymised answers without pseudonym, free text or
personal data."""

import csv
import io
import json

import pytest
from django.urls import reverse

from civiclab.opendata import services
from civiclab.opendata.models import ExportJob, OpenDataSettings
from civiclab.opendata.selectors import public_datasets
from civiclab.stats.disclosure import OTHER, recomputable
from tests.opendata.conftest import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(answered):
    experiment = answered.experiment
    experiment.is_public = True
    experiment.save(update_fields=["is_public"])
    OpenDataSettings.objects.create(
        experiment=experiment, publish_aggregates=True, publish_answers=True
    )
    return answered


def public_url(name, questionnaire, *args):
    return reverse(f"opendata:{name}", args=[questionnaire.experiment.slug, *args])


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def trust_rows(rows):
    return [r for r in rows if r["question"] == "confiance"]


def test_public_aggregates_hide_small_cells_and_their_complements(client, published):
    """Before, 2 people gave trust 1: that cell is absent (empty, secret=true), and enough
    others are hidden that it cannot be worked back from the row and column totals."""
    response = client.get(public_url("public_aggregates", published, "csv"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = trust_rows(read_csv(response.content))
    cell = next(r for r in rows if r["vague"] == "before" and r["option"] == "1")
    assert cell["effectif"] == "" and cell["part"] == "" and cell["secret"] == "true"
    published_counts = [int(r["effectif"]) for r in rows if r["effectif"]]
    assert min(c for c in published_counts if c) >= 5, "no published count under k"

    # Rebuild the table as a reader sees it, and check nothing hidden can be recomputed.
    options = ["1", "2", "3", "4"]
    waves = ["before", "after"]
    true_counts = [[2, 6], [0, 0], [8, 7], [6, 9]]
    by_key = {(r["option"], r["vague"]): r for r in rows}
    hidden_cells = tuple(tuple(by_key[(o, w)]["effectif"] == "" for w in waves) for o in options)
    hidden_totals = tuple(by_key[(o, "ensemble")]["effectif"] == "" for o in options)
    bases = tuple(by_key[("3", w)]["base"] == "" for w in waves)
    from civiclab.stats.disclosure import SuppressedTable

    seen = SuppressedTable(
        hidden_cells, hidden_totals, bases, by_key[("3", "ensemble")]["base"] == "", 0, 0
    )
    assert seen.cells[0][0]
    assert recomputable(true_counts, seen) == []
    # Simple subtraction along each line finds nothing either: two hidden or none per line.
    for o in options:
        line = [by_key[(o, w)]["effectif"] for w in [*waves, "ensemble"]]
        assert line.count("") != 1, o


def test_the_complete_aggregates_for_the_team_keep_small_cells(client, published, partner_a):
    client.force_login(partner_a)
    response = client.get(reverse("opendata:aggregates", args=[published.experiment.slug, "csv"]))
    rows = trust_rows(read_csv(response.content))
    cell = next(r for r in rows if r["vague"] == "before" and r["option"] == "1")
    assert cell["effectif"] == "2" and cell["secret"] == "false"
    assert cell["part"] == "0,125"


def test_public_json_and_dictionary(client, published):
    response = client.get(public_url("public_aggregates", published, "json"))
    document = json.loads(response.content)
    assert document["seuil_secret"] == 5
    fields = {f["champ"] for f in document["dictionnaire"]}
    assert {"question", "vague", "effectif", "part", "base", "secret"} <= fields
    cell = next(
        r
        for r in document["donnees"]
        if r["question"] == "confiance" and r["vague"] == "before" and r["option"] == "1"
    )
    assert cell["effectif"] is None and cell["secret"] is True
    assert all(
        r["effectif"] is None or r["effectif"] == 0 or r["effectif"] >= 5
        for r in document["donnees"]
    )
    dictionary = read_csv(client.get(public_url("public_dictionary", published, "csv")).content)
    described = {r["champ"]: r for r in dictionary}
    assert (
        "confiance = J'ai confiance dans le conseil de quartier" in described["question"]["valeurs"]
    )
    assert described["part"]["unite"] == "proportion (0 à 1)"


def test_public_answers_are_anonymised(client, published):
    """No pseudonym, no free text, no personal data; ages in bands; within each wave no value
    held by fewer than k people."""
    response = client.get(public_url("public_answers", published, published.form_id))
    assert response.status_code == 200
    content = body(response)
    rows = read_csv(content)
    assert len(rows) == 38
    columns = set(rows[0])
    assert "repondant" not in columns and "campagne" not in columns
    assert "commentaire" not in columns and "nom" not in columns and "courriel" not in columns
    assert HOSTILE[:12].encode() not in content
    for text in (b"Camille", b"example.org", b"R-"):
        assert text not in content
    assert {r["age"] for r in rows} <= {"", "25_34", "35_49", "50_64", "65_plus", OTHER}
    for column in columns - {"vague"}:
        for wave in ("before", "after"):
            counts = {}
            for r in rows:
                if r["vague"] == wave and r[column] != "":
                    counts[r[column]] = counts.get(r[column], 0) + 1
            assert all(n >= 5 for n in counts.values()), (column, wave, counts)
    # The small cell of the aggregates (trust 1 before, 2 people) is not in this file either.
    before_trust = [r["confiance"] for r in rows if r["vague"] == "before"]
    assert before_trust.count("1") == 0
    dictionary = read_csv(
        body(client.get(public_url("public_answers_dictionary", published, published.form_id)))
    )
    assert {r["champ"] for r in dictionary} == columns


def test_public_answers_follow_the_settings(client, published):
    """Raising k makes the older file unusable: a new one is written under the new k."""
    client.get(public_url("public_answers", published, published.form_id))
    options = OpenDataSettings.objects.get()
    services.save_settings(
        None, published.experiment, {"min_cell": 20, "excluded_questions": ["age"]}
    )
    response = client.get(public_url("public_answers", published, published.form_id))
    rows = read_csv(body(response))
    assert "age" not in rows[0]
    assert ExportJob.objects.filter(kind="public_answers").count() == 1
    assert options.min_cell == 5


@pytest.mark.parametrize(
    ("public", "aggregates", "answers"),
    [(False, True, True), (True, False, False)],
)
def test_unpublished_files_are_not_found(client, answered, public, aggregates, answers):
    experiment = answered.experiment
    experiment.is_public = public
    experiment.save(update_fields=["is_public"])
    OpenDataSettings.objects.create(
        experiment=experiment, publish_aggregates=aggregates, publish_answers=answers
    )
    for name, args in [
        ("public_aggregates", ["csv"]),
        ("public_aggregates", ["json"]),
        ("public_dictionary", ["csv"]),
        ("public_answers", [answered.form_id]),
        ("public_answers_dictionary", [answered.form_id]),
    ]:
        assert client.get(public_url(name, answered, *args)).status_code == 404, name
    assert public_datasets(experiment) == []


def test_an_experiment_without_settings_publishes_nothing(client, answered):
    experiment = answered.experiment
    experiment.is_public = True
    experiment.save(update_fields=["is_public"])
    assert client.get(public_url("public_aggregates", answered, "csv")).status_code == 404
    assert client.get(public_url("public_answers", answered, answered.form_id)).status_code == 404
    assert client.get(public_url("public_aggregates", answered, "xml")).status_code == 404


def test_public_datasets_list_what_the_public_site_may_link(published):
    found = public_datasets(published.experiment)
    kinds = sorted((d.kind, d.format) for d in found)
    assert kinds == [("aggregates", "csv"), ("aggregates", "json"), ("answers", "csv")]
    answers = next(d for d in found if d.kind == "answers")
    assert answers.url == public_url("public_answers", published, published.form_id)
    assert answers.questionnaire == published.form_id


def test_new_answers_give_a_new_public_file(client, published):
    from tests.opendata.conftest import send

    address = public_url("public_answers", published, published.form_id)
    assert len(read_csv(body(client.get(address)))) == 38
    campaign = published.campaigns.get(wave="after")
    for _ in range(3):
        send(campaign, confiance="3")
    assert len(read_csv(body(client.get(address)))) == 41
    assert ExportJob.objects.filter(kind="public_answers").count() == 1
