# ruff: noqa: E501 -- the library is data: one indicator per line reads best.
"""The lab's library of standard indicators, on the codes and answer values of the question
bank (civiclab/surveys/bank.py). Written out here, not imported, so that this migration gives
the same library whatever the bank becomes; a test checks both still agree."""

from django.db import migrations

OECD_NOTE = (
    "Item d'évaluation inspiré des lignes directrices de l'OCDE pour l'évaluation des "
    "processus délibératifs représentatifs (2021), bloc « Votre avis sur la démarche » de la "
    "banque de questions."
)
AGREE = ["4", "5"]  # « Plutôt d'accord », « Tout à fait d'accord » of the 5-point list

# (code, category, kind, name, definition, unit, question code, options, notes)
LIBRARY = [
    ("participants", "participation", "count", "Nombre de participants",
     "Nombre de personnes ayant répondu au questionnaire de la démarche (une réponse par participant).",
     "personnes", "", [], "Compter les réponses complètes d'une même vague."),
    ("primo-participants", "participation", "share", "Part de primo-participants",
     "Part des répondants qui participent pour la première fois à une démarche participative.",
     "%", "premiere_participation", ["oui"], ""),
    ("presence-evenements", "participation", "manual", "Présence aux événements",
     "Nombre de personnes présentes aux réunions publiques, ateliers ou permanences, compté sur place.",
     "personnes", "", [], "Source habituelle : feuilles d'émargement ou comptage à l'entrée."),
    ("femmes", "diversity", "share", "Part des femmes",
     "Part des répondants qui se déclarent femmes.", "%", "sexe", ["femme"],
     "À comparer à la part des femmes dans la population du territoire (recensement)."),
    ("jeunes-15-24", "diversity", "share", "Part des 15–24 ans",
     "Part des répondants âgés de 15 à 24 ans.", "%", "tranche_age", ["15_24"],
     "Les tranches du questionnaire type suivent celles de l'INSEE : elles n'isolent pas les "
     "15–29 ans. Pour les moins de 35 ans, utiliser l'indicateur « Part des 15–34 ans »."),
    ("jeunes-15-34", "diversity", "share", "Part des 15–34 ans",
     "Part des répondants âgés de 15 à 34 ans.", "%", "tranche_age", ["15_24", "25_34"], ""),
    ("habitants-qpv", "diversity", "share", "Part des habitants des QPV",
     "Part des répondants qui habitent un quartier prioritaire de la politique de la ville.",
     "%", "qpv", ["oui"], "Les « je ne sais pas » restent au dénominateur."),
    ("employes-ouvriers", "diversity", "share", "Part des employés et ouvriers (PCS 5 et 6)",
     "Part des répondants employés ou ouvriers (groupes 5 et 6 des PCS de l'INSEE).",
     "%", "pcs", ["5", "6"], ""),
    ("sans-bac", "diversity", "share", "Part des personnes sans le baccalauréat",
     "Part des répondants sans diplôme ou dont le diplôme le plus élevé est inférieur au "
     "baccalauréat (certificat d'études, brevet, CAP, BEP).",
     "%", "diplome", ["aucun_cep", "brevet", "cap_bep"], ""),
]

OECD_ITEMS = [
    ("eval_information", "Qualité de l'information", "Les informations fournies étaient claires et de bonne qualité."),
    ("eval_equilibre", "Équilibre des points de vue", "Les différents points de vue ont été présentés de façon équilibrée."),
    ("eval_parole", "Possibilité de s'exprimer", "J'ai pu m'exprimer autant que je le souhaitais."),
    ("eval_respect", "Écoute respectueuse", "Les autres participants m'ont écouté·e avec respect."),
    ("eval_animation", "Neutralité de l'animation", "L'animation est restée neutre et n'a pas orienté les échanges."),
    ("eval_temps", "Temps pour délibérer", "Nous avons eu assez de temps pour discuter et délibérer."),
    ("eval_comprehension", "Meilleure compréhension de l'enjeu", "Je comprends mieux l'enjeu qu'au début de la démarche."),
    ("eval_confiance", "Confiance dans la démarche", "J'ai confiance dans la manière dont la démarche a été conduite."),
    ("eval_influence", "Influence attendue sur la décision", "Je pense que nos propositions pèseront sur la décision finale."),
    ("eval_participer", "Envie de participer de nouveau", "Je participerais de nouveau à une démarche de ce type."),
]

for code, name, statement in OECD_ITEMS:
    LIBRARY.append((
        code.replace("_", "-"), "deliberative_quality", "share", f"{name} (part d'accord)",
        f"Part des répondants « plutôt » ou « tout à fait d'accord » avec : « {statement} »",
        "%", code, AGREE, OECD_NOTE,
    ))  # fmt: skip


def seed(apps, schema_editor):
    LibraryIndicator = apps.get_model("impact", "LibraryIndicator")
    for position, row in enumerate(LIBRARY, start=1):
        code, category, kind, name, definition, unit, question_code, options, notes = row
        LibraryIndicator.objects.update_or_create(
            code=code,
            defaults={
                "category": category,
                "kind": kind,
                "name": name,
                "definition": definition,
                "unit": unit,
                "question_code": question_code,
                "options": options,
                "notes": notes,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    LibraryIndicator = apps.get_model("impact", "LibraryIndicator")
    LibraryIndicator.objects.filter(code__in=[row[0] for row in LIBRARY]).delete()


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
