"""Forms of the reports pages."""

from io import BytesIO

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image

from civiclab.core.widgets import StoredFileInput
from civiclab.impact.models import Indicator
from civiclab.qualitative.models import Verbatim
from civiclab.reports.models import LabLook, Report, ReportBlock, ReportTemplate
from civiclab.surveys.models import Questionnaire

MAX_LOGO = 2 * 1024 * 1024


class ReportForm(forms.ModelForm):
    template = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=ReportTemplate.objects.all(),
        required=False,
        empty_label=_("— an empty report —"),
    )

    class Meta:
        model = Report
        fields = ["title", "audience", "footer", "public", "weighted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["template"]


class BlockForm(forms.ModelForm):
    class Meta:
        model = ReportBlock
        fields = [
            "kind",
            "indicator",
            "verbatim",
            "questionnaire",
            "question",
            "wave",
            "breakdown",
            "title",
            "text",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        labels = {
            "indicator": _("Indicator"),
            "verbatim": _("Quote"),
            "questionnaire": _("Questionnaire"),
            "question": _("Question (code)"),
            "wave": _("Wave (empty: the latest)"),
            "breakdown": _("Split by (question code)"),
        }

    def __init__(self, *args, experiment, raw_quotes: bool = False, **kwargs):
        """`raw_quotes` False (a reader who may not read the transcripts) offers only the
        quotes someone pseudonymised."""
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(experiment=experiment)
        verbatims = Verbatim.objects.filter(experiment=experiment)
        self.fields["verbatim"].queryset = (
            verbatims if raw_quotes else verbatims.exclude(replacements=[])
        )
        self.fields["verbatim"].label_from_instance = lambda v: v.text[:90]
        self.fields["questionnaire"].queryset = Questionnaire.objects.filter(experiment=experiment)
        if self.instance.pk:
            del self.fields["kind"]


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=120)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class LookForm(forms.ModelForm):
    class Meta:
        model = LabLook
        fields = ["lab_name", "logo", "primary", "accent", "font"]
        widgets = {
            "logo": StoredFileInput(attrs={"accept": ".png,.jpg,.jpeg"}, preview=True),
            "primary": forms.TextInput(attrs={"type": "color"}),
            "accent": forms.TextInput(attrs={"type": "color"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.logo:
            widget = self.fields["logo"].widget
            version = int(self.instance.updated_at.timestamp()) if self.instance.updated_at else 0
            widget.current_url = f"{reverse('reports:logo')}?v={version}"
            widget.current_name = _("the lab's logo")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "size"):
            return logo
        if logo.size > MAX_LOGO:
            raise ValidationError(_("The logo is larger than 2 MB."))
        try:
            with Image.open(BytesIO(logo.read())) as image:
                if image.format not in ("PNG", "JPEG"):
                    raise ValidationError(_("The logo must be a PNG or JPEG image."))
                image.verify()
        except (OSError, ValueError, Image.DecompressionBombError):
            raise ValidationError(_("This file is not a readable image.")) from None
        logo.seek(0)
        return logo
