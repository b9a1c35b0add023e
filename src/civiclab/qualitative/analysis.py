"""Reading across an experiment's coding: filtered passages, code frequencies by source and
by respondent group, co-occurrences, agreement between two coders."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet

from civiclab.collection.models import Response
from civiclab.qualitative import selectors
from civiclab.qualitative.models import Code, Coding, Memo, Source
from civiclab.stats.agreement import agreement, disagreements
from civiclab.stats.coding import cooccurrences


@dataclass(frozen=True)
class PassageFilters:
    code: int | None = None
    source: int | None = None
    coder: int | None = None
    attribute: str = ""  # "key|value", as the attributes' select sends it
    search: str = ""
    with_subcodes: bool = True

    @classmethod
    def from_query(cls, query) -> "PassageFilters":
        def number(name):
            value = query.get(name, "")
            return int(value) if value.isdigit() else None

        return cls(
            code=number("code"),
            source=number("source"),
            coder=number("coder"),
            attribute=query.get("attr", ""),
            search=query.get("q", "").strip(),
            with_subcodes=query.get("exact") != "1",
        )


def _descendants(experiment, code_id: int) -> set[int]:
    children = defaultdict(list)
    for pk, parent in Code.objects.filter(experiment=experiment).values_list("pk", "parent_id"):
        children[parent].append(pk)
    found, todo = set(), [code_id]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(children[current])
    return found


def passages(experiment, filters: PassageFilters) -> QuerySet[Coding]:
    codings = Coding.objects.filter(source__experiment=experiment).select_related(
        "code", "coder", "source", "response__campaign", "response__respondent"
    )
    if filters.code:
        codes = _descendants(experiment, filters.code) if filters.with_subcodes else {filters.code}
        codings = codings.filter(code_id__in=codes)
    if filters.source:
        codings = codings.filter(source_id=filters.source)
    if filters.coder:
        codings = codings.filter(coder_id=filters.coder)
    if filters.search:
        codings = codings.filter(text__icontains=filters.search)
    key, _sep, value = filters.attribute.partition("|")
    if key and value:
        responses = selectors.filter_by_attribute(Response.objects.all(), key, value)
        codings = codings.filter(response__in=responses)
    memos = Memo.objects.select_related("author")
    return codings.prefetch_related(Prefetch("memos", queryset=memos)).order_by(
        "source__title", "source_id", "response_id", "start", "pk"
    )


def coders(experiment) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(codings__source__experiment=experiment)
        .annotate(n=Count("codings"))
        .order_by("-n", "first_name", "username")
    )


def experiment_attributes(experiment) -> list[selectors.Attribute]:
    """The respondent attributes of every open-answers source of the experiment, once each."""
    found = {}
    for source in Source.objects.filter(experiment=experiment, kind=Source.Kind.OPEN_ANSWERS):
        for attribute in selectors.attributes(source):
            if attribute.key in found:
                merged = dict(found[attribute.key].values) | dict(attribute.values)
                attribute = selectors.Attribute(
                    attribute.key, attribute.label, tuple(merged.items())
                )
            found[attribute.key] = attribute
    return list(found.values())


@dataclass
class Table:
    columns: list  # headers
    rows: list  # (label, colour, [cells])


def frequencies_by_source(experiment) -> Table:
    """Passages per code and source: how much each source speaks of each code."""
    nodes = selectors.codebook(experiment)
    sources = list(Source.objects.filter(experiment=experiment))
    counts = Counter()
    for code, source, n in (
        Coding.objects.filter(source__experiment=experiment)
        .values_list("code_id", "source_id")
        .annotate(n=Count("pk"))
    ):
        counts[(code, source)] = n
    rows = []
    for node in nodes:
        cells = [counts[(node.code.pk, s.pk)] for s in sources]
        rows.append((node, [*cells, sum(cells)]))
    return Table(columns=sources, rows=rows)


def cooccurrence_matrix(experiment) -> Table:
    """Codes meeting on overlapping passages (of the same coder or not)."""
    nodes = [n for n in selectors.codebook(experiment) if n.codings]
    counts = cooccurrences(
        ((source, response), code, start, end)
        for source, response, code, start, end in Coding.objects.filter(
            source__experiment=experiment
        ).values_list("source_id", "response_id", "code_id", "start", "end")
    )
    rows = []
    for node in nodes:
        cells = []
        for other in nodes:
            pair = (node.code.pk, other.code.pk)
            cells.append(counts.get(pair, counts.get(pair[::-1], 0)))
        rows.append((node, cells))
    return Table(columns=nodes, rows=rows)


def code_by_attribute(experiment, attribute: selectors.Attribute) -> Table:
    """Answers carrying each code, by group of respondents: the count and the share of the
    group's coded answers (a share of all answers would count answers nobody read)."""
    codings = Coding.objects.filter(
        source__experiment=experiment, response__isnull=False
    ).select_related("response__campaign")
    per_group: dict[tuple[int, str], set[int]] = defaultdict(set)
    coded_in_group: dict[str, set[int]] = defaultdict(set)
    for coding in codings.only("code_id", "response_id", "response__answers", "response__campaign"):
        value = selectors.attribute_value(coding.response, attribute.key)
        if value is None:
            continue
        per_group[(coding.code_id, value)].add(coding.response_id)
        coded_in_group[value].add(coding.response_id)
    values = [(v, label) for v, label in attribute.values if coded_in_group.get(v)]
    rows = []
    for node in selectors.codebook(experiment):
        if not node.codings:
            continue
        cells = []
        for value, _label in values:
            n = len(per_group.get((node.code.pk, value), ()))
            total = len(coded_in_group[value])
            cells.append((n, round(100 * n / total) if total else None))
        rows.append((node, cells))
    columns = [(label, len(coded_in_group[v])) for v, label in values]
    return Table(columns=columns, rows=rows)


# --- agreement between two coders ------------------------------------------------------------

DISAGREEMENTS_SHOWN = 150


def chosen_coders(query, coders) -> tuple:
    """The two coders to compare: those asked for, else the two who coded most."""
    by_pk = {c.pk: c for c in coders}

    def pick(name, default):
        value = query.get(name, "")
        return by_pk.get(int(value)) if value.isdigit() else default

    ranked = list(coders)
    first = pick("a", ranked[0] if ranked else None)
    second = pick("b", next((c for c in ranked if c != first), None))
    return first, second


@dataclass
class Compared:
    """What the agreement page shows."""

    result: object  # civiclab.stats.agreement.Agreement
    codes: dict  # code id -> Code
    units: list  # labels of the documents compared
    disagreements: list  # dicts for the side-by-side view
    more: int


def _documents(experiment, first, second, source_id: int | None):
    """Texts both coders worked on: whole documents, or single answers of open questions."""
    codings = Coding.objects.filter(source__experiment=experiment, coder__in=[first, second])
    if source_id:
        codings = codings.filter(source_id=source_id)
    by_unit = defaultdict(lambda: {first.pk: [], second.pk: [], "quotes": []})
    for source_id_, response_id, coder_id, code_id, start, end, quote in codings.values_list(
        "source_id", "response_id", "coder_id", "code_id", "start", "end", "text"
    ):
        by_unit[(source_id_, response_id)][coder_id].append((code_id, start, end))
        by_unit[(source_id_, response_id)]["quotes"].append((start, end, quote))
    shared = [key for key, work in by_unit.items() if work[first.pk] and work[second.pk]]
    sources = {s.pk: s for s in Source.objects.filter(pk__in={k[0] for k in shared})}
    responses = Response.objects.in_bulk({k[1] for k in shared if k[1]})
    documents, texts, labels = [], [], []
    for source_pk, response_pk in sorted(shared, key=lambda k: (k[0], k[1] or 0)):
        source = sources[source_pk]
        if response_pk:
            text = selectors.answer_text(source, responses[response_pk])
            label = f"{source.title} · {response_pk}"
        else:
            text, label = source.text, source.title
        work = by_unit[(source_pk, response_pk)]
        if any(text[start:end] != quote for start, end, quote in work["quotes"]):
            continue  # an answer corrected since it was coded: its codings no longer fit it
        documents.append((len(text), work[first.pk], work[second.pk]))
        texts.append(text)
        labels.append(label)
    return documents, texts, labels


def agreement_between(experiment, first, second, query) -> Compared:
    source_id = int(query["source"]) if query.get("source", "").isdigit() else None
    documents, texts, labels = _documents(experiment, first, second, source_id)
    codes = {c.pk: c for c in Code.objects.filter(experiment=experiment)}
    used = {code for _n, a, b in documents for code, _s, _e in (*a, *b)}
    result = agreement(documents, codes=[pk for pk in codes if pk in used])
    found = disagreements(documents)
    shown = []
    for run in found[:DISAGREEMENTS_SHOWN]:
        _length, work_a, work_b = documents[run.document]
        other = work_b if run.who == "a" else work_a
        instead = sorted(
            {codes[c].name for c, s, e in other if s < run.end and e > run.start and c != run.code}
        )
        shown.append(
            {
                "unit": labels[run.document],
                "text": texts[run.document][run.start : run.end],
                "code": codes.get(run.code),
                "who": run.who,
                "instead": instead,
            }
        )
    return Compared(result, codes, labels, shown, max(0, len(found) - DISAGREEMENTS_SHOWN))
