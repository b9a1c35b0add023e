"""State changes of meetings. Each is atomic and audited."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.meetings.models import AgendaItem, AgendaSection, Attendance, Meeting, Outcome

Kind = Meeting.Kind
Status = Meeting.Status

# Agenda templates: (section, [(item, minutes)]). A COPIL starts with the actions of the last
# one; the open actions themselves are listed by carried_actions(), not copied.
AGENDA_TEMPLATES = {
    Kind.COPIL: [
        (
            gettext_lazy("Follow-up of the last meeting's actions"),
            [(gettext_lazy("Open actions"), 15)],
        ),
        (
            gettext_lazy("Progress of the experiment"),
            [(gettext_lazy("Milestones reached and next steps"), 20)],
        ),
        (gettext_lazy("Budget"), [(gettext_lazy("Spending against plan"), 10)]),
        (gettext_lazy("Indicators"), [(gettext_lazy("First results"), 20)]),
        (gettext_lazy("Decisions to take"), []),
    ],
    Kind.COTECH: [
        (
            gettext_lazy("Follow-up of the last meeting's actions"),
            [(gettext_lazy("Open actions"), 10)],
        ),
        (gettext_lazy("Technical points"), []),
        (gettext_lazy("Next steps"), [(gettext_lazy("Who does what by when"), 10)]),
    ],
    Kind.LAB_COMMITTEE: [
        (
            gettext_lazy("Round of the experiments"),
            [(gettext_lazy("Status, milestones, budget"), 45)],
        ),
        (gettext_lazy("New proposals"), []),
        (gettext_lazy("Replication"), []),
    ],
    Kind.WORKSHOP: [
        (gettext_lazy("Welcome"), [(gettext_lazy("Round of introductions"), 15)]),
        (gettext_lazy("Work in groups"), []),
        (gettext_lazy("Feedback to all"), [(gettext_lazy("What each group found"), 20)]),
    ],
    Kind.OTHER: [],
}

# Which status may follow which; a held meeting is closed once its minutes are final.
STATUS_FLOW = {
    Status.DRAFT: [Status.PLANNED],
    Status.PLANNED: [Status.HELD, Status.DRAFT],
    Status.HELD: [Status.CLOSED],
    Status.CLOSED: [],
}


class MeetingStatusRefused(Exception):
    pass


@transaction.atomic
@in_site_language
def create_meeting(actor, form, experiment, use_template: bool) -> Meeting:
    meeting = form.save(commit=False)
    meeting.experiment = experiment
    meeting.created_by = actor
    meeting.save()
    if use_template:
        for position, (title, items) in enumerate(AGENDA_TEMPLATES[meeting.kind]):
            section = AgendaSection.objects.create(
                meeting=meeting, title=str(title), position=position
            )
            for item_position, (item, minutes) in enumerate(items):
                AgendaItem.objects.create(
                    section=section,
                    title=str(item),
                    duration_minutes=minutes,
                    position=item_position,
                )
    record(actor, AuditEvent.Action.CREATED, meeting, experiment)
    return meeting


@transaction.atomic
@in_site_language
def change_status(actor, meeting: Meeting, new_status: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if new_status not in STATUS_FLOW.get(meeting.status, []):
        raise MeetingStatusRefused(
            _("A meeting cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": meeting.get_status_display(),
                "new": Status(new_status).label if new_status in Status.values else new_status,
            }
        )
    old = meeting.get_status_display()
    meeting.status = new_status
    meeting.save(update_fields=["status"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        meeting,
        meeting.experiment,
        {"status": [old, meeting.get_status_display()]},
    )
    return meeting


@transaction.atomic
@in_site_language
def add_section(actor, meeting: Meeting, title: str) -> AgendaSection:
    last = meeting.sections.aggregate(last=Max("position"))["last"]
    section = AgendaSection.objects.create(meeting=meeting, title=title, position=(last or 0) + 1)
    record(actor, AuditEvent.Action.CREATED, section, meeting.experiment)
    return section


@transaction.atomic
@in_site_language
def add_item(actor, section: AgendaSection, form) -> AgendaItem:
    item = form.save(commit=False)
    item.section = section
    last = section.items.aggregate(last=Max("position"))["last"]
    item.position = (last or 0) + 1
    item.save()
    record(actor, AuditEvent.Action.CREATED, item, section.meeting.experiment)
    return item


@transaction.atomic
@in_site_language
def write_minutes(actor, item: AgendaItem, minutes: str) -> AgendaItem:
    item.minutes = minutes.replace("\r\n", "\n").strip()
    item.save(update_fields=["minutes"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        item,
        item.section.meeting.experiment,
        {"minutes": [None, item.minutes[:200]]},
    )
    return item


@transaction.atomic
@in_site_language
def add_outcome(actor, meeting: Meeting, form, item: AgendaItem | None) -> Outcome:
    outcome = form.save(commit=False)
    outcome.meeting = meeting
    outcome.item = item
    if outcome.kind != Outcome.Kind.ACTION:
        outcome.owner, outcome.due_date = None, None
    outcome.save()
    record(
        actor,
        AuditEvent.Action.CREATED,
        outcome,
        meeting.experiment,
        {"kind": [None, outcome.get_kind_display()]},
    )
    return outcome


@transaction.atomic
@in_site_language
def set_outcome_status(actor, outcome: Outcome, status: str) -> Outcome:
    outcome.status = status
    outcome.done_on = timezone.localdate() if status == Outcome.Status.DONE else None
    outcome.save(update_fields=["status", "done_on"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        outcome,
        outcome.meeting.experiment,
        {"status": [None, outcome.get_status_display()]},
    )
    return outcome


@transaction.atomic
@in_site_language
def invite(actor, meeting: Meeting, person=None, organisation=None) -> Attendance:
    if person is not None:
        attendance, _created = Attendance.objects.get_or_create(meeting=meeting, person=person)
    else:
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, organisation=organisation, person=None
        )
    record(actor, AuditEvent.Action.CREATED, attendance, meeting.experiment)
    return attendance


@transaction.atomic
@in_site_language
def set_attendance(actor, attendance: Attendance, status: str) -> Attendance:
    attendance.status = status
    attendance.save(update_fields=["status"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        attendance,
        attendance.meeting.experiment,
        {"status": [None, attendance.get_status_display()]},
    )
    return attendance


def carried_actions(meeting: Meeting):
    """Open actions decided at earlier meetings of the same experiment (or of the lab, for its
    own meetings): they stay on every next agenda until someone marks them done."""
    return (
        Outcome.objects.filter(
            kind=Outcome.Kind.ACTION,
            status=Outcome.Status.OPEN,
            meeting__experiment=meeting.experiment,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .select_related("owner", "meeting")
        .order_by("due_date", "id")
    )


@transaction.atomic
@in_site_language
def link_document(actor, item: AgendaItem, document) -> None:
    item.documents.add(document)
    record(
        actor,
        AuditEvent.Action.CHANGED,
        item,
        item.section.meeting.experiment,
        {"documents": [None, str(document)]},
    )


@transaction.atomic
@in_site_language
def update_item(actor, form) -> AgendaItem:
    item = form.save()
    changes = {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data}
    record(actor, AuditEvent.Action.CHANGED, item, item.section.meeting.experiment, changes)
    return item


@transaction.atomic
@in_site_language
def delete_item(actor, item: AgendaItem) -> None:
    record(actor, AuditEvent.Action.DELETED, item, item.section.meeting.experiment)
    item.delete()


@transaction.atomic
def move_item(actor, item: AgendaItem, step: int) -> None:
    """Move an item one place up (-1) or down (+1) within its section."""
    siblings = list(item.section.items.select_for_update().order_by("position", "id"))
    index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
