"""Forms of the impact framework."""

from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Person
from civiclab.impact.models import (
    GROUPING_TYPES,
    QUESTION_KINDS,
    Impact,
    Indicator,
    Kind,
    Measurement,
    current_questions,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TICKS = forms.CheckboxSelectMultiple


class ImpactForm(forms.ModelForm):
    class Meta:
        model = Impact
        fields = ["title", "hypothesis", "level", "stakeholder", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.experiment = experiment
        # A retired hypothesis stays available to the impact that still points to it.
        hypotheses = experiment.hypotheses.filter(
            Q(is_retired=False) | Q(pk=self.instance.hypothesis_id or 0)
        )
        self.fields["hypothesis"].queryset = hypotheses.order_by("position", "id")
        self.fields["hypothesis"].empty_label = _("No hypothesis yet")


def _label(question) -> str:
    text = (question.label_fr or question.label_en or "").strip()
    if len(text) > 70:
        text = text[:69] + "…"
    return f"{question.code} — {text}" if text else question.code


def _choice_label(choice) -> str:
    return choice.label_fr or choice.label_en or choice.value


class IndicatorForm(forms.ModelForm):
    """One form for every kind of indicator. The answers to count depend on the question
    chosen: the page shows them once the question is chosen (a refresh, by htmx or by the
    « show its answers » button)."""

    source = forms.ChoiceField(
        label=_("Question"),
        required=False,
        help_text=_("The questionnaire and the question whose answers are used."),
    )
    options = forms.MultipleChoiceField(
        label=_("Answers counted"),
        required=False,
        widget=TICKS,
        help_text=_("For a share: the answers whose share is measured."),
    )
    breakdowns = forms.MultipleChoiceField(
        label=_("Breakdowns"),
        required=False,
        widget=TICKS,
        help_text=_("The result is also shown for each answer of these questions."),
    )
    subgroup = forms.MultipleChoiceField(
        label=_("Only among respondents who answered"),
        required=False,
        widget=TICKS,
        help_text=_("Optional: answers of one question that define a subgroup."),
    )

    class Meta:
        model = Indicator
        fields = [
            "impact",
            "name",
            "definition",
            "unit",
            "kind",
            "numerator",
            "denominator",
            "baseline_value",
            "baseline_note",
            "target_value",
            "data_source",
            "frequency",
            "responsible",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["baseline_value", "target_value"]  # "38,5" as French people write it

    # Model errors on fields this form shows under another name.
    ERROR_FIELDS = {
        "questionnaire": "source",
        "question_code": "source",
        "subgroup_code": "subgroup",
        "subgroup_options": "subgroup",
    }

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.experiment = experiment
        self.instance.experiment = experiment
        self.fields["impact"].queryset = experiment.impacts.order_by("position", "id")
        others = experiment.indicators.order_by("position", "id")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["numerator"].queryset = others
        self.fields["denominator"].queryset = others
        self.fields["responsible"].queryset = Person.objects.filter(
            memberships__experiment=experiment
        ).order_by("last_name", "first_name")
        self.fields["responsible"].help_text = _("Someone on the experiment's team.")
        self.questionnaires = {q.pk: q for q in experiment.questionnaires.order_by("title")}
        self.questions = {pk: current_questions(q) for pk, q in self.questionnaires.items()}
        self.fields["source"].choices = self._source_choices()
        for name in ("baseline_value", "target_value"):  # 38 rather than 38,0000
            if isinstance(self.initial.get(name), Decimal):
                self.initial[name] = self.initial[name].normalize()
        if not self.is_bound and self.instance.questionnaire_id:
            code = self.instance.question_code
            self.initial.setdefault("source", f"{self.instance.questionnaire_id}:{code}")
            self.initial.setdefault("options", self.instance.options)
            self.initial.setdefault("breakdowns", self.instance.breakdowns)
            self.initial.setdefault(
                "subgroup",
                [f"{self.instance.subgroup_code}={v}" for v in self.instance.subgroup_options],
            )
        questionnaire_pk, code = self._parse_source(self._current("source"))
        questions = self.questions.get(questionnaire_pk, {})
        self.chosen_question = questions.get(code)
        self.fields["options"].choices = self._answer_choices(self.chosen_question)
        grouping = [q for q in questions.values() if q.type in GROUPING_TYPES]
        self.fields["breakdowns"].choices = [(q.code, _label(q)) for q in grouping]
        self.fields["subgroup"].choices = [
            (
                _label(q),
                [(f"{q.code}={c.value}", _choice_label(c)) for c in q.choice_list.choices.all()],
            )
            for q in grouping
            if q.choice_list is not None
        ]

    def _current(self, name: str):
        """The value the page shows for `name`: posted, given as initial, or saved."""
        if self.is_bound:
            return self[name].value()
        return self.initial.get(name, "")

    def _source_choices(self) -> list:
        choices: list = [("", "—")]
        for pk, questionnaire in self.questionnaires.items():
            group = [(f"{pk}:", _("Every answer to the questionnaire (for a count)"))]
            group += [
                (f"{pk}:{q.code}", _label(q))
                for q in self.questions[pk].values()
                if q.type != q.Type.NOTE
            ]
            choices.append((str(questionnaire), group))
        return choices

    @staticmethod
    def _parse_source(value) -> tuple[int | None, str]:
        pk, _sep, code = str(value or "").partition(":")
        return (int(pk), code) if pk.isdigit() else (None, "")

    @staticmethod
    def _answer_choices(question) -> list:
        if question is None or question.choice_list is None:
            return []
        return [(c.value, _choice_label(c)) for c in question.choice_list.choices.all()]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        instance = self.instance
        questionnaire_pk, code = self._parse_source(data.get("source"))
        subgroup = data.get("subgroup") or []
        codes = {value.partition("=")[0] for value in subgroup}
        if len(codes) > 1:
            self.add_error("subgroup", _("Tick answers of one question only."))
        if kind in QUESTION_KINDS:
            instance.questionnaire = self.questionnaires.get(questionnaire_pk)
            instance.question_code = code
            instance.subgroup_code = next(iter(codes), "")
            instance.subgroup_options = [value.partition("=")[2] for value in subgroup]
        else:
            # The fields of other kinds stay on the page; what they hold does not apply.
            instance.questionnaire, instance.question_code = None, ""
            instance.subgroup_code, instance.subgroup_options = "", []
            data["breakdowns"] = []
        if kind != Kind.SHARE:
            data["options"] = []
        if kind != Kind.RATIO:
            data["numerator"] = data["denominator"] = None
        # Not model fields of this form (their choices depend on the question): set by hand.
        instance.options = data.get("options") or []
        instance.breakdowns = data.get("breakdowns") or []
        return data

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                target = self.ERROR_FIELDS.get(field, field)
                if target != NON_FIELD_ERRORS and target not in self.fields:
                    target = NON_FIELD_ERRORS
                remapped.setdefault(target, []).extend(messages)
            errors = forms.ValidationError(remapped)
        super()._update_errors(errors)


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["value", "measured_on", "source", "note"]
        localized_fields = ["value"]
        widgets = {"measured_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class LibraryAddForm(forms.Form):
    """Where a library indicator goes in an experiment: under which impact, on which
    questionnaire."""

    impact = forms.ModelChoiceField(label=_("Impact sought"), queryset=Impact.objects.none())
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=None,
        required=False,
        help_text=_("Its question with the library's code is used."),
    )

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["impact"].queryset = experiment.impacts.order_by("position", "id")
        self.fields["questionnaire"].queryset = experiment.questionnaires.order_by("title")
