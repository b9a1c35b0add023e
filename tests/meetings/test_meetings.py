"""Meetings: templates, agenda durations, minutes, outcomes, actions carried, permissions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from civiclab.experiments.models import Membership
from civiclab.meetings.models import AgendaItem, Attendance, Meeting, Outcome
from civiclab.meetings.services import carried_actions
from tests.conftest import give_role, make_user

NOW = timezone.now()


def _create(client, experiment, **fields):
    data = {
        "kind": "copil",
        "title": "COPIL de lancement",
        "starts_at": (NOW + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 90,
        "location": "Mairie",
        "use_template": "on",
        **fields,
    }
    response = client.post(reverse("meetings:new", args=[experiment.slug]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Meeting.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_copil_from_template_starts_with_the_actions_followup(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    sections = list(meeting.sections.values_list("title", flat=True))
    assert len(sections) == 5
    assert sections[0] == "Suivi des actions de la dernière réunion"
    # 15 + 20 + 10 + 20 minutes of template items, in a 90-minute meeting: over time.
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "65 min" in page and "90 min" in page
    assert "plus long que la réunion" not in page
    section = meeting.sections.last()
    client.post(
        reverse("meetings:item_add", args=[meeting.pk, section.pk]),
        {"title": "Valider le calendrier", "duration_minutes": 30},
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "95 min" in page and "plus long que la réunion" in page


def test_minutes_decision_and_action_then_carried_to_the_next_meeting(
    client, coordinator_a, experiment_a
):
    client.force_login(coordinator_a)
    first = _create(
        client, experiment_a, starts_at=(NOW - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    )
    item = AgendaItem.objects.filter(section__meeting=first).first()
    client.post(
        reverse("meetings:item_minutes", args=[first.pk, item.pk]), {"minutes": "On a parlé."}
    )
    url = reverse("meetings:item_outcome_add", args=[first.pk, item.pk])
    client.post(url, {"kind": "decision", "text": "On indemnise les tirés au sort."})
    client.post(
        url,
        {
            "kind": "action",
            "text": "Rédiger la délibération.",
            "owner": coordinator_a.person.pk,
            "due_date": "2026-12-15",
        },
    )
    item.refresh_from_db()
    assert item.minutes == "On a parlé."
    assert list(item.outcomes.values_list("kind", flat=True)) == ["decision", "action"]

    second = _create(client, experiment_a, title="COPIL suivant")
    assert [a.text for a in carried_actions(second)] == ["Rédiger la délibération."]
    assert "Rédiger la délibération." in client.get(second.get_absolute_url()).content.decode()

    action = Outcome.objects.get(kind="action")
    client.post(reverse("meetings:outcome_status", args=[second.pk, action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == timezone.localdate()
    assert list(carried_actions(second)) == []


def test_action_without_owner_is_refused(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    response = client.post(
        reverse("meetings:outcome_add", args=[meeting.pk]),
        {"kind": "action", "text": "Faire"},
        follow=True,
    )
    assert "Rien n&#x27;a été enregistré" in response.content.decode()
    assert not Outcome.objects.exists()


def test_status_flow(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    url = reverse("meetings:status", args=[meeting.pk])
    client.post(url, {"status": "closed"})  # draft cannot jump to closed
    meeting.refresh_from_db()
    assert meeting.status == "draft"
    for status in ("planned", "held", "closed"):
        client.post(url, {"status": status})
        meeting.refresh_from_db()
        assert meeting.status == status


def test_attendance_and_ics_invitation(client, coordinator_a, experiment_a, organisation):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    client.post(
        reverse("meetings:attendance_add", args=[meeting.pk]), {"person": coordinator_a.person.pk}
    )
    client.post(
        reverse("meetings:attendance_add", args=[meeting.pk]), {"organisation": organisation.pk}
    )
    attendance = Attendance.objects.get(person=coordinator_a.person)
    client.post(
        reverse("meetings:attendance_set", args=[meeting.pk, attendance.pk]), {"status": "present"}
    )
    attendance.refresh_from_db()
    assert attendance.status == "present"
    assert meeting.attendances.count() == 2

    calendar = Calendar.from_ical(
        client.get(reverse("meetings:invite_ics", args=[meeting.pk])).content
    )
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["summary"]) == "COPIL de lancement"
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(minutes=90)
    assert str(event["attendee"]) == "mailto:coordinatrice@exemple.fr"
    assert str(calendar["method"]) == "REQUEST"


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [
        (Membership.Role.COORDINATOR, 200, 302),
        (Membership.Role.PARTNER, 200, 403),
        (Membership.Role.OBSERVER, 403, 403),
        (None, 404, 404),
    ],
)
def test_meeting_permissions(client, coordinator_a, experiment_a, role, view, edit):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    user = make_user("someone")
    if role:
        give_role(user, experiment_a, role)
    client.force_login(user)
    assert client.get(meeting.get_absolute_url()).status_code == view
    response = client.post(reverse("meetings:section_add", args=[meeting.pk]), {"title": "Intrus"})
    assert response.status_code == edit
    assert meeting.sections.filter(title="Intrus").exists() == (edit == 302)


def test_partner_of_b_cannot_see_a_meetings(client, coordinator_a, partner_b, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    client.force_login(partner_b)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:invite_ics", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:experiment", args=[experiment_a.slug])).status_code == 404


def test_lab_meetings_are_for_lab_staff(client, lab_admin, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("meetings:lab")).status_code == 403
    client.force_login(lab_admin)
    data = {
        "kind": "lab_committee",
        "title": "Comité du lab",
        "starts_at": (NOW + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 120,
        "use_template": "on",
    }
    response = client.post(reverse("meetings:lab_new"), data)
    meeting = Meeting.objects.get(title="Comité du lab")
    assert response.status_code == 302 and meeting.experiment is None
    client.force_login(coordinator_a)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_bad_meeting_form_saves_nothing(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    data = {"kind": "copil", "title": "", "starts_at": "pas une date", "duration_minutes": -5}
    response = client.post(reverse("meetings:new", args=[experiment_a.slug]), data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def _meeting_with_minutes(client, experiment, person):
    meeting = _create(client, experiment)
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    client.post(
        reverse("meetings:item_minutes", args=[meeting.pk, item.pk]),
        {"minutes": "Accord sur l'indemnisation.\nÀ préciser : le montant <b>exact</b>."},
    )
    url = reverse("meetings:item_outcome_add", args=[meeting.pk, item.pk])
    client.post(url, {"kind": "decision", "text": "Indemniser à 30 € par séance."})
    client.post(
        url,
        {
            "kind": "action",
            "text": "Rédiger la délibération.",
            "owner": person.pk,
            "due_date": "2026-12-15",
        },
    )
    client.post(reverse("meetings:attendance_add", args=[meeting.pk]), {"person": person.pk})
    return meeting


def test_minutes_docx_reopens_with_everything_an_absent_person_needs(
    client, coordinator_a, experiment_a
):
    import io

    from docx import Document

    client.force_login(coordinator_a)
    meeting = _meeting_with_minutes(client, experiment_a, coordinator_a.person)
    response = client.get(reverse("meetings:minutes_docx", args=[meeting.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert document.paragraphs[0].text == "COPIL de lancement"
    assert experiment_a.title in text
    assert "Accord sur l'indemnisation." in text
    assert "À préciser : le montant <b>exact</b>." in text  # kept as text, not markup
    assert "Indemniser à 30 € par séance." in cells
    assert cells[-3:] == ["Rédiger la délibération.", "Coordinatrice Test", "15/12/2026"]
    assert "Invité·e : Coordinatrice Test" in text


def test_minutes_pdf_has_the_same_content(client, coordinator_a, experiment_a):
    import io

    from pypdf import PdfReader

    client.force_login(coordinator_a)
    meeting = _meeting_with_minutes(client, experiment_a, coordinator_a.person)
    response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in (
        "COPIL de lancement",
        "Indemniser à 30 € par séance.",
        "Rédiger la délibération.",
        "15/12/2026",
        "<b>exact</b>",
    ):
        assert expected in text, expected
    assert reader.metadata.title == "COPIL de lancement"


def test_partner_of_b_cannot_download_a_minutes(client, coordinator_a, partner_b, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    client.force_login(partner_b)
    assert client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:minutes_docx", args=[meeting.pk])).status_code == 404


def test_documents_linked_from_the_agenda_only_from_the_same_experiment(
    client, coordinator_a, experiment_a, experiment_b, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from civiclab.documents import services as documents

    settings.MEDIA_ROOT = tmp_path
    note = documents.upload_document(
        coordinator_a, experiment_a, None, SimpleUploadedFile("note.md", b"# Note de cadrage\n")
    )
    foreign = documents.upload_document(
        None, experiment_b, None, SimpleUploadedFile("autre.md", b"# Autre\n")
    )
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    url = reverse("meetings:item_document", args=[meeting.pk, item.pk])
    client.post(url, {"document": foreign.pk})
    client.post(url, {"document": note.pk})
    assert list(item.documents.all()) == [note]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert note.get_permalink() in page


def test_agenda_items_are_edited_moved_and_deleted(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    section = meeting.sections.last()  # "Décisions à prendre", empty in the template
    for title in ("Premier", "Deuxième", "Troisième"):
        add = reverse("meetings:item_add", args=[meeting.pk, section.pk])
        client.post(add, {"title": title, "duration_minutes": 5})
    third = section.items.get(title="Troisième")
    client.post(reverse("meetings:item_up", args=[meeting.pk, third.pk]))
    assert list(section.items.values_list("title", flat=True)) == [
        "Premier",
        "Troisième",
        "Deuxième",
    ]
    first = section.items.get(title="Premier")
    client.post(reverse("meetings:item_up", args=[meeting.pk, first.pk]))  # already first
    assert section.items.first().title == "Premier"
    client.post(
        reverse("meetings:item_edit", args=[meeting.pk, first.pk]),
        {"title": "Premier point", "duration_minutes": 25},
    )
    first.refresh_from_db()
    assert (first.title, first.duration_minutes) == ("Premier point", 25)
    response = client.post(
        reverse("meetings:item_edit", args=[meeting.pk, first.pk]),
        {"title": "", "duration_minutes": -3},
        follow=True,
    )
    assert "Rien n&#x27;a été enregistré" in response.content.decode()
    first.refresh_from_db()
    assert first.title == "Premier point"
    client.post(reverse("meetings:item_delete", args=[meeting.pk, first.pk]))
    assert list(section.items.values_list("title", flat=True)) == ["Troisième", "Deuxième"]


def test_partner_cannot_change_the_agenda(client, coordinator_a, experiment_a):
    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    partner = make_user("elu")
    give_role(partner, experiment_a, Membership.Role.PARTNER)
    client.force_login(partner)
    url = reverse("meetings:item_delete", args=[meeting.pk, item.pk])
    assert client.post(url).status_code == 403
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_meeting_page_queries_do_not_grow_with_the_agenda(client, coordinator_a, experiment_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator_a)
    meeting = _create(client, experiment_a)
    section = meeting.sections.last()
    add = reverse("meetings:item_add", args=[meeting.pk, section.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(queries)

    small = count()
    for i in range(8):
        client.post(
            add,
            {"title": f"Point {i}", "duration_minutes": 5, "presenter": coordinator_a.person.pk},
        )
        item = section.items.get(title=f"Point {i}")
        client.post(
            reverse("meetings:item_outcome_add", args=[meeting.pk, item.pk]),
            {"kind": "action", "text": "Faire", "owner": coordinator_a.person.pk},
        )
    assert count() == small
