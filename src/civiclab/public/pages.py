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


def picture(item: MediaItem | None) -> dict | None:
    """A public photo as a page shows it: its two renditions, their sizes, its texts."""
    if item is None:
        return None
    small, large = item.small_dimensions, item.large_dimensions
    return {
        "pk": item.pk,
        "small": item.public_thumbnail_url("small"),
        "large": item.public_thumbnail_url("large") if item.large else "",
        "small_width": small[0] if small else "",
        "large_width": large[0] if large else "",
        "width": (large or small or ("", ""))[0],
        "height": (large or small or ("", ""))[1],
        "alt": item.alt_text,
        "caption": item.caption,
        "credit": item.credit,
    }


def open_graph(request, *, title: str, description: str, image: MediaItem | None, kind: str):
    """Open Graph and Twitter card values: absolute addresses, a public rendition only."""
    tags = {
        "title": title,
        "description": " ".join(description.split())[:300],
        "url": request.build_absolute_uri(request.path),
        "type": kind,
        "site_name": lab_name(),
    }
    if image is not None:
        size = image.large_dimensions
        tags["image"] = request.build_absolute_uri(image.public_thumbnail_url("large"))
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


def experiment_context(request, experiment: Experiment, publication: Publication) -> dict:
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
        "photos": [picture(p) for p in selectors.public_photos(experiment)],
        "cover": picture(cover),
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


def news_context(request, post: NewsPost) -> dict:
    image = selectors.post_image(post)
    publication = selectors.publication_of(post.experiment)
    return {
        "post": post,
        "experiment": post.experiment,
        "image": picture(image),
        "content_lang": CONTENT_LANGUAGE,
        "og": open_graph(
            request,
            title=post.title,
            description=post.summary,
            image=image or selectors.cover_photo(publication),
            kind="article",
        ),
    }
