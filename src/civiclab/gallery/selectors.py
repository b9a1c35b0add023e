"""Reading the gallery: the team's view, what the public may see, what exports may show.

Public pages and report builders call these and nothing else, so that the consent rule lives
in one place (`civiclab.gallery.models.public_condition`).
"""

from django.db.models import Count, QuerySet

from civiclab.experiments.models import Experiment
from civiclab.gallery.models import NEVER_SHOWN, MediaItem, public_condition


def media_of(experiment: Experiment) -> QuerySet[MediaItem]:
    """Every item of `experiment`, in the team's order: for the team's own pages only."""
    return (
        MediaItem.objects.filter(experiment=experiment)
        .select_related("experiment", "uploaded_by")
        .order_by("position", "id")
    )


def public_media(experiment: Experiment) -> QuerySet[MediaItem]:
    """Items of `experiment` that may be shown to the public, in the team's order.

    Consent given (or not needed), a credit, and a text alternative for photos; refused or
    withdrawn consent is never public. The caller still decides whether the experiment itself
    is published (`experiment.is_public`). Show only the renditions (`item.large`,
    `item.small`, or the public site's addresses: `civiclab.public.pages.media_url`), never
    `item.file`; a video, its metadata-free `item.public_video`.
    """
    return media_of(experiment).filter(public_condition())


def media_for_export(experiment: Experiment, public: bool) -> QuerySet[MediaItem]:
    """Items an export (slides, PDF report) may show, each with a picture to show.

    `public=True` for anything meant for the public: the public rule above. `public=False`
    for documents kept within the experiment (a COPIL deck): everything except refused or
    withdrawn consent. Either way, embed `item.large` (EXIF-free JPEG, 1600 px wide at most),
    never the original file; a video appears through its poster.
    """
    items = (
        public_media(experiment)
        if public
        else media_of(experiment).exclude(consent__in=NEVER_SHOWN)
    )
    return items.for_export()


def consent_counts(experiment: Experiment) -> dict:
    """How many items of `experiment` there are, may be public, and have each consent status."""
    items = MediaItem.objects.filter(experiment=experiment)
    by_status = dict(items.values_list("consent").annotate(n=Count("id")).order_by())
    totals = items.aggregate(total=Count("id"), public=Count("id", filter=public_condition()))
    return {
        "total": totals["total"],
        "public": totals["public"],
        "not_public": totals["total"] - totals["public"],
        "by_status": {value: by_status.get(value, 0) for value in MediaItem.Consent.values},
    }


def filtered(items: QuerySet[MediaItem], *, consent: str = "", public: str = "") -> QuerySet:
    """`items` with one consent status ("" for all), and public ("yes"), not public ("no")."""
    if consent:
        items = items.filter(consent=consent)
    if public == "yes":
        items = items.filter(public_condition())
    elif public == "no":
        items = items.exclude(public_condition())
    return items
