"""The demo lab's experiments, teams and protocol texts."""

from datetime import date

from civiclab.experiments.models import Experiment, Membership, Territory

Role = Membership.Role
Status = Experiment.Status

TERRITORIES = [
    ("Lille", "59350", Territory.Level.COMMUNE),
    ("Hauts-de-France", "32", Territory.Level.REGION),
    ("Oignies", "62637", Territory.Level.COMMUNE),
    ("Métropole Européenne de Lille", "200093201", Territory.Level.EPCI),
]

CONSEILS = {
    "slug": "conseils-de-quartier-lille",
    "title": "Réinventer les conseils de quartier",
    "territory": "Lille",
    "status": Status.RUNNING,
    "start_date": date(2026, 1, 12),
    "end_date": date(2027, 6, 30),
    "iap2_level": Experiment.Iap2Level.INVOLVE,
    "recruitment": Experiment.Recruitment.STRATIFIED_RANDOM,
    "is_public": True,
    "methods": ["neighbourhood_council", "citizens_assembly", "workshop"],
    "partners": [
        "Ville de Lille",
        "Quartiers en commun",
        "Laboratoire de sociologie des territoires",
    ],
    "summary": (
        "Les dix conseils de quartier de Lille réunissent surtout des retraités et des "
        "habitants déjà engagés. L'expérimentation ouvre un tiers des sièges à des habitants "
        "tirés au sort, donne à chaque conseil un budget d'initiative de 30 000 € et teste "
        "de nouveaux formats de séance dans quatre quartiers pilotes (Fives, Moulins, "
        "Wazemmes, Lille-Sud), comparés à quatre quartiers témoins."
    ),
    "team": [
        ("Lefebvre", Role.COORDINATOR),
        ("Benali", Role.TEAM_MEMBER),
        ("Dubois", Role.IMPACT_ANALYST),
        ("Moreau", Role.RESEARCHER),
        ("Haddad", Role.PARTNER),
        ("Fournier", Role.PARTNER),
        ("Mercier", Role.INNOVATOR),
    ],
}

ENGAGEMENT = {
    "slug": "engagement-citoyen-hauts-de-france",
    "title": "Massifier et diversifier l'engagement citoyen",
    "territory": "Hauts-de-France",
    "status": Status.RUNNING,
    "start_date": date(2025, 10, 1),
    "end_date": date(2027, 3, 31),
    "iap2_level": Experiment.Iap2Level.CONSULT,
    "recruitment": Experiment.Recruitment.TARGETED,
    "is_public": True,
    "methods": ["online_consultation", "public_space_outreach", "door_to_door"],
    "partners": [
        "Région Hauts-de-France",
        "Fédération régionale des centres sociaux",
        "Cartocité",
        "Fondation pour la participation citoyenne",
    ],
    "summary": (
        "La Région consulte chaque année ses habitants sur ses politiques jeunesse et "
        "mobilité, mais les répondants sont surtout diplômés, urbains et âgés de plus de "
        "45 ans. Avec vingt centres sociaux, l'expérimentation va chercher celles et ceux qui "
        "ne participent jamais : stands sur les marchés, porte-à-porte dans huit quartiers "
        "prioritaires (QPV), questionnaire court sur téléphone et sur tablette."
    ),
    "team": [
        ("Lambert", Role.COORDINATOR),
        ("Dubois", Role.IMPACT_ANALYST),
        ("Roux", Role.INNOVATOR),
        ("Petit", Role.COMMUNICATOR),
        ("Delattre", Role.PARTNER),
        ("Kaci", Role.PARTNER),
        ("Diallo", Role.TEAM_MEMBER),
        ("Garnier", Role.OBSERVER),
    ],
}

ESPACE_PUBLIC = {
    "slug": "participation-espace-public-oignies",
    "title": "La participation dans l'espace public",
    "territory": "Oignies",
    "status": Status.RUNNING,
    "start_date": date(2026, 3, 2),
    "end_date": date(2026, 12, 18),
    "iap2_level": Experiment.Iap2Level.COLLABORATE,
    "recruitment": Experiment.Recruitment.OPEN,
    "is_public": True,
    "methods": ["public_space_outreach", "workshop", "co_design"],
    "partners": ["Ville d'Oignies", "Les Corons vivants"],
    "summary": (
        "Dans une ville de 10 000 habitants du bassin minier, la mairie veut réaménager la "
        "place du marché et les abords de la cité 4. Plutôt qu'une réunion publique, le lab "
        "installe pendant six mois une « maison mobile » sur la place : permanences, "
        "maquettes, marches exploratoires avec les femmes et les jeunes, ateliers de "
        "co-conception avec les services techniques."
    ),
    "team": [
        ("Lefebvre", Role.COORDINATOR),
        ("Petit", Role.COMMUNICATOR),
        ("Garnier", Role.OBSERVER),
        ("Lemaire", Role.PARTNER),
        ("Vasseur", Role.PARTNER),
        ("Dupuis", Role.INNOVATOR),
    ],
}

ASSEMBLEE = {
    "slug": "assemblee-citoyenne-climat-mel",
    "title": "Assemblée citoyenne métropolitaine sur la transition énergétique",
    "territory": "Métropole Européenne de Lille",
    "status": Status.PROPOSAL,
    "start_date": date(2027, 1, 15),
    "end_date": None,
    "iap2_level": Experiment.Iap2Level.EMPOWER,
    "recruitment": Experiment.Recruitment.STRATIFIED_RANDOM,
    "is_public": False,
    "methods": ["citizens_assembly"],
    "partners": ["Métropole Européenne de Lille"],
    "summary": (
        "Proposition : 60 habitants tirés au sort (quotas d'âge, de sexe, de catégorie "
        "socio-professionnelle et de commune) formulent des recommandations sur la "
        "rénovation énergétique des logements ; la Métropole s'engage à répondre "
        "publiquement à chacune."
    ),
    "team": [("Lambert", Role.COORDINATOR), ("Caron", Role.PARTNER)],
}

EXPERIMENTS = [CONSEILS, ENGAGEMENT, ESPACE_PUBLIC, ASSEMBLEE]
