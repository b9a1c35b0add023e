"""Lookups by a link that is mostly empty (respondent, import, invitation) use an index that
holds only the rows where it is set: an anonymous online answer writes no entry in it, and a
respondent's answers, an import's rows or an invitation's drafts are still found by index."""

import pytest
from django.db import connection, transaction

from civiclab.collection.models import Draft, Respondent, Response


def _plan(queryset) -> str:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Test tables are tiny: without this PostgreSQL reads them whole, index or not.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Response.objects.filter(respondent_id=1), "response_respondent_set"),
        (lambda: Response.objects.filter(import_batch_id=1), "response_import_batch_set"),
        (lambda: Draft.objects.filter(invitation_id=1), "draft_invitation_set"),
    ],
)
def test_lookups_by_a_link_use_the_index_of_rows_where_it_is_set(queryset, index):
    assert index in _plan(queryset())


@pytest.mark.django_db
def test_respondents_of_an_experiment_are_found_by_the_unique_pseudonym_index():
    plan = _plan(Respondent.objects.filter(experiment_id=1))
    if connection.vendor == "postgresql":
        assert "unique_respondent_pseudonym" in plan
    else:
        assert "USING INDEX sqlite_autoindex_collection_respondent" in plan
