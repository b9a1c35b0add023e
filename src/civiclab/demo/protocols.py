"""Protocol texts of the demo experiments, as successive versions."""

from datetime import date

CONSEILS_V1 = {
    "context": (
        "Lille compte dix conseils de quartier créés en 2002. Chacun réunit une trentaine "
        "de membres volontaires, quatre fois par an. Un bilan de la Ville (2024) montre "
        "que 68 % des membres ont plus de 60 ans, que les habitants des quartiers "
        "prioritaires y sont très peu présents et que les avis rendus sont rarement suivis "
        "d'effets visibles.\n\n"
        "La municipalité a inscrit dans sa feuille de route 2026-2027 une « refondation des "
        "conseils de quartier » et a sollicité le lab pour la concevoir et l'évaluer."
    ),
    "problem": (
        "Comment faire des conseils de quartier des lieux où une plus grande diversité "
        "d'habitants participe, délibère et voit l'effet de sa participation ?"
    ),
    "objectives": (
        "1. Diversifier la composition des conseils (âge, catégorie socio-professionnelle, "
        "quartiers prioritaires).\n"
        "2. Donner aux conseils une capacité d'agir réelle (budget d'initiative).\n"
        "3. Améliorer la qualité de la délibération pendant les séances.\n"
        "4. Rendre visibles les suites données aux avis."
    ),
    "method": (
        "Dans quatre quartiers pilotes, un tiers des sièges est attribué par tirage au sort "
        "sur les listes électorales et le répertoire des logements sociaux, avec des quotas "
        "d'âge et de sexe. Les séances adoptent un format en petits groupes animés. Chaque "
        "conseil pilote dispose d'un budget d'initiative de 30 000 €.\n\n"
        "Quatre quartiers comparables gardent le fonctionnement actuel (quartiers témoins)."
    ),
    "actors": (
        "Ville de Lille : portage politique (adjointe à la démocratie participative), "
        "direction de la participation citoyenne.\n"
        "Lab : conception, animation des séances pilotes, évaluation.\n"
        "Quartiers en commun : mobilisation des habitants tirés au sort.\n"
        "Laboratoire de sociologie des territoires : observation des séances."
    ),
    "evaluation_plan": (
        "Questionnaire aux membres des conseils avant (janvier 2026) et après (juin 2027), "
        "dans les quartiers pilotes et témoins. Observation de 16 séances avec une grille de "
        "qualité délibérative. Entretiens avec 20 membres et 6 agents."
    ),
    "budget_plan": (
        "Budget d'initiative : 4 × 30 000 €. Animation et évaluation : 85 000 € (lab). "
        "Indemnisation des membres tirés au sort : 12 000 €."
    ),
    "timeline": (
        "Janvier-mars 2026 : tirage au sort et installation. Avril 2026-mai 2027 : séances "
        "pilotes. Juin 2027 : mesure finale. Septembre 2027 : rapport et restitution."
    ),
    "risks": (
        "Faible taux d'acceptation des personnes tirées au sort : prévoir des relances en "
        "porte-à-porte et une indemnisation. Tensions entre anciens et nouveaux membres : "
        "séance d'accueil commune."
    ),
}

CONSEILS_H1 = [
    "Le tirage au sort d'un tiers des sièges rajeunit et diversifie socialement les "
    "conseils de quartier.",
    "Un budget d'initiative augmente le sentiment d'efficacité politique des membres.",
    "L'animation en petits groupes améliore la qualité délibérative des séances.",
]

CONSEILS_V2_CHANGES = {
    "evaluation_plan": (
        "Questionnaire aux membres des conseils avant (janvier 2026) et après (juin 2027), "
        "dans les quatre quartiers pilotes et les quatre quartiers témoins : sentiment "
        "d'efficacité politique, confiance dans l'institution, intention de participer.\n\n"
        "Observation de 16 séances avec une grille de qualité délibérative (temps de parole "
        "par profil, justification des positions, écoute). Entretiens avec 20 membres et "
        "6 agents.\n\n"
        "Comparaison de la composition des conseils aux données du recensement de chaque "
        "quartier (âge, sexe, PCS)."
    ),
}

CONSEILS_H2 = [
    *CONSEILS_H1,
    "Les habitants des quartiers prioritaires tirés au sort restent membres au moins un an "
    "quand ils sont indemnisés.",
]

ENGAGEMENT_V1 = {
    "context": (
        "La consultation annuelle de la Région recueille environ 12 000 réponses en ligne. "
        "Les répondants sont à 61 % diplômés du supérieur (29 % de la population régionale), "
        "les moins de 30 ans et les ouvriers y sont très peu représentés."
    ),
    "problem": (
        "Quels dispositifs d'« aller-vers » permettent d'atteindre les personnes qui ne "
        "participent jamais, à quel coût par répondant ?"
    ),
    "objectives": (
        "Atteindre au moins 3 000 répondants issus des publics éloignés de la participation ; "
        "comparer le coût et le profil des répondants de chaque canal ; outiller les centres "
        "sociaux pour qu'ils poursuivent seuls."
    ),
    "method": (
        "Trois canaux comparés dans huit territoires : stands sur les marchés avec tablettes, "
        "porte-à-porte par des habitants-relais rémunérés, questionnaire court diffusé par SMS "
        "via les centres sociaux. La consultation en ligne habituelle sert de référence."
    ),
    "actors": (
        "Région : commanditaire. Fédération des centres sociaux : 20 centres relais. "
        "Cartocité : outil de collecte hors ligne. Lab : coordination et évaluation."
    ),
    "evaluation_plan": (
        "Profil des répondants par canal comparé aux marges du recensement (âge, sexe, PCS, "
        "diplôme, résidence en QPV) ; coût par répondant ; entretiens avec les habitants-relais."
    ),
    "budget_plan": "Total 240 000 €, dont 110 000 € de la Fondation pour la participation.",
    "timeline": "Vague 1 : printemps 2026. Vague 2 : automne 2026. Bilan : mars 2027.",
    "risks": "Saturation des centres sociaux ; qualité des données saisies sur tablette.",
}

ENGAGEMENT_H = [
    "Les stands sur les marchés touchent davantage les moins de 30 ans que la consultation "
    "en ligne.",
    "Le porte-à-porte par des habitants-relais touche les résidents des QPV à un coût par "
    "répondant acceptable (moins de 25 €).",
]

ESPACE_PUBLIC_V1 = {
    "context": (
        "Oignies (10 000 habitants) engage le réaménagement de la place du marché. Les "
        "dernières réunions publiques ont rassemblé moins de 40 personnes, toujours les mêmes."
    ),
    "problem": (
        "Une présence régulière dans l'espace public fait-elle participer d'autres habitants "
        "au projet d'aménagement, et comment leurs contributions pèsent-elles sur le projet ?"
    ),
    "objectives": (
        "Recueillir l'avis de 500 habitants ; faire participer femmes et jeunes aux marches "
        "exploratoires ; tracer chaque contribution jusqu'à sa prise en compte dans le projet."
    ),
    "method": (
        "Maison mobile installée deux jours par semaine sur la place pendant six mois ; "
        "marches exploratoires ; trois ateliers de co-conception avec les services techniques."
    ),
    "actors": "Ville d'Oignies, Les Corons vivants, lab (animation et évaluation).",
    "evaluation_plan": (
        "Comptage des passages et des contributions ; questionnaire court sur place ; "
        "matrice de traçabilité des contributions."
    ),
    "budget_plan": "Maison mobile et animation : 48 000 €.",
    "timeline": "Mars à décembre 2026.",
    "risks": "Météo ; lassitude des habitants si aucune décision visible avant l'été.",
}

ESPACE_PUBLIC_H = [
    "Une présence régulière sur la place fait participer des habitants absents des réunions "
    "publiques.",
    "Les marches exploratoires font émerger des usages de la place invisibles pour les services.",
]

ASSEMBLEE_V1 = {
    "context": "La Métropole prépare son plan de rénovation énergétique des logements 2028-2032.",
    "problem": "Une assemblée tirée au sort peut-elle produire des recommandations acceptées ?",
}

# slug -> versions: (author username, section changes, hypotheses or None, note, COPIL date)
PROTOCOLS = {
    "conseils-de-quartier-lille": [
        ("coordinatrice", CONSEILS_V1, CONSEILS_H1, "Première rédaction", date(2026, 1, 20)),
        ("analyste", CONSEILS_V2_CHANGES, None, "Plan d'évaluation précisé", None),
        ("coordinatrice", {}, CONSEILS_H2, "Hypothèse ajoutée", None),
    ],
    "engagement-citoyen-hauts-de-france": [
        ("coordinateur", ENGAGEMENT_V1, ENGAGEMENT_H, "Première rédaction", date(2025, 11, 4)),
    ],
    "participation-espace-public-oignies": [
        ("coordinatrice", ESPACE_PUBLIC_V1, ESPACE_PUBLIC_H, "Première rédaction", None),
    ],
    "assemblee-citoyenne-climat-mel": [
        ("coordinateur", ASSEMBLEE_V1, [], "Note d'intention", None),
    ],
}
