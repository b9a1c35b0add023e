"""The demo lab's meetings: past COPIL and COTECH with minutes and open actions, and the next
COPIL, whose agenda carries those actions."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from civiclab.documents.models import Document
from civiclab.meetings.models import AgendaItem, AgendaSection, Attendance, Meeting, Outcome
from civiclab.meetings.services import AGENDA_TEMPLATES

PAST_MINUTES = {
    "conseils-de-quartier-lille": [
        (
            "Avancement de l'expérimentation",
            "Les quatre conseils pilotes sont installés ; 112 personnes tirées au sort ont "
            "accepté sur 400 sollicitées (28 %). Les relances en porte-à-porte ont doublé le "
            "taux d'acceptation à Lille-Sud.",
            [
                (
                    "decision",
                    "Indemniser les membres tirés au sort à hauteur de 30 € par séance.",
                    None,
                ),
                (
                    "action",
                    "Rédiger la délibération sur l'indemnisation pour le conseil municipal.",
                    "Fournier",
                ),
                (
                    "action",
                    "Envoyer le questionnaire « avant » aux membres des quartiers témoins.",
                    "Dubois",
                ),
            ],
        ),
        (
            "Budget",
            "Dépenses conformes au prévisionnel, sauf l'animation (+12 %) liée aux séances "
            "supplémentaires de Moulins.",
            [("information", "Le budget d'initiative de Fives est engagé à 40 %.", None)],
        ),
    ],
    "engagement-citoyen-hauts-de-france": [
        (
            "Avancement de l'expérimentation",
            "Vingt habitants-relais formés ; la vague 1 a recueilli 1 840 réponses, dont 46 % "
            "de personnes qui n'avaient jamais participé.",
            [
                ("decision", "Ajouter deux marchés dans l'Aisne pour la vague 2.", None),
                (
                    "action",
                    "Négocier les emplacements sur les marchés de Laon et Soissons.",
                    "Diallo",
                ),
            ],
        ),
    ],
    "participation-espace-public-oignies": [
        (
            "Avancement de l'expérimentation",
            "La maison mobile a accueilli 640 passages et 212 contributions écrites. Les "
            "marches exploratoires ont réuni 23 femmes et 17 jeunes.",
            [
                ("decision", "Présenter trois scénarios d'aménagement en atelier public.", None),
                ("action", "Chiffrer les trois scénarios avec les services techniques.", "Vasseur"),
            ],
        ),
    ],
}


def build_demo_meetings(experiment, author) -> None:
    """Add the demo meetings of `experiment` unless it already has some."""
    if experiment.slug not in PAST_MINUTES or experiment.meetings.exists():
        return
    today = timezone.localdate()
    team = {m.person.last_name: m.person for m in experiment.memberships.select_related("person")}
    past = _meeting(
        experiment, author, "copil", "COPIL de mi-parcours", today - timedelta(days=40), "closed"
    )
    _minutes(past, PAST_MINUTES[experiment.slug], team)
    first_item = (
        AgendaItem.objects.filter(section__meeting=past).order_by("section__position").first()
    )
    first_item.documents.set(Document.live.filter(experiment=experiment)[:1])
    for person in team.values():
        status = Attendance.Status.PRESENT if person.pk % 5 else Attendance.Status.EXCUSED
        Attendance.objects.create(meeting=past, person=person, status=status)
    _meeting(experiment, author, "cotech", "COTECH mensuel", today - timedelta(days=12), "held")
    upcoming = _meeting(
        experiment, author, "copil", "COPIL de printemps", today + timedelta(days=18), "planned"
    )
    for person in team.values():
        Attendance.objects.create(meeting=upcoming, person=person)


def build_demo_lab_meetings(author) -> None:
    if Meeting.objects.filter(experiment=None).exists():
        return
    today = timezone.localdate()
    _meeting(
        None,
        author,
        "lab_committee",
        "Comité de pilotage du lab",
        today - timedelta(days=50),
        "closed",
    )
    _meeting(
        None,
        author,
        "lab_committee",
        "Comité de pilotage du lab",
        today + timedelta(days=5),
        "planned",
    )


def _meeting(experiment, author, kind, title, day, status) -> Meeting:
    starts = timezone.make_aware(datetime.combine(day, time(14, 0)))
    meeting = Meeting.objects.create(
        experiment=experiment,
        kind=kind,
        title=title,
        starts_at=starts,
        duration_minutes=120,
        location="Hôtel de ville, salle du conseil" if kind == "copil" else "Locaux du lab",
        status=status,
        created_by=author,
    )
    for position, (section_title, items) in enumerate(AGENDA_TEMPLATES[kind]):
        section = AgendaSection.objects.create(
            meeting=meeting, title=str(section_title), position=position
        )
        for item_position, (item_title, minutes) in enumerate(items):
            AgendaItem.objects.create(
                section=section,
                title=str(item_title),
                duration_minutes=minutes,
                position=item_position,
            )
    return meeting


def _minutes(meeting: Meeting, entries, team) -> None:
    for section_title, text, outcomes in entries:
        section = (
            meeting.sections.filter(title__startswith=section_title[:12]).first()
            or meeting.sections.first()
        )
        item = section.items.first() or AgendaItem.objects.create(
            section=section, title=section_title
        )
        item.minutes = text
        item.save(update_fields=["minutes"])
        for kind, outcome_text, owner in outcomes:
            Outcome.objects.create(
                meeting=meeting,
                item=item,
                kind=kind,
                text=outcome_text,
                owner=team.get(owner) if owner else None,
                due_date=meeting.starts_at.date() + timedelta(days=30)
                if kind == "action"
                else None,
            )
