"""The demo lab's public site: the public running experiments publish a summary, themes, a few
indicators, two verbatims, a public report made from the "Rapport final" template, and news."""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from civiclab.experiments.models import Experiment
from civiclab.impact.models import Indicator
from civiclab.public import services
from civiclab.public.models import NewsPost, Publication, Theme, is_pseudonymised
from civiclab.public.selectors import public_photos
from civiclab.qualitative.models import Verbatim
from civiclab.reports import services as report_services
from civiclab.reports.demo import _ensure_templates
from civiclab.reports.models import Report, ReportTemplate

T = Theme.Code


@dataclass(frozen=True)
class News:
    title: str
    summary: str
    body: str
    published_on: tuple[int, int, int]
    with_photo: bool = False


@dataclass(frozen=True)
class DemoPublication:
    summary: str
    themes: tuple[str, ...]
    indicators: tuple[str, ...]  # library codes or indicator names, in the order shown
    lessons: str
    how_to: str
    news: tuple[News, ...]


PUBLICATIONS = {
    "conseils-de-quartier-lille": DemoPublication(
        summary=(
            "Les dix conseils de quartier de Lille rassemblaient surtout des retraités et des "
            "habitants déjà engagés dans la vie associative. Depuis janvier 2026, un tiers de "
            "leurs sièges est attribué par tirage au sort sur les listes électorales et les "
            "fichiers des bailleurs sociaux, pour faire entrer des jeunes, des locataires et "
            "des habitants des quartiers prioritaires.\n\n"
            "Dans quatre quartiers pilotes (Fives, Moulins, Wazemmes, Lille-Sud), chaque conseil "
            "dispose aussi d'un budget d'initiative de 30 000 € et teste de nouveaux formats de "
            "séance : tables rondes, votes à main levée remplacés par des gommettes, compte rendu "
            "affiché dans le hall des immeubles. Quatre quartiers témoins gardent le "
            "fonctionnement habituel, ce qui permet de mesurer ce que le changement apporte."
        ),
        themes=(T.LOCAL_DEMOCRACY, T.LIVING_ENVIRONMENT),
        indicators=(
            "femmes",
            "Membres qui pensent que le conseil influence les décisions de la ville",
            "Présence aux séances plénières des conseils",
        ),
        lessons=(
            "Le tirage au sort a fait entrer dans les conseils des profils qui n'y venaient "
            "jamais, à condition d'accompagner les personnes tirées au sort : appel "
            "téléphonique, première séance d'accueil, indemnité de garde d'enfants.\n\n"
            "Le budget d'initiative donne un objet concret aux séances ; sans lui, les nouveaux "
            "membres décrochent dès le troisième mois."
        ),
        how_to=(
            "Prévoir six mois de préparation avec le service démocratie participative, un "
            "partenariat avec les bailleurs sociaux pour le tirage au sort, et une personne "
            "chargée d'appeler chaque membre tiré au sort avant la première séance."
        ),
        news=(
            News(
                "Les premiers conseillers tirés au sort ont pris place",
                "Soixante habitants tirés au sort ont rejoint les conseils de quartier de Fives, "
                "Moulins, Wazemmes et Lille-Sud.",
                "Le 2 février, les quatre conseils pilotes ont accueilli leurs nouveaux membres "
                "tirés au sort : soixante habitants, dont un tiers a moins de 35 ans.\n\n"
                "Chacun a été appelé par l'équipe avant la séance pour expliquer le rôle du "
                "conseil, le calendrier et l'indemnité de garde d'enfants. « Je ne savais même "
                "pas que le conseil existait », confiait une habitante de Moulins à la sortie.\n\n"
                "Prochaine étape : l'élection des projets financés par le budget d'initiative, "
                "au printemps.",
                (2026, 2, 4),
                with_photo=True,
            ),
            News(
                "Premiers résultats de l'enquête auprès des membres",
                "Avant/après : la part des membres qui pensent que le conseil pèse sur les "
                "décisions de la ville progresse.",
                "L'enquête menée auprès des membres des conseils avant le tirage au sort puis "
                "six mois après livre ses premiers résultats, publiés sur la page de "
                "l'expérimentation.\n\n"
                "Les membres se sentent davantage écoutés en séance, et les femmes sont désormais "
                "presque aussi nombreuses que les hommes. Les chiffres restent à confirmer "
                "lors de la dernière vague d'enquête, en juin 2027.",
                (2026, 10, 15),
            ),
        ),
    ),
    "engagement-citoyen-hauts-de-france": DemoPublication(
        summary=(
            "Chaque année, la Région Hauts-de-France consulte ses habitants sur ses politiques "
            "jeunesse et mobilité. Mais les répondants se ressemblent : diplômés, urbains, "
            "âgés de plus de 45 ans.\n\n"
            "Avec vingt centres sociaux, l'expérimentation va chercher celles et ceux qui ne "
            "participent jamais : stands sur les marchés, porte-à-porte dans huit quartiers "
            "prioritaires de la politique de la ville, questionnaire court sur téléphone et sur "
            "tablette, en français facile. Elle mesure qui répond, à quel coût, et ce que ces "
            "nouvelles voix changent aux priorités exprimées."
        ),
        themes=(T.LOCAL_DEMOCRACY, T.YOUTH, T.MOBILITY),
        indicators=("jeunes-15-34", "habitants-qpv", "Coût par répondant du porte-à-porte"),
        lessons=(
            "Le porte-à-porte coûte plus cher par répondant que le questionnaire en ligne, mais "
            "c'est le seul canal qui touche vraiment les habitants des quartiers prioritaires.\n\n"
            "Les stands sur les marchés touchent beaucoup de jeunes quand ils sont tenus par des "
            "jeunes des centres sociaux."
        ),
        how_to=(
            "S'appuyer sur des structures de proximité déjà connues des habitants (centres "
            "sociaux, maisons de quartier), former les enquêteurs une demi-journée, et garder "
            "un questionnaire de moins de cinq minutes."
        ),
        news=(
            News(
                "Vingt centres sociaux partent à la rencontre des habitants",
                "Stands sur les marchés et porte-à-porte : la consultation régionale sort des "
                "écrans.",
                "Depuis octobre, les équipes de vingt centres sociaux de la région tiennent des "
                "stands sur les marchés et frappent aux portes dans huit quartiers "
                "prioritaires.\n\n"
                "Les habitants répondent en cinq minutes, sur une tablette tenue par un "
                "enquêteur ou sur leur téléphone. Le questionnaire existe en français facile.",
                (2025, 11, 6),
                with_photo=True,
            ),
            News(
                "Qui répond à la consultation ? Un premier bilan",
                "Les moins de 35 ans et les habitants des quartiers prioritaires sont plus "
                "nombreux qu'en 2025 parmi les répondants.",
                "Après six mois de collecte, la part des moins de 35 ans parmi les répondants a "
                "nettement augmenté. Les résultats détaillés, avec leurs marges d'erreur, sont "
                "publiés sur la page de l'expérimentation.\n\n"
                "Le coût par répondant du porte-à-porte reste élevé : la Région décidera en "
                "COPIL de la suite à donner.",
                (2026, 5, 20),
            ),
            News(
                "Le kit de réplication est en ligne",
                "Protocole, questionnaires au format XLSForm et rapport public : tout ce qu'il "
                "faut pour reproduire la démarche.",
                "D'autres régions et départements nous ont demandé comment reproduire la "
                "démarche. Le kit de réplication rassemble le protocole, les questionnaires "
                "prêts à importer dans KoboToolbox ou ODK, et le rapport public.\n\n"
                "Il se télécharge depuis la page de l'expérimentation.",
                (2026, 9, 8),
            ),
        ),
    ),
    "participation-espace-public-oignies": DemoPublication(
        summary=(
            "À Oignies, ville de 10 000 habitants du bassin minier, la mairie veut réaménager la "
            "place du marché et les abords de la cité 4. Les réunions publiques n'attiraient "
            "qu'une trentaine de personnes, toujours les mêmes.\n\n"
            "Pendant six mois, le lab installe une « maison mobile » sur la place : permanences "
            "les jours de marché, maquettes à manipuler, marches exploratoires avec les femmes "
            "et avec les jeunes, ateliers de co-conception avec les services techniques. Les "
            "propositions des habitants nourrissent le cahier des charges du futur "
            "aménagement."
        ),
        themes=(T.PUBLIC_SPACE, T.LIVING_ENVIRONMENT, T.SOLIDARITY),
        indicators=(
            "primo-participants",
            "Habitants qui trouvent la place agréable",
            "Participation aux réunions publiques et ateliers",
        ),
        lessons=(
            "Aller sur la place les jours de marché fait venir des habitants qui ne seraient "
            "jamais entrés dans une salle de réunion.\n\n"
            "Les marches exploratoires en non-mixité ont fait émerger des besoins invisibles en "
            "réunion publique : éclairage, bancs, toilettes."
        ),
        how_to=(
            "Compter un mi-temps d'animation pendant six mois, une structure légère (barnum, "
            "tables, maquettes) et l'engagement des services techniques à venir sur la place."
        ),
        news=(
            News(
                "La maison mobile s'installe sur la place du marché",
                "Tous les mardis et samedis matin, venez donner votre avis sur le futur "
                "aménagement de la place.",
                "Depuis le 7 mars, une maison mobile accueille les habitants sur la place du "
                "marché, les mardis et samedis matin.\n\n"
                "On y trouve une maquette de la place, des plans à annoter et l'équipe du lab "
                "pour répondre aux questions. Les enfants peuvent dessiner la place de leurs "
                "rêves.",
                (2026, 3, 9),
                with_photo=True,
            ),
            News(
                "Marches exploratoires : ce que les habitantes ont relevé",
                "Éclairage, bancs, cheminements : les marches exploratoires ont fait émerger des "
                "besoins concrets.",
                "Trois marches exploratoires ont réuni une quarantaine d'habitantes et de jeunes "
                "en avril et mai.\n\n"
                "Leurs relevés (zones mal éclairées, trottoirs encombrés, absence de bancs "
                "près de l'arrêt de bus) ont été remis aux services techniques, qui les "
                "intégreront au cahier des charges.",
                (2026, 6, 2),
            ),
        ),
    ),
}


def _indicators(experiment: Experiment, wanted: tuple[str, ...]) -> list[Indicator]:
    found = []
    for key in wanted:
        indicator = (
            Indicator.objects.filter(experiment=experiment)
            .filter(Q(library_indicator__code=key) | Q(name=key))
            .order_by("pk")
            .first()
        )
        if indicator is not None:
            found.append(indicator)
    return found


def _report(experiment: Experiment, actor, spec: DemoPublication) -> Report | None:
    _ensure_templates()
    existing = experiment.reports.filter(public=True).first()
    if existing is not None:
        return existing
    template = ReportTemplate.objects.filter(name="Rapport final").first()
    if template is None:
        return None
    report = report_services.create_report(
        actor,
        experiment,
        Report(
            title=f"Rapport public — {experiment.title}",
            audience="Habitants, partenaires et autres territoires",
            public=True,
        ),
        template,
    )
    texts = {"Enseignements": spec.lessons, "Pour reproduire l'expérimentation": spec.how_to}
    for block in report.blocks.filter(title__in=texts):
        block.text = texts[block.title]
        block.save(update_fields=["text"])
    return report


def _news(experiment: Experiment, actor, spec: DemoPublication) -> None:
    if experiment.news_posts.exists():
        return
    photos = list(public_photos(experiment)[:3])
    zone = timezone.get_current_timezone()
    for index, item in enumerate(spec.news):
        photo = photos[index % len(photos)] if item.with_photo and photos else None
        post = services.save_news_post(
            actor,
            NewsPost(
                experiment=experiment,
                title=item.title,
                summary=item.summary,
                body=item.body,
                image=photo,
                is_published=True,
            ),
        )
        when = datetime.combine(datetime(*item.published_on).date(), time(9, 30), tzinfo=zone)
        NewsPost.objects.filter(pk=post.pk).update(published_at=min(when, timezone.now()))


def build_demo_publication(experiment: Experiment, actor) -> None:
    """Publish `experiment` on the demo's public site, once (nothing changes if it already
    has a publication); only public experiments that are running have one."""
    spec = PUBLICATIONS.get(experiment.slug)
    if (
        spec is None
        or not experiment.is_public
        or experiment.status != Experiment.Status.RUNNING
        or Publication.objects.filter(experiment=experiment).exists()
    ):
        return
    verbatims = [
        v
        for v in Verbatim.objects.filter(experiment=experiment).order_by("pk")
        if is_pseudonymised(v)
    ][:2]
    cover = public_photos(experiment).first()
    services.save_publication(
        actor,
        experiment,
        {
            "is_published": True,
            "summary": spec.summary,
            "themes": list(spec.themes),
            "cover": cover,
            "indicators": _indicators(experiment, spec.indicators),
            "verbatims": verbatims,
            "report": _report(experiment, actor, spec),
            "kit_sections": Publication._meta.get_field("kit_sections").default(),
        },
    )
    _news(experiment, actor, spec)
