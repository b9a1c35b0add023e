"""Reading uploaded transcripts: every format ends as the same normalised text."""

import codecs
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from odf import dc
from odf.office import Annotation
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Span, Tab

from civiclab.qualitative.extract import (
    ExtractedText,
    ExtractionError,
    markdown_to_text,
    normalise_text,
    text_from_upload,
)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
EMOJI = "👍🏽 👨‍👩‍👧 🇫🇷"  # skin tone modifier, zero-width joiners, a flag


def _error(filename, data, **limits) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        text_from_upload(filename, data, **limits)
    return caught.value


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt_bytes(build) -> bytes:
    document = OpenDocumentText()
    build(document)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# ---------------------------------------------------------------- normalise_text


def test_normalise_text_line_ends_controls_and_spaces():
    raw = "Ligne 1\r\nLigne 2\rLigne 3  \t\nfin\x00 de\x07 ligne\x1b\f page 2\u2028suite\ufeff"
    assert normalise_text(raw) == "Ligne 1\nLigne 2\nLigne 3\nfin de ligne\n page 2\nsuite"


def test_normalise_text_nfc_and_emoji():
    """'e' + combining acute becomes 'é' (one character); emoji sequences keep their joiners."""
    decomposed = "Cafe\u0301 " + EMOJI
    text = normalise_text(decomposed)
    assert text == "Café " + EMOJI
    assert len(text) == len(decomposed) - 1
    assert "\u200d" in text  # the zero-width joiner of the family emoji is not a control


def test_normalise_text_collapses_three_or_more_blank_lines_to_two():
    assert normalise_text("a\n\nb\n\n\nc\n\n\n\n\n\nd") == "a\n\nb\n\n\nc\n\n\nd"
    assert normalise_text("\n\n  \n a\n \n\n\n  \n\n") == " a"


def test_normalise_text_is_idempotent():
    raw = "  x \r\n\r\n\r\n\r\n\r\ny\u0065\u0301\x00\t \n" + EMOJI + "\x85z"
    once = normalise_text(raw)
    assert normalise_text(once) == once


# ---------------------------------------------------------------- text files


def test_windows_notepad_cp1252_file():
    data = "Entretien n°3\r\nL'élu : « ça coûte 10 € »\r\n".encode("cp1252")
    result = text_from_upload("notes.TXT", data)
    assert result == ExtractedText("Entretien n°3\nL'élu : « ça coûte 10 € »", "text", "cp1252")


def test_utf8_with_and_without_bom():
    text = "Réunion du 3 mars 🙂\nPrésent·es : 12"
    with_bom = text_from_upload("a.txt", codecs.BOM_UTF8 + text.encode())
    assert with_bom.text == text
    assert with_bom.encoding == "utf-8-sig"
    without = text_from_upload("a.txt", text.encode())
    assert (without.text, without.encoding) == (text, "utf-8")


def test_utf16_with_bom():
    text = "Entretien : Noël 🎄\r\nfin"
    result = text_from_upload("a.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert (result.text, result.encoding) == ("Entretien : Noël 🎄\nfin", "utf-16-le")
    result = text_from_upload("a.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    assert result.text == "Entretien : Noël 🎄\nfin"


def test_html_and_script_are_kept_verbatim():
    """Nothing is rendered or stripped: the text is only ever shown escaped."""
    text = '<script>alert("x")</script>\n<b onclick="y()">gras</b> &amp; &lt;'
    assert text_from_upload("page.txt", text.encode()).text == text
    assert text_from_upload("page.md", text.encode()).text == text


def test_undecodable_and_binary_text_files():
    # 0x81 is one of the five bytes cp1252 leaves undefined, and not UTF-8 either.
    assert _error("a.txt", b"caf\xe9 \x81").code == "undecodable"
    assert _error("a.txt", bytes(range(256)) * 4).code == "undecodable"


def test_a_stray_nul_is_dropped_not_refused():
    assert text_from_upload("a.txt", b"une note\x00 courte").text == "une note courte"


# ---------------------------------------------------------------- Markdown


MARKDOWN_TRANSCRIPT = """\
# Entretien n°3 — *Mme B.*
Lieu : **mairie**, le 3 mars.

**Enquêtrice** : Bonjour, vous pouvez vous présenter ?
**Mme B.** : Oui… j'habite _le quartier_ depuis 1998.\\
Voir [le plan](https://example.org/plan "Plan") et <https://example.org>.

Thème
=====

* premier point
+ deuxième point
  - sous-point avec `code_*brut*`
1. numéroté

> Une ~~vieille~~ citation

| Locuteur | Texte |
|---|:---:|
| A | Bonjour \\| salut |

```
**pas** de _mise en forme_ ici
```
snake_case_name, \\*pas d'emphase\\* ; <b>HTML</b>

---
Fin 🙂.
"""

MARKDOWN_TEXT = """\
Entretien n°3 — Mme B.

Lieu : mairie, le 3 mars.

Enquêtrice : Bonjour, vous pouvez vous présenter ?
Mme B. : Oui… j'habite le quartier depuis 1998.
Voir le plan et https://example.org.

Thème

- premier point
- deuxième point
  - sous-point avec code_*brut*
1. numéroté

Une vieille citation

Locuteur\tTexte
A\tBonjour | salut

**pas** de _mise en forme_ ici
snake_case_name, *pas d'emphase* ; <b>HTML</b>

Fin 🙂."""


def test_markdown_transcript_becomes_readable_text():
    result = text_from_upload("entretien.md", MARKDOWN_TRANSCRIPT.encode())
    assert result.format == "markdown"
    assert result.text == MARKDOWN_TEXT


def test_markdown_keeps_every_line_and_hashtags():
    """Turns are one per line: lines are not joined into paragraphs; '#tag' is no heading."""
    text = "A : oui\nB : non\n#quartier #logement\n## Partie 2 ##\nsuite"
    assert markdown_to_text(text) == "A : oui\nB : non\n#quartier #logement\nPartie 2\n\nsuite"


def test_markdown_file_with_markdown_extension():
    assert text_from_upload("notes.markdown", b"## Titre\n\ntexte").text == "Titre\n\ntexte"


# ---------------------------------------------------------------- DOCX


def test_docx_paragraphs_and_speaker_table():
    def build(document):
        document.add_heading("Entretien avec Mme B.", level=1)
        paragraph = document.add_paragraph("Date : 3 mars. ")
        paragraph.add_run("Lieu :").bold = True
        paragraph.add_run("\tmairie")
        document.add_paragraph("")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Enquêtrice", "Bonjour ?"
        table.cell(1, 0).text, table.cell(1, 1).text = "Mme B.", "Bonjour " + EMOJI
        table.cell(1, 1).add_paragraph("Deuxième paragraphe de la réponse.")
        document.add_paragraph("Fin de l'entretien.")

    result = text_from_upload("entretien.docx", _docx_bytes(build))
    assert result.format == "docx"
    assert result.encoding is None
    assert result.text == (
        "Entretien avec Mme B.\n"
        "Date : 3 mars. Lieu :\tmairie\n"
        "\n"
        "Enquêtrice\tBonjour ?\n"
        f"Mme B.\tBonjour {EMOJI}\n"
        "Deuxième paragraphe de la réponse.\n"
        "Fin de l'entretien."
    )


def test_docx_merged_cells_are_read_once():
    def build(document):
        table = document.add_table(rows=2, cols=2)
        merged = table.cell(0, 0).merge(table.cell(1, 0))
        merged.text = "Mme B."
        table.cell(0, 1).text = "Première réponse."
        table.cell(1, 1).text = "Seconde réponse."

    text = text_from_upload("t.docx", _docx_bytes(build)).text
    assert text.count("Mme B.") == 1
    assert "Première réponse." in text and "Seconde réponse." in text


def test_docx_tracked_changes_line_breaks_and_content_controls():
    """Inserted text is kept, deleted text dropped (python-docx's Paragraph.text would miss
    both the insertion and the content control)."""

    def build(document):
        paragraph = document.add_paragraph("Avant ")
        paragraph._p.append(
            parse_xml(f'<w:ins {W_NS} w:id="1" w:author="X"><w:r><w:t>ajouté</w:t></w:r></w:ins>')
        )
        paragraph._p.append(
            parse_xml(
                f'<w:del {W_NS} w:id="2" w:author="X"><w:r><w:delText>supprimé</w:delText>'
                "</w:r></w:del>"
            )
        )
        run = paragraph.add_run(" ligne 1")
        run.add_break()
        run.add_text("ligne 2")
        document.element.body.insert(
            len(document.element.body) - 1,
            parse_xml(
                f"<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>Dans un contrôle</w:t></w:r>"
                "</w:p></w:sdtContent></w:sdt>"
            ),
        )

    text = text_from_upload("t.docx", _docx_bytes(build)).text
    assert text == "Avant ajouté ligne 1\nligne 2\nDans un contrôle"


def test_docx_html_content_is_plain_text():
    data = _docx_bytes(lambda document: document.add_paragraph("<script>alert(1)</script>"))
    assert text_from_upload("t.docx", data).text == "<script>alert(1)</script>"


# ---------------------------------------------------------------- ODT


def test_odt_headings_spaces_tabs_line_breaks_lists_and_tables():
    def build(document):
        document.text.addElement(H(outlinelevel=1, text="Entretien n°3"))
        paragraph = P(text="Bonjour")
        paragraph.addElement(S(c=3))
        paragraph.addText("tout le monde")
        paragraph.addElement(Tab())
        paragraph.addText("fin")
        paragraph.addElement(LineBreak())
        paragraph.addElement(Span(text="deuxième ligne " + EMOJI))
        document.text.addElement(paragraph)
        items = List()
        for label in ("premier", "second"):
            item = ListItem()
            item.addElement(P(text=label))
            items.addElement(item)
        document.text.addElement(items)
        table = Table()
        table.addElement(TableColumn(numbercolumnsrepeated=2))
        for speaker, words in (("Enquêtrice", "Bonjour ?"), ("Mme B.", "Bonjour.")):
            row = TableRow()
            for value in (speaker, words):
                cell = TableCell()
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        document.text.addElement(table)

    result = text_from_upload("entretien.odt", _odt_bytes(build))
    assert result.format == "odt"
    assert result.text == (
        "Entretien n°3\n"
        "Bonjour   tout le monde\tfin\n"
        f"deuxième ligne {EMOJI}\n"
        "premier\n"
        "second\n"
        "Enquêtrice\tBonjour ?\n"
        "Mme B.\tBonjour."
    )


def test_odt_white_space_rules_comments_notes_and_covered_cells():
    """XML white space collapses to one space; comments and footnotes are not the text."""

    def build(document):
        paragraph = P()
        paragraph.addText("  Un   texte\n  sur deux lignes ")
        comment = Annotation()
        comment.addElement(P(text="commentaire du relecteur"))
        paragraph.addElement(comment)
        note = Note(noteclass="footnote", id="n1")
        note.addElement(NoteCitation(text="1"))
        body = NoteBody()
        body.addElement(P(text="note de bas de page"))
        note.addElement(body)
        paragraph.addElement(note)
        paragraph.addElement(Span(text=" suite"))
        document.text.addElement(paragraph)
        table = Table()
        row = TableRow()
        cell = TableCell(numbercolumnsspanned=2)
        cell.addElement(P(text="fusionnée"))
        row.addElement(cell)
        row.addElement(CoveredTableCell())
        table.addElement(row)
        document.text.addElement(table)

    text = text_from_upload("t.odt", _odt_bytes(build)).text
    assert text == "Un texte sur deux lignes suite\nfusionnée"


def test_odt_huge_space_count_hits_the_limit_not_memory():
    def build(document):
        paragraph = P(text="a")
        for _index in range(50):
            paragraph.addElement(S(c=999_999_999_999))
        document.text.addElement(paragraph)

    assert _error("t.odt", _odt_bytes(build), max_chars=100_000).code == "too_large"


# ---------------------------------------------------------------- content over name


def test_a_docx_named_odt_and_the_reverse_are_read_for_what_they_are():
    docx_data = _docx_bytes(lambda document: document.add_paragraph("Word"))
    odt_data = _odt_bytes(lambda document: document.text.addElement(P(text="Writer")))
    assert text_from_upload("x.odt", docx_data) == ExtractedText("Word", "docx")
    assert text_from_upload("x.docx", odt_data) == ExtractedText("Writer", "odt")


def test_unsupported_extensions_and_formats():
    assert _error("rapport.pdf", b"%PDF-1.7").code == "unsupported_type"
    assert _error("rapport.pdf", b"%PDF-1.7").detail == ".pdf"
    assert _error("sans_extension", b"texte").code == "unsupported_type"
    assert _error("vieux.doc", b"texte").code == "unsupported_type"
    assert _error("rapport.txt", b"%PDF-1.7\n...").detail == "pdf"
    assert _error("notes.docx", b"{\\rtf1\\ansi hello}").detail == "rtf"
    spreadsheet = OpenDocumentSpreadsheet()
    buffer = io.BytesIO()
    spreadsheet.write(buffer)
    problem = _error("tableau.odt", buffer.getvalue())
    assert (problem.code, problem.detail) == (
        "unsupported_type",
        "application/vnd.oasis.opendocument.spreadsheet",
    )
    xlsx = _zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert _error("classeur.docx", xlsx).detail == "xlsx"


def test_old_word_and_password_protected_files():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert _error("ancien.docx", ole + b"WordDocument").code == "legacy_format"
    encrypted = ole + "EncryptionInfo".encode("utf-16-le")
    assert _error("secret.docx", encrypted).code == "protected"
    manifest = b'<manifest:manifest><manifest:encryption-data manifest:checksum="x"/>'
    odt = _zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": b"\x8a\x01 encrypted bytes",
        }
    )
    assert _error("secret.odt", odt).code == "protected"


# ---------------------------------------------------------------- broken and empty files


def test_a_docx_that_is_not_a_zip_is_corrupt():
    assert _error("entretien.docx", b"Ceci est du texte.").code == "corrupt"
    assert _error("entretien.odt", b"Ceci est du texte.").code == "corrupt"


def test_damaged_archives_are_corrupt(capsys):
    data = _docx_bytes(lambda document: document.add_paragraph("texte " * 1000))
    assert _error("tronque.docx", data[: len(data) // 2]).code == "corrupt"
    assert _error("archive.docx", _zip_bytes({"readme.txt": b"hello"})).code == "corrupt"
    no_document = _zip_bytes({"[Content_Types].xml": b"<Types/>"})
    assert _error("vide.docx", no_document).code == "corrupt"
    bad_xml = _zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": (
                b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                b'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml"/></manifest:manifest>'
            ),
            "content.xml": b"<office:document-content><unclosed>",
        }
    )
    assert _error("casse.odt", bad_xml).code == "corrupt"
    # odfpy would print the malformed part (an interview) to stdout and keep what it had read.
    assert capsys.readouterr().out == ""


def test_docx_with_a_replaced_document_part_that_is_malformed():
    data = _docx_bytes(lambda document: document.add_paragraph("texte"))
    broken = _replace_part(data, "word/document.xml", lambda xml: "<w:document><w:body><w:p>")
    assert _error("casse.docx", broken).code == "corrupt"


def _replace_part(data: bytes, name: str, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {member: source.read(member) for member in source.namelist()}
    members[name] = change(members[name].decode()).encode()
    return _zip_bytes(members)


BILLION_LAUGHS = (
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(9))
    + "]>"
)


@pytest.mark.parametrize("filename", ["bombe.odt", "bombe.docx"])
def test_entity_expansion_bombs_are_refused(filename):
    """Ten levels of ten entities would expand to gigabytes: the XML parsers refuse them."""
    if filename.endswith(".odt"):
        data = _odt_bytes(lambda document: document.text.addElement(P(text="X")))
        part = "content.xml"
    else:
        data = _docx_bytes(lambda document: document.add_paragraph("X"))
        part = "word/document.xml"

    def add_bomb(xml: str) -> str:
        declaration, body = xml.split("?>", 1)
        return declaration + "?>" + BILLION_LAUGHS + body.replace(">X<", ">&j;<")

    assert _error(filename, _replace_part(data, part, add_bomb)).code == "corrupt"


def test_zip_bomb_is_refused_before_unpacking():
    bomb = _zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": bytes(2_000_000)}
    )
    assert len(bomb) < 50_000
    problem = _error("bombe.odt", bomb, max_unpacked=1_000_000)
    assert problem.code == "too_large"


def test_too_much_text():
    assert _error("long.txt", b"abc " * 300, max_chars=1000).code == "too_large"
    data = _docx_bytes(lambda document: document.add_paragraph("x" * 2000))
    assert _error("long.docx", data, max_chars=1000).code == "too_large"


def test_empty_files():
    assert _error("vide.txt", b"").code == "empty"
    assert _error("blanc.txt", b" \r\n\t\r\n").code == "empty"
    assert _error("vide.docx", _docx_bytes(lambda document: None)).code == "empty"
    assert _error("vide.odt", _odt_bytes(lambda document: None)).code == "empty"
    metadata_only = _odt_bytes(lambda document: document.meta.addElement(dc.Title(text="T")))
    assert _error("meta.odt", metadata_only).code == "empty"


def test_windows_path_in_the_filename():
    assert text_from_upload("C:\\Users\\moi\\notes.txt", b"ok").text == "ok"
