"""Nothing private leaks to the public site.

An anonymous visitor crawls every address the public site links to, from the catalogue, the
news list and the Atom feed: pages, feeds, the replication kit and every file in it, the
report, documents, open-data files, Open Graph images and photo thumbnails. The private
strings of the fixture (tests/public/conftest.py) appear in none of them; the public ones
all appear somewhere; no photo without image rights is served; and every address of what
is not published answers 404.
"""

import csv
import html
import io
import json
import re
import zipfile
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from civiclab.public.pages import media_url
from tests.gallery.conftest import VIDEO_SECRETS, VIDEO_STREAM_SECRET, video_metadata
from tests.public.conftest import PRIVATE, PUBLIC

pytestmark = pytest.mark.django_db

START = ["/public/", "/public/news/", "/public/feed.atom"]
# Where the crawler goes: the public site, open data and public thumbnails. Static files
# are the same for everybody; the team's pages are not public (see test_views).
CRAWLED = ("/public/", "/open-data/")
# Links, images, and meta tags whose content is an address (og:image, og:url...).
ATTRIBUTE = re.compile(r"""(?:href|src|content)\s*=\s*["']((?:https?:/)?/[^"']*)["']""")
SRCSET = re.compile(r"""srcset\s*=\s*["']([^"']+)["']""")


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def addresses(text: str, base: str) -> set[str]:
    found = set(ATTRIBUTE.findall(text))
    for srcset in SRCSET.findall(text):
        found |= {part.split()[0] for part in srcset.split(",") if part.strip()}
    paths = set()
    for raw in found:
        url = urlsplit(urljoin(base, html.unescape(raw)))
        if url.hostname not in (None, "testserver"):
            continue
        if url.path.startswith(CRAWLED):
            paths.add(url.path + (f"?{url.query}" if url.query else ""))
    return paths


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += [str(value) for value in row if value is not None]
    return "\n".join(cells)


def readable(name: str, data: bytes, kind: str = "") -> str:
    """The text a person would read in the file `name` (of type `kind` when known)."""
    if name.endswith(".pdf") or kind == "application/pdf":
        return pdf_text(data)
    if name.endswith(".xlsx"):
        return xlsx_text(data)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(readable(n, archive.read(n)) for n in archive.namelist())
    if name.endswith(".jpg") or kind.startswith("image/"):
        return ""
    if kind.startswith("video/"):  # its metadata, if any was left, is plain text in the file
        return data.decode("latin-1")
    return html.unescape(data.decode("utf-8-sig"))


def crawl(client) -> dict[str, tuple[int, str, bytes]]:
    """Every public address reachable from START: {path: (status, content type, body)}."""
    seen: dict[str, tuple[int, str, bytes]] = {}
    queue = list(START)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        data = body(response)
        kind = response.get("Content-Type", "")
        seen[path] = (response.status_code, kind, data)
        if "html" in kind or "atom" in kind or "xml" in kind:
            queue += sorted(addresses(data.decode(), f"http://testserver{path}") - set(seen))
    return seen


@pytest.fixture
def crawled(client, world):
    return crawl(client)


def test_the_crawl_reaches_every_kind_of_public_address(crawled, world):
    slug = world.experiment.slug
    expected = {
        "/public/",
        "/public/news/",
        "/public/feed.atom",
        f"/public/{slug}/",
        f"/public/{slug}/feed.atom",
        f"/public/{slug}/kit.zip",
        f"/public/{slug}/report.pdf",
        f"/public/{slug}/news/{world.post.slug}/",
        media_url(world.photo, "small"),
        media_url(world.photo, "large"),
        media_url(world.video, "video"),
        media_url(world.video, "captions"),
        reverse("opendata:public_aggregates", args=[slug, "csv"]),
    }
    assert expected <= set(crawled)
    assert any(path.startswith(f"/public/{slug}/documents/") for path in crawled)
    failed = {path: status for path, (status, _k, _b) in crawled.items() if status != 200}
    assert not failed


def test_no_private_string_at_any_public_address_or_in_any_file(crawled):
    leaks = []
    for path, (_status, _kind, data) in crawled.items():
        text = readable(urlsplit(path).path, data, _kind)
        leaks += [(path, secret) for secret in PRIVATE if secret in text]
    assert not leaks


def test_every_public_string_is_somewhere(crawled):
    everything = "\n".join(readable(urlsplit(p).path, d, k) for p, (_s, k, d) in crawled.items())
    missing = [text for text in PUBLIC if text not in everything]
    assert not missing


def test_only_consented_photos_are_served(crawled, world):
    """Every image crawled is a rendition of the consented photo, never the original file,
    and the refused and unknown-consent photos are never linked."""
    allowed = set()
    for field in (world.photo.small, world.photo.large):
        with field.open("rb") as file:
            allowed.add(file.read())
    images = [data for path, (_s, kind, data) in crawled.items() if kind.startswith("image/")]
    assert images and all(data in allowed for data in images)
    for item in (world.refused, world.unknown):
        for path in crawled:
            assert f"/media/{item.pk}/" not in path
    linked = "\n".join(d.decode() for _p, (_s, k, d) in crawled.items() if "html" in k)
    assert "/original/" not in linked and "/gallery/" not in linked


def test_the_kit_holds_the_announced_files_and_nothing_unpublished(crawled, world):
    slug = world.experiment.slug
    _status, kind, data = crawled[f"/public/{slug}/kit.zip"]
    assert kind == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = [name.split("/", 1)[1] for name in archive.namelist()]
        readme = archive.read(f"{slug}-kit/README.txt").decode()
        protocol = pdf_text(archive.read(f"{slug}-kit/protocole.pdf"))
        report = pdf_text(archive.read(f"{slug}-kit/rapport-public.pdf"))
    assert names[0] == "README.txt"
    assert {
        "protocole.pdf",
        "questionnaires/evaluation_conseil-v1.xlsx",
        "rapport-public.pdf",
        f"donnees-ouvertes/{slug}-agregats.csv",
        f"donnees-ouvertes/{slug}-agregats.json",
        f"donnees-ouvertes/{slug}-evaluation_conseil-reponses.csv",
        "documents/Charte de participation.pdf",
    } <= set(names)
    assert not any("Note interne" in name for name in names)
    for name in names[1:]:
        assert name in readme, f"the README does not list {name}"
    assert "Licence" in readme and "CC BY 4.0" in readme
    # The protocol: the sections chosen for the kit and the hypotheses only.
    assert "Contexte public" in protocol and "tiers des sièges" in protocol
    assert "diversifie les conseils" in protocol
    # The report: published indicators only, small ones withheld, no breakdown with a
    # small group (Wazemmes: 2 people without trust), no budget, no question chart.
    assert "Confiance dans le conseil de quartier" in report
    assert "Trop peu de réponses" in report or "Too few answers" in report
    assert "Votre quartier" not in report and "Wazemmes" not in report.replace(
        "Habitante de Wazemmes", ""
    )


def test_small_cells_are_absent_from_the_open_data_in_the_kit(crawled, world):
    slug = world.experiment.slug
    with zipfile.ZipFile(io.BytesIO(crawled[f"/public/{slug}/kit.zip"][2])) as archive:
        rows = list(
            csv.DictReader(
                io.StringIO(
                    archive.read(f"{slug}-kit/donnees-ouvertes/{slug}-agregats.csv").decode(
                        "utf-8-sig"
                    )
                ),
                delimiter=";",
            )
        )
        answers = archive.read(
            f"{slug}-kit/donnees-ouvertes/{slug}-evaluation_conseil-reponses.csv"
        ).decode("utf-8-sig")
    counts = [int(row["effectif"]) for row in rows if row["effectif"]]
    assert counts and all(count == 0 or count >= 5 for count in counts)
    assert "nom" not in answers.splitlines()[0].split(";")
    assert "courriel" not in answers.splitlines()[0].split(";")


def article(page: str, title: str) -> str:
    """The <article> of the page that holds `title`."""
    start = page.rindex("<article", 0, page.index(title))
    return page[start : page.index("</article>", start)]


def test_the_page_withholds_small_figures_and_small_waves(client, world):
    url = reverse("public:experiment", args=[world.experiment.slug])
    page = html.unescape(client.get(url).content.decode())
    trust = article(page, "Confiance dans le conseil de quartier")
    assert "76\u202f%" in trust  # 19 of 25 after
    assert "88\u202f%" not in trust and "<td>16</td>" not in trust  # before: 14 of 16
    assert trust.count('class="pub-muted"') == 1  # the "before" wave, withheld
    newcomers = article(page, "Âge moyen des nouveaux venus")
    assert "pub-figure-none" in newcomers and "pub-figure-withheld" in newcomers
    assert not re.search(r"\d", newcomers.split("</h3>")[1])  # no value, no n


def test_og_image_is_a_public_thumbnail_of_the_consented_photo(client, world):
    page = client.get(reverse("public:experiment", args=[world.experiment.slug])).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert image == f"http://testserver{media_url(world.photo, 'large')}"
    assert client.get(urlsplit(image).path).status_code == 200
    url = re.search(r'<meta property="og:url" content="([^"]+)"', page).group(1)
    assert url == f"http://testserver/public/{world.experiment.slug}/"


def test_a_news_post_whose_photo_lost_its_consent_falls_back_to_the_cover(client, world):
    type(world.post).objects.filter(pk=world.post.pk).update(image=world.refused)
    page = client.get(world.post.get_absolute_url()).content.decode()
    assert f"/media/{world.refused.pk}/" not in page
    assert f"/media/{world.photo.pk}/large.jpg" in page  # og:image: the experiment's cover
    feed = client.get(reverse("public:feed")).content.decode()
    assert f"/media/{world.refused.pk}/" not in feed


def test_what_is_not_published_answers_404_everywhere(client, world):
    slug = world.experiment.slug
    for other in (world.private_experiment, world.unpublished_experiment):
        for name in ("experiment", "kit", "report", "experiment_feed"):
            assert client.get(reverse(f"public:{name}", args=[other.slug])).status_code == 404
    private_post = reverse(
        "public:news", args=[world.private_experiment.slug, world.private_post.slug]
    )
    assert client.get(private_post).status_code == 404
    assert client.get(reverse("public:news", args=[slug, world.draft.slug])).status_code == 404
    for item in (world.refused, world.unknown, world.hidden_video):
        for size in ("small", "large", "video", "captions"):
            path = media_url(item, size).replace(f"/{item.experiment.slug}/", f"/{slug}/")
            assert client.get(path).status_code == 404
    internal_document = world.experiment.documents.get(name__startswith="Note interne")
    url = reverse("public:document", args=[slug, internal_document.current_version_id])
    assert client.get(url).status_code == 404


def test_unpublishing_takes_every_address_down_at_once(client, world):
    slug = world.experiment.slug
    assert client.get(reverse("public:kit", args=[slug])).status_code == 200
    world.experiment.is_public = False
    world.experiment.save(update_fields=["is_public"])
    for name in ("experiment", "kit", "report", "experiment_feed"):
        assert client.get(reverse(f"public:{name}", args=[slug])).status_code == 404
    assert client.get(world.post.get_absolute_url()).status_code == 404
    for path in START:
        assert world.experiment.title not in html.unescape(client.get(path).content.decode())


@pytest.mark.parametrize("switch", ["experiment", "publication"])
def test_either_switch_takes_pictures_and_videos_down(client, world, switch):
    """Unpublishing the page, or making the experiment private, stops its media at once."""
    addresses = [
        media_url(world.photo, "small"),
        media_url(world.video, "video"),
        media_url(world.video, "captions"),
    ]
    assert all(client.get(path).status_code == 200 for path in addresses)
    if switch == "experiment":
        world.experiment.is_public = False
        world.experiment.save(update_fields=["is_public"])
    else:
        world.publication.is_published = False
        world.publication.save(update_fields=["is_published"])
    assert [client.get(path).status_code for path in addresses] == [404, 404, 404]


def test_a_public_video_is_its_metadata_free_copy_played_by_ranges(client, world):
    response = client.get(media_url(world.video, "video"))
    data = body(response)
    assert response["Content-Type"] == "video/mp4" and response["Accept-Ranges"] == "bytes"
    with world.video.public_video.open("rb") as copy:
        assert data == copy.read()
    with world.video.file.open("rb") as original:
        before = video_metadata(original.read())
    after = video_metadata(data)
    for secret in [*VIDEO_SECRETS.values(), VIDEO_STREAM_SECRET]:
        assert secret in before and secret not in after
    # Still the same video, only without its metadata.
    assert "Video: h264" in after and "Duration: 00:00:01.00" in after
    part = client.get(media_url(world.video, "video"), HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and body(part) == data[:100]


def test_a_report_no_longer_public_disappears(client, world):
    world.report.public = False
    world.report.save(update_fields=["public"])
    slug = world.experiment.slug
    assert client.get(reverse("public:report", args=[slug])).status_code == 404
    kit = body(client.get(reverse("public:kit", args=[slug])))
    with zipfile.ZipFile(io.BytesIO(kit)) as archive:
        assert not any(name.endswith("rapport-public.pdf") for name in archive.namelist())


def test_an_edited_quote_is_withdrawn_until_confirmed_again(client, world):
    """A quote confirmed as identifying nobody leaves the site when its text changes."""
    from civiclab.public.models import PublishedVerbatim
    from civiclab.qualitative import services as qualitative

    PublishedVerbatim.objects.filter(verbatim=world.raw_quote).update(
        confirmed_text=world.raw_quote.text
    )
    url = reverse("public:experiment", args=[world.experiment.slug])
    assert "trop longue" in html.unescape(client.get(url).content.decode())
    qualitative.update_verbatim(world.coordinator, world.raw_quote, [], "Une habitante")
    world.raw_quote.refresh_from_db()
    type(world.raw_quote).objects.filter(pk=world.raw_quote.pk).update(
        text=world.raw_quote.text + " Elle a ajouté son adresse."
    )
    assert "trop longue" not in html.unescape(client.get(url).content.decode())


def test_feeds_are_valid_atom_with_only_published_news(client, world):
    response = client.get(reverse("public:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert feed.count("<entry>") == 1
    assert "Les conseils s&#x27;ouvrent" in feed or "Les conseils s'ouvrent" in feed
    # The body is escaped HTML: a tag typed in the text is shown, never interpreted.
    assert "&lt;b&gt;" in html.unescape(feed.split("<content", 1)[1])
    json.dumps(feed)  # plain text, nothing binary
