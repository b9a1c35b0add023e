"""Forms of the Data tab: what the experiment publishes, and an export request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.opendata import data
from civiclab.opendata.models import ExportJob, OpenDataSettings
from civiclab.opendata.shaping import TEXT_TYPES
from civiclab.surveys.models import Questionnaire


class SettingsForm(forms.ModelForm):
    excluded_questions = forms.MultipleChoiceField(
        label=_("Questions never published"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Free texts and personal data (name, e-mail…) are never published: they are not "
            "listed here."
        ),
    )

    class Meta:
        model = OpenDataSettings
        fields = ["publish_aggregates", "publish_answers", "min_cell", "excluded_questions"]

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for questionnaire in Questionnaire.objects.filter(experiment=experiment).order_by("pk"):
            for info in data.question_infos(questionnaire):
                if info.type not in TEXT_TYPES:
                    label = f"{info.code} — {info.label}"
                    choices.append((info.code, label[:120]))
        kept = {code for code, _label in choices}
        for code in self.initial.get("excluded_questions") or []:
            if code not in kept:  # a question since removed stays excluded, and visible
                choices.append((code, code))
        self.fields["excluded_questions"].choices = choices


class ExportForm(forms.Form):
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Questionnaire.objects.none(), empty_label=None
    )
    format = forms.ChoiceField(label=_("Format"), choices=ExportJob.Format.choices)

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(
            experiment=experiment
        ).order_by("pk")
