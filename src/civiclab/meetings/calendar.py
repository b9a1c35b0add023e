"""The .ics invitation of a meeting (RFC 5545 / iTIP REQUEST), for any calendar application."""

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def invitation_ics(meeting, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//civiclab//meetings//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@civiclab")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    agenda = [
        f"{section.title}: " + ", ".join(item.title for item in section.items.all())
        for section in meeting.sections.prefetch_related("items")
    ]
    event.add("description", "\n".join([*agenda, url]))
    for attendance in meeting.attendances.select_related("person__user"):
        person = attendance.person
        email = person and (person.email or (person.user.email if person.user else ""))
        if email:
            attendee = vCalAddress(f"mailto:{email}")
            attendee.params["cn"] = vText(str(person))
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
