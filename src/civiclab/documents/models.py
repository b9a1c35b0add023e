"""Shared documents: folder trees (one per experiment, one for the lab) and versioned files."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiclab.documents.filetypes import KINDS
from civiclab.experiments.models import Experiment

KIND_LABELS = {kind.content_type: kind.label for kind in KINDS}


def space_url(name: str, experiment: Experiment | None, *args) -> str:
    """The URL `name` in the tree of `experiment`, or in the lab's own tree when it is None."""
    if experiment is None:
        return reverse(f"documents:lab_{name}", args=args)
    return reverse(f"documents:{name}", args=[experiment.slug, *args])


def version_storage_path(instance, filename: str) -> str:
    # Never derived from the uploaded name: a stored path reveals nothing and cannot be guessed,
    # and without an extension no web server would ever serve it as a page.
    key = uuid.uuid4().hex
    return f"documents/{key[:2]}/{key}"


class Folder(models.Model):
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="document_folders",
        help_text=_("Empty for the lab's own folders."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent folder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(parent__isnull=False),
                name="unique_folder_name_in_parent",
            ),
            models.UniqueConstraint(
                fields=["experiment", "name"],
                condition=Q(parent__isnull=True, experiment__isnull=False),
                name="unique_top_folder_name_in_experiment",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True, experiment__isnull=True),
                name="unique_top_folder_name_in_lab",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return space_url("folder", self.experiment, self.pk)


class Tag(models.Model):
    """A label on documents, stored normalised (lower case, single spaces) so search is exact."""

    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class LiveDocuments(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Document(models.Model):
    """A named document in a folder; its content is in its versions, which are never changed."""

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Empty for the lab's own documents."),
    )
    folder = models.ForeignKey(
        Folder,
        verbose_name=_("folder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    name = models.CharField(_("name"), max_length=160)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="documents")
    # The latest version, kept here so that lists need no sub-query per document.
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Deleted documents stay in the database and on disk (and in the journal): only hidden.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = models.Manager()
    live = LiveDocuments()

    class Meta:
        ordering = ["name"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        base_manager_name = "objects"
        indexes = [models.Index(fields=["experiment", "name"], name="document_space_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["folder", "name"],
                condition=Q(folder__isnull=False, deleted_at__isnull=True),
                name="unique_document_name_in_folder",
            ),
            models.UniqueConstraint(
                fields=["experiment", "name"],
                condition=Q(folder__isnull=True, experiment__isnull=False, deleted_at__isnull=True),
                name="unique_top_document_name_in_experiment",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(folder__isnull=True, experiment__isnull=True, deleted_at__isnull=True),
                name="unique_top_document_name_in_lab",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return space_url("detail", self.experiment, self.pk)

    def get_download_url(self):
        return space_url("download", self.experiment, self.pk)

    def get_permalink(self):
        """A short address that stays valid if the document is renamed or moved (for agendas)."""
        return reverse("documents:permalink", args=[self.pk])


class DocumentVersion(models.Model):
    """One uploaded file of a document. Versions are only added, never changed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=version_storage_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=160)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=120)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    comment = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="unique_document_version_number"
            )
        ]

    def __str__(self):
        return f"{self.document} — v{self.number}"

    def get_download_url(self):
        return space_url(
            "version_download", self.document.experiment, self.document_id, self.number
        )
