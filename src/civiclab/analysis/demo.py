"""Reference populations of the demo territories, so that participants can be compared with
them and weighted. Orders of magnitude inspired by the census, not official figures."""

from civiclab.analysis.models import PopulationMargin, ReferencePopulation
from civiclab.experiments.models import Territory

SOURCE = "Démonstration : ordres de grandeur inspirés du recensement de la population (INSEE)"
# Population aged 15 or more, then shares in percent per variable (question bank codes).
POPULATIONS = {
    "Lille": (
        199_000,
        {
            "sexe": {"femme": 52.5, "homme": 47.5},
            "tranche_age": {"15_24": 22, "25_34": 20, "35_49": 21, "50_64": 18, "65_plus": 19},
            "pcs": {"1": 0.1, "2": 2.5, "3": 15, "4": 15, "5": 15, "6": 9, "7": 20, "8": 23.4},
            "diplome": {
                "aucun_cep": 22,
                "brevet": 5,
                "cap_bep": 15,
                "bac": 18,
                "bac_2": 11,
                "bac_3_4": 13,
                "bac_5": 16,
            },
            "qpv": {"oui": 27, "non": 73},
        },
    ),
    "Hauts-de-France": (
        4_900_000,
        {
            "sexe": {"femme": 51.8, "homme": 48.2},
            "tranche_age": {"15_24": 15, "25_34": 15, "35_49": 23, "50_64": 23, "65_plus": 24},
            "pcs": {"1": 0.7, "2": 3, "3": 8, "4": 14, "5": 16, "6": 14, "7": 28, "8": 16.3},
            "diplome": {
                "aucun_cep": 28,
                "brevet": 6,
                "cap_bep": 26,
                "bac": 17,
                "bac_2": 10,
                "bac_3_4": 7,
                "bac_5": 6,
            },
            "qpv": {"oui": 11, "non": 89},
        },
    ),
    "Oignies": (
        8_200,
        {
            "sexe": {"femme": 52, "homme": 48},
            "tranche_age": {"15_24": 14, "25_34": 14, "35_49": 22, "50_64": 23, "65_plus": 27},
            "pcs": {"1": 0.3, "2": 2.7, "3": 4, "4": 12, "5": 17, "6": 18, "7": 30, "8": 16},
            "diplome": {
                "aucun_cep": 34,
                "brevet": 6,
                "cap_bep": 29,
                "bac": 15,
                "bac_2": 8,
                "bac_3_4": 5,
                "bac_5": 3,
            },
            "qpv": {"oui": 35, "non": 65},
        },
    ),
    "Métropole Européenne de Lille": (
        950_000,
        {
            "sexe": {"femme": 52, "homme": 48},
            "tranche_age": {"15_24": 18, "25_34": 17, "35_49": 23, "50_64": 21, "65_plus": 21},
            "pcs": {"1": 0.3, "2": 3, "3": 13, "4": 15, "5": 16, "6": 11, "7": 24, "8": 17.7},
            "diplome": {
                "aucun_cep": 24,
                "brevet": 6,
                "cap_bep": 20,
                "bac": 17,
                "bac_2": 11,
                "bac_3_4": 10,
                "bac_5": 12,
            },
            "qpv": {"oui": 17, "non": 83},
        },
    ),
}


def build_demo_populations() -> None:
    """One reference population per demo territory (idempotent)."""
    for name, (total, variables) in POPULATIONS.items():
        territory = Territory.objects.filter(name=name).first()
        if territory is None:
            continue
        population, created = ReferencePopulation.objects.get_or_create(
            territory=territory,
            label=f"Population de 15 ans ou plus — {name}",
            defaults={"source": SOURCE, "year": 2022},
        )
        if not created:
            continue
        PopulationMargin.objects.bulk_create(
            PopulationMargin(
                population=population,
                variable=variable,
                category=category,
                count=round(total * share / 100),
            )
            for variable, shares in variables.items()
            for category, share in shares.items()
        )
