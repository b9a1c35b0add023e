"""Co-construction of a questionnaire: its statuses, comment threads and approvals."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record, site_language
from civiclab.core.text import interpolate_lazy
from civiclab.experiments.permissions import Capability
from civiclab.surveys import expressions
from civiclab.surveys.models import Approval, Comment, CommentThread, Questionnaire
from civiclab.surveys.versioning import EditRefused

Status = Questionnaire.Status


class TransitionRefused(EditRefused):
    """A status change the questionnaire's current status does not allow."""


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    capability: Capability
    label: str


# The only ways a questionnaire changes status by hand. (Approved or closed → draft also
# happens by itself when someone makes a structural edit: see versioning.)
TRANSITIONS = [
    Transition(
        "submit", Status.DRAFT, Status.IN_REVIEW, Capability.EDIT_QUESTIONNAIRES,
        _("Submit for review"),
    ),
    Transition(
        "request_changes", Status.IN_REVIEW, Status.DRAFT, Capability.APPROVE_QUESTIONNAIRES,
        _("Request changes"),
    ),
    Transition(
        "approve", Status.IN_REVIEW, Status.APPROVED, Capability.APPROVE_QUESTIONNAIRES,
        _("Approve this version"),
    ),
    Transition(
        "open", Status.APPROVED, Status.OPEN, Capability.MANAGE_CAMPAIGNS,
        _("Open the collection"),
    ),
    Transition(
        "close", Status.OPEN, Status.CLOSED, Capability.MANAGE_CAMPAIGNS,
        _("Close the collection"),
    ),
    Transition(
        "reopen", Status.CLOSED, Status.OPEN, Capability.MANAGE_CAMPAIGNS,
        _("Reopen the collection"),
    ),
]  # fmt: skip
TRANSITIONS_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transitions_from(status: str, capabilities) -> list[Transition]:
    """The status changes `capabilities` allow from `status`, for the buttons."""
    return [t for t in TRANSITIONS if t.source == status and t.capability in capabilities]


@transaction.atomic
@in_site_language
def change_status(
    actor, questionnaire: Questionnaire, action: str, note: str = ""
) -> Questionnaire:
    """Apply a named transition ("submit", "approve", ...). Approving records an Approval of
    the current version. Raises TransitionRefused when the status does not allow it.
    Checking the actor's capability is the caller's job (`Transition.capability`)."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    transition = TRANSITIONS_BY_ACTION.get(action)
    if transition is None:
        raise TransitionRefused(_("Unknown status change."))
    if transition.source != questionnaire.status:
        raise TransitionRefused(
            interpolate_lazy(
                _("A questionnaire cannot go from “%(old)s” to “%(new)s”."),
                {
                    "old": questionnaire.get_status_display(),
                    "new": Status(transition.target).label,
                },
            )
        )
    version = questionnaire.current_version()
    if version is None or not version.questions.exists():
        raise TransitionRefused(_("An empty questionnaire cannot change status."))
    if transition.target == Status.OPEN:
        _refuse_unreadable_expressions(version)
    with site_language():
        old_label = str(questionnaire.get_status_display())
        new_label = str(Status(transition.target).label)
    questionnaire.status = transition.target
    questionnaire.save(update_fields=["status"])
    changes = {"status": [old_label, new_label], "version": [None, version.number]}
    if note:
        changes["note"] = ["", note]
    record(actor, AuditEvent.Action.CHANGED, questionnaire, questionnaire.experiment, changes)
    if action == "approve":
        approval = Approval.objects.create(
            questionnaire=questionnaire, version=version, approved_by=actor, note=note
        )
        record(
            actor,
            AuditEvent.Action.CREATED,
            approval,
            questionnaire.experiment,
            {"version": [None, version.number]},
        )
    if action == "request_changes" and note:
        start_thread(actor, questionnaire, "", note)
    return questionnaire


def submit_for_review(actor, questionnaire: Questionnaire) -> Questionnaire:
    return change_status(actor, questionnaire, "submit")


def request_changes(actor, questionnaire: Questionnaire, note: str = "") -> Questionnaire:
    return change_status(actor, questionnaire, "request_changes", note)


def approve(actor, questionnaire: Questionnaire, note: str = "") -> Questionnaire:
    return change_status(actor, questionnaire, "approve", note)


def _refuse_unreadable_expressions(version) -> None:
    """Answers are checked with the questionnaire's conditions: every one must be readable."""
    unreadable = []
    for question in version.questions.all():
        for column in ("relevant", "constraint", "calculation", "choice_filter"):
            try:
                expressions.parse(
                    getattr(question, column), choice_filter=column == "choice_filter"
                )
            except expressions.ExpressionError:
                unreadable.append(question.code)
    for section in version.sections.all():
        try:
            expressions.parse(section.relevant)
        except expressions.ExpressionError:
            unreadable.append(section.code)
    if unreadable:
        raise TransitionRefused(
            interpolate_lazy(
                _(
                    "Collection cannot open: civiclab cannot evaluate the conditions of %(codes)s. "
                    "Rewrite them in the builder."
                ),
                {"codes": ", ".join(sorted(set(unreadable)))},
            )
        )


def open_collection(actor, questionnaire: Questionnaire) -> Questionnaire:
    return change_status(actor, questionnaire, "open")


def close_collection(actor, questionnaire: Questionnaire) -> Questionnaire:
    return change_status(actor, questionnaire, "close")


# ---------------------------------------------------------------- comments


@transaction.atomic
@in_site_language
def start_thread(actor, questionnaire: Questionnaire, question_code: str, body: str):
    """A new thread on a question (by code) or, with an empty code, on the whole form."""
    version = questionnaire.current_version()
    if question_code and not (version and version.questions.filter(code=question_code).exists()):
        raise EditRefused(_("This question is not in the current version."))
    thread = CommentThread.objects.create(
        questionnaire=questionnaire,
        question_code=question_code,
        version_number=version.number if version else 1,
        created_by=actor,
    )
    Comment.objects.create(thread=thread, author=actor, body=body)
    record(
        actor,
        AuditEvent.Action.CREATED,
        thread,
        questionnaire.experiment,
        {"question": ["", question_code or "—"]},
    )
    return thread


@transaction.atomic
@in_site_language
def reply(actor, thread: CommentThread, body: str) -> Comment:
    comment = Comment.objects.create(thread=thread, author=actor, body=body)
    if thread.is_resolved:  # answering a resolved thread reopens it
        thread.resolved_at = thread.resolved_by = None
        thread.save(update_fields=["resolved_at", "resolved_by"])
    record(actor, AuditEvent.Action.CREATED, comment, thread.questionnaire.experiment, {})
    return comment


@transaction.atomic
@in_site_language
def set_resolved(actor, thread: CommentThread, resolved: bool) -> CommentThread:
    if resolved == thread.is_resolved:
        return thread
    thread.resolved_at = timezone.now() if resolved else None
    thread.resolved_by = actor if resolved else None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    record(
        actor,
        AuditEvent.Action.CHANGED,
        thread,
        thread.questionnaire.experiment,
        {"resolved": [not resolved, resolved]},
    )
    return thread


def open_thread_counts(questionnaire: Questionnaire) -> dict[str, int]:
    """Unresolved threads per question code ("" for the questionnaire as a whole)."""
    counts: dict[str, int] = {}
    for code in questionnaire.threads.filter(resolved_at=None).values_list(
        "question_code", flat=True
    ):
        counts[code] = counts.get(code, 0) + 1
    return counts
