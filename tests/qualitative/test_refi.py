"""REFI-QDA exchange: coded passages survive the trip, foreign files read, hostile files refused."""

import io
import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree

from civiclab.qualitative.refi import (
    CODEBOOK_NS,
    ERROR_CODES,
    PROJECT_NS,
    SKIP_REASONS,
    QdaCode,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    RefiError,
    normalise_newlines,
    read_qdc,
    read_qdpx,
    write_qdc,
    write_qdpx,
)

NS = {"q": PROJECT_NS}
ALICE = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860"
BOB = "70daf61c-b6f0-4b5e-8c2f-548fde3ad3d4"
TRUST = "2dfba8c9-59f5-4424-99d6-ea9bce18134b"
TRUST_ELECTED = "1b594544-2954-4b67-86ff-fb552f090ba8"
DISTRUST = "a3825924-8bf7-47c1-a51b-be9196147a56"
MOBILITY = "86392bc1-a364-4904-a406-87a7e025ebf7"
WHEN = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)

# What a participant typed, with Windows line endings, as uploaded.
INTERVIEW_UPLOAD = (
    "Bonjour,\r\nJe suis née à Saint-Étienne.\r\n"
    "Le vélo 🚲 c'est la liberté 😀 ! Les élus ? On ne les voit jamais.\r\n"
)
# Decomposed accents (e + U+0301), a zero-width-joiner family, a form feed, a line separator.
FIELD_NOTES = (
    "Cafe\u0301 du village, re\u0301union publique.\n\x0c"
    "Famille 👩\u200d👩\u200d👧 au premier rang.\u2028Ambiance tendue.\n"
)
ANSWERS = "Réponse 12 : plus de pistes cyclables 𠀀 svp\nRéponse 13 : rien à ajouter\n"


def passage_selection(guid, text, passage, codes, coder, note=""):
    start = text.index(passage)
    return QdaSelection(guid, start, start + len(passage), tuple(codes), coder, WHEN, note)


def make_project() -> tuple[QdaProject, dict[str, str]]:
    """A project, and the passage each selection is meant to cover."""
    interview = normalise_newlines(INTERVIEW_UPLOAD)
    passages = {
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0001": (interview, "née à Saint-Étienne"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0002": (interview, "vélo 🚲 c'est la liberté 😀"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0003": (interview, "Bonjour,\nJe suis"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0004": (interview, "Les élus ? On ne les voit jamais."),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0005": (FIELD_NOTES, "Cafe\u0301"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0006": (FIELD_NOTES, "👩\u200d👩\u200d👧 au premier"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0007": (FIELD_NOTES, "\x0cFamille"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0008": (FIELD_NOTES, "rang.\u2028Ambiance"),
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0009": (ANSWERS, "pistes cyclables 𠀀 svp"),
    }
    codes_for = {
        "1": [TRUST_ELECTED],
        "2": [MOBILITY, TRUST],
        "3": [DISTRUST],
        "4": [DISTRUST, TRUST_ELECTED],
        "5": [TRUST],
        "6": [MOBILITY],
        "7": [TRUST],
        "8": [DISTRUST],
        "9": [MOBILITY],
    }

    def selections(text):
        found = []
        for guid, (source_text, passage) in list(passages.items())[:9]:
            if source_text is text:
                coder = BOB if guid.endswith("4") else ALICE
                found.append(
                    passage_selection(
                        guid, text, passage, codes_for[guid[-1]], coder, "Mémo « à voir »"
                    )
                )
        return tuple(found)

    # The same passage coded by a second coder: intercoder agreement needs both.
    second = passage_selection(
        "0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0010", interview, "née à Saint-Étienne", [TRUST], BOB
    )
    passages[second.guid] = (interview, "née à Saint-Étienne")
    codes = (
        QdaCode(
            TRUST,
            "Confiance",
            description="Tout ce qui touche à la confiance.\nDeux lignes.",
            codable=False,
            children=(
                QdaCode(TRUST_ELECTED, "Confiance envers les élus 🗳️", "#1F77B4"),
                QdaCode(DISTRUST, 'Méfiance <forte> & "durable"', "#D62728", "l'autre"),
            ),
        ),
        QdaCode(MOBILITY, "Mobilité 'douce'", "#2CA02C"),
    )
    project = QdaProject(
        name="Conseils de quartier — Lille",
        origin="civiclab 0.1.0",
        users=(QdaUser(ALICE, "Alice Martin"), QdaUser(BOB, "Bob N'Diaye")),
        codes=codes,
        sources=(
            QdaSource(
                "8e7fddfe-db36-48dc-b464-80c3a4decd90",
                "Entretien 1",
                interview,
                (*selections(interview), second),
                "Entretien mené à la mairie",
                WHEN,
                ALICE,
            ),
            QdaSource(
                "6f35c6f2-bd8f-4f08-ad49-6d62cb8442a5",
                "Notes de terrain",
                FIELD_NOTES,
                selections(FIELD_NOTES),
            ),
            QdaSource(
                "361bcdb8-7d11-4343-a4cd-4130693eff76",
                "Questionnaire Q7",
                ANSWERS,
                selections(ANSWERS),
            ),
        ),
        notes=(
            QdaNote(
                "4691a8a0-d67c-4dcc-91d6-e9075dc230cc",
                "Journal : saturation ?\nÀ revoir.",
                ALICE,
                WHEN,
                "Journal",
            ),
        ),
        description="Projet de test",
        created=WHEN,
        creator_guid=ALICE,
    )
    return project, {guid: passage for guid, (_text, passage) in passages.items()}


def build_qdpx(qde: str | bytes, files: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in files.items():
            archive.writestr(name, data)
    return output.getvalue()


def error_code(call) -> RefiError:
    with pytest.raises(RefiError) as caught:
        call()
    assert caught.value.code in ERROR_CODES
    return caught.value


# ---------------------------------------------------------------- round trip


def test_coded_passages_are_the_same_text_after_export_and_import():
    """Accents, astral emoji, joined emoji, combining accents, CR LF uploads: every selection
    re-imported covers exactly the passage that was coded."""
    project, passages = make_project()
    imported = read_qdpx(write_qdpx(project))
    seen = set()
    for source in imported.sources:
        assert "\r" not in source.text
        for selection in source.selections:
            assert source.text[selection.start : selection.end] == passages[selection.guid]
            seen.add(selection.guid)
    assert seen == set(passages)
    assert imported.skipped == ()


def test_independent_reading_of_the_archive_gives_the_passages():
    """Read by hand (zipfile, XPath, UTF-8), positions in project.qde applied to the source
    files give the passages: the archive does not depend on our reader to make sense."""
    project, passages = make_project()
    with zipfile.ZipFile(io.BytesIO(write_qdpx(project))) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        checked = 0
        for source in root.xpath("/q:Project/q:Sources/q:TextSource", namespaces=NS):
            path = source.get("plainTextPath")
            assert path.startswith("internal://")
            raw = archive.read("sources/" + path.removeprefix("internal://"))
            assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
            text = raw.decode("utf-8")
            for selection in source.xpath("q:PlainTextSelection", namespaces=NS):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                assert text[start:end] == passages[selection.get("guid")]
                checked += 1
        assert checked == len(passages)


def test_archive_is_a_valid_refi_project():
    """A sound zip; root Project in the 1.0 namespace; every reference resolves."""
    project, _passages = make_project()
    with zipfile.ZipFile(io.BytesIO(write_qdpx(project))) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "project.qde"
        root = etree.fromstring(archive.read("project.qde"))
        names = set(archive.namelist())
    assert root.tag == f"{{{PROJECT_NS}}}Project"
    assert root.get("name") == project.name and root.get("origin") == "civiclab 0.1.0"
    assert root.get("creationDateTime") == "2026-03-14T09:26:53Z"
    children = [etree.QName(child).localname for child in root]
    assert children == ["Users", "CodeBook", "Sources", "Notes", "Description"]  # schema order
    code_guids = set(root.xpath("//q:Code/@guid", namespaces=NS))
    user_guids = set(root.xpath("//q:User/@guid", namespaces=NS))
    refs = root.xpath("//q:CodeRef/@targetGUID", namespaces=NS)
    assert refs and set(refs) <= code_guids
    for selection in root.xpath("//q:PlainTextSelection", namespaces=NS):
        assert selection.get("creatingUser") in user_guids
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", selection.get("creationDateTime"))
        for coding in selection.xpath("q:Coding", namespaces=NS):
            assert coding.get("creatingUser") == selection.get("creatingUser")
    all_guids = root.xpath("//@guid")
    assert len(all_guids) == len(set(all_guids))
    for guid in all_guids:
        assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", guid)
    for colour in root.xpath("//q:Code/@color", namespaces=NS):
        assert re.fullmatch(r"#[0-9A-F]{6}", colour)
    for path in root.xpath("//@plainTextPath"):
        assert "sources/" + path.removeprefix("internal://") in names
    categories = root.xpath("//q:Code[@isCodable='false']/@name", namespaces=NS)
    assert categories == ["Confiance"]


def test_project_round_trip_keeps_codes_users_notes_and_metadata():
    """Everything written is read back equal (datetimes to the second, as written)."""
    project, _passages = make_project()
    imported = read_qdpx(write_qdpx(project))
    assert imported.codes == project.codes
    assert imported.users == project.users
    assert imported.notes == project.notes
    assert (imported.name, imported.origin, imported.description) == (
        project.name,
        project.origin,
        project.description,
    )
    assert imported.created == WHEN and imported.creator_guid == ALICE
    assert [source.guid for source in imported.sources] == [s.guid for s in project.sources]
    for original, read in zip(project.sources, imported.sources, strict=True):
        assert read == replace(original, crlf_width=None)


def test_export_is_deterministic():
    """The same project gives the same bytes: archives can be compared and cached."""
    project, _passages = make_project()
    assert write_qdpx(project) == write_qdpx(project)


def test_datetimes_are_written_in_utc():
    """An aware datetime in another zone is written as the same instant in UTC."""
    project, _passages = make_project()
    paris = WHEN.astimezone(timezone(timedelta(hours=1)))
    imported = read_qdpx(write_qdpx(replace(project, created=paris)))
    assert imported.created == WHEN and imported.created.tzinfo == UTC


def test_characters_xml_cannot_hold_are_removed_from_names_and_descriptions():
    """Control characters (pasted from PDFs) are dropped from names and descriptions; XML
    special characters, quotes and emoji are kept, escaped."""
    code = QdaCode(MOBILITY, 'Vé\x0blo\x00 <&> "\'" 🚲', description="a\x1bb\x08")
    (read,) = read_qdc(write_qdc([code]))
    assert read.name == 'Vélo <&> "\'" 🚲'
    assert read.description == "ab"


# ---------------------------------------------------------------- writing refuses broken projects


def broken(project: QdaProject, case: str) -> QdaProject:
    source = project.sources[0]
    selection = source.selections[0]

    def with_selection(**changes):
        selections = (replace(selection, **changes), *source.selections[1:])
        return replace(project, sources=(replace(source, selections=selections),))

    if case == "bad_position":
        return with_selection(end=len(source.text) + 1)
    if case == "empty_selection":
        return with_selection(end=selection.start)
    if case == "unknown_code":
        return with_selection(code_guids=("0e9d3a52-6d50-4c9a-9a8e-3f3c4a0bffff",))
    if case == "unknown_user":
        return with_selection(coder_guid="0e9d3a52-6d50-4c9a-9a8e-3f3c4a0bffff")
    if case == "naive_datetime":
        return with_selection(created=datetime(2026, 3, 14, 9, 0))
    if case == "bad_guid":
        return with_selection(guid="selection-1")
    if case == "duplicate_guid":
        return with_selection(guid=source.guid)
    if case == "bad_text":
        return replace(project, sources=(replace(source, text=source.text + "\r\n"),))
    if case == "lone_surrogate":
        return replace(project, sources=(replace(source, text=source.text + "\ud83d"),))
    if case == "bad_colour":
        return replace(project, codes=(replace(project.codes[1], colour="vert"),))
    raise AssertionError(case)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("bad_position", "bad_position"),
        ("empty_selection", "bad_position"),
        ("unknown_code", "unknown_code"),
        ("unknown_user", "unknown_user"),
        ("naive_datetime", "naive_datetime"),
        ("bad_guid", "bad_guid"),
        ("duplicate_guid", "duplicate_guid"),
        ("bad_text", "bad_text"),
        ("lone_surrogate", "bad_text"),
        ("bad_colour", "bad_colour"),
    ],
)
def test_writing_refuses_a_project_other_tools_would_misread(case, code):
    """No archive with dangling references, passages outside the text or text that would not
    survive: the error says what is wrong."""
    project, _passages = make_project()
    assert error_code(lambda: write_qdpx(broken(project, case))).code == code


# ---------------------------------------------------------------- codebook files


def test_qdc_round_trip_keeps_the_tree():
    """Nested codes, categories, colours and descriptions come back equal."""
    project, _passages = make_project()
    data = write_qdc(project.codes, origin="civiclab 0.1.0")
    root = etree.fromstring(data)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook" and root.get("origin") == "civiclab 0.1.0"
    assert read_qdc(data) == project.codes


HAND_WRITTEN_QDC = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by SomeTool 2024 -->
<{p}CodeBook {xmlns}="urn:QDA-XML:codebook:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    origin="SomeTool 2024">
  <{p}Codes>
    <{p}Code name="Confiance &amp; défiance" isCodable="false"
        guid="{{2DFBA8C9-59F5-4424-99D6-EA9BCE18134B}}">
      <{p}Description>Catégorie
sur deux lignes</{p}Description>
      <{p}Code color="#f00" guid="1B594544-2954-4B67-86FF-FB552F090BA8" isCodable="true"
          name="Élus 🗳️">
        <{p}NoteRef targetGUID="d61907b2-d0d4-48dc-b8b7-5e4f7ae5faa6"/>
      </{p}Code>
      <tool:Extension xmlns:tool="urn:sometool:extras" weight="3"/>
      <{p}Code guid="a3825924-8bf7-47c1-a51b-be9196147a56" name="Sans couleur" color="bleu"/>
    </{p}Code>
    <{p}Code isCodable="true" name="Mobilité" guid="86392bc1-a364-4904-a406-87a7e025ebf7"
        color="#2ca02c"/>
  </{p}Codes>
  <{p}Sets><{p}Set guid="0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b0099" name="Un ensemble"/></{p}Sets>
</{p}CodeBook>
"""


@pytest.mark.parametrize(("prefix", "xmlns"), [("", "xmlns"), ("qdc:", "xmlns:qdc")])
def test_reads_a_qdc_written_by_another_tool(prefix, xmlns):
    """Attributes in any order, braces and capitals in GUIDs, short colours, comments, unknown
    elements and a prefixed or default namespace all read."""
    data = HAND_WRITTEN_QDC.format(p=prefix, xmlns=xmlns).encode("utf-8")
    (category, mobility) = read_qdc(data)
    assert category == QdaCode(
        TRUST,
        "Confiance & défiance",
        description="Catégorie\nsur deux lignes",
        codable=False,
        children=(
            QdaCode(TRUST_ELECTED, "Élus 🗳️", "#FF0000"),
            QdaCode(DISTRUST, "Sans couleur", ""),  # "bleu" is not a colour: none
        ),
    )
    assert mobility == QdaCode(MOBILITY, "Mobilité", "#2CA02C")


@pytest.mark.parametrize(
    ("xml", "code"),
    [
        ('<CodeBook xmlns="urn:QDA-XML:codebook:2.0"><Codes/></CodeBook>', "wrong_namespace"),
        ("<CodeBook><Codes/></CodeBook>", "wrong_namespace"),
        ('<Project xmlns="urn:QDA-XML:codebook:1.0" name="x"/>', "wrong_root"),
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x"/></Codes></CodeBook>',
            "missing_attribute",
        ),
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="12" name="x"/></Codes>'
            "</CodeBook>",
            "bad_guid",
        ),
        ("<CodeBook xmlns='urn:QDA-XML:codebook:1.0'><Codes>\n<Code name='a'\n", "bad_xml"),
        ("", "bad_xml"),
    ],
)
def test_bad_codebooks_give_an_error_code(xml, code):
    """Each way a codebook can be wrong has its own code for the interface to word."""
    assert error_code(lambda: read_qdc(xml.encode("utf-8"))).code == code


def test_duplicate_code_guids_are_refused():
    """Two codes with one GUID would make codings ambiguous."""
    code = f'<Code guid="{MOBILITY}" name="a" isCodable="true"/>'
    xml = f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes>{code}{code}</Codes></CodeBook>'
    error = error_code(lambda: read_qdc(xml.encode()))
    assert (error.code, error.element, error.line) == ("duplicate_guid", "Code", 1)


def test_malformed_xml_says_where():
    """The line of the syntax error is given."""
    xml = f'<CodeBook xmlns="{CODEBOOK_NS}">\n<Codes>\n<Code name="a" & />\n</Codes></CodeBook>'
    error = error_code(lambda: read_qdc(xml.encode()))
    assert error.code == "bad_xml" and error.line == 3


# ---------------------------------------------------------------- hostile files

XXE = """<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="86392bc1-a364-4904-a406-87a7e025ebf7" name="&secret;" isCodable="true">
<Description>&secret;</Description></Code></Codes></CodeBook>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="86392bc1-a364-4904-a406-87a7e025ebf7" name="&d;" isCodable="true"/></Codes></CodeBook>
"""


@pytest.mark.parametrize("xml", [XXE, LAUGHS])
def test_entity_declarations_are_refused_in_codebooks(xml):
    """No external file is read and no entity expanded: the document is refused."""
    error = error_code(lambda: read_qdc(xml.encode()))
    assert error.code == "xml_entities"
    assert "root:" not in str(error)


def test_entity_declarations_are_refused_in_projects():
    """The same guard holds for project.qde inside an archive."""
    qde = XXE.replace("CodeBook", "Project").replace("codebook", "project")
    error = error_code(lambda: read_qdpx(build_qdpx(qde, {})))
    assert error.code == "xml_entities"


def test_zip_bomb_entry_is_refused():
    """An entry unpacking beyond the limit is refused before it is held in memory."""
    qde = minimal_qde('plainTextPath="internal://big.txt"', "")
    data = build_qdpx(qde, {"sources/big.txt": b"a" * 3_000_000})
    assert len(data) < 20_000  # what a bomb looks like: tiny archive, huge content
    error = error_code(lambda: read_qdpx(data, max_entry_bytes=1_000_000))
    assert error.code == "too_large"


def test_archive_total_is_capped():
    """Many entries under the per-entry limit still stop at the total limit."""
    sources = "".join(
        f'<TextSource guid="0e9d3a52-6d50-4c9a-9a8e-3f3c4a0b00{index:02d}" name="s{index}" '
        f'plainTextPath="internal://s{index}.txt"/>'
        for index in range(10)
    )
    qde = f'<Project xmlns="{PROJECT_NS}" name="x"><Sources>{sources}</Sources></Project>'
    files = {f"sources/s{index}.txt": b"b" * 500_000 for index in range(10)}
    error = error_code(lambda: read_qdpx(build_qdpx(qde, files), max_total_bytes=2_000_000))
    assert error.code == "too_large"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"PK\x03\x04 not really a zip", "not_zip"),
        (b"<Project/>", "not_zip"),
        (b"", "not_zip"),
    ],
)
def test_files_that_are_not_archives_are_refused(data, code):
    """Anything that is not a zip says so."""
    assert error_code(lambda: read_qdpx(data)).code == code


def test_archive_without_project_file_is_refused():
    """A zip without a .qde at its root is not a REFI project."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("sources/a.txt", "texte")
        archive.writestr("nested/project.qde", "<Project/>")
    assert error_code(lambda: read_qdpx(output.getvalue())).code == "missing_project"


# ---------------------------------------------------------------- projects from other tools


def minimal_qde(source_attributes: str, selections: str, origin: str = "OtherTool") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{PROJECT_NS}" name="Import" origin="{origin}">
<Users><User guid="{ALICE}" name="Alice"/></Users>
<CodeBook><Codes><Code guid="{MOBILITY}" name="Mobilité" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="8e7fddfe-db36-48dc-b464-80c3a4decd90" name="Entretien" {source_attributes}>
{selections}
</TextSource>
</Sources>
</Project>
"""


def selection_xml(start, end, code=MOBILITY, guid="08cbced0-d736-44c8-8fd6-eb4d29fe46c5"):
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}" '
        f'creatingUser="{ALICE}"><Coding guid="76414714-63c4-4a25-a47e-66fef80bd52e">'
        f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
    )


NVIVO_TEXT = "Q : Vous venez souvent ?\r\nR : Oui, à vélo 🚲.\r\nQ : Et l'été ?\r\nR : Moins.\r\n"

NVIVO_QDE = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Étude mobilité" origin="NVivo 14"
    creationDateTime="2024-05-02T10:11:12+02:00">
  <Users>
    <User guid="{{{{{ALICE.upper()}}}}}" name="Alice"/>
    <User guid="{BOB.upper()}" name="Bob"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{MOBILITY.upper()}" name="Mobilité" isCodable="true" color="#2ca02c"/>
    <Code guid="{TRUST}" name="Confiance" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="7d936548-f82a-4819-9315-a7aa81b61bc3" name="Âge"
      typeOfVariable="Integer"/></Variables>
  <Cases><Case guid="f2b1c3d4-0000-4000-8000-000000000001" name="Participant 1"/></Cases>
  <Sources>
    <TextSource guid="A2B94468-80A5-412F-92D6-E900D97B55A6" name="Entretien Anna"
        plainTextPath="internal://a2b94468-80a5-412f-92d6-e900d97b55a6.txt"
        richTextPath="internal://a2b94468-80a5-412f-92d6-e900d97b55a6.docx"
        creatingUser="{ALICE}" creationDateTime="2019-06-04T05:25:16Z">
      <Description>Entretien de mai</Description>
      <PlainTextSelection guid="9a000000-0000-4000-8000-000000000001" name="Oui, à vélo"
          startPosition="{{velo_start}}" endPosition="{{velo_end}}" creatingUser="{ALICE}"
          creationDateTime="2019-06-07T03:36:36Z">
        <Description>Mode de déplacement</Description>
        <Coding guid="9b000000-0000-4000-8000-000000000001" creatingUser="{ALICE}">
          <CodeRef targetGUID="{MOBILITY}"/></Coding>
        <Coding guid="9b000000-0000-4000-8000-000000000002" creatingUser="{BOB}">
          <CodeRef targetGUID="{MOBILITY}"/></Coding>
        <Coding guid="9b000000-0000-4000-8000-000000000003" creatingUser="{BOB}">
          <CodeRef targetGUID="{TRUST}"/></Coding>
        <Coding guid="9b000000-0000-4000-8000-000000000004">
          <CodeRef targetGUID="f2b1c3d4-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="9a000000-0000-4000-8000-000000000002"
          startPosition="{{summer_start}}" endPosition="{{summer_end}}">
        <Coding guid="9b000000-0000-4000-8000-000000000005" creatingUser="{BOB}">
          <CodeRef targetGUID="{TRUST}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="9a000000-0000-4000-8000-000000000003" startPosition="0"
          endPosition="3"><Description>Annotation sans code</Description></PlainTextSelection>
      <VariableValue><VariableRef targetGUID="7d936548-f82a-4819-9315-a7aa81b61bc3"/>
        <IntegerValue>34</IntegerValue></VariableValue>
      <NoteRef targetGUID="0f758eeb-d61d-4e91-b250-79861c3869a6"/>
    </TextSource>
    <PDFSource guid="142eb46d-612e-4593-a385-d0e5d04d1288" name="Compte rendu.pdf"
        path="internal://142eb46d-612e-4593-a385-d0e5d04d1288.pdf"/>
    <PictureSource guid="361bcdb8-7d11-4343-a4cd-4130693eff76" name="Photo.png"
        path="internal://361bcdb8-7d11-4343-a4cd-4130693eff76.png"/>
    <AudioSource guid="df370983-f009-4d47-8615-711633fa9de6" name="Audio.m4a"
        path="relative:///df370983-f009-4d47-8615-711633fa9de6.m4a"/>
    <TextSource guid="df370983-f009-4d47-8615-711633fa9de7" name="Externe"
        plainTextPath="absolute:///home/someone/secret.txt"/>
  </Sources>
  <Notes>
    <Note guid="0f758eeb-d61d-4e91-b250-79861c3869a6" creatingUser="{ALICE}"
        creationDateTime="2021-01-15T23:37:54Z">
      <PlainTextContent>Penser au vélo</PlainTextContent>
      <PlainTextSelection guid="d61907b2-d0d4-48dc-b8b7-5e4f7ae5faa6" startPosition="4"
          endPosition="9"/>
    </Note>
  </Notes>
  <Sets><Set guid="5e000000-0000-4000-8000-000000000001" name="Entretiens"/></Sets>
  <Description>Projet NVivo</Description>
</Project>
"""


def nvivo_archive(text: str, positions: dict[str, int], folder: str = "Sources") -> bytes:
    qde = NVIVO_QDE.format(**positions)
    name = f"{folder}/a2b94468-80a5-412f-92d6-e900d97b55a6.txt"
    return build_qdpx(qde, {name: b"\xef\xbb\xbf" + text.encode("utf-8")})


def raw_positions(text: str) -> dict[str, int]:
    velo = text.index("Oui, à vélo 🚲")
    summer = text.index("Et l'été")
    return {
        "velo_start": velo,
        "velo_end": velo + len("Oui, à vélo 🚲"),
        "summer_start": summer,
        "summer_end": text.index("Moins") + len("Moins"),
    }


def test_reads_a_windows_tool_project_counting_crlf_as_two():
    """A capitalised Sources folder, a byte-order mark, CR LF counted as two characters,
    braced capital GUIDs: the passages come out right on "\\n" text."""
    project = read_qdpx(nvivo_archive(NVIVO_TEXT, raw_positions(NVIVO_TEXT)))
    (source,) = project.sources
    assert source.text == normalise_newlines(NVIVO_TEXT) and source.crlf_width == 2
    passages = [source.text[s.start : s.end] for s in source.selections]
    assert passages == ["Oui, à vélo 🚲", "Oui, à vélo 🚲", "Et l'été ?\nR : Moins"]
    alice, bob, second = source.selections
    # One selection, three coders' codings: split per coder, each with its own GUID.
    assert (alice.coder_guid, alice.code_guids) == (ALICE, (MOBILITY,))
    assert (bob.coder_guid, bob.code_guids) == (BOB, (MOBILITY, TRUST))
    assert alice.guid == "9a000000-0000-4000-8000-000000000001" and bob.guid != alice.guid
    assert alice.note == bob.note == "Mode de déplacement"
    assert alice.created == datetime(2019, 6, 7, 3, 36, 36, tzinfo=UTC)
    assert second.coder_guid == BOB
    assert source.guid == "a2b94468-80a5-412f-92d6-e900d97b55a6"
    assert source.description == "Entretien de mai" and source.author_guid == ALICE
    assert [user.guid for user in project.users] == [ALICE, BOB]
    assert project.codes[0] == QdaCode(MOBILITY, "Mobilité", "#2CA02C")
    assert project.created == datetime(2024, 5, 2, 8, 11, 12, tzinfo=UTC)
    assert project.notes == (
        QdaNote(
            "0f758eeb-d61d-4e91-b250-79861c3869a6",
            "Penser au vélo",
            ALICE,
            datetime(2021, 1, 15, 23, 37, 54, tzinfo=UTC),
        ),
    )
    assert project.description == "Projet NVivo"


def test_everything_not_imported_is_listed():
    """PDF, picture, audio and external sources, variables, cases, sets, case codings,
    uncoded selections and note links are reported by element, none silently dropped."""
    project = read_qdpx(nvivo_archive(NVIVO_TEXT, raw_positions(NVIVO_TEXT)))
    skipped = {(item.element, item.reason) for item in project.skipped}
    assert skipped == {
        ("Variable", "variable"),
        ("Case", "case"),
        ("Coding", "case_coding"),
        ("PlainTextSelection", "uncoded_selection"),
        ("VariableValue", "variable_value"),
        ("NoteRef", "note_link"),
        ("PDFSource", "unsupported_source"),
        ("PictureSource", "unsupported_source"),
        ("AudioSource", "unsupported_source"),
        ("TextSource", "external_source"),
        ("PlainTextSelection", "note_anchor"),
        ("Set", "set"),
    }
    assert {item.reason for item in project.skipped} <= set(SKIP_REASONS)
    pdf = next(item for item in project.skipped if item.element == "PDFSource")
    assert (pdf.guid, pdf.name) == ("142eb46d-612e-4593-a385-d0e5d04d1288", "Compte rendu.pdf")
    assert pdf.line and pdf.line > 1


def test_atlas_ti_counts_crlf_as_one():
    """ATLAS.ti files count a CR LF as one character; so can the caller say for any file."""
    text = normalise_newlines(NVIVO_TEXT)
    qde = NVIVO_QDE.replace("NVivo 14", "ATLAS.ti 23").format(**raw_positions(text))
    data = build_qdpx(
        qde, {"sources/a2b94468-80a5-412f-92d6-e900d97b55a6.txt": NVIVO_TEXT.encode()}
    )
    (source,) = read_qdpx(data).sources
    assert source.crlf_width == 1
    assert source.text[source.selections[-1].start : source.selections[-1].end] == (
        "Et l'été ?\nR : Moins"
    )
    other = nvivo_archive(NVIVO_TEXT, raw_positions(text), folder="sources")
    (source,) = read_qdpx(other, crlf_width=1).sources
    assert source.text[source.selections[0].start : source.selections[0].end] == "Oui, à vélo 🚲"


def test_inline_plain_text_content_is_read():
    """A text source may carry its text inside the XML instead of a file."""
    qde = minimal_qde("", selection_xml(0, 5)).replace(
        "\n<PlainTextSelection",
        "<PlainTextContent>Vélo 🚲 tous les jours</PlainTextContent>\n<PlainTextSelection",
        1,
    )
    (source,) = read_qdpx(build_qdpx(qde, {})).sources
    assert source.text[source.selections[0].start : source.selections[0].end] == "Vélo "


@pytest.mark.parametrize(
    ("attributes", "selections", "files", "code", "element"),
    [
        ('plainTextPath="internal://missing.txt"', "", {}, "missing_source", "TextSource"),
        (
            'plainTextPath="internal://../project.qde"',
            "",
            {},
            "missing_source",
            "TextSource",
        ),
        (
            'plainTextPath="internal://a.txt"',
            "",
            {"sources/a.txt": "été".encode("cp1252")},
            "source_not_utf8",
            "TextSource",
        ),
        (
            'plainTextPath="internal://a.txt"',
            selection_xml(2, 6),
            {"sources/a.txt": b"abc"},
            "bad_position",
            "PlainTextSelection",
        ),
        (
            'plainTextPath="internal://a.txt"',
            selection_xml(2, 1),
            {"sources/a.txt": b"abc"},
            "bad_position",
            "PlainTextSelection",
        ),
        (
            'plainTextPath="internal://a.txt"',
            selection_xml("1.5", 2),
            {"sources/a.txt": b"abc"},
            "bad_position",
            "PlainTextSelection",
        ),
        (
            'plainTextPath="internal://a.txt"',
            selection_xml(0, 2, code=TRUST),
            {"sources/a.txt": b"abc"},
            "unknown_code",
            "CodeRef",
        ),
        (
            'plainTextPath="internal://a.txt"',
            selection_xml(0, 2, guid=MOBILITY),
            {"sources/a.txt": b"abc"},
            "duplicate_guid",
            "PlainTextSelection",
        ),
    ],
)
def test_broken_projects_give_an_error_code_and_place(attributes, selections, files, code, element):
    """Missing files, wrong encodings, positions outside the text and unknown codes each have a
    code, with the element and line where they were found."""
    data = build_qdpx(minimal_qde(attributes, selections), files)
    error = error_code(lambda: read_qdpx(data))
    assert (error.code, error.element) == (code, element)
    assert error.line and error.line > 1


def test_project_in_the_wrong_namespace_is_refused():
    """A Project outside urn:QDA-XML:project:1.0 is not read."""
    qde = minimal_qde("", "").replace(PROJECT_NS, "urn:QDA-XML:project:0.4")
    assert error_code(lambda: read_qdpx(build_qdpx(qde, {}))).code == "wrong_namespace"


def test_empty_selection_is_listed_not_imported():
    """A selection of zero characters codes nothing: it is reported."""
    data = build_qdpx(
        minimal_qde('plainTextPath="internal://a.txt"', selection_xml(1, 1)),
        {"sources/a.txt": b"abc"},
    )
    project = read_qdpx(data)
    assert project.sources[0].selections == ()
    assert [item.reason for item in project.skipped] == ["empty_selection"]
