"""State changes of the qualitative material. Each is atomic and audited."""

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from civiclab.audit.models import AuditEvent
from civiclab.audit.services import changed_fields, in_site_language, record, snapshot
from civiclab.collection.models import Response
from civiclab.experiments.models import Experiment
from civiclab.qualitative.extract import normalise_text
from civiclab.qualitative.models import Code, Coding, Memo, Source, Verbatim
from civiclab.qualitative.selectors import answer_text, open_answers, respondent_label

Action = AuditEvent.Action
MAX_DEPTH = 6
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
SOURCE_FIELDS = ["kind", "title", "description", "held_on"]
CODE_FIELDS = ["name", "description", "colour", "parent"]


# --- sources ---------------------------------------------------------------------------------


@transaction.atomic
@in_site_language
def save_source(actor, source: Source, text: str | None = None) -> Source:
    """Create or update a document source. Its text may change only while nothing in it is
    coded or quoted: codings point into the text by position."""
    is_new = source.pk is None
    before = {} if is_new else snapshot(Source.objects.get(pk=source.pk), SOURCE_FIELDS)
    if text is not None:
        text = normalise_text(text)
        if not is_new and text != Source.objects.get(pk=source.pk).text and _is_used(source):
            raise ValidationError(
                _("This text is already coded: its wording can no longer change.")
            )
        source.text = text
    if not source.is_open_answers and not source.text.strip():
        raise ValidationError(_("The source has no text."))
    if is_new:
        source.created_by = actor
    source.full_clean()
    source.save()
    changes = changed_fields(before, snapshot(source, SOURCE_FIELDS))
    if is_new or changes:
        record(
            actor, Action.CREATED if is_new else Action.CHANGED, source, source.experiment, changes
        )
    return source


def _is_used(source: Source) -> bool:
    return source.codings.exists() or source.verbatims.exists()


@transaction.atomic
@in_site_language
def open_answers_source(actor, experiment: Experiment, questionnaire, question) -> Source:
    """The source gathering the answers to one open question, created on first use."""
    if questionnaire.experiment_id != experiment.pk:
        raise ValidationError(_("This questionnaire belongs to another experiment."))
    source, created = Source.objects.get_or_create(
        questionnaire=questionnaire,
        question_code=question.code,
        kind=Source.Kind.OPEN_ANSWERS,
        defaults={
            "experiment": experiment,
            "title": f"{questionnaire.title} — {question.label_fr}"[:200],
            "created_by": actor,
        },
    )
    if created:
        record(actor, Action.CREATED, source, experiment)
    return source


@transaction.atomic
@in_site_language
def delete_source(actor, source: Source) -> None:
    record(actor, Action.DELETED, source, source.experiment)
    source.delete()


# --- codebook --------------------------------------------------------------------------------


def _check_code(code: Code) -> None:
    if not COLOUR.match(code.colour or ""):
        raise ValidationError(_("A colour is written #RRGGBB."))
    depth, parent, seen = 1, code.parent, set()
    while parent is not None:
        if parent.pk == code.pk or parent.pk in seen:
            raise ValidationError(_("A code cannot be placed inside itself."))
        if parent.experiment_id != code.experiment_id:
            raise ValidationError(_("The parent code belongs to another experiment."))
        seen.add(parent.pk)
        depth += 1
        parent = parent.parent
    if depth > MAX_DEPTH:
        raise ValidationError(_("Codes nest at most %(depth)s levels deep.") % {"depth": MAX_DEPTH})
    siblings = Code.objects.filter(experiment_id=code.experiment_id, parent=code.parent)
    if siblings.filter(name__iexact=code.name).exclude(pk=code.pk).exists():
        raise ValidationError(_("“%s” already exists at this place.") % code.name)


@transaction.atomic
@in_site_language
def save_code(actor, code: Code) -> Code:
    is_new = code.pk is None
    before = {} if is_new else snapshot(Code.objects.get(pk=code.pk), CODE_FIELDS)
    code.name = code.name.strip()
    code.colour = code.colour.upper()
    _check_code(code)
    if is_new:
        siblings = Code.objects.filter(experiment_id=code.experiment_id, parent=code.parent)
        code.position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    code.full_clean(validate_unique=False)
    code.save()
    changes = changed_fields(before, snapshot(code, CODE_FIELDS))
    if is_new or changes:
        record(actor, Action.CREATED if is_new else Action.CHANGED, code, code.experiment, changes)
    return code


@transaction.atomic
@in_site_language
def delete_code(actor, code: Code) -> None:
    record(actor, Action.DELETED, code, code.experiment)
    code.delete()


@transaction.atomic
@in_site_language
def merge_codes(actor, merged: Code, into: Code) -> int:
    """Move everything of `merged` (codings, memos, sub-codes) into `into`, then delete it.
    Returns how many codings moved; a passage both codes covered is kept once."""
    if merged.pk == into.pk or merged.experiment_id != into.experiment_id:
        raise ValidationError(_("Choose another code of the same codebook."))
    if _descends_from(into, merged):
        raise ValidationError(_("A code cannot be merged into one of its own sub-codes."))
    moved = 0
    existing = set(into.codings.values_list("source_id", "response_id", "coder_id", "start", "end"))
    for coding in merged.codings.all():
        key = (coding.source_id, coding.response_id, coding.coder_id, coding.start, coding.end)
        if key in existing:
            continue
        existing.add(key)
        coding.code = into
        coding.save(update_fields=["code"])
        moved += 1
    merged.memos.update(code=into)
    for child in merged.children.all():
        child.parent = into
        child.name = _free_name(into, child)
        child.save(update_fields=["parent", "name"])
    record(actor, Action.CHANGED, into, into.experiment, {"merged": [str(merged), str(into)]})
    merged.delete()
    return moved


def _free_name(parent: Code, child: Code) -> str:
    taken = set(parent.children.exclude(pk=child.pk).values_list("name", flat=True))
    name, n = child.name, 2
    while name in taken:
        name, n = f"{child.name} ({n})", n + 1
    return name


def _descends_from(code: Code, ancestor: Code) -> bool:
    parent = code.parent
    while parent is not None:
        if parent.pk == ancestor.pk:
            return True
        parent = parent.parent
    return False


def code_path(code: Code, by_pk: dict[int, Code]) -> tuple[str, ...]:
    names = []
    while code is not None:
        names.append(code.name)
        code = by_pk.get(code.parent_id)
    return tuple(reversed(names))


@transaction.atomic
@in_site_language
def import_codebook(
    actor, experiment: Experiment, rows: Sequence[tuple[tuple[str, ...], str, str | None]]
) -> tuple[int, int]:
    """Codes from (path, description, colour) rows: missing codes and their parents are
    created, existing ones get the description and colour given. All or nothing.
    Returns (created, updated)."""
    codes = {c.pk: c for c in Code.objects.filter(experiment=experiment)}
    by_path = {code_path(c, codes): c for c in codes.values()}
    created = updated = 0
    for path, description, colour in rows:
        for depth in range(1, len(path) + 1):
            prefix = tuple(path[:depth])
            if prefix in by_path:
                continue
            parent = by_path.get(prefix[:-1])
            by_path[prefix] = save_code(
                actor, Code(experiment=experiment, parent=parent, name=prefix[-1])
            )
            created += 1
        code = by_path[tuple(path)]
        new_colour = (colour or code.colour).upper()
        if (description and description != code.description) or new_colour != code.colour:
            code.description = description or code.description
            code.colour = new_colour
            save_code(actor, code)
            updated += 1
    return created, updated


# --- codings ---------------------------------------------------------------------------------


def _passage(source: Source, response: Response | None, start: int, end: int) -> str:
    if source.is_open_answers:
        if response is None:
            raise ValidationError(_("Choose the answer to code."))
        text = answer_text(source, response)
    else:
        text = source.text
    if not (0 <= start < end <= len(text)):
        raise ValidationError(_("The selection is outside the text."))
    return text[start:end]


def _checked_response(source: Source, response_id) -> Response | None:
    if not source.is_open_answers or response_id in (None, ""):
        return None
    response = open_answers(source).filter(pk=response_id).first()
    if response is None:
        raise ValidationError(_("This answer is not part of the source."))
    return response


@transaction.atomic
@in_site_language
def add_codings(
    actor,
    source: Source,
    codes: Sequence[Code],
    start: int,
    end: int,
    response_id=None,
    expected_text: str | None = None,
) -> list[Coding]:
    """Apply `codes` to a passage. `expected_text`, what the browser showed as selected, must
    match the passage: a mismatch means the page was out of date and nothing is coded."""
    response = _checked_response(source, response_id)
    text = _passage(source, response, start, end)
    # Browsers send line breaks of form fields as CRLF: compare with the text's own "\n".
    if expected_text is not None and expected_text.replace("\r\n", "\n") != text:
        raise ValidationError(
            _("The selected text does not match the source; reload the page and try again.")
        )
    if not text.strip():
        raise ValidationError(_("The selection holds only spaces."))
    if not codes:
        raise ValidationError(_("Choose at least one code."))
    added = []
    for code in codes:
        if code.experiment_id != source.experiment_id:
            raise ValidationError(_("This code belongs to another experiment."))
        coding, created = Coding.objects.get_or_create(
            source=source,
            response=response,
            code=code,
            coder=actor,
            start=start,
            end=end,
            defaults={"text": text},
        )
        if created:
            added.append(coding)
    if added:
        record(
            actor,
            Action.CREATED,
            added[0],
            source.experiment,
            {"codes": [None, ", ".join(c.code.name for c in added)]},
        )
    return added


@transaction.atomic
@in_site_language
def code_whole_answers(actor, source: Source, code: Code, response_ids: Iterable[int]) -> int:
    """Apply `code` to whole answers of an open-answers source; returns how many were coded
    (answers already carrying the code from this coder are left as they are)."""
    if code.experiment_id != source.experiment_id:
        raise ValidationError(_("This code belongs to another experiment."))
    responses = open_answers(source).filter(pk__in=list(response_ids))
    already = set(
        Coding.objects.filter(source=source, code=code, coder=actor).values_list(
            "response_id", "start", "end"
        )
    )
    new = []
    for response in responses:
        text = answer_text(source, response)
        if text.strip() and (response.pk, 0, len(text)) not in already:
            new.append(
                Coding(
                    source=source,
                    response=response,
                    code=code,
                    coder=actor,
                    start=0,
                    end=len(text),
                    text=text,
                )
            )
    try:
        Coding.objects.bulk_create(new)
    except IntegrityError:  # the same request sent twice at once: the first one counts
        raise ValidationError(_("These answers were being coded at the same time.")) from None
    if new:
        record(actor, Action.CREATED, code, source.experiment, {"answers coded": [None, len(new)]})
    return len(new)


@transaction.atomic
@in_site_language
def remove_coding(actor, coding: Coding, may_remove_others: bool) -> None:
    if coding.coder_id != actor.pk and not may_remove_others:
        raise ValidationError(_("Only its coder may remove this coding."))
    record(actor, Action.DELETED, coding, coding.source.experiment)
    coding.delete()


@transaction.atomic
@in_site_language
def add_memo(actor, experiment: Experiment, text: str, coding=None, code=None) -> Memo:
    text = text.strip()
    if not text:
        raise ValidationError(_("The memo is empty."))
    memo = Memo.objects.create(
        experiment=experiment, coding=coding, code=code, author=actor, text=text
    )
    record(actor, Action.CREATED, memo, experiment)
    return memo


# --- verbatims -------------------------------------------------------------------------------


def pseudonymise(text: str, replacements: Sequence[tuple[str, str]]) -> str:
    """`text` with each selected name or place replaced wherever it appears as a whole word,
    longest first, so "Rue Victor Hugo" is replaced before "Hugo"."""
    for original, replacement in sorted(replacements, key=lambda r: -len(r[0])):
        if original.strip():
            pattern = rf"(?<!\w){re.escape(original.strip())}(?!\w)"
            text = re.sub(pattern, lambda _m, r=replacement: r, text)
    return text


@transaction.atomic
@in_site_language
def save_verbatim(
    actor,
    source: Source,
    start: int,
    end: int,
    replacements: Sequence[tuple[str, str]] = (),
    attribution: str = "",
    response_id=None,
) -> Verbatim:
    response = _checked_response(source, response_id)
    passage = _passage(source, response, start, end)
    original = passage.strip()
    if not original:
        raise ValidationError(_("The selection holds only spaces."))
    # The quote starts and ends with words: the offsets follow what was kept.
    start += len(passage) - len(passage.lstrip())
    end = start + len(original)
    verbatim = Verbatim.objects.create(
        experiment=source.experiment,
        source=source,
        response=response,
        start=start,
        end=end,
        original=original,
        replacements=[list(r) for r in replacements],
        text=pseudonymise(original, replacements),
        attribution=attribution.strip() or _speaker(source, response),
        created_by=actor,
    )
    record(actor, Action.CREATED, verbatim, source.experiment)
    return verbatim


def _speaker(source: Source, response: Response | None) -> str:
    """Who said it, as a report may show it: the source, or the respondent's pseudonym."""
    if response is None:
        return source.title
    return _("Respondent %(who)s, %(campaign)s") % {
        "who": respondent_label(response),
        "campaign": response.campaign.label,
    }


@transaction.atomic
@in_site_language
def update_verbatim(actor, verbatim: Verbatim, replacements, attribution: str) -> Verbatim:
    verbatim.replacements = [list(r) for r in replacements]
    verbatim.text = pseudonymise(verbatim.original, replacements)
    verbatim.attribution = attribution.strip() or verbatim.source.title
    verbatim.save(update_fields=["replacements", "text", "attribution"])
    record(actor, Action.CHANGED, verbatim, verbatim.experiment)
    return verbatim


@transaction.atomic
@in_site_language
def delete_verbatim(actor, verbatim: Verbatim) -> None:
    record(actor, Action.DELETED, verbatim, verbatim.experiment)
    verbatim.delete()


@transaction.atomic
@in_site_language
def move_codings(actor, codings, into: Code) -> int:
    """Give the chosen passages another code (how a code is split); a passage the target
    already carries from the same coder is dropped rather than kept twice."""
    moved = 0
    for coding in codings.select_related("code"):
        if coding.code.experiment_id != into.experiment_id:
            raise ValidationError(_("This code belongs to another experiment."))
        duplicate = Coding.objects.filter(
            source_id=coding.source_id,
            response_id=coding.response_id,
            code=into,
            coder_id=coding.coder_id,
            start=coding.start,
            end=coding.end,
        ).exists()
        if duplicate:
            coding.delete()
        else:
            coding.code = into
            coding.save(update_fields=["code"])
        moved += 1
    if moved:
        record(actor, Action.CHANGED, into, into.experiment, {"passages moved here": [None, moved]})
    return moved


# Words that start with a capital inside a sentence without naming anyone or anywhere.
NOT_NAMES = {"Je", "Il", "Elle", "On", "Nous", "Vous", "Ils", "Elles", "Mme", "M", "Mr", "Et"}
PLACE_WORDS = r"(?:rue|avenue|boulevard|place|quartier|cité|école|collège|lycée|résidence|parc)"
NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
NAMED_PLACE = rf"\b{PLACE_WORDS}\s+(?:(?:de|du|des|la|le)\s+)?{NAME}(?:[\s-]{NAME})*"
# A capitalised word that does not open a sentence.
NAMED_WORD = rf"(?<![.!?:]\s)(?<!^){NAME}(?:[\s-]{NAME})*"
CANDIDATES = re.compile(f"{NAMED_PLACE}|{NAMED_WORD}", re.MULTILINE)


def name_candidates(text: str) -> list[str]:
    """Names and places a quote may hold, for the analyst to pick from: streets, schools and
    other places with their name, and capitalised words inside a sentence. Only suggestions:
    the analyst chooses what to hide."""
    found = []
    for match in CANDIDATES.finditer(text):
        candidate = match.group(0).strip()
        if candidate not in NOT_NAMES and candidate not in found:
            found.append(candidate)
    return found
