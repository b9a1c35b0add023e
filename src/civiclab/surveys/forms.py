"""Forms of questionnaires."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.surveys.editing import (
    CHOICE_TYPES,
    NUMBER_TYPES,
    check_expression,
    question_codes,
    suggest_code,
)
from civiclab.surveys.models import (
    XLSFORM_NAME_PATTERN,
    ChoiceList,
    Question,
    Section,
    validate_xlsform_name,
)
from civiclab.surveys.xlsform import is_personal_data

MAX_XLSFORM_MB = 5


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx)"),
        help_text=_("Exported from KoboToolbox, ODK or written by hand in Excel; at most 5 MB."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_XLSFORM_MB * 1024 * 1024:
            raise forms.ValidationError(_("This file is too large: at most 5 MB."))
        return file


# ---------------------------------------------------------------- builder

Type = Question.Type
TEXTAREA = {"rows": 2}


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class QuestionForm(forms.ModelForm):
    """Everything about one question. The code may be left empty: it is then made from the
    French label."""

    class Meta:
        model = Question
        fields = [
            "label_fr",
            "label_en",
            "hint_fr",
            "hint_en",
            "type",
            "choice_list",
            "min_value",
            "max_value",
            "max_choices",
            "calculation",
            "required",
            "relevant",
            "constraint",
            "constraint_message_fr",
            "constraint_message_en",
            "code",
            "section",
            "is_personal_data",
        ]
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in [
                "label_fr",
                "label_en",
                "hint_fr",
                "hint_en",
                "relevant",
                "constraint",
                "constraint_message_fr",
                "constraint_message_en",
                "calculation",
            ]
        }
        help_texts = {
            "code": _(
                "The column name in exports and analyses. Leave it empty to make one from the "
                "French label."
            ),
            "relevant": _("Show the question only if this XLSForm condition is true, e.g. "
                          "${age} >= 18."),
            "constraint": _("The answer must make this XLSForm condition true, e.g. . <= 120."),
            "min_value": _("For numbers only."),
            "max_choices": _("For multiple choice only."),
            "is_personal_data": _(
                "Answers to this question are stored apart and can be erased on request. "
                "Ticked by default when the code looks like a name, an e-mail or a phone."
            ),
        }  # fmt: skip

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["code"].required = False
        self.fields["code"].widget.attrs.update(
            {"pattern": XLSFORM_NAME_PATTERN[1:-1], "autocomplete": "off", "spellcheck": "false"}
        )
        self.fields["section"].queryset = Section.objects.filter(version=version).exclude(
            appearance__contains="table-list"
        )
        self.fields["section"].empty_label = _("— outside any section —")
        self.fields["choice_list"].queryset = ChoiceList.objects.filter(version=version)
        self.fields["choice_list"].help_text = _(
            "For choices, scales, rankings and yes/no. Lists are shared by the questions of "
            "this version."
        )
        self.fields["label_fr"].required = True

    def clean_code(self):
        code = self.cleaned_data.get("code", "").strip()
        if not code:
            return code
        validate_xlsform_name(code)
        others = question_codes(self.version) - (
            {self.instance.code} if self.instance.pk else set()
        )
        if code in others:
            raise forms.ValidationError(
                _("The code “%(code)s” is already used in this questionnaire."),
                params={"code": code},
            )
        return code

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind in CHOICE_TYPES and not data.get("choice_list") and kind != Type.SCALE:
            self.add_error("choice_list", _("Choose the list of answers."))
        if kind not in CHOICE_TYPES:
            data["choice_list"] = None
        if kind not in NUMBER_TYPES and kind != Type.SCALE:
            data["min_value"] = data["max_value"] = None
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The maximum is smaller than the minimum."))
        if kind != Type.MULTIPLE_CHOICE:
            data["max_choices"] = None
        if not data.get("code") and data.get("label_fr"):
            taken = question_codes(self.version) - (
                {self.instance.code} if self.instance.pk else set()
            )
            data["code"] = suggest_code(data["label_fr"], taken)
        known = question_codes(self.version) | {data.get("code", "")}
        for name in ("relevant", "constraint"):
            for problem in check_expression(data.get(name, ""), known):
                self.add_error(name, problem)
        if not self.instance.pk and is_personal_data(data.get("code", "")):
            data["is_personal_data"] = True
        return data

    def _post_clean(self):
        # The service saves; the instance must stay as stored so it can tell what changed.
        pass


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["label_fr", "label_en", "relevant", "code"]
        widgets = {"relevant": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["code"].required = False
        self.fields["label_fr"].required = True
        self.fields["label_fr"].widget = forms.TextInput()
        self.fields["label_en"].widget = forms.TextInput()

    def clean_code(self):
        code = self.cleaned_data.get("code", "").strip()
        if code:
            validate_xlsform_name(code)
            taken = set(self.version.sections.values_list("code", flat=True)) | question_codes(
                self.version
            )
            if code in taken - ({self.instance.code} if self.instance.pk else set()):
                raise forms.ValidationError(
                    _("The code “%(code)s” is already used in this questionnaire."),
                    params={"code": code},
                )
        return code

    def clean(self):
        data = super().clean()
        for problem in check_expression(data.get("relevant", ""), question_codes(self.version)):
            self.add_error("relevant", problem)
        return data

    def _post_clean(self):
        pass


class MatrixForm(forms.Form):
    label_fr = forms.CharField(label=_("Title (French)"), max_length=500)
    label_en = forms.CharField(label=_("Title (English)"), max_length=500, required=False)
    scale = forms.ModelChoiceField(
        label=_("Scale (one list for every row)"), queryset=ChoiceList.objects.none()
    )
    required = forms.BooleanField(label=_("Every row is required"), required=False)

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = ChoiceList.objects.filter(version=version)


class MatrixRowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label_fr = forms.CharField(label=_("Row (French)"), max_length=500, required=False)
    label_en = forms.CharField(label=_("Row (English)"), max_length=500, required=False)
    code = forms.CharField(
        label=_("Code"), max_length=100, required=False, validators=[validate_xlsform_name]
    )


MatrixRowFormSet = forms.formset_factory(MatrixRowForm, extra=3, can_delete=True)


class ChoiceListForm(forms.Form):
    name = forms.CharField(
        label=_("List name"),
        max_length=100,
        validators=[validate_xlsform_name],
        help_text=_("As in the “choices” sheet of an XLSForm, e.g. agreement."),
    )


class ChoiceRowForm(forms.Form):
    value = forms.CharField(
        label=_("Value"), max_length=100, required=False, validators=[validate_xlsform_name]
    )
    label_fr = forms.CharField(label=_("Label (French)"), max_length=500, required=False)
    label_en = forms.CharField(label=_("Label (English)"), max_length=500, required=False)


class BaseChoiceFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            value = form.cleaned_data.get("value")
            if not value and form.cleaned_data.get("label_fr"):
                form.add_error("value", _("Give this answer a value."))
            if value in seen:
                form.add_error("value", _("This value is already in the list."))
            seen.add(value)


ChoiceFormSet = forms.formset_factory(
    ChoiceRowForm, formset=BaseChoiceFormSet, extra=3, can_order=True, can_delete=True
)


class BankForm(forms.Form):
    block = forms.ChoiceField(label=_("Standard block"), choices=())

    def __init__(self, *args, **kwargs):
        from civiclab.surveys.bank import BLOCKS

        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [(k, b.title) for k, b in BLOCKS.items()]


class ThreadForm(forms.Form):
    question_code = forms.ChoiceField(label=_("About"), required=False, choices=())
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_code"].choices = [("", _("The questionnaire as a whole"))] + [
            (q.code, f"{q.code} — {(q.label_fr or q.label_en)[:70]}") for q in questions
        ]


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
