"""Reference populations (census margins of a territory) and the cache of computed results."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civiclab.experiments.models import Experiment, Territory


class ReferencePopulation(models.Model):
    """The population of a territory by age band, sex, PCS, diploma, QPV residence...: what
    participants are compared with, and what their answers are weighted to."""

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.CASCADE,
        related_name="populations",
    )
    label = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["territory", "-year", "label"]
        verbose_name = _("reference population")
        verbose_name_plural = _("reference populations")

    def __str__(self):
        return self.label


class PopulationMargin(models.Model):
    """How many people of the territory fall in one category of one variable. The variable
    is a question code of the question bank (sexe, tranche_age, pcs, diplome, qpv) and the
    category one of its choice values, so answers match margins without any mapping."""

    population = models.ForeignKey(
        ReferencePopulation,
        verbose_name=_("reference population"),
        on_delete=models.CASCADE,
        related_name="margins",
    )
    variable = models.CharField(_("variable"), max_length=100)
    category = models.CharField(_("category"), max_length=100)
    count = models.FloatField(
        _("weight in the population"),
        help_text=_("A number of people or a share: only the proportions matter."),
    )

    class Meta:
        ordering = ["population", "variable", "pk"]
        verbose_name = _("population margin")
        verbose_name_plural = _("population margins")
        constraints = [
            models.UniqueConstraint(
                fields=["population", "variable", "category"], name="unique_population_margin"
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="population_margin_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.variable}={self.category}: {self.count:g}"


class AnswersRevision(models.Model):
    """Bumped whenever an experiment's answers change (stored, imported, corrected, erased):
    cached results computed at an older revision are stale."""

    experiment = models.OneToOneField(
        Experiment, on_delete=models.CASCADE, related_name="answers_revision"
    )
    revision = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.experiment_id}@{self.revision}"


class CachedResult(models.Model):
    """A computed result (a dashboard, a question's summaries) kept until answers change."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="cached_results"
    )
    key = models.CharField(max_length=200)
    stamp = models.CharField(max_length=100)  # the answers' state it was computed from
    data = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["experiment", "key"], name="unique_cached_result")
        ]

    def __str__(self):
        return f"{self.key}@{self.stamp}"
