"""Importing XLSForms written the way Kobo and ODK users write them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from civiclab.audit.models import AuditEvent
from civiclab.surveys.models import ChoiceList, Question, Questionnaire, Section
from civiclab.surveys.services import import_xlsform
from civiclab.surveys.xlsform import is_personal_data
from tests.surveys.forms import CHOICES, kobo_form, minimal_form, survey_row, workbook_bytes

Type = Question.Type


@pytest.fixture
def imported(coordinator_a, experiment_a):
    upload = SimpleUploadedFile("evaluation.xlsx", kobo_form())
    return import_xlsform(coordinator_a, experiment_a, upload)


def test_kobo_form_imports_every_question_with_its_type(imported):
    """Each XLSForm type becomes the matching civiclab question type, in order."""
    questionnaire, report = imported
    version = questionnaire.versions.get()
    types = dict(version.questions.values_list("code", "type"))
    assert types == {
        "age": Type.INTEGER,
        "premiere_fois": Type.YES_NO,
        "nom": Type.SHORT_TEXT,
        "courriel": Type.SHORT_TEXT,
        "confiance": Type.SCALE,
        "canal": Type.MULTIPLE_CHOICE,
        "quartier": Type.SINGLE_CHOICE,
        "priorites": Type.RANKING,
        "date_reunion": Type.DATE,
        "commentaire": Type.LONG_TEXT,
        "merci": Type.NOTE,
        "majeur": Type.CALCULATE,
    }
    assert list(version.questions.values_list("code", flat=True))[:2] == ["age", "premiere_fois"]
    assert [line for line in report if line.skipped] == []


def test_settings_labels_and_languages(imported):
    """form_title and form_id come from settings; French and English labels are separated."""
    questionnaire, _report = imported
    assert questionnaire.title == "Évaluation du conseil de quartier"
    assert questionnaire.form_id == "evaluation_conseil"
    assert questionnaire.status == Questionnaire.Status.DRAFT
    age = Question.objects.get(code="age")
    assert age.label_fr == "Quel âge avez-vous ?"
    assert age.label_en == "How old are you?"
    assert age.required is True
    assert Question.objects.get(code="commentaire").hint_fr == "Facultatif"


def test_groups_become_sections_and_expressions_are_kept_as_written(imported):
    """begin_group -> Section with its relevant; relevant/constraint/calculation kept verbatim."""
    questionnaire, _report = imported
    version = questionnaire.versions.get()
    profil, avis = version.sections.all()
    assert (profil.code, profil.label_fr, profil.appearance) == (
        "profil",
        "Votre profil",
        "field-list",
    )
    assert avis.relevant == "${age} >= 18"
    assert Question.objects.get(code="confiance").section == avis
    assert Question.objects.get(code="merci").section is None
    age = Question.objects.get(code="age")
    assert age.constraint == ". >= 15 and . <= 110"
    assert age.constraint_message_fr == "L'âge doit être entre 15 et 110 ans."
    assert age.constraint_message_en == "Age must be between 15 and 110."
    assert (age.min_value, age.max_value) == (Decimal(15), Decimal(110))
    assert Question.objects.get(code="majeur").calculation == "if(${age} >= 18, 1, 0)"
    assert Question.objects.get(code="quartier").choice_filter == "commune = 'lille'"


def test_choice_lists_likert_and_max_choices(imported):
    """Lists keep order, labels and filter columns; likert is a scale; count-selected -> max."""
    questionnaire, _report = imported
    version = questionnaire.versions.get()
    assert sorted(version.choice_lists.values_list("name", flat=True)) == [
        "accord",
        "canaux",
        "oui_non",
        "priorites",
        "quartier",
    ]
    accord = ChoiceList.objects.get(name="accord")
    assert list(accord.choices.values_list("value", "label_en")) == [
        ("1", "Strongly disagree"),
        ("2", "Disagree"),
        ("3", "Agree"),
        ("4", "Strongly agree"),
    ]
    confiance = Question.objects.get(code="confiance")
    assert (confiance.choice_list, confiance.appearance) == (accord, "likert")
    assert Question.objects.get(code="canal").max_choices == 2
    wazemmes = ChoiceList.objects.get(name="quartier").choices.get(value="wazemmes")
    assert wazemmes.filters == {"commune": "lille"}


def test_import_is_audited(imported, coordinator_a, experiment_a):
    """The creation is in the experiment's journal, with its author."""
    questionnaire, _report = imported
    event = AuditEvent.objects.get(object_type="surveys.questionnaire")
    assert (event.actor, event.experiment, event.object_id) == (
        coordinator_a,
        experiment_a,
        str(questionnaire.pk),
    )


def test_personal_data_flag(imported):
    """Questions whose code names personal data (nom, courriel...) are flagged, others not."""
    flagged = set(Question.objects.filter(is_personal_data=True).values_list("code", flat=True))
    assert flagged == {"nom", "courriel"}


@pytest.mark.parametrize(
    "code,expected",
    [
        ("nom", True),
        ("prenom", True),
        ("nom_complet", True),
        ("email", True),
        ("courriel_contact", True),
        ("telephone", True),
        ("phone_2", True),
        ("adresse", True),
        ("first.name", True),
        ("nombre_enfants", False),
        ("age", False),
        ("renommee", False),
        ("quartier", False),
    ],
)
def test_personal_data_heuristic(code, expected):
    """Whole words of the code are matched, so 'nombre' is not 'nom'."""
    assert is_personal_data(code) is expected


def test_unsupported_rows_are_reported_by_row_and_the_rest_imported(coordinator_a, experiment_a):
    """A repeat (and what it holds), a geopoint and metadata are listed by row, never dropped
    silently; the supported questions are imported."""
    data = minimal_form(
        [
            ["start", "start", ""],
            ["deviceid", "deviceid", ""],
            ["text", "quartier", "Quartier"],
            ["geopoint", "position", "Où êtes-vous ?"],
            ["begin_repeat", "enfants", "Enfants"],
            ["integer", "age_enfant", "Âge"],
            ["end_repeat", "enfants", ""],
            ["integer", "age", "Âge"],
        ]
    )
    questionnaire, report = import_xlsform(coordinator_a, experiment_a, data)
    codes = list(questionnaire.versions.get().questions.values_list("code", flat=True))
    assert codes == ["quartier", "age"]
    skipped = [(line.row, line.type, line.name) for line in report if line.skipped]
    assert skipped == [
        (2, "start", "start"),
        (3, "deviceid", "deviceid"),
        (5, "geopoint", "position"),
        (6, "begin_repeat", "enfants"),
        (7, "integer", "age_enfant"),
    ]
    with override("en"):
        reasons = {line.row: str(line.reason) for line in report}
    assert reasons[5] == "Geographic points are not supported."
    assert reasons[7] == "Inside the repeat that starts on row 6, skipped."
    assert reasons[2] == "Metadata filled in by the device, skipped."


def test_plain_label_and_range(coordinator_a, experiment_a):
    """A plain `label` is French; a short range is a scale, a long one a number, both with
    bounds from the parameters."""
    data = workbook_bytes(
        {
            "survey": [
                ["type", "name", "label", "parameters"],
                ["range", "satisfaction", "Satisfaction", "start=0 end=10 step=1"],
                ["range", "budget", "Budget", "start=0 end=1000 step=10"],
            ]
        }
    )
    _questionnaire, _report = import_xlsform(coordinator_a, experiment_a, data)
    satisfaction = Question.objects.get(code="satisfaction")
    assert (satisfaction.type, satisfaction.label_fr, satisfaction.label_en) == (
        Type.SCALE,
        "Satisfaction",
        "",
    )
    assert (satisfaction.min_value, satisfaction.max_value) == (0, 10)
    budget = Question.objects.get(code="budget")
    assert (budget.type, budget.max_value, budget.step) == (Type.INTEGER, 1000, 10)


def test_nested_groups_are_flattened_with_a_warning(coordinator_a, experiment_a):
    """A group inside a group becomes a section of its own, reported, with both conditions."""
    data = workbook_bytes(
        {
            "survey": [
                ["type", "name", "label", "relevant"],
                ["integer", "age", "Âge", ""],
                ["begin_group", "exterieur", "Extérieur", "${age} > 10"],
                ["begin_group", "interieur", "Intérieur", "${age} < 90"],
                ["text", "avis", "Avis", ""],
                ["end_group", "", "", ""],
                ["end_group", "", "", ""],
            ]
        }
    )
    _questionnaire, report = import_xlsform(coordinator_a, experiment_a, data)
    interieur = Section.objects.get(code="interieur")
    assert interieur.relevant == "(${age} > 10) and (${age} < 90)"
    assert Question.objects.get(code="avis").section == interieur
    assert [(line.row, line.skipped) for line in report] == [(4, False)]


def test_form_id_is_made_unique_within_the_experiment(coordinator_a, experiment_a):
    """Importing the same form twice gives two questionnaires with distinct form ids."""
    first, _ = import_xlsform(coordinator_a, experiment_a, kobo_form())
    second, _ = import_xlsform(coordinator_a, experiment_a, kobo_form())
    assert (first.form_id, second.form_id) == ("evaluation_conseil", "evaluation_conseil-2")


def _refused(coordinator_a, experiment_a, data) -> list[str]:
    with override("en"), pytest.raises(ValidationError) as caught:
        import_xlsform(coordinator_a, experiment_a, data)
    assert not Questionnaire.objects.exists()
    assert not Question.objects.exists()
    assert not AuditEvent.objects.filter(object_type="surveys.questionnaire").exists()
    with override("en"):
        return caught.value.messages


@pytest.mark.django_db
def test_csv_renamed_xlsx_is_refused(coordinator_a, experiment_a):
    """CSV bytes in a .xlsx file: a clear message, nothing saved."""
    upload = SimpleUploadedFile("questionnaire.xlsx", b"type;name;label\ntext;nom;Nom\n")
    messages = _refused(coordinator_a, experiment_a, upload)
    assert messages == ["The file is not a readable Excel workbook (.xlsx)."]


def test_missing_survey_sheet_is_refused(coordinator_a, experiment_a):
    """A workbook without a survey sheet: a clear message, nothing saved."""
    data = workbook_bytes({"questions": [["type", "name"], ["text", "nom"]]})
    messages = _refused(coordinator_a, experiment_a, data)
    assert messages == ["The workbook has no “survey” sheet."]


def test_duplicate_name_is_refused_with_both_rows(coordinator_a, experiment_a):
    """Two questions with one name: the message names both rows, nothing saved."""
    data = minimal_form([["text", "quartier", "Quartier"], ["integer", "quartier", "Encore"]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert messages == ["Row 3: the name “quartier” is already used on row 2."]


def test_missing_choice_list_is_refused(coordinator_a, experiment_a):
    """A select_one referencing a list not on the choices sheet: row, column, list named."""
    data = minimal_form([["text", "nom", "Nom"], ["select_one frequence", "freq", "Fréquence"]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert messages == [
        "Row 3, column “type”: the choice list “frequence” is not on the “choices” sheet."
    ]


def test_name_with_a_space_is_refused(coordinator_a, experiment_a):
    """An invalid name: the row, the column and the name are in the message."""
    data = minimal_form([["text", "code postal", "Code postal"]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert len(messages) == 1
    assert messages[0].startswith("Row 2, column “name”: “code postal” is not a valid name")


def test_errors_found_by_pyxform_carry_the_row(coordinator_a, experiment_a):
    """What only pyxform detects (a calculate without calculation) is refused with its row."""
    data = minimal_form([["text", "nom", "Nom"], ["calculate", "total", ""]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert len(messages) == 1
    assert messages[0].startswith("Row 3: this is not a valid XLSForm:")


def test_several_mistakes_are_all_listed(coordinator_a, experiment_a):
    """Every row-level mistake is listed at once, so the analyst fixes the file in one go."""
    rows = [survey_row("text", "bad name", "x"), survey_row("select_one nope", "q", "x")]
    data = workbook_bytes(
        {
            "survey": [["type", "name", "label::Français (fr)"], *[r[:3] for r in rows]],
            "choices": CHOICES,
        }
    )
    messages = _refused(coordinator_a, experiment_a, data)
    assert [m.split(",")[0].split(":")[0] for m in messages] == ["Row 2", "Row 3"]


@pytest.mark.parametrize(
    "fr_header,en_header",
    [
        ("label::Français (fr)", "label::English (en)"),
        ("label::fr", "label::en"),
        ("Label::French", "LABEL::English"),
        ("label", "label::English (en)"),
    ],
)
def test_label_column_variants(coordinator_a, experiment_a, fr_header, en_header):
    """Language columns are recognised whatever their spelling; headers and sheet names are
    case-insensitive; a plain `label` is the default language (French)."""
    data = workbook_bytes(
        {
            "Survey": [["Type", "NAME", fr_header, en_header], ["text", "avis", "Avis", "Opinion"]],
            "Settings": [["form_title"], ["Avis"]],
        }
    )
    import_xlsform(coordinator_a, experiment_a, data)
    avis = Question.objects.get(code="avis")
    assert (avis.label_fr, avis.label_en) == ("Avis", "Opinion")


def test_plain_label_follows_an_english_default_language(coordinator_a, experiment_a):
    """With default_language English, the plain `label` column is the English label."""
    data = workbook_bytes(
        {
            "survey": [["type", "name", "label", "label::fr"], ["text", "avis", "Opinion", "Avis"]],
            "settings": [["default_language"], ["English (en)"]],
        }
    )
    questionnaire, _report = import_xlsform(coordinator_a, experiment_a, data)
    assert questionnaire.default_language == "en"
    avis = Question.objects.get(code="avis")
    assert (avis.label_fr, avis.label_en) == ("Avis", "Opinion")


def test_or_other_is_imported_without_it_and_reported(coordinator_a, experiment_a):
    """`select_one list or_other` imports as a single choice on the list, with a report line."""
    data = minimal_form([["select_one oui_non or_other", "choix", "Choix"]])
    _questionnaire, report = import_xlsform(coordinator_a, experiment_a, data)
    choix = Question.objects.get(code="choix")
    assert (choix.type, choix.choice_list.name) == (Type.SINGLE_CHOICE, "oui_non")
    assert [(line.row, line.skipped) for line in report if line.row == 2] == [(2, False)]


def test_ignored_columns_and_dynamic_required_are_reported(coordinator_a, experiment_a):
    """Columns civiclab does not keep and a conditional `required` are in the report."""
    data = workbook_bytes(
        {
            "survey": [
                ["type", "name", "label", "required", "label::Deutsch (de)", "$kuid"],
                ["integer", "age", "Âge", "yes", "Alter", "abc"],
                ["text", "ecole", "École", "${age} < 18", "Schule", "def"],
            ]
        }
    )
    _questionnaire, report = import_xlsform(coordinator_a, experiment_a, data)
    assert Question.objects.get(code="ecole").required is False
    with override("en"):
        lines = {(line.row, line.name, str(line.reason)) for line in report if not line.skipped}
    assert (None, "label::Deutsch (de)", "Column of the survey sheet ignored.") in lines
    assert (None, "$kuid", "Column of the survey sheet ignored.") in lines
    assert (
        3,
        "ecole",
        "A required condition that depends on other answers is imported as optional.",
    ) in lines


def test_unknown_type_is_refused_with_its_row(coordinator_a, experiment_a):
    """A type no XLSForm tool knows makes the file invalid (Kobo refuses it too): the row and
    the type are named, nothing is saved."""
    data = minimal_form([["text", "nom", "Nom"], ["teleportation", "t", "T"]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert messages == ["Row 3, column “type”: “teleportation” is not an XLSForm question type."]


def test_media_and_barcode_rows_are_reported(coordinator_a, experiment_a):
    """Photos, audio and barcodes are listed by row with their reason."""
    data = minimal_form(
        [
            ["image", "photo", "Photo"],
            ["audio", "son", "Son"],
            ["barcode", "code", "Code"],
            ["date time", "moment", "Moment"],
            ["start time", "debut", ""],
            ["text", "avis", "Avis"],
        ]
    )
    questionnaire, report = import_xlsform(coordinator_a, experiment_a, data)
    assert list(questionnaire.versions.get().questions.values_list("code", flat=True)) == ["avis"]
    assert [(line.row, line.type) for line in report if line.skipped] == [
        (2, "image"),
        (3, "audio"),
        (4, "barcode"),
        (5, "date time"),
        (6, "start time"),
    ]
    with override("en"):
        reasons = {line.row: str(line.reason) for line in report if line.skipped}
    assert reasons[6] == "Metadata filled in by the device, skipped."
    assert reasons[5] == "Dates with a time are not supported yet."


def test_a_failure_while_saving_leaves_nothing(coordinator_a, experiment_a, monkeypatch):
    """All or nothing: if saving the questions fails, the questionnaire is not kept either."""
    from civiclab.surveys import services

    def broken(version, plan):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "save_plan", broken)
    with pytest.raises(RuntimeError):
        import_xlsform(coordinator_a, experiment_a, kobo_form())
    assert not Questionnaire.objects.exists()


def test_too_long_name_is_refused(coordinator_a, experiment_a):
    """A name longer than a code may be is refused with its row, before the database sees it."""
    data = minimal_form([["text", "q" * 101, "Question"]])
    messages = _refused(coordinator_a, experiment_a, data)
    assert "Row 2, column “name”: a name has at most 100 characters." in messages
