"""Forms of the staff pages of collection: campaigns, quotas, invitations."""

import datetime
import itertools

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from civiclab.collection.campaigns import (
    MAX_NEW_INVITATIONS,
    campaign_problems,
    first_day,
    last_day,
)
from civiclab.collection.models import Campaign
from civiclab.surveys.models import Question

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def in_language(french: str, english: str, fallback: str = "") -> str:
    """A label in the reader's language, falling back to the other one."""
    if (get_language() or "fr").startswith("en"):
        return english or french or fallback
    return french or english or fallback


def question_label(question: Question) -> str:
    return in_language(question.label_fr, question.label_en, question.code)


def choice_label(choice) -> str:
    return in_language(choice.label_fr, choice.label_en, choice.value)


class DayInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the way French users write dates, whatever their browser."""

    def __init__(self):
        super().__init__(
            format="%d/%m/%Y",
            attrs={"placeholder": _("dd/mm/yyyy"), "autocomplete": "off", "size": 12},
        )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CampaignForm(forms.ModelForm):
    """A campaign's settings; its dates are whole days: it opens at the start of the first day
    and closes at the end of the last one (Paris time)."""

    opens_on = forms.DateField(
        label=_("First day of collection"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DayInput(),
        help_text=_("dd/mm/yyyy. Leave empty to open as soon as the questionnaire is open."),
    )
    closes_on = forms.DateField(
        label=_("Last day of collection"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DayInput(),
        help_text=_("dd/mm/yyyy. Answers are accepted until the end of this day."),
    )

    class Meta:
        model = Campaign
        fields = [
            "label",
            "wave",
            "online",
            "face_to_face",
            "paper",
            "access",
            "target_size",
            "consent_purpose",
            "consent_controller",
            "consent_retention",
            "consent_contact",
        ]
        widgets = {
            "wave": forms.RadioSelect,
            "access": forms.RadioSelect,
            "consent_purpose": forms.Textarea(attrs={"rows": 3}),
            "target_size": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }
        help_texts = {
            "label": _("For example “Before the new councils — spring 2026”."),
            "target_size": _("How many answers you aim for in this wave."),
            "consent_contact": _("An e-mail address or a postal address."),
        }

    mode_fields = ("online", "face_to_face", "paper")
    consent_fields = (
        "consent_purpose",
        "consent_controller",
        "consent_retention",
        "consent_contact",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("opens_on", first_day(self.instance))
        self.initial.setdefault("closes_on", last_day(self.instance))
        self.fields["target_size"].validators.append(MinValueValidator(1))

    def _post_clean(self):
        super()._post_clean()
        data = self.cleaned_data
        # Dates typed again unchanged keep a time set elsewhere (e.g. closing at 18:00).
        if "opens_on" in self.changed_data:
            day = data.get("opens_on")
            self.instance.opens_at = _start_of(day) if day else None
        if "closes_on" in self.changed_data:
            day = data.get("closes_on")
            self.instance.closes_at = _start_of(day + datetime.timedelta(days=1)) if day else None
        problems = campaign_problems(self.instance)
        if "online" in problems:
            self.add_error(None, problems["online"])
        if "closes_at" in problems and "closes_on" not in self.errors:
            self.add_error("closes_on", problems["closes_at"])

    def regular_fields(self):
        special = {*self.mode_fields, *self.consent_fields}
        return [self[name] for name in self.fields if name not in special]

    def modes(self):
        return [self[name] for name in self.mode_fields]

    def consent(self):
        return [self[name] for name in self.consent_fields]


class QuotaPickForm(forms.Form):
    """The one or two questions whose answers the quotas cross."""

    first = forms.ChoiceField(label=_("First question"))
    second = forms.ChoiceField(label=_("Crossed with (optional)"), required=False)

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(q.code, f"{question_label(q)} ({q.code})") for q in questions]
        self.fields["first"].choices = choices
        self.fields["second"].choices = [("", _("— no second question —")), *choices]

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different questions."))
        return data


class QuotaGridForm(forms.Form):
    """One target per combination of the picked questions' choices: a row per choice of the
    first question, a column per choice of the second (or a single column)."""

    def __init__(self, *args, questions: list[Question], quotas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_labels = [question_label(q) for q in questions]
        lists = [list(q.choice_list.choices.all()) for q in questions]
        existing = {tuple(sorted(cell.items())): target for cell, target in quotas}
        columns = lists[1] if len(lists) > 1 else [None]
        self.columns = [choice_label(c) for c in columns if c is not None]
        self.rows = []
        for i, row_choice in enumerate(lists[0]):
            cells = []
            for j, column_choice in enumerate(columns):
                cell = {questions[0].code: row_choice.value}
                names = [choice_label(row_choice)]
                if column_choice is not None:
                    cell[questions[1].code] = column_choice.value
                    names.append(choice_label(column_choice))
                name = f"t_{i}_{j}"
                self.fields[name] = forms.IntegerField(
                    label=" × ".join(names),
                    required=False,
                    min_value=0,
                    widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                )
                self.initial[name] = existing.get(tuple(sorted(cell.items())))
                cells.append((self[name], cell))
            self.rows.append((choice_label(row_choice), cells))

    def cells(self) -> list[tuple[dict, int | None]]:
        """(combination, target) of every cell of the grid, as set_quotas takes them."""
        pairs = itertools.chain.from_iterable(cells for _label, cells in self.rows)
        return [(cell, self.cleaned_data.get(field.name)) for field, cell in pairs]


class InvitationCountForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of new one-time links"),
        min_value=1,
        max_value=MAX_NEW_INVITATIONS,
        initial=50,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PanelForm(forms.Form):
    source = forms.ChoiceField(label=_("Respondents of"), required=False)

    def __init__(self, *args, waves: list[Campaign], **kwargs):
        super().__init__(*args, **kwargs)
        self.waves = {str(w.pk): w for w in waves}
        self.fields["source"].choices = [
            ("", _("every other wave of this questionnaire")),
            *((str(w.pk), w.label) for w in waves),
        ]

    def source_campaign(self) -> Campaign | None:
        return self.waves.get(self.cleaned_data.get("source") or "")
