"""The PowerPoint, PDF and Word renderers, checked by reopening the files they write."""

import dataclasses
from io import BytesIO

import pytest
from django.utils import translation
from docx import Document as WordDocument
from docx.oxml.ns import qn
from PIL import Image
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from civiclab.reports.document import (
    BudgetSummary,
    Chart,
    Document,
    IndicatorCard,
    Look,
    Photo,
    Quote,
    Table,
    Text,
)
from civiclab.reports.render_docx import docx_bytes
from civiclab.reports.render_pdf import _safe, pdf_bytes
from civiclab.reports.render_pptx import CHART_MAX_DPI, pptx_bytes
from tests.reports.sample_document import (
    CHAIN,
    EMOJI_QUOTE,
    LONG_QUOTE,
    NOTE,
    participation_table,
    sample_document,
)

CHAIN_LINE = " › ".join(CHAIN)


@pytest.fixture(scope="module")
def document() -> Document:
    return sample_document()


def _blocks(document, kind):
    return [block for block in document.blocks if isinstance(block, kind)]


def _render(render, document, language="fr"):
    with translation.override(language):
        return render(document)


# PowerPoint ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(document):
    return Presentation(BytesIO(_render(pptx_bytes, document)))


def slide_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return texts


def slides_titled(deck, title: str) -> list:
    return [slide for slide in deck.slides if slide.shapes.title.text.startswith(title)]


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


def png_size(blob: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(blob)) as image:
        assert image.format == "PNG"
        return image.size


def test_deck_is_16_9_with_a_title_slide(deck, document):
    """The title slide names the lab, the report, the experiment, the audience and the date."""
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    first = deck.slides[0]
    assert first.shapes.title.text == document.title
    text = "\n".join(slide_texts(first))
    for expected in ("Labo des possibles", document.subtitle, document.audience, "12 décembre"):
        assert expected in text
    logo = pictures(first)[0]
    assert logo._element._nvXxPr.cNvPr.get("descr") == "Labo des possibles"
    assert deck.core_properties.title == document.title
    assert deck.core_properties.author == "Labo des possibles"


def test_every_slide_has_its_title_in_a_title_placeholder(deck):
    """PowerPoint's outline and accessibility checker read the titles from placeholders."""
    for slide in deck.slides:
        assert slide.shapes.title is not None
        assert slide.shapes.title.is_placeholder
        assert slide.shapes.title.text.strip()


def test_indicator_slide_shows_the_figure_its_source_and_its_chain(deck, document):
    card = _blocks(document, IndicatorCard)[0]
    (slide,) = slides_titled(deck, card.title)
    text = "\n".join(slide_texts(slide))
    for expected in (
        "42\u202f%",
        "35\u202f% à 49\u202f%",
        "n = 412 · vague « après »",
        "Valeur de référence\u00a0: 30\u202f%",
        "Objectif\u00a0: 50\u202f%",
        card.change,
        card.warnings[0],
        NOTE.text,
        CHAIN_LINE,
    ):
        assert expected in text
    (trend,) = pictures(slide)
    assert png_size(trend.image.blob) == (card.chart.width_px, card.chart.height_px)


def test_a_value_with_its_unit_fits_on_one_line_beside_its_chart(document):
    """« 1 300 personnes » once broke as « per / sonnes »: the value's size now leaves room
    for it on one line, measured with Helvetica Bold's real widths (Arial's metrics)."""
    card = dataclasses.replace(_blocks(document, IndicatorCard)[0], value="1\u202f300 personnes")
    deck = Presentation(BytesIO(_render(pptx_bytes, dataclasses.replace(document, blocks=(card,)))))
    (slide,) = slides_titled(deck, card.title)
    [(shape, run)] = [
        (shape, run)
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.text == card.value
    ]
    inner = Emu(shape.width).pt - 14.4  # the text box's 0.1 inch margins on either side
    assert stringWidth(card.value, "Helvetica-Bold", run.font.size.pt) <= inner
    assert run.font.size.pt >= 36


def test_every_chart_slide_has_its_chart_crisp_and_undistorted(deck, document):
    charts = _blocks(document, Chart)
    assert charts
    for chart in charts:
        (slide,) = slides_titled(deck, chart.title)
        (picture,) = pictures(slide)
        assert picture.image.content_type == "image/png"
        assert png_size(picture.image.blob) == (chart.width_px, chart.height_px)
        assert picture._element._nvXxPr.cNvPr.get("descr") == chart.alt
        shown = Emu(picture.width).inches, Emu(picture.height).inches
        assert chart.width_px / shown[0] >= CHART_MAX_DPI - 1  # never blown up past 144 dpi
        assert shown[0] / shown[1] == pytest.approx(chart.width_px / chart.height_px, rel=0.01)
        assert chart.note.text in "\n".join(slide_texts(slide))


def test_quotes_keep_their_emoji_and_long_ones_go_over_two_slides(deck):
    (short,) = slides_titled(deck, "Participante, 34 ans")
    assert EMOJI_QUOTE in slide_texts(short)
    assert "Entretien avec Mme R., 11/06/2026" in slide_texts(short)
    long = slides_titled(deck, "Participante, 52 ans")
    assert [slide.shapes.title.text for slide in long] == [
        "Participante, 52 ans (1/2)",
        "Participante, 52 ans (2/2)",
    ]
    pieces = [max(slide_texts(slide), key=len) for slide in long]
    assert " ".join(pieces).replace("…", "") == LONG_QUOTE


def test_tables_are_native_with_a_header_row(deck, document):
    table = _blocks(document, Table)[0]
    (slide,) = slides_titled(deck, table.title)
    (shape,) = [shape for shape in slide.shapes if shape.has_table]
    rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
    assert rows[0] == list(table.headers)
    assert rows[1:] == [list(row) for row in table.rows]
    assert NOTE.text not in slide_texts(slide)  # this table has its own note
    assert table.note.text in "\n".join(slide_texts(slide))
    budget = _blocks(document, BudgetSummary)[0]
    (slide,) = slides_titled(deck, budget.title)
    texts = slide_texts(slide)
    assert "23\u202f250 €" in texts and budget.consumed in texts


def test_a_long_table_and_a_long_text_go_over_several_slides(document):
    long_table = participation_table(rows=60)
    long_text = Text("Méthode", tuple([LONG_QUOTE] * 4))
    deck = Presentation(
        BytesIO(_render(pptx_bytes, dataclasses.replace(document, blocks=(long_table, long_text))))
    )
    table_slides = slides_titled(deck, long_table.title)
    assert len(table_slides) >= 4
    assert table_slides[0].shapes.title.text == f"{long_table.title} (1/{len(table_slides)})"
    read_back = []
    for slide in table_slides:
        (shape,) = [shape for shape in slide.shapes if shape.has_table]
        rows = [tuple(cell.text for cell in row.cells) for row in shape.table.rows]
        assert rows[0] == long_table.headers  # the header row on every slide
        read_back.extend(rows[1:])
    assert read_back == list(long_table.rows)
    assert len(slides_titled(deck, "Méthode")) >= 2


def test_photo_slide_has_the_photo_its_caption_and_credit(deck, document):
    photo = _blocks(document, Photo)[0]
    (slide,) = slides_titled(deck, photo.caption)
    (picture,) = pictures(slide)
    assert picture.image.content_type == "image/jpeg"
    assert picture._element._nvXxPr.cNvPr.get("descr") == photo.alt
    assert photo.credit in slide_texts(slide)


def test_fixed_words_follow_the_active_language(document):
    card = _blocks(document, IndicatorCard)[0]
    one_card = dataclasses.replace(document, blocks=(card,))
    deck = Presentation(BytesIO(_render(pptx_bytes, one_card, "en")))
    text = "\n".join(slide_texts(deck.slides[1]))
    assert "Target: 50\u202f%" in text and "Source: " in text


def test_the_look_is_set_once_for_every_format(document):
    """Another lab's colours and font reach the slides and the Word styles."""
    look = Look(lab_name="Autre labo", primary="#7A1F2B", accent="#B8860B", font="Georgia")
    other = dataclasses.replace(document, look=look, blocks=(_blocks(document, Chart)[0],))
    deck = Presentation(BytesIO(_render(pptx_bytes, other)))
    assert str(deck.slides[0].background.fill.fore_color.rgb) == "7A1F2B"
    title_run = deck.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run.font.name == "Georgia"
    assert str(title_run.font.color.rgb) == "7A1F2B"
    word = WordDocument(BytesIO(_render(docx_bytes, other)))
    heading = word.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "7A1F2B"
    assert heading.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Georgia"
    assert word.core_properties.author == "Autre labo"


# PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(document):
    return PdfReader(BytesIO(_render(pdf_bytes, document)))


def pdf_text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_reads_back_with_french_typography(pdf, document):
    text = pdf_text(pdf)
    assert "\u202f" not in text  # Vera has no narrow no-break space: it was swapped
    flat = " ".join(text.replace("\u00a0", " ").split())
    for expected in (
        document.title,
        "42 %",
        "Intervalle à 95 % : 35 % à 49 %",
        "Valeur de référence : 30 %",
        "« Avez-vous le sentiment d’être écouté·e par la mairie ? »",
        "Faubourg de Béthune",
        "23 250 €",
        "Document de travail — ne pas diffuser",
        "On a enfin été écoutés, et franchement ça fait du bien !",  # the emoji left out
    ):
        assert expected in flat
    assert "😊" not in text
    assert pdf.metadata.title == document.title
    assert pdf.metadata.author == "Labo des possibles"
    outline = [entry.title for entry in pdf.outline]
    assert outline[0] == "Ce que nous avons appris"
    assert _blocks(document, Chart)[0].title in outline


def test_pdf_keeps_each_indicator_card_on_the_page_of_its_chart(document):
    """Seven cards with charts, one after the other: each page shows as many charts as it
    shows card titles, so no card sits at the foot of a page with its chart overleaf."""
    first = _blocks(document, IndicatorCard)[0]
    cards = tuple(dataclasses.replace(first, title=f"Indicateur numéro {i}") for i in range(7))
    reader = PdfReader(BytesIO(_render(pdf_bytes, dataclasses.replace(document, blocks=cards))))
    shown = 0
    for page in reader.pages[1:]:  # after the cover
        titles = sum(card.title in page.extract_text() for card in cards)
        assert len(page.images) == titles
        shown += titles
    assert shown == len(cards)


def test_pdf_puts_two_landscape_photos_on_a_page(document):
    photo = _blocks(document, Photo)[0]
    assert photo.width_px > photo.height_px
    four = tuple(dataclasses.replace(photo, caption=f"Photo numéro {i}") for i in range(4))
    reader = PdfReader(BytesIO(_render(pdf_bytes, dataclasses.replace(document, blocks=four))))
    # The same picture four times is embedded once: count the captions on each page.
    pages = [page.extract_text() for page in reader.pages[1:]]
    assert [sum(p.caption in text for p in four) for text in pages] == [2, 2]


def test_pdf_embeds_its_fonts(pdf):
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


def test_pdf_text_is_made_drawable():
    """Characters Vera lacks are swapped for a twin or left out, never drawn as boxes."""
    assert _safe("42\u202f% → 50\u202f% 😊 !") == "42\u00a0% -&gt; 50\u00a0%\u00a0!"
    assert _safe("« Lille & Roubaix » – l’été…") == "«\u00a0Lille &amp; Roubaix\u00a0» – l’été…"


# Word ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(document):
    return WordDocument(BytesIO(_render(docx_bytes, document)))


def styled(word, style: str) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name == style]


def test_word_has_real_headings(word, document):
    assert styled(word, "Title") == [document.title]
    headings = styled(word, "Heading 1")
    assert headings == [
        block.title for block in document.blocks if not isinstance(block, (Quote, Photo))
    ]
    card = _blocks(document, IndicatorCard)[0]
    assert styled(word, "Heading 2") == [card.chart.title]
    assert word.core_properties.title == document.title
    # A chart titled like its card is not announced a second time.
    same = dataclasses.replace(card, chart=dataclasses.replace(card.chart, title=card.title))
    again = WordDocument(
        BytesIO(_render(docx_bytes, dataclasses.replace(document, blocks=(same,))))
    )
    assert styled(again, "Heading 1") == [card.title] and styled(again, "Heading 2") == []


def test_word_tables_repeat_their_header_row(word, document):
    table = _blocks(document, Table)[0]
    participation = word.tables[0]
    rows = [[cell.text for cell in row.cells] for row in participation.rows]
    assert rows[0] == list(table.headers)
    assert rows[1:] == [list(row) for row in table.rows]
    header_row = participation.rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None
    assert len(word.tables) == 3  # the table, the timeline, the budget


def test_word_pictures_have_alt_text(word, document):
    alts = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    charts = [_blocks(document, IndicatorCard)[0].chart, *_blocks(document, Chart)]
    expected = ["Labo des possibles", *(chart.alt for chart in charts)]
    expected.append(_blocks(document, Photo)[0].alt)
    assert alts == expected


def test_word_quotes_captions_and_notes(word, document):
    quotes = styled(word, "Quote")
    assert f"«\u00a0{EMOJI_QUOTE}\u00a0»" in quotes
    captions = "\n".join(styled(word, "Caption"))
    assert CHAIN_LINE in captions
    assert "Source\u00a0: " + NOTE.text in captions
    assert _blocks(document, Photo)[0].caption in captions


# All three -------------------------------------------------------------------------------


def test_a_document_without_blocks_still_makes_valid_files(document):
    empty = dataclasses.replace(document, blocks=(), look=Look(), audience="", footer="")
    deck = Presentation(BytesIO(_render(pptx_bytes, empty)))
    assert len(deck.slides) == 1
    assert deck.slides[0].shapes.title.text == document.title
    reader = PdfReader(BytesIO(_render(pdf_bytes, empty)))
    assert len(reader.pages) == 1
    assert document.title.split()[0] in reader.pages[0].extract_text()
    word = WordDocument(BytesIO(_render(docx_bytes, empty)))
    assert styled(word, "Title") == [document.title]
    assert not word.tables and not word.inline_shapes


def test_an_indicator_without_chart_or_note_renders_everywhere():
    card = IndicatorCard(title="Taux de retour", value="—")
    bare = Document(
        "Titre", "Sous-titre", sample_document().made_on, Look(), (card, Quote("Oui.", "X"))
    )
    assert len(Presentation(BytesIO(_render(pptx_bytes, bare))).slides) == 3
    assert "Taux de retour" in pdf_text(PdfReader(BytesIO(_render(pdf_bytes, bare))))
    assert styled(WordDocument(BytesIO(_render(docx_bytes, bare))), "Heading 1") == [card.title]
