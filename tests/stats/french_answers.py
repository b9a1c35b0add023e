"""Labelled French open answers with known themes, to measure how well themes are found.

What residents write when a town asks "what should change in your neighbourhood?": nine
themes, answers of 5 to 60 words built from clauses written for this purpose, with what makes
real answers hard to sort: words shared by every theme (quartier, habitants, "il faudrait"),
clauses that touch two themes (parked cars block the pavement; commercial rents), about a
quarter of the answers mentioning a second theme (the label is the main one), inflections
(passe, passent, passaient; poubelle, poubelles), missing accents, capitals, typos and text
abbreviations. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import unicodedata

THEMES = (
    "transports",
    "propreté",
    "sécurité",
    "espaces verts",
    "commerces",
    "jeunesse",
    "logement",
    "participation",
    "santé",
)

# How often each theme is the main one: consultations are never balanced.
WEIGHTS = (0.16, 0.15, 0.13, 0.11, 0.09, 0.10, 0.09, 0.09, 0.08)

PLACES = (
    "rue Victor Hugo",
    "avenue de la République",
    "place de l'église",
    "dans le quartier des Tilleuls",
    "près de l'école",
    "vers la gare",
    "au centre-ville",
    "en bas de chez moi",
    "derrière la mairie",
    "du côté du stade",
    "aux Glycines",
    "dans notre résidence",
    "autour du collège",
    "chemin des Vignes",
    "dans tout le quartier",
)

MOMENTS = (
    "le soir",
    "la nuit",
    "le week-end",
    "le dimanche",
    "en semaine",
    "pendant les vacances",
    "depuis des années",
    "depuis deux ans",
    "le matin",
    "l'été",
    "en hiver",
    "en ce moment",
)

OPENERS = (
    "",
    "",
    "",
    "Je pense que",
    "À mon avis,",
    "Franchement",
    "Pour moi",
    "Ce qui ne va pas :",
    "Honnêtement",
    "Bonjour,",
    "Moi je trouve que",
    "Le problème c'est que",
    "Selon moi",
    "Personnellement",
    "Comme beaucoup d'habitants,",
    "Ce que je voudrais dire c'est que",
    "Depuis que j'habite ici,",
    "Dans notre quartier",
)

FILLERS = (
    "merci",
    "c'est dommage pour le quartier",
    "ça serait bien pour tout le monde",
    "on en parle depuis longtemps",
    "voilà ce que j'en pense",
    "il faut agir vite",
    "la ville doit faire quelque chose",
    "tout le monde le dit",
    "ce serait un vrai plus pour les habitants",
    "les habitants en ont marre",
    "c'est pas normal",
    "j'habite ici depuis 15 ans",
    "avec mes enfants c'est compliqué",
    "je ne sais pas si ça changera",
    "ça fait longtemps que ça dure",
    "le quartier mérite mieux",
    "on se sent un peu oubliés",
    "c'est le plus important pour moi",
    "j'espère que ce sera pris en compte",
    "la commune a les moyens de le faire",
    "à part ça le quartier est agréable",
    "c'est une question de qualité de vie",
)

CONNECTORS = (". ", ", ", " et ", " et puis ", ". Aussi ", ". En plus ", "... ", " ! ", ". ")

# "{a|b}" picks one of the alternatives; [lieu] and [moment] take a place and a moment.
CLAUSES: dict[str, tuple[str, ...]] = {
    "transports": (
        "{les bus|le bus|les autobus} ne {passent|passe|passaient} pas assez souvent [moment]",
        "{il manque|on manque|il faudrait plus} de pistes cyclables "
        "{sécurisées|protégées|continues}",
        "la piste cyclable {s'arrête|s'arrete|s'interrompt} {brusquement|au milieu de nulle "
        "part} [lieu]",
        "les horaires du {bus|tram|tramway} ne sont pas {respectés|adaptés aux horaires de "
        "travail}",
        "{il est impossible|c'est impossible|c'est très difficile} de {se garer|stationner|"
        "trouver une place de parking} [lieu]",
        "la circulation est {infernale|bloquée|saturée} aux heures de pointe",
        "les voitures {roulent|roulaient} trop vite {dans la rue|devant l'école|[lieu]}",
        "{je prends|on prend|nous prenons} le {bus|tram|métro} tous les jours pour aller "
        "travailler",
        "{un abri|des abris} {bus|de bus} avec des bancs {serait|seraient} {bienvenu|utiles} "
        "à l'arrêt",
        "{les trottoirs|le trottoir} {sont|est} {encombrés|encombré} par les voitures "
        "{garées|mal garées}",
        "il faudrait {une navette|un minibus|une ligne de bus} vers {la gare|l'hôpital|le "
        "centre-ville}",
        "{le ticket|les tickets|l'abonnement} de {transport|bus} {coûte|coutent|coûtent} trop cher",
        "des {parkings vélos|arceaux pour les vélos|garages à vélo sécurisés} {manquent|font "
        "défaut} [lieu]",
        "les {embouteillages|bouchons} {matin et soir|chaque matin} {rendent|rend} les trajets "
        "{interminables|très longs}",
        "{développer|favoriser|encourager} le covoiturage et les {déplacements|trajets} à vélo",
        "le {tram|métro} est {bondé|plein|saturé} aux heures de pointe",
        "les {correspondances|connexions} entre {les lignes|le bus et le train} sont mal "
        "{organisées|pensées}",
        "les {passages piétons|feux} sont mal placés et les piétons {traversent|circulent} "
        "difficilement",
        "{plus de|davantage de} {bus|rames|trains} le {dimanche|soir|week-end}",
        "{réduire|limiter|diminuer} la place de la voiture en ville",
        "les {vélos|trottinettes} en libre-service {sont|seraient} {pratiques|une bonne idée}",
        "{l'arrêt de bus|la station de tram} est trop loin de {chez moi|[lieu]}",
    ),
    "propreté": (
        "{les poubelles|la poubelle|les bacs} {débordent|deborde|débordaient} {tout le temps|"
        "chaque week-end|[moment]}",
        "{il y a|on voit} des dépôts sauvages {partout|[lieu]|au pied des immeubles}",
        "les {encombrants|déchets encombrants|vieux meubles} {restent|traînent|trainent} sur "
        "le trottoir pendant des semaines",
        "{les crottes de chien|les déjections canines} {sont|deviennent} insupportables {sur "
        "les trottoirs|[lieu]}",
        "la collecte des {déchets|ordures|poubelles} {n'est pas|n'est plus} assez "
        "{fréquente|régulière}",
        "{plus de|davantage de|des} {poubelles publiques|corbeilles|conteneurs de tri} {dans "
        "les rues|[lieu]|près des bancs}",
        "les rues sont {sales|très sales|dégoûtantes|degoutantes} {et mal entretenues|}",
        "{les mégots|les papiers|les canettes|les sacs plastiques} {jonchent|traînent} {le "
        "sol|par terre} [lieu]",
        "le {tri sélectif|tri des déchets|recyclage} {devrait|doit} être {mieux expliqué|"
        "encouragé|simplifié}",
        "{les tags|les graffitis} sur les murs {donnent|donne} une image {négative|sale} du "
        "quartier",
        "{le nettoyage|le balayage} des rues {est|reste} insuffisant",
        "{installer|mettre en place} des {composteurs|bacs à compost} collectifs",
        "{les agents|les services} de propreté {passent|passe} trop rarement",
        "{les rats|les nuisibles|les pigeons} {prolifèrent|se multiplient} à cause des "
        "{ordures|déchets}",
        "{sanctionner|verbaliser} ceux qui {jettent|jette|abandonnent} leurs {ordures|déchets|"
        "sacs} {n'importe où|par terre}",
        "{la déchetterie|la déchèterie} est trop loin et ferme trop tôt",
        "les {containers|conteneurs} à verre {sont|restent} {toujours pleins|pleins et sales}",
        "{c'est sale|c'est crade|ce n'est pas propre} {partout|[lieu]}",
    ),
    "sécurité": (
        "{l'éclairage|l'eclairage|l'éclairage public} est {insuffisant|défaillant|trop "
        "faible} [lieu]",
        "{les lampadaires|le lampadaire} {sont|est} {en panne|cassé|cassés|éteints} depuis "
        "{des mois|des semaines}",
        "{on ne se sent pas|je ne me sens pas|les femmes ne se sentent pas} en sécurité [moment]",
        "{il y a|on constate} {du trafic|du deal|des trafics} {au pied des immeubles|[lieu]|"
        "dans les halls}",
        "{les rodéos|les rodéos urbains} {de motos|de scooters|} {empêchent|empechent} de dormir",
        "{plus de|davantage de|une vraie} présence policière {serait|est} {nécessaire|"
        "indispensable|rassurante}",
        "{des caméras|la vidéosurveillance|la vidéo protection} {permettraient|permettrait} "
        "de {dissuader|limiter} les {vols|cambriolages|agressions}",
        "{les incivilités|les agressions|les cambriolages} {se multiplient|augmentent|sont de "
        "plus en plus fréquents}",
        "{la police municipale|les policiers} {ne viennent|ne vient|n'interviennent} jamais "
        "quand on {appelle|les appelle}",
        "{rentrer|revenir|marcher} {seule|seul|à pied} {le soir|la nuit} {fait peur|est "
        "angoissant}",
        "{des jeunes|des groupes|des bandes} {squattent|occupent} les halls {et font du "
        "bruit|d'immeuble|jusqu'à tard}",
        "{les vols de voiture|les vols de vélos|les dégradations de véhicules} sont "
        "{fréquents|courants}",
        "{le parking|le parc} {est|devient} un lieu de {trafic|deal} {la nuit|le soir}",
        "{renforcer|améliorer|augmenter} les {patrouilles|rondes} {de nuit|le soir}",
        "{les ruelles|les passages|les chemins} {sombres|mal éclairés|non éclairés} {sont|"
        "restent} dangereux",
        "{mettre|installer|ajouter} {des éclairages|de la lumière|des lampadaires} {dans|le "
        "long du} {chemin|passage souterrain|parking}",
        "{les bruits|le tapage nocturne|les nuisances sonores} {la nuit|le soir} {sont|"
        "deviennent} insupportables",
        "{c'est dangereux|c'est devenu dangereux|l'insécurité augmente} [lieu]",
    ),
    "espaces verts": (
        "{il manque|on manque|il faudrait plus} {d'espaces verts|de parcs|de jardins} [lieu]",
        "{planter|plantez|replanter} des arbres {pour avoir de l'ombre|dans les rues|le long "
        "de l'avenue}",
        "le parc {est|reste} {mal entretenu|fermé trop tôt|à l'abandon}",
        "{des bancs|plus de bancs|des tables de pique-nique} dans {le parc|le square|les jardins}",
        "{un jardin partagé|des jardins partagés|des potagers collectifs} {serait|seraient} "
        "{génial|une belle idée}",
        "{la pelouse|les pelouses|le gazon} {est|sont} {pelée|jaunies|abîmée|abimées}",
        "{végétaliser|verdir|fleurir} {les cours d'école|la place|les trottoirs|les façades}",
        "{on a besoin|nous avons besoin} de {nature|verdure|fraîcheur} en ville {l'été|"
        "pendant les canicules}",
        "{les arbres|les platanes|les haies} {ont été|sont} {abattus|coupés|taillés} sans "
        "{raison|explication}",
        "{des fontaines|des points d'eau|une fontaine} dans les {parcs|squares}",
        "{des fleurs|des massifs fleuris|des jardinières} {embelliraient|rendraient plus "
        "joli} le quartier",
        "le square {est|reste} {bétonné|trop minéral|sans ombre}",
        "{créer|aménager|ouvrir} un {parc|grand jardin|espace vert} à la place du {terrain "
        "vague|parking|la friche}",
        "{les aires de jeux|l'aire de jeux} du parc {sont|est} {vétustes|vétuste|dangereuses}",
        "{protéger|préserver} {la biodiversité|les oiseaux|les abeilles} {avec des prairies|en "
        "arrêtant les pesticides}",
        "{les espaces verts|les jardins publics} {devraient|pourraient} rester ouverts {plus "
        "tard|le soir|l'été}",
        "{plus de verdure|plus d'arbres|moins de béton} {et moins de béton|[lieu]|svp}",
    ),
    "commerces": (
        "{il n'y a plus|il manque|on manque} de commerces de proximité [lieu]",
        "{la boulangerie|la boucherie|le bureau de tabac|la poste} a fermé et {on doit|il "
        "faut} prendre la voiture",
        "{beaucoup de|trop de} {vitrines|rideaux|magasins} {sont|restent} {fermés|fermées|"
        "baissés} {dans la rue commerçante|[lieu]}",
        "le marché {du samedi|du dimanche|hebdomadaire} {est|reste} {trop petit|génial|le "
        "seul lieu animé}",
        "{les loyers commerciaux|les baux commerciaux} {sont|restent} trop chers pour les "
        "petits commerçants",
        "{un supermarché|une supérette|une épicerie} {ouvert|ouverte} le {soir|dimanche} "
        "{serait|manque}",
        "{les commerçants|les artisans} {souffrent|ont du mal} à cause {du centre commercial|"
        "des travaux|de la zone commerciale}",
        "{soutenir|aider|encourager} les {commerces locaux|petits commerces|commerçants "
        "indépendants}",
        "{des produits locaux|des producteurs locaux|une AMAP} {au marché|près de chez nous}",
        "{les magasins|les boutiques} {ferment|fermaient} les uns après les autres",
        "{un café|un restaurant|un bar} {sympa|convivial} {manque|manquerait} {pour se "
        "retrouver|au quartier}",
        "{trop de|encore un} {kebab|bar à chicha|agence immobilière|banque} {et plus de vrais "
        "commerces|à la place des boutiques}",
        "{les prix|les tarifs} {dans les supérettes|des petits magasins} {sont|restent} "
        "{exorbitants|trop élevés}",
        "{faire les courses|acheter du pain|aller au marché} {sans voiture|à pied} {est "
        "devenu|est} {compliqué|impossible}",
        "{une halle|un marché couvert} {redonnerait|donnerait} vie au centre",
        "{la pharmacie|le distributeur de billets|le bureau de poste} {a disparu|a fermé} du "
        "quartier",
        "{des commerces|plus de commerces|des boutiques} {variés|de qualité} [lieu]",
    ),
    "jeunesse": (
        "{les jeunes|les ados|les adolescents} {n'ont|ont} {rien à faire|aucune activité|"
        "nulle part où aller} [moment]",
        "{un city stade|un terrain de foot|un skatepark|un terrain de basket} {pour les "
        "jeunes|serait bien|manque}",
        "la maison de quartier {devrait|pourrait} {ouvrir|proposer} {plus tard|plus "
        "d'activités|le week-end}",
        "{des activités|des animations|des sorties} pour les {enfants|jeunes|ados} pendant "
        "les vacances",
        "{le centre social|la MJC|la maison des jeunes} {manque|manquent} de {moyens|"
        "animateurs|places}",
        "{des stages|des ateliers} {de sport|de musique|de théâtre|de danse} {gratuits|à petit "
        "prix}",
        "{les clubs sportifs|les associations sportives} {sont|restent} {trop chers|complets} "
        "pour les familles",
        "{les jeunes|les ados} {traînent|trainent|zonent} dans la rue {faute de lieux|par ennui}",
        "{aider|accompagner} les jeunes {à trouver|dans leur recherche d'} {un stage|un "
        "emploi|une formation}",
        "{l'aide aux devoirs|le soutien scolaire} {devrait|doit} être {développé|gratuit|renforcé}",
        "{un lieu|un espace|une salle} pour que les jeunes {se retrouvent|puissent se retrouver}",
        "{les éducateurs|les animateurs} de rue {ont disparu|font un super travail|manquent}",
        "{organiser|proposer} des {tournois|fêtes|concerts} {pour les jeunes|entre quartiers}",
        "{les enfants|les gamins|les petits} {s'ennuient|s'ennuyent|n'ont pas de loisirs} le "
        "mercredi",
        "{la piscine|la médiathèque|le gymnase} {est|reste} {fermée|fermé} {le dimanche|"
        "pendant les vacances|trop souvent}",
        "{des loisirs|des activités sportives|des sorties culturelles} pour {la jeunesse|les "
        "jeunes du quartier}",
    ),
    "logement": (
        "{les loyers|le loyer} {sont|est} {beaucoup trop|trop} {élevés|chers|cher} [lieu]",
        "{mon appartement|notre logement|le logement} est {humide|insalubre|mal isolé} {avec "
        "des moisissures|}",
        "{le bailleur|l'office HLM|le propriétaire} ne {répond|repond|fait} {jamais|rien} "
        "{aux demandes|à nos demandes}",
        "{l'ascenseur|les ascenseurs} {est|sont} en panne {une semaine sur deux|depuis des "
        "mois|régulièrement}",
        "{les charges|les charges locatives} {augmentent|ont augmenté} sans {explication|"
        "justification}",
        "{le chauffage|la chaudière|le chauffage collectif} {ne fonctionne pas|tombe en "
        "panne} {en hiver|tout l'hiver}",
        "{il faut|il faudrait} {construire|bâtir} {plus de logements sociaux|des logements "
        "abordables}",
        "{la demande de logement social|ma demande de HLM|notre demande de logement} "
        "{attend|traîne} depuis {cinq ans|des années}",
        "{les travaux de rénovation|la réhabilitation} des {immeubles|bâtiments|résidences} "
        "{tarde|tardent|n'avance pas}",
        "{les familles|les jeunes couples|les étudiants} {ne trouvent pas|ne peuvent pas "
        "trouver} à se loger",
        "{les logements|les appartements} {vides|vacants} {devraient|pourraient} être "
        "{réquisitionnés|loués}",
        "{l'isolation|l'isolation thermique} des {logements|appartements} {est|reste} "
        "{catastrophique|à revoir}",
        "{les parties communes|les halls|les cages d'escalier} {sont|restent} {dégradées|"
        "dégradés|mal entretenues}",
        "{la colocation|les locations saisonnières|les airbnb} {font|fait} monter les prix "
        "{des loyers|de l'immobilier}",
        "{acheter|devenir propriétaire} {est devenu|est} impossible pour {les classes "
        "moyennes|les jeunes|nous}",
        "{les punaises de lit|les cafards} {envahissent|ont envahi} {l'immeuble|les appartements}",
        "{se loger|trouver un logement|trouver un appartement} {coûte|coute} {trop cher|une "
        "fortune} [lieu]",
    ),
    "participation": (
        "{les élus|le maire|les elus} {n'écoutent|n'écoute|n'ecoutent} pas {les habitants|les "
        "citoyens}",
        "{les réunions|les réunions publiques|les concertations} {se font|ont lieu} {à des "
        "horaires impossibles|en pleine journée}",
        "{on ne nous demande|personne ne nous demande} jamais notre avis {avant|sur} les "
        "{décisions|projets}",
        "{la concertation|cette consultation} {est|semble} {une façade|de la com|décidée d'avance}",
        "{plus de|davantage de} transparence sur {les décisions|le budget|les projets} de la "
        "mairie",
        "{le conseil de quartier|les conseils citoyens} {devrait|devraient} avoir un vrai "
        "pouvoir de décision",
        "{un budget participatif|le budget participatif} {permettrait|permet} aux habitants de "
        "{proposer|choisir} des projets",
        "{informer|tenir au courant} les habitants {des projets|des travaux|des décisions} "
        "{en amont|à l'avance}",
        "{les associations|les collectifs d'habitants} {ne sont pas|sont peu|ne sont jamais} "
        "{consultées|consultés|écoutés|associés}",
        "{merci pour|bravo pour} cette {consultation|démarche|initiative} {j'espère qu'elle "
        "sera suivie d'effets|enfin}",
        "{les retours|les comptes rendus|les réponses} {après|suite aux} {réunions|"
        "consultations} {n'arrivent jamais|manquent}",
        "{les élus|le maire|l'adjoint} {devraient|devrait} venir {sur le terrain|dans le "
        "quartier|rencontrer les habitants}",
        "{voter|donner son avis|participer} {en ligne|sur internet} {serait|est} plus simple "
        "pour ceux qui travaillent",
        "{la démocratie locale|la participation citoyenne} {reste|est} {un slogan|à "
        "construire|un mot creux}",
        "{les promesses|les engagements} {de campagne|des élus} ne sont {pas tenues|jamais tenus}",
        "{associer|impliquer} {les habitants|les citoyens|les jeunes} {aux décisions|à la "
        "construction des projets}",
        "{être écoutés|être entendus|être consultés} {par la mairie|par nos élus} {vraiment|"
        "pour de vrai|}",
    ),
    "santé": (
        "{il n'y a plus|il manque|on manque} de {médecins|médecins généralistes|généralistes} "
        "[lieu]",
        "{trouver|avoir} un {rendez-vous|rdv} chez {le dentiste|l'ophtalmo|un spécialiste} "
        "prend des {mois|semaines}",
        "{mon médecin|notre médecin traitant|le généraliste} {part|est parti} à la retraite "
        "sans {remplaçant|successeur}",
        "{les urgences|l'hôpital} {sont|est} {saturées|saturé|débordé|débordées} {et trop "
        "loin|[moment]}",
        "{une maison de santé|un centre de santé|une maison médicale} {serait|manque} "
        "{indispensable|au quartier}",
        "{les personnes âgées|les seniors|les anciens} {ont du mal|n'arrivent pas} à se soigner",
        "{la pharmacie de garde|les infirmiers|les infirmières} {sont|est} trop loin {le "
        "week-end|la nuit}",
        "{la santé mentale|le suivi psychologique|les psychologues} {n'est|ne sont} pas {pris "
        "en charge|accessibles}",
        "{les délais|les attentes} pour {voir|consulter} un {pédiatre|gynécologue|kiné} "
        "{sont|deviennent} {énormes|interminables}",
        "{la prévention|les campagnes de dépistage|la vaccination} {devrait|devraient} {venir|"
        "être faite} dans les quartiers",
        "{un désert médical|le désert médical} {s'installe|s'étend} {chez nous|dans la commune}",
        "{les soins|les consultations|les dépassements d'honoraires} {coûtent|coutent|sont} "
        "trop chers pour les familles",
        "{le cabinet médical|le centre de soins} {a fermé|ferme} {l'année dernière|bientôt}",
        "{la pollution|la qualité de l'air} {rend|rendent} {les enfants|les gens} malades "
        "{avec de l'asthme|}",
        "{un médecin|une infirmière} scolaire {dans chaque école|au collège} {serait|est} "
        "nécessaire",
        "{l'accès aux soins|se soigner|voir un médecin} {est devenu|devient} {difficile|"
        "compliqué} [lieu]",
    ),
}

# Text abbreviations some residents use; they replace whole words.
ABBREVIATIONS = {
    "beaucoup": "bcp",
    "toujours": "tjs",
    "quand": "qd",
    "pour": "pr",
    "dans": "ds",
    "quelque": "qq",
    "rendez-vous": "rdv",
}

_CHOICE = re.compile(r"\{([^{}]*)\}")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _expand(template: str, rng: random.Random) -> str:
    text = template.replace("[lieu]", rng.choice(PLACES)).replace("[moment]", rng.choice(MOMENTS))
    return _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:  # two letters swapped
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind < 0.7:  # a letter left out
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # a letter doubled


def _roughen(text: str, rng: random.Random) -> str:
    """What typing on a phone does to an answer."""
    if rng.random() < 0.25:  # a quarter of residents never type accents
        text = _strip_accents(text)
    abbreviates = rng.random() < 0.1
    words = []
    for word in text.split():
        roll = rng.random()
        if abbreviates and word.lower() in ABBREVIATIONS and roll < 0.6:
            word = ABBREVIATIONS[word.lower()]
        elif len(word) >= 5 and word.isalpha() and roll < 0.03:
            word = _typo(word, rng)
        elif roll < 0.06:
            word = _strip_accents(word)
        elif roll < 0.075:
            word = word.capitalize()
        words.append(word)
    text = " ".join(words)
    style = rng.random()
    if style < 0.03:
        text = text.upper()
    elif style < 0.75:
        text = text[:1].upper() + text[1:]
    ending = rng.choice(("", "", ".", ".", "!", "!!", "...", " :(", " 🙏"))
    if ending.startswith(" ") and len(words) >= 60:
        ending = ""  # an emoticon is not a word, but keep the count honest anyway
    return text + ending


def _answer(theme: str, rng: random.Random) -> str:
    length = min(60, max(5, round(rng.lognormvariate(3.0, 0.55))))
    parts = []
    opener = rng.choice(OPENERS)
    if opener and length > 8:
        parts.append(opener)
    clauses = CLAUSES[theme]
    parts.append(_expand(rng.choice(clauses), rng))
    second = rng.random() < 0.25  # a second theme, mentioned after the main one
    words = sum(len(p.split()) for p in parts)
    while words < length:
        roll = rng.random()
        if second:
            other = rng.choice([t for t in THEMES if t != theme])
            clause = _expand(rng.choice(CLAUSES[other]), rng)
            second = False
        elif roll < 0.3:
            clause = rng.choice(FILLERS)
        else:
            clause = _expand(rng.choice(clauses), rng)
        parts.append(rng.choice(CONNECTORS).strip(" ") + " " + clause)
        words += len(clause.split()) + 1
    # An empty alternative leaves two spaces; split() and join() remove them.
    words = " ".join(parts).replace(" , ", ", ").replace(" . ", ". ").split()
    return _roughen(" ".join(words[:60]), rng)


def labelled_answers(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """`n` answers and the index in :data:`THEMES` of each one's main theme."""
    rng = random.Random(seed)
    labels = rng.choices(range(len(THEMES)), weights=WEIGHTS, k=n)
    return [_answer(THEMES[label], rng) for label in labels], labels
