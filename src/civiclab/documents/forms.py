"""Forms of the shared documents: upload, new version, folder, edit, search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.documents.filetypes import ACCEPT_ATTRIBUTE, ACCEPTED_EXTENSIONS, max_upload_bytes
from civiclab.documents.services import parse_tags
from civiclab.documents.tree import FolderTree


def _file_help() -> str:
    limit = max_upload_bytes() // (1024 * 1024)
    return _("At most %(limit)d MB. Accepted: %(accepted)s.") % {
        "limit": limit,
        "accepted": " ".join(ACCEPTED_EXTENSIONS),
    }


class FolderChoiceField(forms.TypedChoiceField):
    """A folder of the current tree, shown with its path; empty means the top of the tree."""

    def __init__(self, tree: FolderTree, **kwargs):
        self.tree = tree
        super().__init__(
            choices=tree.choices(),
            coerce=lambda pk: tree.by_id[int(pk)],
            empty_value=None,
            required=False,
            **kwargs,
        )

    def prepare_value(self, value):
        return getattr(value, "pk", value)


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separated by commas, for example: copil, budget"))
        super().__init__(label=_("Tags"), max_length=500, **kwargs)

    def clean(self, value):
        return parse_tags(super().clean(value) or "")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})
    )
    tags = TagsField()
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, tree: FolderTree, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"] = FolderChoiceField(tree, label=_("Folder"))
        self.fields["file"].help_text = _file_help()
        self.order_fields(["file", "folder", "tags", "comment"])


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})
    )
    comment = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)

    def __init__(self, *args, tree: FolderTree, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = FolderChoiceField(tree, label=_("Inside"))
        field.choices = [c for c in field.choices if c[0] == "" or int(c[0]) not in exclude]
        self.fields["parent"] = field


class FolderRenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class DocumentEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    tags = TagsField()

    def __init__(self, *args, tree: FolderTree, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"] = FolderChoiceField(tree, label=_("Folder"))
        self.order_fields(["name", "folder", "tags"])


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, tags: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("All")), *((t, t) for t in tags)]

    def filter(self, documents):
        if not self.is_valid():
            return documents
        if q := self.cleaned_data["q"].strip():
            documents = documents.filter(name__icontains=q)
        if tag := self.cleaned_data["tag"]:
            documents = documents.filter(tags__name=tag)
        return documents

    @property
    def is_searching(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())
