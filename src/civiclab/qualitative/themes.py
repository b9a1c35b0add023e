"""Suggested themes for the open answers of a source: computed in the background, reviewed by
a person, and only then turned into codes applied to their answers."""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import in_site_language, record
from civiclab.qualitative import services
from civiclab.qualitative.extract import normalise_text
from civiclab.qualitative.models import Code, Source, SuggestedTheme, ThemeRun
from civiclab.qualitative.selectors import open_answers
from civiclab.stats.themes import suggest_themes

Action = AuditEvent.Action
EXAMPLES_KEPT = 8
ACTIVE = (ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING)


def _answers(source: Source) -> tuple[list[int], list[str]]:
    """Ids and texts of the non-empty answers, read as plain values: a consultation may hold a
    million of them."""
    ids, texts = [], []
    values = open_answers(source).values_list("pk", f"answers__{source.question_code}")
    for response_id, value in values.iterator(chunk_size=10_000):
        text = normalise_text(value if isinstance(value, str) else "")
        if text.strip():
            ids.append(response_id)
            texts.append(text)
    return ids, texts


@transaction.atomic
@in_site_language
def start_run(actor, source: Source, n_themes: int | None) -> ThemeRun:
    """Queue a suggestion; a second request while one is under way gets that one."""
    if not source.is_open_answers:
        raise ValidationError(_("Themes are suggested for the open answers of a questionnaire."))
    if n_themes is not None and not 2 <= n_themes <= 40:
        raise ValidationError(_("Ask for 2 to 40 themes, or leave it empty."))
    # Lock the source row so that two clicks at once queue one run.
    Source.objects.select_for_update().get(pk=source.pk)
    running = source.theme_runs.filter(status__in=ACTIVE).first()
    if running:
        return running
    run = ThemeRun.objects.create(source=source, requested_by=actor, requested_themes=n_themes)
    record(actor, Action.CREATED, run, source.experiment)
    transaction.on_commit(lambda: suggest.enqueue(run.pk))
    return run


class _Progress:
    """Writes the progress at most every second: the page polls it, the database needn't
    take a write per step."""

    def __init__(self, run: ThemeRun):
        self.run, self.last = run, 0.0

    def __call__(self, fraction: float, step: str) -> None:
        now = time.monotonic()
        if now - self.last < 1 and fraction < 1:
            return
        self.last = now
        ThemeRun.objects.filter(pk=self.run.pk).update(progress=min(fraction, 1.0), step=step[:60])


@task()
def suggest(run_id: int) -> None:
    run = ThemeRun.objects.select_related("source").get(pk=run_id)
    ThemeRun.objects.filter(pk=run_id).update(status=ThemeRun.Status.RUNNING, step="reading")
    try:
        ids, texts = _answers(run.source)
        result = suggest_themes(
            texts, run.requested_themes, progress=_Progress(run), examples=EXAMPLES_KEPT
        )
        with transaction.atomic():
            _store(run, ids, result.themes, result.assignments)
            ThemeRun.objects.filter(pk=run_id).update(
                status=ThemeRun.Status.DONE,
                progress=1.0,
                answers=len(ids),
                finished_at=timezone.now(),
            )
    except Exception as problem:  # the page must say it failed, not spin forever
        ThemeRun.objects.filter(pk=run_id).update(
            status=ThemeRun.Status.FAILED, error=repr(problem)[:2000], finished_at=timezone.now()
        )
        raise


def _label(terms) -> str:
    return " / ".join(terms[:3])[:120] or _("Theme")


def _store(run: ThemeRun, ids: list[int], themes, assignments, start_position: int = 0) -> None:
    members: dict[int, list[int]] = {}
    for response_id, theme in zip(ids, assignments, strict=True):
        if theme >= 0:
            members.setdefault(int(theme), []).append(response_id)
    SuggestedTheme.objects.bulk_create(
        SuggestedTheme(
            run=run,
            label=_label(theme.top_terms),
            top_terms=list(theme.top_terms),
            examples=[ids[i] for i in theme.examples],
            response_ids=members.get(theme.index, []),
            size=len(members.get(theme.index, [])),
            position=start_position + n,
        )
        for n, theme in enumerate(sorted(themes, key=lambda t: -t.size))
    )


# --- review ----------------------------------------------------------------------------------


def _pending(theme: SuggestedTheme) -> None:
    if theme.decision != SuggestedTheme.Decision.PENDING:
        raise ValidationError(_("This theme was already reviewed."))


@transaction.atomic
@in_site_language
def rename(actor, theme: SuggestedTheme, label: str) -> None:
    label = label.strip()
    if not label:
        raise ValidationError(_("Give the theme a name."))
    theme.label = label[:120]
    theme.save(update_fields=["label"])


@transaction.atomic
@in_site_language
def discard(actor, theme: SuggestedTheme) -> None:
    _pending(theme)
    theme.decision = SuggestedTheme.Decision.DISCARDED
    theme.save(update_fields=["decision"])
    record(
        actor,
        Action.CHANGED,
        theme.run,
        theme.run.source.experiment,
        {"discarded": [None, theme.label]},
    )


@transaction.atomic
@in_site_language
def merge(actor, theme: SuggestedTheme, into: SuggestedTheme) -> None:
    _pending(theme)
    _pending(into)
    if theme.run_id != into.run_id or theme.pk == into.pk:
        raise ValidationError(_("Choose another theme of the same suggestion."))
    into.response_ids = sorted(set(into.response_ids) | set(theme.response_ids))
    into.size = len(into.response_ids)
    into.examples = into.examples + [e for e in theme.examples if e not in into.examples]
    into.save(update_fields=["response_ids", "size", "examples"])
    theme.delete()


@transaction.atomic
@in_site_language
def accept(actor, theme: SuggestedTheme, parent: Code | None = None) -> Code:
    """The theme becomes a code of the codebook, applied by `actor` to each of its answers."""
    _pending(theme)
    source = theme.run.source
    code = Code.objects.filter(
        experiment=source.experiment, parent=parent, name__iexact=theme.label
    ).first() or services.save_code(
        actor,
        Code(experiment=source.experiment, parent=parent, name=theme.label),
    )
    services.code_whole_answers(actor, source, code, theme.response_ids)
    theme.decision = SuggestedTheme.Decision.ACCEPTED
    theme.code = code
    theme.save(update_fields=["decision", "code"])
    return code


@task()
def split(theme_id: int) -> None:
    """Cut one theme in two, from its own answers."""
    theme = SuggestedTheme.objects.select_related("run__source").get(pk=theme_id)
    run = theme.run
    ThemeRun.objects.filter(pk=run.pk).update(status=ThemeRun.Status.RUNNING, progress=0)
    try:
        by_id = dict(zip(*_answers(run.source), strict=True))
        ids = [i for i in theme.response_ids if i in by_id]
        result = suggest_themes([by_id[i] for i in ids], 2, progress=_Progress(run))
        with transaction.atomic():
            _store(run, ids, result.themes, result.assignments, theme.position)
            theme.delete()
    finally:
        ThemeRun.objects.filter(pk=run.pk).update(status=ThemeRun.Status.DONE, progress=1.0)


@transaction.atomic
@in_site_language
def start_split(actor, theme: SuggestedTheme) -> None:
    _pending(theme)
    if theme.size < 4:
        raise ValidationError(_("A theme of fewer than 4 answers cannot be split."))
    run = ThemeRun.objects.select_for_update().get(pk=theme.run_id)
    if run.status in ACTIVE:
        raise ValidationError(_("Wait until the themes are ready."))
    ThemeRun.objects.filter(pk=run.pk).update(status=ThemeRun.Status.QUEUED, progress=0)
    transaction.on_commit(lambda: split.enqueue(theme.pk))
