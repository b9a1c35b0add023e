"""State changes of experiments, teams and protocols. Each is atomic and audited."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import (
    changed_fields,
    in_site_language,
    record,
    site_language,
    snapshot,
)
from civiclab.experiments.models import (
    EXPERIMENT_EDITABLE_FIELDS,
    Experiment,
    Hypothesis,
    Membership,
    ProtocolSection,
    ProtocolVersion,
    Territory,
)

EXPERIMENT_AUDITED_FIELDS = [*EXPERIMENT_EDITABLE_FIELDS, "status"]

# Which status may follow which. Abandoning is possible until the experiment is closed.
STATUS_FLOW = {
    Experiment.Status.PROPOSAL: [Experiment.Status.DESIGN, Experiment.Status.ABANDONED],
    Experiment.Status.DESIGN: [Experiment.Status.RUNNING, Experiment.Status.ABANDONED],
    Experiment.Status.RUNNING: [Experiment.Status.EVALUATION, Experiment.Status.ABANDONED],
    Experiment.Status.EVALUATION: [Experiment.Status.CLOSED, Experiment.Status.ABANDONED],
    Experiment.Status.CLOSED: [],
    Experiment.Status.ABANDONED: [],
}


class StatusChangeRefused(Exception):
    pass


class StaleEdit(Exception):
    """The experiment changed since the editor opened the form."""


def edit_token(experiment: Experiment) -> str:
    """A fingerprint of the editable fields, sent with the form to detect concurrent edits."""
    values = snapshot(experiment, EXPERIMENT_EDITABLE_FIELDS)
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:70] or "experimentation"
    slug, n = base, 2
    taken = Experiment.objects.exclude(pk=exclude_pk).values_list("slug", flat=True)
    existing = set(taken.filter(slug__startswith=base))
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
@in_site_language
def create_experiment(actor, form) -> Experiment:
    """Save a new experiment from a valid ExperimentForm; its creator becomes coordinator."""
    experiment = form.save(commit=False)
    experiment.territory = _saved_territory(actor, form.cleaned_data["territory"])
    experiment.slug = unique_slug(experiment.title)
    experiment.save()
    form.save_m2m()
    record(actor, AuditEvent.Action.CREATED, experiment, experiment)
    person = getattr(actor, "person", None)
    if person is not None and not actor.is_lab_staff:
        add_member(actor, experiment, person, Membership.Role.COORDINATOR)
    start_protocol(actor, experiment)
    return experiment


def _saved_territory(actor, territory: Territory) -> Territory:
    """The form's territory, saved first if the user described a new one."""
    if territory.pk is None:
        territory.save()
        record(actor, AuditEvent.Action.CREATED, territory)
    return territory


@transaction.atomic
@in_site_language
def update_experiment(actor, form, token: str = "") -> Experiment:
    """Save a valid ExperimentForm, unless someone else saved a change since `token`."""
    current = Experiment.objects.select_for_update().get(pk=form.instance.pk)
    if token and token != edit_token(current):
        raise StaleEdit
    before = snapshot(current, EXPERIMENT_AUDITED_FIELDS)
    experiment = form.save(commit=False)
    experiment.territory = _saved_territory(actor, form.cleaned_data["territory"])
    experiment.save()
    form.save_m2m()
    changes = changed_fields(before, snapshot(experiment, EXPERIMENT_AUDITED_FIELDS))
    if changes:
        record(actor, AuditEvent.Action.CHANGED, experiment, experiment, changes)
    return experiment


@transaction.atomic
def change_status(actor, experiment: Experiment, new_status: str) -> Experiment:
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if new_status not in Experiment.Status.values:
        raise StatusChangeRefused(_("Unknown status."))
    if new_status not in STATUS_FLOW[experiment.status]:
        raise StatusChangeRefused(
            _("An experiment cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": experiment.get_status_display(),
                "new": Experiment.Status(new_status).label,
            }
        )
    with site_language():
        old_label = experiment.get_status_display()
        new_label = Experiment.Status(new_status).label
    experiment.status = new_status
    experiment.save(update_fields=["status", "updated_at"])
    changes = {"status": [str(old_label), str(new_label)]}
    record(actor, AuditEvent.Action.CHANGED, experiment, experiment, changes)
    return experiment


@transaction.atomic
@in_site_language
def add_member(actor, experiment: Experiment, person, role: str) -> Membership:
    """Give `person` a role on `experiment` (a new, unsaved contact is saved first)."""
    if person.pk is None:
        person.save()
        record(actor, AuditEvent.Action.CREATED, person, experiment)
    previous = experiment.memberships.filter(person=person).first()
    membership, created = Membership.objects.update_or_create(
        experiment=experiment, person=person, defaults={"role": role}
    )
    old_role = previous.get_role_display() if previous else None
    if old_role != membership.get_role_display():
        action = AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED
        changes = {"role": [old_role, membership.get_role_display()]}
        record(actor, action, membership, experiment, changes)
    return membership


@transaction.atomic
@in_site_language
def remove_member(actor, membership: Membership) -> None:
    record(actor, AuditEvent.Action.DELETED, membership, membership.experiment)
    membership.delete()


# --- Protocol ------------------------------------------------------------------------------


@dataclass
class ProtocolConflict(Exception):
    """Someone else saved the same part of the protocol since the editor opened it."""

    section: str
    theirs: str  # the text now saved
    mine: str  # the text the editor tried to save
    latest: ProtocolVersion
    # For hypotheses: the (id, text) list the editor tried to save, to put back in the form.
    proposal: list[tuple[int | None, str]] | None = None


def latest_version(experiment: Experiment) -> ProtocolVersion | None:
    return experiment.protocol_versions.order_by("-number").first()


def _hypotheses_snapshot(experiment: Experiment) -> list[dict]:
    live = experiment.hypotheses.filter(is_retired=False).order_by("position", "id")
    return [{"id": h.pk, "text": h.text} for h in live]


def _new_version(actor, experiment, sections, note) -> ProtocolVersion:
    previous = latest_version(experiment)
    version = ProtocolVersion.objects.create(
        experiment=experiment,
        number=(previous.number + 1) if previous else 1,
        sections=sections,
        hypotheses=_hypotheses_snapshot(experiment),
        author=actor if actor and actor.is_authenticated else None,
        change_note=note[:300],
    )
    record(actor, AuditEvent.Action.CREATED, version, experiment, {"change_note": [None, note]})
    return version


@in_site_language
def start_protocol(actor, experiment: Experiment, sections: dict | None = None):
    """The first, usually empty, version of a new experiment's protocol."""
    texts = dict.fromkeys(ProtocolSection.values, "")
    texts.update(sections or {})
    return _new_version(actor, experiment, texts, _("Protocol created"))


def _lock_experiment(experiment: Experiment) -> Experiment:
    # Serialises concurrent protocol saves on one experiment (PostgreSQL row lock; SQLite
    # takes its write lock at the start of the transaction with transaction_mode IMMEDIATE).
    return Experiment.objects.select_for_update().get(pk=experiment.pk)


@transaction.atomic
@in_site_language
def save_protocol_section(
    actor, experiment: Experiment, section: str, text: str, base_number: int
) -> ProtocolVersion | None:
    """Save one section, starting from version `base_number` that the editor had opened.

    Raises ProtocolConflict if the same section changed since then; edits of other sections
    made in between are kept. Returns None when nothing changed.
    """
    experiment = _lock_experiment(experiment)
    latest = latest_version(experiment)
    base = experiment.protocol_versions.filter(number=base_number).first() or latest
    text = text.replace("\r\n", "\n").strip()
    current = latest.text_of(section)
    if text == current:
        return None
    if current != base.text_of(section):
        raise ProtocolConflict(section, current, text, latest)
    sections = {**latest.sections, section: text}
    label = ProtocolSection(section).label
    return _new_version(actor, experiment, sections, _("Section “%s” edited") % label)


@transaction.atomic
@in_site_language
def save_hypotheses(
    actor, experiment: Experiment, texts: list[tuple[int | None, str]], base_number: int
) -> ProtocolVersion | None:
    """Replace the hypotheses by `texts`: (existing id or None, text) in the wanted order.

    Existing hypotheses keep their id (indicators point to them); those left out are
    retired, not deleted. Raises ProtocolConflict if they changed since `base_number`.
    """
    experiment = _lock_experiment(experiment)
    latest = latest_version(experiment)
    base = experiment.protocol_versions.filter(number=base_number).first() or latest
    wanted = [(pk, t.replace("\r\n", "\n").strip()) for pk, t in texts if t.strip()]
    if [h["text"] for h in latest.hypotheses] == [t for _pk, t in wanted]:
        return None
    if latest.hypotheses != base.hypotheses:
        mine = "\n".join(f"H{i}. {t}" for i, (_pk, t) in enumerate(wanted, start=1))
        raise ProtocolConflict("hypotheses", latest.hypotheses_text(), mine, latest, wanted)
    existing = {h.pk: h for h in experiment.hypotheses.all()}
    kept = set()
    for position, (pk, text) in enumerate(wanted, start=1):
        hypothesis = existing.get(pk) or Hypothesis(experiment=experiment)
        hypothesis.text, hypothesis.position, hypothesis.is_retired = text, position, False
        hypothesis.save()
        kept.add(hypothesis.pk)
    for pk, hypothesis in existing.items():
        if pk not in kept and not hypothesis.is_retired:
            hypothesis.is_retired = True
            hypothesis.save(update_fields=["is_retired"])
    return _new_version(actor, experiment, dict(latest.sections), _("Hypotheses edited"))


@transaction.atomic
@in_site_language
def validate_version(actor, version: ProtocolVersion, on: date) -> ProtocolVersion:
    version.copil_validated_on = on
    version.copil_validated_by = actor
    version.save(update_fields=["copil_validated_on", "copil_validated_by"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        version,
        version.experiment,
        {"copil_validated_on": [None, date_format(on, "SHORT_DATE_FORMAT")]},
    )
    return version
