"""Demo documents of an experiment: small, realistic files generated in code."""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.documents import services
from civiclab.documents.models import Document, Folder
from civiclab.experiments.models import Experiment


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (Latin-1/cp1252 text), built byte by byte."""

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252", "replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    content = b"BT /F1 12 Tf 56 780 Td 16 TL\n"
    for line in lines:
        content += literal(line) + b" Tj T*\n"
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def tiny_png(width: int = 240, height: int = 80) -> bytes:
    """A banner in the lab's colours: blue with a light stripe (an RGB PNG, built by hand)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b""
    for y in range(height):
        colour = bytes((140, 196, 255)) if height // 3 <= y < height // 3 + 8 else b"\x12\x31\x4f"
        rows += b"\x00" + colour * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _note(experiment: Experiment, version: int) -> bytes:
    text = f"""# Note de cadrage — {experiment.title}

## Pourquoi cette expérimentation
Le lab accompagne {experiment.territory} pour tester une nouvelle manière d'associer les
habitants aux décisions publiques, et mesurer ce qu'elle change.

## Ce que nous attendons
- davantage de participants, et des profils plus divers ;
- des propositions reprises dans les décisions de la collectivité ;
- un retour aux habitants sur ce qui a été fait de leurs contributions.

## Gouvernance
Un COPIL tous les trois mois (élus, services, lab), un COTECH mensuel.
"""
    if version > 1:
        text += """
## Calendrier (ajout après le COPIL de lancement)
Premières séances au printemps ; évaluation intermédiaire avant l'été.
"""
    return text.encode("utf-8")


def _calendar(experiment: Experiment) -> bytes:
    # As French Excel saves it: semicolons, Windows-1252.
    rows = [
        "Séance;Date;Lieu;Public",
        "COPIL de lancement;15/01/2026;Hôtel de ville;Élus et services",
        "Atelier habitants n°1;05/02/2026;Maison de quartier;Habitants",
        "Atelier habitants n°2;12/03/2026;Centre social;Habitants",
        "COTECH;26/03/2026;Visio;Services et lab",
        "COPIL intermédiaire;16/04/2026;Hôtel de ville;Élus et services",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def _agenda(experiment: Experiment) -> bytes:
    return tiny_pdf(
        [
            f"COPIL n°1 — {experiment.title}",
            "",
            "Ordre du jour",
            "1. Présentation du protocole et des hypothèses",
            "2. Calendrier des séances",
            "3. Indicateurs d'impact : premières propositions",
            "4. Questions diverses",
        ]
    )


# folder -> [(file name, content builder, tags, comment)]
DEMO_FILES = {
    "Cadrage": [
        ("Note de cadrage.md", lambda e: _note(e, 1), ["cadrage", "protocole"], "Première version"),
    ],
    "COPIL": [
        ("Calendrier des séances.csv", _calendar, ["copil", "calendrier"], ""),
        ("Ordre du jour COPIL n°1.pdf", _agenda, ["copil"], "Envoyé aux élus"),
    ],
    "Communication": [
        ("Bandeau réseaux sociaux.png", lambda e: tiny_png(), ["communication"], ""),
    ],
}


def build_demo_documents(experiment: Experiment, author) -> None:
    """Add the demo folders and documents that `experiment` does not have yet."""
    for folder_name, files in DEMO_FILES.items():
        folder = Folder.objects.filter(
            experiment=experiment, parent=None, name=folder_name
        ).first() or services.create_folder(author, experiment, None, folder_name)
        for file_name, build, tags, comment in files:
            # Also skips a demo document someone deleted: it is not brought back.
            if Document.objects.filter(experiment=experiment, name=file_name).exists():
                continue
            upload = SimpleUploadedFile(file_name, build(experiment))
            document = services.upload_document(
                author, experiment, folder, upload, tags=tags, comment=comment
            )
            if file_name == "Note de cadrage.md":
                second = SimpleUploadedFile(file_name, _note(experiment, 2))
                services.add_version(author, document, second, "Calendrier ajouté après le COPIL")
