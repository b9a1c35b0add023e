"""Writing one row with a statement written once per model, for the busiest writes.

`Model.save()` builds and compiles its INSERT or UPDATE anew at each call, which costs more
than running it, and it does so while the transaction holds the database's write lock: on
SQLite the only one, which every other web process waits for. Storing an online answer writes
up to four rows. `insert` and `update` write their SQL the first time from the model's own
fields and convert each value with the field's own methods, as `save()` does (auto_now
included), so a field added to a model is written without touching this module. Like `save()`,
they send pre_save before the write and post_save after it.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.signals import post_save, pre_save


@cache
def _insert_sql(model: type[Model], vendor: str) -> tuple[str, list]:
    meta, quote = model._meta, connections[DEFAULT_DB_ALIAS].ops.quote_name
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    returning = quote(meta.pk.column)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks}) RETURNING {returning}"
    return sql, fields


@cache
def _update_sql(model: type[Model], names: tuple, vendor: str) -> tuple[str, list]:
    meta, quote = model._meta, connections[DEFAULT_DB_ALIAS].ops.quote_name
    fields = [meta.get_field(name) for name in names]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    return sql, fields


def insert(instance: Model) -> None:
    """Write `instance` as a new row; it gets its automatic primary key."""
    model, connection = type(instance), connections[DEFAULT_DB_ALIAS]
    using = connection.alias
    pre_save.send(model, instance=instance, raw=False, using=using, update_fields=None)
    sql, fields = _insert_sql(model, connection.vendor)
    values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        instance.pk = cursor.fetchone()[0]
    instance._state.adding, instance._state.db = False, using
    post_save.send(
        model, instance=instance, created=True, update_fields=None, raw=False, using=using
    )


def update(instance: Model, names: tuple[str, ...]) -> None:
    """Write the fields `names` of `instance` to its row, like `save(update_fields=names)`."""
    model, connection = type(instance), connections[DEFAULT_DB_ALIAS]
    using, changed = connection.alias, frozenset(names)
    pre_save.send(model, instance=instance, raw=False, using=using, update_fields=changed)
    sql, fields = _update_sql(model, tuple(names), connection.vendor)
    values = [f.get_db_prep_save(f.pre_save(instance, False), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, instance.pk])
    post_save.send(
        model, instance=instance, created=False, update_fields=changed, raw=False, using=using
    )
