"""What the file readers' error codes mean, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EXTRACTION = {
    "unsupported_type": gettext_lazy(
        "this kind of file is not read: use TXT, Markdown, Word (DOCX) or OpenDocument (ODT)"
    ),
    "empty": gettext_lazy("the file holds no text"),
    "too_large": gettext_lazy("the text is too long (more than 10 MB)"),
    "corrupt": gettext_lazy("the file is damaged or is not what its name says"),
    "undecodable": gettext_lazy("the characters of the file could not be read"),
    "protected": gettext_lazy("the document is protected by a password: remove it and retry"),
    "legacy_format": gettext_lazy(
        "this is an old Word file (.doc): save it as .docx or .odt and retry"
    ),
}

REFI = {
    "not_zip": gettext_lazy("the file is not a REFI-QDA project (.qdpx is a zip archive)"),
    "too_large": gettext_lazy("the file is too large"),
    "bad_xml": gettext_lazy("the XML is malformed"),
    "wrong_root": gettext_lazy("this is not a REFI-QDA codebook or project"),
    "missing_source": gettext_lazy("a source file named in the project is missing"),
    "bad_position": gettext_lazy("a coded passage lies outside its source's text"),
    "unknown_code": gettext_lazy("a passage refers to a code that is not in the codebook"),
    "encrypted": gettext_lazy("the archive is protected by a password"),
    "too_many_entries": gettext_lazy("the archive holds far too many files"),
    "missing_project": gettext_lazy("the archive holds no project file (.qde)"),
    "xml_entities": gettext_lazy("the XML declares entities, which are refused for safety"),
    "wrong_namespace": gettext_lazy("the file is not in the REFI-QDA 1.0 format"),
    "missing_attribute": gettext_lazy("a required attribute is missing"),
    "bad_guid": gettext_lazy("an identifier (GUID) is malformed"),
    "duplicate_guid": gettext_lazy("two items share one identifier (GUID)"),
    "unknown_user": gettext_lazy("an item refers to an unknown user"),
    "source_not_utf8": gettext_lazy("a source's text is not encoded in UTF-8"),
    "bad_colour": gettext_lazy("a colour is not written #RRGGBB"),
    "bad_text": gettext_lazy("a text holds characters that cannot be written"),
    "naive_datetime": gettext_lazy("a date has no time zone"),
}

CODEBOOK = {
    "duplicate": gettext_lazy("this code appears twice"),
    "empty_name": gettext_lazy("a code has no name"),
    "bad_colour": gettext_lazy("the colour is not written #RRGGBB"),
    "too_deep": gettext_lazy("codes nest at most 6 levels deep"),
    "no_header": gettext_lazy("the first line must name the columns: code; description; couleur"),
    "undecodable": gettext_lazy("the characters of the file could not be read"),
    "empty": gettext_lazy("the file holds no code"),
    "bad_csv": gettext_lazy("the CSV structure is broken"),
    "unknown_column": gettext_lazy("a column of the first line is unknown"),
    "duplicate_column": gettext_lazy("a column is named twice in the first line"),
    "separator_in_name": gettext_lazy("a code name holds “>”, which separates the levels"),
}


def _worded(table: dict, problem) -> str:
    code = getattr(problem, "code", "")
    return str(table.get(code, _("the file could not be read")))


def extraction_message(problem, filename: str) -> str:
    return _("“%(file)s”: %(reason)s.") % {"file": filename, "reason": _worded(EXTRACTION, problem)}


def refi_message(problem, filename: str) -> str:
    where = getattr(problem, "detail", "")
    message = _("“%(file)s”: %(reason)s.") % {"file": filename, "reason": _worded(REFI, problem)}
    return f"{message} ({where})" if where else message


def codebook_message(problem, filename: str) -> str:
    line = getattr(problem, "line", None)
    reason = _worded(CODEBOOK, problem)
    if line:
        return _("“%(file)s”, line %(line)s: %(reason)s.") % {
            "file": filename,
            "line": line,
            "reason": reason,
        }
    return _("“%(file)s”: %(reason)s.") % {"file": filename, "reason": reason}
