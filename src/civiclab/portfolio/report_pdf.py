"""The progress report as a one-page PDF in the lab's look."""

from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.platypus import Paragraph

from civiclab.budget.money import format_euros
from civiclab.core.rendering import pdf_bytes, pdf_styles
from civiclab.portfolio.progress import Progress


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def progress_pdf(progress: Progress) -> bytes:
    styles = pdf_styles()
    experiment = progress.experiment

    def para(text, style="body"):
        return Paragraph(escape(str(text)), styles[style])

    story = [
        para(experiment.title, "title"),
        para(_("Progress report of %(date)s") % {"date": _date(timezone.localdate())}, "small"),
        Paragraph(
            f"<b>{escape(_('Status'))} :</b> {escape(experiment.get_status_display())} · "
            f"<b>{escape(_('Territory'))} :</b> {escape(str(experiment.territory))} · "
            f"<b>{escape(_('Dates'))} :</b> {_date(experiment.start_date)} – "
            f"{_date(experiment.end_date)}",
            styles["body"],
        ),
        para(_("Milestones reached"), "h2"),
    ]
    story += [para(f"{_date(m.reached_on)} — {m.name}") for m in progress.milestones_done] or [
        para(_("None."), "small")
    ]
    story.append(para(_("Next milestones"), "h2"))
    story += [para(f"{_date(m.due_date)} — {m.name}") for m in progress.milestones_next] or [
        para(_("None."), "small")
    ]
    story.append(para(_("Tasks"), "h2"))
    story.append(
        para(
            _("%(done)s done, %(open)s under way, of which %(overdue)s overdue.")
            % {
                "done": progress.tasks_done,
                "open": progress.tasks_open,
                "overdue": progress.tasks_overdue,
            }
        )
    )
    if progress.decisions is not None:
        story.append(para(_("Last decisions"), "h2"))
        story += [
            para(f"{_date(d.meeting.starts_at)} ({d.meeting.title}) — {d.text}")
            for d in progress.decisions
        ] or [para(_("None."), "small")]
    if progress.next_meeting:
        story.append(para(_("Next meeting"), "h2"))
        story.append(
            para(f"{_date(progress.next_meeting.starts_at)} — {progress.next_meeting.title}")
        )
    if progress.budget is not None:
        budget = progress.budget
        story.append(para(_("Budget"), "h2"))
        story.append(
            para(
                _("Planned %(planned)s, committed %(committed)s, paid %(paid)s.")
                % {
                    "planned": format_euros(budget.planned),
                    "committed": format_euros(budget.committed),
                    "paid": format_euros(budget.paid),
                }
            )
        )
    return pdf_bytes(story, experiment.title)
