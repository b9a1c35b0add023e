"""The experiment's qualitative work as files: REFI-QDA project and codebook, codebook CSV,
coded passages as table rows."""

import uuid
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.auth import get_user_model

from civiclab.qualitative import selectors
from civiclab.qualitative.models import Code, Coding, Memo, Source
from civiclab.qualitative.refi import QdaCode, QdaProject, QdaSelection, QdaSource, QdaUser

# GUIDs derived from our ids, so that exporting twice gives the same GUIDs and another tool
# can recognise what it already imported.
NAMESPACE = uuid.UUID("6b0d4f0e-6c2a-4f7e-9a57-3f1c2a9d8e10")
ORIGIN = "civiclab"


def guid(kind: str, pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}")).upper()


def _codes(experiment) -> tuple[QdaCode, ...]:
    children = defaultdict(list)
    for code in Code.objects.filter(experiment=experiment).order_by("position", "name", "pk"):
        children[code.parent_id].append(code)

    def build(parent_id) -> tuple[QdaCode, ...]:
        return tuple(
            QdaCode(
                guid=guid("code", c.pk),
                name=c.name,
                colour=c.colour,
                description=c.description,
                children=build(c.pk),
            )
            for c in children[parent_id]
        )

    return build(None)


def _users(experiment) -> tuple[QdaUser, ...]:
    users = get_user_model().objects.filter(
        pk__in=Coding.objects.filter(source__experiment=experiment).values("coder_id")
    )
    return tuple(QdaUser(guid("user", u.pk), str(u)) for u in users)


def codebook_qdc_parts(experiment) -> tuple[tuple[QdaCode, ...], tuple[QdaUser, ...]]:
    return _codes(experiment), _users(experiment)


ANSWER_SEPARATOR = "\n\n"


def _answers_document(source: Source) -> tuple[str, dict[int, int]]:
    """The open answers as one text, each headed by its respondent, and where each starts:
    REFI-QDA has no survey answers, so a tool reads them as one long document."""
    parts, starts, length = [], {}, 0
    for response in (
        selectors.open_answers(source).select_related("respondent").iterator(chunk_size=5000)
    ):
        head = f"[{selectors.respondent_label(response)} · {response.campaign.label}]\n"
        text = selectors.answer_text(source, response)
        starts[response.pk] = length + len(head)
        piece = head + text + ANSWER_SEPARATOR
        parts.append(piece)
        length += len(piece)
    return "".join(parts), starts


def _memos_by_coding(experiment) -> dict[int, str]:
    memos = defaultdict(list)
    for coding_id, text in Memo.objects.filter(
        experiment=experiment, coding__isnull=False
    ).values_list("coding_id", "text"):
        memos[coding_id].append(text)
    return {k: "\n\n".join(v) for k, v in memos.items()}


def project(experiment) -> QdaProject:
    memos = _memos_by_coding(experiment)
    sources = []
    for source in Source.objects.filter(experiment=experiment).order_by("pk"):
        text, shift = source.text, {}
        if source.is_open_answers:
            text, shift = _answers_document(source)
        selections = []
        for coding in source.codings.order_by("pk"):
            offset = shift.get(coding.response_id, 0) if coding.response_id else 0
            if coding.response_id and coding.response_id not in shift:
                continue  # the answer is gone: its codings cannot be placed
            if text[offset + coding.start : offset + coding.end] != coding.text:
                continue  # corrected since it was coded: the passage is no longer there
            selections.append(
                QdaSelection(
                    guid=guid("coding", coding.pk),
                    start=offset + coding.start,
                    end=offset + coding.end,
                    code_guids=(guid("code", coding.code_id),),
                    coder_guid=guid("user", coding.coder_id),
                    created=coding.created_at,
                    note=memos.get(coding.pk, ""),
                )
            )
        sources.append(
            QdaSource(
                guid=guid("source", source.pk),
                name=source.title,
                text=text,
                selections=tuple(selections),
                description=source.description,
                created=source.created_at,
            )
        )
    return QdaProject(
        name=experiment.title,
        origin=ORIGIN,
        users=_users(experiment),
        codes=_codes(experiment),
        sources=tuple(sources),
        description=getattr(experiment, "summary", ""),
    )


def codebook_rows(experiment) -> list[tuple[tuple[str, ...], str, str]]:
    return [
        (node.path, node.code.description, node.code.colour)
        for node in selectors.codebook(experiment)
    ]


def rows_from_qda(codes, parent: tuple[str, ...] = ()) -> Iterator[tuple]:
    for code in codes:
        path = (*parent, code.name)
        yield path, code.description, code.colour or None
        yield from rows_from_qda(code.children, path)


# --- coded passages as a table ---------------------------------------------------------------

PASSAGE_COLUMNS = [
    "code",
    "code_path",
    "coder",
    "coded_on",
    "source",
    "source_kind",
    "respondent",
    "campaign",
    "wave",
    "start",
    "end",
    "passage",
    "memos",
]


def passage_rows(codings, attributes: list[selectors.Attribute]) -> Iterator[list]:
    """One row per coded passage with its respondent's attributes (label of each value)."""
    experiment_codes = {}
    labels = {a.key: dict(a.values) for a in attributes}
    yield PASSAGE_COLUMNS + [a.label for a in attributes if a.key.startswith("q:")]
    for coding in codings.prefetch_related("memos").iterator(chunk_size=2000):
        code = coding.code
        if not experiment_codes:
            experiment_codes.update(
                {c.pk: c for c in Code.objects.filter(experiment_id=code.experiment_id)}
            )
        response = coding.response
        row = [
            code.name,
            " > ".join(_path(code, experiment_codes)),
            str(coding.coder),
            coding.created_at.date().isoformat(),
            coding.source.title,
            coding.source.get_kind_display(),
            selectors.respondent_label(response) if response else "",
            response.campaign.label if response else "",
            response.campaign.get_wave_display() if response else "",
            coding.start,
            coding.end,
            coding.text,
            "\n\n".join(m.text for m in coding.memos.all()),
        ]
        for attribute in attributes:
            if attribute.key.startswith("q:"):
                value = selectors.attribute_value(response, attribute.key) if response else None
                row.append(labels[attribute.key].get(value, value or ""))
        yield row


def _path(code, by_pk) -> list[str]:
    names = []
    while code is not None:
        names.append(code.name)
        code = by_pk.get(code.parent_id)
    return list(reversed(names))
