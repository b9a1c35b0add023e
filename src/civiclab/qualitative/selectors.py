"""Reading the qualitative material: open answers with their respondent's attributes, the
codebook as a tree, and a text cut into highlighted segments."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Count, QuerySet
from django.utils.text import capfirst

from civiclab.collection.models import Campaign, Response
from civiclab.impact.models import GROUPING_TYPES, current_questions
from civiclab.qualitative.extract import normalise_text
from civiclab.qualitative.models import Code, Coding, Source


def open_answers(source: Source) -> QuerySet[Response]:
    """The responses that answered the source's open question."""
    return (
        Response.objects.filter(
            campaign__questionnaire_id=source.questionnaire_id,
            answers__has_key=source.question_code,
        )
        .select_related("campaign")
        .order_by("pk")
    )


def answer_text(source: Source, response: Response) -> str:
    """The answer as coded: offsets index into this normalised text."""
    value = response.answers.get(source.question_code)
    return normalise_text(value if isinstance(value, str) else "" if value is None else str(value))


def respondent_label(response: Response) -> str:
    """The respondent's pseudonym; never a name, which is kept apart from the answers."""
    return response.respondent.pseudonym if response.respondent_id else f"R{response.pk}"


@dataclass(frozen=True)
class Attribute:
    """Something known of each respondent that passages can be filtered and counted by."""

    key: str  # "wave", "campaign" or "q:<question code>"
    label: str
    values: tuple[tuple[str, str], ...]  # (value, label)


def attributes(source: Source) -> list[Attribute]:
    """Wave, campaign and the closed single-answer questions of the source's questionnaire."""
    if not source.is_open_answers:
        return []
    campaigns = Campaign.objects.filter(questionnaire_id=source.questionnaire_id)
    found = [
        Attribute(
            "wave",
            capfirst(Campaign._meta.get_field("wave").verbose_name),
            tuple(
                (w, str(Campaign.Wave(w).label))
                for w in dict.fromkeys(
                    campaigns.order_by("opens_at").values_list("wave", flat=True)
                )
            ),
        ),
        Attribute(
            "campaign",
            capfirst(Campaign._meta.verbose_name),
            tuple((str(c.pk), c.label) for c in campaigns.order_by("opens_at", "pk")),
        ),
    ]
    for code, question in current_questions(source.questionnaire).items():
        if question.type in GROUPING_TYPES and question.choice_list is not None:
            values = tuple((c.value, c.label_fr) for c in question.choice_list.choices.all())
            found.append(Attribute(f"q:{code}", question.label_fr, values))
    return found


def filter_by_attribute(responses: QuerySet, key: str, value: str) -> QuerySet:
    if key == "wave":
        return responses.filter(campaign__wave=value)
    if key == "campaign":
        return responses.filter(campaign_id=value) if value.isdigit() else responses.none()
    if key.startswith("q:") and key[2:].replace("_", "").isalnum():
        return responses.filter(**{f"answers__{key[2:]}": value})
    return responses


def attribute_value(response: Response, key: str) -> str | None:
    if key == "wave":
        return response.campaign.wave
    if key == "campaign":
        return str(response.campaign_id)
    value = response.answers.get(key[2:]) if key.startswith("q:") else None
    return None if value is None else str(value)


# --- the codebook ----------------------------------------------------------------------------


@dataclass
class CodeNode:
    code: Code
    depth: int
    path: tuple[str, ...]
    codings: int = 0
    children: list["CodeNode"] = field(default_factory=list)


def codebook(experiment) -> list[CodeNode]:
    """The codes of an experiment in tree order (a flat list, parents first, with depth)."""
    codes = list(
        Code.objects.filter(experiment=experiment)
        .annotate(n=Count("codings"))
        .order_by("position", "name", "pk")
    )
    children = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    flat: list[CodeNode] = []

    def walk(parent_id, depth, path):
        for code in children[parent_id]:
            node = CodeNode(code, depth, (*path, code.name), code.n)
            flat.append(node)
            walk(code.pk, depth + 1, node.path)

    walk(None, 0, ())
    return flat


# --- a text with its codings -----------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    codings: tuple[Coding, ...]

    @property
    def colour(self) -> str | None:
        """The colour of the narrowest coding: nested passages stay visible inside wide ones."""
        if not self.codings:
            return None
        return min(self.codings, key=lambda c: c.end - c.start).code.colour


def segments(text: str, codings: list[Coding]) -> list[Segment]:
    """`text` cut wherever a coding starts or ends; each piece knows the codings covering it."""
    cuts = sorted({0, len(text), *(c.start for c in codings), *(c.end for c in codings)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    pieces = []
    for start, end in pairwise(cuts):
        covering = tuple(c for c in codings if c.start <= start and c.end >= end)
        pieces.append(Segment(start, end, text[start:end], covering))
    return pieces
