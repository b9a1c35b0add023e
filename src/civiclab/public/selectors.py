"""What the public site may read. Every public view goes through these, so that the rule
"published, and the experiment public" lives in one place."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from civiclab.documents.models import DocumentVersion
from civiclab.experiments.models import BY_TAXONOMY, Experiment, Method
from civiclab.gallery.models import MediaItem
from civiclab.gallery.selectors import public_media
from civiclab.public.models import NewsPost, Publication, PublishedVerbatim, is_pseudonymised
from civiclab.reports.models import Report

ONLINE = Q(is_public=True, publication__is_published=True)


def published_experiments() -> QuerySet[Experiment]:
    return Experiment.objects.filter(ONLINE)


def published_experiment(slug: str) -> Experiment:
    """The experiment `slug` if it is on the public site; else 404, the same for an
    experiment that does not exist, is not public, or is not published."""
    experiment = (
        published_experiments().select_related("territory", "publication").filter(slug=slug).first()
    )
    if experiment is None:
        raise Http404
    return experiment


def publication_of(experiment: Experiment) -> Publication:
    """The experiment's publication, or an unsaved empty one (nothing published)."""
    try:
        return experiment.publication
    except Publication.DoesNotExist:
        return Publication(experiment=experiment)


def public_photos(experiment: Experiment) -> QuerySet[MediaItem]:
    """Photos that may be shown, with a rendition to show (never the original file)."""
    return public_media(experiment).filter(kind=MediaItem.Kind.PHOTO).exclude(small="")


def public_item(experiment: Experiment, pk: int, kind: str = "") -> MediaItem:
    """The public photo or video `pk` (of `kind`, if given) of the published `experiment`;
    else 404, the same for an item that does not exist, belongs elsewhere or may not be
    public."""
    items = public_media(experiment).filter(pk=pk)
    item = (items.filter(kind=kind) if kind else items).first()
    if item is None:
        raise Http404
    return item


def public_videos(experiment: Experiment) -> QuerySet[MediaItem]:
    """Videos that may be shown (each has its metadata-free copy: see `public_condition`)."""
    return public_media(experiment).filter(kind=MediaItem.Kind.VIDEO)


def cover_photo(publication: Publication) -> MediaItem | None:
    """The chosen cover if it may still be public, else the first public photo."""
    photos = public_photos(publication.experiment)
    if publication.cover_id:
        chosen = photos.filter(pk=publication.cover_id).first()
        if chosen is not None:
            return chosen
    return photos.first()


def catalogue(filters: dict) -> QuerySet[Experiment]:
    """Published experiments matching `filters` (method, theme, territory, status codes or
    ids), with what a card shows, in a fixed number of queries."""
    experiments = published_experiments()
    if filters.get("method"):
        experiments = experiments.filter(methods__code=filters["method"])
    if filters.get("theme"):
        experiments = experiments.filter(publication__themes__code=filters["theme"])
    if filters.get("territory"):
        experiments = experiments.filter(territory_id=filters["territory"])
    if filters.get("status"):
        experiments = experiments.filter(status=filters["status"])
    photos = MediaItem.objects.public().filter(kind=MediaItem.Kind.PHOTO).exclude(small="")
    return (
        experiments.distinct()
        .select_related("territory", "publication")
        .prefetch_related(
            Prefetch("methods", queryset=Method.objects.order_by(BY_TAXONOMY)),
            "publication__themes",
            Prefetch("media", queryset=photos.order_by("position", "id"), to_attr="photos"),
        )
        .order_by("-publication__published_at", "title")
    )


def card_photo(experiment: Experiment) -> MediaItem | None:
    """The catalogue card's picture, from the prefetched public photos."""
    photos = getattr(experiment, "photos", [])
    chosen = experiment.publication.cover_id
    return next((p for p in photos if p.pk == chosen), photos[0] if photos else None)


def public_news() -> QuerySet[NewsPost]:
    return (
        NewsPost.objects.filter(is_published=True, published_at__isnull=False)
        .filter(experiment__in=published_experiments())
        .select_related("experiment__territory", "image")
        .order_by("-published_at", "-pk")
    )


def public_news_post(experiment: Experiment, slug: str) -> NewsPost:
    post = public_news().filter(experiment=experiment, slug=slug).first()
    if post is None:
        raise Http404
    return post


def post_image(post: NewsPost) -> MediaItem | None:
    """The post's photo, if it may still be public and belongs to the post's experiment."""
    if post.image_id is None:
        return None
    return public_photos(post.experiment).filter(pk=post.image_id).first()


def with_public_images(posts) -> list[NewsPost]:
    """`posts` as a list, each with `public_image`: its photo if it may still be public (one
    query for all of them)."""
    posts = list(posts)
    wanted = {post.image_id for post in posts if post.image_id}
    photos = MediaItem.objects.public().filter(kind=MediaItem.Kind.PHOTO).exclude(small="")
    found = {item.pk: item for item in photos.filter(pk__in=wanted).select_related("experiment")}
    for post in posts:
        item = found.get(post.image_id)
        post.public_image = item if item and item.experiment_id == post.experiment_id else None
    return posts


def public_verbatims(publication: Publication) -> list:
    """The chosen verbatims that are pseudonymised (or confirmed as needing nothing)."""
    if publication.pk is None:
        return []
    chosen = PublishedVerbatim.objects.filter(
        publication=publication, verbatim__experiment=publication.experiment_id
    ).select_related("verbatim__source")
    return [c.verbatim for c in chosen if is_pseudonymised(c.verbatim, c.confirmed_text)]


def public_report(publication: Publication) -> Report | None:
    """The chosen report if it is still one meant for the public, of this experiment."""
    if publication.report_id is None:
        return None
    return Report.objects.filter(
        pk=publication.report_id, public=True, experiment=publication.experiment_id
    ).first()


def public_documents(publication: Publication) -> QuerySet[DocumentVersion]:
    """The chosen document versions, of this experiment, whose document is not deleted."""
    if publication.pk is None:
        return DocumentVersion.objects.none()
    return (
        publication.documents.filter(
            document__experiment=publication.experiment_id, document__deleted_at__isnull=True
        )
        .select_related("document")
        .order_by("document__name")
    )
