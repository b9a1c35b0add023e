"""Staff side of collection: campaigns (waves), quotas, panel invitations, respondents."""

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiclab.accounts.models import Organisation
from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.collection import services
from civiclab.collection.models import (
    Campaign,
    Invitation,
    PersonalData,
    Quota,
    Respondent,
    Response,
    new_pseudonym,
)
from civiclab.experiments.models import Experiment, Membership
from civiclab.surveys.models import Choice, Question, Questionnaire, QuestionnaireVersion

AUDITED_FIELDS = [
    "label",
    "wave",
    "online",
    "face_to_face",
    "paper",
    "access",
    "opens_at",
    "closes_at",
    "target_size",
    "consent_purpose",
    "consent_controller",
    "consent_retention",
    "consent_contact",
]
# Question types a quota may be set on: one answer among a closed list.
QUOTA_TYPES = (Question.Type.SINGLE_CHOICE, Question.Type.SCALE, Question.Type.YES_NO)
MAX_QUOTA_QUESTIONS = 2
MAX_NEW_INVITATIONS = 5000
DEFAULT_RETENTION = gettext_lazy("2 years after the end of the experiment")


class CampaignRefused(ValidationError):
    """A change that would leave a campaign, its quotas or its invitations inconsistent."""


# --- campaigns -------------------------------------------------------------------------------


def campaign_problems(campaign: Campaign) -> dict[str, str]:
    """What makes `campaign` unusable, by field name: the rules forms and services share."""
    problems = {}
    if not (campaign.online or campaign.face_to_face or campaign.paper):
        problems["online"] = _("Choose at least one way of collecting answers.")
    if campaign.opens_at and campaign.closes_at and campaign.closes_at <= campaign.opens_at:
        problems["closes_at"] = _("The campaign must close after it opens.")
    return problems


@in_site_language
def consent_defaults(questionnaire: Questionnaire, actor=None) -> dict[str, str]:
    """What respondents read before answering, prefilled from the experiment and the lab; the
    analyst checks and adjusts it."""
    experiment = questionnaire.experiment
    return {
        "consent_purpose": _(
            "Understand what you think of “%(questionnaire)s”, as part of the experiment "
            "“%(experiment)s”. Answers are analysed without your name."
        )
        % {"questionnaire": questionnaire.title, "experiment": experiment.title},
        "consent_controller": _controller(experiment),
        "consent_retention": str(DEFAULT_RETENTION),
        "consent_contact": _contact(experiment, actor),
    }


def first_day(campaign: Campaign) -> datetime.date | None:
    """The day (Paris time) the campaign opens."""
    return timezone.localtime(campaign.opens_at).date() if campaign.opens_at else None


def last_day(campaign: Campaign) -> datetime.date | None:
    """The last day (Paris time) answers are accepted: closing at midnight ends the day before."""
    if campaign.closes_at is None:
        return None
    return timezone.localtime(campaign.closes_at - datetime.timedelta(microseconds=1)).date()


def _controller(experiment: Experiment) -> str:
    # The local authority running the experiment decides why data is collected; failing
    # that, the lab itself.
    lead = experiment.partners.filter(kind=Organisation.Kind.LOCAL_AUTHORITY).order_by("pk")
    lab = Organisation.objects.filter(kind=Organisation.Kind.LAB).order_by("pk")
    organisation = lead.first() or lab.first()
    return organisation.name if organisation else ""


def _contact(experiment: Experiment, actor) -> str:
    coordinator = (
        Membership.objects.filter(experiment=experiment, role=Membership.Role.COORDINATOR)
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if coordinator is not None:
        return coordinator.person.email
    return getattr(actor, "email", "") or ""


def _check(campaign: Campaign) -> None:
    problems = campaign_problems(campaign)
    if problems:
        raise CampaignRefused(problems)


@transaction.atomic
@in_site_language
def save_campaign(actor, campaign: Campaign) -> Campaign:
    """Create or change a campaign of its questionnaire; the journal says what changed.

    Raises CampaignRefused when no way of collecting is chosen or the dates are reversed."""
    _check(campaign)
    experiment = campaign.questionnaire.experiment
    if campaign.pk is None:
        campaign.save()
        created = {k: [None, v] for k, v in snapshot(campaign, AUDITED_FIELDS).items() if v}
        record(actor, AuditEvent.Action.CREATED, campaign, experiment, created)
        return campaign
    before = snapshot(Campaign.objects.get(pk=campaign.pk), AUDITED_FIELDS)
    campaign.save()
    changes = changed_fields(before, snapshot(campaign, AUDITED_FIELDS))
    if changes:
        record(actor, AuditEvent.Action.CHANGED, campaign, experiment, changes)
    return campaign


def create_campaign(actor, questionnaire: Questionnaire, **fields) -> Campaign:
    """A new campaign of `questionnaire`; consent texts default to consent_defaults()."""
    values = {**consent_defaults(questionnaire, actor), **fields}
    return save_campaign(actor, Campaign(questionnaire=questionnaire, **values))


# --- quotas ----------------------------------------------------------------------------------


def quota_questions(version: QuestionnaireVersion | None) -> list[Question]:
    """The questions of `version` a quota may be set on, with their choices, in order."""
    if version is None:
        return []
    choices = Prefetch("choice_list__choices", queryset=Choice.objects.order_by("position", "pk"))
    return list(
        version.questions.filter(type__in=QUOTA_TYPES, choice_list__isnull=False)
        .select_related("choice_list", "section")
        .prefetch_related(choices)
        .order_by("section__position", "position", "pk")
    )


def _quota_summary(cells: Iterable[tuple[dict, int]]) -> str:
    return "; ".join(
        ", ".join(f"{k}={v}" for k, v in sorted(cell.items())) + f": {target}"
        for cell, target in cells
    )


@transaction.atomic
@in_site_language
def set_quotas(actor, campaign: Campaign, cells: Iterable[tuple[dict, int | None]]) -> list[Quota]:
    """Replace all quotas of `campaign` by `cells`: (combination {code: choice value}, target).

    Cells whose target is 0 or None are not stored. Every combination must name the same one
    or two choice questions of the questionnaire's current version, with values from their
    lists; otherwise CampaignRefused and nothing changes."""
    kept = [(dict(cell), int(target)) for cell, target in cells if target]
    allowed = {q.code: q for q in quota_questions(campaign.questionnaire.current_version())}
    codes = {tuple(sorted(cell)) for cell, _target in kept}
    if len(codes) > 1:
        raise CampaignRefused(_("All quotas must cross the same questions."))
    for cell, target in kept:
        if target < 0:
            raise CampaignRefused(_("A quota cannot be negative."))
        if not 1 <= len(cell) <= MAX_QUOTA_QUESTIONS:
            raise CampaignRefused(_("A quota crosses one or two questions."))
        for code, value in cell.items():
            question = allowed.get(code)
            values = {c.value for c in question.choice_list.choices.all()} if question else set()
            if value not in values:
                raise CampaignRefused(
                    _("“%(code)s = %(value)s” is not an answer of a choice question.")
                    % {"code": code, "value": value}
                )
    old = list(campaign.quotas.order_by("pk").values_list("cell", "target"))
    campaign.quotas.all().delete()
    quotas = Quota.objects.bulk_create(
        Quota(campaign=campaign, cell=cell, target=target) for cell, target in kept
    )
    if old != kept:
        record(
            actor,
            AuditEvent.Action.CHANGED,
            campaign,
            campaign.questionnaire.experiment,
            # Not "quotas": the journal reads a key naming a relation as a field, and fails.
            {"quota_targets": [_quota_summary(old), _quota_summary(kept)]},
        )
    return quotas


# --- invitations -----------------------------------------------------------------------------


def _free_pseudonyms(experiment: Experiment, count: int) -> list[str]:
    # Collisions are rare (31^8 pseudonyms) but the database refuses them: draw again.
    chosen: set[str] = set()
    while len(chosen) < count:
        batch = {new_pseudonym() for _ in range(count - len(chosen))} - chosen
        taken = set(
            Respondent.objects.filter(experiment=experiment, pseudonym__in=batch).values_list(
                "pseudonym", flat=True
            )
        )
        chosen |= batch - taken
    return sorted(chosen)


@transaction.atomic
@in_site_language
def create_invitations(actor, campaign: Campaign, count: int) -> list[Invitation]:
    """`count` new respondents of the experiment, each with a one-time link to `campaign`."""
    if not 1 <= count <= MAX_NEW_INVITATIONS:
        raise CampaignRefused(
            _("Between 1 and %(n)s links at a time.") % {"n": MAX_NEW_INVITATIONS}
        )
    experiment = campaign.questionnaire.experiment
    respondents = Respondent.objects.bulk_create(
        Respondent(experiment=experiment, pseudonym=p) for p in _free_pseudonyms(experiment, count)
    )
    if any(r.pk is None for r in respondents):  # databases that return no primary keys
        respondents = list(
            Respondent.objects.filter(
                experiment=experiment, pseudonym__in=[r.pseudonym for r in respondents]
            )
        )
    return _invite(actor, campaign, respondents, source="new")


def panel_candidates(campaign: Campaign, source: Campaign | None = None) -> QuerySet[Respondent]:
    """Respondents who answered another wave of the same questionnaire (or `source` only) and
    have no invitation to `campaign` yet."""
    waves = Campaign.objects.filter(questionnaire_id=campaign.questionnaire_id).exclude(
        pk=campaign.pk
    )
    if source is not None:
        waves = waves.filter(pk=source.pk)
    answered = Response.objects.filter(respondent=OuterRef("pk"), campaign__in=waves)
    invited = Invitation.objects.filter(respondent=OuterRef("pk"), campaign=campaign)
    return (
        Respondent.objects.filter(experiment_id=campaign.questionnaire.experiment_id)
        .filter(Exists(answered))
        .exclude(Exists(invited))
        .order_by("pseudonym")
    )


@transaction.atomic
@in_site_language
def invite_panel(actor, campaign: Campaign, source: Campaign | None = None) -> list[Invitation]:
    """A one-time link to `campaign` for every respondent of the other waves (or of `source`),
    as the same respondent, so their answers can be compared wave to wave. Respondents already
    invited are skipped: calling it twice invites only the newcomers."""
    if source is not None and source.questionnaire_id != campaign.questionnaire_id:
        raise CampaignRefused(_("The panel must come from a wave of the same questionnaire."))
    respondents = list(panel_candidates(campaign, source).select_for_update())
    return _invite(actor, campaign, respondents, source="panel")


def _invite(actor, campaign: Campaign, respondents: list[Respondent], source: str):
    if not respondents:
        return []
    # The unique constraint settles a concurrent call inviting the same panel: one link each.
    Invitation.objects.bulk_create(
        (Invitation(campaign=campaign, respondent=r) for r in respondents), ignore_conflicts=True
    )
    invitations = list(
        campaign.invitations.filter(respondent__in=respondents).select_related("respondent")
    )
    record(
        actor,
        AuditEvent.Action.CHANGED,
        campaign,
        campaign.questionnaire.experiment,
        {f"one_time_links_{source}": [None, len(invitations)]},
    )
    return invitations


def invitations_csv(campaign: Campaign, link: Callable[[Invitation], str]) -> bytes:
    """Pseudonym and one-time link of every invitation, as French Excel opens it: UTF-8 with a
    byte-order mark, `;` between columns. `link` turns an invitation into its absolute URL."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("pseudonym"), _("link"), _("used")])
    invitations = campaign.invitations.select_related("respondent").order_by("pk")
    for invitation in invitations.iterator(chunk_size=2000):
        used = invitation.used_at.date().isoformat() if invitation.used_at else ""
        writer.writerow([invitation.respondent.pseudonym, link(invitation), used])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


# --- respondents and personal data -----------------------------------------------------------


@dataclass
class RespondentRow:
    respondent: Respondent
    waves: list[Campaign]
    answers: int
    holds_personal_data: bool


def respondents_of(experiment: Experiment) -> QuerySet[Respondent]:
    """Respondents of `experiment` with their number of answers and whether personal data is
    held, for a paginated list (see respondent_rows)."""
    return (
        Respondent.objects.filter(experiment=experiment)
        .annotate(
            n_answers=Count("responses"),
            holds_personal_data=Exists(PersonalData.objects.filter(respondent=OuterRef("pk"))),
        )
        .order_by("pseudonym")
    )


def respondent_rows(respondents: Iterable[Respondent]) -> list[RespondentRow]:
    """The waves each of `respondents` answered, in one more query (and one for the waves)."""
    respondents = list(respondents)
    pairs = (
        Response.objects.filter(respondent__in=respondents)
        .values_list("respondent_id", "campaign_id")
        .distinct()
    )
    by_respondent = defaultdict(set)
    for respondent_id, campaign_id in pairs:
        by_respondent[respondent_id].add(campaign_id)
    wanted = set().union(*by_respondent.values()) if by_respondent else set()
    campaigns = Campaign.objects.filter(pk__in=wanted).select_related("questionnaire")
    ordered = sorted(campaigns, key=lambda c: (c.questionnaire.title, c.opens_at or c.created_at))
    return [
        RespondentRow(
            respondent=r,
            waves=[c for c in ordered if c.pk in by_respondent[r.pk]],
            answers=r.n_answers,
            holds_personal_data=r.holds_personal_data,
        )
        for r in respondents
    ]


@dataclass
class PersonalAnswer:
    response: Response
    items: list[tuple[str, str, object]]  # (code, question label, value)


def personal_data_of(respondent: Respondent) -> list[PersonalAnswer]:
    """What identifies `respondent`, response by response, with the questions' labels."""
    rows = list(
        PersonalData.objects.filter(respondent=respondent)
        .select_related("response__campaign", "response__version")
        .order_by("response__submitted_at", "pk")
    )
    labels = {
        (version_id, code): label_fr or label_en or code
        for version_id, code, label_fr, label_en in Question.objects.filter(
            version_id__in={p.response.version_id for p in rows}
        ).values_list("version_id", "code", "label_fr", "label_en")
    }
    return [
        PersonalAnswer(
            response=p.response,
            items=[
                (code, labels.get((p.response.version_id, code), code), value)
                for code, value in p.data.items()
            ],
        )
        for p in rows
    ]


def erase_respondent_personal_data(actor, respondent: Respondent) -> int:
    """Erase what identifies `respondent` (their anonymous answers stay); returns rows erased."""
    return services.erase_personal_data(actor, respondent)
