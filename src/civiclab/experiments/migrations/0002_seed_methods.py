"""Every method of the taxonomy exists as a row, so experiments can be filtered by it."""

from django.db import migrations

METHOD_CODES = [
    "neighbourhood_council",
    "participatory_budget",
    "citizens_assembly",
    "online_consultation",
    "workshop",
    "public_space_outreach",
    "door_to_door",
    "public_meeting",
    "citizen_panel",
    "youth_council",
    "co_design",
    "civic_tech_platform",
    "participatory_evaluation",
]


def seed(apps, schema_editor):
    Method = apps.get_model("experiments", "Method")
    for code in METHOD_CODES:
        Method.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("experiments", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
