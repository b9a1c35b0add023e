"""Photos and videos of an experiment, with their image-rights consent and JPEG renditions."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiclab.experiments.models import Experiment
from civiclab.gallery.renditions import SIZES, WIDTHS, fitted


def media_storage_path(instance, filename: str) -> str:
    # Never derived from the uploaded name, and a fresh random name for every file: a stored
    # path reveals nothing, cannot be guessed from another one (a rendition's path says nothing
    # of the original's), and without an extension no web server would ever serve it as a page.
    return f"gallery/{instance.experiment_id}/{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Reason:
    """One reason why an item may not be public."""

    code: str  # "unknown", "refused", "withdrawn", "credit", "alt_text" or "video_copy"
    text: str
    level: str = "warn"

    def __str__(self):
        return str(self.text)


class MediaQuerySet(models.QuerySet):
    def public(self) -> "MediaQuerySet":
        """Items that may be shown to the public: the same rule as `MediaItem.is_public`."""
        return self.filter(public_condition())

    def for_export(self) -> "MediaQuerySet":
        """Items with a picture an export can show (photos; videos with a poster)."""
        return self.exclude(large="")


class MediaItem(models.Model):
    """A photo or a video of an experiment. The original is for the team only; the public
    (and every export meant for it) only ever gets the JPEG renditions of consented items."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")

    class Consent(models.TextChoices):
        UNKNOWN = "unknown", _("Not collected yet")
        NOT_NEEDED = "not_needed", _("Not needed: no recognisable person")
        CONSENTED = "consented", _("Consent forms signed and filed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="media",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("original file"), upload_to=media_storage_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=160)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveBigIntegerField(_("size"))
    caption = models.CharField(_("caption"), max_length=300)
    credit = models.CharField(
        _("credit"),
        max_length=160,
        blank=True,
        help_text=_("Who took it (photographer, organisation). Required for publication."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it (read by screen readers). "
            "Required for a photo to be published."
        ),
    )
    consent = models.CharField(
        _("image rights"),
        max_length=12,
        choices=Consent.choices,
        default=Consent.UNKNOWN,
    )
    consent_note = models.CharField(
        _("consent note"),
        max_length=500,
        blank=True,
        help_text=_("Where the signed forms are, who refused or withdrew, and when."),
    )
    consent_changed_at = models.DateTimeField(_("image rights last changed"), null=True, blank=True)
    consent_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Size of the upright picture behind the renditions: the photo, or the video's poster.
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # JPEG renditions without metadata; empty for a video without a poster.
    small = models.FileField(upload_to=media_storage_path, max_length=200, blank=True)
    large = models.FileField(upload_to=media_storage_path, max_length=200, blank=True)
    poster_name = models.CharField(_("poster"), max_length=160, blank=True)
    # A video's copy without metadata, the only video file the public gets; empty for a photo,
    # and for a video ffmpeg could not read (which then stays off public pages).
    public_video = models.FileField(upload_to=media_storage_path, max_length=200, blank=True)
    # A video's captions, as UTF-8 WebVTT (see gallery/captions.py), and the name uploaded.
    captions = models.FileField(upload_to=media_storage_path, max_length=200, blank=True)
    captions_name = models.CharField(_("captions"), max_length=160, blank=True)

    objects = MediaQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")
        indexes = [models.Index(fields=["experiment", "position"], name="media_experiment_order")]
        constraints = [
            models.CheckConstraint(condition=~Q(caption=""), name="media_has_caption"),
            models.CheckConstraint(
                condition=Q(
                    consent__in=["unknown", "not_needed", "consented", "refused", "withdrawn"]
                ),
                name="media_consent_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["photo", "video"]), name="media_kind_known"
            ),
        ]

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        # Blank-looking texts count as missing everywhere (the public rule runs in SQL too).
        for name in ("caption", "credit", "alt_text", "consent_note"):
            setattr(self, name, " ".join(getattr(self, name).split()))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gallery:detail", args=[self.experiment.slug, self.pk])

    # --- Publication ------------------------------------------------------------------------

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO

    @property
    def is_public(self) -> bool:
        """May be shown on public pages and in exports meant for the public."""
        return not self.not_public_because

    @property
    def not_public_because(self) -> list["Reason"]:
        """Why the item may not be shown to the public, in words for the team (empty: it may).
        Each reason reads as text; its `level` ("late" or "warn") says how serious it is."""
        reasons = []
        if self.consent in CONSENT_BLOCKS:
            level = "late" if self.consent in NEVER_SHOWN else "warn"
            reasons.append(Reason(self.consent, CONSENT_BLOCKS[self.consent], level))
        if not self.credit.strip():
            reasons.append(Reason("credit", _("Credit missing")))
        if self.is_photo and not self.alt_text.strip():
            reasons.append(Reason("alt_text", _("Text alternative missing")))
        if not self.is_photo and not self.public_video:
            reasons.append(Reason("video_copy", _("No public copy: the video could not be read")))
        return reasons

    # --- Files ------------------------------------------------------------------------------

    @property
    def has_picture(self) -> bool:
        return bool(self.large)

    def rendition(self, size: str):
        """The stored JPEG of `size` ("small" or "large"), or None."""
        if size not in SIZES:
            return None
        field = getattr(self, size)
        return field or None

    def rendition_size(self, size: str) -> tuple[int, int] | None:
        """(width, height) of the rendition `size`, for the page's layout."""
        if not (self.width and self.height and self.rendition(size)):
            return None
        return fitted(self.width, self.height, WIDTHS[size])

    @property
    def small_dimensions(self):
        return self.rendition_size("small")

    @property
    def large_dimensions(self):
        return self.rendition_size("large")

    @property
    def small_url(self) -> str:
        return self.thumbnail_url("small")

    @property
    def large_url(self) -> str:
        return self.thumbnail_url("large")

    @property
    def stored_files(self) -> list[str]:
        files = (self.file, self.small, self.large, self.public_video, self.captions)
        return [f.name for f in files if f]

    def thumbnail_url(self, size: str = "small") -> str:
        """The team's address of a rendition; it changes when the rendition does (caching)."""
        url = reverse("gallery:thumbnail", args=[self.experiment.slug, self.pk, size])
        field = self.rendition(size)
        return f"{url}?v={field.name[-8:]}" if field else url

    def get_original_url(self):
        return reverse("gallery:original", args=[self.experiment.slug, self.pk])

    def get_captions_url(self):
        return reverse("gallery:captions", args=[self.experiment.slug, self.pk])


PUBLIC_CONSENTS = (MediaItem.Consent.CONSENTED, MediaItem.Consent.NOT_NEEDED)
CONSENT_BLOCKS = {
    MediaItem.Consent.UNKNOWN: _("Image rights not collected"),
    MediaItem.Consent.REFUSED: _("Image rights refused"),
    MediaItem.Consent.WITHDRAWN: _("Consent withdrawn"),
}
# Refused or withdrawn: nowhere outside the team, not even in internal exports.
NEVER_SHOWN = (MediaItem.Consent.REFUSED, MediaItem.Consent.WITHDRAWN)


def public_condition() -> Q:
    """The rule of `MediaItem.is_public`, in SQL: consent given or not needed, a credit, a
    text alternative for photos and a metadata-free copy for videos. Refused or withdrawn
    consent is never public, whatever was true before."""
    return (
        Q(consent__in=PUBLIC_CONSENTS)
        & ~Q(credit="")
        & (Q(kind=MediaItem.Kind.VIDEO) | ~Q(alt_text=""))
        & (Q(kind=MediaItem.Kind.PHOTO) | ~Q(public_video=""))
    )
