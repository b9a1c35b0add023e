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

from django.db import DEFAULT_DB_ALIAS, connections

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
    """The SQL, the converters of the columns that have some, and each model's fields."""

    def __init__(self, connection):
        quote = connection.ops.quote_name
        columns, joins, self.models, self.conversions = [], [], [], []
        for model, alias, condition in JOINED:
            fields = model._meta.concrete_fields
            for field in fields:
                column = field.get_col(alias)
                converters = connection.ops.get_db_converters(column)
                converters += column.get_db_converters(connection)
                if converters:
                    self.conversions.append((len(columns), column, converters))
                columns.append(f"{alias}.{quote(field.column)}")
            self.models.append((model, [f.attname for f in fields]))
            table = f"{quote(model._meta.db_table)} {alias}"
            joins.append(f"JOIN {table} ON {condition}" if condition else table)
        # The experiment is only read for its title, shown at the top of every page.
        joins.append(f"JOIN {quote(Experiment._meta.db_table)} e ON e.id = q.experiment_id")
        columns.append(f"e.{quote('title')}")
        self.sql = f"SELECT {', '.join(columns)} FROM {' '.join(joins)} WHERE d.token = %s"

    def instances(self, row, connection) -> list:
        """The models' instances from a row, as the ORM converts its values, then the
        experiment's title."""
        values = list(row)
        for position, column, converters in self.conversions:
            for convert in converters:
                values[position] = convert(values[position], column, connection)
        start, built = 0, []
        for model, names in self.models:
            end = start + len(names)
            built.append(model.from_db(connection.alias, names, values[start:end]))
            start = end
        return [*built, values[start]]


@cache
def _plan(vendor: str) -> _Plan:
    return _Plan(connections[DEFAULT_DB_ALIAS])


def draft_for_answering(token: str) -> Draft | None:
    """The draft of `token` with its campaign (and its experiment's title as
    `campaign.experiment_title`), questionnaire and version loaded, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    plan = _plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    draft, campaign, questionnaire, version, title = plan.instances(row, connection)
    campaign.experiment_title = title
    campaign.questionnaire = questionnaire
    draft.campaign, draft.version = campaign, version
    return draft
