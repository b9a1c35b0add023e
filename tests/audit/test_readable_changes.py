"""The journal names each changed field in the reader's language, whatever the key."""

import pytest
from django.utils import translation

from civiclab.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_reverse_relation_or_unknown_key_is_shown_by_its_name(experiment_a):
    event = AuditEvent.objects.create(
        experiment=experiment_a,
        action=AuditEvent.Action.CHANGED,
        object_type="collection.respondent",
        object_id="1",
        object_repr="R-ABC",
        changes={"responses": [1, 0], "pseudonym": ["a", "b"], "nothing_like_it": [None, 1]},
    )
    with translation.override("en"):
        labels = [str(label) for label, _old, _new in event.readable_changes()]
    assert labels == ["responses", "pseudonym", "nothing_like_it"]
