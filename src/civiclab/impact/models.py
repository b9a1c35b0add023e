"""The impact framework of an experiment: impacts sought, their indicators, manual values, and
the lab-wide library of standard indicators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civiclab.accounts.models import Person
from civiclab.experiments.models import Experiment, Hypothesis
from civiclab.surveys.models import Question, Questionnaire

QType = Question.Type


class Kind(models.TextChoices):
    """How an indicator's value is obtained."""

    SHARE = "share", pgettext_lazy("indicator kind", "Share of answers")
    MEAN = "mean", pgettext_lazy("indicator kind", "Mean")
    MEDIAN = "median", pgettext_lazy("indicator kind", "Median")
    COUNT = "count", pgettext_lazy("indicator kind", "Number of answers")
    RATIO = "ratio", pgettext_lazy("indicator kind", "Ratio of two indicators")
    MANUAL = "manual", pgettext_lazy("indicator kind", "Values entered by hand")


# Kinds computed from the answers to a questionnaire, and the question types each accepts.
QUESTION_KINDS = {Kind.SHARE, Kind.MEAN, Kind.MEDIAN, Kind.COUNT}
COMPATIBLE_TYPES = {
    Kind.SHARE: {QType.SINGLE_CHOICE, QType.MULTIPLE_CHOICE, QType.YES_NO, QType.SCALE},
    Kind.MEAN: {QType.INTEGER, QType.DECIMAL, QType.SCALE},
    Kind.MEDIAN: {QType.INTEGER, QType.DECIMAL, QType.SCALE},
    # Counting answers to a question works for any question that takes an answer.
    Kind.COUNT: set(QType.values) - {QType.NOTE},
}
# Questions that put each respondent in one group, so they can split or filter a result.
GROUPING_TYPES = {QType.SINGLE_CHOICE, QType.YES_NO, QType.SCALE}


class Impact(models.Model):
    """A change the experiment seeks, for one group of stakeholders."""

    class Level(models.TextChoices):
        OUTPUT = "output", pgettext_lazy("impact level", "Output")
        OUTCOME = "outcome", pgettext_lazy("impact level", "Outcome")
        IMPACT = "impact", pgettext_lazy("impact level", "Impact")

    class Stakeholder(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        RESIDENTS = "residents", _("Residents")
        ELECTED = "elected", _("Elected officials")
        AGENTS = "agents", _("Agents")
        ASSOCIATIONS = "associations", _("Associations")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="impacts")
    # Hypotheses are retired rather than deleted, so SET_NULL only matters if an experiment's
    # data is purged; PROTECT would then block the deletion of the whole experiment.
    hypothesis = models.ForeignKey(
        Hypothesis,
        verbose_name=_("hypothesis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impacts",
        help_text=_("The protocol hypothesis this impact puts to the test, if any yet."),
    )
    title = models.CharField(_("impact sought"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.OUTCOME
    )
    stakeholder = models.CharField(
        _("stakeholder group"),
        max_length=16,
        choices=Stakeholder.choices,
        default=Stakeholder.PARTICIPANTS,
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("impact sought")
        verbose_name_plural = _("impacts sought")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("impact:framework", args=[self.experiment.slug]) + f"#impact-{self.pk}"

    def clean(self):
        if self.hypothesis_id and self.hypothesis.experiment_id != self.experiment_id:
            raise ValidationError(
                {"hypothesis": _("Choose a hypothesis of this experiment's protocol.")}
            )


class LibraryIndicator(models.Model):
    """A standard indicator of the lab, to compare the same measure across experiments."""

    class Category(models.TextChoices):
        PARTICIPATION = "participation", _("Participation")
        DIVERSITY = "diversity", _("Diversity of participants")
        DELIBERATIVE_QUALITY = "deliberative_quality", _("Deliberative quality (OECD)")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    category = models.CharField(
        _("category"), max_length=24, choices=Category.choices, default=Category.OTHER
    )
    kind = models.CharField(_("calculation"), max_length=16, choices=Kind.choices)
    question_code = models.CharField(
        _("question code"),
        max_length=100,
        blank=True,
        help_text=_("The code of the standard question in the question bank."),
    )
    options = models.JSONField(_("answers counted"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["category", "position", "id"]
        verbose_name = _("library indicator")
        verbose_name_plural = _("library indicators")

    def __str__(self):
        return self.name


def current_questions(questionnaire: Questionnaire | None) -> dict[str, Question]:
    """The questions of the questionnaire's current version by code, with their choices."""
    if questionnaire is None:
        return {}
    version = questionnaire.current_version()
    if version is None:
        return {}
    questions = version.questions.select_related("choice_list").prefetch_related(
        "choice_list__choices"
    )
    return {q.code: q for q in questions}


def choice_values(question: Question) -> list[str]:
    if question.choice_list is None:
        return []
    return [c.value for c in question.choice_list.choices.all()]


class Indicator(models.Model):
    """How one impact is measured: a formula over survey answers, a ratio, or hand-entered
    values, with its baseline and target."""

    class Frequency(models.TextChoices):
        ONCE = "once", _("Once")
        PER_WAVE = "per_wave", _("At each survey wave")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="indicators")
    # RESTRICT: an impact's indicators are deleted on purpose first, never along with it
    # (deleting the whole experiment still cascades).
    impact = models.ForeignKey(
        Impact,
        verbose_name=_("impact sought"),
        on_delete=models.RESTRICT,
        related_name="indicators",
    )
    library_indicator = models.ForeignKey(
        LibraryIndicator,
        verbose_name=_("library indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("For example: %, people, €.")
    )
    kind = models.CharField(
        _("calculation"), max_length=16, choices=Kind.choices, default=Kind.SHARE
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    # The code, not the question row: questions are copied into each new version and their
    # code is what stays the same from one version to the next.
    question_code = models.CharField(_("question code"), max_length=100, blank=True)
    options = models.JSONField(
        _("answers counted"),
        default=list,
        blank=True,
        help_text=_("For a share: the answers whose share is measured."),
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    subgroup_code = models.CharField(
        _("only among respondents who answered"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to count every respondent."),
    )
    subgroup_options = models.JSONField(_("subgroup answers"), default=list, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_note = models.CharField(
        _("baseline source"),
        max_length=200,
        blank=True,
        help_text=_("Where the baseline comes from, e.g. “wave before, spring 2026”."),
    )
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    breakdowns = models.JSONField(
        _("breakdowns"),
        default=list,
        blank=True,
        help_text=_("Questions by which the result is also shown: age band, sex, QPV..."),
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, blank=True
    )
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("impact:indicator", args=[self.experiment.slug, self.pk])

    @property
    def is_question_based(self) -> bool:
        return self.kind in QUESTION_KINDS

    @property
    def is_manual(self) -> bool:
        return self.kind == Kind.MANUAL

    def clean(self):
        errors: dict[str, list] = {}

        def error(field, message):
            errors.setdefault(field, []).append(message)

        if self.impact_id and self.impact.experiment_id != self.experiment_id:
            error("impact", _("Choose an impact of this experiment."))
        if self.is_question_based:
            self._clean_question(error)
        else:
            if self.questionnaire_id or self.question_code or self.options:
                error(
                    "questionnaire",
                    _("Only an indicator computed from answers has a questionnaire."),
                )
            if self.breakdowns or self.subgroup_code:
                error("breakdowns", _("Only an indicator computed from answers is broken down."))
        if self.kind == Kind.RATIO:
            self._clean_ratio(error)
        elif self.numerator_id or self.denominator_id:
            error("numerator", _("Only a ratio has a numerator and a denominator."))
        if errors:
            raise ValidationError(errors)

    def _clean_question(self, error) -> None:
        if self.questionnaire_id is None:
            error("questionnaire", _("Choose the questionnaire whose answers are counted."))
            return
        if self.questionnaire.experiment_id != self.experiment_id:
            error("questionnaire", _("Choose a questionnaire of this experiment."))
            return
        questions = current_questions(self.questionnaire)
        question = questions.get(self.question_code) if self.question_code else None
        if self.question_code and question is None:
            error(
                "question_code",
                _("The current version of “%(questionnaire)s” has no question “%(code)s”.")
                % {"questionnaire": self.questionnaire, "code": self.question_code},
            )
        elif question is None and self.kind != Kind.COUNT:
            error("question_code", _("Choose the question."))
        elif question is not None and question.type not in COMPATIBLE_TYPES[self.kind]:
            error(
                "question_code",
                _("A “%(kind)s” cannot be computed on a question of type “%(type)s”.")
                % {"kind": self.get_kind_display(), "type": question.get_type_display()},
            )
        elif self.kind == Kind.SHARE:
            self._clean_options(question, error)
        if self.kind != Kind.SHARE and self.options:
            error("options", _("Only a share counts chosen answers."))
        for code in self.breakdowns or []:
            if not _groups_respondents(questions.get(code)):
                error(
                    "breakdowns",
                    _("“%(code)s” is not a choice question of this questionnaire.")
                    % {"code": code},
                )
        self._clean_subgroup(questions, error)

    def _clean_options(self, question: Question, error) -> None:
        if not self.options:
            error("options", _("Tick at least one answer to count."))
            return
        unknown = [o for o in self.options if o not in choice_values(question)]
        if unknown:
            error(
                "options",
                _("These answers are not choices of the question: %(values)s.")
                % {"values": ", ".join(map(str, unknown))},
            )

    def _clean_subgroup(self, questions: dict[str, Question], error) -> None:
        if not self.subgroup_code:
            if self.subgroup_options:
                error("subgroup_code", _("Choose the question that defines the subgroup."))
            return
        question = questions.get(self.subgroup_code)
        if not _groups_respondents(question):
            error(
                "subgroup_code",
                _("“%(code)s” is not a choice question of this questionnaire.")
                % {"code": self.subgroup_code},
            )
            return
        if not self.subgroup_options:
            error("subgroup_options", _("Tick the answers that define the subgroup."))
        elif any(o not in choice_values(question) for o in self.subgroup_options):
            error("subgroup_options", _("These answers are not choices of the question."))

    def _clean_ratio(self, error) -> None:
        if self.numerator_id is None or self.denominator_id is None:
            error("numerator", _("A ratio needs a numerator and a denominator."))
            return
        if self.numerator_id == self.denominator_id:
            error("denominator", _("The numerator and the denominator must differ."))
        for field in ("numerator", "denominator"):
            other = getattr(self, field)
            if other.experiment_id != self.experiment_id:
                error(field, _("Choose an indicator of this experiment."))
            elif self.pk is not None and _depends_on(other, self.pk):
                error(field, _("This ratio would depend on itself."))

    def question(self) -> Question | None:
        return current_questions(self.questionnaire).get(self.question_code)


def _groups_respondents(question: Question | None) -> bool:
    return question is not None and question.type in GROUPING_TYPES


def _depends_on(indicator: Indicator, pk: int) -> bool:
    """Whether `indicator` is `pk` or is computed, through ratios, from `pk`."""
    seen, stack = set(), [indicator]
    while stack:
        current = stack.pop()
        if current.pk == pk:
            return True
        if current.pk in seen:  # a loop already in the data: stop rather than spin
            continue
        seen.add(current.pk)
        if current.kind == Kind.RATIO:
            stack += [i for i in (current.numerator, current.denominator) if i is not None]
    return False


class Measurement(models.Model):
    """A value of a manual indicator. Never changed: a correction is a newer measurement."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    measured_on = models.DateField(_("measured on"))
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("For example: the sign-in sheet of the public meeting."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["measured_on", "recorded_at", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self):
        return f"{self.indicator} — {self.measured_on:%d/%m/%Y} : {self.value.normalize():f}"
