"""Form widgets shared by several apps."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StoredFileInput(forms.ClearableFileInput):
    """A file input that links the current file to the page that serves it with its
    permission checks, never to its path under MEDIA_URL (which no server exposes).

    The form sets `current_url` (the serving view) and `current_name` (the name the user
    knows the file by); `preview=True` also shows the current file as an image."""

    template_name = "widgets/stored_file_input.html"
    initial_text = _("Current file:")
    input_text = _("Replace it with:")

    def __init__(self, attrs=None, *, preview: bool = False):
        super().__init__(attrs)
        self.preview = preview
        self.current_url = ""
        self.current_name = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            current_url=self.current_url,
            current_name=self.current_name or (value.name.rsplit("/", 1)[-1] if value else ""),
            preview=self.preview,
        )
        return context
