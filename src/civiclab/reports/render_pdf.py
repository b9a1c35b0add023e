"""A report as an A4 PDF drawn by ReportLab: a cover page, then the blocks flowing.

No system package: the fonts are the Bitstream Vera files inside the ReportLab wheel (see
`civiclab.core.rendering`), embedded in the file. Vera has no narrow no-break space (U+202F,
which French number formatting puts before % and between thousands) and no emoji: `_safe`
swaps the first for a no-break space and leaves out characters the font cannot draw, rather
than print empty boxes.
"""

from __future__ import annotations

import functools
import re
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from civiclab.core.rendering import pdf_styles
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
from civiclab.reports.render_pptx import NUMBER, labelled, n_and_wave

MARGIN = 2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
FRAME_HEIGHT = A4[1] - 2 * MARGIN
TEXT = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#555D66")
WARN = colors.HexColor("#8A5200")
ZEBRA = colors.HexColor("#F2F4F7")
TOTAL = colors.HexColor("#E6EBF1")
RULE = colors.HexColor("#D5DAE1")
# Characters Vera lacks but has a near twin of; anything else it lacks is left out.
STAND_INS = {
    "\u202f": "\u00a0",  # narrow no-break space (French: "42 %", "1 234")
    "\u2007": "\u00a0",  # figure space
    "\u2009": " ",  # thin space
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2713": "v",
    "\u26a0": "!",
}
# A chart's PNG is drawn at 2x: one CSS pixel of the chart is 0.75 pt on paper at most.
CHART_PT_PER_PIXEL = 0.75 / 2


def pdf_bytes(document: Document) -> bytes:
    """The document as an A4 PDF: a cover page, then every block with headings, page numbers
    and the footer text. Fixed words are translated in the active language."""
    return _Report(document).build()


@functools.cache
def _drawable() -> frozenset[int]:
    """Code points every Lab font (regular, bold, italic) has a glyph for."""
    pdf_styles()  # registers the fonts
    faces = [pdfmetrics.getFont(name).face for name in ("Lab", "Lab-Bold", "Lab-Italic")]
    return frozenset.intersection(*(frozenset(face.charWidths) for face in faces))


def _safe(text: str) -> str:
    """`text` as the Vera fonts can draw it, escaped for a ReportLab paragraph."""
    drawable = _drawable()
    kept = []
    for character in text:
        if ord(character) in drawable or character in "\n\t":
            kept.append(character)
        elif character in STAND_INS:
            kept.append(STAND_INS[character])
    cleaned = re.sub(r"[ ]{2,}", " ", "".join(kept))
    # No line may start with a French closing mark or end with an opening one.
    cleaned = re.sub(r" ([!?;:»])", "\u00a0\\1", cleaned).replace("« ", "«\u00a0")
    return escape(cleaned.replace(" \u00a0", "\u00a0"))


class _DocTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable) -> None:
        # Each block heading becomes an entry of the PDF's outline (the reader's side panel).
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            key = f"block-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


class _Report:
    def __init__(self, document: Document):
        self.document = document
        self.look = document.look
        self.primary = colors.HexColor(document.look.primary)
        self.accent = colors.HexColor(document.look.accent)
        base = pdf_styles()["body"]

        def style(name, **options):
            return ParagraphStyle(name, parent=base, **options)

        self.styles = {
            "body": style("body", fontName="Lab", fontSize=10, leading=14.5, textColor=TEXT),
            "h1": style(
                "h1",
                fontName="Lab-Bold",
                fontSize=15,
                leading=19,
                textColor=self.primary,
                spaceBefore=16,
                spaceAfter=8,
                keepWithNext=1,
            ),
            "value": style(
                "value", fontName="Lab-Bold", fontSize=30, leading=34, textColor=self.accent
            ),
            "fact": style("fact", fontName="Lab", fontSize=10, leading=14, textColor=TEXT),
            "warning": style(
                "warning", fontName="Lab-Bold", fontSize=9.5, leading=13, textColor=WARN
            ),
            "chain": style(
                "chain", fontName="Lab", fontSize=8.5, leading=11, textColor=self.accent
            ),
            "note": style("note", fontName="Lab", fontSize=8.5, leading=11, textColor=MUTED),
            "cell": style("cell", fontName="Lab", fontSize=9, leading=11.5, textColor=TEXT),
            "cell_right": style(
                "cell_right",
                fontName="Lab",
                fontSize=9,
                leading=11.5,
                textColor=TEXT,
                alignment=TA_RIGHT,
            ),
            "quote": style(
                "quote", fontName="Lab-Italic", fontSize=11.5, leading=17, textColor=TEXT
            ),
            "caption": style(
                "caption", fontName="Lab-Italic", fontSize=9.5, leading=13, textColor=TEXT
            ),
            "consumed": style(
                "consumed",
                fontName="Lab-Bold",
                fontSize=11,
                leading=15,
                textColor=self.accent,
                spaceBefore=6,
            ),
        }

    def _value(self, text: str, width: float) -> Paragraph:
        """The figure on one line: "151 personnes" shrinks rather than breaking mid-word."""
        base = self.styles["value"]
        size = base.fontSize
        while size > 14 and pdfmetrics.stringWidth(_safe_plain(text), base.fontName, size) > width:
            size -= 2
        fitted = ParagraphStyle("value-fitted", parent=base, fontSize=size, leading=size + 4)
        return Paragraph(_safe(text), fitted)

    def paragraph(self, text: str, style: str, bold_prefix: str = "") -> Paragraph:
        prefix = f"<b>{_safe(bold_prefix)}</b>" if bold_prefix else ""
        return Paragraph(prefix + _safe(text).replace("\n", "<br/>"), self.styles[style])

    # Page furniture ---------------------------------------------------------------------

    def cover(self, canvas, doc) -> None:
        document, look = self.document, self.look
        width, height = A4
        band_bottom = height - 13 * cm
        canvas.saveState()
        canvas.setFillColor(self.primary)
        canvas.rect(0, band_bottom, width, height - band_bottom, stroke=0, fill=1)
        name_x = MARGIN
        if look.logo_png:
            # On a white card: logos are drawn for white paper, not for the lab's colour.
            canvas.setFillColor(colors.white)
            canvas.roundRect(MARGIN, height - 3.9 * cm, 5.6 * cm, 2.2 * cm, 6, stroke=0, fill=1)
            canvas.drawImage(
                _image_reader(look.logo_png),
                MARGIN + 0.3 * cm,
                height - 3.6 * cm,
                5.0 * cm,
                1.6 * cm,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
            name_x += 6.2 * cm
        canvas.setFillColor(colors.white)
        canvas.setFont("Lab-Bold", 13)
        canvas.drawString(name_x, height - 2.95 * cm, _safe_plain(look.lab_name))
        white = {"textColor": colors.white}
        title = Paragraph(
            _safe(document.title),
            ParagraphStyle("cover_title", fontName="Lab-Bold", fontSize=26, leading=31, **white),
        )
        subtitle = Paragraph(
            _safe(document.subtitle),
            ParagraphStyle("cover_subtitle", fontName="Lab", fontSize=14, leading=19, **white),
        )
        _width, subtitle_height = subtitle.wrapOn(canvas, FRAME_WIDTH, 6 * cm)
        title.wrapOn(canvas, FRAME_WIDTH, 8 * cm)
        y = band_bottom + 1.6 * cm
        subtitle.drawOn(canvas, MARGIN, y)
        y += subtitle_height + 0.5 * cm
        canvas.setFillColor(colors.white)
        canvas.rect(MARGIN, y, 2.5 * cm, 2.5, stroke=0, fill=1)
        title.drawOn(canvas, MARGIN, y + 0.45 * cm)
        y = band_bottom - 1.5 * cm
        canvas.setFillColor(self.primary)
        if document.audience:
            canvas.setFont("Lab-Bold", 13)
            canvas.drawString(MARGIN, y, _safe_plain(document.audience))
            y -= 0.7 * cm
        canvas.setFillColor(MUTED)
        canvas.setFont("Lab", 11)
        canvas.drawString(MARGIN, y, _safe_plain(date_format(document.made_on, "DATE_FORMAT")))
        if document.footer:
            canvas.setFont("Lab", 9)
            canvas.drawString(MARGIN, 1.2 * cm, _safe_plain(document.footer))
        canvas.restoreState()

    def footer(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 1.6 * cm, A4[0] - MARGIN, 1.6 * cm)
        canvas.setFont("Lab", 8)
        canvas.setFillColor(MUTED)
        left = " · ".join(part for part in (self.look.lab_name, self.document.footer) if part)
        canvas.drawString(MARGIN, 1.2 * cm, _safe_plain(left))
        canvas.drawRightString(A4[0] - MARGIN, 1.2 * cm, str(doc.page))
        canvas.restoreState()

    # Blocks -----------------------------------------------------------------------------

    def build(self) -> bytes:
        buffer = BytesIO()
        document = self.document
        template = _DocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=document.title,
            subject=document.subtitle,
            author=self.look.lab_name,
            creator="civiclab",
            lang="fr-FR" if (get_language() or "fr").startswith("fr") else "en-GB",
            displayDocTitle=1,
            initialFontName="Lab",  # else each page names Helvetica, which is not embedded
        )
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body")
        template.addPageTemplates(
            [
                PageTemplate("cover", frames=[frame], onPage=self.cover),
                PageTemplate("body", frames=[frame], onPage=self.footer),
            ]
        )
        story: list = [NextPageTemplate("body"), Spacer(1, 1)]
        if document.blocks:
            story.append(PageBreak())
        for block in document.blocks:
            story.extend(self.block(block))
        template.build(story)
        return buffer.getvalue()

    def block(self, block) -> list:
        if isinstance(block, IndicatorCard):
            return self.indicator(block)
        if isinstance(block, Chart):
            return [self.heading(block.title), *self.chart(block)]
        if isinstance(block, Table):
            return [
                self.heading(block.title),
                self.table(block.headers, block.rows),
                KeepTogether(self.note(block.note)),
            ]
        if isinstance(block, Quote):
            return [self.quote(block)]
        if isinstance(block, Photo):
            return [self.photo(block)]
        if isinstance(block, Text):
            return [
                self.heading(block.title),
                *(self.paragraph(text, "body") for text in block.paragraphs),
            ]
        if isinstance(block, Timeline):
            headers = (_("Date"), _("Milestone"), _("State"))
            rows = [(item.when, item.label, item.state) for item in block.items]
            return [self.heading(block.title), self.table(headers, rows)]
        if isinstance(block, BudgetSummary):
            flowables = [
                self.heading(block.title),
                self.table(block.headers, block.rows, total=block.total),
            ]
            if block.consumed:
                flowables.append(self.paragraph(block.consumed, "consumed"))
            return flowables
        raise TypeError(f"No PDF layout for {type(block).__name__}")

    def heading(self, text: str) -> Paragraph:
        return self.paragraph(text, "h1")

    def note(self, note: SourceNote) -> list:
        flowables: list = []
        if note.chain or note.text:
            flowables.append(Spacer(1, 4))
        if note.chain:
            flowables.append(self.paragraph(" › ".join(note.chain), "chain"))
        if note.text:
            flowables.append(self.paragraph(note.text, "note", labelled(_("Source"), "")))
        return flowables

    def indicator(self, card: IndicatorCard) -> list:
        left = [self._value(card.value, FRAME_WIDTH * 0.45 - 20)]
        if card.interval:
            label = labelled(_("95%% interval") % {}, "")
            left.append(self.paragraph(card.interval, "fact", label))
        right = []
        if card.n is not None or card.wave:
            right.append(self.paragraph(n_and_wave(card.n, card.wave), "fact"))
        for label, value in ((_("Baseline"), card.baseline), (_("Target"), card.target)):
            if value:
                right.append(self.paragraph(value, "fact", labelled(label, "")))
        facts = PdfTable(
            [[left, right]],
            colWidths=[FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.55],
            style=_table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                    ("LINEBEFORE", (0, 0), (0, 0), 3, self.accent),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            ),
        )
        head = [self.heading(card.title), facts, Spacer(1, 6)]
        if card.change:
            head.append(self.paragraph(card.change, "body"))
        for warning in card.warnings:
            head.append(self.paragraph(f"• {warning}", "warning"))
        if not card.chart:
            return [KeepTogether(head + self.note(card.note))]
        chart = [Spacer(1, 6), *self.chart(card.chart, note=False), *self.note(card.note)]
        # One piece: a card at the foot of a page with its chart overleaf reads as two
        # unrelated things (the chart is at most 55 % of a page, so the whole always fits).
        return [KeepTogether(head + chart)]

    def chart(self, chart: Chart, note: bool = True) -> list:
        image = _fitted_image(
            chart.png,
            chart.width_px,
            chart.height_px,
            min(FRAME_WIDTH, chart.width_px * CHART_PT_PER_PIXEL),
            FRAME_HEIGHT * 0.55,
        )
        if not note:
            return [image]
        return [KeepTogether([image, *self.note(chart.note)])]

    def table(self, headers, rows, total=None) -> PdfTable:
        """A table whose header row repeats on every page it runs over."""
        columns = len(headers)
        body = [tuple(row) for row in rows] + ([tuple(total)] if total else [])
        weights = [
            min(40, max(6, *(len(str(row[i])) for row in [headers, *body] if i < len(row))))
            for i in range(columns)
        ]
        widths = [FRAME_WIDTH * weight / sum(weights) for weight in weights]
        numeric = [
            i > 0 and all(NUMBER.match(str(row[i])) for row in body if i < len(row) and row[i])
            for i in range(columns)
        ]
        header_style = ParagraphStyle(
            "header", parent=self.styles["cell"], fontName="Lab-Bold", textColor=colors.white
        )
        header_right = ParagraphStyle("header_right", parent=header_style, alignment=TA_RIGHT)
        data = [
            [
                Paragraph(_safe(str(text)), header_right if numeric[i] else header_style)
                for i, text in enumerate(headers)
            ]
        ]
        for row in body:
            cells = [str(row[i]) if i < len(row) else "" for i in range(columns)]
            data.append(
                [
                    self.paragraph(text, "cell_right" if numeric[i] else "cell")
                    for i, text in enumerate(cells)
                ]
            )
        commands = [
            ("BACKGROUND", (0, 0), (-1, 0), self.primary),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        for index in range(2, len(data), 2):
            commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
        if total:
            commands.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL))
            for column in range(columns):
                data[-1][column].style = ParagraphStyle(
                    "total", parent=data[-1][column].style, fontName="Lab-Bold"
                )
        return PdfTable(data, colWidths=widths, repeatRows=1, style=_table_style(commands))

    def quote(self, quote: Quote) -> KeepTogether:
        opening, closing = ("«\u00a0", "\u00a0»") if _french() else ("“", "”")
        cell = [self.paragraph(f"{opening}{quote.text}{closing}", "quote")]
        cell.append(Spacer(1, 4))
        cell.append(self.paragraph(f"— {quote.attribution}", "fact"))
        if quote.source:
            cell.append(self.paragraph(quote.source, "note"))
        # On one page when it fits on one, split between lines when it is longer.
        box = PdfTable(
            [[cell]],
            colWidths=[FRAME_WIDTH],
            splitInRow=1,
            spaceBefore=10,
            spaceAfter=6,
            style=_table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, self.accent),
                    ("LEFTPADDING", (0, 0), (-1, -1), 14),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                    ("TOPPADDING", (0, 0), (-1, -1), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            ),
        )
        return KeepTogether([box])

    def photo(self, photo: Photo) -> KeepTogether:
        # Two landscape photos with their captions share a page (at 0.6 of a page, each
        # took one, leaving half of it blank).
        image = _fitted_image(
            photo.jpeg, photo.width_px, photo.height_px, FRAME_WIDTH, FRAME_HEIGHT * 0.42
        )
        flowables = [Spacer(1, 8), image, Spacer(1, 4), self.paragraph(photo.caption, "caption")]
        if photo.credit:
            flowables.append(self.paragraph(photo.credit, "note"))
        return KeepTogether(flowables)


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _safe_plain(text: str) -> str:
    """`_safe` for the canvas, which draws text as is (no markup to escape)."""
    return _safe(text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _image_reader(data: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(BytesIO(data))


def _table_style(commands: list) -> TableStyle:
    # Tables set a cell font even when every cell is a paragraph: Helvetica, never embedded.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), "Lab"), *commands])


def _fitted_image(data: bytes, width_px: int, height_px: int, width: float, height: float):
    scale = min(width / width_px, height / height_px)
    image = Image(BytesIO(data), width=width_px * scale, height=height_px * scale)
    image.hAlign = "CENTER"
    return image
