"""A report as a 16:9 PowerPoint deck: one slide per figure, each with its source and its chain.

Only python-pptx's own API, so the file opens cleanly in PowerPoint and LibreOffice; the one
exception is the pictures' alt text, an attribute python-pptx writes but cannot set. Slide
titles sit in real title placeholders (PowerPoint's outline and accessibility checker read
them). python-pptx cannot measure text, so sizes come from a deliberately generous estimate of
the width of a line (`_wrapped_lines`): text shrinks, then moves to a second slide, rather
than overflow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from io import BytesIO

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from civiclab.reports.document import (
    BudgetSummary,
    Chart,
    Document,
    IndicatorCard,
    Photo,
    Quote,
    SourceNote,
    Table,
    Text,
    Timeline,
)

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # inches, PowerPoint's own 16:9
MARGIN = 0.5
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TITLE_TOP, TITLE_HEIGHT = 0.3, 0.85
CONTENT_TOP = 1.4  # under the title and its rule
NOTE_BOTTOM = 6.95  # the source note ends here; the page footer sits below
# A chart PNG is drawn at 2x; shown at no more than 144 pixels an inch it keeps one pixel per
# screen pixel on a 1920-pixel-wide projection of the slide, so it never looks soft.
CHART_MAX_DPI = 144
# python-pptx does not measure text: an average character is taken as this share of the font
# size, a little wider than Arial's average for French prose, so estimates err towards room.
CHAR_EM = 0.53
TEXT = "1F2933"
MUTED = "555D66"
WARN = "8A5200"
RULE = "D5DAE1"
ZEBRA = "F2F4F7"
WHITE = "FFFFFF"
NUMBER = re.compile(r"^[\s\d.,:%€+−–\-\u00a0\u202f]+$")


@dataclass(frozen=True)
class Run:
    text: str
    size: float  # points
    bold: bool = False
    italic: bool = False
    colour: str = TEXT


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    align: PP_ALIGN = PP_ALIGN.LEFT
    space_before: float = 0  # points


def pptx_bytes(document: Document) -> bytes:
    """The document as a PowerPoint deck (16:9): a title slide, then one or more slides per
    block. Fixed words are translated in the active language."""
    deck = _Deck(document)
    deck.title_slide()
    for block in document.blocks:
        deck.block(block)
    return deck.save()


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _language() -> MSO_LANGUAGE_ID:
    return MSO_LANGUAGE_ID.FRENCH if _french() else MSO_LANGUAGE_ID.ENGLISH_UK


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def labelled(label: str, value: str) -> str:
    """ "Objectif : 50 %" in French (a no-break space before the colon), "Target: 50%" else."""
    return f"{label}\u00a0: {value}" if _french() else f"{label}: {value}"


def n_and_wave(n: int | None, wave: str) -> str:
    parts = [f"n = {number_format(n, force_grouping=True)}"] if n is not None else []
    return " · ".join([*parts, wave] if wave else parts)


def _wrapped_lines(text: str, width: float, size: float, em: float = CHAR_EM) -> int:
    """Lines `text` takes in a box `width` inches wide at `size` points, wrapping at spaces."""
    capacity = max(1, int(width * 72 / (size * em)))
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            length = len(word)
            if used and used + 1 + length > capacity:
                lines += 1
                used = 0
            if length > capacity:  # a word longer than the line breaks anywhere
                lines += (length - 1) // capacity
                length %= capacity
            used += length + (1 if used else 0)
    return lines


def _value_size(value: str, width: float, largest: float = 66, smallest: float = 36) -> float:
    """Points for an indicator's value: as large as fits on one line of `width` inches (a
    unit such as « personnes » must never break mid-word), within [smallest, largest]."""
    fitting = (width - 0.2) * 72 / (max(1, len(value)) * CHAR_EM * 1.06)
    return max(smallest, min(largest, int(fitting)))


def _para_height(para: Para, width: float) -> float:
    """Inches taken by a paragraph in a text box `width` inches wide (margins included)."""
    size = max(run.size for run in para.runs)
    text = "".join(run.text for run in para.runs)
    em = CHAR_EM * (1.06 if any(run.bold for run in para.runs) else 1)
    return (_wrapped_lines(text, width - 0.2, size, em) * size * 1.2 + para.space_before) / 72


def _height(paras: Sequence[Para], width: float) -> float:
    return sum(_para_height(para, width) for para in paras) + 0.1


def _scaled(paras: Sequence[Para], factor: float) -> list[Para]:
    return [
        replace(
            para,
            runs=tuple(replace(run, size=round(run.size * factor, 1)) for run in para.runs),
            space_before=para.space_before * factor,
        )
        for para in paras
    ]


def _fit(paras: Sequence[Para], width: float, height: float, floor: float = 0.6) -> list[Para]:
    """The paragraphs, their sizes shrunk step by step (not below `floor`) until they fit."""
    factor = 1.0
    fitted = list(paras)
    while _height(fitted, width) > height and factor > floor:
        factor = max(floor, factor - 0.05)
        fitted = _scaled(paras, factor)
    return fitted


def _fits(paras: Sequence[Para], width: float, height: float) -> bool:
    return _height(paras, width) <= height


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?…;])\s+", text.strip()) if part]


def _chunks(text: str, fits) -> list[str]:
    """`text` cut between sentences into pieces that each satisfy `fits` (a sentence too long
    on its own is cut between words)."""
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(text):
        candidate = f"{current} {sentence}".strip()
        if fits(candidate):
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = sentence
        while not fits(current):
            words = current.split()
            head = words[:1]
            while len(head) < len(words) and fits(" ".join(words[: len(head) + 1])):
                head = words[: len(head) + 1]
            if len(head) == len(words):
                break
            pieces.append(" ".join(head))
            current = " ".join(words[len(head) :])
    if current:
        pieces.append(current)
    return pieces


def _balanced_chunks(text: str, fits) -> list[str]:
    """As `_chunks`, in pieces of similar lengths (not a full slide and a last line)."""
    pieces = _chunks(text, fits)
    if len(pieces) < 2:
        return pieces
    longest = len(text) / len(pieces) * 1.15
    balanced = _chunks(text, lambda part: fits(part) and len(part) <= longest)
    return balanced if len(balanced) == len(pieces) else pieces


def _with_ellipses(pieces: Sequence[str]) -> list[str]:
    """Pieces cut inside a sentence end, and the next one starts, with an ellipsis."""
    marked = list(pieces)
    for i in range(len(marked) - 1):
        if not re.search(r"[.!?…;]$", pieces[i]):
            marked[i] += "…"
            marked[i + 1] = "…" + marked[i + 1]
    return marked


def _numbered(title: str, index: int, count: int) -> str:
    return f"{title} ({index}/{count})" if count > 1 else title


class _Deck:
    """The presentation being built, with the document's look and its slide geometry."""

    def __init__(self, document: Document):
        self.document = document
        self.look = document.look
        self.font = document.look.font
        self.primary = document.look.primary.lstrip("#").upper()
        self.accent = document.look.accent.lstrip("#").upper()
        self.language = _language()
        self.presentation = Presentation()
        self.presentation.slide_width = Emu(12192000)  # exactly PowerPoint's 13.333 in
        self.presentation.slide_height = Inches(SLIDE_HEIGHT)
        layouts = {layout.name: layout for layout in self.presentation.slide_layouts}
        self.title_layout = layouts["Title Slide"]
        self.content_layout = layouts["Title Only"]

    # Text and shapes --------------------------------------------------------------------

    def write(self, text_frame, paras: Sequence[Para], anchor=MSO_ANCHOR.TOP) -> None:
        text_frame.word_wrap = True
        text_frame.auto_size = MSO_AUTO_SIZE.NONE
        text_frame.vertical_anchor = anchor
        for number, para in enumerate(paras):
            paragraph = text_frame.paragraphs[0] if number == 0 else text_frame.add_paragraph()
            paragraph.alignment = para.align
            if para.space_before:
                paragraph.space_before = Pt(para.space_before)
            for spec in para.runs:
                for line_number, line in enumerate(spec.text.split("\n")):
                    if line_number:
                        paragraph.add_line_break()
                    self.run(paragraph, line, spec)

    def run(self, paragraph, text: str, spec: Run) -> None:
        run = paragraph.add_run()
        run.text = text
        font = run.font
        font.name = self.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        font.color.rgb = _hex(spec.colour)
        font.language_id = self.language

    def text_box(self, slide, x, y, width, height, paras, anchor=MSO_ANCHOR.TOP):
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(width), Inches(height))
        self.write(box.text_frame, paras, anchor)
        return box

    def rectangle(self, slide, x, y, width, height, colour, shape=MSO_SHAPE.RECTANGLE):
        rectangle = slide.shapes.add_shape(
            shape, Inches(x), Inches(y), Inches(width), Inches(height)
        )
        rectangle.fill.solid()
        rectangle.fill.fore_color.rgb = _hex(colour)
        rectangle.line.fill.background()
        rectangle.shadow.inherit = False
        return rectangle

    def picture(self, slide, image: bytes, alt: str, box, size_px, max_dpi: float | None = None):
        """`image` centred in `box` (x, y, width, height in inches), its aspect ratio kept;
        `max_dpi` keeps a chart from being blown up past the pixels it has."""
        x, y, width, height = box
        width_px, height_px = size_px
        scale = min(width / width_px, height / height_px)
        if max_dpi:
            scale = min(scale, 1 / max_dpi)
        shown_width, shown_height = width_px * scale, height_px * scale
        left = x + (width - shown_width) / 2
        top = y + (height - shown_height) / 2
        picture = slide.shapes.add_picture(
            BytesIO(image),
            Inches(left),
            Inches(top),
            Emu(int(Inches(shown_width))),
            Emu(int(Inches(shown_height))),
        )
        # python-pptx writes cNvPr/@descr (PowerPoint's alt text) but has no setter for it.
        picture._element._nvXxPr.cNvPr.set("descr", alt)
        return picture

    # Slides -----------------------------------------------------------------------------

    def title_slide(self) -> None:
        document = self.document
        slide = self.presentation.slides.add_slide(self.title_layout)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _hex(self.primary)
        name_x = MARGIN + 0.3
        if self.look.logo_png:
            # On a white card: logos are drawn for white paper, not for the lab's colour.
            self.rectangle(slide, name_x, 0.55, 2.7, 1.0, WHITE, MSO_SHAPE.ROUNDED_RECTANGLE)
            size = _png_size(self.look.logo_png)
            self.picture(
                slide, self.look.logo_png, self.look.lab_name, (name_x + 0.15, 0.65, 2.4, 0.8), size
            )
            name_x += 3.0
        self.text_box(
            slide,
            name_x,
            0.55,
            SLIDE_WIDTH - name_x - MARGIN,
            1.0,
            [Para((Run(self.look.lab_name, 20, bold=True, colour=WHITE),))],
            MSO_ANCHOR.MIDDLE,
        )
        width = SLIDE_WIDTH - 2 * (MARGIN + 0.3)
        title = slide.shapes.title
        title.left, title.top = Inches(MARGIN + 0.3), Inches(2.0)
        title.width, title.height = Inches(width), Inches(2.3)
        paras = _fit([Para((Run(document.title, 40, bold=True, colour=WHITE),))], width, 2.3, 0.55)
        self.write(title.text_frame, paras, MSO_ANCHOR.BOTTOM)
        self.rectangle(slide, MARGIN + 0.4, 4.45, 1.6, 0.06, WHITE)
        subtitle = slide.placeholders[1]
        subtitle.left, subtitle.top = Inches(MARGIN + 0.3), Inches(4.65)
        subtitle.width, subtitle.height = Inches(width), Inches(1.2)
        paras = _fit([Para((Run(document.subtitle, 24, colour=WHITE),))], width, 1.2, 0.6)
        self.write(subtitle.text_frame, paras)
        when = [document.audience, date_format(document.made_on, "DATE_FORMAT")]
        self.text_box(
            slide,
            MARGIN + 0.3,
            6.1,
            width,
            0.7,
            [Para((Run(" · ".join(part for part in when if part), 18, colour=WHITE),))],
            MSO_ANCHOR.BOTTOM,
        )

    def slide(self, title: str, note: SourceNote | None = None, title_box=None):
        """A content slide with its title, its page footer and, when given, the source note
        and chain at the bottom; returns it with the bottom of the free area (inches)."""
        slide = self.presentation.slides.add_slide(self.content_layout)
        x, y, width, height = title_box or (MARGIN, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT)
        placeholder = slide.shapes.title
        placeholder.left, placeholder.top = Inches(x), Inches(y)
        placeholder.width, placeholder.height = Inches(width), Inches(height)
        size = 28 if title_box is None else 22
        paras = _fit(
            [Para((Run(title, size, bold=True, colour=self.primary),))], width, height, 0.65
        )
        anchor = MSO_ANCHOR.MIDDLE if title_box is None else MSO_ANCHOR.TOP
        self.write(placeholder.text_frame, paras, anchor)
        if title_box is None:
            self.rectangle(
                slide, MARGIN, TITLE_TOP + TITLE_HEIGHT + 0.05, CONTENT_WIDTH, 0.035, self.accent
            )
        self.page_footer(slide)
        bottom = NOTE_BOTTOM
        if note and (note.text or note.chain):
            paras = self.note_paras(note)
            height = _height(paras, CONTENT_WIDTH)
            self.text_box(
                slide, MARGIN, bottom - height, CONTENT_WIDTH, height, paras, MSO_ANCHOR.BOTTOM
            )
            bottom -= height
        return slide, bottom - 0.1

    def note_paras(self, note: SourceNote) -> list[Para]:
        paras = []
        if note.chain:
            paras.append(Para((Run(" › ".join(note.chain), 12, colour=self.accent),)))
        if note.text:
            label = Run(labelled(_("Source"), ""), 11, bold=True, colour=MUTED)
            paras.append(Para((label, Run(note.text, 11, colour=MUTED)), space_before=2))
        return paras

    def page_footer(self, slide) -> None:
        number = len(self.presentation.slides)
        right = f"{self.look.lab_name} · {number}"
        self.text_box(
            slide,
            MARGIN,
            7.02,
            CONTENT_WIDTH - 3,
            0.35,
            [Para((Run(self.document.footer, 10, colour=MUTED),))],
        )
        self.text_box(
            slide,
            SLIDE_WIDTH - MARGIN - 3,
            7.02,
            3,
            0.35,
            [Para((Run(right, 10, colour=MUTED),), align=PP_ALIGN.RIGHT)],
        )

    def block(self, block) -> None:
        if isinstance(block, IndicatorCard):
            self.indicator(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, Table):
            self.table(block.title, block.headers, block.rows, note=block.note)
        elif isinstance(block, Quote):
            self.quote(block)
        elif isinstance(block, Photo):
            self.photo(block)
        elif isinstance(block, Text):
            self.text(block)
        elif isinstance(block, Timeline):
            headers = (_("Date"), _("Milestone"), _("State"))
            rows = [(item.when, item.label, item.state) for item in block.items]
            self.table(block.title, headers, rows)
        elif isinstance(block, BudgetSummary):
            self.table(
                block.title, block.headers, block.rows, total=block.total, after=block.consumed
            )
        else:
            raise TypeError(f"No slide for {type(block).__name__}")

    def indicator(self, card: IndicatorCard) -> None:
        slide, bottom = self.slide(card.title, card.note)
        top = CONTENT_TOP
        width = 4.6 if card.chart else CONTENT_WIDTH
        paras = [
            Para((Run(card.value, _value_size(card.value, width), bold=True, colour=self.accent),))
        ]
        if card.interval:
            paras.append(
                Para(
                    (
                        Run(labelled(_("95%% interval") % {}, ""), 16, colour=MUTED),
                        Run(card.interval, 16, bold=True),
                    )
                )
            )
        if card.n is not None or card.wave:
            paras.append(
                Para((Run(n_and_wave(card.n, card.wave), 15, colour=MUTED),), space_before=2)
            )
        for label, value in ((_("Baseline"), card.baseline), (_("Target"), card.target)):
            if value:
                paras.append(
                    Para(
                        (Run(labelled(label, ""), 16, colour=MUTED), Run(value, 16, bold=True)),
                        space_before=6,
                    )
                )
        if card.change:
            paras.append(Para((Run(card.change, 17),), space_before=14))
        for warning in card.warnings:
            paras.append(Para((Run(f"⚠ {warning}", 14, colour=WARN),), space_before=8))
        paras = _fit(paras, width, bottom - top, 0.5)
        self.text_box(slide, MARGIN, top, width, bottom - top, paras)
        if card.chart:
            chart = card.chart
            box = (MARGIN + width + 0.3, top, CONTENT_WIDTH - width - 0.3, bottom - top)
            self.picture(
                slide,
                chart.png,
                chart.alt or chart.title,
                box,
                (chart.width_px, chart.height_px),
                CHART_MAX_DPI,
            )

    def chart(self, chart: Chart) -> None:
        slide, bottom = self.slide(chart.title, chart.note)
        box = (MARGIN, CONTENT_TOP, CONTENT_WIDTH, bottom - CONTENT_TOP)
        self.picture(
            slide,
            chart.png,
            chart.alt or chart.title,
            box,
            (chart.width_px, chart.height_px),
            CHART_MAX_DPI,
        )

    def table(self, title, headers, rows, note=None, total=None, after="") -> None:
        """A native table, over as many slides as its rows need (the header row repeated)."""
        size = 14 if len(headers) <= 4 else 12
        weights = [
            min(40, max(6, *(len(str(row[i])) for row in [headers, *rows] if i < len(row))))
            for i in range(len(headers))
        ]
        widths = [CONTENT_WIDTH * weight / sum(weights) for weight in weights]

        def row_height(cells, bold=False) -> float:
            em = CHAR_EM * (1.06 if bold else 1)
            lines = max(
                _wrapped_lines(str(cell), width - 0.2, size, em)
                for cell, width in zip(cells, widths, strict=False)
            )
            return (lines * size * 1.2) / 72 + 0.14

        header_height = row_height(headers, bold=True)
        all_rows = [(tuple(row), False) for row in rows]
        if total:
            all_rows.append((tuple(total), True))
        # The free area is the same on every slide of the table, but the last one also holds
        # the line under the table.
        probe_bottom = self._free_bottom(note)
        after_paras = [Para((Run(after, 18, bold=True, colour=self.accent),))] if after else []
        after_height = _height(after_paras, CONTENT_WIDTH) + 0.1 if after else 0
        room = probe_bottom - CONTENT_TOP - header_height
        pages: list[list] = [[]]
        used = 0.0
        for row in all_rows:
            height = row_height(*row)
            if pages[-1] and used + height > room:
                pages.append([])
                used = 0.0
            pages[-1].append((row, height))
            used += height
        if after and used + after_height > room and pages[-1]:
            pages.append([])
        for number, page in enumerate(pages, start=1):
            slide, _bottom = self.slide(_numbered(title, number, len(pages)), note)
            y = self.native_table(slide, headers, page, widths, size, header_height)
            if after and number == len(pages):
                self.text_box(slide, MARGIN, y + 0.1, CONTENT_WIDTH, after_height, after_paras)

    def _free_bottom(self, note: SourceNote | None) -> float:
        if note and (note.text or note.chain):
            return NOTE_BOTTOM - _height(self.note_paras(note), CONTENT_WIDTH) - 0.1
        return NOTE_BOTTOM - 0.1

    def native_table(self, slide, headers, page, widths, size, header_height) -> float:
        height = header_height + sum(h for _row, h in page)
        shape = slide.shapes.add_table(
            len(page) + 1,
            len(headers),
            Inches(MARGIN),
            Inches(CONTENT_TOP),
            Inches(CONTENT_WIDTH),
            Inches(height),
        )
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Inches(width)
        table.rows[0].height = Inches(header_height)
        for i, header in enumerate(headers):
            self.cell(
                table.cell(0, i),
                header,
                size,
                bold=True,
                colour=WHITE,
                fill=self.primary,
                right=i > 0 and self._numeric_column(page, i),
            )
        for r, ((cells, is_total), row_height) in enumerate(page, start=1):
            table.rows[r].height = Inches(row_height)
            fill = "E6EBF1" if is_total else (ZEBRA if r % 2 == 0 else WHITE)
            for i in range(len(headers)):
                value = str(cells[i]) if i < len(cells) else ""
                self.cell(
                    table.cell(r, i),
                    value,
                    size,
                    bold=is_total,
                    fill=fill,
                    right=i > 0 and bool(NUMBER.match(value)),
                )
        return CONTENT_TOP + height

    @staticmethod
    def _numeric_column(page, index) -> bool:
        values = [str(cells[index]) for (cells, _total), _h in page if index < len(cells)]
        return bool(values) and all(NUMBER.match(value) for value in values if value)

    def cell(self, cell, text, size, bold=False, colour=TEXT, fill=WHITE, right=False) -> None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = _hex(fill)
        cell.margin_left = cell.margin_right = Inches(0.1)
        cell.margin_top = cell.margin_bottom = Inches(0.05)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        align = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
        text_frame = cell.text_frame
        text_frame.word_wrap = True
        paragraph = text_frame.paragraphs[0]
        paragraph.alignment = align
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                paragraph.add_line_break()
            self.run(paragraph, line, Run(line, size, bold=bold, colour=colour))

    def quote(self, quote: Quote) -> None:
        opening, closing = ("«", "»") if _french() else ("“", "”")
        x, y, width, height = 1.7, 0.7, SLIDE_WIDTH - 1.7 - MARGIN - 0.3, 4.6

        def paras(text: str, size: float) -> list[Para]:
            return [Para((Run(text, size, italic=True, colour=TEXT),))]

        chosen = None
        for size in (32, 28, 26, 24, 22, 20):
            if _fits(paras(quote.text, size), width, height):
                chosen = [(quote.text, size)]
                break
        if chosen is None:
            pieces = _balanced_chunks(
                quote.text, lambda text: _fits(paras(f"…{text}…", 22), width, height)
            )
            chosen = [(text, 22) for text in _with_ellipses(pieces)]
        for number, (text, size) in enumerate(chosen, start=1):
            attribution = _numbered(quote.attribution, number, len(chosen))
            slide, _bottom = self.slide(attribution, title_box=(x, 5.55, width, 0.6))
            self.text_box(
                slide,
                0.45,
                0.25,
                1.3,
                1.6,
                [Para((Run(opening, 110, bold=True, colour=self.accent),))],
            )
            self.text_box(slide, x, y, width, height, paras(text, size), MSO_ANCHOR.MIDDLE)
            if number == len(chosen):
                self.text_box(
                    slide,
                    SLIDE_WIDTH - MARGIN - 1.3,
                    y + height - 1.3,
                    1.3,
                    1.6,
                    [
                        Para(
                            (Run(closing, 110, bold=True, colour=self.accent),),
                            align=PP_ALIGN.RIGHT,
                        )
                    ],
                )
            self.rectangle(slide, x, 5.45, 1.2, 0.05, self.accent)
            if quote.source:
                self.text_box(
                    slide, x, 6.15, width, 0.5, [Para((Run(quote.source, 14, colour=MUTED),))]
                )

    def photo(self, photo: Photo) -> None:
        width = CONTENT_WIDTH
        slide, _bottom = self.slide(photo.caption, title_box=(MARGIN, 6.0, width, 0.6))
        for shape in slide.shapes:
            if shape.is_placeholder:
                shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        box = (MARGIN, 0.35, width, 5.55)
        self.picture(
            slide, photo.jpeg, photo.alt or photo.caption, box, (photo.width_px, photo.height_px)
        )
        if photo.credit:
            self.text_box(
                slide,
                MARGIN,
                6.55,
                width,
                0.4,
                [Para((Run(photo.credit, 12, colour=MUTED),), align=PP_ALIGN.CENTER)],
            )

    def text(self, text: Text) -> None:
        width, height = CONTENT_WIDTH, NOTE_BOTTOM - 0.1 - CONTENT_TOP

        def paras(parts: Iterable[str], size: float) -> list[Para]:
            return [
                Para((Run(part, size),), space_before=0 if i == 0 else size * 0.6)
                for i, part in enumerate(parts)
            ]

        for size in (22, 20, 18):
            if _fits(paras(text.paragraphs, size), width, height):
                pages = [list(text.paragraphs)]
                break
        else:
            size = 18

            def fits(part: str) -> bool:
                return _fits(paras([part], 18), width, height)

            pages = [[]]
            for paragraph in text.paragraphs:
                for piece in _with_ellipses(_balanced_chunks(paragraph, fits)):
                    if pages[-1] and not _fits(paras([*pages[-1], piece], size), width, height):
                        pages.append([])
                    pages[-1].append(piece)
        for number, page in enumerate(pages, start=1):
            slide, _bottom = self.slide(_numbered(text.title, number, len(pages)))
            self.text_box(slide, MARGIN, CONTENT_TOP, width, height, paras(page, size))

    def save(self) -> bytes:
        properties = self.presentation.core_properties
        document = self.document
        properties.title = document.title
        properties.subject = document.subtitle
        properties.author = properties.last_modified_by = self.look.lab_name
        properties.language = "fr-FR" if _french() else "en-GB"
        properties.revision = 1
        made = datetime.combine(document.made_on, time(12))
        properties.created = properties.modified = made
        buffer = BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def _png_size(png: bytes) -> tuple[int, int]:
    # Width and height sit at fixed places in a PNG's header chunk.
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
