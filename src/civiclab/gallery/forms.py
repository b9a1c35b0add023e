"""Forms of the gallery: upload, edit, filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiclab.gallery.captions import ACCEPT_CAPTIONS
from civiclab.gallery.checks import (
    ACCEPT_MEDIA,
    ACCEPT_PHOTOS,
    MAX_FILES_PER_UPLOAD,
    MB,
    PHOTO_EXTENSIONS,
    VIDEO_EXTENSIONS,
    max_photo_bytes,
    max_video_bytes,
)
from civiclab.gallery.models import MediaItem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleaned to a list (as Django's documentation shows)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple):
            return [clean_one(one, initial) for one in data]
        return [clean_one(data, initial)]


def _files_help() -> str:
    return _(
        "Photos (%(photos)s, %(photo_limit)d MB at most each) or videos (%(videos)s, "
        "%(video_limit)d MB at most), up to %(count)d files at a time. The details below "
        "apply to all of them: you can change them one by one afterwards."
    ) % {
        "photos": " ".join(PHOTO_EXTENSIONS),
        "videos": " ".join(VIDEO_EXTENSIONS),
        "photo_limit": max_photo_bytes() // MB,
        "video_limit": max_video_bytes() // MB,
        "count": MAX_FILES_PER_UPLOAD,
    }


class DetailsForm(forms.Form):
    """What describes an item: the same fields when uploading and when editing."""

    caption = forms.CharField(
        label=_("Caption"),
        max_length=300,
        help_text=_("Shown under the picture, for example: Workshop at the Fives social centre."),
    )
    alt_text = forms.CharField(
        label=_("Text alternative"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=MediaItem._meta.get_field("alt_text").help_text,
    )
    credit = forms.CharField(
        label=_("Credit"),
        max_length=160,
        required=False,
        help_text=MediaItem._meta.get_field("credit").help_text,
    )
    taken_on = forms.DateField(label=_("Date taken"), required=False, widget=DATE)
    consent = forms.ChoiceField(
        label=_("Image rights"),
        choices=MediaItem.Consent.choices,
        initial=MediaItem.Consent.UNKNOWN,
        required=False,  # nothing chosen: not collected yet
        widget=forms.RadioSelect,
        help_text=_(
            "Only pictures with signed forms, or where no one can be recognised, may appear "
            "on public pages and in documents for the public."
        ),
    )
    consent_note = forms.CharField(
        label=_("Consent note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=MediaItem._meta.get_field("consent_note").help_text,
    )

    def clean_consent(self) -> str:
        return self.cleaned_data["consent"] or MediaItem.Consent.UNKNOWN

    @property
    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DetailsForm.base_fields}


class UploadForm(DetailsForm):
    files = MultipleFileField(
        label=_("Photos or videos"), widget=MultipleFileInput(attrs={"accept": ACCEPT_MEDIA})
    )
    poster = forms.FileField(
        label=_("Poster of the video"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_PHOTOS}),
        help_text=_(
            "Optional, for a single video: a photo shown before it plays, and as its "
            "thumbnail (JPEG, PNG or WebP)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _files_help()
        self.order_fields(["files", "caption", "alt_text", "credit", "taken_on"])


class EditForm(DetailsForm):
    poster = forms.FileField(
        label=_("New poster"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_PHOTOS}),
        help_text=_("A photo shown before the video plays, and as its thumbnail."),
    )
    remove_poster = forms.BooleanField(label=_("Remove the poster"), required=False)
    captions = forms.FileField(
        label=_("Captions"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT_CAPTIONS}),
        help_text=_(
            "A WebVTT (.vtt) or SRT (.srt) file, as subtitling tools and video editors export "
            "them: what is said, for people who are deaf or hard of hearing. Replaces the "
            "current captions."
        ),
    )
    remove_captions = forms.BooleanField(label=_("Remove the captions"), required=False)

    def __init__(self, *args, item: MediaItem, **kwargs):
        initial = {name: getattr(item, name) for name in DetailsForm.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        if item.is_photo:
            for name in ("poster", "remove_poster", "captions", "remove_captions"):
                del self.fields[name]
            return
        if not item.poster_name:
            del self.fields["remove_poster"]
        if not item.captions:
            del self.fields["remove_captions"]


ALL = [("", _("All"))]


class FilterForm(forms.Form):
    consent = forms.ChoiceField(
        label=_("Image rights"), required=False, choices=[*ALL, *MediaItem.Consent.choices]
    )
    public = forms.ChoiceField(
        label=_("Publication"),
        required=False,
        choices=[*ALL, ("yes", _("Can be public")), ("no", _("Cannot be public"))],
    )

    @property
    def values(self) -> dict:
        if not self.is_valid():
            return {"consent": "", "public": ""}
        return self.cleaned_data

    @property
    def is_filtering(self) -> bool:
        return any(self.values.values())
