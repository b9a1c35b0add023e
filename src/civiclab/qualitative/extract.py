"""Turning uploaded transcripts and field notes (TXT, Markdown, DOCX, ODT) into text to code.

Codings point into the text by ``str`` index, so the text must be the same whatever read it:
every path ends in ``normalise_text``, which pasted text goes through as well.
"""

import io
import re
import unicodedata
import xml.sax
import xml.sax.handler
import zipfile
import zlib
from dataclasses import dataclass

import docx
from lxml import etree
from odf.element import Node
from odf.namespaces import DRAWNS, OFFICENS, TABLENS, TEXTNS
from odf.office import Text as OfficeText
from odf.opendocument import load as load_odf

# CSV imports already tell UTF-8 (with or without BOM), UTF-16 and cp1252 apart: same rules.
from civiclab.collection.tabular import detect_encoding

MAX_CHARS = 10_000_000  # about 10 MB of French text; a two-hour interview is ~150,000
# Uncompressed size of everything in a DOCX/ODT: the libraries load every member, pictures
# included. zipfile never inflates a member past its declared size (it fails on the CRC), so
# adding up the declared sizes is a real cap against zip bombs.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_SPACES = 10_000  # one <text:s c="…"/> in an ODT

UNSUPPORTED_TYPE = "unsupported_type"  # detail: the extension, or the format found inside
EMPTY = "empty"
TOO_LARGE = "too_large"  # detail: what was too large, and the limit
CORRUPT = "corrupt"  # a DOCX/ODT that cannot be opened, or not a zip at all
UNDECODABLE = "undecodable"  # a text file in no known encoding, or binary data
PROTECTED = "protected"  # password-protected Word or OpenDocument file
LEGACY_FORMAT = "legacy_format"  # an old binary Word file (.doc), whatever its name

EXTENSIONS = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
EXTENSIONS |= {".docx": "docx", ".odt": "odt"}

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and encrypted .docx/.xlsx
ENCRYPTED_OLE_STREAM = "EncryptionInfo".encode("utf-16-le")
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"  # -template and -master too
OTHER_OFFICE_PARTS = {"xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


class ExtractionError(ValueError):
    """A file that gives no text; ``code`` is for the interface, ``detail`` for the logs."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class ExtractedText:
    text: str  # normalised: see normalise_text
    format: str  # "text", "markdown", "docx" or "odt": what the content was, not its name
    encoding: str | None = None  # for text and Markdown: as named by the CSV import


def text_from_upload(
    filename: str,
    data: bytes,
    *,
    max_chars: int = MAX_CHARS,
    max_unpacked: int = MAX_UNPACKED,
) -> ExtractedText:
    """Read an uploaded file; the extension chooses the reader, the content is checked."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise ExtractionError(UNSUPPORTED_TYPE, extension or name)
    if not data:
        raise ExtractionError(EMPTY, "no bytes")
    _refuse_other_formats(data)
    if data.startswith(b"PK\x03\x04"):
        # A Word file saved as .odt, or the reverse, is read for what it is.
        result = _from_zip(data, max_chars, max_unpacked)
    elif kind in ("docx", "odt"):
        raise ExtractionError(CORRUPT, f"{extension} file is not a zip archive")
    else:
        result = _from_text(data, kind, max_chars)
    if len(result.text) > max_chars:
        raise ExtractionError(TOO_LARGE, f"{len(result.text)} characters > {max_chars}")
    if not result.text.strip():
        raise ExtractionError(EMPTY, "no text")
    return result


def _refuse_other_formats(data: bytes) -> None:
    if data.startswith(OLE_SIGNATURE):
        # Office wraps a password-protected DOCX in the same container as an old .doc.
        if ENCRYPTED_OLE_STREAM in data:
            raise ExtractionError(PROTECTED, "encrypted Office document")
        raise ExtractionError(LEGACY_FORMAT, "binary Word document (.doc)")
    for signature, format_name in ((b"%PDF-", "pdf"), (b"{\\rtf", "rtf")):
        if data[:1024].lstrip().startswith(signature):
            raise ExtractionError(UNSUPPORTED_TYPE, format_name)


# ---------------------------------------------------------------- normalising


# Line and paragraph separators become line ends rather than vanish with the controls, or
# words on both sides of a page break (form feed) would run together.
_LINE_ENDS = dict.fromkeys(map(ord, "\r\v\f\x85\u2028\u2029"), "\n")
_DROPPED = {
    code: None for code in [*range(0x20), *range(0x7F, 0xA0), 0xFEFF] if chr(code) not in "\t\n"
}
_TRANSLATION = {**_DROPPED, **_LINE_ENDS}
_SURROGATES = re.compile("[\ud800-\udfff]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{4,}")


def normalise_text(text: str) -> str:
    """The one form of a text that codings index: line ends "\\n", NFC, no control characters
    but tab and line end, no space at line ends, at most two blank lines in a row, no blank
    line at either end. Emoji and every other character are kept as they are."""
    text = text.replace("\r\n", "\n").translate(_TRANSLATION)
    if not text.isascii():
        # Lone surrogates cannot be stored as UTF-8 (they come from broken UTF-16).
        text = unicodedata.normalize("NFC", _SURROGATES.sub("", text))
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_LINES.sub("\n\n\n", text).strip("\n")


# ---------------------------------------------------------------- text and Markdown


def _from_text(data: bytes, kind: str, max_chars: int) -> ExtractedText:
    if len(data) > 4 * max_chars:  # no encoding read here takes more than 4 bytes a character
        raise ExtractionError(TOO_LARGE, f"{len(data)} bytes")
    encoding, codec, skip = detect_encoding(data, True)
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        # cp1252 leaves five bytes undefined: such a file is in no encoding we know.
        raise ExtractionError(UNDECODABLE, f"{encoding}: {error.reason}") from error
    if _looks_binary(text):
        raise ExtractionError(UNDECODABLE, "binary data")
    text = normalise_text(text)
    if kind == "markdown":
        text = normalise_text(markdown_to_text(text))
    return ExtractedText(text, kind, encoding)


def _looks_binary(text: str) -> bool:
    """Many control characters: an image or archive renamed .txt, not a stray NUL in a note."""
    sample = text[:65536]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return controls > 2 + len(sample) // 100


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+")
_TABLE_RULE = re.compile(r" {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")
_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:[ \t]+\S")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # link: its text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+)>"), r"\1"),  # autolink; HTML tags stay
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), r"\1"),
    # Underscores inside words (snake_case, file names) are not emphasis in Markdown either.
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
)
# Escaped punctuation is parked out of the emphasis rules' way, in Supplementary Private Use
# Area-A, which no transcript uses, then put back.
_PARKED = 0xF0000
_UNPARK = re.compile("[\U000f0021-\U000f007e]")


def markdown_to_text(text: str) -> str:
    """Markdown as a reader sees it: headings without '#', no emphasis or link markup, list
    items one per line, code and HTML verbatim, and each line kept where it was (a transcript
    writes one turn per line even where Markdown would join them into a paragraph)."""
    lines: list[str] = []
    fence = None
    blank_after_heading = False
    for line in text.split("\n"):
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            else:
                lines.append(line)
            continue
        if blank_after_heading and line.strip():
            lines.append("")
        blank_after_heading = False
        if match := _FENCE.match(line):
            fence = match.group(1)
            continue
        line = _QUOTE.sub("", line, count=1)
        if match := _ATX_HEADING.match(line):
            lines.append(_inline(match.group(1) or ""))
            blank_after_heading = True
        elif _SETEXT_RULE.match(line) and lines and lines[-1].strip():
            blank_after_heading = True  # the line above was a heading: drop its underline
        elif _THEMATIC_BREAK.match(line):
            if lines and lines[-1].strip():
                lines.append("")  # a break between blocks reads as a paragraph break
        elif _LINK_DEFINITION.match(line) or ("|" in line and _TABLE_RULE.match(line)):
            continue  # link targets and table rules are not text
        elif line.lstrip().startswith("|"):
            cells = _CELL_SEPARATOR.split(line.strip().strip("|"))
            lines.append("\t".join(_inline(cell.strip()) for cell in cells))
        else:
            if line.endswith("\\") and not line.endswith("\\\\"):
                line = line[:-1]  # a hard line break
            lines.append(_inline(_BULLET.sub(r"\1- ", line, count=1)))
    return "\n".join(lines)


def _inline(line: str) -> str:
    """Drop emphasis and link markup outside code spans; code spans lose their backticks."""
    pieces, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        pieces.append(_unmark(line[last : match.start()]))
        code = match.group(2)
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        pieces.append(code)
        last = match.end()
    pieces.append(_unmark(line[last:]))
    return "".join(pieces)


def _unmark(text: str) -> str:
    if not any(char in text for char in "*_~[<\\"):
        return text
    text = _ESCAPE.sub(lambda match: chr(_PARKED + ord(match.group(1))), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _UNPARK.sub(lambda match: chr(ord(match.group()) - _PARKED), text)


# ---------------------------------------------------------------- DOCX and ODT


def _from_zip(data: bytes, max_chars: int, max_unpacked: int) -> ExtractedText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise ExtractionError(CORRUPT, f"zip: {error}") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ExtractionError(TOO_LARGE, f"{len(members)} files in the archive")
        unpacked = sum(member.file_size for member in members)
        if unpacked > max_unpacked:
            raise ExtractionError(TOO_LARGE, f"{unpacked} bytes unpacked > {max_unpacked}")
        names = {member.filename for member in members}
        try:
            kind = _zip_kind(archive, names)
        except (KeyError, zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise ExtractionError(CORRUPT, f"zip: {error}") from error
    reader = _from_docx if kind == "docx" else _from_odt
    try:
        text = reader(data, max_chars)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:
        # python-docx and odfpy are written for well-formed files: on a damaged or forged one
        # they raise whatever comes (KeyError for a missing part, AttributeError for XML in
        # the wrong namespace, SAX and lxml syntax errors, bad CRCs...). The sizes were
        # checked above, so any failure here means the file, not the server.
        raise ExtractionError(CORRUPT, f"{kind}: {type(error).__name__}: {error}") from error
    return ExtractedText(normalise_text(text), kind)


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if not mimetype.startswith(ODT_MIMETYPE):
            raise ExtractionError(UNSUPPORTED_TYPE, mimetype)
        if b"encryption-data" in archive.read("META-INF/manifest.xml"):
            raise ExtractionError(PROTECTED, "encrypted OpenDocument")
        return "odt"
    if "word/document.xml" in names or "[Content_Types].xml" in names:
        for part, format_name in OTHER_OFFICE_PARTS.items():
            if part in names:
                raise ExtractionError(UNSUPPORTED_TYPE, format_name)
        return "docx"
    raise ExtractionError(CORRUPT, "a zip archive, but not a Word or OpenDocument file")


class _Text:
    """Text pieces with a running length: ODT's <text:s c="…"/> can ask for any number of
    spaces, so the limit is checked while the text grows, not once it has filled memory."""

    def __init__(self, max_chars: int):
        self.pieces: list[str] = []
        self.size, self.max_chars = 0, max_chars

    def add(self, piece: str) -> None:
        self.size += len(piece)
        if self.size > self.max_chars:
            raise ExtractionError(TOO_LARGE, f"more than {self.max_chars} characters")
        self.pieces.append(piece)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
# python-docx's Paragraph.text only sees runs directly in the paragraph or a hyperlink: it
# misses text in tracked insertions (w:ins), content controls (w:sdt), fields and smart tags.
# So runs are found anywhere in the paragraph, except deleted text (w:del, w:moveFrom), the
# fallback copy of alternate content, and text boxes (their paragraphs sit inside a run and
# would land mid-sentence).
_DOCX_RUN_CONTENT = etree.XPath(
    ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback"
    " or ancestor::w:txbxContent)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces={"w": W, "mc": MC},
)
_DOCX_SPECIAL = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _from_docx(data: bytes, max_chars: int) -> str:
    document = docx.Document(io.BytesIO(data))
    out = _Text(max_chars)
    _docx_blocks(document.element.body, out)
    return "".join(out.pieces)


def _docx_blocks(parent, out: _Text) -> None:
    """Paragraphs one per line; tables row by row, cells separated by a tab."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            for element in _DOCX_RUN_CONTENT(child):
                if element.tag == f"{_W}t":
                    out.add(element.text or "")
                else:
                    out.add(_DOCX_SPECIAL[element.tag])
            out.add("\n")
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for index, cell in enumerate(row.iterchildren(f"{_W}tc")):
                    if index:
                        out.add("\t")
                    _docx_cell(cell, out)
                out.add("\n")
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            _docx_blocks(child if content is None else content, out)


def _docx_cell(cell, out: _Text) -> None:
    # A cell's paragraphs stay on separate lines, but its last line end would end the row.
    inner = _Text(out.max_chars - out.size)
    _docx_blocks(cell, inner)
    out.add("".join(inner.pieces).removesuffix("\n"))


_ODF_SPACES = re.compile(r"[ \t\r\n]+")
_ODF_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
_ODF_CONTAINERS = {
    (TEXTNS, name) for name in ("section", "list", "list-item", "list-header", "numbered-paragraph")
}
_ODF_ROW_GROUPS = {
    (TABLENS, name) for name in ("table-header-rows", "table-rows", "table-row-group")
}
# Not the text: comments, footnotes, deleted text kept for change tracking, frames (images
# and text boxes), bookmarks and other markers.
_ODF_SKIPPED_NAMESPACES = {DRAWNS}
_ODF_SKIPPED = {
    (OFFICENS, "annotation"),
    (OFFICENS, "annotation-end"),
    (TEXTNS, "note"),
    (TEXTNS, "tracked-changes"),
    (TEXTNS, "change"),
    (TEXTNS, "change-start"),
    (TEXTNS, "change-end"),
}


def _from_odt(data: bytes, max_chars: int) -> str:
    _check_odf_xml(data)
    document = load_odf(io.BytesIO(data))
    bodies = document.getElementsByType(OfficeText)
    if not bodies:
        raise ExtractionError(CORRUPT, "no office:text")
    out = _Text(max_chars)
    _odt_blocks(bodies[0], out)
    return "".join(out.pieces)


def _check_odf_xml(data: bytes) -> None:
    """Refuse malformed XML before odfpy sees it: odfpy catches its own parse errors, prints
    the whole part (an interview, into the server logs) and returns what it had read so far,
    a silently truncated text. A streaming parse keeps memory flat; expat refuses entity
    expansion bombs, and external entities are not fetched."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
            if name in names:
                parser = xml.sax.make_parser()
                parser.setFeature(xml.sax.handler.feature_namespaces, True)
                parser.setFeature(xml.sax.handler.feature_external_ges, False)
                parser.setContentHandler(xml.sax.handler.ContentHandler())
                with archive.open(name) as part:
                    parser.parse(part)


def _odt_blocks(parent, out: _Text) -> None:
    for child in parent.childNodes:
        if child.nodeType != Node.ELEMENT_NODE:
            continue
        if child.qname in _ODF_PARAGRAPHS:
            out.add(_odt_paragraph(child, out.max_chars - out.size))
            out.add("\n")
        elif child.qname in _ODF_CONTAINERS:
            _odt_blocks(child, out)
        elif child.qname == (TABLENS, "table"):
            _odt_rows(child, out)


def _odt_rows(parent, out: _Text) -> None:
    for child in parent.childNodes:
        if child.nodeType != Node.ELEMENT_NODE:
            continue
        if child.qname in _ODF_ROW_GROUPS:
            _odt_rows(child, out)
        elif child.qname == (TABLENS, "table-row"):
            # Covered cells (merged into a neighbour) hold nothing of their own.
            cells = [node for node in child.childNodes if _is(node, (TABLENS, "table-cell"))]
            for index, cell in enumerate(cells):
                if index:
                    out.add("\t")
                inner = _Text(out.max_chars - out.size)
                _odt_blocks(cell, inner)
                out.add("".join(inner.pieces).removesuffix("\n"))
            out.add("\n")


def _odt_paragraph(paragraph, max_chars: int) -> str:
    """A paragraph's text with ODF's white space rules: in the XML text, any run of spaces,
    tabs and line ends counts as one space, none at the start; <text:s c="n"/>, <text:tab/>
    and <text:line-break/> are the literal ones."""
    out = _Text(max_chars)
    after_space = True
    for piece, literal in _odt_inline(paragraph):
        if not literal:
            piece = _ODF_SPACES.sub(" ", piece)
            if after_space:
                piece = piece.lstrip(" ")
        if piece:
            out.add(piece)
            after_space = piece[-1] in " \t\n"
    return "".join(out.pieces)


def _odt_inline(element):
    for node in element.childNodes:
        if node.nodeType == Node.TEXT_NODE:
            yield node.data, False
        elif node.nodeType != Node.ELEMENT_NODE:
            continue
        elif node.qname == (TEXTNS, "s"):
            yield " " * _space_count(node.getAttrNS(TEXTNS, "c")), True
        elif node.qname == (TEXTNS, "tab"):
            yield "\t", True
        elif node.qname == (TEXTNS, "line-break"):
            yield "\n", True
        elif node.qname not in _ODF_SKIPPED and node.qname[0] not in _ODF_SKIPPED_NAMESPACES:
            yield from _odt_inline(node)  # spans, links, fields, ruby...


def _is(node, qname: tuple[str, str]) -> bool:
    return node.nodeType == Node.ELEMENT_NODE and node.qname == qname


def _space_count(value: str | None) -> int:
    # Bounded so that c="999999999999" fails on the text limit, not on memory first.
    try:
        return min(max(1, int(value or 1)), MAX_SPACES)
    except ValueError:
        return 1
