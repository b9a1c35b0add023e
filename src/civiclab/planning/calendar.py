"""Calendar feeds (iCalendar, RFC 5545) of milestones, phases and task due dates."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//civiclab//planning//FR"


def _all_day_event(uid: str, summary: str, start, end=None, description: str = "", url=""):
    event = Event()
    event.add("uid", f"{uid}@civiclab")
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    # All-day events end on the day after their last day (DTEND is exclusive).
    event.add("dtend", (end or start) + timedelta(days=1))
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def build_calendar(
    name: str, phases: Iterable, milestones: Iterable, tasks: Iterable, link, show_owner=True
) -> bytes:
    """An iCalendar file; `link(obj)` gives the absolute address of an object's page.
    In a person's own feed every task is theirs, so `show_owner` is off."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for phase in phases:
        summary = f"{phase.experiment.title} — {phase.name}"
        calendar.add_component(
            _all_day_event(
                f"phase-{phase.pk}", summary, phase.start_date, phase.end_date, url=link(phase)
            )
        )
    for milestone in milestones:
        summary = f"◆ {milestone.name} ({milestone.experiment.title})"
        calendar.add_component(
            _all_day_event(
                f"milestone-{milestone.pk}", summary, milestone.due_date, url=link(milestone)
            )
        )
    for task in tasks:
        if task.due_date is None:
            continue
        owner = f" — {task.owner}" if task.owner and show_owner else ""
        summary = f"{task.title} ({task.experiment.title}){owner}"
        calendar.add_component(
            _all_day_event(
                f"task-{task.pk}",
                summary,
                task.due_date,
                description=task.description,
                url=link(task),
            )
        )
    return calendar.to_ical()
