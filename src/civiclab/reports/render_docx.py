"""A report as an editable Word document: real headings, tables and captions, in the lab's look.

python-docx covers almost everything; a few small XML touches fill its gaps, each marked:
the pictures' alt text, header rows that repeat on every page, cell shading, the page number
field, and fonts and language set in the document defaults (Word's built-in styles name the
theme's fonts, which win over a font set the ordinary way).
"""

from __future__ import annotations

from datetime import datetime, time
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

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

TEXT_WIDTH = Cm(17)  # A4 with 2 cm margins
MAX_PICTURE_HEIGHT = Cm(12)
# A chart's PNG is drawn at 2x: one CSS pixel of the chart is 0.75 pt on paper at most.
CHART_PT_PER_PIXEL = 0.75 / 2
TEXT = "1F2933"
MUTED = "555D66"
WARN = "8A5200"
ZEBRA = "F2F4F7"
TOTAL = "E6EBF1"
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def docx_bytes(document: Document) -> bytes:
    """The document as an editable Word file (A4): a title page, then every block under a
    Heading 1. Fixed words are translated in the active language."""
    report = _Report(document)
    for block in document.blocks:
        report.block(block)
    return report.save()


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _fonts(rpr, font: str) -> None:
    """Name `font` in a run-properties element, dropping the theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _shade(cell, colour: str) -> None:
    # python-docx has no cell shading: <w:shd> in the cell's properties.
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    # python-docx cannot mark a header row: <w:tblHeader/> makes Word repeat it on each page.
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _alt_text(inline_shape, alt: str) -> None:
    # Word's alt text is the picture's docPr/@descr, which python-docx leaves empty.
    inline_shape._inline.docPr.set("descr", alt)


def _picture_size(width_px: int, height_px: int, max_width) -> tuple[int, int]:
    scale = min(max_width / width_px, MAX_PICTURE_HEIGHT / height_px)
    return int(width_px * scale), int(height_px * scale)


class _Report:
    def __init__(self, document: Document):
        self.document = document
        self.look = document.look
        self.primary = document.look.primary.lstrip("#").upper()
        self.accent = document.look.accent.lstrip("#").upper()
        self.word = WordDocument()
        self.set_up()
        self.title_page()

    def set_up(self) -> None:
        word, font = self.word, self.look.font
        section = word.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
        rpr = defaults.find(qn("w:rPr"))
        _fonts(rpr, font)
        language = rpr.find(qn("w:lang"))
        if language is not None:  # spelling is checked in the report's language
            language.set(qn("w:val"), "fr-FR" if _french() else "en-GB")
        styles = word.styles
        styles["Normal"].font.size = Pt(10.5)
        styles["Normal"].font.color.rgb = _rgb(TEXT)
        sizes = {"Title": 26, "Subtitle": 14, "Heading 1": 16, "Heading 2": 12.5}
        for name, size in sizes.items():
            style = styles[name]
            _fonts(style.element.get_or_add_rPr(), font)
            style.font.size = Pt(size)
            style.font.color.rgb = _rgb(self.primary if name != "Subtitle" else MUTED)
            style.font.italic = False
        styles["Heading 2"].font.color.rgb = _rgb(self.accent)
        for name in ("Quote", "Caption"):
            _fonts(styles[name].element.get_or_add_rPr(), font)
        styles["Caption"].font.size = Pt(8.5)
        styles["Caption"].font.bold = False
        styles["Caption"].font.color.rgb = _rgb(MUTED)
        styles["Quote"].font.size = Pt(11.5)
        styles["Quote"].font.color.rgb = _rgb(TEXT)
        self.footer(section)

    def footer(self, section) -> None:
        footer = section.footer
        left = " · ".join(part for part in (self.look.lab_name, self.document.footer) if part)
        paragraph = footer.paragraphs[0]
        self.run(paragraph, left, size=8, colour=MUTED)
        number = footer.add_paragraph(style="Footer")
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # python-docx has no fields: a PAGE field, which Word and LibreOffice fill in.
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        number._p.append(field)

    def run(self, paragraph, text, *, size=None, bold=None, italic=None, colour=None):
        run = paragraph.add_run(text)
        if size:
            run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if colour:
            run.font.color.rgb = _rgb(colour)
        return run

    def picture(self, data: bytes, size_px: tuple[int, int], alt: str, max_width=TEXT_WIDTH):
        width, height = _picture_size(*size_px, max_width)
        paragraph = self.word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        inline = paragraph.add_run().add_picture(BytesIO(data), width=width, height=height)
        _alt_text(inline, alt)
        return paragraph

    def title_page(self) -> None:
        document, word = self.document, self.word
        if self.look.logo_png:
            size = (
                int.from_bytes(self.look.logo_png[16:20], "big"),
                int.from_bytes(self.look.logo_png[20:24], "big"),
            )
            logo = self.picture(self.look.logo_png, size, self.look.lab_name, Cm(5))
            logo.alignment = WD_ALIGN_PARAGRAPH.LEFT
        name = word.add_paragraph()
        self.run(name, self.look.lab_name, size=12, bold=True, colour=self.primary)
        name.paragraph_format.space_after = Pt(80)
        word.add_paragraph(document.title, style="Title")
        word.add_paragraph(document.subtitle, style="Subtitle")
        if document.audience:
            audience = word.add_paragraph()
            audience.paragraph_format.space_before = Pt(24)
            self.run(audience, document.audience, size=12, bold=True, colour=self.primary)
        made = word.add_paragraph()
        self.run(made, date_format(document.made_on, "DATE_FORMAT"), colour=MUTED)
        if document.blocks:
            made.add_run().add_break(WD_BREAK.PAGE)

    def block(self, block) -> None:
        word = self.word
        if isinstance(block, IndicatorCard):
            self.indicator(block)
        elif isinstance(block, Chart):
            word.add_heading(block.title, level=1)
            self.chart(block)
            self.note(block.note)
        elif isinstance(block, Table):
            word.add_heading(block.title, level=1)
            self.table(block.headers, block.rows)
            self.note(block.note)
        elif isinstance(block, Quote):
            self.quote(block)
        elif isinstance(block, Photo):
            self.photo(block)
        elif isinstance(block, Text):
            word.add_heading(block.title, level=1)
            for text in block.paragraphs:
                word.add_paragraph(text)
        elif isinstance(block, Timeline):
            word.add_heading(block.title, level=1)
            headers = (_("Date"), _("Milestone"), _("State"))
            self.table(headers, [(item.when, item.label, item.state) for item in block.items])
        elif isinstance(block, BudgetSummary):
            word.add_heading(block.title, level=1)
            self.table(block.headers, block.rows, total=block.total)
            if block.consumed:
                consumed = word.add_paragraph()
                consumed.paragraph_format.space_before = Pt(6)
                self.run(consumed, block.consumed, size=12, bold=True, colour=self.accent)
        else:
            raise TypeError(f"No Word layout for {type(block).__name__}")

    def labelled_line(self, label: str, value: str, size: float = 10.5):
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        self.run(paragraph, labelled(label, ""), size=size, colour=MUTED)
        self.run(paragraph, value, size=size, bold=True)
        return paragraph

    def indicator(self, card: IndicatorCard) -> None:
        word = self.word
        first = len(word.paragraphs)
        word.add_heading(card.title, level=1)
        value = word.add_paragraph()
        value.paragraph_format.space_after = Pt(2)
        value.paragraph_format.keep_with_next = True
        self.run(value, card.value, size=30, bold=True, colour=self.accent)
        if card.interval:
            self.labelled_line(_("95%% interval") % {}, card.interval)
        if card.n is not None or card.wave:
            facts = word.add_paragraph()
            facts.paragraph_format.space_after = Pt(2)
            self.run(facts, n_and_wave(card.n, card.wave), colour=MUTED)
        for label, text in ((_("Baseline"), card.baseline), (_("Target"), card.target)):
            if text:
                self.labelled_line(label, text)
        if card.change:
            change = word.add_paragraph()
            change.paragraph_format.space_before = Pt(8)
            self.run(change, card.change, size=11.5)
        for warning in card.warnings:
            self.run(word.add_paragraph(), f"⚠ {warning}", bold=True, colour=WARN)
        # The card's lines stay on one page, and with the note when there is no chart.
        for paragraph in word.paragraphs[first:]:
            paragraph.paragraph_format.keep_with_next = True
        if card.chart:
            if card.chart.title.strip() != card.title.strip():  # else it would say it twice
                word.add_heading(card.chart.title, level=2)
            self.chart(card.chart)
        self.note(card.note)

    def chart(self, chart: Chart) -> None:
        max_width = min(TEXT_WIDTH, Pt(chart.width_px * CHART_PT_PER_PIXEL))
        self.picture(
            chart.png, (chart.width_px, chart.height_px), chart.alt or chart.title, max_width
        )

    def note(self, note: SourceNote) -> None:
        """The chain and the source, as the caption of what precedes them."""
        if note.chain:
            chain = self.word.add_paragraph(style="Caption")
            chain.paragraph_format.space_after = Pt(0)
            chain.paragraph_format.keep_with_next = bool(note.text)
            self.run(chain, " › ".join(note.chain), colour=self.accent)
        if note.text:
            source = self.word.add_paragraph(style="Caption")
            self.run(source, labelled(_("Source"), ""), bold=True)
            self.run(source, note.text)

    def table(self, headers, rows, total=None) -> None:
        """A Word table whose header row repeats on every page it runs over."""
        body = [tuple(row) for row in rows] + ([tuple(total)] if total else [])
        columns = len(headers)
        numeric = [
            i > 0 and all(NUMBER.match(str(row[i])) for row in body if i < len(row) and row[i])
            for i in range(columns)
        ]
        weights = [
            min(40, max(6, *(len(str(row[i])) for row in [headers, *body] if i < len(row))))
            for i in range(columns)
        ]
        widths = [int(TEXT_WIDTH * weight / sum(weights)) for weight in weights]
        table = self.word.add_table(rows=1, cols=columns)
        table.style = self.word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        header = table.rows[0]
        _repeat_as_header(header)
        for i, text in enumerate(headers):
            cell = header.cells[i]
            _shade(cell, self.primary)
            self.cell(cell, str(text), right=numeric[i], bold=True, colour="FFFFFF")
        for number, row in enumerate(body, start=1):
            is_total = bool(total) and number == len(body)
            cells = table.add_row().cells
            for i in range(columns):
                value = str(row[i]) if i < len(row) else ""
                if is_total:
                    _shade(cells[i], TOTAL)
                elif number % 2 == 0:
                    _shade(cells[i], ZEBRA)
                self.cell(cells[i], value, right=numeric[i], bold=is_total or None)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
                cell.width = width

    def cell(self, cell, text, *, right=False, bold=None, colour=None) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(2)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.line_spacing = 1.0
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.run(paragraph, text, size=9.5, bold=bold, colour=colour)

    def quote(self, quote: Quote) -> None:
        opening, closing = ("«\u00a0", "\u00a0»") if _french() else ("“", "”")
        text = self.word.add_paragraph(f"{opening}{quote.text}{closing}", style="Quote")
        text.paragraph_format.keep_with_next = True
        who = self.word.add_paragraph()
        who.paragraph_format.left_indent = Cm(1.5)
        self.run(who, f"— {quote.attribution}", bold=True, colour=self.primary)
        if quote.source:
            who.add_run().add_break()
            self.run(who, quote.source, size=9, colour=MUTED)

    def photo(self, photo: Photo) -> None:
        self.picture(photo.jpeg, (photo.width_px, photo.height_px), photo.alt or photo.caption)
        caption = self.word.add_paragraph(style="Caption")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.run(caption, photo.caption, size=9.5, italic=True, colour=TEXT)
        if photo.credit:
            caption.add_run().add_break()
            self.run(caption, photo.credit)

    def save(self) -> bytes:
        properties = self.word.core_properties
        document = self.document
        properties.title = document.title
        properties.subject = document.subtitle
        properties.author = properties.last_modified_by = self.look.lab_name
        properties.language = "fr-FR" if _french() else "en-GB"
        properties.revision = 1
        properties.created = properties.modified = datetime.combine(document.made_on, time(12))
        buffer = BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()
