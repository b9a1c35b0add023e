"""State changes of questionnaires. Each is atomic and audited."""

from django.db import transaction

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.surveys.models import (
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from civiclab.surveys.xlsform import Plan, ReportLine, build_plan


def _read(file) -> tuple[bytes, str]:
    if isinstance(file, bytes | bytearray):
        return bytes(file), ""
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(), getattr(file, "name", "") or ""


def _free_form_id(experiment, form_id: str) -> str:
    taken = set(
        Questionnaire.objects.filter(
            experiment=experiment, form_id__startswith=form_id
        ).values_list("form_id", flat=True)
    )
    candidate, n = form_id, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = form_id[: 80 - len(suffix)] + suffix, n + 1
    return candidate


@transaction.atomic
@in_site_language
def import_xlsform(actor, experiment, file) -> tuple[Questionnaire, list[ReportLine]]:
    """Create a draft questionnaire from an XLSForm file, all or nothing.

    Raises ValidationError (messages naming the row and column) when the file is not a
    valid XLSForm; returns the questionnaire and the report of rows not imported as-is."""
    data, filename = _read(file)
    plan = build_plan(data, filename=filename)
    questionnaire = Questionnaire.objects.create(
        experiment=experiment,
        title=plan.title[:200],
        form_id=_free_form_id(experiment, plan.form_id),
        default_language=plan.default_language,
    )
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, created_by=actor if actor else None
    )
    save_plan(version, plan)
    record(
        actor,
        AuditEvent.Action.CREATED,
        questionnaire,
        experiment,
        {"source": ["", "XLSForm"], "questions": [None, len(plan.questions)]},
    )
    return questionnaire, plan.report


def save_plan(version: QuestionnaireVersion, plan: Plan) -> None:
    lists = {}
    for name, planned_choices in plan.choice_lists.items():
        lists[name] = ChoiceList.objects.create(version=version, name=name)
        Choice.objects.bulk_create(
            Choice(
                choice_list=lists[name],
                value=c.value,
                label_fr=c.label_fr,
                label_en=c.label_en,
                filters=c.filters,
                position=position,
            )
            for position, c in enumerate(planned_choices)
        )
    sections = {}
    for position, s in enumerate(plan.sections):
        sections[s.code] = Section.objects.create(
            version=version,
            code=s.code,
            label_fr=s.label_fr,
            label_en=s.label_en,
            relevant=s.relevant,
            appearance=s.appearance,
            position=position,
        )
    Question.objects.bulk_create(
        Question(
            version=version,
            section=sections.get(q.section) if q.section else None,
            code=q.code,
            type=q.type,
            label_fr=q.label_fr,
            label_en=q.label_en,
            hint_fr=q.hint_fr,
            hint_en=q.hint_en,
            required=q.required,
            relevant=q.relevant,
            constraint=q.constraint,
            constraint_message_fr=q.constraint_message_fr,
            constraint_message_en=q.constraint_message_en,
            appearance=q.appearance,
            choice_list=lists.get(q.choice_list) if q.choice_list else None,
            choice_filter=q.choice_filter,
            calculation=q.calculation,
            min_value=q.min_value,
            max_value=q.max_value,
            step=q.step,
            max_choices=q.max_choices,
            is_personal_data=q.is_personal_data,
            position=position,
        )
        for position, q in enumerate(plan.questions)
    )
