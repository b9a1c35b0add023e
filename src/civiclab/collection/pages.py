"""The questionnaire as respondents see it: pages of questions in the reader's language.

Shared by the online form, the tablet form and paper entry, so every channel shows the same
questions, choices and show-if conditions as the server checks (collection/validation.py).
"""

import json
from dataclasses import dataclass, field

from django.utils.translation import get_language

from civiclab.collection.validation import FormSpec
from civiclab.surveys.models import Question, QuestionnaireVersion

T = Question.Type
MATRIX_APPEARANCES = {"table-list"}


def in_language(french: str, english: str) -> str:
    if (get_language() or "fr").startswith("en"):
        return english or french
    return french or english


@dataclass
class Choice:
    value: str
    label: str


@dataclass
class Item:
    """One question on a page, with what a template needs to draw it."""

    code: str
    type: str
    label: str
    hint: str
    required: bool
    choices: list[Choice]
    relevant_json: str  # JSON list of condition ASTs, read by static/js/answering.js
    minimum: object = None
    maximum: object = None
    max_choices: int | None = None
    appearance: str = ""
    value: object = None  # what the respondent gave so far, as the form sent it
    error: str = ""

    @property
    def widget(self) -> str:
        """The partial that draws the question (templates/collection/widgets/<name>.html)."""
        if self.type in (T.SINGLE_CHOICE, T.SCALE, T.YES_NO):
            return "choice"
        if self.type == T.MULTIPLE_CHOICE:
            return "multiple"
        return {
            T.INTEGER: "number",
            T.DECIMAL: "number",
            T.LONG_TEXT: "textarea",
            T.DATE: "date",
            T.RANKING: "ranking",
            T.NOTE: "note",
        }.get(self.type, "text")

    @property
    def ranked(self) -> list[tuple[int, str]]:
        """(rank, value chosen at that rank) for each rank of a ranking question."""
        given = self.value if isinstance(self.value, list) else []
        return [
            (n, given[n - 1] if n <= len(given) else "") for n in range(1, len(self.choices) + 1)
        ]

    @property
    def chosen(self) -> list:
        if isinstance(self.value, list):
            return self.value
        return [self.value] if self.value not in (None, "") else []


@dataclass
class Page:
    number: int  # from 1
    title: str
    items: list[Item] = field(default_factory=list)
    matrix: bool = False  # rows sharing one scale, drawn as a table

    @property
    def codes(self) -> set[str]:
        return {i.code for i in self.items}

    @property
    def scale(self) -> list[Choice]:
        return self.items[0].choices if self.items else []


def build_pages(version: QuestionnaireVersion, spec: FormSpec) -> list[Page]:
    """One page per section; questions outside any section share a page with their
    neighbours. Calculations are not shown."""
    questions = (
        version.questions.exclude(type=T.CALCULATE)
        .select_related("section", "choice_list")
        .prefetch_related("choice_list__choices")
        .order_by("position", "pk")
    )
    conditions = {f.code: json.dumps(f.relevant, ensure_ascii=False) for f in spec.fields}
    pages: list[Page] = []
    last_section = object()
    for q in questions:
        if q.section_id != last_section:
            last_section = q.section_id
            pages.append(_page(len(pages) + 1, q.section))
        pages[-1].items.append(_item(q, conditions.get(q.code, "[]")))
    for page in pages:
        # A matrix needs every row on the same scale; otherwise it is drawn as questions.
        page.matrix = (
            page.matrix and len({tuple(c.value for c in i.choices) for i in page.items}) == 1
        )
    return pages


def _page(number: int, section) -> Page:
    if section is None:
        return Page(number=number, title="")
    return Page(
        number=number,
        title=in_language(section.label_fr, section.label_en),
        matrix=section.appearance in MATRIX_APPEARANCES,
    )


def _item(q, relevant_json: str) -> Item:
    choices = (
        [
            Choice(c.value, in_language(c.label_fr, c.label_en) or c.value)
            for c in q.choice_list.choices.all()
        ]
        if q.choice_list
        else []
    )
    return Item(
        code=q.code,
        type=q.type,
        label=in_language(q.label_fr, q.label_en) or q.code,
        hint=in_language(q.hint_fr, q.hint_en),
        required=q.required,
        choices=choices,
        relevant_json=relevant_json,
        minimum=q.min_value,
        maximum=q.max_value,
        max_choices=q.max_choices,
        appearance=q.appearance,
    )


# The questions of each page as (code, type) pairs: what a POST of that page holds.
Layout = tuple[tuple[tuple[str, str], ...], ...]
_layout_cache: dict[tuple, Layout] = {}


def layout_for(version: QuestionnaireVersion) -> Layout:
    """How questions fall into pages (as build_pages cuts them), in one light query; kept in
    memory for frozen versions, whose structure cannot change."""
    key = (version.pk, version.created_at)
    if version.frozen and key in _layout_cache:
        return _layout_cache[key]
    rows = (
        version.questions.exclude(type=T.CALCULATE)
        .order_by("position", "pk")
        .values_list("code", "type", "section_id")
    )
    pages: list[list[tuple[str, str]]] = []
    last_section = object()
    for code, type_, section_id in rows:
        if section_id != last_section:
            last_section = section_id
            pages.append([])
        pages[-1].append((code, type_))
    layout = tuple(tuple(page) for page in pages)
    if version.frozen:
        if len(_layout_cache) > 256:
            _layout_cache.clear()
        _layout_cache[key] = layout
    return layout


def raw_from_post(fields: tuple[tuple[str, str], ...], data) -> dict:
    """The answers of one page as the form sent them (a QueryDict); `fields` is one page of
    a Layout. A question of the page missing from the POST (no box ticked) is unanswered."""
    raw = {}
    for code, type_ in fields:
        if type_ in (T.MULTIPLE_CHOICE, T.RANKING):
            raw[code] = [v for v in data.getlist(code) if v]
        elif type_ != T.NOTE:
            raw[code] = data.get(code, "")
    return raw
