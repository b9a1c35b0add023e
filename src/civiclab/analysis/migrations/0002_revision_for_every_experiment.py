from django.db import migrations


def create_revisions(apps, schema_editor):
    """Experiments created before this migration get the row new ones get on creation."""
    Experiment = apps.get_model("experiments", "Experiment")
    AnswersRevision = apps.get_model("analysis", "AnswersRevision")
    existing = set(AnswersRevision.objects.values_list("experiment_id", flat=True))
    AnswersRevision.objects.bulk_create(
        AnswersRevision(experiment_id=pk)
        for pk in Experiment.objects.values_list("pk", flat=True)
        if pk not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]

    operations = [migrations.RunPython(create_revisions, migrations.RunPython.noop)]
