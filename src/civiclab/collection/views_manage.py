"""Staff pages of collection: campaigns of a questionnaire, quotas, invitations, respondents."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civiclab.collection import campaigns as services
from civiclab.collection.access import campaign_of
from civiclab.collection.forms_manage import (
    CampaignForm,
    InvitationCountForm,
    PanelForm,
    QuotaGridForm,
    QuotaPickForm,
    in_language,
    question_label,
)
from civiclab.collection.models import Campaign, Invitation, Respondent, Response
from civiclab.collection.quotas import quota_report
from civiclab.experiments.access import experiment_for
from civiclab.experiments.permissions import Capability

C = Capability
PAGE_SIZE = 100
CHART_DAYS = 60


def optional_url(name: str, *args) -> str | None:
    """The address of a page another part of collection provides, or None while it does not
    exist yet: a missing page hides its link instead of breaking this one."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _questionnaire(access, pk):
    return get_object_or_404(access.experiment.questionnaires, pk=pk)


def _context(access, **extra) -> dict:
    return {"access": access, "experiment": access.experiment, **extra}


# --- campaigns -------------------------------------------------------------------------------


@login_required
def campaign_list(request, slug, questionnaire_pk):
    access = experiment_for(request.user, slug, C.VIEW_QUESTIONNAIRES)
    questionnaire = _questionnaire(access, questionnaire_pk)
    waves = list(questionnaire.campaigns.annotate(n_answers=Count("responses")))
    now = timezone.now()
    for wave in waves:
        wave.questionnaire = questionnaire  # state() reads its status
        wave.current_state = wave.state(now)
        wave.first_day, wave.last_day = services.first_day(wave), services.last_day(wave)
        wave.percent = wave.n_answers * 100 // wave.target_size if wave.target_size else None
    context = _context(access, questionnaire=questionnaire, campaigns=waves)
    return render(request, "collection/manage/campaign_list.html", context)


@login_required
def campaign_edit(request, slug, questionnaire_pk=None, pk=None):
    access = experiment_for(request.user, slug, C.MANAGE_CAMPAIGNS)
    if pk is None:
        questionnaire = _questionnaire(access, questionnaire_pk)
        defaults = services.consent_defaults(questionnaire, request.user)
        campaign = Campaign(questionnaire=questionnaire, **defaults)
    else:
        campaign = campaign_of(access, pk)
        questionnaire = campaign.questionnaire
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(request.user, form.save(commit=False))
        messages.success(request, _("Campaign saved."))
        return redirect("collection:campaign_detail", slug, campaign.pk)
    context = _context(access, questionnaire=questionnaire, campaign=campaign, form=form)
    status = 400 if form.errors else 200
    return render(request, "collection/manage/campaign_form.html", context, status=status)


def _per_day(campaign: Campaign) -> list[dict]:
    """Answers per day of submission (Paris time), every day from the first to the last shown,
    at most the last CHART_DAYS days."""
    counts = dict(
        campaign.responses.annotate(day=TruncDate("submitted_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("day", "n")
    )
    if not counts:
        return []
    last = max(counts)
    first = max(min(counts), last - datetime.timedelta(days=CHART_DAYS - 1))
    peak = max(counts.values())
    days = []
    for offset in range((last - first).days + 1):
        day = first + datetime.timedelta(days=offset)
        n = counts.get(day, 0)
        days.append({"day": day, "n": n, "height": n * 100 // peak})
    return days


def _labels(campaign: Campaign) -> tuple[dict, dict]:
    """Question labels by code, choice labels by (code, value), for the quota table."""
    questions = services.quota_questions(campaign.questionnaire.current_version())
    question_labels = {q.code: question_label(q) for q in questions}
    choice_labels = {
        (q.code, c.value): in_language(c.label_fr, c.label_en, c.value)
        for q in questions
        for c in q.choice_list.choices.all()
    }
    return question_labels, choice_labels


def _quota_rows(report, campaign) -> list[dict]:
    question_labels, choice_labels = _labels(campaign)
    return [
        {
            "names": [
                (question_labels.get(code, code), choice_labels.get((code, value), value))
                for code, value in cell.cell.items()
            ],
            "count": cell,
            "bar": min(cell.percent, 100),
        }
        for cell in report.cells
    ]


def _share_links(request, access, campaign: Campaign) -> dict:
    links = {}
    if access.can(C.MANAGE_CAMPAIGNS) and campaign.online:
        public = optional_url("collection:answer_start", campaign.token)
        links["public"] = request.build_absolute_uri(public) if public else None
    if access.can(C.COLLECT_ANSWERS):
        slug = access.experiment.slug
        channels = [
            ("tablet", _("Face-to-face collection on a tablet"), campaign.face_to_face),
            ("paper_entry", _("Typing in paper forms"), campaign.paper),
            ("import_start", _("Import answers from a file"), True),
        ]
        links["channels"] = [
            {"label": label, "url": url}
            for name, label, shown in channels
            if shown and (url := optional_url(f"collection:{name}", slug, campaign.pk))
        ]
    return links


@login_required
def campaign_detail(request, slug, pk):
    access = experiment_for(request.user, slug, C.VIEW_ANSWERS)
    campaign = campaign_of(access, pk)
    report = quota_report(campaign)
    channels = dict(campaign.responses.values_list("channel").annotate(n=Count("pk")).order_by())
    invitations = campaign.invitations.aggregate(
        total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False))
    )
    context = _context(
        access,
        questionnaire=campaign.questionnaire,
        campaign=campaign,
        state=campaign.state(),
        report=report,
        target_bar=min(report.percent or 0, 100),
        channels=[
            (label, channels.get(value, 0))
            for value, label in Response.Channel.choices
            if channels.get(value)
        ],
        days=_per_day(campaign),
        quota_rows=_quota_rows(report, campaign) if report.cells else [],
        invitations=invitations,
        links=_share_links(request, access, campaign),
    )
    return render(request, "collection/manage/campaign_detail.html", context)


# --- quotas ----------------------------------------------------------------------------------


def _picked(questions, codes: list[str]):
    by_code = {q.code: q for q in questions}
    return [by_code[c] for c in codes if c in by_code]


@login_required
def campaign_quotas(request, slug, pk):
    access = experiment_for(request.user, slug, C.MANAGE_CAMPAIGNS)
    campaign = campaign_of(access, pk)
    questions = services.quota_questions(campaign.questionnaire.current_version())
    quotas = list(campaign.quotas.order_by("pk").values_list("cell", "target"))
    if request.method == "POST":
        source = request.POST
    elif "first" in request.GET:
        source = request.GET
    else:
        source = None
    # In questionnaire order: PostgreSQL's jsonb does not keep the keys' order.
    saved = quotas[0][0] if quotas else {}
    current = [q.code for q in questions if q.code in saved] or [q.code for q in questions[:1]]
    pick = QuotaPickForm(
        source,
        questions=questions,
        initial={"first": current[0] if current else "", "second": "".join(current[1:2])},
    )
    if source is None:
        codes = current
    elif pick.is_valid():
        codes = [pick.cleaned_data["first"], pick.cleaned_data["second"]]
    else:
        codes = []
    picked = _picked(questions, codes)
    grid = None
    if picked:
        data = request.POST if request.method == "POST" else None
        grid = QuotaGridForm(data, questions=picked, quotas=quotas)
        if data is not None and grid.is_valid():
            services.set_quotas(request.user, campaign, grid.cells())
            messages.success(request, _("Quotas saved."))
            return redirect("collection:campaign_detail", slug, campaign.pk)
    context = _context(
        access,
        questionnaire=campaign.questionnaire,
        campaign=campaign,
        questions=questions,
        pick=pick,
        grid=grid,
        picked=picked,
        has_quotas=bool(quotas),
    )
    status = 400 if grid is not None and grid.errors else 200
    return render(request, "collection/manage/quotas.html", context, status=status)


# --- invitations -----------------------------------------------------------------------------


def _invitation_link(request):
    def link(invitation: Invitation) -> str:
        return request.build_absolute_uri(reverse("collection:invitation", args=[invitation.token]))

    return link


@login_required
def campaign_invitations(request, slug, pk):
    access = experiment_for(request.user, slug, C.MANAGE_CAMPAIGNS)
    campaign = campaign_of(access, pk)
    waves = list(campaign.questionnaire.campaigns.exclude(pk=campaign.pk))
    action = request.POST.get("action") if request.method == "POST" else None
    new_form = InvitationCountForm(request.POST if action == "new" else None)
    panel_form = PanelForm(request.POST if action == "panel" else None, waves=waves)
    if action == "new" and new_form.is_valid():
        made = services.create_invitations(request.user, campaign, new_form.cleaned_data["count"])
        messages.success(request, _("%(n)s one-time links created.") % {"n": len(made)})
        return redirect("collection:campaign_invitations", slug, campaign.pk)
    if action == "panel" and panel_form.is_valid():
        made = services.invite_panel(request.user, campaign, panel_form.source_campaign())
        if made:
            messages.success(
                request, _("%(n)s panel members invited to this wave.") % {"n": len(made)}
            )
        else:
            messages.info(request, _("Every respondent of the other waves is already invited."))
        return redirect("collection:campaign_invitations", slug, campaign.pk)
    invitations = campaign.invitations.select_related("respondent").order_by("-pk")
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    link = _invitation_link(request)
    counts = campaign.invitations.aggregate(
        total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False))
    )
    context = _context(
        access,
        questionnaire=campaign.questionnaire,
        campaign=campaign,
        new_form=new_form,
        panel_form=panel_form,
        waves=waves,
        candidates=services.panel_candidates(campaign).count() if waves else 0,
        page=page,
        rows=[(i, link(i)) for i in page],
        counts=counts,
    )
    status = 400 if new_form.errors or panel_form.errors else 200
    return render(request, "collection/manage/invitations.html", context, status=status)


@login_required
def campaign_invitations_csv(request, slug, pk):
    access = experiment_for(request.user, slug, C.MANAGE_CAMPAIGNS)
    campaign = campaign_of(access, pk)
    body = services.invitations_csv(campaign, _invitation_link(request))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"invitations-{access.experiment.slug}-{campaign.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- respondents and personal data -----------------------------------------------------------


@login_required
def respondent_list(request, slug):
    access = experiment_for(request.user, slug, C.VIEW_ANSWERS)
    respondents = services.respondents_of(access.experiment)
    page = Paginator(respondents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _context(
        access,
        page=page,
        rows=services.respondent_rows(page),
        can_manage_personal_data=access.can(C.MANAGE_PERSONAL_DATA),
    )
    return render(request, "collection/manage/respondents.html", context)


def _respondent(access, pk) -> Respondent:
    return get_object_or_404(Respondent, pk=pk, experiment=access.experiment)


@login_required
def respondent_personal_data(request, slug, pk):
    access = experiment_for(request.user, slug, C.MANAGE_PERSONAL_DATA)
    respondent = _respondent(access, pk)
    context = _context(
        access,
        respondent=respondent,
        personal=services.personal_data_of(respondent),
        answers=respondent.responses.count(),
    )
    return render(request, "collection/manage/personal_data.html", context)


@login_required
def respondent_erase(request, slug, pk):
    access = experiment_for(request.user, slug, C.MANAGE_PERSONAL_DATA)
    respondent = _respondent(access, pk)
    if request.method == "POST":
        services.erase_respondent_personal_data(request.user, respondent)
        messages.success(
            request,
            _("The personal data of %(pseudonym)s has been erased. Their anonymous answers stay.")
            % {"pseudonym": respondent.pseudonym},
        )
        return redirect("collection:respondent_personal_data", slug, respondent.pk)
    context = _context(
        access, respondent=respondent, personal=services.personal_data_of(respondent)
    )
    return render(request, "collection/manage/erase_confirm.html", context)
