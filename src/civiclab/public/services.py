"""State changes of the public site: what an experiment publishes, and its news posts. Each is
atomic, audited, and checks every publication rule whatever form or command calls it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.experiments.models import Experiment, ProtocolSection
from civiclab.public.kit import forget_files
from civiclab.public.models import (
    NewsPost,
    Publication,
    PublishedVerbatim,
    Theme,
    is_pseudonymised,
)
from civiclab.public.selectors import public_photos

Action = AuditEvent.Action
AUDITED = [
    "is_published",
    "summary",
    "themes",
    "cover",
    "indicators",
    "verbatims",
    "report",
    "documents",
    "kit_sections",
]
NEWS_AUDITED = ["title", "summary", "body", "image", "is_published"]


def _check(experiment: Experiment, values: dict, confirmed: set[int]) -> None:
    """Raise ValidationError (by field) if `values` would publish something not allowed."""
    errors: dict[str, list] = {}

    def error(field, message):
        errors.setdefault(field, []).append(message)

    if values["is_published"] and not experiment.is_public:
        error(
            "is_published",
            _("Mark the experiment public in its registry entry before publishing its page."),
        )
    if values["is_published"] and not values["summary"].strip():
        error("summary", _("Write the public summary before publishing the page."))
    cover = values.get("cover")
    if cover is not None and not public_photos(experiment).filter(pk=cover.pk).exists():
        error("cover", _("Only a photo that may be public can be the cover."))
    if any(i.experiment_id != experiment.pk for i in values["indicators"]):
        error("indicators", _("Choose indicators of this experiment."))
    for verbatim in values["verbatims"]:
        if verbatim.experiment_id != experiment.pk:
            error("verbatims", _("Choose verbatims of this experiment."))
        elif not (is_pseudonymised(verbatim) or verbatim.pk in confirmed):
            error(
                "verbatims",
                _(
                    "“%(quote)s” has no name replaced: replace names and places in it, or "
                    "confirm that it identifies nobody."
                )
                % {"quote": verbatim.text[:80]},
            )
    report = values.get("report")
    if report is not None and (report.experiment_id != experiment.pk or not report.public):
        error("report", _("Choose a report of this experiment meant for the public."))
    for version in values["documents"]:
        document = version.document
        if document.experiment_id != experiment.pk or document.deleted_at is not None:
            error("documents", _("Choose documents of this experiment."))
    if set(values["kit_sections"]) - set(ProtocolSection.values):
        error("kit_sections", _("Unknown protocol section."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
@in_site_language
def save_publication(actor, experiment: Experiment, values: dict) -> Publication:
    """Save what `experiment` publishes. `values` holds the fields of PublicationForm:
    is_published, summary, themes (codes), cover, indicators, verbatims, confirmed (the
    verbatims the actor confirms identify nobody as they read now), report, documents,
    kit_sections."""
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    values = {
        "summary": "",
        "themes": [],
        "cover": None,
        "indicators": [],
        "verbatims": [],
        "report": None,
        "documents": [],
        "kit_sections": [],
        **values,
    }
    values["summary"] = values["summary"].replace("\r\n", "\n").strip()
    publication = Publication.objects.filter(experiment=experiment).first()
    kept = {}
    if publication is not None:
        kept = dict(
            PublishedVerbatim.objects.filter(publication=publication).values_list(
                "verbatim_id", "confirmed_text"
            )
        )
    # A confirmation made earlier still counts if the quote has not changed since.
    confirmed = {v.pk for v in values.get("confirmed", [])}
    confirmed |= {v.pk for v in values["verbatims"] if kept.get(v.pk) and kept[v.pk] == v.text}
    _check(experiment, values, confirmed)

    created = publication is None
    publication = publication or Publication(experiment=experiment)
    before = {} if created else snapshot(publication, AUDITED)
    publication.is_published = bool(values["is_published"])
    publication.summary = values["summary"]
    publication.cover = values["cover"]
    publication.report = values["report"]
    publication.kit_sections = [c for c in ProtocolSection.values if c in values["kit_sections"]]
    publication.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    if publication.is_published and publication.published_at is None:
        publication.published_at = timezone.now()
    publication.save()
    publication.themes.set(Theme.ensure(values["themes"]))
    publication.indicators.set(values["indicators"])
    publication.documents.set(values["documents"])
    PublishedVerbatim.objects.filter(publication=publication).delete()
    for position, verbatim in enumerate(values["verbatims"], start=1):
        is_confirmed = verbatim.pk in confirmed and not is_pseudonymised(verbatim)
        PublishedVerbatim.objects.create(
            publication=publication,
            verbatim=verbatim,
            confirmed_text=verbatim.text if is_confirmed else "",
            confirmed_by=actor if is_confirmed and actor.is_authenticated else None,
            position=position,
        )
    changes = changed_fields(before, snapshot(publication, AUDITED))
    if changes:
        record(
            actor, Action.CREATED if created else Action.CHANGED, publication, experiment, changes
        )
    if not publication.is_published:
        # Kits and reports already made are kept only while they may be downloaded.
        transaction.on_commit(lambda: forget_files(experiment))
    return publication


# --- news ------------------------------------------------------------------------------------


def _unique_slug(post: NewsPost) -> str:
    base = slugify(post.title)[:70] or "actualite"
    taken = set(
        NewsPost.objects.filter(experiment=post.experiment, slug__startswith=base)
        .exclude(pk=post.pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
@in_site_language
def save_news_post(actor, post: NewsPost) -> NewsPost:
    """Create or change a news post. Its address is set once, from its first title; its
    publication date is the first time it is published."""
    if post.image_id and not public_photos(post.experiment).filter(pk=post.image_id).exists():
        raise ValidationError(
            {"image": _("This photo may not be public (image rights, credit or description).")}
        )
    post.body = post.body.replace("\r\n", "\n").strip()
    post.summary = " ".join(post.summary.split())
    created = post.pk is None
    before = {}
    if created:
        post.slug = _unique_slug(post)
        post.author = actor if getattr(actor, "is_authenticated", False) else None
    else:
        before = snapshot(NewsPost.objects.get(pk=post.pk), NEWS_AUDITED)
    if post.is_published and post.published_at is None:
        post.published_at = timezone.now()
    post.full_clean()
    post.save()
    changes = changed_fields(before, snapshot(post, NEWS_AUDITED))
    if created or changes:
        action = Action.CREATED if created else Action.CHANGED
        record(actor, action, post, post.experiment, changes)
    return post


@transaction.atomic
@in_site_language
def delete_news_post(actor, post: NewsPost) -> None:
    record(actor, Action.DELETED, post, post.experiment)
    post.delete()
