"""Showing a report's Document in the browser."""

import base64

from django import template

register = template.Library()


@register.filter
def jpeg_data_uri(data: bytes) -> str:
    """A photo of the preview, inline: it needs no address of its own."""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


@register.simple_tag
def reports_of(experiment):
    """The experiment's reports, for the "add to a report" forms of the Results pages."""
    from civiclab.reports.models import Report

    return list(Report.objects.filter(experiment=experiment).only("pk", "title"))
