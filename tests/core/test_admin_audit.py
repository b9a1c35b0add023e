"""Changes made in the Django admin are written to the audit trail too."""

from django.urls import reverse

from civiclab.audit.models import AuditEvent
from civiclab.experiments.models import Experiment


def test_admin_edit_and_deletion_reach_the_journal(client, lab_admin, experiment_a):
    lab_admin.is_superuser = True
    lab_admin.save()
    client.force_login(lab_admin)
    url = reverse("admin:experiments_experiment_change", args=[experiment_a.pk])
    data = {
        "title": "Titre changé dans l'admin",
        "slug": experiment_a.slug,
        "territory": experiment_a.territory_id,
        "status": "running",
        "summary": "",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(experiment=experiment_a, action="changed", actor=lab_admin)
    assert event.changes["title"] == [None, "Titre changé dans l'admin"]

    delete_url = reverse("admin:experiments_experiment_delete", args=[experiment_a.pk])
    client.post(delete_url, {"post": "yes"})
    assert not Experiment.objects.filter(pk=experiment_a.pk).exists()
    deletion = AuditEvent.objects.get(action="deleted", object_type="experiments.experiment")
    assert deletion.object_repr == "Titre changé dans l'admin" and deletion.actor == lab_admin
    # Earlier events of the experiment outlive it.
    assert AuditEvent.objects.filter(pk=event.pk).exists()
