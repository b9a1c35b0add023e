"""The qualitative pages as their users drive them, and who may not."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from civiclab.qualitative import services
from civiclab.qualitative.models import Code, Coding, Source, Verbatim
from civiclab.qualitative.refi import read_qdpx
from civiclab.qualitative.selectors import open_answers
from tests.conftest import give_role

pytestmark = pytest.mark.django_db


def url(name, experiment, *args):
    return reverse(f"qualitative:{name}", args=[experiment.slug, *args])


def pages(experiment, source, code):
    return [
        url("index", experiment),
        url("source", experiment, source.pk),
        url("codebook", experiment),
        url("passages", experiment),
        url("analysis", experiment),
        url("agreement", experiment),
        url("verbatims", experiment),
        url("codebook_export", experiment, "csv"),
        url("project_export", experiment),
    ]


def test_every_page_opens_for_the_analyst(client, analyst_a, experiment_a, interview, codes):
    services.add_codings(analyst_a, interview, [codes["cadre"]], 0, 12)
    client.force_login(analyst_a)
    for address in pages(experiment_a, interview, codes["cadre"]):
        assert client.get(address).status_code == 200, address


def test_a_transcript_has_no_suggested_themes(client, analyst_a, experiment_a, interview):
    client.force_login(analyst_a)
    assert client.get(url("themes", experiment_a, interview.pk)).status_code == 404


def test_outsiders_do_not_see_that_the_material_exists(
    client, outsider, experiment_a, interview, codes
):
    client.force_login(outsider)
    for address in pages(experiment_a, interview, codes["cadre"]):
        assert client.get(address).status_code == 404, address


def test_partners_may_not_read_transcripts(client, partner_a, experiment_a, interview, codes):
    client.force_login(partner_a)
    for address in pages(experiment_a, interview, codes["cadre"]):
        assert client.get(address).status_code == 403, address
    header = client.get(reverse("experiments:detail", args=[experiment_a.slug])).content.decode()
    assert url("index", experiment_a) not in header


def test_a_researcher_codes_but_does_not_manage_sources_or_codebook(
    client, researcher_a, experiment_a, interview, codes
):
    client.force_login(researcher_a)
    response = client.post(
        url("coding_add", experiment_a, interview.pk),
        {"start": 0, "end": 12, "text": interview.text[:12], "codes": [codes["cadre"].pk]},
    )
    assert response.status_code == 302
    assert Coding.objects.get().coder == researcher_a
    assert client.get(url("source_new", experiment_a)).status_code == 403
    assert client.post(url("code_delete", experiment_a, codes["cadre"].pk)).status_code == 403
    assert client.post(url("source_delete", experiment_a, interview.pk)).status_code == 403
    assert Code.objects.filter(pk=codes["cadre"].pk).exists()


def test_a_coder_may_not_remove_someone_elses_coding(
    client, researcher_a, analyst_a, experiment_a, interview, codes
):
    [coding] = services.add_codings(analyst_a, interview, [codes["cadre"]], 0, 12)
    client.force_login(researcher_a)
    client.post(url("coding_delete", experiment_a, coding.pk))
    assert Coding.objects.filter(pk=coding.pk).exists()


def test_a_code_of_another_experiment_cannot_be_reached(
    client, analyst_a, experiment_a, experiment_b, interview
):
    foreign = Code.objects.create(experiment=experiment_b, name="Ailleurs")
    client.force_login(analyst_a)
    assert client.get(url("code_edit", experiment_a, foreign.pk)).status_code == 404
    client.post(
        url("coding_add", experiment_a, interview.pk),
        {"start": 0, "end": 12, "codes": [foreign.pk]},
    )
    assert not Coding.objects.exists()


def test_a_transcript_holding_html_shows_as_text(client, analyst_a, experiment_a, interview):
    client.force_login(analyst_a)
    page = client.get(url("source", experiment_a, interview.pk)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_source_is_added_from_a_word_file(client, analyst_a, experiment_a):
    document = Document()
    document.add_paragraph("Enquêtrice : Bonjour.")
    document.add_paragraph("M. T. : Bonjour, je viens pour le budget participatif.")
    data = io.BytesIO()
    document.save(data)
    upload = io.BytesIO(data.getvalue())
    upload.name = "entretien.docx"
    client.force_login(analyst_a)
    response = client.post(
        url("source_new", experiment_a),
        {"kind": "interview", "title": "Entretien M. T.", "upload": upload},
    )
    source = Source.objects.get()
    assert response.url == source.get_absolute_url()
    assert source.text == (
        "Enquêtrice : Bonjour.\nM. T. : Bonjour, je viens pour le budget participatif."
    )


def test_a_broken_upload_is_refused_in_french_and_nothing_is_stored(
    client, analyst_a, experiment_a
):
    upload = io.BytesIO(b"PK\x03\x04 pas vraiment un docx")
    upload.name = "entretien.docx"
    client.force_login(analyst_a)
    response = client.post(
        url("source_new", experiment_a),
        {"kind": "interview", "title": "Entretien", "upload": upload},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "«\u00a0entretien.docx\u00a0»" in page
    assert "le fichier est endommagé" in page
    assert not Source.objects.exists()


def test_open_answers_are_coded_in_bulk_and_filtered(
    client, analyst_a, experiment_a, open_source, codes
):
    ids = list(open_answers(open_source).values_list("pk", flat=True))
    client.force_login(analyst_a)
    client.post(
        url("code_answers", experiment_a, open_source.pk),
        {"codes": [codes["ecoute"].pk], "responses": ids[1:]},
    )
    assert Coding.objects.filter(code=codes["ecoute"]).count() == 2
    page = client.get(url("source", experiment_a, open_source.pk), {"code": "none"})
    assert [a["response"].pk for a in page.context["answers"]] == ids[:1]
    page = client.get(url("source", experiment_a, open_source.pk), {"q": "élus"})
    assert [a["response"].pk for a in page.context["answers"]] == ids[2:]
    page = client.get(url("source", experiment_a, open_source.pk), {"attr": "wave|after"})
    assert page.context["answers"] == []


def test_passages_export_to_csv_and_excel_without_running_formulas(
    client, analyst_a, experiment_a, open_source, codes
):
    ids = list(open_answers(open_source).values_list("pk", flat=True))
    services.code_whole_answers(analyst_a, open_source, codes["ecoute"], ids)
    client.force_login(analyst_a)
    response = client.get(url("passages_export", experiment_a, "csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:3] == ["code", "code_path", "coder"]
    passages = [row[rows[0].index("passage")] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example") plus de bancs' in passages
    assert rows[1][rows[0].index("code_path")] == "Motivations > Être écouté"
    response = client.get(url("passages_export", experiment_a, "xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 4
    cells = [c for row in values for c in row if isinstance(c, str)]
    assert not any(c.startswith("=") for c in cells)


def test_the_refi_qda_export_is_a_zip_whose_passages_are_the_coded_text(
    client, analyst_a, experiment_a, interview, open_source, codes
):
    start = interview.text.index("rue Victor Hugo")
    services.add_codings(analyst_a, interview, [codes["cadre"]], start, start + 17)
    first = open_answers(open_source).first()
    services.add_codings(analyst_a, open_source, [codes["cadre"]], 4, 7, response_id=first.pk)
    client.force_login(analyst_a)
    response = client.get(url("project_export", experiment_a))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    root = etree.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    found = []
    for source in root.iterfind(".//q:TextSource", ns):
        path = source.get("plainTextPath").replace("internal://", "sources/")
        text = archive.read(path).decode("utf-8")
        for selection in source.iterfind("q:PlainTextSelection", ns):
            found.append(
                text[int(selection.get("startPosition")) : int(selection.get("endPosition"))]
            )
    assert sorted(found) == ["bus", "rue Victor Hugo 😀"]
    # Read back as another tool would: the same passages, with their codes and coder.
    project = read_qdpx(response.content)
    codes_by_guid = {c.guid: c.name for family in project.codes for c in family.children}
    back = {
        (source.text[s.start : s.end], codes_by_guid[s.code_guids[0]])
        for source in project.sources
        for s in source.selections
    }
    assert back == {("bus", "Cadre de vie"), ("rue Victor Hugo 😀", "Cadre de vie")}


def test_a_codebook_csv_with_a_bad_line_imports_nothing(client, analyst_a, experiment_a):
    data = "code;description;couleur\nFreins > Temps;;#FFEEAA\nFreins > Coût;;rouge\n"
    upload = io.BytesIO(data.encode("cp1252"))
    upload.name = "codes.csv"
    client.force_login(analyst_a)
    response = client.post(url("codebook_import", experiment_a), {"file": upload}, follow=True)
    assert not Code.objects.exists()
    assert "ligne 3\u00a0: la couleur" in response.content.decode()


def test_a_codebook_goes_out_and_back_in_as_qdc(
    client, analyst_a, experiment_a, experiment_b, codes
):
    client.force_login(analyst_a)
    qdc = client.get(url("codebook_export", experiment_a, "qdc")).content
    give_role(analyst_a, experiment_b, "impact_analyst")
    upload = io.BytesIO(qdc)
    upload.name = "codebook.qdc"
    client.post(url("codebook_import", experiment_b), {"file": upload})
    imported = {
        (c.name, c.parent.name if c.parent else None, c.colour)
        for c in Code.objects.filter(experiment=experiment_b)
    }
    assert imported == {
        (c.name, c.parent.name if c.parent else None, c.colour) for c in codes.values()
    }


def test_two_coders_see_their_agreement_and_disagreements(
    client, analyst_a, researcher_a, experiment_a, interview, codes
):
    services.add_codings(analyst_a, interview, [codes["cadre"]], 0, 40)
    services.add_codings(researcher_a, interview, [codes["cadre"]], 0, 30)
    services.add_codings(researcher_a, interview, [codes["ecoute"]], 30, 40)
    client.force_login(researcher_a)
    page = client.get(url("agreement", experiment_a), {"a": analyst_a.pk, "b": researcher_a.pk})
    result = page.context["result"].result
    cadre = next(c for c in result.codes if c.code == codes["cadre"].pk)
    assert (cadre.a_only, cadre.b_only, cadre.both) == (10, 0, 30)
    [disagreement, *_] = page.context["result"].disagreements
    assert disagreement["text"] == interview.text[30:40]
    assert disagreement["instead"] == ["Être écouté"]
    assert "Être écouté" in page.content.decode()


def test_a_verbatim_is_kept_and_pseudonymised_from_the_coding_screen(
    client, analyst_a, experiment_a, interview
):
    start = interview.text.index("Au début")
    end = interview.text.index(" ; les")
    client.force_login(analyst_a)
    response = client.post(
        url("verbatim_new", experiment_a, interview.pk), {"start": start, "end": end}
    )
    verbatim = Verbatim.objects.get()
    assert response.url == url("verbatim_edit", experiment_a, verbatim.pk)
    client.post(
        url("verbatim_edit", experiment_a, verbatim.pk),
        {"attribution": "Habitante, 67 ans", "replacements": "Victor Hugo = [rue]"},
    )
    verbatim.refresh_from_db()
    assert verbatim.text == "Au début, c'était pour la rue [rue] 😀"
    assert "Habitante, 67 ans" in client.get(url("verbatims", experiment_a)).content.decode()


def test_frequencies_count_codes_by_source_and_group(
    client, analyst_a, experiment_a, open_source, interview, codes
):
    ids = list(open_answers(open_source).values_list("pk", flat=True))
    services.code_whole_answers(analyst_a, open_source, codes["ecoute"], ids[:2])
    services.add_codings(analyst_a, interview, [codes["ecoute"], codes["cadre"]], 0, 20)
    client.force_login(analyst_a)
    page = client.get(url("analysis", experiment_a), {"by": "wave"})
    rows = {node.code.name: cells for node, cells in page.context["by_source"].rows}
    sources = [s.pk for s in page.context["by_source"].columns]
    assert rows["Être écouté"][sources.index(open_source.pk)] == 2
    assert rows["Être écouté"][-1] == 3
    matrix = {node.code.name: cells for node, cells in page.context["matrix"].rows}
    names = [n.code.name for n in page.context["matrix"].columns]
    assert matrix["Cadre de vie"][names.index("Être écouté")] == 1
    by_group = {node.code.name: cells for node, cells in page.context["by_group"].rows}
    assert by_group["Être écouté"] == [(2, 100)]


def test_an_answer_corrected_after_coding_is_left_out_of_the_agreement(
    client, analyst_a, researcher_a, experiment_a, open_source, codes
):
    first, second = open_answers(open_source)[:2]
    for coder in (analyst_a, researcher_a):
        services.code_whole_answers(coder, open_source, codes["ecoute"], [first.pk, second.pk])
    first.answers["commentaire"] = "Court."
    first.save(update_fields=["answers"])
    client.force_login(analyst_a)
    page = client.get(url("agreement", experiment_a), {"a": analyst_a.pk, "b": researcher_a.pk})
    assert page.status_code == 200
    assert len(page.context["result"].units) == 1
