"""Face-to-face collection on a tablet: the offline form, its service worker, the sync endpoint.

The surveyor opens the tablet page once while online; the service worker keeps the page and
its static files, and static/js/tablet.js keeps every answer in an IndexedDB queue under a
UUID made on the tablet, until the server acknowledges it. See docs/guide/tablet-collection-en.md.

Sync endpoint contract (`collection:tablet_submit`, one answer per POST, JSON body
{"uuid", "version", "answers", "place", "started_at", "submitted_at"}, X-CSRFToken header):
    201 {"status": "created", "uuid"}          stored now
    200 {"status": "already_stored", "uuid"}   the same content was stored before (a resend)
    400 {"status": "invalid", "errors"}        malformed request or answers the rules refuse
    409 {"status": "conflict", "errors"}       another content is stored under this UUID
    403 {"status": "refused", "errors"}        campaign not open or closed; role without the right
    404 {"status": "not_found", "errors"}      no such campaign for this user
    401 {"status": "login_required", "login_url"}  session expired: the tablet keeps the queue
Only 201 and 200 let the tablet delete an answer from its queue; nothing is stored otherwise.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from civiclab.collection.access import campaign_for
from civiclab.collection.models import Response
from civiclab.collection.pages import build_pages
from civiclab.collection.services import SubmissionError, spec_for, submission_from_json, submit
from civiclab.experiments.permissions import Capability

# What the tablet page loads; the service worker keeps exactly these, under their real
# (hashed, in production) URLs.
TABLET_ASSETS = (
    "css/civiclab.css",
    "css/answering.css",
    "css/tablet.css",
    "js/expressions.js",
    "js/answering.js",
    "js/tablet.js",
)
STATUS_WORDS = {400: "invalid", 403: "refused", 404: "not_found", 409: "conflict"}


def _tablet_campaign(user, slug: str, pk: int):
    """The campaign and the questionnaire version its tablets collect, or 404."""
    campaign = campaign_for(user, slug, pk, Capability.COLLECT_ANSWERS)[1]
    version = campaign.questionnaire.current_version()
    if not campaign.face_to_face or version is None:
        raise Http404
    return campaign, version


def _in_language(messages: dict) -> str:
    language = (get_language() or "fr")[:2]
    return messages.get(language) or messages.get("fr") or messages.get("en") or ""


def _plain(number) -> str | None:
    """15 rather than 15.000000 in a message."""
    return None if number is None else f"{number.normalize():f}"


def _rules(spec) -> dict:
    """What the tablet checks before queueing an answer (the server checks it all again)."""
    return {
        f.code: {
            "type": f.type,
            "required": f.required,
            "min": _plain(f.minimum),
            "max": _plain(f.maximum),
            "constraint": f.constraint,
            "constraint_message": _in_language(f.constraint_message),
        }
        for f in spec.fields
    }


def ui_messages() -> dict:
    """Every sentence tablet.js shows, translated here; %(name)s placeholders are filled in JS."""
    return {
        "online": _("Online"),
        "offline": _("Offline: answers are kept on this tablet."),
        "offline_ready": _("This form works without network on this tablet."),
        "offline_preparing": _("Preparing the form for use without network…"),
        "offline_unsupported": _(
            "This browser cannot keep the form without network. Keep this page open, or use "
            "another browser (Chrome, Edge, Firefox, Safari)."
        ),
        "storage_unsupported": _(
            "This browser cannot store answers on the tablet. Answers cannot be collected here."
        ),
        "store_failed": _("The answer could not be saved on the tablet. It is still in the form."),
        "waiting_none": _("No answer waiting to be sent."),
        "waiting_one": _("1 answer waiting to be sent."),
        "waiting_many": _("%(n)s answers waiting to be sent."),
        "refused_count": _("%(n)s of them refused by the server: see below."),
        "last_sync": _("Last sent: %(time)s."),
        "never_synced": _("Nothing sent yet from this tablet."),
        "sending": _("Sending answers…"),
        "sent": _("All answers are sent."),
        "network_error": _("No connection to the server: the tablet will try again by itself."),
        "server_error": _("The server did not answer properly: the tablet will try again."),
        "login_required": _(
            "Your session has expired: log in again to send the answers. They stay on this "
            "tablet meanwhile."
        ),
        "saved": _("Answer saved on the tablet. The form is ready for the next person."),
        "page": _("Page %(index)s of %(total)s"),
        "fix_errors": _("Some answers need your attention:"),
        "required": _("This question requires an answer."),
        "number": _("A number is expected."),
        "whole_number": _("A whole number is expected."),
        "minimum": _("The smallest accepted value is %(n)s."),
        "maximum": _("The largest accepted value is %(n)s."),
        "not_accepted": _("This answer is not accepted."),
        "refused_item": _("Answer saved on %(time)s, place “%(place)s”: %(message)s"),
        # A question's label followed by what is wrong with its answer.
        "labelled": _("%(label)s: %(message)s"),
        "retry": _("Try again"),
        "remove": _("Remove from the queue"),
        "confirm_remove": _(
            "Remove this answer from the tablet for good? Download the queue file first if "
            "you may need it."
        ),
        "nothing_to_export": _("No answer waiting: there is nothing to download."),
        "exported": _("Queue file downloaded: %(n)s answers."),
        "import_bad_file": _("This file is not a queue file of civiclab."),
        "import_other_campaign": _("This queue file comes from another campaign."),
        "imported": _("%(added)s answers added to the queue, %(known)s already in it."),
        "new_version": _(
            "A new version of the form is ready. Reload the page between two respondents."
        ),
    }


@login_required
@never_cache
@require_GET
def tablet(request, slug, pk):
    campaign, version = _tablet_campaign(request.user, slug, pk)
    spec = spec_for(version)
    pages = build_pages(version, spec)
    labels = {item.code: item.label for page in pages for item in page.items}
    config = {
        "campaign": campaign.pk,
        "slug": campaign.questionnaire.experiment.slug,
        "version": version.number,
        "submit_url": reverse("collection:tablet_submit", args=[slug, pk]),
        "sw_url": reverse("collection:tablet_sw", args=[slug, pk]),
        "login_url": f"{reverse(settings.LOGIN_URL)}?next={request.path}",
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "rules": _rules(spec),
        "labels": labels,
        "messages": ui_messages(),
    }
    context = {
        "campaign": campaign,
        "version": version,
        "pages": pages,
        "state": campaign.state(),
        "surveyor": request.user.get_full_name() or request.user.get_username(),
        "config": config,
    }
    return render(request, "collection/tablet/tablet.html", context)


def _json(http_status: int, **body) -> JsonResponse:
    return JsonResponse(body, status=http_status, json_dumps_params={"ensure_ascii": False})


def _refusal(http_status: int, errors: dict, uuid=None) -> JsonResponse:
    word = STATUS_WORDS.get(http_status, "refused")
    return _json(http_status, status=word, uuid=uuid, errors=errors)


@require_POST
def tablet_submit(request, slug, pk):
    # No login redirect: a tablet must learn that its session expired, not get a login page.
    if not request.user.is_authenticated:
        login_url = reverse(settings.LOGIN_URL)
        return _json(401, status="login_required", login_url=login_url)
    try:
        campaign = campaign_for(request.user, slug, pk, Capability.COLLECT_ANSWERS)[1]
    except Http404:
        return _refusal(404, {"__all__": _("This campaign does not exist.")})
    except PermissionDenied:
        return _refusal(403, {"__all__": _("Your role does not allow collecting answers.")})
    try:
        payload = json.loads(request.body)
    except (ValueError, RecursionError, RequestDataTooBig):
        return _refusal(400, {"__all__": _("The request is not a response.")})
    try:
        submission = submission_from_json(
            payload, channel=Response.Channel.FACE_TO_FACE, surveyor=request.user
        )
        response, created = submit(campaign, submission)
    except SubmissionError as error:
        uuid = payload.get("uuid") if isinstance(payload, dict) else None
        return _refusal(error.status, error.errors, uuid[:64] if isinstance(uuid, str) else None)
    if created:
        return _json(201, status="created", uuid=str(response.uuid))
    return _json(200, status="already_stored", uuid=str(response.uuid))


def _cache_version(version, assets: list[str]) -> str:
    """Changes when the questionnaire version or any static file the page uses changes."""
    digest = hashlib.sha256(f"{version.pk}:{version.number}".encode())
    for name, url in zip(TABLET_ASSETS, assets, strict=True):
        digest.update(url.encode())
        # In production the URL holds the content hash; in development read the file.
        path = finders.find(name)
        if path:
            with open(path, "rb") as source:
                digest.update(hashlib.sha256(source.read()).digest())
    return digest.hexdigest()[:16]


# Logged out, the browser gets a redirect, which it refuses for a worker script: the worker
# already installed stays in place.
@login_required
@never_cache
@require_GET
def tablet_sw(request, slug, pk):
    campaign, version = _tablet_campaign(request.user, slug, pk)
    assets = [static(name) for name in TABLET_ASSETS]
    config = {
        "cache_prefix": f"civiclab-tablet-{campaign.pk}-",
        "cache": f"civiclab-tablet-{campaign.pk}-{_cache_version(version, assets)}",
        "page": reverse("collection:tablet", args=[slug, pk]),
        "assets": assets,
    }
    body = render_to_string("collection/tablet/sw.js", {"config": json.dumps(config)})
    return HttpResponse(body, content_type="application/javascript; charset=utf-8")
