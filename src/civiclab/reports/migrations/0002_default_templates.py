"""The lab's two first report templates: a COPIL deck and a final report."""

from django.db import migrations

COPIL = [
    {"kind": "text", "title": "Ordre du jour", "text": "Avancement\n\nRésultats\n\nDécisions attendues"},
    {"kind": "timeline", "title": "Où en sommes-nous ?", "text": ""},
    {"kind": "indicators", "title": "", "text": ""},
    {"kind": "verbatims", "title": "", "text": ""},
    {"kind": "budget", "title": "Budget", "text": ""},
    {"kind": "text", "title": "Décisions attendues du COPIL", "text": ""},
]
FINAL = [
    {"kind": "protocol", "title": "L'expérimentation", "text": ""},
    {"kind": "indicators", "title": "", "text": ""},
    {"kind": "verbatims", "title": "", "text": ""},
    {"kind": "photos", "title": "", "text": ""},
    {"kind": "timeline", "title": "Le déroulé", "text": ""},
    {"kind": "text", "title": "Enseignements", "text": ""},
    {"kind": "text", "title": "Pour reproduire l'expérimentation", "text": ""},
]


def add(apps, schema_editor):
    Template = apps.get_model("reports", "ReportTemplate")
    Template.objects.get_or_create(
        name="Diaporama COPIL",
        defaults={"description": "Avancement, indicateurs, verbatims, budget", "blocks": COPIL},
    )
    Template.objects.get_or_create(
        name="Rapport final",
        defaults={"description": "Protocole, résultats, paroles, photos, enseignements", "blocks": FINAL},
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
