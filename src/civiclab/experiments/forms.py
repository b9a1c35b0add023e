"""Forms of the experiment registry, team and protocol."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Person
from civiclab.experiments.models import Experiment, Membership, Method, Territory


class ExperimentForm(forms.ModelForm):
    class Meta:
        model = Experiment
        fields = [
            "title",
            "summary",
            "territory",
            "partners",
            "start_date",
            "end_date",
            "methods",
            "iap2_level",
            "recruitment",
            "is_public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.CheckboxSelectMultiple,
            "methods": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must come after the start date."))
        return data


class ExperimentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Experiment.Status.choices]
    )
    method = forms.ModelChoiceField(
        label=_("Method"), required=False, queryset=Method.objects.all(), empty_label=_("All")
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        required=False,
        queryset=Territory.objects.all(),
        empty_label=_("All"),
    )
    iap2_level = forms.ChoiceField(
        label=_("IAP2 level"),
        required=False,
        choices=[("", _("All")), *Experiment.Iap2Level.choices],
    )

    def filter(self, experiments):
        if not self.is_valid():
            return experiments
        data = self.cleaned_data
        if data["q"]:
            q = data["q"]
            experiments = experiments.filter(Q(title__icontains=q) | Q(summary__icontains=q))
        if data["status"]:
            experiments = experiments.filter(status=data["status"])
        if data["method"]:
            experiments = experiments.filter(methods=data["method"])
        if data["territory"]:
            experiments = experiments.filter(territory=data["territory"])
        if data["iap2_level"]:
            experiments = experiments.filter(iap2_level=data["iap2_level"])
        return experiments.distinct()


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.select_related("organisation")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput)


class HypothesisForm(forms.Form):
    hypothesis_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Hypothesis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


HypothesisFormSet = forms.formset_factory(HypothesisForm, extra=2)


class ValidationForm(forms.Form):
    validated_on = forms.DateField(
        label=_("Date of the COPIL"), widget=forms.DateInput(attrs={"type": "date"})
    )
