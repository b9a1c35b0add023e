"""Forms of the qualitative pages: sources, codes, verbatims, passage filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civiclab.qualitative.extract import ExtractionError, text_from_upload
from civiclab.qualitative.messages import extraction_message
from civiclab.qualitative.models import Code, Source

MAX_UPLOAD = 20 * 1024 * 1024


class SourceForm(forms.ModelForm):
    """A transcript or field notes: pasted, or read from a TXT, Markdown, DOCX or ODT file."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the transcript, or choose a file below."),
    )
    upload = forms.FileField(
        label=_("…or a file"),
        required=False,
        help_text=_("TXT, Markdown, Word (DOCX) or OpenDocument (ODT)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.docx,.odt"}),
    )

    class Meta:
        model = Source
        fields = ["kind", "title", "held_on", "description"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, locked_text: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in Source.Kind.choices if c[0] != Source.Kind.OPEN_ANSWERS
        ]
        if self.instance.pk:
            self.fields["text"].initial = self.instance.text
            if self.instance.is_open_answers:
                del self.fields["kind"]  # it stays the open answers of its question
        if locked_text:
            # Codings point into the text by position: once coded, it cannot change.
            del self.fields["text"], self.fields["upload"]

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            if upload.size > MAX_UPLOAD:
                raise ValidationError(_("The file is larger than 20 MB."))
            try:
                data["text"] = text_from_upload(upload.name, upload.read()).text
            except ExtractionError as problem:
                self.add_error("upload", extraction_message(problem, upload.name))
                return data
        if "text" in self.fields and not (data.get("text") or "").strip():
            self.add_error("text", _("Paste the text or choose a file."))
        return data


class OpenAnswersForm(forms.Form):
    question = forms.ChoiceField(label=_("Open question"))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = choices


class CodeForm(forms.ModelForm):
    class Meta:
        model = Code
        fields = ["name", "parent", "description", "colour"]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, experiment, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.experiment = experiment
        self.fields["parent"].queryset = Code.objects.filter(experiment=experiment)
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("— top of the codebook —")
        if parents:
            self.fields["parent"].choices = [("", self.fields["parent"].empty_label), *parents]


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Code.objects.none())

    def __init__(self, *args, code: Code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Code.objects.filter(experiment=code.experiment).exclude(
            pk=code.pk
        )


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label=_("Codebook file"),
        help_text=_("CSV (columns code; description; couleur) or REFI-QDA codebook (.qdc)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.qdc,.xml"}),
    )


class VerbatimForm(forms.Form):
    attribution = forms.CharField(label=_("Attribution"), max_length=200, required=False)
    replacements = forms.CharField(
        label=_("Replacements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: what to hide = what to show, e.g. “Nadia = [prénom]”. "
            "Every occurrence in the quote is replaced."
        ),
    )

    def clean_replacements(self) -> list[tuple[str, str]]:
        pairs = []
        for number, line in enumerate(self.cleaned_data["replacements"].splitlines(), 1):
            if not line.strip():
                continue
            original, sep, replacement = line.partition("=")
            if not sep or not original.strip():
                raise ValidationError(
                    _("Line %(line)s: write “what to hide = what to show”.") % {"line": number}
                )
            pairs.append((original.strip(), replacement.strip() or "[…]"))
        return pairs


def replacements_as_text(pairs) -> str:
    return "\n".join(f"{a} = {b}" for a, b in pairs)
