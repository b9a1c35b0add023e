"""State changes of the planning. Each is atomic and audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.planning.models import CalendarToken, Task, new_token


class DependencyCycle(Exception):
    pass


def check_dependency(task: Task, depends_on: Task | None) -> None:
    """Refuse a dependency on itself, on another experiment's task, or one closing a cycle."""
    if depends_on is None:
        return
    if depends_on.experiment_id != task.experiment_id:
        raise DependencyCycle(_("A task can only depend on a task of the same experiment."))
    seen = set()
    current = depends_on
    while current is not None:
        if task.pk is not None and current.pk == task.pk:
            raise DependencyCycle(
                _("“%(task)s” cannot depend on “%(other)s”: that would make a loop.")
                % {"task": task.title or _("This task"), "other": depends_on.title}
            )
        if current.pk in seen:  # a loop already in the data: stop rather than spin
            break
        seen.add(current.pk)
        current = current.depends_on


@transaction.atomic
@in_site_language
def save_planning_item(actor, form, experiment):
    """Create or update a phase, milestone or task from its valid form."""
    item = form.save(commit=False)
    is_new = item.pk is None
    item.experiment = experiment
    fields = [f for f in form.Meta.fields if f != "experiment"]
    before = {} if is_new else snapshot(type(item).objects.get(pk=item.pk), fields)
    if isinstance(item, Task):
        check_dependency(item, item.depends_on)
        _track_completion(item)
    item.save()
    changes = changed_fields(before, snapshot(item, fields))
    action = AuditEvent.Action.CREATED if is_new else AuditEvent.Action.CHANGED
    if is_new or changes:
        record(actor, action, item, experiment, changes)
    return item


def _track_completion(task: Task) -> None:
    if task.status == Task.Status.DONE and task.completed_on is None:
        task.completed_on = timezone.localdate()
    elif task.status != Task.Status.DONE:
        task.completed_on = None


@transaction.atomic
@in_site_language
def set_task_status(actor, task: Task, status: str) -> Task:
    before = snapshot(task, ["status"])
    task.status = status
    _track_completion(task)
    task.save(update_fields=["status", "completed_on"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        task,
        task.experiment,
        changed_fields(before, snapshot(task, ["status"])),
    )
    return task


@transaction.atomic
@in_site_language
def delete_planning_item(actor, item) -> None:
    record(actor, AuditEvent.Action.DELETED, item, item.experiment)
    item.delete()


def calendar_token_of(user) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def regenerate_calendar_token(user) -> CalendarToken:
    """A new secret: every feed address given out before stops working."""
    token = calendar_token_of(user)
    token.token = new_token()
    token.save(update_fields=["token", "created_at"])
    return token
