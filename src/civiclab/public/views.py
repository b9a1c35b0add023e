"""The public site: catalogue, experiment pages, news, Atom feeds, replication kits. No login;
anything not published answers 404, exactly like an address that does not exist."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from civiclab.documents.filetypes import safe_filename
from civiclab.gallery.captions import CAPTIONS_TYPE
from civiclab.gallery.models import MediaItem
from civiclab.gallery.responses import stored_file_response
from civiclab.public import kit as replication_kit
from civiclab.public import pages, selectors
from civiclab.public.feeds import NewsAtomFeed
from civiclab.public.forms import CatalogueFilterForm

NEWS_PER_PAGE = 20
# Pictures may be cached, but briefly: a withdrawn consent or an unpublished page must stop
# them soon.
MEDIA_CACHE = "public, max-age=300"
FEED_ITEMS = 50


def _file(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Unpublished files must stop being served at once, even through a cache.
    response["Cache-Control"] = "no-cache"
    return response


def catalogue(request):
    published = selectors.published_experiments()
    form = CatalogueFilterForm(request.GET or None, published)
    experiments = list(selectors.catalogue(form.values()))
    context = {
        "form": form,
        "filtered": bool(form.values()),
        "cards": [(e, pages.picture(selectors.card_photo(e))) for e in experiments],
        "content_lang": pages.CONTENT_LANGUAGE,
        "og": pages.open_graph(
            request,
            title=_("Experiments of the lab"),
            description=_(
                "Participatory-democracy experiments: what was tried, where, with whom, what "
                "came of it, and how to do it again."
            ),
            image=None,
            kind="website",
        ),
    }
    return render(request, "public/catalogue.html", context)


def experiment(request, slug):
    found = selectors.published_experiment(slug)
    context = pages.experiment_context(request, found, found.publication)
    return render(request, "public/experiment.html", context)


def news_list(request):
    page = Paginator(selectors.public_news(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "content_lang": pages.CONTENT_LANGUAGE,
        "og": pages.open_graph(
            request,
            title=_("News of the lab's experiments"),
            description=_("What is happening in the lab's participatory-democracy experiments."),
            image=None,
            kind="website",
        ),
    }
    return render(request, "public/news_list.html", context)


def news(request, slug, post_slug):
    found = selectors.published_experiment(slug)
    post = selectors.public_news_post(found, post_slug)
    return render(request, "public/news_detail.html", pages.news_context(request, post))


def kit(request, slug):
    found = selectors.published_experiment(slug)
    page_url = request.build_absolute_uri(reverse("public:experiment", args=[slug]))
    data = replication_kit.kit_zip(found.publication, page_url)
    response = HttpResponse(data, content_type="application/zip")
    return _file(response, f"{slugify(slug)}-kit-replication.zip")


def report(request, slug):
    found = selectors.published_experiment(slug)
    data = replication_kit.public_report_pdf(found.publication)
    if data is None:
        raise Http404
    return _file(HttpResponse(data, content_type="application/pdf"), f"{slugify(slug)}-rapport.pdf")


def document(request, slug, pk):
    found = selectors.published_experiment(slug)
    version = selectors.public_documents(found.publication).filter(pk=pk).first()
    if version is None:
        raise Http404
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=version.content_type)
    # Never shown as a page of this site, whatever the file holds.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _file(response, safe_filename(version.original_name))


@require_safe
def picture(request, slug, pk, size):
    """A JPEG rendition of a public photo (or video poster) of a published experiment."""
    item = selectors.public_item(selectors.published_experiment(slug), pk)
    return _media_file(request, item.rendition(size), "image/jpeg")


@require_safe
def video(request, slug, pk):
    """The metadata-free copy of a public video, in ranges (browsers seek in videos)."""
    item = selectors.public_item(selectors.published_experiment(slug), pk, MediaItem.Kind.VIDEO)
    return _media_file(request, item.public_video, item.content_type, ranges=True)


@require_safe
def captions(request, slug, pk):
    """The captions (WebVTT) of a public video."""
    item = selectors.public_item(selectors.published_experiment(slug), pk, MediaItem.Kind.VIDEO)
    return _media_file(request, item.captions, CAPTIONS_TYPE)


def _media_file(request, field, content_type: str, ranges: bool = False):
    # Other sites may embed public media (same_origin=False), unlike the team's files.
    return stored_file_response(
        request,
        field,
        content_type=content_type,
        cache_control=MEDIA_CACHE,
        ranges=ranges,
        same_origin=False,
    )


# --- Atom feeds ------------------------------------------------------------------------------


class NewsFeed(Feed):
    """The latest news of every published experiment."""

    feed_type = NewsAtomFeed

    def title(self):
        return _("%(lab)s — news of the experiments") % {"lab": pages.lab_name()}

    def subtitle(self):
        return _("What is happening in the lab's participatory-democracy experiments.")

    def link(self):
        return reverse("public:news_list")

    def author_name(self):
        return pages.lab_name()

    def items(self):
        return selectors.with_public_images(selectors.public_news()[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)

    def item_categories(self, item):
        return [item.experiment.title]

    def item_extra_kwargs(self, item):
        content = linebreaks(item.body, autoescape=True)
        image = item.public_image
        if image is not None:
            src = self.request.build_absolute_uri(pages.media_url(image, "large"))
            content = f'<p><img src="{escape(src)}" alt="{escape(image.alt_text)}"></p>' + content
        return {"content": content}

    def __call__(self, request, *args, **kwargs):
        self.request = request  # for absolute image addresses: one instance per request
        return super().__call__(request, *args, **kwargs)


class ExperimentNewsFeed(NewsFeed):
    """The news of one published experiment."""

    def get_object(self, request, slug):
        return selectors.published_experiment(slug)

    def title(self, obj):
        return _("%(experiment)s — news") % {"experiment": obj.title}

    def subtitle(self, obj):
        return obj.publication.summary.split("\n\n")[0][:300]

    def link(self, obj):
        return reverse("public:experiment", args=[obj.slug])

    def items(self, obj):
        posts = selectors.public_news().filter(experiment=obj)[:FEED_ITEMS]
        return selectors.with_public_images(posts)


def feed(request):
    return NewsFeed()(request)


def experiment_feed(request, slug):
    return ExperimentNewsFeed()(request, slug=slug)
