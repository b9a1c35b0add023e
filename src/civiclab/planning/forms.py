"""Forms of the planning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Person
from civiclab.planning.models import Milestone, Phase, Task
from civiclab.planning.services import DependencyCycle, check_dependency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must come after the start date."))
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "phase", "due_date", "reached_on"]
        widgets = {"due_date": DATE, "reached_on": DATE}

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = experiment.phases.all()


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "phase",
            "owner",
            "start_date",
            "due_date",
            "status",
            "depends_on",
            "description",
        ]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, experiment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.experiment = experiment
        self.fields["phase"].queryset = experiment.phases.all()
        self.fields["owner"].queryset = Person.objects.filter(
            memberships__experiment=experiment
        ).order_by("last_name", "first_name")
        self.fields["owner"].help_text = _("Someone on the experiment's team.")
        others = experiment.tasks.order_by("due_date", "title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = others

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date must come after the start date."))
        try:
            check_dependency(self.instance, data.get("depends_on"))
        except DependencyCycle as problem:
            self.add_error("depends_on", str(problem))
        return data


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Task.Status.choices)
