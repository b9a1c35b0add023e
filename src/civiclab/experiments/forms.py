"""Forms of the experiment registry, team and protocol."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation, Person
from civiclab.experiments.models import (
    BY_TAXONOMY,
    EXPERIMENT_EDITABLE_FIELDS,
    Experiment,
    Membership,
    Method,
    Territory,
)

# Shapes of official codes: commune (INSEE, Corsica 2A/2B), EPCI (SIREN), department, region.
INSEE_CODE_SHAPES = {
    Territory.Level.COMMUNE: (
        r"^(\d{5}|2[AB]\d{3})$",
        _("a commune's INSEE code has 5 characters"),
    ),
    Territory.Level.EPCI: (r"^\d{9}$", _("an EPCI is identified by its 9-digit SIREN number")),
    Territory.Level.DEPARTMENT: (
        r"^(\d{2,3}|2[AB])$",
        _("a department code has 2 or 3 characters"),
    ),
    Territory.Level.REGION: (r"^\d{2}$", _("a region code has 2 digits")),
    Territory.Level.COUNTRY: (r"^\d{5}$|^[A-Z]{2,3}$", _("a country code is ISO (FR) or INSEE")),
}


def check_insee_code(level: str, code: str) -> str | None:
    """Why `code` cannot be the official code of a territory of `level`, or None if it can."""
    pattern, rule = INSEE_CODE_SHAPES[level]
    return None if re.match(pattern, code) else str(rule)


NEW_TERRITORY_FIELDS = ["new_territory_name", "new_territory_level", "new_territory_insee_code"]


class ExperimentForm(forms.ModelForm):
    """The registry entry; the territory is chosen from the list or described as a new one."""

    # Not a model field of the form: it may be a new, still unsaved territory (see clean()).
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.all(),
        required=False,
        help_text=_("If it is not in the list, describe it below."),
    )
    new_territory_name = forms.CharField(
        label=_("New territory: name"), max_length=200, required=False
    )
    new_territory_level = forms.ChoiceField(
        label=_("New territory: level"),
        choices=[("", "—"), *Territory.Level.choices],
        required=False,
    )
    new_territory_insee_code = forms.CharField(
        label=_("New territory: INSEE code"), max_length=9, required=False
    )
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Experiment
        # The territory is a form field of its own, above: it may be a new one.
        fields = [f for f in EXPERIMENT_EDITABLE_FIELDS if f != "territory"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.CheckboxSelectMultiple,
            "methods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.territory_id:
            self.initial["territory"] = self.instance.territory_id
        self.order_fields(["title", "summary", "territory", *NEW_TERRITORY_FIELDS])
        self.fields["methods"].queryset = Method.objects.order_by(BY_TAXONOMY)

    def clean(self):
        data = super().clean()
        self._clean_territory(data)
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must come after the start date."))
        return data

    def _clean_territory(self, data) -> None:
        name = data.get("new_territory_name", "").strip()
        level = data.get("new_territory_level")
        code = data.get("new_territory_insee_code", "").strip().upper()
        if not name:
            if not data.get("territory"):
                self.add_error("territory", _("Choose a territory or describe a new one."))
            return
        if not level:
            self.add_error("new_territory_level", _("Give the level of the new territory."))
            return
        if code and (problem := check_insee_code(level, code)):
            self.add_error("new_territory_insee_code", _("Invalid code: %s.") % problem)
            return
        existing = Territory.objects.filter(name__iexact=name, level=level).first()
        # An unsaved territory is saved by the service, in the same transaction as the experiment.
        data["territory"] = existing or Territory(name=name, level=level, insee_code=code)


class ExperimentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Experiment.Status.choices]
    )
    method = forms.ModelChoiceField(
        label=_("Method"),
        required=False,
        queryset=Method.objects.order_by(BY_TAXONOMY),
        empty_label=_("All"),
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
    """Someone from the contacts, or a new contact described here, with their role."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.select_related("organisation"),
        required=False,
        help_text=_("If they are not in the list, describe them below."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    first_name = forms.CharField(label=_("New contact: first name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("New contact: last name"), max_length=100, required=False)
    email = forms.EmailField(label=_("New contact: e-mail"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("New contact: organisation"), queryset=Organisation.objects.all(), required=False
    )
    job_title = forms.CharField(label=_("New contact: job title"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_name", "").strip(), data.get("last_name", "").strip()
        if data.get("person") or self.errors:
            return data
        if not (first and last):
            self.add_error(
                "person", _("Choose a person, or give the first and last name of a new contact.")
            )
            return data
        # Saved by the service together with the membership.
        data["person"] = Person(
            first_name=first,
            last_name=last,
            email=data.get("email", ""),
            organisation=data.get("organisation"),
            job_title=data.get("job_title", "").strip(),
        )
        return data


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
