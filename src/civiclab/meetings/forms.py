"""Forms of meetings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.accounts.models import Organisation, Person
from civiclab.meetings.models import AgendaItem, Attendance, Meeting, Outcome


class MeetingForm(forms.ModelForm):
    use_template = forms.BooleanField(
        label=_("Start from the agenda template of this kind of meeting"),
        required=False,
        initial=True,
    )

    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "duration_minutes", "location"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, lab_meeting=False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = Meeting.Kind.choices
        if lab_meeting:
            kinds = [(Meeting.Kind.LAB_COMMITTEE, Meeting.Kind.LAB_COMMITTEE.label)]
        else:
            kinds = [k for k in kinds if k[0] != Meeting.Kind.LAB_COMMITTEE]
        self.fields["kind"].choices = kinds
        self.fields["duration_minutes"].min_value = 15


class SectionForm(forms.Form):
    title = forms.CharField(label=_("New section"), max_length=200)


class ItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "duration_minutes", "presenter"]

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.order_by("last_name", "first_name")
        if experiment is not None:
            people = people.filter(memberships__experiment=experiment)
        self.fields["presenter"].queryset = people


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "text", "owner", "due_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, experiment=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.order_by("last_name", "first_name")
        if experiment is not None:
            people = people.filter(memberships__experiment=experiment)
        self.fields["owner"].queryset = people

    def clean(self):
        data = super().clean()
        if data.get("kind") == Outcome.Kind.ACTION and not data.get("owner"):
            self.add_error("owner", _("An action needs someone to carry it out."))
        return data


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("organisation").order_by(
            "last_name"
        )

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("organisation"):
            raise forms.ValidationError(_("Choose a person or an organisation to invite."))
        return data


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=Attendance.Status.choices)


class OutcomeStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Outcome.Status.choices)


class LinkDocumentForm(forms.Form):
    """A document of the meeting's experiment (or of the lab, for the lab's meetings)."""

    document = forms.ModelChoiceField(label=_("Document"), queryset=None)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from civiclab.documents.models import Document

        self.fields["document"].queryset = Document.live.filter(
            experiment=meeting.experiment
        ).order_by("name")
