"""Storing answers, from every channel, exactly once."""

import datetime
import hashlib
import json
import time
import uuid as uuid_module
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.collection.models import (
    Campaign,
    Invitation,
    PaperCheck,
    PersonalData,
    Respondent,
    Response,
)
from civiclab.collection.validation import Checked, FormSpec, check, form_spec
from civiclab.core import rows
from civiclab.surveys.models import QuestionnaireVersion

Channel = Response.Channel
# Staff type in paper forms and import files after the wave has closed; the public may not.
CHANNELS_AFTER_CLOSING = {Channel.PAPER, Channel.IMPORT}


class SubmissionError(Exception):
    """A submission that cannot be stored: `errors` maps a question code or "__all__" to a
    message. Nothing was written."""

    def __init__(self, errors: dict, status: int = 400):
        super().__init__(errors)
        self.errors = errors
        self.status = status


class Conflict(SubmissionError):
    """Another content was already stored under this UUID."""

    def __init__(self):
        super().__init__(
            {"__all__": _("Another response was already stored under this identifier.")}, 409
        )


@dataclass
class Submission:
    """What a channel hands over: the answers and where they come from."""

    version_number: int
    answers: dict
    uuid: uuid_module.UUID = field(default_factory=uuid_module.uuid4)
    channel: str = Channel.ONLINE
    surveyor: object = None
    entered_by: object = None
    place: str = ""
    paper_reference: str = ""
    started_at: datetime.datetime | None = None
    submitted_at: datetime.datetime | None = None
    consent_at: datetime.datetime | None = None
    invitation: Invitation | None = None
    respondent: Respondent | None = None
    # The version object when the caller already holds it (saves a query per submission).
    version: QuestionnaireVersion | None = None


_spec_cache: dict[tuple, tuple[float, FormSpec]] = {}
# Wording fixes (a constraint message) are allowed on a frozen version: a cached spec is
# read again after this many seconds, so every web process shows the fix within a minute.
SPEC_CACHE_SECONDS = 60


def spec_for(version: QuestionnaireVersion) -> FormSpec:
    """The checking spec of a version; kept in memory for a while once the version is
    frozen, as its structure can no longer change. The creation time is in the key because a
    database may hand a deleted version's id to a new one."""
    key = (version.pk, version.created_at)
    cached = _spec_cache.get(key) if version.frozen else None
    if cached and time.monotonic() - cached[0] < SPEC_CACHE_SECONDS:
        return cached[1]
    spec = form_spec(version)
    if version.frozen:
        if len(_spec_cache) > 256:
            _spec_cache.clear()
        _spec_cache[key] = (time.monotonic(), spec)
    return spec


def fingerprint(version_number: int, answers: dict, personal: dict) -> str:
    canonical = json.dumps(
        [version_number, answers, personal], sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def version_of(campaign: Campaign, number) -> QuestionnaireVersion:
    try:
        return campaign.questionnaire.versions.get(number=int(number))
    except (TypeError, ValueError, QuestionnaireVersion.DoesNotExist):
        raise SubmissionError(
            {"__all__": _("This questionnaire has no version %(n)s.") % {"n": str(number)[:20]}}
        ) from None


def _check_channel(campaign: Campaign, channel: str) -> None:
    allowed = {
        Channel.ONLINE: campaign.online,
        Channel.FACE_TO_FACE: campaign.face_to_face,
        Channel.PAPER: campaign.paper,
        Channel.IMPORT: True,
    }
    if not allowed.get(channel):
        raise SubmissionError({"__all__": _("This campaign does not collect answers this way.")})
    state = campaign.state()
    if state == "not_open" or (state == "closed" and channel not in CHANNELS_AFTER_CLOSING):
        message = (
            _("This campaign is not open yet.")
            if state == "not_open"
            else _("This campaign is closed.")
        )
        raise SubmissionError({"__all__": message}, 403)


def _existing(campaign: Campaign, submission: Submission, print_: str) -> Response | None:
    existing = Response.objects.filter(uuid=submission.uuid).order_by().first()
    if existing is None:
        return None
    if existing.fingerprint != print_ or existing.campaign_id != campaign.pk:
        raise Conflict()
    return existing


def _respondent(campaign: Campaign, submission: Submission, personal: dict):
    if submission.invitation is not None:
        return submission.invitation.respondent
    if submission.respondent is not None:
        return submission.respondent
    if personal:
        respondent = Respondent(experiment_id=campaign.questionnaire.experiment_id)
        rows.insert(respondent)
        return respondent
    return None


@dataclass
class Prepared:
    """A submission checked and ready to store: what `store` writes, nothing to compute."""

    campaign: Campaign
    version: QuestionnaireVersion
    submission: Submission
    checked: Checked
    fingerprint: str


def prepare(campaign: Campaign, submission: Submission) -> Prepared:
    """Check a submission against its campaign and questionnaire version, writing nothing.
    Raises SubmissionError with the reasons."""
    _check_channel(campaign, submission.channel)
    version = submission.version
    if version is None or version.questionnaire_id != campaign.questionnaire_id:
        version = version_of(campaign, submission.version_number)
    checked = check(spec_for(version), submission.answers)
    if not checked.ok:
        raise SubmissionError(checked.errors)
    print_ = fingerprint(version.number, checked.answers, checked.personal)
    return Prepared(campaign, version, submission, checked, print_)


def store(prepared: Prepared, then=None) -> tuple[Response, bool]:
    """Write a prepared submission. Returns (response, created).

    A resend of the same content under the same UUID returns the stored response with
    created=False; another content under that UUID raises Conflict. Checking happens before
    (in `prepare`), so the database's write lock is held only for the inserts. `then`, when
    given, is called in the same transaction once they are written: its writes and the
    response's are stored together or not at all."""
    campaign, submission = prepared.campaign, prepared.submission
    try:
        with transaction.atomic():
            response = _store(prepared)
            if then is not None:
                then()
            return response, True
    except IntegrityError:
        # The UUID is known (a resend, or a concurrent one that won the race), or the paper
        # form number is: the unique constraints decide, so no resend can slip between a
        # check and the insert.
        existing = _existing(campaign, submission, prepared.fingerprint)
        if existing is not None:
            return existing, False
        raise SubmissionError(
            {"__all__": _("This paper form number has already been entered.")}, 409
        ) from None


def submit(campaign: Campaign, submission: Submission) -> tuple[Response, bool]:
    """Check and store one response (see `prepare` and `store`). Returns (response, created);
    raises SubmissionError (nothing stored) when the answers break the questionnaire's rules."""
    return store(prepare(campaign, submission))


def _store(prepared: Prepared) -> Response:
    campaign, version, submission = prepared.campaign, prepared.version, prepared.submission
    checked, print_ = prepared.checked, prepared.fingerprint
    respondent = _respondent(campaign, submission, checked.personal)
    response = Response(
        uuid=submission.uuid,
        campaign=campaign,
        version=version,
        respondent=respondent,
        channel=submission.channel,
        answers=checked.answers,
        fingerprint=print_,
        surveyor=submission.surveyor,
        entered_by=submission.entered_by,
        place=submission.place[:200],
        paper_reference=submission.paper_reference[:40],
        started_at=submission.started_at,
        submitted_at=submission.submitted_at or timezone.now(),
        consent_at=submission.consent_at,
    )
    rows.insert(response)
    if checked.personal:
        rows.insert(PersonalData(response=response, respondent=respondent, data=checked.personal))
    if submission.invitation is not None:
        # A one-time link answers once, even when two drafts of it are sent at the same time.
        used = Invitation.objects.filter(pk=submission.invitation.pk, used_at__isnull=True)
        if not used.update(used_at=timezone.now()):
            raise SubmissionError({"__all__": _("This personal link has already been used.")}, 409)
    if not version.frozen:
        # From now on the structure this answer was given with must not change.
        QuestionnaireVersion.objects.filter(pk=version.pk).update(frozen=True)
        version.frozen = True
    return response


def submission_from_json(payload, *, channel: str, surveyor=None) -> Submission:
    """A Submission from the JSON a tablet sends; SubmissionError if it is malformed."""
    if not isinstance(payload, dict):
        raise SubmissionError({"__all__": _("The request is not a response.")})
    try:
        response_uuid = uuid_module.UUID(str(payload.get("uuid", "")))
    except ValueError:
        raise SubmissionError({"__all__": _("The response has no valid identifier.")}) from None
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        raise SubmissionError({"__all__": _("The response has no answers.")})
    place = payload.get("place", "")
    version = payload.get("version")
    if isinstance(version, bool) or not isinstance(version, int | str):
        raise SubmissionError(
            {"__all__": _("The response does not say its questionnaire version.")}
        )
    return Submission(
        version_number=version,
        answers=answers,
        uuid=response_uuid,
        channel=channel,
        surveyor=surveyor,
        place=place if isinstance(place, str) else "",
        started_at=_moment(payload.get("started_at")),
        submitted_at=_moment(payload.get("submitted_at")),
        consent_at=_moment(payload.get("consent_at")),
    )


def _moment(value) -> datetime.datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # A tablet's clock may be wrong: never record an answer as given in the future.
    return min(moment, timezone.now())


def erase_personal_data(actor, respondent: Respondent) -> int:
    """Delete what identifies the person; their anonymous answers stay. Returns rows erased."""
    with transaction.atomic():
        erased, _details = PersonalData.objects.filter(respondent=respondent).delete()
        respondent.personal_data_erased_at = timezone.now()
        respondent.save(update_fields=["personal_data_erased_at"])
        record(
            actor,
            AuditEvent.Action.DELETED,
            respondent,
            respondent.experiment,
            {"personal_data_rows": [erased, 0]},
        )
    return erased


def _given(response: Response) -> dict:
    personal = getattr(response, "personal", None)
    return {**response.answers, **(personal.data if personal else {})}


def differences(first: dict, second: dict) -> list[str]:
    """Question codes whose two typings differ (a missing answer counts as a difference)."""
    return sorted(
        code for code in first.keys() | second.keys() if first.get(code) != second.get(code)
    )


@transaction.atomic
def check_paper_entry(actor, campaign: Campaign, paper_reference: str, answers: dict) -> PaperCheck:
    """Compare a second typing of a paper form with the stored first one.

    Raises SubmissionError when the form number is unknown or the answers break the rules."""
    response = (
        Response.objects.select_related("version", "personal")
        .filter(campaign=campaign, paper_reference=paper_reference.strip())
        .first()
    )
    if response is None:
        raise SubmissionError(
            {"paper_reference": _("No paper form with this number has been entered yet.")}
        )
    checked = check(spec_for(response.version), answers)
    if not checked.ok:
        raise SubmissionError(checked.errors)
    second = {**checked.answers, **checked.personal}
    return PaperCheck.objects.create(
        response=response,
        answers=second,
        differences=differences(_given(response), second),
        entered_by=actor,
    )


@transaction.atomic
@in_site_language
def resolve_paper_check(actor, paper_check: PaperCheck, keep_second: set[str]) -> None:
    """Close a double-entry check, taking the second typing for the codes in `keep_second`.

    The corrected response is checked again as a whole; the change is audited (personal
    data is named, never copied into the journal, so that erasing it erases it)."""
    response = paper_check.response
    before = _given(response)
    corrected = dict(before)
    taken = keep_second & set(paper_check.differences)
    for code in taken:
        if code in paper_check.answers:
            corrected[code] = paper_check.answers[code]
        else:
            corrected.pop(code, None)
    spec = spec_for(response.version)
    checked = check(spec, corrected)
    if not checked.ok:
        raise SubmissionError(checked.errors)
    response.answers = checked.answers
    response.fingerprint = fingerprint(response.version.number, checked.answers, checked.personal)
    if checked.personal and response.respondent is None:
        response.respondent = Respondent.objects.create(
            experiment=response.campaign.questionnaire.experiment
        )
    response.save(update_fields=["answers", "fingerprint", "respondent"])
    PersonalData.objects.filter(response=response).delete()
    if checked.personal:
        PersonalData.objects.create(
            response=response, respondent=response.respondent, data=checked.personal
        )
    paper_check.resolved_by = actor
    paper_check.resolved_at = timezone.now()
    paper_check.save(update_fields=["resolved_by", "resolved_at"])
    personal = {f.code for f in spec.fields if f.personal}
    changes = {
        code: ["…", "…"] if code in personal else [before.get(code), corrected.get(code)]
        for code in sorted(taken)
    }
    record(
        actor,
        AuditEvent.Action.CHANGED,
        response,
        response.campaign.questionnaire.experiment,
        changes,
    )
