"""Every interface string has its French translation, including strings nobody extracted."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "civiclab"
CATALOG = SOURCE / "locale/fr/LC_MESSAGES/django.po"
# The keywords makemessages gives xgettext for Python sources.
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "pgettext_lazy:1c,2",
    "_",
]


def _entries(po_text: str) -> dict[str, str]:
    """msgid -> msgstr of a PO/POT text (obsolete and plural entries left out)."""
    entries = {}
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if not lines or any(line.startswith("msgid_plural") for line in lines):
            continue
        try:
            start = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
            middle = next(i for i, line in enumerate(lines) if line.startswith("msgstr "))
        except StopIteration:
            continue

        def text(part):
            return "".join(json.loads(line[line.index('"') :]) for line in part)

        entries[text(lines[start:middle])] = text(lines[middle:])
    entries.pop("", None)
    return entries


def _xgettext(files: list[Path], language: str) -> set[str]:
    command = ["xgettext", f"--language={language}", "--from-code=UTF-8", "-o", "-"]
    command += [f"--keyword={k}" for k in KEYWORDS]
    result = subprocess.run(
        command + [str(f) for f in files], capture_output=True, text=True, check=True
    )
    return set(_entries(result.stdout))


def _source_msgids(tmp_path: Path) -> set[str]:
    python = [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]
    converted = []
    for number, template in enumerate(sorted(SOURCE.rglob("templates/**/*.html"))):
        target = tmp_path / f"template_{number}.py"
        target.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)))
        converted.append(target)
    return _xgettext(python, "Python") | _xgettext(converted, "Python")


def test_every_source_string_is_translated_to_french(tmp_path):
    """A string added to the code or a template without a French translation fails here,
    even if nobody ran makemessages."""
    translated = {
        msgid for msgid, msgstr in _entries(CATALOG.read_text(encoding="utf-8")).items() if msgstr
    }
    missing = sorted(_source_msgids(tmp_path) - translated)
    assert not missing, (
        "Not translated to French (run makemessages, then translate):\n" + "\n".join(missing)
    )


def test_french_catalog_compiles_without_fuzzy_entries():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOG)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("sample", ["Réunions", "Mes tâches", "Jalons atteints"])
def test_catalog_holds_known_translations(sample):
    assert sample in _entries(CATALOG.read_text(encoding="utf-8")).values()


def test_no_template_comment_spills_onto_the_page():
    """Django's {# #} comments end at the line's end; a multi-line one is shown to users."""
    spilled = []
    for template in SOURCE.rglob("templates/**/*.html"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if "{#" in line and "#}" not in line[line.index("{#") :]:
                spilled.append(f"{template.relative_to(SOURCE)}:{number}")
    assert not spilled, spilled


def test_no_translated_string_hides_inside_an_f_string():
    """xgettext does not read the expressions of an f-string: `f"{x} — {_('milestones')}"`
    is never extracted, so it stays English in a French document (a steering deck did)."""
    hidden = re.compile(r"""\bf(["']).*?\{\s*(?:_|gettext|pgettext|ngettext)\(""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if hidden.search(line)
    ]
    assert not found
