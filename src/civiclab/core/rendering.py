"""The lab's look in generated documents (DOCX with python-docx, PDF with ReportLab).

One place for the name, colours and fonts, so that every export looks the same.
"""

from io import BytesIO
from pathlib import Path

import reportlab
from django.conf import settings
from docx import Document
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

LAB_COLOUR = "#12314F"
ACCENT_COLOUR = "#0B5CAD"

# Bitstream Vera ships inside the ReportLab wheel: full Latin coverage (accents, « », €, →)
# with no system font package.
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
_FONTS = {"Lab": "Vera.ttf", "Lab-Bold": "VeraBd.ttf", "Lab-Italic": "VeraIt.ttf"}


def _register_fonts() -> None:
    if "Lab" in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / file)))
    # So that <b> and <i> in paragraphs pick the bold and italic files.
    pdfmetrics.registerFontFamily(
        "Lab", normal="Lab", bold="Lab-Bold", italic="Lab-Italic", boldItalic="Lab-Bold"
    )


def lab_name() -> str:
    return getattr(settings, "SITE_NAME", "civiclab")


def pdf_styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = getSampleStyleSheet()
    lab = colors.HexColor(LAB_COLOUR)
    return {
        "title": ParagraphStyle(
            "title",
            parent=base["Title"],
            fontName="Lab-Bold",
            fontSize=18,
            leading=22,
            textColor=lab,
            alignment=0,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base["Heading2"],
            fontName="Lab-Bold",
            fontSize=13,
            leading=16,
            textColor=lab,
            spaceBefore=12,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base["Heading3"],
            fontName="Lab-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=8,
        ),
        "body": ParagraphStyle(
            "body", parent=base["BodyText"], fontName="Lab", fontSize=10, leading=14
        ),
        "small": ParagraphStyle(
            "small",
            parent=base["BodyText"],
            fontName="Lab-Italic",
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#555D66"),
        ),
    }


def pdf_bytes(story: list, title: str) -> bytes:
    """A4 PDF of ReportLab flowables, with the lab's name and page numbers in the footer."""

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont("Lab", 8)
        canvas.setFillColor(colors.HexColor("#555D66"))
        canvas.drawString(2 * cm, 1.2 * cm, f"{lab_name()} — {title}")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(document.page))
        canvas.restoreState()

    _register_fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=lab_name(),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def docx_document(title: str) -> Document:
    """A Word document in the lab's look, its title already written."""
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = RGBColor.from_string(LAB_COLOUR.lstrip("#"))
    document.core_properties.title = title
    document.core_properties.author = lab_name()
    document.add_heading(title, level=0)
    return document


def docx_bytes(document: Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
