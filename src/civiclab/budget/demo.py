"""The demo lab's budgets: lines per funder, fundings, and a year of expenses."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from civiclab.accounts.models import Organisation
from civiclab.budget import services
from civiclab.budget.models import BudgetLine, Category, Expense, Funding
from civiclab.experiments.models import Experiment, Membership

C = Category
VILLE = "Ville de Lille"
REGION = "Région Hauts-de-France"
OIGNIES = "Ville d'Oignies"
MEL = "Métropole Européenne de Lille"
FONDATION = "Fondation pour la participation citoyenne"

# Per experiment:
# lines: (key, category, funder or None for the lab's own funds, label, planned)
# fundings: (funder, requested, requested on, granted or None, granted on, received, on, note)
# expenses: (line key, months after the start, day, supplier, amount, note)
BUDGETS = {
    "conseils-de-quartier-lille": {
        "lines": [
            ("staff", C.STAFF, VILLE, "Coordination et animation (0,5 ETP)", "38000"),
            (
                "animation",
                C.SERVICES,
                VILLE,
                "Animation des séances (Quartiers en commun)",
                "24000",
            ),
            ("tirage", C.SERVICES, FONDATION, "Tirage au sort et porte-à-porte", "9500"),
            ("com", C.COMMUNICATION, VILLE, "Courriers, affiches et kits d'accueil", "6000"),
            ("travel", C.TRAVEL, None, "Déplacements de l'équipe", "1800"),
            (
                "equipment",
                C.EQUIPMENT,
                FONDATION,
                "Matériel d'animation et boucles magnétiques",
                "3200",
            ),
            ("eval", C.EVALUATION, FONDATION, "Évaluation (Laboratoire de sociologie)", "18000"),
            ("garde", C.OTHER, VILLE, "Garde d'enfants pendant les séances", "2400"),
        ],
        "fundings": [
            (
                VILLE,
                "72000",
                date(2025, 9, 15),
                "70400",
                date(2025, 11, 20),
                "35200",
                date(2026, 2, 10),
                "Versement en deux fois : 50 % au démarrage, solde au rapport final",
            ),
            (
                FONDATION,
                "32000",
                date(2025, 10, 1),
                "30700",
                date(2025, 12, 15),
                "30700",
                date(2026, 1, 30),
                "Appel à projets « Démocratie locale » 2025",
            ),
        ],
        "expenses": [
            *[
                ("staff", m, 28, "Lab d'innovation démocratique (temps refacturé)", "2111.11", "")
                for m in range(11)
            ],
            ("tirage", 0, 19, "La Poste Solutions Business", "2860.00", "Envoi de 4 000 courriers"),
            ("tirage", 1, 12, "Quartiers en commun", "4200.00", "Porte-à-porte, 4 quartiers"),
            ("com", 0, 15, "Imprimerie Nord Impression", "2450.00", "Courriers et affiches"),
            ("com", 1, 6, "Studio Les Beaux Jours", "1650.00", "Charte graphique des conseils"),
            ("com", 2, 3, "Imprimerie Nord Impression", "1980.00", "Kits d'accueil"),
            ("com", 7, 14, "Imprimerie Nord Impression", "1370.00", "Affiches, deuxième vague"),
            ("animation", 2, 30, "Quartiers en commun", "6000.00", "1er trimestre de séances"),
            ("animation", 5, 30, "Quartiers en commun", "6000.00", "2e trimestre de séances"),
            ("animation", 8, 30, "Quartiers en commun", "6000.00", "3e trimestre de séances"),
            ("travel", 1, 20, "SNCF Voyageurs", "84.60", ""),
            ("travel", 3, 9, "Ilévia", "126.40", "Carte de transport"),
            ("travel", 6, 17, "SNCF Voyageurs", "97.20", ""),
            ("travel", 9, 4, "SNCF Voyageurs", "143.80", "Rencontre nationale des conseils"),
            ("equipment", 1, 8, "Manutan Collectivités", "486.35", "Paperboards, feutres"),
            ("equipment", 2, 16, "Audition Solidaire", "1290.00", "Deux boucles magnétiques"),
            ("eval", 3, 1, "Laboratoire de sociologie des territoires", "7200.00", "1re tranche"),
            ("eval", 9, 1, "Laboratoire de sociologie des territoires", "5400.00", "2e tranche"),
            ("garde", 3, 24, "Crèche parentale Les P'tits Fivois", "320.00", ""),
            ("garde", 6, 22, "Crèche parentale Les P'tits Fivois", "360.00", ""),
            ("garde", 9, 21, "Crèche parentale Les P'tits Fivois", "410.00", ""),
        ],
    },
    "engagement-citoyen-hauts-de-france": {
        "lines": [
            ("staff", C.STAFF, REGION, "Coordination régionale (1 ETP)", "62000"),
            ("relais", C.SERVICES, REGION, "Habitants-relais : indemnités et formation", "48000"),
            ("appli", C.SERVICES, FONDATION, "Questionnaire hors ligne (Cartocité)", "22000"),
            ("stands", C.COMMUNICATION, REGION, "Stands sur les marchés et supports", "12500"),
            ("travel", C.TRAVEL, REGION, "Déplacements dans les huit territoires", "7500"),
            ("tablets", C.EQUIPMENT, FONDATION, "Douze tablettes de collecte", "5400"),
            ("eval", C.EVALUATION, FONDATION, "Analyse de la diversité des répondants", "15000"),
        ],
        "fundings": [
            (
                REGION,
                "135000",
                date(2025, 6, 2),
                "130000",
                date(2025, 7, 10),
                "65000",
                date(2025, 10, 15),
                "Délibération de la commission permanente",
            ),
            (
                FONDATION,
                "45000",
                date(2025, 6, 20),
                "42400",
                date(2025, 9, 1),
                "21200",
                date(2025, 11, 3),
                "Premier versement",
            ),
        ],
        "expenses": [
            *[
                ("staff", m, 27, "Lab d'innovation démocratique (temps refacturé)", "3444.44", "")
                for m in range(12)
            ],
            *[
                (
                    "relais",
                    m,
                    10,
                    "Fédération régionale des centres sociaux",
                    "3200.00",
                    "Indemnités des habitants-relais",
                )
                for m in range(4, 12)
            ],
            ("relais", 3, 18, "Fédération régionale des centres sociaux", "6400.00", "Formation"),
            ("appli", 1, 5, "Cartocité", "8800.00", "Développement, 1re tranche"),
            ("appli", 6, 5, "Cartocité", "8800.00", "Développement, 2e tranche"),
            ("tablets", 2, 11, "UGAP", "5148.00", "12 tablettes et coques"),
            ("stands", 4, 2, "Barnums Service", "2940.00", "Deux barnums pliants"),
            ("stands", 5, 14, "Imprimerie Nord Impression", "1875.50", "Kakémonos et flyers"),
            *[
                ("travel", m, 25, "Remboursement de frais kilométriques", "412.30", "")
                for m in range(4, 12)
            ],
            ("eval", 9, 1, "Laboratoire de sociologie des territoires", "6000.00", "Acompte"),
        ],
    },
    "participation-espace-public-oignies": {
        "lines": [
            ("staff", C.STAFF, OIGNIES, "Coordination (0,3 ETP)", "14000"),
            ("animation", C.SERVICES, OIGNIES, "Permanences dans l'espace public", "9000"),
            ("mobilier", C.EQUIPMENT, OIGNIES, "Mobilier mobile et barnum", "4200"),
            ("signs", C.COMMUNICATION, REGION, "Signalétique et affiches", "2500"),
            ("eval", C.EVALUATION, None, "Observation et micro-trottoirs", "3000"),
        ],
        "fundings": [
            (
                OIGNIES,
                "28000",
                date(2025, 11, 4),
                "27200",
                date(2026, 1, 22),
                "13600",
                date(2026, 3, 16),
                "Convention de partenariat",
            ),
            (
                REGION,
                "2500",
                date(2026, 4, 1),
                None,
                None,
                None,
                None,
                "Fonds régional d'appui à la participation, réponse attendue",
            ),
        ],
        "expenses": [
            *[
                ("staff", m, 28, "Lab d'innovation démocratique (temps refacturé)", "1300.00", "")
                for m in range(9)
            ],
            *[
                ("animation", m, 15, "Les Corons vivants", "850.00", "Permanences du mois")
                for m in range(1, 9)
            ],
            (
                "mobilier",
                0,
                20,
                "Atelier bois de la Chaîne des terrils",
                "2650.00",
                "Bancs mobiles",
            ),
            ("mobilier", 1, 3, "Barnums Service", "1380.00", ""),
            ("signs", 1, 10, "Imprimerie du Bassin minier", "1120.00", "Panneaux et affiches"),
            ("eval", 5, 12, "Vacations d'enquêteurs", "960.00", "Micro-trottoirs"),
        ],
    },
    "assemblee-citoyenne-climat-mel": {
        "lines": [
            ("staff", C.STAFF, MEL, "Coordination de l'assemblée", "45000"),
            ("tirage", C.SERVICES, MEL, "Tirage au sort et recrutement des 100 membres", "28000"),
            ("animation", C.SERVICES, MEL, "Animation professionnelle des six sessions", "60000"),
            ("travel", C.TRAVEL, MEL, "Transport et hébergement des membres", "18000"),
            ("indemnites", C.OTHER, MEL, "Indemnisation des membres (80 € par session)", "48000"),
            ("eval", C.EVALUATION, FONDATION, "Évaluation indépendante", "20000"),
        ],
        "fundings": [
            (MEL, "199000", date(2026, 10, 5), None, None, None, None, "Dossier déposé"),
            (FONDATION, "20000", date(2026, 10, 20), None, None, None, None, ""),
        ],
        "expenses": [],
    },
}


def build_demo_budget(experiment: Experiment) -> None:
    """Fill the budget of a demo experiment, unless it already has budget lines."""
    spec = BUDGETS.get(experiment.slug)
    if spec is None or experiment.budget_lines.exists():
        return
    actor = _coordinator(experiment)
    lines = {}
    for key, category, funder, label, planned in spec["lines"]:
        line = BudgetLine(
            category=category, funder=_funder(funder), label=label, planned=Decimal(planned)
        )
        lines[key] = services.save_line(actor, line, experiment)
    for funder, requested, asked_on, granted, granted_on, received, received_on, note in spec[
        "fundings"
    ]:
        funding = Funding(
            funder=_funder(funder),
            requested=Decimal(requested),
            requested_on=asked_on,
            granted=Decimal(granted) if granted else None,
            granted_on=granted_on,
            received=Decimal(received) if received else None,
            received_on=received_on,
            note=note,
        )
        services.save_funding(actor, funding, experiment)
    today = timezone.localdate()
    for key, months, day, supplier, amount, note in spec["expenses"]:
        when = _month_day(experiment.start_date, months, day)
        if when > today:
            continue  # a demo never shows expenses from the future
        expense = Expense(
            budget_line=lines[key],
            supplier=supplier,
            date=when,
            amount=Decimal(amount),
            status=_status_by_age(today - when),
            note=note,
        )
        services.save_expense(actor, expense, experiment)


def _coordinator(experiment: Experiment):
    membership = (
        experiment.memberships.filter(role=Membership.Role.COORDINATOR, person__user__isnull=False)
        .select_related("person__user")
        .first()
    )
    return membership.person.user if membership else None


def _funder(name: str | None) -> Organisation | None:
    if name is None:
        return None
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": Organisation.Kind.FUNDER}
    )
    return organisation


def _month_day(start: date, months: int, day: int) -> date:
    month_index = start.month - 1 + months
    first = date(start.year + month_index // 12, month_index % 12 + 1, 1)
    last_day = ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1)).day
    return first.replace(day=min(day, last_day))


def _status_by_age(age: timedelta) -> str:
    # Old expenses are paid, recent ones still wait for their invoice or for payment.
    if age.days > 60:
        return Expense.Status.PAID
    if age.days > 25:
        return Expense.Status.INVOICED
    return Expense.Status.COMMITTED
