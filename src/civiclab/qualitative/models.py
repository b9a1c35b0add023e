"""Qualitative material of an experiment: sources, the codebook, codings by several coders,
memos, verbatims for reports, and themes suggested for open answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civiclab.collection.models import Response
from civiclab.experiments.models import Experiment
from civiclab.surveys.models import Questionnaire

# Highlights sit behind black text: light colours only (the codebook form checks contrast).
DEFAULT_COLOUR = "#FFE08A"


class Source(models.Model):
    """A text to code: a transcript or field notes, or the open answers to one question."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        FOCUS_GROUP = "focus_group", _("Focus group")
        FIELD_NOTES = "field_notes", _("Field notes")
        OPEN_ANSWERS = "open_answers", _("Open answers")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Who, where, how long; for the coders.")
    )
    held_on = models.DateField(_("date"), null=True, blank=True)
    # Documents keep their text with "\n" line endings: offsets of codings index into it.
    text = models.TextField(_("text"), blank=True)
    # Open answers are read from the responses, so they stay linked to their respondent.
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question_code = models.CharField(_("question"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "question_code"],
                condition=Q(kind="open_answers"),
                name="qualitative_one_source_per_open_question",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qualitative:source", args=[self.experiment.slug, self.pk])

    @property
    def is_open_answers(self) -> bool:
        return self.kind == self.Kind.OPEN_ANSWERS


class Code(models.Model):
    """A code of the experiment's codebook; codes nest."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("definition"), blank=True, help_text=_("When to apply this code, for every coder.")
    )
    colour = models.CharField(_("colour"), max_length=7, default=DEFAULT_COLOUR)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "pk"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "parent", "name"], name="qualitative_code_unique_name"
            ),
            models.UniqueConstraint(
                fields=["experiment", "name"],
                condition=Q(parent__isnull=True),
                name="qualitative_root_code_unique_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Coding(models.Model):
    """A passage of a source with one code applied by one coder.

    Offsets are indices in the text (Unicode code points): of the source for a document, of
    the answer for open answers. `text` keeps the passage as coded, so that exports and the
    agreement view stay right and a later change of the underlying text can be detected.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="codings")
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    created_at = models.DateTimeField(_("coded on"), auto_now_add=True)

    class Meta:
        ordering = ["source", "response", "start", "end", "pk"]
        verbose_name = _("coded passage")
        verbose_name_plural = _("coded passages")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="coding_not_empty"),
            models.UniqueConstraint(
                fields=["source", "response", "code", "coder", "start", "end"],
                name="qualitative_coding_once",
            ),
            # NULL responses are distinct for the constraint above: documents need their own.
            models.UniqueConstraint(
                fields=["source", "code", "coder", "start", "end"],
                condition=Q(response__isnull=True),
                name="qualitative_document_coding_once",
            ),
        ]
        indexes = [models.Index(fields=["code", "coder"])]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"


class Memo(models.Model):
    """An analyst's note on a coded passage or on a code."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="memos")
    coding = models.ForeignKey(
        Coding, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qualitative_memos"
    )
    text = models.TextField(_("memo"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        constraints = [
            models.CheckConstraint(
                condition=Q(coding__isnull=False, code__isnull=True)
                | Q(coding__isnull=True, code__isnull=False),
                name="memo_on_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Verbatim(models.Model):
    """A passage marked as a quote for reports, pseudonymised by the analyst."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="verbatims")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="verbatims")
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    original = models.TextField(_("passage as said"))
    # [[what the analyst selected, what replaces it], ...] in the order they were applied.
    replacements = models.JSONField(_("replacements"), default=list, blank=True)
    text = models.TextField(_("quote"))
    attribution = models.CharField(
        _("attribution"),
        max_length=200,
        blank=True,
        help_text=_("How the speaker is presented, e.g. “Resident of Fives, 67”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verbatim")
        verbose_name_plural = _("verbatims")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="verbatim_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ThemeRun(models.Model):
    """Themes suggested for the open answers of a source, waiting for a person's review."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("theme run", "Queued")
        RUNNING = "running", pgettext_lazy("theme run", "Running")
        DONE = "done", pgettext_lazy("theme run", "Ready for review")
        FAILED = "failed", pgettext_lazy("theme run", "Failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="theme_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_themes = models.PositiveSmallIntegerField(
        _("number of themes"), null=True, blank=True, help_text=_("Empty: chosen automatically.")
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0)
    step = models.CharField(max_length=60, blank=True)
    answers = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} ({self.created_at:%Y-%m-%d})"


class SuggestedTheme(models.Model):
    """One suggested theme: what characterises it, and which answers it groups."""

    class Decision(models.TextChoices):
        PENDING = "pending", pgettext_lazy("theme", "To review")
        ACCEPTED = "accepted", pgettext_lazy("theme", "Turned into a code")
        DISCARDED = "discarded", pgettext_lazy("theme", "Discarded")

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("name"), max_length=120)
    top_terms = models.JSONField(default=list)
    # Ids of the responses, most representative first for the first few.
    examples = models.JSONField(default=list)
    response_ids = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    code = models.ForeignKey(Code, on_delete=models.SET_NULL, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label
