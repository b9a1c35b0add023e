"""Forms of questionnaires."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
