"""A published experiment with private things all around it, and the people who publish it.

Experiment A (Lille) is public and published. Its questionnaire (the Kobo test form) has 16
answers before and 25 after; every respondent gave the name "Camille Martin" and an e-mail.
Published: the share of trust (n = 25 after; before, only 2 people do not trust: a small
cell), the mean age of first-timers (3 people: too few), one pseudonymised verbatim, one
consented photo, a public report, a document, one news post. Not published, or not
publishable: a hand-entered indicator, a verbatim nobody pseudonymised, a refused photo and
one without consent, a draft news post, an internal report, a second document, the budget
plan and risks of the protocol. Experiment B is published but not public; experiment C is
public but not published.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civiclab.budget.models import BudgetLine, Category
from civiclab.collection.models import Campaign
from civiclab.collection.services import Submission, submit
from civiclab.documents.demo import tiny_pdf
from civiclab.documents.services import upload_document
from civiclab.experiments import services as experiments
from civiclab.experiments.models import Membership
from civiclab.gallery import services as gallery
from civiclab.gallery.models import MediaItem
from civiclab.impact.models import Impact, Indicator, Kind, Measurement
from civiclab.opendata.models import OpenDataSettings
from civiclab.public import services
from civiclab.public.models import NewsPost, Publication, PublishedVerbatim
from civiclab.qualitative import services as qualitative
from civiclab.qualitative.models import Source
from civiclab.reports import services as reports
from civiclab.reports.models import BlockKind, Report, ReportBlock
from tests.collection.conftest import adult_answers, campaign, questionnaire  # noqa: F401
from tests.conftest import give_role, make_experiment, make_user
from tests.gallery.conftest import (
    VIDEO_SECRETS,
    VIDEO_STREAM_SECRET,
    add_media,
    jpeg,
    phone_mp4,
    public_details,
)

Role = Membership.Role
Consent = MediaItem.Consent
IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
INTERVIEW = (
    "Entretien du 3 mars.\n"
    "J'habite rue Victor Hugo et le conseil m'a enfin écoutée.\n"
    "Germaine Pichon pense que la réunion du jeudi était beaucoup trop longue.\n"
)
PUBLIC_QUOTE = "J'habite [une rue du quartier] et le conseil m'a enfin écoutée."

# Nothing of these may appear at any public address or in any public file.
PRIVATE = [
    "Camille Martin",  # a respondent's name (personal-data answer)
    "camille@example.org",  # a respondent's e-mail
    "Coût interne confidentiel",  # an unpublished indicator...
    "987,65",  # ...and its value
    "987.65",
    "92,67",  # the mean age of 3 first-timers (n < k)
    "92.67",
    "Victor Hugo",  # replaced in the published quote
    "Germaine Pichon",  # a quote nobody pseudonymised
    "Entretien confidentiel",  # the interview's title
    "Photo refusée",
    "Photo sans autorisation",
    "Brouillon secret",
    "Rapport interne confidentiel",
    "Texte interne confidentiel",
    "Ligne budgétaire secrète",
    "Budget prévisionnel confidentiel",
    "Risque politique confidentiel",
    "Note interne confidentielle",
    "Massifier l'engagement citoyen",  # published, but the experiment is not public
    "Actualité d'une expérimentation privée",
    "Expérimentation publique non publiée",
    "coordinatrice@exemple.fr",  # the team's e-mail addresses
    "communicante@exemple.fr",
    "Vidéo refusée",
    VIDEO_SECRETS["title"],  # what the phone wrote in the public video's original file
    VIDEO_STREAM_SECRET,
]
# ...and all of these must be somewhere on the public site.
PUBLIC = [
    "Réinventer les conseils de quartier",
    "Des conseils de quartier ouverts au tirage au sort.",
    "Confiance dans le conseil de quartier",
    "Âge moyen des nouveaux venus",
    PUBLIC_QUOTE,
    "Habitante de Wazemmes",
    "Atelier public consenti",
    "Vidéo publique consentie",
    "Sous-titres publics de la vidéo",
    "Les conseils s'ouvrent au tirage au sort",
    "Rapport public de test",
    "Charte de participation",
    "Enseignements publics",
    "Contexte public de l'expérimentation.",
]


@dataclass
class World:
    experiment: object
    publication: Publication
    questionnaire: object
    trust: Indicator
    newcomers: Indicator
    internal: Indicator
    quote: object
    raw_quote: object
    photo: MediaItem
    refused: MediaItem
    unknown: MediaItem
    video: MediaItem
    hidden_video: MediaItem
    post: NewsPost
    draft: NewsPost
    report: Report
    internal_report: Report
    private_experiment: object
    unpublished_experiment: object
    private_post: NewsPost
    coordinator: object
    communicator: object


@pytest.fixture(autouse=True)
def tasks_inline(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def send(wave, **changes):
    submit(wave, Submission(answers=adult_answers(**changes), version_number=1))


def _answers(before, form):
    after = Campaign.objects.create(questionnaire=form, label="Après", wave="after")
    number = 0
    for wave, counts in [(before, {"3": 8, "4": 6, "1": 2}), (after, {"3": 7, "4": 9, "1": 6})]:
        for trust, count in counts.items():
            for _ in range(count):
                number += 1
                quartier = "centre" if number % 3 else "wazemmes"
                send(wave, confiance=trust, age=30 + number, quartier=quartier)
    for age in (91, 92, 95):  # three first-timers: too few to publish their mean age
        send(after, confiance="4", age=age, quartier="centre", premiere_fois="non")


def _protocol(actor, experiment):
    latest = experiments.latest_version(experiment)
    texts = {
        "context": "Contexte public de l'expérimentation.",
        "method": "Un tiers des sièges tiré au sort.",
        "budget_plan": "Budget prévisionnel confidentiel : 48 000 €.",
        "risks": "Risque politique confidentiel : le maire pourrait se retirer.",
    }
    for section, text in texts.items():
        latest = experiments.save_protocol_section(actor, experiment, section, text, latest.number)
    experiments.save_hypotheses(
        actor, experiment, [(None, "Le tirage au sort diversifie les conseils.")], latest.number
    )


def _framework(experiment, form):
    impact = Impact.objects.create(experiment=experiment, title="Des conseils qui écoutent")
    trust = Indicator.objects.create(
        experiment=experiment,
        impact=impact,
        name="Confiance dans le conseil de quartier",
        kind=Kind.SHARE,
        questionnaire=form,
        question_code="confiance",
        options=["3", "4"],
        breakdowns=["quartier"],
        position=1,
    )
    newcomers = Indicator.objects.create(
        experiment=experiment,
        impact=impact,
        name="Âge moyen des nouveaux venus",
        kind=Kind.MEAN,
        unit="ans",
        questionnaire=form,
        question_code="age",
        subgroup_code="premiere_fois",
        subgroup_options=["non"],
        position=2,
    )
    internal = Indicator.objects.create(
        experiment=experiment,
        impact=impact,
        name="Coût interne confidentiel par participant",
        kind=Kind.MANUAL,
        unit="€",
        position=3,
    )
    Measurement.objects.create(
        indicator=internal, value=Decimal("987.65"), measured_on=date(2026, 3, 1)
    )
    return trust, newcomers, internal


def _verbatims(actor, experiment):
    source = qualitative.save_source(
        actor,
        Source(experiment=experiment, kind=Source.Kind.INTERVIEW, title="Entretien confidentiel"),
        INTERVIEW,
    )
    text = source.text
    first = text.index("J'habite")
    quote = qualitative.save_verbatim(
        actor,
        source,
        first,
        text.index("\n", first),
        replacements=[("rue Victor Hugo", "[une rue du quartier]")],
        attribution="Habitante de Wazemmes",
    )
    second = text.index("Germaine")
    end = text.find("\n", second)
    raw = qualitative.save_verbatim(actor, source, second, end if end > 0 else len(text))
    return quote, raw


def _media(actor, experiment):
    (photo,) = add_media(
        actor, experiment, jpeg("A.jpg"), **public_details(caption="Atelier public consenti")
    )
    (refused,) = add_media(
        actor,
        experiment,
        jpeg("B.jpg"),
        **public_details(caption="Photo refusée de Mme P.", consent=Consent.REFUSED),
    )
    (unknown,) = add_media(
        actor,
        experiment,
        jpeg("C.jpg"),
        **public_details(caption="Photo sans autorisation", consent=Consent.UNKNOWN),
    )
    (video,) = add_media(
        actor,
        experiment,
        phone_mp4("Reportage.mp4"),
        **public_details(caption="Vidéo publique consentie"),
    )
    captions = "WEBVTT\n\n00:00.000 --> 00:00.900\nSous-titres publics de la vidéo\n"
    video = gallery.edit_media(
        actor,
        video,
        captions=SimpleUploadedFile("Reportage.vtt", captions.encode(), "text/vtt"),
        **public_details(caption="Vidéo publique consentie"),
    )
    (hidden_video,) = add_media(
        actor,
        experiment,
        phone_mp4("Interdit.mp4"),
        **public_details(caption="Vidéo refusée", consent=Consent.REFUSED),
    )
    return photo, refused, unknown, video, hidden_video


def _reports(actor, experiment, trust, form):
    BudgetLine.objects.create(
        experiment=experiment,
        category=Category.values[0],
        label="Ligne budgétaire secrète",
        planned=Decimal("48000"),
    )
    report = reports.create_report(
        actor, experiment, Report(title="Rapport public de test", public=True)
    )
    blocks = [
        ReportBlock(report=report, kind=BlockKind.PROTOCOL),
        ReportBlock(report=report, kind=BlockKind.INDICATORS),
        ReportBlock(report=report, kind=BlockKind.BREAKDOWN, indicator=trust),
        ReportBlock(
            report=report,
            kind=BlockKind.QUESTION,
            questionnaire=form,
            question="confiance",
        ),
        ReportBlock(report=report, kind=BlockKind.VERBATIMS),
        ReportBlock(report=report, kind=BlockKind.PHOTOS),
        ReportBlock(report=report, kind=BlockKind.BUDGET),
        ReportBlock(report=report, kind=BlockKind.TIMELINE),
        ReportBlock(report=report, kind=BlockKind.TEXT, title="Enseignements publics"),
    ]
    for block in blocks:
        reports.save_block(actor, block)
    internal = reports.create_report(
        actor, experiment, Report(title="Rapport interne confidentiel", public=False)
    )
    reports.save_block(
        actor,
        ReportBlock(report=internal, kind=BlockKind.TEXT, title="Texte interne confidentiel"),
    )
    return report, internal


def _documents(actor, experiment):
    charter = upload_document(
        actor,
        experiment,
        None,
        SimpleUploadedFile("Charte de participation.pdf", tiny_pdf(["Charte"]), "application/pdf"),
    )
    upload_document(
        actor,
        experiment,
        None,
        SimpleUploadedFile(
            "Note interne confidentielle.pdf", tiny_pdf(["Interne"]), "application/pdf"
        ),
    )
    return charter.current_version


def _other_experiments(actor):
    private = make_experiment("Massifier l'engagement citoyen", "Hauts-de-France")
    Publication.objects.create(experiment=private, is_published=True, summary="Privée.")
    private_post = services.save_news_post(
        actor,
        NewsPost(
            experiment=private,
            title="Actualité d'une expérimentation privée",
            summary="Rien de public.",
            body="Rien.",
            is_published=True,
        ),
    )
    unpublished = make_experiment("Expérimentation publique non publiée", "Oignies")
    unpublished.is_public = True
    unpublished.save(update_fields=["is_public"])
    Publication.objects.create(experiment=unpublished, summary="Pas encore.")
    return private, unpublished, private_post


@pytest.fixture
def coordinator(experiment_a):
    user = make_user("coordinatrice")
    give_role(user, experiment_a, Role.COORDINATOR)
    return user


@pytest.fixture
def communicator(experiment_a):
    user = make_user("communicante")
    give_role(user, experiment_a, Role.COMMUNICATOR)
    return user


@pytest.fixture
def world(
    experiment_a,
    questionnaire,  # noqa: F811
    campaign,  # noqa: F811
    coordinator,
    communicator,
    lab_admin,
    organisation,
) -> World:
    experiment = experiment_a
    experiment.is_public = True
    experiment.save(update_fields=["is_public"])
    experiment.partners.add(organisation)
    _answers(campaign, questionnaire)
    _protocol(coordinator, experiment)
    trust, newcomers, internal = _framework(experiment, questionnaire)
    quote, raw_quote = _verbatims(lab_admin, experiment)
    photo, refused, unknown, video, hidden_video = _media(coordinator, experiment)
    report, internal_report = _reports(coordinator, experiment, trust, questionnaire)
    charter = _documents(coordinator, experiment)
    OpenDataSettings.objects.create(
        experiment=experiment, publish_aggregates=True, publish_answers=True
    )
    publication = services.save_publication(
        coordinator,
        experiment,
        {
            "is_published": True,
            "summary": "Des conseils de quartier ouverts au tirage au sort.\n\nDeuxième "
            "paragraphe.",
            "themes": ["local_democracy", "living_environment"],
            "cover": photo,
            "indicators": [trust, newcomers],
            "verbatims": [quote],
            "report": report,
            "documents": [charter],
            "kit_sections": ["context", "method"],
        },
    )
    # Defence in depth: rows no form would write, as an old bug or a direct edit might.
    PublishedVerbatim.objects.create(publication=publication, verbatim=raw_quote, position=9)
    post = services.save_news_post(
        communicator,
        NewsPost(
            experiment=experiment,
            title="Les conseils s'ouvrent au tirage au sort",
            summary="Soixante habitants tirés au sort rejoignent les conseils.",
            body="Premier paragraphe.\n\nSecond paragraphe <b>sans balise</b>.",
            image=photo,
            is_published=True,
        ),
    )
    draft = services.save_news_post(
        communicator,
        NewsPost(
            experiment=experiment,
            title="Brouillon secret de la communication",
            summary="À relire.",
            body="Pas encore.",
        ),
    )
    private, unpublished, private_post = _other_experiments(lab_admin)
    return World(
        experiment=experiment,
        publication=publication,
        questionnaire=questionnaire,
        trust=trust,
        newcomers=newcomers,
        internal=internal,
        quote=quote,
        raw_quote=raw_quote,
        photo=photo,
        refused=refused,
        unknown=unknown,
        video=video,
        hidden_video=hidden_video,
        post=post,
        draft=draft,
        report=report,
        internal_report=internal_report,
        private_experiment=private,
        unpublished_experiment=unpublished,
        private_post=private_post,
        coordinator=coordinator,
        communicator=communicator,
    )
