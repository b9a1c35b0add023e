"""The lab steering committee's monthly deck: every experiment under way on one page (status,
next milestone, late tasks, budget committed and paid), then each one's milestones and key
indicators against their targets."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from civiclab.analysis.display import shown
from civiclab.budget.selectors import budget_of
from civiclab.experiments.models import Experiment
from civiclab.impact.models import Indicator
from civiclab.portfolio.selectors import with_dashboard
from civiclab.reports import document as doc
from civiclab.reports.builder import look, results_of

FOLLOWED = (Experiment.Status.DESIGN, Experiment.Status.RUNNING, Experiment.Status.EVALUATION)


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}\u202f%"


def steering_deck() -> doc.Document:
    today = timezone.localdate()
    experiments = list(
        with_dashboard(
            Experiment.objects.filter(status__in=FOLLOWED).select_related("territory"),
            today,
            timezone.now(),
        ).order_by("status", "title")
    )
    budgets = {e.pk: budget_of(e).total for e in experiments}
    overview = doc.Table(
        title=_("Experiments under way"),
        headers=(
            _("Experiment"),
            _("Status"),
            _("Next milestone"),
            _("Late tasks"),
            _("Budget committed"),
            _("Budget paid"),
        ),
        rows=tuple(
            (
                e.title,
                e.get_status_display(),
                f"{_day(e.next_milestone_date)} — {e.next_milestone_name}"
                if e.next_milestone_name
                else "—",
                str(e.overdue_tasks),
                _percent(budgets[e.pk].consumed_percent),
                _percent(budgets[e.pk].paid_percent),
            )
            for e in experiments
        ),
    )
    blocks: list[doc.Block] = [overview]
    for experiment in experiments:
        blocks.extend(_experiment_pages(experiment, today))
    return doc.Document(
        title=_("Lab steering committee"),
        subtitle=date_format(today, "F Y").capitalize(),
        made_on=today,
        look=look(),
        blocks=tuple(blocks),
        footer=_("Internal document"),
    )


def _experiment_pages(experiment, today) -> list[doc.Block]:
    pages: list[doc.Block] = []
    milestones = experiment.milestones.order_by("due_date", "pk")
    items = tuple(
        doc.Milestone(
            _day(m.due_date),
            m.name,
            _("reached") if m.reached_on else (_("late") if m.due_date < today else _("planned")),
        )
        for m in milestones
    )
    if items:
        title = _("%(experiment)s — milestones") % {"experiment": experiment.title}
        pages.append(doc.Timeline(title, items))
    indicators = list(
        Indicator.objects.filter(experiment=experiment).order_by("impact__position", "position")
    )
    if indicators:
        results = results_of(experiment, weighted=False)
        rows = []
        for indicator in indicators:
            figures = shown(indicator, results.get(str(indicator.pk)) or {})
            rows.append(
                (
                    indicator.name,
                    figures.value,
                    figures.target if figures.target != "—" else "",
                    str(figures.n) if figures.n else "",
                )
            )
        pages.append(
            doc.Table(
                title=_("%(experiment)s — key indicators") % {"experiment": experiment.title},
                headers=(_("Indicator"), _("Value"), _("Target"), _("Answers")),
                rows=tuple(rows),
            )
        )
    return pages
