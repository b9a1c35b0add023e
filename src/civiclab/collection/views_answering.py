"""Answering online: the public link, one-time links, consent, pages, save and resume."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from civiclab.accounts.throttling import client_ip
from civiclab.collection.draft_read import draft_for_answering
from civiclab.collection.models import Campaign, Draft, Invitation, Response
from civiclab.collection.pages import build_pages, layout_for, raw_from_post
from civiclab.collection.services import Submission, SubmissionError, prepare, spec_for, store
from civiclab.collection.validation import check, is_relevant
from civiclab.core import rows

HONEYPOT = "website"
# Respondent pages show the experiment's title, read along with the campaign.
TITLE = F("questionnaire__experiment__title")
RESUME_COOKIE = "civiclab_draft_%s"


def _campaign(token: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("questionnaire").annotate(experiment_title=TITLE),
        token=token,
    )


def _unavailable(request, campaign, invitation=None):
    """The page to show instead of the form, or None when answering is possible."""
    state = campaign.state() if campaign.online else "not_online"
    if state == "open" and campaign.access == Campaign.Access.INVITATION and invitation is None:
        state = "invitation_only"
    if state == "open":
        return None
    return render(
        request, "collection/answer/unavailable.html", {"campaign": campaign, "state": state}
    )


def _rate_limited(request, campaign) -> bool:
    # The address is hashed with the secret key: the counter never holds an IP address.
    address = f"{settings.SECRET_KEY}:{client_ip(request)}:{campaign.pk}"
    key = "answer-rate:" + hashlib.sha256(address.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > settings.ONLINE_ANSWERS_PER_HOUR


@require_http_methods(["GET", "POST"])
def start(request, token):
    return _welcome(request, _campaign(token), None)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("campaign__questionnaire", "respondent").annotate(
            experiment_title=F("campaign__questionnaire__experiment__title")
        ),
        token=token,
    )
    invitation.campaign.experiment_title = invitation.experiment_title
    if invitation.used_at:
        return render(
            request,
            "collection/answer/unavailable.html",
            {"campaign": invitation.campaign, "state": "already_answered"},
        )
    return _welcome(request, invitation.campaign, invitation)


def _welcome(request, campaign, invitation):
    unavailable = _unavailable(request, campaign, invitation)
    if unavailable:
        return unavailable
    resumable = Draft.objects.filter(
        campaign=campaign,
        token=request.COOKIES.get(RESUME_COOKIE % campaign.pk, ""),
        submitted_at__isnull=True,
    ).first()
    error = ""
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            return render(request, "collection/answer/thanks.html", {"campaign": campaign})
        if request.POST.get("consent") != "yes":
            error = "consent"
        elif _rate_limited(request, campaign):
            return render(
                request,
                "collection/answer/unavailable.html",
                {"campaign": campaign, "state": "too_many"},
                status=429,
            )
        else:
            return _begin(campaign, invitation)
    context = {"campaign": campaign, "resumable": resumable, "error": error, "honeypot": HONEYPOT}
    return render(request, "collection/answer/welcome.html", context, status=400 if error else 200)


def _begin(campaign, invitation):
    draft = Draft.objects.create(
        campaign=campaign,
        version=campaign.questionnaire.current_version(),
        invitation=invitation,
        consent_at=timezone.now(),
    )
    response = redirect("collection:answer_page", token=campaign.token, draft=draft.token)
    response.set_cookie(
        RESUME_COOKIE % campaign.pk,
        draft.token,
        max_age=60 * 60 * 24 * 90,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def _draft(token: str, draft_token: str) -> Draft:
    draft = draft_for_answering(draft_token)
    if draft is None or draft.campaign.token != token:
        raise Http404
    return draft


def _shown(layout, spec, values) -> list[int]:
    """Indexes of the pages with at least one question shown, given the answers so far."""
    fields = {f.code: f for f in spec.fields}
    return [
        n
        for n, page in enumerate(layout)
        if any(is_relevant(fields[code], values) for code, _type in page)
    ]


def _nearest(shown: list[int], page: int, step: int = 0) -> int:
    """The shown page at `page` (or the nearest one before it), moved by `step` shown pages.
    `Draft.page` counts every page of the layout, shown or not."""
    position = max((n for n, index in enumerate(shown) if index <= page), default=0)
    return shown[max(0, min(position + step, len(shown) - 1))]


@require_http_methods(["GET", "POST"])
def page(request, token, draft):
    draft = _draft(token, draft)
    campaign = draft.campaign
    if draft.submitted_at:
        return render(request, "collection/answer/thanks.html", {"campaign": campaign})
    unavailable = _unavailable(request, campaign, draft.invitation_id)
    if unavailable:
        return unavailable
    if (
        draft.invitation_id
        and Invitation.objects.filter(pk=draft.invitation_id, used_at__isnull=False).exists()
    ):
        # Another draft of the same one-time link was sent first.
        context = {"campaign": campaign, "state": "already_answered"}
        return render(request, "collection/answer/unavailable.html", context)
    spec, layout = spec_for(draft.version), layout_for(draft.version)
    if request.method == "GET":
        return _render_page(request, draft, {}, saved=False)
    if request.POST.get(HONEYPOT):
        return render(request, "collection/answer/thanks.html", {"campaign": campaign})
    current = layout[min(draft.page, len(layout) - 1)]
    draft.answers = {**draft.answers, **raw_from_post(current, request.POST)}
    action = request.POST.get("action", "next")
    if action == "submit":
        # The whole response is checked by `submit`, whatever the pages said.
        return _finish(request, draft)
    errors = {} if action in ("previous", "save") else _page_errors(spec, draft, current)
    if not errors:
        shown = _shown(layout, spec, _values(spec, draft.answers))
        draft.page = _nearest(shown, draft.page, {"next": 1, "previous": -1}.get(action, 0))
    draft.save(update_fields=["answers", "page", "updated_at"])
    if errors or action == "save":
        return _render_page(request, draft, errors, saved=action == "save")
    return HttpResponseRedirect(request.path)


def _values(spec, answers: dict) -> dict:
    checked = check(spec, answers, only=set())
    return {**checked.answers, **checked.personal}


def _page_errors(spec, draft, current) -> dict:
    codes = {code for code, _type in current}
    checked = check(spec, draft.answers, only=codes)
    return {code: message for code, message in checked.errors.items() if code in codes}


def _render_page(request, draft, errors: dict, saved: bool):
    spec = spec_for(draft.version)
    values = _values(spec, draft.answers)
    shown = _shown(layout_for(draft.version), spec, values)
    draft.page = _nearest(shown, draft.page)
    current = build_pages(draft.version, spec)[draft.page]
    for item in current.items:
        item.value = draft.answers.get(item.code)
        item.error = errors.get(item.code, "")
    position = shown.index(draft.page)
    context = {
        "campaign": draft.campaign,
        "draft": draft,
        "page": current,
        "index": position + 1,
        "total": len(shown),
        "is_last": position == len(shown) - 1,
        "errors": errors,
        "other_errors": {k: v for k, v in errors.items() if k not in current.codes},
        "saved": saved,
        "honeypot": HONEYPOT,
        "resume_url": request.build_absolute_uri(),
        # Answers from the other pages, for the show-if conditions evaluated in the browser.
        "context_answers": {k: v for k, v in values.items() if k not in current.codes},
    }
    return render(request, "collection/answer/page.html", context, status=400 if errors else 200)


def _finish(request, draft):
    submission = Submission(
        version_number=draft.version.number,
        version=draft.version,
        answers=draft.answers,
        uuid=draft.response_uuid,
        channel=Response.Channel.ONLINE,
        started_at=draft.started_at,
        consent_at=draft.consent_at,
        invitation=draft.invitation,
    )

    def submitted():
        draft.submitted_at = timezone.now()
        draft.answers = {}  # the response holds them now; personal data must not linger
        rows.update(draft, ("submitted_at", "answers", "updated_at"))

    try:
        # Checked before the transaction: SQLite's write lock is held only for the writes.
        store(prepare(draft.campaign, submission), then=submitted)
    except SubmissionError as error:
        # Back to the first page with a problem (an answer given on the last page may have
        # made an earlier question required, or shown a later page).
        draft.page = _first_page_with(error.errors, layout_for(draft.version), draft.page)
        draft.save(update_fields=["answers", "page", "updated_at"])
        return _render_page(request, draft, error.errors, saved=False)
    # Back to the address the answers were sent to, which now shows the thank-you page:
    # reloading it never sends them again.
    return HttpResponseRedirect(request.path)


def _first_page_with(errors: dict, layout, default: int) -> int:
    for index, page in enumerate(layout):
        if any(code in errors for code, _type in page):
            return index
    return default
