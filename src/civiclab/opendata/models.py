"""What an experiment publishes as open data, and the export files made in the background."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from civiclab.stats.disclosure import DEFAULT_K, MIN_K


class OpenDataSettings(models.Model):
    """Per experiment: what may be public, and the small-cell threshold k."""

    experiment = models.OneToOneField(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="open_data",
    )
    publish_aggregates = models.BooleanField(
        _("publish aggregate results"),
        default=False,
        help_text=_(
            "Counts and shares of each answer, per question and per wave, with small cells "
            "hidden. Only for a public experiment."
        ),
    )
    publish_answers = models.BooleanField(
        _("publish anonymised answer-level data"),
        default=False,
        help_text=_(
            "One line per response, without pseudonym, free texts or personal data; ages in "
            "bands, dates as months, rare answers grouped or removed."
        ),
    )
    min_cell = models.PositiveSmallIntegerField(
        _("smallest number of people shown (k)"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(100)],
        help_text=_("No public figure counts fewer people than this."),
    )
    # Question codes never published (answer-level data and aggregates). Free texts and
    # personal-data questions are never published whatever this says.
    excluded_questions = models.JSONField(_("questions never published"), default=list, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("open data settings")
        verbose_name_plural = _("open data settings")

    def __str__(self):
        return str(self.experiment)

    def publication_key(self) -> str:
        """What a public answers file depends on besides the answers: when it changes, an
        older file is no longer served."""
        excluded = ",".join(sorted(self.excluded_questions or []))
        return f"k{self.min_cell}:a{int(self.publish_answers)}:x{excluded}"[:200]


def export_path(job: "ExportJob", filename: str) -> str:
    return f"data-exports/{job.experiment_id}/{filename}"


class ExportJob(models.Model):
    """One export file, written by a background task, downloaded when done."""

    class Kind(models.TextChoices):
        RESEARCH = "research", _("Pseudonymised answer-level data")
        PUBLIC_ANSWERS = "public_answers", _("Anonymised answer-level data (public)")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV for Excel (;)")
        CSV_COMMA = "csv_comma", _("CSV, comma-separated (R, Stata, Python)")
        XLSX = "xlsx", _("Excel (XLSX)")
        SAV = "sav", _("SPSS (.sav)")
        DTA = "dta", _("Stata (.dta)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    experiment = models.ForeignKey(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, max_length=300, blank=True)
    codebook = models.FileField(_("codebook"), upload_to=export_path, max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The answers' state the file was written from (analysis.cache.stamp), and for a public
    # file the publication settings it obeyed (OpenDataSettings.publication_key).
    stamp = models.CharField(max_length=100, blank=True)
    publication_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            # One export of a kind and format at a time per questionnaire: a second request
            # while it runs gets the running one.
            models.UniqueConstraint(
                fields=["questionnaire", "kind", "format"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_running_export",
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} — {self.get_kind_display()} ({self.get_format_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
