"""XLSForms written in the tests, the way Kobo and ODK users write them."""

import io

import openpyxl

FR = "label::Français (fr)"
EN = "label::English (en)"


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


SURVEY_HEADER = [
    "type",
    "name",
    FR,
    EN,
    "hint::Français (fr)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Français (fr)",
    "constraint_message::English (en)",
    "appearance",
    "calculation",
    "choice_filter",
]


def survey_row(type_, name, fr="", en="", **columns) -> list:
    values = {"type": type_, "name": name, FR: fr, EN: en, **columns}
    keys = {
        "hint": "hint::Français (fr)",
        "constraint_message_fr": "constraint_message::Français (fr)",
        "constraint_message_en": "constraint_message::English (en)",
    }
    values = {keys.get(k, k): v for k, v in values.items()}
    return [values.get(h) for h in SURVEY_HEADER]


CHOICES = [
    ["list_name", "name", FR, EN, "commune"],
    ["accord", "1", "Pas du tout d'accord", "Strongly disagree", None],
    ["accord", "2", "Plutôt pas d'accord", "Disagree", None],
    ["accord", "3", "Plutôt d'accord", "Agree", None],
    ["accord", "4", "Tout à fait d'accord", "Strongly agree", None],
    ["oui_non", "oui", "Oui", "Yes", None],
    ["oui_non", "non", "Non", "No", None],
    ["canaux", "affiche", "Affiche", "Poster", None],
    ["canaux", "reseaux", "Réseaux sociaux", "Social media", None],
    ["canaux", "bouche", "Bouche à oreille", "Word of mouth", None],
    ["quartier", "centre", "Centre", "Centre", "lille"],
    ["quartier", "wazemmes", "Wazemmes", "Wazemmes", "lille"],
    ["priorites", "proprete", "Propreté", "Cleanliness", None],
    ["priorites", "securite", "Sécurité", "Safety", None],
    ["priorites", "mobilite", "Mobilité", "Mobility", None],
]


def kobo_form_rows() -> list[list]:
    return [
        SURVEY_HEADER,
        survey_row(
            "begin_group", "profil", "Votre profil", "Your profile", appearance="field-list"
        ),
        survey_row(
            "integer",
            "age",
            "Quel âge avez-vous ?",
            "How old are you?",
            required="yes",
            constraint=". >= 15 and . <= 110",
            constraint_message_fr="L'âge doit être entre 15 et 110 ans.",
            constraint_message_en="Age must be between 15 and 110.",
        ),
        survey_row(
            "select_one oui_non", "premiere_fois", "Première participation ?", "First time?"
        ),
        survey_row("text", "nom", "Votre nom", "Your name"),
        survey_row("text", "courriel", "Votre courriel", "Your e-mail"),
        survey_row("end_group", "profil"),
        survey_row("begin_group", "avis", "Votre avis", "Your opinion", relevant="${age} >= 18"),
        survey_row(
            "select_one accord",
            "confiance",
            "J'ai confiance dans le conseil de quartier",
            "I trust the neighbourhood council",
            appearance="likert",
            required="yes",
        ),
        survey_row(
            "select_multiple canaux",
            "canal",
            "Comment avez-vous connu le conseil ?",
            "How did you hear about it?",
            constraint="count-selected(.) <= 2",
            constraint_message_fr="Deux réponses au plus.",
        ),
        survey_row(
            "select_one quartier",
            "quartier",
            "Votre quartier",
            "Your neighbourhood",
            choice_filter="commune = 'lille'",
        ),
        survey_row("rank priorites", "priorites", "Classez vos priorités", "Rank your priorities"),
        survey_row("date", "date_reunion", "Date de la dernière réunion", "Date of last meeting"),
        survey_row(
            "text",
            "commentaire",
            "Un commentaire ?",
            "Any comment?",
            appearance="multiline",
            hint="Facultatif",
        ),
        survey_row("end_group", "avis"),
        survey_row("note", "merci", "Merci pour votre participation !", "Thank you!"),
        survey_row("calculate", "majeur", calculation="if(${age} >= 18, 1, 0)"),
    ]


def kobo_form(**settings) -> bytes:
    form_settings = {
        "form_title": "Évaluation du conseil de quartier",
        "form_id": "evaluation_conseil",
        "version": "2026-01",
        "default_language": "Français (fr)",
        **settings,
    }
    return workbook_bytes(
        {
            "survey": kobo_form_rows(),
            "choices": CHOICES,
            "settings": [list(form_settings), list(form_settings.values())],
        }
    )


def minimal_form(rows: list[list], choices: list[list] | None = None) -> bytes:
    """A form with plain `label` columns and the given survey rows (header excluded)."""
    sheets = {"survey": [["type", "name", "label"], *rows]}
    sheets["choices"] = choices or [["list_name", "name", "label"], ["oui_non", "oui", "Oui"]]
    return workbook_bytes(sheets)
