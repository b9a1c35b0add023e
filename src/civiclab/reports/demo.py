"""The demo lab's reports: a COPIL deck per running experiment, from the lab's template."""

from importlib import import_module
from io import BytesIO

from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from civiclab.experiments.models import Experiment
from civiclab.reports import services
from civiclab.reports.models import LabLook, Report, ReportTemplate

DECISIONS = (
    "Valider le calendrier de la deuxième vague d'enquête.\n\n"
    "Arbitrer l'usage du reliquat de budget d'animation.\n\n"
    "Choisir les résultats à publier sur la page publique de l'expérimentation."
)


def _ensure_templates() -> None:
    """The templates come with a data migration; a database emptied since (as the browser
    tests' flush does) gets them again from the same migration."""
    if not ReportTemplate.objects.exists():
        add = import_module("civiclab.reports.migrations.0002_default_templates").add
        add(django_apps, None)


def _logo() -> ContentFile:
    """A simple mark drawn for the demo: three overlapping circles, the lab's initials."""
    image = Image.new("RGBA", (480, 480), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for (x, y), colour in zip(
        ((150, 170), (330, 170), (240, 320)),
        ((18, 49, 79, 230), (11, 92, 173, 210), (242, 180, 0, 200)),
        strict=True,
    ):
        draw.ellipse((x - 130, y - 130, x + 130, y + 130), fill=colour)
    data = BytesIO()
    image.save(data, "PNG")
    return ContentFile(data.getvalue(), name="logo-demo.png")


def build_demo_look() -> None:
    if not LabLook.objects.exists():
        look = LabLook(lab_name="Lab d'innovation démocratique", font=LabLook.Font.ARIAL)
        look.logo.save("logo-demo.png", _logo(), save=False)
        look.pk = 1
        look.save()


def build_demo_reports(experiment: Experiment, actor) -> None:
    _ensure_templates()
    build_demo_look()
    if experiment.status != Experiment.Status.RUNNING or experiment.reports.exists():
        return
    template = ReportTemplate.objects.get(name="Diaporama COPIL")
    report = services.create_report(
        actor,
        experiment,
        Report(title="Point d'étape", audience="COPIL de décembre 2026"),
        template,
    )
    last = report.blocks.order_by("-position").first()
    last.text = DECISIONS
    last.save(update_fields=["text"])
