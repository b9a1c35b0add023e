"""Exporting a questionnaire version as an XLSForm, and the round trip."""

import io

import openpyxl
from pyxform.xls2xform import convert

from civiclab.surveys.models import Question, QuestionnaireVersion
from civiclab.surveys.services import import_xlsform
from civiclab.surveys.xlsform import export_xlsform
from tests.surveys.forms import kobo_form, workbook_bytes

QUESTION_FIELDS = [
    "code",
    "type",
    "section__code",
    "label_fr",
    "label_en",
    "hint_fr",
    "hint_en",
    "required",
    "relevant",
    "constraint",
    "constraint_message_fr",
    "constraint_message_en",
    "appearance",
    "choice_list__name",
    "choice_filter",
    "calculation",
    "min_value",
    "max_value",
    "step",
    "max_choices",
    "is_personal_data",
]


def structure(version: QuestionnaireVersion) -> dict:
    """Everything that makes a questionnaire, without database ids."""
    return {
        "questions": list(version.questions.order_by("position").values_list(*QUESTION_FIELDS)),
        "sections": list(
            version.sections.order_by("position").values_list(
                "code", "label_fr", "label_en", "relevant", "appearance"
            )
        ),
        "choices": {
            choice_list.name: list(
                choice_list.choices.order_by("position").values_list(
                    "value", "label_fr", "label_en", "filters"
                )
            )
            for choice_list in version.choice_lists.all()
        },
    }


def test_round_trip_gives_the_same_questionnaire(coordinator_a, experiment_a, experiment_b):
    """Import, export, import again: same codes, types, labels, lists and expressions."""
    original, _ = import_xlsform(coordinator_a, experiment_a, kobo_form())
    exported = export_xlsform(original.versions.get())
    copy, report = import_xlsform(coordinator_a, experiment_b, exported)
    assert structure(copy.versions.get()) == structure(original.versions.get())
    assert (copy.title, copy.form_id) == (original.title, original.form_id)
    assert [line for line in report if line.skipped] == []


def test_round_trip_of_ranges(coordinator_a, experiment_a, experiment_b):
    """Ranges (scale or number) come back as ranges with the same bounds and step."""
    data = workbook_bytes(
        {
            "survey": [
                ["type", "name", "label", "parameters"],
                ["range", "satisfaction", "Satisfaction", "start=1 end=5 step=1"],
                ["range", "budget", "Budget", "start=0 end=1000 step=10"],
            ]
        }
    )
    original, _ = import_xlsform(coordinator_a, experiment_a, data)
    copy, _ = import_xlsform(coordinator_a, experiment_b, export_xlsform(original.versions.get()))
    assert structure(copy.versions.get()) == structure(original.versions.get())


def test_exported_file_is_a_valid_xlsform(coordinator_a, experiment_a):
    """pyxform, the reference converter, turns the export into an XForm without error."""
    questionnaire, _ = import_xlsform(coordinator_a, experiment_a, kobo_form())
    result = convert(xlsform=export_xlsform(questionnaire.versions.get()), file_type=".xlsx")
    assert "<h:title>Évaluation du conseil de quartier</h:title>" in result.xform
    assert 'nodeset="/data/avis" relevant=" /data/profil/age  &gt;= 18"' in result.xform
    assert 'constraint=". &gt;= 15 and . &lt;= 110"' in result.xform


def test_exported_sheets_and_columns(coordinator_a, experiment_a):
    """survey, choices and settings sheets, with French and English label columns."""
    questionnaire, _ = import_xlsform(coordinator_a, experiment_a, kobo_form())
    data = export_xlsform(questionnaire.versions.get())
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    header = [cell.value for cell in workbook["survey"][1]]
    assert header[:4] == ["type", "name", "label::Français (fr)", "label::English (en)"]
    rows = [[cell.value for cell in row] for row in workbook["survey"].iter_rows(min_row=2)]
    assert rows[0][:3] == ["begin_group", "profil", "Votre profil"]
    assert ["select_one accord", "confiance"] in [row[:2] for row in rows]
    settings = [[cell.value for cell in row] for row in workbook["settings"].iter_rows()]
    assert settings == [
        ["form_title", "form_id", "version", "default_language"],
        ["Évaluation du conseil de quartier", "evaluation_conseil", "1", "Français (fr)"],
    ]


def test_bounds_and_maximum_set_in_civiclab_are_exported_as_constraints(
    coordinator_a, experiment_a, experiment_b
):
    """A number with min/max and no constraint text exports a constraint that reimports them."""
    data = workbook_bytes({"survey": [["type", "name", "label"], ["integer", "age", "Âge"]]})
    original, _ = import_xlsform(coordinator_a, experiment_a, data)
    Question.objects.filter(code="age").update(min_value=15, max_value=110)
    copy, _ = import_xlsform(coordinator_a, experiment_b, export_xlsform(original.versions.get()))
    age = copy.versions.get().questions.get()
    assert (age.constraint, age.min_value, age.max_value) == (". >= 15 and . <= 110", 15, 110)


def test_flattened_nested_groups_export_each_group_once(coordinator_a, experiment_a, experiment_b):
    """Questions of an outer group that follow a nested group are written with their group,
    so the export is a valid XLSForm and re-imports to the same sections and codes."""
    data = workbook_bytes(
        {
            "survey": [
                ["type", "name", "label"],
                ["begin_group", "exterieur", "Extérieur"],
                ["text", "avant", "Avant"],
                ["begin_group", "interieur", "Intérieur"],
                ["text", "dedans", "Dedans"],
                ["end_group", "", ""],
                ["text", "apres", "Après"],
                ["end_group", "", ""],
            ]
        }
    )
    original, _ = import_xlsform(coordinator_a, experiment_a, data)
    exported = export_xlsform(original.versions.get())
    convert(xlsform=exported, file_type=".xlsx")
    copy, _ = import_xlsform(coordinator_a, experiment_b, exported)
    sections = dict(copy.versions.get().questions.values_list("code", "section__code"))
    assert sections == {"avant": "exterieur", "apres": "exterieur", "dedans": "interieur"}
