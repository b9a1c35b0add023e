"""Reading a draft with what answering needs, in one query written once per process.

Every page of online answering, the final submission included, reads the draft with its
campaign, questionnaire and version. Built by the ORM, that five-table query was compiled
anew at each request, which took longer than checking all the answers did (about 0.6 ms
against 40 µs for SQLite to run it; docs/benchmarks.md, submit_throughput). Here its SQL is
written the first time from the models' own fields, and each value goes through the
converters the ORM would apply, so a field added to one of these models is read without
touching this module.
"""

from functools import cache

from django.db import connection

from civiclab.collection.models import Campaign, Draft
from civiclab.experiments.models import Experiment
from civiclab.surveys.models import Questionnaire, QuestionnaireVersion

# (model, table alias, how it joins the ones before it)
JOINED = (
    (Draft, "d", ""),
    (Campaign, "c", "c.id = d.campaign_id"),
    (Questionnaire, "q", "q.id = c.questionnaire_id"),
    (QuestionnaireVersion, "v", "v.id = d.version_id"),
)


class _Plan:
    """The SQL, and for each model its fields' names and converters, in column order."""

    def __init__(self, vendor: str):
        quote = connection.ops.quote_name
        columns, joins, self.models = [], [], []
        for model, alias, condition in JOINED:
            fields = model._meta.concrete_fields
            columns += [f"{alias}.{quote(f.column)}" for f in fields]
            readers = [self._reader(f.get_col(alias)) for f in fields]
            self.models.append((model, [f.attname for f in fields], readers))
            table = f"{quote(model._meta.db_table)} {alias}"
            joins.append(f"JOIN {table} ON {condition}" if condition else table)
        # The experiment is only read for its title, shown at the top of every page.
        joins.append(f"JOIN {quote(Experiment._meta.db_table)} e ON e.id = q.experiment_id")
        columns.append(f"e.{quote('title')}")
        self.sql = f"SELECT {', '.join(columns)} FROM {' '.join(joins)} WHERE d.token = %s"

    @staticmethod
    def _reader(column):
        """A function from the database's value to the field's, as the ORM converts it."""
        converters = connection.ops.get_db_converters(column)
        converters += column.get_db_converters(connection)

        def read(value):
            for convert in converters:
                value = convert(value, column, connection)
            return value

        return read

    def instances(self, row) -> list:
        """The models' instances from a row, then the experiment's title."""
        start, built = 0, []
        for model, names, readers in self.models:
            values = row[start : start + len(names)]
            converted = [read(value) for read, value in zip(readers, values, strict=True)]
            built.append(model.from_db(connection.alias, names, converted))
            start += len(names)
        return [*built, row[start]]


@cache
def _plan(vendor: str) -> _Plan:
    return _Plan(vendor)


def draft_for_answering(token: str) -> Draft | None:
    """The draft of `token` with its campaign (and its experiment's title as
    `campaign.experiment_title`), questionnaire and version loaded, or None."""
    plan = _plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    draft, campaign, questionnaire, version, title = plan.instances(row)
    campaign.experiment_title = title
    campaign.questionnaire = questionnaire
    draft.campaign, draft.version = campaign, version
    return draft
