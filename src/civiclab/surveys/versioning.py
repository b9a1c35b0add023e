"""Versions of a questionnaire: a frozen version (answers exist) is never changed in its
structure; a structural edit first copies it into a new version. See decision 007."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record, site_language
from civiclab.surveys.models import (
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)

# What a respondent's answer depends on: changing one of these on a frozen version would
# change the meaning of the answers already given, so it needs a new version.
STRUCTURAL_QUESTION_FIELDS = [
    "code",
    "type",
    "section",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "choice_list",
    "choice_filter",
    "calculation",
    "min_value",
    "max_value",
    "step",
    "max_choices",
    "is_personal_data",
    "position",
]
# Wording: fixing a typo does not change what was asked, so frozen versions accept it.
WORDING_QUESTION_FIELDS = [
    "label_fr",
    "label_en",
    "hint_fr",
    "hint_en",
    "constraint_message_fr",
    "constraint_message_en",
]
STRUCTURAL_SECTION_FIELDS = ["code", "relevant", "appearance", "position"]
WORDING_SECTION_FIELDS = ["label_fr", "label_en"]

SECTION_COPY_FIELDS = ["code", "label_fr", "label_en", "relevant", "appearance", "position"]
CHOICE_COPY_FIELDS = ["value", "label_fr", "label_en", "position", "filters"]
QUESTION_COPY_FIELDS = STRUCTURAL_QUESTION_FIELDS + WORDING_QUESTION_FIELDS


class EditRefused(ValueError):
    """A change the questionnaire's state does not allow; the message says why, to a user."""


class VersionCopy:
    """The new version and, for each copied row, its counterpart (old pk -> new row)."""

    def __init__(self, version: QuestionnaireVersion):
        self.version = version
        self.sections: dict[int, Section] = {}
        self.choice_lists: dict[int, ChoiceList] = {}
        self.questions: dict[int, Question] = {}


@transaction.atomic
def copy_version(version: QuestionnaireVersion, actor) -> VersionCopy:
    """A new version numbered after the last one, holding a copy of every row of `version`."""
    questionnaire = version.questionnaire
    last = questionnaire.versions.order_by("-number").values_list("number", flat=True).first()
    new = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=(last or 0) + 1,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    result = VersionCopy(new)

    old_sections = list(version.sections.all())
    copies = Section.objects.bulk_create(
        Section(version=new, **{f: getattr(s, f) for f in SECTION_COPY_FIELDS})
        for s in old_sections
    )
    result.sections = {old.pk: copy for old, copy in zip(old_sections, copies, strict=True)}

    old_lists = list(version.choice_lists.prefetch_related("choices"))
    copies = ChoiceList.objects.bulk_create(
        ChoiceList(version=new, name=cl.name) for cl in old_lists
    )
    result.choice_lists = {old.pk: copy for old, copy in zip(old_lists, copies, strict=True)}
    Choice.objects.bulk_create(
        Choice(
            choice_list=result.choice_lists[cl.pk],
            **{f: getattr(c, f) for f in CHOICE_COPY_FIELDS},
        )
        for cl in old_lists
        for c in cl.choices.all()
    )

    old_questions = list(version.questions.all())
    plain = [f for f in QUESTION_COPY_FIELDS if f not in {"section", "choice_list"}]
    copies = Question.objects.bulk_create(
        Question(
            version=new,
            section=result.sections.get(q.section_id),
            choice_list=result.choice_lists.get(q.choice_list_id),
            **{f: getattr(q, f) for f in plain},
        )
        for q in old_questions
    )
    result.questions = {old.pk: copy for old, copy in zip(old_questions, copies, strict=True)}
    return result


def _locked(questionnaire: Questionnaire) -> Questionnaire:
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)


@transaction.atomic
@in_site_language
def version_for_edit(questionnaire: Questionnaire, actor) -> QuestionnaireVersion:
    """The version structural edits go to: the current one if it is not frozen, else a new
    copy of it (audited). Creates version 1 when the questionnaire has none."""
    questionnaire = _locked(questionnaire)
    current = questionnaire.current_version()
    if current is None:
        return QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    if not current.frozen:
        return current
    new = copy_version(current, actor).version
    record(
        actor,
        AuditEvent.Action.CREATED,
        new,
        questionnaire.experiment,
        {"version": [current.number, new.number]},
    )
    return new


@transaction.atomic
@in_site_language
def begin_structural_edit(questionnaire: Questionnaire, actor) -> QuestionnaireVersion:
    """Check a structural edit is allowed now, withdraw an approval it invalidates, and return
    the version to change (see `version_for_edit`)."""
    questionnaire = _locked(questionnaire)
    Status = Questionnaire.Status
    if questionnaire.status == Status.OPEN:
        raise EditRefused(
            _(
                "The collection is open: only wording can be fixed (labels, hints, messages). "
                "Close the collection before changing the questions themselves."
            )
        )
    if questionnaire.status in {Status.APPROVED, Status.CLOSED}:
        with site_language():
            old_label = str(questionnaire.get_status_display())
            new_label = str(Status.DRAFT.label)
        questionnaire.status = Status.DRAFT
        questionnaire.save(update_fields=["status"])
        questionnaire.approvals.filter(invalidated_at=None).update(invalidated_at=timezone.now())
        record(
            actor,
            AuditEvent.Action.CHANGED,
            questionnaire,
            questionnaire.experiment,
            {"status": [old_label, new_label]},
        )
    return version_for_edit(questionnaire, actor)


def editable_current(questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The current version, which is the only one the builder changes."""
    version = questionnaire.current_version()
    if version is None:
        raise EditRefused(_("This questionnaire has no version yet."))
    return version
