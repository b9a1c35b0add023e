"""State changes of reports and their templates. Each is atomic and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.experiments.models import Experiment
from civiclab.impact.models import current_questions
from civiclab.reports.models import (
    BOUND_KINDS,
    BlockKind,
    LabLook,
    Report,
    ReportBlock,
    ReportTemplate,
)

Action = AuditEvent.Action


@transaction.atomic
@in_site_language
def create_report(
    actor, experiment: Experiment, report: Report, template: ReportTemplate | None = None
) -> Report:
    """A new report, with the blocks of `template` when one is chosen."""
    report.experiment = experiment
    report.created_by = actor
    report.full_clean()
    report.save()
    for position, spec in enumerate(template.blocks if template else [], start=1):
        kind = spec.get("kind")
        if kind in BlockKind.values and kind not in BOUND_KINDS:
            ReportBlock.objects.create(
                report=report,
                position=position,
                kind=kind,
                title=spec.get("title", "")[:200],
                text=spec.get("text", ""),
            )
    record(actor, Action.CREATED, report, experiment)
    return report


def _check_block(block: ReportBlock) -> None:
    experiment = block.report.experiment_id
    indicator, verbatim = block.indicator, block.verbatim
    needs_indicator = block.kind in (BlockKind.INDICATOR, BlockKind.BREAKDOWN)
    if needs_indicator and (indicator is None or indicator.experiment_id != experiment):
        raise ValidationError(_("Choose an indicator of this experiment."))
    needs_verbatim = block.kind == BlockKind.VERBATIM
    if needs_verbatim and (verbatim is None or verbatim.experiment_id != experiment):
        raise ValidationError(_("Choose a verbatim of this experiment."))
    if block.kind == BlockKind.QUESTION:
        questionnaire = block.questionnaire
        if questionnaire is None or questionnaire.experiment_id != experiment:
            raise ValidationError(_("Choose a questionnaire of this experiment."))
        if block.question not in current_questions(questionnaire):
            raise ValidationError(_("This question is not in the questionnaire."))
    if block.kind == BlockKind.TEXT and not (block.title.strip() or block.text.strip()):
        raise ValidationError(_("Write a title or a text."))


@transaction.atomic
@in_site_language
def save_block(actor, block: ReportBlock) -> ReportBlock:
    _check_block(block)
    if block.pk is None:
        last = block.report.blocks.aggregate(last=Max("position"))["last"] or 0
        block.position = last + 1
    block.save()
    block.report.save(update_fields=["updated_at"])
    record(
        actor, Action.CHANGED, block.report, block.report.experiment, {"block": [None, str(block)]}
    )
    return block


@transaction.atomic
@in_site_language
def delete_block(actor, block: ReportBlock) -> None:
    report = block.report
    record(actor, Action.CHANGED, report, report.experiment, {"block": [str(block), None]})
    block.delete()


@transaction.atomic
def move_block(actor, block: ReportBlock, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (+1)."""
    siblings = list(block.report.blocks.order_by("position", "pk"))
    index = siblings.index(block)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    _renumber(siblings)


@transaction.atomic
def place_block(actor, block: ReportBlock, before: ReportBlock | None) -> None:
    """Put `block` just before `before` (another block of its report), or last if None: what
    dropping a dragged block does."""
    siblings = [b for b in block.report.blocks.order_by("position", "pk") if b.pk != block.pk]
    index = next((i for i, b in enumerate(siblings) if before and b.pk == before.pk), None)
    siblings.insert(len(siblings) if index is None else index, block)
    _renumber(siblings)


def _renumber(siblings: list[ReportBlock]) -> None:
    for position, item in enumerate(siblings, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
@in_site_language
def save_as_template(actor, report: Report, name: str, description: str = "") -> ReportTemplate:
    """The report's blocks as a template for any experiment: blocks bound to one indicator or
    one quote become their "every …" counterpart, once."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the template a name."))
    if ReportTemplate.objects.filter(name__iexact=name).exists():
        raise ValidationError(_("A template named “%s” already exists.") % name)
    general = {BlockKind.INDICATOR: BlockKind.INDICATORS, BlockKind.BREAKDOWN: None}
    general[BlockKind.VERBATIM] = BlockKind.VERBATIMS
    specs, seen = [], set()
    for block in report.blocks.all():
        kind = general.get(block.kind, block.kind) if block.kind in BOUND_KINDS else block.kind
        if kind is None or (kind in seen and kind != BlockKind.TEXT):
            continue
        seen.add(kind)
        specs.append({"kind": kind, "title": block.title, "text": block.text})
    template = ReportTemplate.objects.create(
        name=name, description=description.strip(), blocks=specs, created_by=actor
    )
    record(actor, Action.CREATED, template, report.experiment)
    return template


@transaction.atomic
@in_site_language
def delete_report(actor, report: Report) -> None:
    record(actor, Action.DELETED, report, report.experiment)
    report.delete()


@transaction.atomic
@in_site_language
def save_look(actor, look: LabLook) -> LabLook:
    look.pk = 1  # one look for the whole lab
    look.full_clean()
    look.save()
    record(actor, Action.CHANGED, look)
    return look
