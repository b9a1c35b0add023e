"""Writing the audit trail. Every service that changes state calls `record`."""

import functools

from django.conf import settings
from django.db import models
from django.utils import translation

from civiclab.audit.models import AuditEvent


def site_language():
    """Texts kept in the database (journal, change notes) are written in the lab's language,
    whatever language the person making the change reads the site in."""
    return translation.override(settings.LANGUAGE_CODE)


def in_site_language(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with site_language():
            return function(*args, **kwargs)

    return wrapper


def snapshot(instance: models.Model, fields: list[str]) -> dict:
    """Plain values of `fields`, for comparing an object before and after a change."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(o) for o in getattr(instance, name).all())
        else:
            value = getattr(instance, name)
            if hasattr(instance, f"get_{name}_display") and field.choices:
                value = getattr(instance, f"get_{name}_display")()
            values[name] = (
                value if isinstance(value, int | float | bool | type(None)) else str(value)
            )
    return values


def changed_fields(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


@in_site_language
def record(actor, action: str, obj: models.Model, experiment=None, changes=None) -> AuditEvent:
    return AuditEvent.objects.create(
        experiment=experiment,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id="" if obj.pk is None else str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
    )
