"""Readable word-level differences between two texts, for comparing protocol versions."""

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn `old` into `new`, word by word, whitespace kept."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    segments: list[Segment] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(old_tokens[a1:a2])))
            continue
        if a2 > a1:
            segments.append(Segment("removed", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            segments.append(Segment("added", "".join(new_tokens[b1:b2])))
    return segments
