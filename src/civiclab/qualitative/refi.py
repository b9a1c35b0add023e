"""REFI-QDA exchange files (.qdpx projects, .qdc codebooks) to and from plain dataclasses."""

# Text positions, what was checked for this module and where:
# - The standard (REFI-QDA 1.0, Project.xsd) gives PlainTextSelection integer startPosition and
#   endPosition into the plain text of the source. The wording of its section on text selections
#   could not be read here, so nothing in it settles code points against UTF-16 code units, nor
#   how a Windows "\r\n" counts; the tools are the reference.
# - QualCoder, the open implementation (src/qualcoder/refi.py: load_codings_for_text slices the
#   Python str of the file with them; the exporter writes the same str indices): positions are
#   Unicode code points, so no conversion is needed for our str offsets. An emoji counts one
#   (two in UTF-16), a combining accent one; no Unicode normalisation is ever applied, as it
#   would move every offset after it.
# - Line endings differ. QualCoder's importer (load_text_source) counts "\r\n" as two
#   characters when the file holds them (NVivo), except for ATLAS.ti files, which count one; its
#   exporter writes "\n" with a byte-order mark, or, on request "for MAXQDA", "\r\n" with the
#   positions unchanged (so MAXQDA may count one too: unconfirmed, hence the `crlf_width`
#   override). We write "\n" and UTF-8 without the mark (a
#   reader that keeps it, as QualCoder's load_text_source does, would shift every position by
#   one); reading, we drop a mark and follow QualCoder's "\r\n" rule unless told (`crlf_width`).

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SOURCES_FOLDER = "sources"  # the standard's name; NVivo writes "Sources", read both
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one transcript or project.qde, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # everything read from one archive
MAX_ENTRIES = 20_000
EXCERPT_LENGTH = 60  # a selection's name attribute: a preview other tools show in lists
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same project gives the same bytes

# Codes carried by RefiError; the interface words each one in French.
ERROR_CODES = {
    "not_zip": "the file is not a readable zip archive",
    "encrypted": "an entry of the archive is password-protected",
    "too_large": "an entry, or the archive as a whole, unpacks beyond the allowed size",
    "too_many_entries": "the archive holds more files than any real project",
    "missing_project": "no .qde project file at the root of the archive",
    "bad_xml": "the XML is malformed",
    "xml_entities": "the XML declares entities (refused: they serve XXE and expansion attacks)",
    "wrong_root": "the root element is not the expected one (Project or CodeBook)",
    "wrong_namespace": "the root element is not in the REFI-QDA 1.0 namespace",
    "missing_attribute": "a required attribute is missing",
    "bad_guid": "a GUID is not a UUID",
    "duplicate_guid": "two items share one GUID",
    "bad_position": "a selection's position is not a whole number, or falls outside its text",
    "unknown_code": "a coding refers to a code that is not in the codebook",
    "unknown_user": "an item refers to a user that is not in the users list",
    "missing_source": "a source's text file is not in the archive",
    "source_not_utf8": "a source's text file is not UTF-8",
    "bad_colour": "a colour is not #RRGGBB",
    "bad_text": "a source text has \\r line endings or characters UTF-8 cannot hold",
    "naive_datetime": "a datetime has no time zone",
}

# Skipped-item reasons in QdaProject.skipped, also worded by the interface.
SKIP_REASONS = (
    "unsupported_source",  # PDF, picture, audio, video: only text sources are imported
    "external_source",  # a text source whose file lives outside the archive
    "no_plain_text",  # a text source with neither plainTextPath nor PlainTextContent
    "uncoded_selection",  # a selection with no Coding (an annotation in some tools)
    "empty_selection",  # startPosition == endPosition
    "case_coding",  # a Coding whose CodeRef points to a Case (NVivo)
    "variable_value",  # a source's attribute value
    "note_link",  # a NoteRef: the note itself is kept in notes, the link is not
    "note_anchor",  # a note's own PlainTextSelection: its text is kept, its anchor is not
    "variable",
    "case",
    "set",
    "graph",
    "link",
    "unknown_element",
)

_GUID_BODY = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_GUID = re.compile(rf"\{{({_GUID_BODY})\}}|({_GUID_BODY})", re.IGNORECASE)
_COLOUR = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
# Characters XML 1.0 cannot hold at all, even escaped (C0 controls, lone surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_GUID_NAMESPACE = uuid.UUID("0e6b7f7c-5d0a-4a51-9f3e-2d6c1f0a9b41")  # for derived GUIDs


class RefiError(ValueError):
    """A file that cannot be read or written; `code` is one of ERROR_CODES, `element` and
    `line` say where in the XML when known."""

    def __init__(
        self, code: str, detail: str = "", *, element: str | None = None, line: int | None = None
    ):
        super().__init__(code, detail)
        self.code, self.detail, self.element, self.line = code, detail, element, line

    def __str__(self) -> str:
        where = f" <{self.element}>" if self.element else ""
        where += f" line {self.line}" if self.line else ""
        return f"{self.code}: {self.detail}{where}" if self.detail else f"{self.code}{where}"


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class QdaUser:
    guid: str
    name: str


@dataclass(frozen=True)
class QdaCode:
    guid: str
    name: str
    colour: str = ""  # "#RRGGBB" or "" for none
    description: str = ""
    children: tuple[QdaCode, ...] = ()
    codable: bool = True  # False: a category that only groups other codes


@dataclass(frozen=True)
class QdaNote:
    guid: str
    text: str
    author_guid: str = ""
    created: datetime | None = None
    name: str = ""


@dataclass(frozen=True)
class QdaSelection:
    """One coder's coding of a passage: text[start:end] in code points of "\\n" text."""

    guid: str
    start: int
    end: int
    code_guids: tuple[str, ...]
    coder_guid: str  # "" when read from a file that does not say, or names an unknown user
    created: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class QdaSource:
    guid: str
    name: str
    text: str  # line endings are "\n"
    selections: tuple[QdaSelection, ...] = ()
    description: str = ""
    created: datetime | None = None
    author_guid: str = ""
    # Read only: None when the file had no "\r\n"; else how many characters each one counted
    # for in the file's positions (see the note at the top of this module).
    crlf_width: int | None = None


@dataclass(frozen=True)
class QdaSkipped:
    """An item of the file that was not imported, and why (one of SKIP_REASONS)."""

    element: str
    guid: str
    name: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class QdaProject:
    name: str
    origin: str  # the software that wrote the file
    users: tuple[QdaUser, ...] = ()
    codes: tuple[QdaCode, ...] = ()
    sources: tuple[QdaSource, ...] = ()
    notes: tuple[QdaNote, ...] = ()
    description: str = ""
    created: datetime | None = None
    creator_guid: str = ""
    skipped: tuple[QdaSkipped, ...] = ()  # filled by read_qdpx only


# ---------------------------------------------------------------- small helpers


def new_guid() -> str:
    """A fresh GUID in the form this module writes and returns."""
    return str(uuid.uuid4())


def normalise_guid(value: str) -> str | None:
    """Lowercase "8-4-4-4-12" form of a GUID, braces removed; None if it is not one. The
    standard's GUIDType accepts either case and optional braces."""
    match = _GUID.fullmatch(value.strip()) if value else None
    return (match.group(1) or match.group(2)).lower() if match else None


def normalise_colour(value: str) -> str | None:
    """ "#RRGGBB" in capitals for "#rgb", "#rrggbb" or the same without "#"; "" for an empty
    value; None when it is not a colour."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _COLOUR.fullmatch(value)
    if not match:
        return None
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return "#" + digits


def normalise_newlines(text: str) -> str:
    """The text with "\\r\\n" and lone "\\r" turned into "\\n", as sources must be before coding."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold. Names, descriptions and notes are
    cleaned this way on export (a stray control character is a copy-paste accident, not
    content); source texts are not, as they travel as separate .txt files."""
    return _XML_INVALID.sub("", text)


def _format_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise RefiError("naive_datetime", value.isoformat())
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_datetime(value: str | None) -> datetime | None:
    # Dates are metadata: one another tool wrote oddly is dropped, not worth refusing the file.
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _derived_guid(*parts: str) -> str:
    return str(uuid.uuid5(_GUID_NAMESPACE, "/".join(parts)))


# ---------------------------------------------------------------- writing


def write_qdpx(project: QdaProject) -> bytes:
    """The project as a .qdpx archive: project.qde and one UTF-8 sources/<guid>.txt per text
    source and per note."""
    _check_project(project)
    root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})
    _set(root, "name", project.name or "civiclab")
    _set(root, "origin", project.origin or None)
    _set(root, "creatingUserGUID", _optional_guid(project.creator_guid))
    _set(root, "creationDateTime", _format_datetime(project.created))
    users = _child(root, "Users")
    for user in project.users:
        _child(users, "User", guid=normalise_guid(user.guid), name=user.name)
    _codes_xml(_child(_child(root, "CodeBook"), "Codes"), project.codes)
    files: dict[str, str] = {}
    sources = _child(root, "Sources")
    for source in project.sources:
        _source_xml(sources, source)
        files[f"{normalise_guid(source.guid)}.txt"] = source.text
    if project.notes:
        notes = _child(root, "Notes")
        for note in project.notes:
            guid = normalise_guid(note.guid)
            element = _child(
                notes,
                "Note",
                guid=guid,
                name=note.name or note.text[:EXCERPT_LENGTH].replace("\n", " ") or "Note",
                # QualCoder reads journal notes from a file, other tools from PlainTextContent.
                plainTextPath=f"internal://{guid}.txt",
                creatingUser=_optional_guid(note.author_guid),
                creationDateTime=_format_datetime(note.created),
            )
            _child(element, "PlainTextContent", text=note.text)
            files[f"{guid}.txt"] = note.text
    if project.description:
        _child(root, "Description", text=project.description)
    qde = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        _add_entry(archive, "project.qde", qde)
        for name, text in files.items():
            _add_entry(archive, f"{SOURCES_FOLDER}/{name}", text.encode("utf-8"))
    return output.getvalue()


def write_qdc(
    codes: Sequence[QdaCode], *, users: Sequence[QdaUser] = (), origin: str = "civiclab"
) -> bytes:
    """The codes as a .qdc codebook file (UTF-8 XML). `users` is accepted so that callers can
    hand over what they give write_qdpx, but the codebook schema (a CodeBook holds Codes and
    Sets, nothing else) has no place for them: they are not written."""
    del users
    guids: set[str] = set()
    for code in _walk_codes(codes):
        _check_guid(code.guid, guids, "Code")
        _check_colour(code.colour)
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    _set(root, "origin", origin)
    _codes_xml(_child(root, "Codes"), codes)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _add_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _set(element: etree._Element, name: str, value: str | None) -> None:
    # None leaves an optional attribute out; "" is written, as a required name may be empty.
    if value is not None:
        element.set(name, xml_safe(value))


def _optional_guid(value: str) -> str | None:
    return normalise_guid(value) if value else None


def _child(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None
) -> etree._Element:
    namespace = etree.QName(parent).namespace
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}")
    for name, value in attributes.items():
        _set(element, name, value)
    if text:
        element.text = xml_safe(text)
    return element


def _codes_xml(parent: etree._Element, codes: Iterable[QdaCode]) -> None:
    for code in codes:
        element = _child(
            parent,
            "Code",
            guid=normalise_guid(code.guid),
            name=code.name,
            isCodable="true" if code.codable else "false",
            color=normalise_colour(code.colour) or None,
        )
        if code.description:
            _child(element, "Description", text=code.description)
        _codes_xml(element, code.children)


def _source_xml(parent: etree._Element, source: QdaSource) -> None:
    guid = normalise_guid(source.guid)
    element = _child(
        parent,
        "TextSource",
        guid=guid,
        name=source.name or guid,
        plainTextPath=f"internal://{guid}.txt",
        creatingUser=_optional_guid(source.author_guid),
        creationDateTime=_format_datetime(source.created),
    )
    if source.description:
        _child(element, "Description", text=source.description)
    for selection in source.selections:
        coder = normalise_guid(selection.coder_guid)
        created = _format_datetime(selection.created)
        excerpt = source.text[selection.start : selection.end]
        node = _child(
            element,
            "PlainTextSelection",
            guid=normalise_guid(selection.guid),
            name=" ".join(excerpt.split())[:EXCERPT_LENGTH],
            startPosition=str(selection.start),
            endPosition=str(selection.end),
            creatingUser=coder,
            creationDateTime=created,
        )
        if selection.note:
            _child(node, "Description", text=selection.note)
        for code_guid in dict.fromkeys(normalise_guid(guid) for guid in selection.code_guids):
            coding = _child(
                node,
                "Coding",
                guid=_derived_guid(normalise_guid(selection.guid), code_guid),
                creatingUser=coder,
                creationDateTime=created,
            )
            _child(coding, "CodeRef", targetGUID=code_guid)


def _walk_codes(codes: Iterable[QdaCode]) -> Iterator[QdaCode]:
    for code in codes:
        yield code
        yield from _walk_codes(code.children)


def _check_guid(value: str, seen: set[str], element: str) -> str:
    guid = normalise_guid(value)
    if guid is None:
        raise RefiError("bad_guid", repr(value), element=element)
    if guid in seen:
        raise RefiError("duplicate_guid", guid, element=element)
    seen.add(guid)
    return guid


def _check_colour(value: str) -> None:
    if normalise_colour(value) is None:
        raise RefiError("bad_colour", repr(value), element="Code")


def _check_project(project: QdaProject) -> None:
    """Refuse to write an archive another tool would misread: broken references, positions
    outside the text, text that would not survive the trip."""
    guids: set[str] = set()
    users = {_check_guid(user.guid, guids, "User") for user in project.users}
    codes = set()
    for code in _walk_codes(project.codes):
        codes.add(_check_guid(code.guid, guids, "Code"))
        _check_colour(code.colour)

    def check_user(value: str, element: str) -> None:
        if value and normalise_guid(value) not in users:
            raise RefiError("unknown_user", repr(value), element=element)

    if project.creator_guid:
        check_user(project.creator_guid, "Project")
    _format_datetime(project.created)
    for source in project.sources:
        _check_guid(source.guid, guids, "TextSource")
        check_user(source.author_guid, "TextSource")
        _format_datetime(source.created)
        if "\r" in source.text:
            raise RefiError("bad_text", f"{source.name}: \\r line endings", element="TextSource")
        try:
            source.text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise RefiError("bad_text", f"{source.name}: {error}", element="TextSource") from None
        for selection in source.selections:
            _check_guid(selection.guid, guids, "PlainTextSelection")
            if not 0 <= selection.start < selection.end <= len(source.text):
                detail = f"{source.name}: {selection.start}-{selection.end} of {len(source.text)}"
                raise RefiError("bad_position", detail, element="PlainTextSelection")
            if not selection.coder_guid:
                raise RefiError("unknown_user", "no coder", element="PlainTextSelection")
            check_user(selection.coder_guid, "PlainTextSelection")
            for code_guid in selection.code_guids:
                if normalise_guid(code_guid) not in codes:
                    raise RefiError("unknown_code", repr(code_guid), element="CodeRef")
            _format_datetime(selection.created)
    for note in project.notes:
        _check_guid(note.guid, guids, "Note")
        check_user(note.author_guid, "Note")
        _format_datetime(note.created)
        try:
            note.text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise RefiError("bad_text", str(error), element="Note") from None


# ---------------------------------------------------------------- reading


def read_qdc(data: bytes | str) -> tuple[QdaCode, ...]:
    """The code tree of a .qdc codebook file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = _parse_xml(data, "CodeBook", CODEBOOK_NS)
    seen: set[str] = set()
    codes = root.find(_tag(CODEBOOK_NS, "Codes"))
    if codes is None:
        return ()
    return tuple(_read_code(child, seen) for child in _children(codes, "Code"))


def read_qdpx(
    data: bytes,
    *,
    crlf_width: int | None = None,
    max_entry_bytes: int = MAX_ENTRY_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
) -> QdaProject:
    """The users, codes, text sources with their codings and notes of a .qdpx archive; every
    other item is listed in `skipped`. `crlf_width` says how many characters a "\\r\\n" of a
    source file counts for in positions; by default 1 for ATLAS.ti files, 2 for the others."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise RefiError("not_zip", str(error)) from None
    with archive:
        reader = _ProjectReader(archive, crlf_width, max_entry_bytes, max_total_bytes)
        return reader.read()


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return list(element.iterchildren(_tag(etree.QName(element).namespace, name)))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _parse_xml(data: bytes, root_name: str, namespace: str) -> etree._Element:
    # load_dtd/no_network keep external files and URLs out; resolve_entities=False keeps
    # entities unexpanded in text, but lxml still expands internal ones in attributes, so a
    # document declaring entities is refused outright; huge_tree=False keeps libxml2's limits
    # on depth and node size.
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        # libxml2 stops on some entity uses (an external one in an attribute) before the check
        # below could run; name the cause rather than a plain syntax error.
        code = "xml_entities" if b"<!ENTITY" in data else "bad_xml"
        raise RefiError(code, error.msg, line=error.lineno) from None
    except ValueError as error:  # e.g. an encoding declaration lxml cannot honour
        raise RefiError("bad_xml", str(error)) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise RefiError("xml_entities", "DOCTYPE with ENTITY declarations")
    if not isinstance(root.tag, str):
        raise RefiError("bad_xml", "no root element")
    qname = etree.QName(root)
    if qname.localname != root_name:
        raise RefiError(
            "wrong_root", qname.localname, element=qname.localname, line=root.sourceline
        )
    if qname.namespace != namespace:
        detail = qname.namespace or "(no namespace)"
        raise RefiError("wrong_namespace", detail, element=root_name, line=root.sourceline)
    return root


def _required(element: etree._Element, name: str) -> str:
    value = element.get(name)
    if value is None:
        raise RefiError("missing_attribute", name, element=_local(element), line=element.sourceline)
    return value


def _read_guid(element: etree._Element, name: str = "guid") -> str:
    value = _required(element, name)
    guid = normalise_guid(value)
    if guid is None:
        raise RefiError("bad_guid", repr(value), element=_local(element), line=element.sourceline)
    return guid


def _text_of(element: etree._Element, name: str) -> str:
    found = _children(element, name)
    return "".join(found[0].itertext()) if found else ""


def _read_code(element: etree._Element, seen: set[str]) -> QdaCode:
    guid = _read_guid(element)
    if guid in seen:
        raise RefiError("duplicate_guid", guid, element="Code", line=element.sourceline)
    seen.add(guid)
    # isCodable is required by the schema; tools that omit it mean an ordinary code.
    codable = (element.get("isCodable") or "true").strip().lower() not in ("false", "0")
    return QdaCode(
        guid=guid,
        name=_required(element, "name"),
        colour=normalise_colour(element.get("color") or "") or "",  # a bad colour is no colour
        description=_text_of(element, "Description"),
        children=tuple(_read_code(child, seen) for child in _children(element, "Code")),
        codable=codable,
    )


def _newline_mapping(raw: str, crlf_width: int) -> Callable[[int], int]:
    """A function from positions in the file's text to positions in its "\\n" version."""
    if crlf_width == 1 or "\r\n" not in raw:
        return lambda position: position
    carriage_returns = [match.start() for match in re.finditer("\r\n", raw)]
    return lambda position: position - bisect_left(carriage_returns, position)


class _ProjectReader:
    def __init__(self, archive: zipfile.ZipFile, crlf_width, max_entry_bytes, max_total_bytes):
        self.archive, self.crlf_width = archive, crlf_width
        self.max_entry_bytes, self.budget = max_entry_bytes, max_total_bytes
        self.skipped: list[QdaSkipped] = []
        self.guids: set[str] = set()
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise RefiError("too_many_entries", str(len(infos)))
        # Names are only looked up, never used as paths on disk, so "../" cannot escape.
        self.entries = {info.filename.replace("\\", "/").lower(): info for info in infos}

    def read(self) -> QdaProject:
        root = _parse_xml(self._read(self._project_entry()), "Project", PROJECT_NS)
        self.origin = root.get("origin") or ""
        if self.crlf_width is None:
            self.crlf_width = 1 if "atlas" in self.origin.lower() else 2
        users = self._users(root)
        self.user_guids = {user.guid for user in users}
        codes = self._codes(root)
        self.code_guids = {code.guid for code in _walk_codes(codes)}
        self.case_guids = self._case_guids(root)
        sources, notes = [], []
        for child in root.iterchildren(tag=etree.Element):
            name = _local(child) if etree.QName(child).namespace == PROJECT_NS else None
            if name == "Sources":
                sources = [
                    source
                    for el in child.iterchildren(tag=etree.Element)
                    if (source := self._source(el)) is not None
                ]
            elif name == "Notes":
                notes = [self._note(el) for el in _children(child, "Note")]
            elif name in ("Variables", "Cases", "Sets", "Graphs", "Links"):
                for item in child.iterchildren(tag=etree.Element):
                    self._skip(item, name[:-1].lower())
            elif name not in ("Users", "CodeBook", "Description"):
                self._skip(child, "unknown_element")
        return QdaProject(
            name=root.get("name") or "",
            origin=self.origin,
            users=users,
            codes=codes,
            sources=tuple(sources),
            notes=tuple(notes),
            description=_text_of(root, "Description"),
            created=_parse_datetime(root.get("creationDateTime")),
            creator_guid=self._user(root.get("creatingUserGUID")),
            skipped=tuple(self.skipped),
        )

    # -- archive

    def _project_entry(self) -> zipfile.ZipInfo:
        if "project.qde" in self.entries:
            return self.entries["project.qde"]
        at_root = sorted(name for name in self.entries if "/" not in name and name.endswith(".qde"))
        if not at_root:
            raise RefiError("missing_project", "project.qde")
        return self.entries[at_root[0]]

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        """The entry's bytes, refusing to unpack more than the limits whatever its header says."""
        if info.flag_bits & 0x1:
            raise RefiError("encrypted", info.filename)
        limit = min(self.max_entry_bytes, self.budget)
        if info.file_size > limit:
            raise RefiError("too_large", f"{info.filename}: {info.file_size} bytes")
        chunks, size = [], 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise RefiError("too_large", info.filename)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise RefiError("not_zip", f"{info.filename}: {error}") from None
        self.budget -= size
        return b"".join(chunks)

    def _internal_file(self, path: str, element: etree._Element) -> bytes:
        # "internal://x.txt" names sources/x.txt; QualCoder also reads "internal:/x.txt".
        name = path[len("internal:") :].lstrip("/")
        info = self.entries.get(f"{SOURCES_FOLDER}/{name}".lower())
        if info is None:
            raise RefiError(
                "missing_source", path, element=_local(element), line=element.sourceline
            )
        return self._read(info)

    def _decode(self, data: bytes, element: etree._Element) -> str:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            detail = f"{element.get('name') or ''}: byte {error.start}"
            raise RefiError(
                "source_not_utf8", detail, element=_local(element), line=element.sourceline
            ) from None
        return text.removeprefix("\ufeff")  # a byte-order mark is not part of the text

    # -- items

    def _skip(self, element: etree._Element, reason: str) -> None:
        self.skipped.append(
            QdaSkipped(
                element=_local(element),
                guid=normalise_guid(element.get("guid") or "") or (element.get("guid") or ""),
                name=element.get("name") or "",
                line=element.sourceline,
                reason=reason,
            )
        )

    def _register(self, guid: str, element: etree._Element) -> str:
        if guid in self.guids:
            raise RefiError(
                "duplicate_guid", guid, element=_local(element), line=element.sourceline
            )
        self.guids.add(guid)
        return guid

    def _user(self, value: str | None) -> str:
        guid = normalise_guid(value or "")
        return guid if guid in self.user_guids else ""

    def _users(self, root: etree._Element) -> tuple[QdaUser, ...]:
        users = []
        for parent in _children(root, "Users"):
            for element in _children(parent, "User"):
                guid = self._register(_read_guid(element), element)
                users.append(QdaUser(guid=guid, name=element.get("name") or ""))
        return tuple(users)

    def _codes(self, root: etree._Element) -> tuple[QdaCode, ...]:
        codes: list[QdaCode] = []
        for book in _children(root, "CodeBook"):
            for parent in _children(book, "Codes"):
                codes.extend(_read_code(el, self.guids) for el in _children(parent, "Code"))
        return tuple(codes)

    def _case_guids(self, root: etree._Element) -> set[str]:
        return {
            normalise_guid(case.get("guid") or "")
            for cases in _children(root, "Cases")
            for case in _children(cases, "Case")
        }

    def _source(self, element: etree._Element) -> QdaSource | None:
        if etree.QName(element).namespace != PROJECT_NS or _local(element) != "TextSource":
            self._skip(element, "unsupported_source")
            return None
        path = element.get("plainTextPath")
        if path and not path.startswith("internal:"):
            self._skip(element, "external_source")
            return None
        if path:
            raw = self._decode(self._internal_file(path, element), element)
        elif _children(element, "PlainTextContent"):
            raw = _text_of(element, "PlainTextContent")
        else:
            self._skip(element, "no_plain_text")
            return None
        guid = self._register(_read_guid(element), element)
        text = normalise_newlines(raw)
        to_text = _newline_mapping(raw, self.crlf_width)
        selections: list[QdaSelection] = []
        for child in element.iterchildren(tag=etree.Element):
            name = _local(child)
            if name == "PlainTextSelection":
                selections.extend(self._selections(child, text, to_text))
            elif name == "VariableValue":
                self._skip(child, "variable_value")
            elif name == "NoteRef":
                self._skip(child, "note_link")
        return QdaSource(
            guid=guid,
            name=element.get("name") or "",
            text=text,
            selections=tuple(selections),
            description=_text_of(element, "Description"),
            created=_parse_datetime(element.get("creationDateTime")),
            author_guid=self._user(element.get("creatingUser")),
            crlf_width=self.crlf_width if "\r\n" in raw else None,
        )

    def _position(self, element: etree._Element, name: str) -> int:
        value = _required(element, name)
        try:
            return int(value.strip())
        except ValueError:
            raise RefiError(
                "bad_position",
                f"{name}={value!r}",
                element=_local(element),
                line=element.sourceline,
            ) from None

    def _selections(
        self, element: etree._Element, text: str, to_text: Callable[[int], int]
    ) -> list[QdaSelection]:
        """One QdaSelection per coder of the passage: tools put several coders' codings in one
        PlainTextSelection, while each of ours belongs to one coder."""
        guid = self._register(_read_guid(element), element)
        raw_start = self._position(element, "startPosition")
        raw_end = self._position(element, "endPosition")
        start, end = to_text(raw_start), to_text(raw_end)
        if not 0 <= start <= end <= len(text):
            detail = f"{raw_start}-{raw_end} of {len(text)}"
            raise RefiError(
                "bad_position", detail, element=_local(element), line=element.sourceline
            )
        codes_by_coder: dict[str, list[str]] = {}
        dates: dict[str, datetime | None] = {}
        selection_coder = self._user(element.get("creatingUser"))
        for coding in _children(element, "Coding"):
            refs = _children(coding, "CodeRef")
            if not refs:
                raise RefiError(
                    "missing_attribute", "CodeRef", element="Coding", line=coding.sourceline
                )
            target = _read_guid(refs[0], "targetGUID")
            if target not in self.code_guids:
                if target in self.case_guids:
                    self._skip(coding, "case_coding")
                    continue
                raise RefiError("unknown_code", target, element="CodeRef", line=refs[0].sourceline)
            coder = self._user(coding.get("creatingUser")) or selection_coder
            if target not in codes_by_coder.setdefault(coder, []):
                codes_by_coder[coder].append(target)
            dates.setdefault(coder, _parse_datetime(coding.get("creationDateTime")))
        for note_ref in _children(element, "NoteRef"):
            self._skip(note_ref, "note_link")
        if not codes_by_coder:
            self._skip(element, "uncoded_selection")
            return []
        if start == end:
            self._skip(element, "empty_selection")
            return []
        created = _parse_datetime(element.get("creationDateTime"))
        note = _text_of(element, "Description")
        selections = []
        for index, (coder, code_guids) in enumerate(codes_by_coder.items()):
            selections.append(
                QdaSelection(
                    guid=guid
                    if index == 0
                    else self._register(_derived_guid(guid, coder), element),
                    start=start,
                    end=end,
                    code_guids=tuple(code_guids),
                    coder_guid=coder,
                    created=created or dates.get(coder),
                    note=note,
                )
            )
        return selections

    def _note(self, element: etree._Element) -> QdaNote:
        guid = self._register(_read_guid(element), element)
        path = element.get("plainTextPath")
        if path and path.startswith("internal:"):  # the file is exact, XML text was cleaned
            text = self._decode(self._internal_file(path, element), element)
        elif _children(element, "PlainTextContent"):
            text = _text_of(element, "PlainTextContent")
        else:
            text = _text_of(element, "Description")
        for anchor in _children(element, "PlainTextSelection"):
            self._skip(anchor, "note_anchor")
        return QdaNote(
            guid=guid,
            text=normalise_newlines(text),
            author_guid=self._user(element.get("creatingUser")),
            created=_parse_datetime(element.get("creationDateTime")),
            name=element.get("name") or "",
        )
