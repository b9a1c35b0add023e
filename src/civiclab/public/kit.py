"""The replication kit of a published experiment: its protocol as a PDF, its questionnaires as
XLSForm, its public report, its open data and published documents, in one zip with a README.

Everything in it is built from what the public site may show: the protocol sections chosen
for the kit, the published indicators with small cells withheld, pseudonymised verbatims,
photos with image rights. The kit is written in the lab's language (French), whatever the
visitor reads the site in: it is a working file for other territories.
"""

import hashlib
import io
import pickle
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civiclab.analysis.models import CachedResult
from civiclab.audit.services import site_language
from civiclab.documents.filetypes import safe_filename
from civiclab.experiments.models import ProtocolSection
from civiclab.gallery.selectors import media_for_export
from civiclab.impact.models import Indicator
from civiclab.opendata import services as opendata
from civiclab.opendata.selectors import publishes_aggregates, publishes_answers
from civiclab.public import figures
from civiclab.public.models import Publication
from civiclab.public.selectors import public_documents, public_report, public_verbatims
from civiclab.qualitative.models import Verbatim
from civiclab.reports import builder
from civiclab.reports import document as doc
from civiclab.reports.models import BlockKind, Report
from civiclab.reports.render_pdf import pdf_bytes
from civiclab.surveys.models import Choice, Questionnaire
from civiclab.surveys.xlsform import export_xlsform

# Questionnaires in the kit: those used or ready to be used in the field, not drafts.
SHARED_QUESTIONNAIRES = (
    Questionnaire.Status.APPROVED,
    Questionnaire.Status.OPEN,
    Questionnaire.Status.CLOSED,
)
# Report blocks never in a public version: budgets are not published on the public site, and
# a question's chart shows every answer's count, small ones included (the open-data
# aggregates publish those counts with small cells hidden).
LEFT_OUT_OF_PUBLIC_REPORTS = (BlockKind.BUDGET, BlockKind.QUESTION)
KEPT = "public/kits"  # in the default storage: files already made, by fingerprint
LICENCE = (
    "Textes, protocole, questionnaires et rapport\u00a0: licence Creative Commons "
    "Attribution 4.0 International (CC BY 4.0), "
    "https://creativecommons.org/licenses/by/4.0/deed.fr\n"
    "Données ouvertes\u00a0: Licence Ouverte / Open Licence version 2.0 (Etalab), "
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/\n"
    "Photos\u00a0: chacune sous le crédit indiqué dans le rapport\u202f; ne pas les "
    "réutiliser hors de ce kit sans l'accord de leurs auteurs."
)


@dataclass(frozen=True)
class KitFile:
    path: str
    data: bytes
    description: str


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def _subtitle(experiment) -> str:
    territory = experiment.territory.name if experiment.territory_id else ""
    return " — ".join(filter(None, [experiment.title, territory]))


# --- the protocol ------------------------------------------------------------------------------


def protocol_document(publication: Publication) -> doc.Document | None:
    """The latest protocol version: the sections chosen for the kit, then the hypotheses."""
    experiment = publication.experiment
    version = experiment.protocol_versions.order_by("-number").first()
    if version is None:
        return None
    chosen = set(publication.kit_sections or [])
    blocks: list[doc.Block] = []
    for code, label in ProtocolSection.choices:
        text = (version.sections or {}).get(code, "")
        if code in chosen and text.strip():
            blocks.append(doc.Text(str(label), _paragraphs(text)))
        if code == ProtocolSection.OBJECTIVES and version.hypotheses:
            hypotheses = tuple(
                f"H{number}. {item['text']}"
                for number, item in enumerate(version.hypotheses, start=1)
            )
            blocks.append(doc.Text(_("Hypotheses"), hypotheses))
    return doc.Document(
        title=_("Experiment protocol"),
        subtitle=_subtitle(experiment),
        made_on=timezone.localdate(),
        look=builder.look(),
        blocks=tuple(blocks),
        audience=_("Version %(number)s of %(date)s")
        % {
            "number": version.number,
            "date": date_format(timezone.localtime(version.created_at), "SHORT_DATE_FORMAT"),
        },
        footer=_("Replication kit"),
    )


# --- the public report -------------------------------------------------------------------------


class _PublicReport:
    """Builds a report's blocks as the public may see them (see LEFT_OUT_OF_PUBLIC_REPORTS)."""

    def __init__(self, publication: Publication, report: Report, draw: bool):
        self.publication = publication
        self.experiment = publication.experiment
        self.context = builder.Context(report, draw=draw)
        self.results = figures.cached_results(self.experiment, compute=True) or {}
        self.k = figures.min_cell(self.experiment)
        self.published = {i.pk: i for i in figures.published_indicators(publication)}
        self.verbatims = {v.pk: v for v in public_verbatims(publication)}

    def blocks(self) -> Iterator[doc.Block]:
        report = self.context.report
        for block in report.blocks.select_related("indicator", "verbatim__source"):
            if block.kind in LEFT_OUT_OF_PUBLIC_REPORTS:
                continue
            yield from getattr(self, f"_{block.kind}")(block)

    def _card(self, indicator: Indicator) -> doc.Block:
        if not figures.disclosable(indicator, self.results, self.k):
            return doc.Text(indicator.name, (_("Too few answers to publish this result."),))
        card = builder.indicator_card(indicator, self.context)
        result = self.results.get(str(indicator.pk)) or {}
        waves = result.get("waves", [])
        if any(not figures.value_disclosable(indicator.kind, w, self.k) for w in waves):
            # The trend and the change show each wave's figure: not if one of them is small.
            card = replace(card, chart=None, change="")
        return card

    def _indicators(self, block) -> Iterator[doc.Block]:
        for indicator in self.published.values():
            yield self._card(indicator)

    def _indicator(self, block) -> Iterator[doc.Block]:
        if block.indicator_id in self.published:
            yield self._card(self.published[block.indicator_id])

    def _breakdown(self, block) -> Iterator[doc.Block]:
        """A table by group only if no group of it counts fewer than k people."""
        indicator = self.published.get(block.indicator_id)
        if indicator is None or not figures.disclosable(indicator, self.results, self.k):
            return
        result = self.results.get(str(indicator.pk)) or {}
        for code, breakdown in result.get("breakdowns", {}).items():
            if block.breakdown and code != block.breakdown:
                continue
            groups = [g for g in breakdown["groups"] if g["n"] > 0]
            if any(not figures.value_disclosable(indicator.kind, g, self.k) for g in groups):
                return
        block.indicator = indicator
        yield from builder.breakdown_tables(block, self.context)

    def _quote(self, verbatim: Verbatim) -> doc.Quote | None:
        """The quote if it is published on the page (and still pseudonymised)."""
        if verbatim.pk not in self.verbatims:
            return None
        # Without the source: an interview's title often names the person interviewed.
        return doc.Quote(verbatim.text, verbatim.attribution)

    def _verbatims(self, block) -> Iterator[doc.Block]:
        for verbatim in self.verbatims.values():
            yield self._quote(verbatim)

    def _verbatim(self, block) -> Iterator[doc.Block]:
        quote = self._quote(block.verbatim) if block.verbatim else None
        if quote is not None:
            yield quote

    def _photos(self, block) -> Iterator[doc.Block]:
        for item in media_for_export(self.experiment, public=True):
            size = item.large_dimensions
            if size is None:
                continue
            with item.large.open("rb") as file:
                jpeg = file.read()
            yield doc.Photo(jpeg, size[0], size[1], item.caption, item.credit, item.alt_text)

    def _text(self, block) -> Iterator[doc.Block]:
        yield from builder.text_block(block, self.context)

    def _protocol(self, block) -> Iterator[doc.Block]:
        version = self.experiment.protocol_versions.order_by("-number").first()
        if version is None:
            return
        chosen = set(self.publication.kit_sections or [])
        paragraphs = [
            f"{section.label}. {(version.sections or {}).get(section, '').strip()}"
            for section in builder.PROTOCOL_SECTIONS
            if section in chosen and (version.sections or {}).get(section, "").strip()
        ]
        paragraphs += [f"H{n}. {h['text']}" for n, h in enumerate(version.hypotheses, start=1)]
        yield doc.Text(block.title or _("The experiment"), tuple(paragraphs))

    def _timeline(self, block) -> Iterator[doc.Block]:
        yield from builder.milestones_block(block, self.context)


def public_report_document(publication: Publication, draw: bool = True) -> doc.Document | None:
    """The publication's report as the public may read it, or None if none is chosen. With
    `draw` False, charts keep only their specification (fast: enough to fingerprint it)."""
    report = public_report(publication)
    if report is None:
        return None
    built = _PublicReport(publication, report, draw)
    return doc.Document(
        title=report.title,
        subtitle=_subtitle(publication.experiment),
        made_on=timezone.localdate(),
        look=builder.look(),
        blocks=tuple(built.blocks()),
        audience=report.audience,
        footer=report.footer,
    )


# --- files kept between requests --------------------------------------------------------------
# Drawing charts and laying out PDFs takes seconds: each file is kept under the fingerprint of
# everything it is made of, and made again only when that changes. The fingerprint is taken
# from the content itself (texts, figures, photos' bytes, chart specifications), so a quote
# edited or a photo whose consent is withdrawn changes it, whatever changed it.


def fingerprint(*parts) -> str:
    """A key for a kept file made of `parts`, in the renderers' current layout."""
    return hashlib.sha256(pickle.dumps((doc.LAYOUT, parts), protocol=5)).hexdigest()[:40]


def _kept(experiment, name: str, key: str, make: Callable[[], bytes]) -> bytes:
    folder = f"{KEPT}/{experiment.pk}"
    path = f"{folder}/{name}-{key}"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as file:
            return file.read()
    data = make()
    forget_files(experiment, prefix=f"{name}-")
    default_storage.save(path, ContentFile(data))
    return data


def forget_files(experiment, prefix: str = "") -> None:
    """Delete the kept files of `experiment` (those whose name starts with `prefix`)."""
    folder = f"{KEPT}/{experiment.pk}"
    try:
        _dirs, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if name.startswith(prefix):
            default_storage.delete(f"{folder}/{name}")


def public_report_pdf(publication: Publication) -> bytes | None:
    with site_language():
        draft = public_report_document(publication, draw=False)
        if draft is None:
            return None
        return _kept(
            publication.experiment,
            "rapport",
            fingerprint(draft),
            lambda: pdf_bytes(public_report_document(publication, draw=True)),
        )


# --- the zip ---------------------------------------------------------------------------------


def _questionnaires(experiment) -> Iterator[KitFile]:
    found = Questionnaire.objects.filter(experiment=experiment, status__in=SHARED_QUESTIONNAIRES)
    for questionnaire in found.order_by("title", "pk"):
        version = questionnaire.current_version()
        if version is None:
            continue
        yield KitFile(
            f"questionnaires/{questionnaire.form_id}-v{version.number}.xlsx",
            export_xlsform(version),
            f"Questionnaire «\u00a0{questionnaire.title}\u00a0», version {version.number}, "
            "au format XLSForm (KoboToolbox, ODK, civiclab).",
        )


def _questionnaires_state(experiment) -> tuple:
    """What the kit's XLSForm files are made of (the files themselves carry timestamps)."""
    state = []
    found = Questionnaire.objects.filter(experiment=experiment, status__in=SHARED_QUESTIONNAIRES)
    for questionnaire in found.order_by("title", "pk"):
        version = questionnaire.current_version()
        if version is None:
            continue
        state.append(
            (
                questionnaire.pk,
                questionnaire.title,
                questionnaire.form_id,
                questionnaire.default_language,
                version.pk,
                list(version.sections.order_by("pk").values()),
                list(version.questions.order_by("pk").values()),
                list(version.choice_lists.order_by("pk").values()),
                list(Choice.objects.filter(choice_list__version=version).order_by("pk").values()),
            )
        )
    return tuple(state)


def _open_data_state(experiment) -> tuple:
    """What the open-data files of the kit depend on. Stale files are asked of the worker
    here, so that the kit is made again once they are ready."""
    options = opendata.settings_of(experiment)
    state = [options.publication_key(), publishes_aggregates(experiment)]
    state.append(publishes_answers(experiment))
    if publishes_aggregates(experiment):
        opendata.cached_aggregates(experiment)
        state += list(
            CachedResult.objects.filter(experiment=experiment, key=opendata.AGGREGATES).values_list(
                "stamp", "computed_at"
            )
        )
    if publishes_answers(experiment):
        for questionnaire in opendata.answered_questionnaires(experiment):
            job = opendata.public_answers_job(questionnaire, start=True)
            state.append((questionnaire.form_id, job.pk if job else None))
    return tuple(state)


def _open_data(experiment) -> tuple[list[KitFile], list[str]]:
    """The published open-data files ready now, and notes on those still being prepared."""
    files, notes = [], []
    slug = experiment.slug
    if publishes_aggregates(experiment):
        found, _fresh = opendata.cached_aggregates(experiment)
        if found is None:
            url = reverse("opendata:public_aggregates", args=[slug, "csv"])
            notes.append(f"Agrégats en cours de préparation\u00a0: {url}")
        else:
            rows = opendata.aggregate_rows(experiment, found, public=True)
            files += [
                KitFile(
                    f"donnees-ouvertes/{slug}-agregats.csv",
                    opendata.aggregates_csv(rows),
                    "Résultats agrégés par question et par vague (petits effectifs masqués), "
                    "CSV pour Excel.",
                ),
                KitFile(
                    f"donnees-ouvertes/{slug}-agregats.json",
                    opendata.aggregates_json(experiment, rows, public=True),
                    "Les mêmes résultats agrégés, en JSON.",
                ),
                KitFile(
                    f"donnees-ouvertes/{slug}-dictionnaire.csv",
                    opendata.dictionary_csv(opendata.aggregates_dictionary(experiment)),
                    "Dictionnaire des champs des fichiers d'agrégats.",
                ),
            ]
    if publishes_answers(experiment):
        for questionnaire in opendata.answered_questionnaires(experiment):
            job = opendata.public_answers_job(questionnaire, start=True)
            form_id = questionnaire.form_id
            if job is None or not job.file:
                url = reverse("opendata:public_answers", args=[slug, form_id])
                notes.append(f"Réponses anonymisées en cours de préparation\u00a0: {url}")
                continue
            with job.file.open("rb") as answers, job.codebook.open("rb") as codebook:
                files += [
                    KitFile(
                        f"donnees-ouvertes/{slug}-{form_id}-reponses.csv",
                        answers.read(),
                        "Réponses anonymisées au questionnaire "
                        f"«\u00a0{questionnaire.title}\u00a0».",
                    ),
                    KitFile(
                        f"donnees-ouvertes/{slug}-{form_id}-dictionnaire.csv",
                        codebook.read(),
                        "Dictionnaire des variables du fichier de réponses.",
                    ),
                ]
    return files, notes


def _documents(publication: Publication) -> Iterator[KitFile]:
    taken = set()
    for version in public_documents(publication):
        name = safe_filename(version.original_name)
        path = f"documents/{name}"
        if path in taken:
            stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
            path = f"documents/{stem}-{version.pk}{suffix}"
        taken.add(path)
        with version.file.open("rb") as file:
            yield KitFile(path, file.read(), version.document.name)


def _credits(experiment) -> tuple:
    """What the README says of who made the experiment and its photos."""
    partners = ", ".join(p.name for p in experiment.partners.order_by("name"))
    credits = sorted(
        {item.credit for item in media_for_export(experiment, public=True) if item.credit}
    )
    return (builder.look().lab_name, partners, tuple(credits))


def _wrapped(text: str, bullet: bool = False) -> str:
    """`text` cut at 88 columns for a plain-text reader, addresses left whole."""
    return textwrap.fill(
        text,
        width=88,
        initial_indent="- " if bullet else "",
        subsequent_indent="  " if bullet else "",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _readme(publication: Publication, files: list[KitFile], notes: list[str], url: str) -> str:
    """The kit's README, in French (see the module)."""
    experiment = publication.experiment
    today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    lab, partners, credits = _credits(experiment)
    title = f"Kit de réplication — {experiment.title}"
    blocks = [
        f"{title}\n{'=' * min(88, len(title))}",
        f"Territoire\u00a0: {experiment.territory.name}\n"
        f"Page publique\u00a0: {url}\n"
        f"Kit préparé le {today} par {lab}.",
        _wrapped(
            "Ce kit rassemble ce qu'il faut pour reproduire l'expérimentation sur un autre "
            "territoire\u00a0: son protocole, ses questionnaires, son rapport public et, quand "
            "elle en publie, ses données ouvertes. Aucune réponse individuelle nominative n'y "
            "figure."
        ),
        "Contenu\n-------\n"
        + "\n".join(
            [_wrapped(f"{item.path}\u00a0: {item.description}", True) for item in files]
            + [_wrapped(note, True) for note in notes]
        ),
        "Licence\n-------\n" + "\n".join(_wrapped(line) for line in LICENCE.splitlines()),
    ]
    made_by = f"Expérimentation conduite par {lab}" + (f" avec {partners}." if partners else ".")
    if credits:
        made_by += "\nPhotos\u00a0: " + "\u202f; ".join(credits) + "."
    blocks.append("Crédits\n-------\n" + "\n".join(_wrapped(line) for line in made_by.splitlines()))
    blocks.append(
        _wrapped(
            "Les questionnaires s'ouvrent dans KoboToolbox, ODK ou civiclab (import XLSForm). "
            "Les fichiers CSV utilisent le point-virgule et s'ouvrent dans Excel ou LibreOffice."
        )
    )
    return "\n\n".join(blocks) + "\n"


def _kit_files(publication: Publication, page_url: str) -> list[KitFile]:
    """Every file of the kit, README first."""
    experiment = publication.experiment
    files: list[KitFile] = []
    protocol = protocol_document(publication)
    if protocol is not None:
        files.append(
            KitFile(
                "protocole.pdf",
                pdf_bytes(protocol),
                "Le protocole de l'expérimentation\u00a0: contexte, objectifs, hypothèses, "
                "méthode, acteurs, plan d'évaluation.",
            )
        )
    files += list(_questionnaires(experiment))
    report = public_report_pdf(publication)
    if report is not None:
        files.append(
            KitFile(
                "rapport-public.pdf",
                report,
                "Le rapport public\u00a0: résultats publiés, paroles de participants, photos.",
            )
        )
    data, notes = _open_data(experiment)
    files += data
    files += list(_documents(publication))
    readme = _readme(publication, files, notes, page_url)
    return [KitFile("README.txt", readme.encode("utf-8"), "Ce fichier."), *files]


def _zip(publication: Publication, files: list[KitFile]) -> bytes:
    buffer = io.BytesIO()
    folder = f"{slugify(publication.experiment.slug)}-kit"
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            archive.writestr(f"{folder}/{item.path}", item.data)
    return buffer.getvalue()


def kit_zip(publication: Publication, page_url: str) -> bytes:
    """The replication kit as a zip, made again only when something in it changed."""
    experiment = publication.experiment
    with site_language():
        documents = list(public_documents(publication).values_list("pk", "sha256"))
        key = fingerprint(
            page_url,
            protocol_document(publication),
            public_report_document(publication, draw=False),
            _questionnaires_state(experiment),
            _open_data_state(experiment),
            documents,
            _credits(experiment),
            experiment.title,
            experiment.territory.name,
        )
        return _kept(
            experiment,
            "kit",
            key,
            lambda: _zip(publication, _kit_files(publication, page_url)),
        )
