"""What a report says, whatever it is rendered to (browser preview, PowerPoint, PDF, Word).

Plain frozen dataclasses, no Django: the builder fills them from the experiment's data, and
each renderer only lays them out. Texts are final (translated, numbers formatted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# How the renderers lay a document out. Files kept once made (public reports, replication
# kits) are keyed on their content and on this: raise it when a renderer's output changes,
# so that they are made again with the new layout.
LAYOUT = 2


@dataclass(frozen=True)
class Look:
    """The lab's look, set once for every document."""

    lab_name: str = "civiclab"
    primary: str = "#12314F"  # titles, title slide background
    accent: str = "#0B5CAD"  # figures, rules
    font: str = "Arial"  # PowerPoint and Word; PDFs embed the font shipped with ReportLab
    logo_png: bytes | None = None


@dataclass(frozen=True)
class SourceNote:
    """Where a figure comes from, printed under it. `text` says which question, how many
    answers, when, weighted or not ("Question « … » · n = 412 · vague « après », 12/10/2026 ·
    non pondéré"); `chain` climbs from the indicator to the hypothesis it serves."""

    text: str = ""
    chain: tuple[str, ...] = ()  # ("H1. Le tirage au sort…", "Impact…", "Indicator…")


@dataclass(frozen=True)
class Chart:
    """A chart: its Vega-Lite specification and the same drawn as PNG (2x, crisp on slides)."""

    title: str
    spec: dict
    png: bytes
    width_px: int  # of the PNG, to keep the aspect ratio
    height_px: int
    alt: str = ""  # what the chart shows, for screen readers and Word's alt text
    note: SourceNote = field(default_factory=SourceNote)


@dataclass(frozen=True)
class IndicatorCard:
    title: str
    value: str  # "42 %" or "3,4" or "—"
    interval: str = ""  # "35 % to 49 %"
    n: int | None = None
    wave: str = ""
    baseline: str = ""
    target: str = ""
    change: str = ""  # the change from the first to the latest wave, in a sentence
    warnings: tuple[str, ...] = ()  # small samples and other caveats, in words
    chart: Chart | None = None  # the trend by wave, when there are several waves
    note: SourceNote = field(default_factory=SourceNote)


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: SourceNote = field(default_factory=SourceNote)


@dataclass(frozen=True)
class Quote:
    text: str  # already pseudonymised
    attribution: str
    source: str = ""  # "Entretien avec Mme R., 11/06/2026"


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width_px: int
    height_px: int
    caption: str
    credit: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Text:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Milestone:
    when: str
    label: str
    state: str = ""  # "done", "late", "planned" in words


@dataclass(frozen=True)
class Timeline:
    title: str
    items: tuple[Milestone, ...]


@dataclass(frozen=True)
class BudgetSummary:
    title: str
    headers: tuple[str, ...]  # ("Line", "Planned", "Committed", "Paid")
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]
    consumed: str = ""  # "62 % of the budget committed"


Block = IndicatorCard | Chart | Table | Quote | Photo | Text | Timeline | BudgetSummary


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str  # the experiment, its territory
    made_on: date
    look: Look
    blocks: tuple[Block, ...]
    audience: str = ""  # "COPIL du 12 décembre", shown on the title page
    footer: str = ""  # e.g. "Document de travail — ne pas diffuser"
