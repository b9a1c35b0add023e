"""Builds the demo lab; running it again changes nothing that already exists."""

import unicodedata
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from civiclab.accounts.models import Organisation, Person
from civiclab.analysis.demo import build_demo_populations
from civiclab.audit.models import AuditEvent
from civiclab.audit.services import record
from civiclab.budget.demo import build_demo_budget
from civiclab.collection.demo import build as build_demo_answers
from civiclab.demo.experiments import EXPERIMENTS, TERRITORIES
from civiclab.demo.people import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from civiclab.demo.protocols import PROTOCOLS
from civiclab.documents.demo import build_demo_documents
from civiclab.experiments import services
from civiclab.experiments.models import Experiment, Hypothesis, Method, Territory
from civiclab.gallery.demo import build_demo_gallery
from civiclab.impact.demo import build_demo_framework
from civiclab.meetings.demo import build_demo_lab_meetings, build_demo_meetings
from civiclab.opendata.demo import build_demo_opendata
from civiclab.planning.demo import build_demo_planning
from civiclab.public.demo import build_demo_publication
from civiclab.qualitative.demo import build_demo_qualitative
from civiclab.reports.demo import build_demo_reports
from civiclab.surveys.demo import build_demo_questionnaires

User = get_user_model()


@transaction.atomic
def build_demo_lab() -> dict[str, int]:
    """Create what is missing of the demo lab and return how many experiments it holds."""
    _organisations()
    people = _people()
    admin = User.objects.get(username="admin")
    for spec in EXPERIMENTS:
        experiment = _experiment(spec, admin)
        _team(experiment, spec["team"], people)
        build_demo_budget(experiment)
        if not experiment.protocol_versions.exists():
            _protocol(experiment, PROTOCOLS[experiment.slug])
        build_demo_planning(experiment)
        build_demo_documents(experiment, admin)
        build_demo_gallery(experiment, admin)
        build_demo_meetings(experiment, admin)
        build_demo_questionnaires(experiment, User.objects.get(username="analyste"))
        build_demo_framework(experiment, User.objects.get(username="analyste"))
    build_demo_answers()
    build_demo_populations()
    analyst = User.objects.get(username="analyste")
    demo_experiments = Experiment.objects.filter(slug__in=[spec["slug"] for spec in EXPERIMENTS])
    for experiment in demo_experiments:
        build_demo_qualitative(experiment)
        build_demo_reports(experiment, analyst)
    build_demo_opendata()
    for experiment in demo_experiments:
        build_demo_publication(experiment, admin)
    build_demo_lab_meetings(admin)
    return {"experiments": len(EXPERIMENTS), "people": len(PEOPLE)}


def _organisations() -> None:
    for name, kind, city in ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "city": city})


def _people() -> dict[str, Person]:
    people = {}
    for username, first, last, organisation, job, is_staff in PEOPLE:
        person, _ = Person.objects.get_or_create(
            first_name=first,
            last_name=last,
            defaults={
                "organisation": Organisation.objects.get(name=organisation),
                "job_title": job,
                "email": f"{_ascii(first)}.{_ascii(last)}@exemple.fr",
            },
        )
        if username and person.user_id is None:
            person.user = _user(username, person, is_staff)
            person.save(update_fields=["user"])
        people[last] = person
    return people


def _user(username: str, person: Person, is_staff: bool):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "is_staff": is_staff,
            "is_superuser": is_staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _experiment(spec: dict, admin) -> Experiment:
    name = spec["territory"]
    _name, code, level = next(t for t in TERRITORIES if t[0] == name)
    territory, _ = Territory.objects.get_or_create(
        name=name, level=level, defaults={"insee_code": code}
    )
    fields = ("title", "status", "start_date", "end_date", "iap2_level", "recruitment")
    defaults = {key: spec[key] for key in (*fields, "summary", "is_public")}
    experiment, created = Experiment.objects.get_or_create(
        slug=spec["slug"], defaults={**defaults, "territory": territory}
    )
    if created:
        # The taxonomy comes with a data migration; a database emptied since (as the browser
        # tests' flush does) gets the methods the demo needs again.
        methods = [Method.objects.get_or_create(code=code)[0] for code in spec["methods"]]
        experiment.methods.set(methods)
        experiment.partners.set(Organisation.objects.filter(name__in=spec["partners"]))
        record(admin, AuditEvent.Action.CREATED, experiment, experiment)
    return experiment


def _team(experiment: Experiment, team: list, people: dict[str, Person]) -> None:
    existing = set(experiment.memberships.values_list("person_id", flat=True))
    admin = User.objects.get(username="admin")
    for last_name, role in team:
        if people[last_name].pk not in existing:
            services.add_member(admin, experiment, people[last_name], role)


def _protocol(experiment: Experiment, versions: list) -> None:
    when = datetime.combine(experiment.start_date, time(10), tzinfo=timezone.get_current_timezone())
    for index, (username, sections, hypotheses, note, validated_on) in enumerate(versions):
        author = User.objects.get(username=username)
        if index == 0:
            _hypotheses(experiment, hypotheses)
            version = services.start_protocol(author, experiment, sections)
            version.change_note = note
            version.save(update_fields=["change_note"])
        else:
            version = _later_version(author, experiment, sections, hypotheses)
        # Spread the history over the weeks after the start, as a real team would.
        when_saved = when + timedelta(days=20 * index)
        type(version).objects.filter(pk=version.pk).update(created_at=when_saved)
        if validated_on:
            services.validate_version(author, version, validated_on)


def _hypotheses(experiment: Experiment, texts: list[str]) -> None:
    for position, text in enumerate(texts, start=1):
        Hypothesis.objects.create(experiment=experiment, text=text, position=position)


def _later_version(author, experiment, sections, hypotheses):
    version = None
    for section, text in sections.items():
        base = services.latest_version(experiment).number
        version = services.save_protocol_section(author, experiment, section, text, base)
    if hypotheses is not None:
        current = services.latest_version(experiment)
        pairs = [(h["id"], h["text"]) for h in current.hypotheses]
        pairs += [(None, text) for text in hypotheses[len(pairs) :]]
        version = services.save_hypotheses(author, experiment, pairs, current.number)
    return version


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-").replace("'", "")
