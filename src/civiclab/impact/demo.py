"""The demo lab's impact frameworks: for each experiment, impacts tied to its protocol's
hypotheses and indicators on the real question codes of its demo questionnaire (see
surveys/demo.py and the question bank), with baselines, targets and hand-entered values.

Oignies has an indicator on the 15–24-year-olds, whom the collection demo makes deliberately
few (under 30 answers per wave), so that a dashboard shows its small-sample warning."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps

from civiclab.experiments.models import Experiment, Membership
from civiclab.impact import services
from civiclab.impact.models import Impact, Indicator, Kind, LibraryIndicator, current_questions

Level, Stakeholder, Frequency = Impact.Level, Impact.Stakeholder, Indicator.Frequency
PROFILE_BREAKDOWNS = ("tranche_age", "sexe", "qpv")


@dataclass(frozen=True)
class IndicatorSpec:
    name: str = ""  # empty: the library's name
    library: str = ""  # code of a library indicator to start from
    kind: str = Kind.SHARE
    question_code: str = ""
    options: tuple[str, ...] = ()
    unit: str = "%"
    definition: str = ""
    baseline: str | None = None
    baseline_note: str = ""
    target: str | None = None
    breakdowns: tuple[str, ...] = ()
    subgroup: tuple[str, tuple[str, ...]] = ("", ())
    data_source: str = ""
    frequency: str = Frequency.PER_WAVE
    measurements: tuple[tuple[date, str, str], ...] = ()  # (measured on, value, source)


@dataclass(frozen=True)
class ImpactSpec:
    hypothesis: int | None  # position of the protocol hypothesis it tests
    title: str
    level: str
    stakeholder: str
    description: str = ""
    indicators: tuple[IndicatorSpec, ...] = field(default_factory=tuple)


WAVE_1 = "Vague 1 (avant), printemps 2026"
I = IndicatorSpec  # noqa: E741 -- the specs read as a table

FRAMEWORKS = {
    "conseils-de-quartier-lille": [
        ImpactSpec(
            1,
            "Des conseils de quartier plus jeunes et plus divers",
            Level.OUTCOME,
            Stakeholder.PARTICIPANTS,
            "Le tirage au sort d'un tiers des sièges fait entrer des profils jusqu'ici absents.",
            (
                I(library="femmes", baseline="44", baseline_note=WAVE_1, target="50"),
                I(library="jeunes-15-34", baseline="14", baseline_note=WAVE_1, target="25"),
                I(library="habitants-qpv", baseline="14", baseline_note=WAVE_1, target="20",
                  breakdowns=("tranche_age",)),
            ),
        ),
        ImpactSpec(
            2,
            "Des membres qui se sentent écoutés et influents",
            Level.OUTCOME,
            Stakeholder.PARTICIPANTS,
            indicators=(
                I("Membres qui pensent que le conseil influence les décisions de la ville",
                  question_code="influence", options=("3", "4"),
                  definition="Part des répondants « plutôt » ou « tout à fait d'accord ».",
                  baseline="38", baseline_note=WAVE_1, target="50",
                  breakdowns=PROFILE_BREAKDOWNS),
                I("Sentiment d'être écouté en séance (moyenne sur 4)", kind=Kind.MEAN,
                  question_code="ecoute", unit="sur 4", baseline="2.6", baseline_note=WAVE_1,
                  target="3", breakdowns=PROFILE_BREAKDOWNS),
            ),
        ),
        ImpactSpec(
            3,
            "Des séances de meilleure qualité délibérative",
            Level.OUTCOME,
            Stakeholder.PARTICIPANTS,
            indicators=(I(library="eval-parole", target="80", breakdowns=("sexe",)),),
        ),
        ImpactSpec(
            None,
            "Des séances plénières ouvertes et fréquentées",
            Level.OUTPUT,
            Stakeholder.RESIDENTS,
            indicators=(
                I("Présence aux séances plénières des conseils", library="presence-evenements",
                  kind=Kind.MANUAL, unit="personnes", baseline="112",
                  baseline_note="Séances de janvier 2026", target="160",
                  data_source="Feuilles d'émargement des dix conseils",
                  frequency=Frequency.QUARTERLY,
                  measurements=(
                      (date(2026, 1, 28), "112", "Feuilles d'émargement des dix conseils"),
                      (date(2026, 3, 25), "138", "Feuilles d'émargement des dix conseils"),
                      (date(2026, 5, 27), "151", "Feuilles d'émargement des dix conseils"),
                  )),
            ),
        ),
    ],
    "engagement-citoyen-hauts-de-france": [
        ImpactSpec(
            1,
            "Toucher les moins de 35 ans sur les marchés",
            Level.OUTCOME,
            Stakeholder.RESIDENTS,
            indicators=(
                I(library="jeunes-15-34", baseline="18", baseline_note=WAVE_1, target="30",
                  breakdowns=("sexe", "qpv")),
                I("Répondants contactés sur un marché", question_code="canal",
                  options=("marche",), baseline="20", baseline_note=WAVE_1, target="35",
                  breakdowns=("tranche_age",)),
            ),
        ),
        ImpactSpec(
            2,
            "Toucher les habitants des QPV à un coût acceptable",
            Level.OUTCOME,
            Stakeholder.RESIDENTS,
            indicators=(
                I(library="habitants-qpv", baseline="12", baseline_note=WAVE_1, target="25",
                  breakdowns=("tranche_age", "sexe")),
                I(library="employes-ouvriers", baseline="22", baseline_note=WAVE_1, target="30"),
                I("Coût par répondant du porte-à-porte", kind=Kind.MANUAL, unit="€",
                  definition="Rémunération des habitants-relais divisée par le nombre de "
                  "questionnaires remplis en porte-à-porte.",
                  target="25", data_source="Tableau de suivi des habitants-relais",
                  frequency=Frequency.MONTHLY,
                  measurements=(
                      (date(2026, 3, 31), "41", "Tableau de suivi des habitants-relais"),
                      (date(2026, 4, 30), "29.5", "Tableau de suivi des habitants-relais"),
                      (date(2026, 5, 31), "23.8", "Tableau de suivi des habitants-relais"),
                  )),
            ),
        ),
        ImpactSpec(
            None,
            "Une consultation régionale jugée utile",
            Level.OUTCOME,
            Stakeholder.RESIDENTS,
            indicators=(
                I(library="participants", target="1200", frequency=Frequency.PER_WAVE),
                I("Habitants qui jugent utile de donner leur avis à la Région",
                  question_code="utile", options=("3", "4"), baseline="41",
                  baseline_note=WAVE_1, target="50", breakdowns=PROFILE_BREAKDOWNS),
            ),
        ),
    ],
    "participation-espace-public-oignies": [
        ImpactSpec(
            1,
            "Faire participer des habitants absents des réunions publiques",
            Level.OUTCOME,
            Stakeholder.RESIDENTS,
            indicators=(
                I(library="primo-participants", baseline="20", baseline_note=WAVE_1,
                  target="50", breakdowns=PROFILE_BREAKDOWNS),
                I(library="employes-ouvriers", baseline="24", baseline_note=WAVE_1, target="35"),
                I("Participation aux réunions publiques et ateliers",
                  library="presence-evenements", kind=Kind.MANUAL, unit="personnes",
                  baseline="37", baseline_note="Réunion publique de novembre 2025",
                  target="100", data_source="Feuilles d'émargement",
                  frequency=Frequency.QUARTERLY,
                  measurements=(
                      (date(2025, 11, 18), "37", "Feuille d'émargement de la réunion publique"),
                      (date(2026, 4, 9), "64", "Feuille d'émargement du premier atelier"),
                      (date(2026, 6, 11), "88", "Feuille d'émargement du deuxième atelier"),
                  )),
            ),
        ),
        ImpactSpec(
            2,
            "Faire émerger les usages de la place",
            Level.OUTPUT,
            Stakeholder.RESIDENTS,
            indicators=(
                I("Habitants qui viennent sur la place pour y retrouver des gens",
                  question_code="usages", options=("rencontre",), baseline="30",
                  baseline_note=WAVE_1, breakdowns=PROFILE_BREAKDOWNS),
            ),
        ),
        ImpactSpec(
            None,
            "Une place jugée plus agréable, y compris par les jeunes",
            Level.IMPACT,
            Stakeholder.RESIDENTS,
            indicators=(
                I("Habitants qui trouvent la place agréable", question_code="agreable",
                  options=("3", "4"), baseline="35", baseline_note=WAVE_1, target="55",
                  breakdowns=PROFILE_BREAKDOWNS),
                # Few young people answer in Oignies: this one is computed on a thin group.
                I("15–24 ans qui trouvent la place agréable", question_code="agreable",
                  options=("3", "4"), target="55", subgroup=("tranche_age", ("15_24",)),
                  breakdowns=("sexe",)),
            ),
        ),
    ],
    "assemblee-citoyenne-climat-mel": [
        ImpactSpec(
            None,
            "Des recommandations citoyennes sur la rénovation énergétique",
            Level.OUTPUT,
            Stakeholder.PARTICIPANTS,
            indicators=(
                I("Recommandations adoptées par l'assemblée", kind=Kind.MANUAL,
                  unit="recommandations", target="20", frequency=Frequency.ONCE,
                  data_source="Rapport final de l'assemblée"),
            ),
        ),
        ImpactSpec(
            None,
            "Une réponse publique de la Métropole à chaque recommandation",
            Level.OUTCOME,
            Stakeholder.ELECTED,
            indicators=(
                I("Recommandations ayant reçu une réponse publique", kind=Kind.MANUAL,
                  target="100", frequency=Frequency.ONCE,
                  data_source="Délibération du conseil métropolitain"),
            ),
        ),
    ],
}  # fmt: skip


def _responsible(experiment: Experiment):
    membership = (
        Membership.objects.filter(
            experiment=experiment,
            role__in=[Membership.Role.IMPACT_ANALYST, Membership.Role.COORDINATOR],
        )
        .order_by("-role")  # the impact analyst before the coordinator
        .select_related("person")
        .first()
    )
    return membership.person if membership else None


def _ensure_library() -> None:
    """The library comes with a data migration; a database emptied since (as the browser
    tests' flush does) gets it again from the same migration."""
    if not LibraryIndicator.objects.exists():
        seed = import_module("civiclab.impact.migrations.0002_seed_library").seed
        seed(django_apps, None)


def build_demo_framework(experiment: Experiment, analyst_user) -> None:
    """Give `experiment` its demo framework, unless it already has impacts."""
    if experiment.slug not in FRAMEWORKS or experiment.impacts.exists():
        return
    _ensure_library()
    questionnaire = experiment.questionnaires.order_by("pk").first()
    codes = set(current_questions(questionnaire))
    hypotheses = {h.position: h for h in experiment.hypotheses.filter(is_retired=False)}
    responsible = _responsible(experiment)
    for spec in FRAMEWORKS[experiment.slug]:
        impact = services.save_impact(
            analyst_user,
            Impact(
                experiment=experiment,
                hypothesis=hypotheses.get(spec.hypothesis),
                title=spec.title,
                level=spec.level,
                stakeholder=spec.stakeholder,
                description=spec.description,
            ),
        )
        for item in spec.indicators:
            _indicator(analyst_user, experiment, impact, questionnaire, codes, item, responsible)


def _indicator(actor, experiment, impact, questionnaire, codes, item, responsible) -> None:
    if item.library:
        library = LibraryIndicator.objects.get(code=item.library)
        on = questionnaire if library.kind != Kind.MANUAL else None
        indicator = services.create_from_library(actor, experiment, library, impact, on)
    else:
        indicator = Indicator(experiment=experiment, impact=impact, kind=item.kind)
        if indicator.is_question_based:
            indicator.questionnaire = questionnaire
            indicator.question_code = item.question_code
            indicator.options = list(item.options)
            indicator.data_source = str(questionnaire)
    indicator.name = item.name or indicator.name
    indicator.unit = item.unit if not item.library or item.name else indicator.unit
    indicator.definition = item.definition or indicator.definition
    indicator.baseline_value = Decimal(item.baseline) if item.baseline else None
    indicator.baseline_note = item.baseline_note
    indicator.target_value = Decimal(item.target) if item.target else None
    indicator.breakdowns = [code for code in item.breakdowns if code in codes]
    indicator.subgroup_code, subgroup_options = item.subgroup
    indicator.subgroup_options = list(subgroup_options)
    indicator.data_source = item.data_source or indicator.data_source
    indicator.frequency = item.frequency
    indicator.responsible = responsible
    indicator = services.save_indicator(actor, indicator)
    for measured_on, value, source in item.measurements:
        services.add_measurement(actor, indicator, Decimal(value), measured_on, source)
