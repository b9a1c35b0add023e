"""The reference population of a territory: typed in category by category, or imported from
an INSEE-style CSV file (variable;categorie;effectif)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.analysis.models import ReferencePopulation
from civiclab.collection.pages import in_language
from civiclab.stats.representativeness import MarginsError, population_from_csv
from civiclab.surveys.bank import CHOICE_LISTS

# The bank's profile questions that census margins describe, with their choice list.
MARGIN_LISTS = {"sexe": "sexe", "tranche_age": "tranche_age", "pcs": "pcs", "diplome": "diplome"}
VARIABLE_NAMES = {
    "sexe": _("Sex"),
    "tranche_age": _("Age band"),
    "pcs": _("Socio-professional group (PCS)"),
    "diplome": _("Highest diploma"),
    "qpv": _("Resident of a priority neighbourhood (QPV)"),
}
QPV_CHOICES = [("oui", "Oui", "Yes"), ("non", "Non", "No")]
MAX_CSV_BYTES = 1_000_000

CSV_PROBLEMS = {
    "bad_header": _("the first line must name the columns variable, categorie and effectif"),
    "bad_row": _("this line has more cells than the header"),
    "empty_value": _("a cell is empty"),
    "bad_number": _("the number cannot be read"),
    "negative": _("a number of people cannot be negative"),
    "duplicate": _("this category appears twice"),
    "empty_margin": _("every category of this variable is 0"),
    "empty_file": _("the file holds no figures"),
}


class PeopleField(forms.FloatField):
    """A number of people or a percentage as the French type it: "104 500", "27,5"."""

    def prepare_value(self, value):
        # 104475.0 shows as 104475, a share such as 27.5 as 27,5.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return super().prepare_value(value)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f%]", "", value).replace(",", ".")
        return super().to_python(value)


def margin_variables() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(code, question label, [(choice value, label)]) of each variable of the margins."""
    labels = VARIABLE_NAMES
    found = []
    for code, list_name in MARGIN_LISTS.items():
        rows = [
            (row.value, in_language(row.label_fr, row.label_en)) for row in CHOICE_LISTS[list_name]
        ]
        found.append((code, labels[code], rows))
    found.append(("qpv", labels["qpv"], [(v, in_language(fr, en)) for v, fr, en in QPV_CHOICES]))
    return found


class PopulationForm(forms.ModelForm):
    csv_file = forms.FileField(
        label=_("or import a CSV file"),
        required=False,
        help_text=_(
            "One line per category: variable;categorie;effectif, as INSEE's tables give "
            "them (sexe;femme;12 345). It replaces the figures typed above."
        ),
    )

    class Meta:
        model = ReferencePopulation
        fields = ["label", "source", "year"]

    def __init__(self, *args, margins: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        margins = margins or {}
        self.groups = []
        for code, label, choices in margin_variables():
            names = []
            for value, choice_label in choices:
                name = f"m__{code}__{value}"
                self.fields[name] = PeopleField(
                    label=choice_label,
                    required=False,
                    min_value=0,
                    localize=True,
                    initial=margins.get(code, {}).get(value),
                )
                names.append(name)
            self.groups.append((label, names))

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return None
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("This file is too large for population figures."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # French Excel's encoding
        try:
            return population_from_csv(text)
        except MarginsError as problem:
            raise forms.ValidationError(
                _("Line %(line)s: %(problem)s.")
                % {"line": problem.line, "problem": CSV_PROBLEMS.get(problem.code, problem.message)}
            ) from None

    def margins(self) -> dict[str, dict[str, float]]:
        """The figures of the form: the CSV file's when one was given, else those typed."""
        if self.cleaned_data.get("csv_file"):
            return self.cleaned_data["csv_file"]
        typed: dict[str, dict[str, float]] = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("m__") and value is not None:
                _prefix, code, category = name.split("__", 2)
                typed.setdefault(code, {})[category] = value
        return {code: cats for code, cats in typed.items() if sum(cats.values()) > 0}
