"""Questionnaires: versions own their sections, questions and choice lists."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The XLSForm rule for names: a letter or underscore first, then letters, digits, _ - or .
XLSFORM_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"
validate_xlsform_name = RegexValidator(
    XLSFORM_NAME_PATTERN,
    _(
        "A code starts with a letter or an underscore, followed by letters, digits, "
        "underscores, hyphens or dots (no spaces, no accents)."
    ),
    code="invalid_xlsform_name",
)


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        OPEN = "open", pgettext_lazy("questionnaire", "Open")
        CLOSED = "closed", pgettext_lazy("questionnaire", "Closed")

    experiment = models.ForeignKey(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title = models.CharField(_("title"), max_length=200)
    form_id = models.SlugField(_("form identifier"), max_length=80)
    default_language = models.CharField(_("default language"), max_length=8, default="fr")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "form_id"], name="unique_questionnaire_form_id"
            )
        ]

    def __str__(self):
        return self.title

    def current_version(self) -> "QuestionnaireVersion | None":
        return self.versions.order_by("-number").first()


class QuestionnaireVersion(models.Model):
    """A numbered state of a questionnaire. Answers point to a version; once answers exist
    the version is frozen and structural changes go to a new version."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    frozen = models.BooleanField(_("frozen"), default=False)

    class Meta:
        ordering = ["questionnaire", "number"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="unique_questionnaire_version_number"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    code = models.CharField(_("code"), max_length=100, validators=[validate_xlsform_name])
    label_fr = models.TextField(_("label (French)"), blank=True)
    label_en = models.TextField(_("label (English)"), blank=True)
    relevant = models.TextField(_("show if"), blank=True)
    appearance = models.CharField(_("appearance"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_section_code")
        ]

    def __str__(self):
        return self.label_fr or self.code

    @property
    def is_matrix(self) -> bool:
        """A matrix (rows × one scale) is a table-list group, as XLSForm and Kobo write it."""
        return "table-list" in self.appearance.split()


class ChoiceList(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="choice_lists",
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_xlsform_name])

    class Meta:
        ordering = ["version", "name"]
        verbose_name = _("choice list")
        verbose_name_plural = _("choice lists")
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="unique_choice_list_name")
        ]

    def __str__(self):
        return self.name


class Choice(models.Model):
    choice_list = models.ForeignKey(
        ChoiceList, verbose_name=_("choice list"), on_delete=models.CASCADE, related_name="choices"
    )
    value = models.CharField(_("value"), max_length=100)
    label_fr = models.TextField(_("label (French)"), blank=True)
    label_en = models.TextField(_("label (English)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    # Extra columns of the choices sheet, used by choice_filter expressions (e.g. {"commune": "x"}).
    filters = models.JSONField(_("filter columns"), default=dict, blank=True)

    class Meta:
        ordering = ["choice_list", "position"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["choice_list", "value"], name="unique_choice_value")
        ]

    def __str__(self):
        return self.label_fr or self.value


class Question(models.Model):
    class Type(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        SCALE = "scale", _("Scale (Likert)")
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        DATE = "date", _("Date")
        RANKING = "ranking", _("Ranking")
        YES_NO = "yes_no", _("Yes / no")
        NOTE = "note", _("Note (display only)")
        CALCULATE = "calculate", _("Calculation")

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
    )
    code = models.CharField(_("code"), max_length=100, validators=[validate_xlsform_name])
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    label_fr = models.TextField(_("label (French)"), blank=True)
    label_en = models.TextField(_("label (English)"), blank=True)
    hint_fr = models.TextField(_("hint (French)"), blank=True)
    hint_en = models.TextField(_("hint (English)"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    # Expressions are kept as XLSForm text, exactly as written: see decision 007.
    relevant = models.TextField(_("show if"), blank=True)
    constraint = models.TextField(_("constraint"), blank=True)
    constraint_message_fr = models.TextField(_("constraint message (French)"), blank=True)
    constraint_message_en = models.TextField(_("constraint message (English)"), blank=True)
    appearance = models.CharField(_("appearance"), max_length=100, blank=True)
    choice_list = models.ForeignKey(
        ChoiceList,
        verbose_name=_("choice list"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    choice_filter = models.TextField(_("choice filter"), blank=True)
    calculation = models.TextField(_("calculation"), blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    # Step of a range question; kept so a range exports back as a range.
    step = models.DecimalField(_("step"), max_digits=20, decimal_places=6, null=True, blank=True)
    max_choices = models.PositiveIntegerField(_("maximum number of choices"), null=True, blank=True)
    is_personal_data = models.BooleanField(
        _("personal data"),
        default=False,
        help_text=_("Answers to this question are stored apart and can be erased on request."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_question_code")
        ]

    def __str__(self):
        return self.code


class CommentThread(models.Model):
    """A co-construction discussion on a question (by its code, so it outlives versions) or on
    the questionnaire as a whole (empty code)."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="threads",
    )
    question_code = models.CharField(_("question code"), max_length=100, blank=True)
    version_number = models.PositiveIntegerField(_("version when opened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "created_at", "id"]
        verbose_name = _("comment thread")
        verbose_name_plural = _("comment threads")
        indexes = [models.Index(fields=["questionnaire", "question_code"])]

    def __str__(self):
        return f"{self.questionnaire} · {self.question_code or '—'} #{self.pk}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class Comment(models.Model):
    thread = models.ForeignKey(
        CommentThread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["thread", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:80]


class Approval(models.Model):
    """Someone approved a numbered version. A structural edit afterwards invalidates it."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    invalidated_at = models.DateTimeField(_("invalidated"), null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "-approved_at", "-id"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self):
        return f"{self.questionnaire} v{self.version.number}"
