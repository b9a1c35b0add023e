"""Organisations, people and demo logins of the demo lab."""

from civiclab.accounts.models import Organisation

DEMO_PASSWORD = "civiclab-demo"

Kind = Organisation.Kind

ORGANISATIONS = [
    ("Lab d'innovation démocratique", Kind.LAB, "Lille"),
    ("Ville de Lille", Kind.LOCAL_AUTHORITY, "Lille"),
    ("Région Hauts-de-France", Kind.LOCAL_AUTHORITY, "Lille"),
    ("Ville d'Oignies", Kind.LOCAL_AUTHORITY, "Oignies"),
    ("Métropole Européenne de Lille", Kind.LOCAL_AUTHORITY, "Lille"),
    ("Quartiers en commun", Kind.ASSOCIATION, "Lille"),
    ("Fédération régionale des centres sociaux", Kind.ASSOCIATION, "Lille"),
    ("Les Corons vivants", Kind.ASSOCIATION, "Oignies"),
    ("Cartocité", Kind.CIVIC_TECH, "Roubaix"),
    ("Laboratoire de sociologie des territoires", Kind.RESEARCH_LAB, "Villeneuve-d'Ascq"),
    ("Fondation pour la participation citoyenne", Kind.FUNDER, "Paris"),
]

# (username or None, first name, last name, organisation, job title, lab staff)
PEOPLE = [
    ("admin", "Claire", "Martin", "Lab d'innovation démocratique", "Directrice du lab", True),
    (
        "coordinatrice",
        "Sophie",
        "Lefebvre",
        "Lab d'innovation démocratique",
        "Coordinatrice d'expérimentations",
        False,
    ),
    ("equipe", "Karim", "Benali", "Lab d'innovation démocratique", "Chargé de projet", False),
    ("analyste", "Léa", "Dubois", "Lab d'innovation démocratique", "Chargée d'impact", False),
    (
        "chercheur",
        "Thomas",
        "Moreau",
        "Laboratoire de sociologie des territoires",
        "Maître de conférences en science politique",
        False,
    ),
    (
        "partenaire",
        "Nadia",
        "Haddad",
        "Ville de Lille",
        "Adjointe au maire déléguée à la démocratie participative",
        False,
    ),
    ("innovateur", "Julien", "Roux", "Cartocité", "Cofondateur", False),
    (
        "communication",
        "Emma",
        "Petit",
        "Lab d'innovation démocratique",
        "Chargée de communication",
        False,
    ),
    (
        "observateur",
        "Paul",
        "Garnier",
        "Fondation pour la participation citoyenne",
        "Chargé de programme",
        False,
    ),
    (
        "coordinateur",
        "Marc",
        "Lambert",
        "Lab d'innovation démocratique",
        "Coordinateur d'expérimentations",
        False,
    ),
    (
        None,
        "Hélène",
        "Fournier",
        "Ville de Lille",
        "Directrice de la participation citoyenne",
        False,
    ),
    (
        None,
        "Yannick",
        "Delattre",
        "Région Hauts-de-France",
        "Vice-président à la citoyenneté",
        False,
    ),
    (None, "Samia", "Kaci", "Région Hauts-de-France", "Cheffe de projet participation", False),
    (None, "Bernard", "Lemaire", "Ville d'Oignies", "Maire", False),
    (None, "Aurélie", "Vasseur", "Ville d'Oignies", "Responsable de la vie associative", False),
    (None, "Olivier", "Caron", "Métropole Européenne de Lille", "Chargé de mission climat", False),
    (None, "Fatou", "Diallo", "Fédération régionale des centres sociaux", "Déléguée", False),
    (None, "Jean", "Dupuis", "Les Corons vivants", "Président", False),
    (None, "Inès", "Mercier", "Quartiers en commun", "Animatrice", False),
]

# The logins printed by `make run`, one per role, in the order shown.
DEMO_LOGINS = [
    ("admin", "Lab staff (sees and manages everything)"),
    ("coordinatrice", "Coordinator"),
    ("equipe", "Team member"),
    ("analyste", "Impact analyst"),
    ("chercheur", "Researcher"),
    ("partenaire", "Partner (elected official)"),
    ("innovateur", "Democratic innovator"),
    ("communication", "Communication officer"),
    ("observateur", "Observer"),
]
