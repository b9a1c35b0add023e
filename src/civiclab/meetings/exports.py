"""Minutes of a meeting as DOCX and PDF, readable by someone who was not there."""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from civiclab.core.rendering import LAB_COLOUR, docx_bytes, docx_document, pdf_bytes, pdf_styles
from civiclab.meetings.models import Attendance, Meeting, Outcome
from civiclab.meetings.services import carried_actions


@dataclass
class ItemMinutes:
    title: str
    presenter: str
    minutes: str
    outcomes: list[tuple[str, str]]  # (kind label, text with owner and due date)
    documents: list[str] = field(default_factory=list)


@dataclass
class Minutes:
    title: str
    facts: list[tuple[str, str]]
    attendance: list[tuple[str, list[str]]]
    sections: list[tuple[str, list[ItemMinutes]]]
    decisions: list[str] = field(default_factory=list)
    actions: list[tuple[str, str, str]] = field(default_factory=list)  # text, owner, due
    carried: list[tuple[str, str, str]] = field(default_factory=list)


def _action_line(outcome: Outcome) -> str:
    parts = [outcome.text]
    if outcome.owner:
        parts.append(_("owner: %s") % outcome.owner)
    if outcome.due_date:
        parts.append(
            _("by %(date)s") % {"date": date_format(outcome.due_date, "SHORT_DATE_FORMAT")}
        )
    return " — ".join(parts)


def _due(outcome: Outcome) -> str:
    return date_format(outcome.due_date, "SHORT_DATE_FORMAT") if outcome.due_date else "—"


def minutes_of(meeting: Meeting) -> Minutes:
    """Everything the minutes say, gathered once for both formats."""
    starts = timezone.localtime(meeting.starts_at)
    facts = [
        (_("Meeting"), meeting.get_kind_display()),
        (_("Date"), date_format(starts, "DATETIME_FORMAT")),
        (_("Place"), meeting.location or "—"),
    ]
    if meeting.experiment:
        facts.insert(0, (_("Experiment"), meeting.experiment.title))
    attendances = list(meeting.attendances.select_related("person__organisation", "organisation"))
    attendance = []
    for status, label in Attendance.Status.choices:
        names = [_attendee(a) for a in attendances if a.status == status]
        if names:
            attendance.append((str(label), names))
    minutes = Minutes(meeting.title, facts, attendance, [])
    outcomes = Outcome.objects.select_related("owner")
    prefetch = ("items__presenter", "items__outcomes__owner", "items__documents")
    for section in meeting.sections.prefetch_related(*prefetch):
        items = []
        for item in section.items.all():
            lines = [
                (o.get_kind_display(), _action_line(o) if o.kind == "action" else o.text)
                for o in item.outcomes.all()
            ]
            documents = [d.name for d in item.documents.all() if d.deleted_at is None]
            presenter = str(item.presenter or "")
            items.append(ItemMinutes(item.title, presenter, item.minutes, lines, documents))
        minutes.sections.append((section.title, items))
    for outcome in outcomes.filter(meeting=meeting).order_by("id"):
        if outcome.kind == Outcome.Kind.DECISION:
            minutes.decisions.append(outcome.text)
        elif outcome.kind == Outcome.Kind.ACTION:
            minutes.actions.append((outcome.text, str(outcome.owner or "—"), _due(outcome)))
    minutes.carried = [(a.text, str(a.owner or "—"), _due(a)) for a in carried_actions(meeting)]
    return minutes


def _attendee(attendance: Attendance) -> str:
    if attendance.person:
        organisation = attendance.person.organisation
        return f"{attendance.person} ({organisation})" if organisation else str(attendance.person)
    return str(attendance.organisation)


def minutes_docx(minutes: Minutes) -> bytes:
    document = docx_document(minutes.title)
    for label, value in minutes.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} : ").bold = True
        paragraph.add_run(value)
    if minutes.attendance:
        document.add_heading(_("Attendance"), level=1)
        for label, names in minutes.attendance:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label} : ").bold = True
            paragraph.add_run(", ".join(names))
    _docx_table(document, _("Decisions"), [_("Decision")], [[d] for d in minutes.decisions])
    _docx_table(document, _("Actions"), [_("Action"), _("Owner"), _("Due date")], minutes.actions)
    document.add_heading(_("Minutes, item by item"), level=1)
    for number, (section, items) in enumerate(minutes.sections, start=1):
        document.add_heading(f"{number}. {section}", level=2)
        for item in items:
            document.add_heading(
                item.title + (f" ({item.presenter})" if item.presenter else ""), level=3
            )
            if item.documents:
                document.add_paragraph(_("Documents: %s") % ", ".join(item.documents))
            for paragraph in (item.minutes or _("No minutes.")).split("\n"):
                document.add_paragraph(paragraph)
            for kind, text in item.outcomes:
                run_paragraph = document.add_paragraph(style="List Bullet")
                run_paragraph.add_run(f"{kind} : ").bold = True
                run_paragraph.add_run(text)
    _docx_table(
        document,
        _("Actions still open from earlier meetings"),
        [_("Action"), _("Owner"), _("Due date")],
        minutes.carried,
    )
    return docx_bytes(document)


def _docx_table(document, title: str, headers: list[str], rows) -> None:
    if not rows:
        return
    document.add_heading(title, level=1)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value


def minutes_pdf(minutes: Minutes) -> bytes:
    styles = pdf_styles()

    def para(text: str, style: str = "body") -> Paragraph:
        # User text is escaped: ReportLab would otherwise read tags in it.
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])

    story = [para(minutes.title, "title")]
    story += [
        Paragraph(f"<b>{escape(label)} :</b> {escape(value)}", styles["body"])
        for label, value in minutes.facts
    ]
    if minutes.attendance:
        story.append(para(_("Attendance"), "h2"))
        story += [
            Paragraph(f"<b>{escape(label)} :</b> {escape(', '.join(names))}", styles["body"])
            for label, names in minutes.attendance
        ]
    story += _pdf_table(_("Decisions"), [_("Decision")], [[d] for d in minutes.decisions], styles)
    story += _pdf_table(
        _("Actions"), [_("Action"), _("Owner"), _("Due date")], minutes.actions, styles
    )
    story.append(para(_("Minutes, item by item"), "h2"))
    for number, (section, items) in enumerate(minutes.sections, start=1):
        story.append(para(f"{number}. {section}", "h3"))
        for item in items:
            heading = item.title + (f" ({item.presenter})" if item.presenter else "")
            story.append(Paragraph(f"<b>{escape(heading)}</b>", styles["body"]))
            if item.documents:
                story.append(para(_("Documents: %s") % ", ".join(item.documents), "small"))
            story.append(
                para(item.minutes or _("No minutes."), "body" if item.minutes else "small")
            )
            story += [
                Paragraph(f"• <b>{escape(kind)} :</b> {escape(text)}", styles["body"])
                for kind, text in item.outcomes
            ]
            story.append(Spacer(1, 4))
    story += _pdf_table(
        _("Actions still open from earlier meetings"),
        [_("Action"), _("Owner"), _("Due date")],
        minutes.carried,
        styles,
    )
    return pdf_bytes(story, minutes.title)


def _pdf_table(title: str, headers: list[str], rows, styles) -> list:
    if not rows:
        return []
    data = [[Paragraph(f"<b>{escape(h)}</b>", styles["body"]) for h in headers]]
    data += [[Paragraph(escape(value), styles["body"]) for value in row] for row in rows]
    widths = [None] * len(headers) if len(headers) == 1 else [260, 120, 70]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(LAB_COLOUR)),
                ("GRID", (0, 1), (-1, -1), 0.25, colors.HexColor("#D5D9DE")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Paragraph(escape(title), styles["h2"]), table]
