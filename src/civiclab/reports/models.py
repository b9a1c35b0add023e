"""Reports of an experiment (a COPIL deck, a final report): ordered blocks chosen by the team,
reusable templates, and the lab's look used by every generated document."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civiclab.experiments.models import Experiment
from civiclab.impact.models import Indicator
from civiclab.qualitative.models import Verbatim
from civiclab.surveys.models import Questionnaire

COLOUR = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("A colour is written #RRGGBB."))


class LabLook(models.Model):
    """The lab's name, logo, colours and font in decks and reports: set once (one row)."""

    class Font(models.TextChoices):
        ARIAL = "Arial", "Arial"
        CALIBRI = "Calibri", "Calibri"
        MARIANNE = "Marianne", "Marianne"
        OPEN_SANS = "Open Sans", "Open Sans"
        SOURCE_SANS = "Source Sans 3", "Source Sans 3"

    lab_name = models.CharField(_("name of the lab"), max_length=120)
    logo = models.FileField(
        _("logo"),
        upload_to="lab/",
        blank=True,
        help_text=_("PNG or JPEG, shown on title slides and cover pages."),
    )
    primary = models.CharField(
        _("main colour"), max_length=7, default="#12314F", validators=[COLOUR]
    )
    accent = models.CharField(
        _("accent colour"), max_length=7, default="#0B5CAD", validators=[COLOUR]
    )
    font = models.CharField(
        _("font"),
        max_length=40,
        choices=Font.choices,
        default=Font.ARIAL,
        help_text=_(
            "Used by PowerPoint and Word when installed on the computer that opens the file. "
            "PDF reports embed their own font."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lab's look")

    def __str__(self) -> str:
        return self.lab_name


class BlockKind(models.TextChoices):
    """What a block of a report shows. "All …" kinds follow the experiment as it changes."""

    INDICATORS = "indicators", pgettext_lazy("block", "Every indicator (one card each)")
    INDICATOR = "indicator", pgettext_lazy("block", "One indicator card")
    BREAKDOWN = "breakdown", pgettext_lazy("block", "An indicator by group (table)")
    QUESTION = "question", pgettext_lazy("block", "A question's answers (chart)")
    VERBATIMS = "verbatims", pgettext_lazy("block", "Every verbatim")
    VERBATIM = "verbatim", pgettext_lazy("block", "One verbatim")
    PHOTOS = "photos", pgettext_lazy("block", "Photos that may be shown")
    TEXT = "text", pgettext_lazy("block", "Free text")
    PROTOCOL = "protocol", pgettext_lazy("block", "Protocol summary")
    TIMELINE = "timeline", pgettext_lazy("block", "Timeline")
    BUDGET = "budget", pgettext_lazy("block", "Budget summary")


# Kinds bound to one object of the experiment; the others describe themselves.
BOUND_KINDS = {BlockKind.INDICATOR, BlockKind.BREAKDOWN, BlockKind.QUESTION, BlockKind.VERBATIM}


class ReportTemplate(models.Model):
    """A reusable list of blocks ("COPIL deck", "final report") for any experiment."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # [{"kind": ..., "title": ..., "text": ...}, ...]: kinds bound to an object are not kept.
    blocks = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("report template")

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("for"), max_length=200, blank=True, help_text=_("e.g. “COPIL of 12 December”.")
    )
    footer = models.CharField(
        _("footer"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Working document — not for circulation”."),
    )
    public = models.BooleanField(
        _("meant for the public"),
        default=False,
        help_text=_(
            "Only photos with image-rights consent, and nothing marked internal, go into it."
        ),
    )
    weighted = models.BooleanField(
        _("weighted results"),
        default=False,
        help_text=_("Indicators raked to the territory's population, where figures exist."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("report")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:report", args=[self.experiment.slug, self.pk])


class ReportBlock(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=BlockKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    verbatim = models.ForeignKey(
        Verbatim, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A QUESTION block: which question, at which wave ("" for the latest), split by which
    # other question ("" for none). A BREAKDOWN block uses `breakdown` too.
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question = models.CharField(_("question"), max_length=64, blank=True)
    wave = models.CharField(_("wave"), max_length=10, blank=True)
    breakdown = models.CharField(_("split by"), max_length=64, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()
