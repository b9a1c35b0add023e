"""What the public pages show, gathered once for the public views and the team's preview."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiclab.experiments.models import BY_TAXONOMY, Experiment
from civiclab.gallery.models import MediaItem
from civiclab.opendata.selectors import public_datasets
from civiclab.public import figures, selectors
from civiclab.public.kit import SHARED_QUESTIONNAIRES
from civiclab.public.models import NewsPost, Publication
from civiclab.reports.builder import look
from civiclab.surveys.models import Questionnaire

Iap2 = Experiment.Iap2Level
# The IAP2 spectrum in words a resident understands, from least to most power to the public.
IAP2_MEANINGS = {
    Iap2.INFORM: _("The public receives balanced information to understand the question."),
    Iap2.CONSULT: _("The public gives its opinion; decision-makers say what they did with it."),
    Iap2.INVOLVE: _(
        "The public works with decision-makers throughout, and its concerns shape the options."
    ),
    Iap2.COLLABORATE: _("The public is a partner in every step, down to choosing the solution."),
    Iap2.EMPOWER: _("The public makes the final decision."),
}
NEWS_ON_PAGE = 5
# What the team writes (titles, summaries, quotes, news) is in the lab's language, whatever
# language the visitor reads the interface in: pages say so, for screen readers.
CONTENT_LANGUAGE = settings.LANGUAGE_CODE


def lab_name() -> str:
    return look().lab_name


def iap2_steps(level: str) -> list[dict]:
    return [
        {"code": code, "label": label, "meaning": IAP2_MEANINGS[code], "current": code == level}
        for code, label in Iap2.choices
    ]


def media_url(item: MediaItem, size: str, *, preview: bool = False) -> str:
    """The address of a rendition ("small", "large"), of the video ("video") or of its
    captions ("captions") of `item`.

    The public site's own addresses answer only while the item may be public and its
    experiment is published; a preview (an unpublished page, for its team) uses the team's
    addresses, which check the viewer's role instead."""
    if preview:
        team = {"video": item.get_original_url, "captions": item.get_captions_url}
        return team[size]() if size in team else item.thumbnail_url(size)
    if size in ("video", "captions"):
        return reverse(f"public:{size}", args=[item.experiment.slug, item.pk])
    return reverse("public:picture", args=[item.experiment.slug, item.pk, size])


def picture(item: MediaItem | None, *, preview: bool = False) -> dict | None:
    """A public photo (or a video's poster) as a page shows it: its two renditions, their
    sizes, its texts."""
    if item is None:
        return None
    small, large = item.small_dimensions, item.large_dimensions
    shown = large or small or ("", "")
    return {
        "pk": item.pk,
        "small": media_url(item, "small", preview=preview) if item.small else "",
        "large": media_url(item, "large", preview=preview) if item.large else "",
        "small_width": small[0] if small else "",
        "small_height": small[1] if small else "",
        "large_width": large[0] if large else "",
        "width": shown[0],
        "height": shown[1],
        "alt": item.alt_text,
        "caption": item.caption,
        "credit": item.credit,
    }


def video(item: MediaItem, *, preview: bool = False) -> dict:
    """A public video as a page shows it: its metadata-free copy, its poster, its texts."""
    return {
        **picture(item, preview=preview),
        "src": media_url(item, "video", preview=preview),
        "type": item.content_type,
        "captions": media_url(item, "captions", preview=preview) if item.captions else "",
    }


def open_graph(request, *, title: str, description: str, image: MediaItem | None, kind: str):
    """Open Graph and Twitter card values: absolute addresses, a public rendition only (a
    preview's, like its page, is never shared)."""
    tags = {
        "title": title,
        "description": " ".join(description.split())[:300],
        "url": request.build_absolute_uri(request.path),
        "type": kind,
        "site_name": lab_name(),
    }
    if image is not None:
        size = image.large_dimensions
        tags["image"] = request.build_absolute_uri(media_url(image, "large"))
        tags["image_alt"] = image.alt_text
        tags["image_width"], tags["image_height"] = size if size else ("", "")
    return tags


def kit_contents(experiment: Experiment, report, documents, datasets) -> list[str]:
    """What the replication kit holds, in words, without building it."""
    contents = []
    if experiment.protocol_versions.exists():
        contents.append(_("the protocol (PDF)"))
    questionnaires = Questionnaire.objects.filter(
        experiment=experiment, status__in=SHARED_QUESTIONNAIRES, versions__isnull=False
    ).distinct()
    contents += [
        _("the questionnaire “%(title)s” (XLSForm)") % {"title": q.title}
        for q in questionnaires.order_by("title", "pk")
    ]
    if report is not None:
        contents.append(_("the public report (PDF)"))
    if datasets:
        contents.append(_("the open data (CSV, JSON)"))
    if documents:
        contents.append(_("the published documents"))
    return contents


def experiment_context(
    request, experiment: Experiment, publication: Publication, *, preview: bool = False
) -> dict:
    """Everything the experiment's public page shows; `publication` may be unsaved (preview
    of an experiment that publishes nothing yet)."""
    saved = publication.pk is not None
    cover = selectors.cover_photo(publication)
    report = selectors.public_report(publication)
    documents = list(selectors.public_documents(publication))
    datasets = public_datasets(experiment)
    news = []
    if publication.is_online:
        news = list(selectors.public_news().filter(experiment=experiment)[: NEWS_ON_PAGE + 1])
    return {
        "experiment": experiment,
        "publication": publication,
        "methods": experiment.methods.order_by(BY_TAXONOMY),
        "themes": publication.themes.all() if saved else [],
        "partners": experiment.partners.order_by("name"),
        "iap2": iap2_steps(experiment.iap2_level) if experiment.iap2_level else [],
        "figures": figures.public_figures(publication) if saved else [],
        "min_cell": figures.min_cell(experiment),
        "verbatims": selectors.public_verbatims(publication),
        "photos": [picture(p, preview=preview) for p in selectors.public_photos(experiment)],
        "videos": [video(v, preview=preview) for v in selectors.public_videos(experiment)],
        "cover": picture(cover, preview=preview),
        "news": news[:NEWS_ON_PAGE],
        "more_news": len(news) > NEWS_ON_PAGE,
        "report": report,
        "documents": documents,
        "datasets": datasets,
        "kit_contents": kit_contents(experiment, report, documents, datasets),
        "og": open_graph(
            request,
            title=experiment.title,
            description=publication.summary,
            image=cover,
            kind="website",
        ),
        "feed_url": reverse("public:experiment_feed", args=[experiment.slug]),
        "content_lang": CONTENT_LANGUAGE,
    }


def news_context(request, post: NewsPost, *, preview: bool = False) -> dict:
    image = selectors.post_image(post)
    publication = selectors.publication_of(post.experiment)
    return {
        "post": post,
        "experiment": post.experiment,
        "image": picture(image, preview=preview),
        "content_lang": CONTENT_LANGUAGE,
        "og": open_graph(
            request,
            title=post.title,
            description=post.summary,
            image=image or selectors.cover_photo(publication),
            kind="article",
        ),
    }
