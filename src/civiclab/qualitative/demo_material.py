"""Qualitative material for the demo lab: transcripts, codebooks, two coders' codings,
report quotes, and a generator of French open answers clustered into latent themes.

Plain data, no Django: the demo seeds its qualitative analysis from `MATERIAL`, keyed by
experiment slug, and draws open answers with `open_answer`. Every quote is an exact substring
that occurs once in its source's text, so the demo can place it with `str.find`. People, streets
and schools are fictional or used fictitiously.
"""

import random
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# --- structures ------------------------------------------------------------------------------

Path = tuple[str, ...]
# (code path, exact quote) or (code path, exact quote, memo)
Coding = tuple[Path, str] | tuple[Path, str, str]


@dataclass(frozen=True)
class DemoCode:
    """A code of the codebook: its path of names from the root, a definition for coders,
    and a light highlight colour (black text stays readable on it)."""

    path: Path
    description: str
    colour: str

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def parent(self) -> Path | None:
        return self.path[:-1] or None


@dataclass(frozen=True)
class DemoSource:
    """A transcript or field note; `kind` is "interview", "focus_group" or "field_notes"."""

    kind: str
    title: str
    date: date
    description: str
    text: str


@dataclass(frozen=True)
class DemoVerbatim:
    """A quote to mark for the report, with the names and places to pseudonymise in it."""

    source: int  # index in ExperimentMaterial.sources
    quote: str
    replacements: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExperimentMaterial:
    """One experiment's qualitative material. `codings` runs parallel to `sources`: for each
    source, coder key ("a": the impact analyst, "b": the researcher) -> that coder's codings."""

    codebook: tuple[DemoCode, ...]
    sources: tuple[DemoSource, ...]
    codings: tuple[Mapping[str, tuple[Coding, ...]], ...]
    verbatims: tuple[DemoVerbatim, ...]


def _text(raw: str) -> str:
    """A transcript written wrapped in the source file: paragraphs are separated by blank
    lines, the lines of a paragraph are joined with single spaces."""
    paragraphs = [
        " ".join(line.strip() for line in block.splitlines()) for block in raw.split("\n\n")
    ]
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def _codebook(families: list[tuple[str, str, str, list]]) -> tuple[DemoCode, ...]:
    """Codes from (family name, definition, colour, children); a child is (name, definition,
    colour) or (name, definition, colour, grandchildren)."""
    codes: list[DemoCode] = []

    def add(parent: Path, name: str, description: str, colour: str, children: list) -> None:
        path = (*parent, name)
        codes.append(DemoCode(path, description, colour))
        for child in children:
            add(path, *child[:3], child[3] if len(child) > 3 else [])

    for name, description, colour, children in families:
        add((), name, description, colour, children)
    return tuple(codes)


# --- conseils-de-quartier-lille ---------------------------------------------------------------

_CONSEILS_INTERVIEW_1 = _text(
    """
Enquêtrice : Merci de me recevoir. Pour commencer, est-ce que vous pouvez me raconter comment
vous êtes arrivée au conseil de quartier ?

Mme R. : Alors, euh… c'est un peu par hasard, en fait. J'ai reçu un courrier en février, une
enveloppe de la mairie, et honnêtement j'ai cru que c'était une amende ou un truc pour les
impôts. Je l'ai laissée deux jours sur le frigo. Et puis mon fils, Nolan, il l'a ouverte, il m'a
dit « maman, t'as gagné un truc ». (rires) Enfin, gagné… c'était le tirage au sort pour le
conseil de quartier de Fives.

Enquêtrice : Et qu'est-ce que vous avez pensé à ce moment-là ?

Mme R. : Franchement ? Que c'était pas pour moi. Je me suis dit, le conseil de quartier, c'est
des gens qui savent parler, qui connaissent les élus, qui ont le temps. Moi je suis
aide-soignante, je fais des horaires décalés, je rentre parfois à vingt-deux heures. Je me
voyais pas du tout m'asseoir à une table avec des gens qui font ça depuis vingt ans.

Enquêtrice : Qu'est-ce qui vous a fait accepter, finalement ?

Mme R. : C'est la dame de l'association qui est passée. Quartiers en commun, je crois. Elle est
venue sonner, un samedi matin, elle a pris le temps, on a bu un café. Elle m'a expliqué que
justement ils cherchaient des gens comme moi, qui viennent jamais. Et puis y avait
l'indemnisation, je vais pas vous mentir. C'est pas énorme mais ça paie la garde pour le petit
quand je suis en réunion. Sans ça, euh, non, je crois que j'aurais pas pu.

Enquêtrice : Vous pouvez me parler de la première séance ?

Mme R. : La première, c'était en mars, à la maison de quartier, rue Pierre-Legrand. J'étais
stressée, j'avais mis une chemise, vous voyez. (rires) Et en arrivant, y avait les anciens, tous
assis au premier rang, qui se connaissaient, qui se tutoyaient avec l'élue. Nous les nouveaux,
on était au fond, on savait pas trop où se mettre. Y a un monsieur qui m'a demandé si j'étais de
la mairie. Voilà. Ça m'a un peu refroidie.

Enquêtrice : Et ensuite ?

Mme R. : Ensuite ça a changé, parce qu'ils ont fait les petits groupes. Ça, vraiment, c'est ce
qui m'a fait rester. Quand on est huit autour d'une table avec une animatrice qui fait tourner
la parole, ben on ose. J'ai parlé du passage piéton devant l'école Anatole-France, les voitures
qui montent sur le trottoir le matin, et là y a un monsieur, un ancien justement, qui a dit «
elle a raison, ça fait des années qu'on le dit ». Et on a écrit ça ensemble sur le grand papier.
Je me suis sentie… utile, en fait. Enfin, écoutée.

Enquêtrice : Est-ce que ça se passe toujours comme ça, en petits groupes ?

Mme R. : Non, pas toujours. Quand c'est en grande salle, c'est toujours les trois mêmes qui
parlent. Y en a un, je dirai pas son nom, il prend le micro et il le lâche plus. (rires) Il
parle de 1995, de l'ancienne usine, de Fives-Lille… c'est intéressant hein, mais au bout de
vingt minutes on regarde l'heure.

Enquêtrice : Vous parliez du temps. Comment vous faites pour concilier avec votre travail ?

Mme R. : C'est compliqué. Les séances sont à dix-huit heures trente, bon, c'est mieux que
dix-huit heures, mais quand je suis du soir je peux pas. J'ai raté celle de mai à cause d'un
planning. Et là on nous a dit qu'il y aurait des réunions en plus pour le budget, des groupes de
travail. Je veux bien, mais moi, mon temps libre, il est pas extensible, hein. Entre le boulot,
les enfants, les courses… Des fois je me dis que je vais lâcher.

Enquêtrice : Justement, le budget d'initiative, comment ça se passe ?

Mme R. : Alors ça c'est bien, c'est concret. On a trente mille euros pour le quartier. Au début
je croyais pas, je pensais que c'était pour faire joli. Et là on a voté en juin : le passage
piéton surélevé devant l'école, des bacs à plantes rue Pierre-Legrand et un truc pour la fête de
quartier. Mais bon, maintenant il faut que la Ville le fasse. On nous dit « c'est en cours
d'instruction », « les services regardent ». J'attends de voir les travaux avant de crier
victoire.

Enquêtrice : Vous avez des échanges avec les élus ?

Mme R. : L'adjointe, elle vient à chaque séance, elle est gentille, elle écoute. Mais des fois
j'ai l'impression que les réponses sont déjà prêtes. Genre on pose une question sur la sécurité,
et elle sort une fiche. « Alors, la police municipale a renforcé ses passages. » Bon. Sur le
terrain on les voit pas, les passages. Je dis pas qu'elle ment, hein, mais on sent que certaines
choses, c'est décidé ailleurs, à la mairie centrale, et nous on est là pour, euh, valider.

Enquêtrice : Qu'est-ce que ça vous a apporté, personnellement, ces quelques mois ?

Mme R. : Je connais plus de monde. Ça c'est sûr. Maintenant quand je vais au marché de la place
Degeyter, y a des gens qui me disent bonjour, Jeannine du conseil, Karim qui tient l'épicerie…
Avant je connaissais personne à part mes voisins de palier. Et j'ai appris des trucs, comment ça
marche la mairie, qui décide quoi. Je savais même pas qu'il y avait une mairie de quartier, je
croyais que tout se passait à l'hôtel de ville.

Enquêtrice : Si vous deviez donner un conseil pour la suite ?

Mme R. : Garder les petits groupes. Payer les gens, franchement, parce que sinon vous aurez que
des retraités. Et nous dire ce que deviennent nos idées. Même quand c'est non, dites-nous
pourquoi c'est non. C'est ça qui décourage le plus, le silence.
"""
)

_CONSEILS_INTERVIEW_2 = _text(
    """
Enquêteur : Vous êtes au conseil de quartier de Moulins depuis longtemps, je crois ?

M. D. : Depuis 2009. Avant j'étais à l'amicale des locataires, rue d'Arras, et c'est un peu
naturellement que… enfin, on m'a proposé, j'ai dit oui. À l'époque on était quarante,
quarante-cinq, la salle était pleine. Bon, c'étaient des gens comme moi, hein, des retraités,
des anciens syndicalistes, quelques commerçants. Les jeunes, on les voyait pas. Ça, je le
reconnais.

Enquêteur : Et quand vous avez appris qu'un tiers des sièges serait tiré au sort ?

M. D. : Ben au début j'étais contre. Je vais être honnête avec vous. Je me suis dit : on nous
remplace. Ça fait dix-sept ans que je donne mes mardis soir, et là on va mettre des gens pris au
hasard, qui connaissent pas les dossiers, qui savent pas ce qu'on s'est battus pour obtenir. Le
square Léo-Lagrange, la rénovation de la salle Courbet, c'est nous, ça. Ça s'est pas fait tout
seul.

Enquêteur : Et aujourd'hui ?

M. D. : Aujourd'hui… c'est plus nuancé. Y a une jeune femme, Sabrina, elle est arrivée par le
tirage, elle a trente ans, elle est auxiliaire de vie. Et elle a des idées, vraiment. Sur les
horaires de la médiathèque, sur les poussettes dans le métro à Porte de Douai, des choses
auxquelles nous on pensait pas, parce qu'on n'a plus de poussette depuis longtemps, hein.
(rires) Donc oui, ça apporte quelque chose.

Enquêteur : Comment se passent les séances depuis le changement de format ?

M. D. : Alors les petits groupes, euh… j'ai un avis partagé. C'est bien pour que les nouveaux
parlent, d'accord. Mais on perd le débat collectif. Avant, on avait un vrai échange avec l'élu,
en plénière, on pouvait le mettre face à ses contradictions. Maintenant on est éclatés en
tables, on écrit sur des post-it, et à la fin l'animateur fait une synthèse. Une synthèse, c'est
toujours un peu… lissé. Les désaccords disparaissent.

Enquêteur : Vous avez le sentiment que les désaccords disparaissent ?

M. D. : Oui. Sur le stationnement, par exemple. Y a une vraie opposition dans le quartier entre
ceux qui veulent garder les places et ceux qui veulent des pistes cyclables. Nous à notre table
on s'est franchement engueulés, poliment hein, mais franchement. Et dans la synthèse c'est
devenu « les habitants souhaitent concilier les différents modes de déplacement ». Bon. Tout le
monde est d'accord avec ça, ça veut rien dire.

Enquêteur : Et le budget d'initiative ?

M. D. : C'est la vraie nouveauté. Trente mille euros, c'est pas rien pour un conseil qui avait
zéro. Mais ça a créé des tensions, je vous le cache pas. Les anciens voulaient mettre l'argent
dans le jardin partagé, les nouveaux voulaient des activités pour les ados. Au final on a coupé
la poire en deux. Et ce qui m'inquiète c'est la lenteur. On a voté en mai, on est en juillet,
rien n'a bougé. Les services disent qu'il faut un marché public pour les jeux. Si en septembre y
a rien, les nouveaux vont partir, et ils auront raison.

Enquêteur : Vous pensez qu'ils vont partir ?

M. D. : Certains, oui. Déjà sur les douze tirés au sort, y en a trois qu'on ne voit plus. Un qui
a déménagé, une qui a eu un bébé, et un troisième, je sais pas, il est venu deux fois et puis
plus rien. Moi je trouve qu'on devrait les appeler, aller les voir. Mais bon, c'est pas mon
rôle, c'est l'association.

Enquêteur : Et la relation avec la mairie, elle a changé ?

M. D. : Un peu. L'adjointe est plus présente, c'est vrai. Avant on voyait l'élu de quartier deux
fois par an, et encore. Mais sur le fond, les gros dossiers, la ZAC, le devenir de l'ancienne
filature, on n'est pas consultés, on est informés. C'est pas pareil. On nous présente des plans
déjà faits, avec des belles images, et on a le droit de poser des questions. Je l'ai dit en
séance, d'ailleurs, ça n'a pas plu.

Enquêteur : Qu'est-ce qui ferait, selon vous, que l'expérience soit réussie ?

M. D. : Que dans deux ans le conseil ressemble au quartier. Et qu'on ait vu au moins une chose
se faire grâce à nous, une chose visible. Les gens jugent sur ce qu'ils voient. Et puis,
j'ajouterais… qu'on garde une place pour les anciens. On n'est pas des dinosaures, on a de la
mémoire. Ça sert aussi, la mémoire.
"""
)

_CONSEILS_FOCUS_GROUP = _text(
    """
Animatrice : Bonsoir à toutes et à tous, merci d'être là. On va parler pendant une heure et
demie de votre expérience dans les conseils de quartier depuis le printemps. Il n'y a pas de
bonne ou de mauvaise réponse, et on enregistre seulement pour pouvoir retranscrire, vos noms
n'apparaîtront pas. Pour commencer, est-ce que chacun peut dire en une phrase comment il est
arrivé au conseil ?

P1 : Moi c'est le tirage au sort. J'habite Lille-Sud, près du CHU, j'ai vingt-six ans, je suis
en alternance. Honnêtement j'aurais jamais postulé.

P2 : Moi je suis volontaire, depuis 2015 à Wazemmes. Je suis retraitée de l'enseignement.

P3 : Tirée au sort aussi. Je suis maman solo, trois enfants, j'habite vers la rue des Postes.

P4 : Volontaire. J'ai une boutique de réparation de vélos, rue Léon-Gambetta, donc euh, je suis
aussi là un peu pour les commerçants.

P5 : Tiré au sort. Retraité, mais pas du même genre que madame. (rires) J'étais cariste chez un
transporteur.

P6 : Volontaire, depuis deux ans. Je suis dans l'association des parents d'élèves de l'école
Jean-Zay.

Animatrice : Merci. Première question : qu'est-ce qui a changé pour vous, concrètement, depuis
la nouvelle formule ?

P2 : Il y a plus de monde, et surtout du monde différent. Je me souviens de la séance d'avril,
j'ai vu des visages que j'avais jamais vus en onze ans. Ça m'a émue, je vous le dis franchement.

P5 : Et nous on s'est sentis un peu regardés comme des bêtes curieuses, au début. (rires) Non
mais c'est vrai. « Ah, c'est vous les tirés au sort ! » Comme si on avait une étiquette sur le
front.

P3 : Moi c'était pareil. Y avait une dame, très gentille hein, qui m'expliquait tout comme si
j'avais cinq ans. Le budget participatif, la différence entre la mairie de quartier et l'hôtel
de ville… Je sais lire, merci. (rires)

P2 : C'était peut-être moi. (rires)

P3 : Non non, c'était pas vous !

Animatrice : Et le format en petits groupes, qu'est-ce que vous en pensez ?

P1 : Pour moi c'est la seule raison pour laquelle j'ai ouvert la bouche. En grand groupe, avec
le micro, les élus devant, je dis rien. À six autour d'une table, c'est comme une discussion
normale.

P4 : Oui, mais faut pas que ça devienne des ateliers post-it à chaque fois. J'ai l'impression de
faire une formation en entreprise. On colle des papiers, on vote avec des gommettes, et après ?
On sait pas ce que ça devient.

P6 : Moi je trouve que les animateurs du lab font bien le boulot. Ils coupent ceux qui parlent
trop, gentiment. Ça, personne osait le faire avant.

P5 : Ouais, le monsieur qui parlait de la braderie pendant quarante minutes, il a été recadré.
(rires)

Animatrice : Parlons de l'indemnisation. Certains d'entre vous la touchent, d'autres non.
Comment c'est vécu ?

P4 : Franchement, c'est délicat. Nous les volontaires, on donne notre temps gratuitement depuis
des années, et d'un coup y a des gens qui sont payés pour faire la même chose. Je comprends
pourquoi, hein, mais sur le principe ça m'a un peu piqué.

P3 : Mais moi sans ça je viens pas ! La garde, c'est quinze euros la soirée. Trois enfants. Vous
faites le calcul. C'est pas un salaire, c'est rembourser ce que ça me coûte de venir.

P1 : Et puis on a pas choisi d'être là, nous. On nous a tirés au sort. C'est un peu comme les
jurés d'assises, ils sont indemnisés aussi.

P2 : Je suis d'accord avec madame. Moi j'ai une retraite, j'ai du temps. C'est pas le cas de
tout le monde. Si on veut que le conseil ressemble au quartier, il faut payer ce que ça coûte.

P4 : Je dis pas le contraire. Je dis que ça aurait dû être expliqué avant, aux anciens. On l'a
appris par la bande.

Animatrice : Le budget d'initiative, maintenant. Où en êtes-vous ?

P6 : À Wazemmes, on a voté trois projets en juin. La fresque sous le pont, les bancs place de la
Nouvelle-Aventure, et l'aide aux devoirs le samedi. La fresque est faite, c'était super, les
jeunes du quartier ont peint avec l'artiste. Les bancs, toujours rien.

P5 : À Lille-Sud on attend encore le devis pour les jardinières. Quatre mois pour un devis. Je
travaillais dans la logistique, moi, quatre mois pour un devis on aurait été virés.

P1 : Ce qui m'a saoulé, c'est qu'on a voté un projet, le terrain de basket, et qu'après on nous
a dit que c'était pas possible parce que c'est un terrain du bailleur. Pourquoi on nous l'a fait
voter alors ? On aurait pu le savoir avant.

P2 : C'est le problème de fond. Les règles du jeu ne sont pas claires. Qu'est-ce qui relève du
conseil, qu'est-ce qui relève de la Ville, du bailleur, de la Métropole… Même moi, après onze
ans, je m'y perds.

Animatrice : Vous avez évoqué un groupe WhatsApp tout à l'heure, avant l'enregistrement.

P3 : Oui, on a fait un groupe entre membres du conseil de Lille-Sud. C'est là que ça se passe
vraiment, entre les séances. Attendez, je vous lis le message d'hier de Fatou, parce qu'il
résume bien : « Toujours pas de nouvelles des jardinières 🙄 on relance qui ??? ». Et personne a
su répondre.

P5 : Voilà. On sait pas qui relancer. On a le mail de la mairie de quartier, on écrit, ça répond
au bout de trois semaines.

P6 : Moi je trouve que le groupe WhatsApp, c'est ce qui a créé le plus de lien. On s'envoie des
infos, la collecte de vêtements, une fuite d'eau dans la rue… Ça dépasse le conseil.

Animatrice : Et la relation avec les élus, comment vous la décririez ?

P2 : Plus proche qu'avant. L'adjointe vient, elle reste jusqu'à la fin, elle prend des notes.
Ça, c'est nouveau.

P4 : Elle prend des notes, oui. Mais sur la rue Gambetta et le plan de circulation, tout était
bouclé avant qu'on en parle. On nous a présenté le projet « pour information ». J'ai demandé si
on pouvait encore changer quelque chose, on m'a répondu que les études étaient faites.

P1 : C'est ça qui fait que les gens partent. Si c'est pour être informés, on peut lire le
journal municipal.

P3 : Moi je vais rester, hein. Mais je veux que mes enfants voient que ça sert à quelque chose.
La fresque, mon fils il a peint dessus. Ça, il s'en souviendra.

Animatrice : Dernière question : si vous pouviez changer une seule chose pour l'an prochain ?

P5 : Un calendrier. Qu'on sache quand le projet sera fait, et qui est responsable.

P6 : Que les séances tournent dans les écoles, les centres sociaux, pas toujours à la mairie de
quartier. Les familles viendraient plus.

P4 : Qu'on nous dise clairement, au début de chaque sujet : là vous décidez, là on vous
consulte, là on vous informe. Au moins on saurait.

P1 : Des séances plus courtes. Deux heures et demie un mardi soir, quand on se lève à six
heures, c'est dur.

P2 : Et continuer le tirage au sort. Vraiment. Même si ça bouscule. Surtout parce que ça
bouscule.

P3 : Et garder l'indemnisation, sinon moi je pourrai plus venir, c'est tout.
"""
)

_CONSEILS_FIELD_NOTES = _text(
    """
Séance du conseil de quartier de Lille-Sud, mercredi 23 septembre 2026, salle polyvalente du
centre social, 18 h 30 – 21 h 05. 27 présents dont 9 tirés au sort (sur 12), l'adjointe, deux
agents de la mairie de quartier, deux animateurs du lab.

18 h 40 : accueil café. Les anciens s’installent au premier rang comme d'habitude ; les tirés au
sort arrivent plus tard, plusieurs avec des enfants (coin jeux improvisé près de la porte, deux
coloriages et une tablette).

19 h 00 : point d'étape sur le budget d'initiative. L'agent annonce que les jardinières sont «
en commande ». Murmures dans la salle, un participant lance « ça fait quatre mois ». L’adjointe
promet une réponse écrite avant la prochaine séance.

19 h 20 – 20 h 15 : travail en quatre tables sur la propreté. Table 2 : un ancien membre garde
la parole une dizaine de minutes jusqu'à ce que l'animatrice propose un tour de table. Une jeune
femme tirée au sort parle alors pour la première fois depuis mars (dépôts sauvages rue de
l'Épine, photos à l'appui sur son téléphone).

20 h 30 : restitution. Les propositions de la table 3 sur l'éclairage du parc ne sont pas
reprises dans la synthèse orale — à vérifier dans le compte rendu.

À noter : trois personnes partent avant la fin (21 h passées, enfants à coucher). Piste à
discuter en équipe : une séance sur deux le samedi matin ?
"""
)
_CF = "Freins à la participation"
_CF_TEMPS = (_CF, "Manque de temps")
_CF_AVANCE = (_CF, "Sentiment que tout est décidé d'avance")
_CF_PLACE = (_CF, "Sentiment de ne pas être à sa place")
_CD = "Dispositif"
_CD_TIRAGE = (_CD, "Tirage au sort")
_CD_INDEMN = (_CD, "Indemnisation")
_CD_GROUPES = (_CD, "Animation en petits groupes")
_CD_BUDGET = (_CD, "Budget d'initiative")
_CR = "Relations"
_CR_ELUS = (_CR, "Relations avec les élus")
_CR_ANCIENS = (_CR, "Anciens et nouveaux membres")
_CE = "Effets perçus"
_CE_EFFICACITE = (_CE, "Sentiment d'efficacité")
_CE_LIENS = (_CE, "Liens et apprentissages")

_CONSEILS = ExperimentMaterial(
    codebook=_codebook(
        [
            (
                _CF,
                "Tout ce qui empêche ou décourage une personne de venir ou de rester au conseil, "
                "contraintes matérielles comme perceptions.",
                "#F4B6C2",
                [
                    (
                        _CF_TEMPS[1],
                        "La personne cite ses horaires de travail, sa charge familiale ou la durée "
                        "des séances comme obstacle à sa présence.",
                        "#F9CCD5",
                    ),
                    (
                        _CF_AVANCE[1],
                        "La personne dit que les décisions se prennent ailleurs ou avant la "
                        "séance, et que le conseil sert à valider ou à informer.",
                        "#F7C1CC",
                    ),
                    (
                        _CF_PLACE[1],
                        "La personne doute de sa légitimité ou de sa compétence à siéger, ou se "
                        "sent regardée comme différente des autres membres.",
                        "#FBD9E0",
                    ),
                ],
            ),
            (
                _CD,
                "Jugements sur un élément du dispositif expérimenté : recrutement, indemnisation, "
                "format des séances, budget.",
                "#A9CCF0",
                [
                    (
                        _CD_TIRAGE[1],
                        "Récit ou jugement sur le tirage au sort des membres, le courrier "
                        "d'invitation et les relances à domicile.",
                        "#C2DBF5",
                    ),
                    (
                        _CD_INDEMN[1],
                        "Mention de l'indemnité des membres tirés au sort : montant, usage, "
                        "légitimité aux yeux des autres membres.",
                        "#B6D4F3",
                    ),
                    (
                        _CD_GROUPES[1],
                        "Appréciation du travail en tables animées, comparé ou non à la séance "
                        "plénière et à sa synthèse.",
                        "#CFE3F8",
                    ),
                    (
                        _CD_BUDGET[1],
                        "Mention des 30 000 € du conseil : choix et vote des projets, délais et "
                        "obstacles de réalisation.",
                        "#DCEAFA",
                    ),
                ],
            ),
            (
                _CR,
                "Manière dont les membres décrivent leurs relations avec les autres acteurs du "
                "conseil.",
                "#B5E0B5",
                [
                    (
                        _CR_ELUS[1],
                        "Présence, écoute ou réponses des élus et de l'adjointe, telles que les "
                        "membres les perçoivent.",
                        "#CBEACB",
                    ),
                    (
                        _CR_ANCIENS[1],
                        "Rapports entre volontaires de longue date et nouveaux membres tirés au "
                        "sort : accueil, tensions, partage de la parole.",
                        "#D8F0D8",
                    ),
                ],
            ),
            (
                _CE,
                "Ce que la personne dit avoir retiré de sa participation, ou ce qu'elle en attend.",
                "#F9E08A",
                [
                    (
                        _CE_EFFICACITE[1],
                        "La personne se dit utile ou écoutée, ou attend la preuve que sa "
                        "participation change quelque chose.",
                        "#FBE9A8",
                    ),
                    (
                        _CE_LIENS[1],
                        "Nouvelles relations dans le quartier, ou connaissances acquises sur le "
                        "fonctionnement de la Ville.",
                        "#FCF0C4",
                    ),
                ],
            ),
        ]
    ),
    sources=(
        DemoSource(
            "interview",
            "Entretien avec Mme R., conseillère tirée au sort à Fives",
            date(2026, 6, 11),
            "Habitante de Fives, 34 ans, aide-soignante, tirée au sort en février 2026. "
            "Entretien à son domicile, 52 minutes.",
            _CONSEILS_INTERVIEW_1,
        ),
        DemoSource(
            "interview",
            "Entretien avec M. D., membre du conseil de Moulins depuis 2009",
            date(2026, 7, 2),
            "Habitant de Moulins, 71 ans, retraité, membre volontaire du conseil. Entretien "
            "à la mairie de quartier, 47 minutes.",
            _CONSEILS_INTERVIEW_2,
        ),
        DemoSource(
            "focus_group",
            "Focus group des membres des conseils pilotes de Wazemmes et Lille-Sud",
            date(2026, 10, 8),
            "Six membres (trois tirés au sort, trois volontaires), maison de quartier de "
            "Wazemmes, 1 h 30.",
            _CONSEILS_FOCUS_GROUP,
        ),
        DemoSource(
            "field_notes",
            "Observation de la séance du conseil de Lille-Sud",
            date(2026, 9, 23),
            "Notes prises pendant la séance par l'observatrice du laboratoire partenaire, 2 h 35.",
            _CONSEILS_FIELD_NOTES,
        ),
    ),
    codings=(
        {
            "a": (
                (_CD_TIRAGE, "c'était le tirage au sort pour le conseil de quartier de Fives"),
                (
                    _CF_PLACE,
                    "Que c'était pas pour moi. Je me suis dit, le conseil de quartier, c'est des "
                    "gens qui savent parler, qui connaissent les élus, qui ont le temps.",
                ),
                (
                    _CF_TEMPS,
                    "Moi je suis aide-soignante, je fais des horaires décalés, je rentre parfois "
                    "à vingt-deux heures.",
                ),
                (
                    _CD_TIRAGE,
                    "Elle est venue sonner, un samedi matin, elle a pris le temps, on a bu un "
                    "café.",
                    "La relance à domicile prévue au protocole (risques) a décidé de "
                    "l'acceptation.",
                ),
                (
                    _CD_INDEMN,
                    "Et puis y avait l'indemnisation, je vais pas vous mentir. C'est pas énorme "
                    "mais ça paie la garde pour le petit quand je suis en réunion.",
                ),
                (
                    _CR_ANCIENS,
                    "Et en arrivant, y avait les anciens, tous assis au premier rang, qui se "
                    "connaissaient, qui se tutoyaient avec l'élue.",
                ),
                (
                    _CF_PLACE,
                    "Nous les nouveaux, on était au fond, on savait pas trop où se mettre.",
                ),
                (
                    _CD_GROUPES,
                    "Quand on est huit autour d'une table avec une animatrice qui fait tourner la "
                    "parole, ben on ose.",
                ),
                (_CE_EFFICACITE, "Je me suis sentie… utile, en fait. Enfin, écoutée."),
                (
                    _CD_GROUPES,
                    "Quand c'est en grande salle, c'est toujours les trois mêmes qui parlent.",
                ),
                (
                    _CF_TEMPS,
                    "Je veux bien, mais moi, mon temps libre, il est pas extensible, hein.",
                ),
                (
                    _CD_BUDGET,
                    "On a trente mille euros pour le quartier. Au début je croyais pas, je pensais "
                    "que c'était pour faire joli.",
                ),
                (_CE_EFFICACITE, "J'attends de voir les travaux avant de crier victoire."),
                (
                    _CR_ELUS,
                    "L'adjointe, elle vient à chaque séance, elle est gentille, elle écoute.",
                ),
                (
                    _CF_AVANCE,
                    "on sent que certaines choses, c'est décidé ailleurs, à la mairie centrale, et "
                    "nous on est là pour, euh, valider.",
                ),
                (_CE_LIENS, "Je connais plus de monde. Ça c'est sûr."),
                (
                    _CE_LIENS,
                    "Et j'ai appris des trucs, comment ça marche la mairie, qui décide quoi.",
                ),
                (
                    _CE_EFFICACITE,
                    "Même quand c'est non, dites-nous pourquoi c'est non. C'est ça qui décourage "
                    "le plus, le silence.",
                ),
            ),
            "b": (
                (
                    _CD_TIRAGE,
                    "Enfin, gagné… c'était le tirage au sort pour le conseil de quartier de Fives.",
                ),
                (
                    _CF_PLACE,
                    "Je me suis dit, le conseil de quartier, c'est des gens qui savent parler, qui "
                    "connaissent les élus, qui ont le temps.",
                ),
                (
                    _CF_TEMPS,
                    "Moi je suis aide-soignante, je fais des horaires décalés, je rentre parfois "
                    "à vingt-deux heures.",
                ),
                (
                    _CD_INDEMN,
                    "Et puis y avait l'indemnisation, je vais pas vous mentir. C'est pas énorme "
                    "mais ça paie la garde pour le petit quand je suis en réunion. Sans ça, euh, "
                    "non, je crois que j'aurais pas pu.",
                ),
                (
                    _CR_ANCIENS,
                    "Et en arrivant, y avait les anciens, tous assis au premier rang, qui se "
                    "connaissaient, qui se tutoyaient avec l'élue.",
                ),
                (
                    _CR_ANCIENS,
                    "Nous les nouveaux, on était au fond, on savait pas trop où se mettre.",
                ),
                (
                    _CD_GROUPES,
                    "Ensuite ça a changé, parce qu'ils ont fait les petits groupes. Ça, vraiment, "
                    "c'est ce qui m'a fait rester. Quand on est huit autour d'une table avec une "
                    "animatrice qui fait tourner la parole, ben on ose.",
                ),
                (_CE_EFFICACITE, "Je me suis sentie… utile, en fait. Enfin, écoutée."),
                (
                    _CR_ANCIENS,
                    "Quand c'est en grande salle, c'est toujours les trois mêmes qui parlent.",
                    "Je code ici le monopole de la parole par les anciens, pas le format.",
                ),
                (
                    _CF_TEMPS,
                    "Je veux bien, mais moi, mon temps libre, il est pas extensible, hein.",
                ),
                (
                    _CD_BUDGET,
                    "On a trente mille euros pour le quartier. Au début je croyais pas, je pensais "
                    "que c'était pour faire joli.",
                ),
                (
                    _CF_AVANCE,
                    "On nous dit « c'est en cours d'instruction », « les services regardent ».",
                ),
                (
                    _CR_ELUS,
                    "L'adjointe, elle vient à chaque séance, elle est gentille, elle écoute. Mais "
                    "des fois j'ai l'impression que les réponses sont déjà prêtes.",
                ),
                (
                    _CF_AVANCE,
                    "on sent que certaines choses, c'est décidé ailleurs, à la mairie centrale, et "
                    "nous on est là pour, euh, valider.",
                ),
                (
                    _CE_LIENS,
                    "Je connais plus de monde. Ça c'est sûr. Maintenant quand je vais au marché de "
                    "la place Degeyter, y a des gens qui me disent bonjour",
                ),
                (
                    _CE_LIENS,
                    "Et j'ai appris des trucs, comment ça marche la mairie, qui décide quoi.",
                ),
                (
                    _CD_INDEMN,
                    "Payer les gens, franchement, parce que sinon vous aurez que des retraités.",
                ),
                (
                    _CE_EFFICACITE,
                    "Même quand c'est non, dites-nous pourquoi c'est non. C'est ça qui décourage "
                    "le plus, le silence.",
                ),
            ),
        },
        {
            "a": (
                (
                    _CR_ANCIENS,
                    "Ben au début j'étais contre. Je vais être honnête avec vous. Je me suis dit : "
                    "on nous remplace.",
                ),
                (
                    _CR_ANCIENS,
                    "Le square Léo-Lagrange, la rénovation de la salle Courbet, c'est nous, ça.",
                ),
                (
                    _CD_TIRAGE,
                    "Y a une jeune femme, Sabrina, elle est arrivée par le tirage, elle a trente "
                    "ans, elle est auxiliaire de vie. Et elle a des idées, vraiment.",
                ),
                (_CD_GROUPES, "Mais on perd le débat collectif."),
                (
                    _CD_GROUPES,
                    "Une synthèse, c'est toujours un peu… lissé. Les désaccords disparaissent.",
                    "À confronter à la grille d'observation : les synthèses gomment-elles les "
                    "désaccords ?",
                ),
                (
                    _CD_GROUPES,
                    "Et dans la synthèse c'est devenu « les habitants souhaitent concilier les "
                    "différents modes de déplacement ».",
                ),
            ),
        },
        {
            "a": (
                (
                    _CD_TIRAGE,
                    "Moi c'est le tirage au sort. J'habite Lille-Sud, près du CHU, j'ai vingt-six "
                    "ans, je suis en alternance. Honnêtement j'aurais jamais postulé.",
                ),
                (
                    _CR_ANCIENS,
                    "Il y a plus de monde, et surtout du monde différent. Je me souviens de la "
                    "séance d'avril, j'ai vu des visages que j'avais jamais vus en onze ans.",
                ),
                (
                    _CF_PLACE,
                    "Et nous on s'est sentis un peu regardés comme des bêtes curieuses, au début.",
                ),
                (
                    _CR_ANCIENS,
                    "Y avait une dame, très gentille hein, qui m'expliquait tout comme si j'avais "
                    "cinq ans.",
                ),
                (
                    _CD_GROUPES,
                    "Pour moi c'est la seule raison pour laquelle j'ai ouvert la bouche. En grand "
                    "groupe, avec le micro, les élus devant, je dis rien.",
                ),
                (
                    _CD_GROUPES,
                    "On colle des papiers, on vote avec des gommettes, et après ? On sait pas ce "
                    "que ça devient.",
                ),
                (
                    _CD_GROUPES,
                    "Ils coupent ceux qui parlent trop, gentiment. Ça, personne osait le faire "
                    "avant.",
                ),
                (
                    _CD_INDEMN,
                    "Nous les volontaires, on donne notre temps gratuitement depuis des années, et "
                    "d'un coup y a des gens qui sont payés pour faire la même chose.",
                ),
                (
                    _CD_INDEMN,
                    "La garde, c'est quinze euros la soirée. Trois enfants. Vous faites le calcul. "
                    "C'est pas un salaire, c'est rembourser ce que ça me coûte de venir.",
                ),
                (
                    _CD_INDEMN,
                    "Si on veut que le conseil ressemble au quartier, il faut payer ce que ça "
                    "coûte.",
                ),
                (
                    _CD_BUDGET,
                    "La fresque est faite, c'était super, les jeunes du quartier ont peint avec "
                    "l'artiste. Les bancs, toujours rien.",
                ),
                (
                    _CD_BUDGET,
                    "À Lille-Sud on attend encore le devis pour les jardinières. Quatre mois pour "
                    "un devis.",
                ),
                (
                    _CF_AVANCE,
                    "Pourquoi on nous l'a fait voter alors ? On aurait pu le savoir avant.",
                ),
                (
                    _CD_BUDGET,
                    "Qu'est-ce qui relève du conseil, qu'est-ce qui relève de la Ville, du "
                    "bailleur, de la Métropole… Même moi, après onze ans, je m'y perds.",
                    "Flou des compétences : revient dans les quatre quartiers pilotes, à croiser "
                    "avec les notes d'observation.",
                ),
                (
                    _CE_EFFICACITE,
                    "« Toujours pas de nouvelles des jardinières 🙄 on relance qui ??? »",
                ),
                (
                    _CE_LIENS,
                    "Moi je trouve que le groupe WhatsApp, c'est ce qui a créé le plus de lien.",
                ),
                (
                    _CR_ELUS,
                    "L'adjointe vient, elle reste jusqu'à la fin, elle prend des notes. Ça, c'est "
                    "nouveau.",
                ),
                (
                    _CF_AVANCE,
                    "Mais sur la rue Gambetta et le plan de circulation, tout était bouclé avant "
                    "qu'on en parle.",
                ),
                (_CF_AVANCE, "Si c'est pour être informés, on peut lire le journal municipal."),
                (
                    _CE_EFFICACITE,
                    "Mais je veux que mes enfants voient que ça sert à quelque chose.",
                ),
                (
                    _CF_TEMPS,
                    "Deux heures et demie un mardi soir, quand on se lève à six heures, c'est dur.",
                ),
                (_CD_TIRAGE, "Et continuer le tirage au sort. Vraiment. Même si ça bouscule."),
            ),
            "b": (
                (_CD_TIRAGE, "Moi c'est le tirage au sort."),
                (_CF_PLACE, "Honnêtement j'aurais jamais postulé."),
                (
                    _CR_ANCIENS,
                    "Il y a plus de monde, et surtout du monde différent. Je me souviens de la "
                    "séance d'avril, j'ai vu des visages que j'avais jamais vus en onze ans.",
                ),
                (
                    _CR_ANCIENS,
                    "Et nous on s'est sentis un peu regardés comme des bêtes curieuses, au début. "
                    "(rires) Non mais c'est vrai. « Ah, c'est vous les tirés au sort ! » Comme si "
                    "on avait une étiquette sur le front.",
                ),
                (
                    _CR_ANCIENS,
                    "Y avait une dame, très gentille hein, qui m'expliquait tout comme si j'avais "
                    "cinq ans. Le budget participatif, la différence entre la mairie de quartier "
                    "et l'hôtel de ville… Je sais lire, merci.",
                ),
                (
                    _CD_GROUPES,
                    "Pour moi c'est la seule raison pour laquelle j'ai ouvert la bouche. En grand "
                    "groupe, avec le micro, les élus devant, je dis rien.",
                ),
                (
                    _CD_GROUPES,
                    "Oui, mais faut pas que ça devienne des ateliers post-it à chaque fois. J'ai "
                    "l'impression de faire une formation en entreprise.",
                ),
                (
                    _CD_GROUPES,
                    "Ils coupent ceux qui parlent trop, gentiment. Ça, personne osait le faire "
                    "avant.",
                ),
                (
                    _CD_INDEMN,
                    "Nous les volontaires, on donne notre temps gratuitement depuis des années, et "
                    "d'un coup y a des gens qui sont payés pour faire la même chose.",
                ),
                (
                    _CD_INDEMN,
                    "La garde, c'est quinze euros la soirée. Trois enfants. Vous faites le calcul. "
                    "C'est pas un salaire, c'est rembourser ce que ça me coûte de venir.",
                ),
                (
                    _CD_BUDGET,
                    "La fresque est faite, c'était super, les jeunes du quartier ont peint avec "
                    "l'artiste. Les bancs, toujours rien.",
                ),
                (
                    _CD_BUDGET,
                    "À Lille-Sud on attend encore le devis pour les jardinières. Quatre mois pour "
                    "un devis.",
                ),
                (
                    _CF_AVANCE,
                    "Pourquoi on nous l'a fait voter alors ? On aurait pu le savoir avant.",
                ),
                (_CF_AVANCE, "C'est le problème de fond. Les règles du jeu ne sont pas claires."),
                (
                    _CD_BUDGET,
                    "« Toujours pas de nouvelles des jardinières 🙄 on relance qui ??? »",
                ),
                (
                    _CE_LIENS,
                    "Moi je trouve que le groupe WhatsApp, c'est ce qui a créé le plus de lien.",
                ),
                (
                    _CR_ELUS,
                    "Plus proche qu'avant. L'adjointe vient, elle reste jusqu'à la fin, elle prend "
                    "des notes.",
                ),
                (
                    _CF_AVANCE,
                    "Mais sur la rue Gambetta et le plan de circulation, tout était bouclé avant "
                    "qu'on en parle.",
                ),
                (_CF_AVANCE, "Si c'est pour être informés, on peut lire le journal municipal."),
                (
                    _CE_EFFICACITE,
                    "Mais je veux que mes enfants voient que ça sert à quelque chose.",
                ),
                (
                    _CF_TEMPS,
                    "Deux heures et demie un mardi soir, quand on se lève à six heures, c'est dur.",
                ),
                (_CD_TIRAGE, "Et continuer le tirage au sort. Vraiment. Même si ça bouscule."),
                (
                    _CD_INDEMN,
                    "Et garder l'indemnisation, sinon moi je pourrai plus venir, c'est tout.",
                ),
            ),
        },
        {},
    ),
    verbatims=(
        DemoVerbatim(
            0,
            "Et puis mon fils, Nolan, il l'a ouverte, il m'a dit « maman, t'as gagné un truc ».",
            {"Nolan": "[prénom]"},
        ),
        DemoVerbatim(
            0,
            "J'ai parlé du passage piéton devant l'école Anatole-France, les voitures qui montent "
            "sur le trottoir le matin, et là y a un monsieur, un ancien justement, qui a dit « "
            "elle a raison, ça fait des années qu'on le dit ».",
            {"école Anatole-France": "[école]"},
        ),
        DemoVerbatim(
            2,
            "Attendez, je vous lis le message d'hier de Fatou, parce qu'il résume bien : « "
            "Toujours pas de nouvelles des jardinières 🙄 on relance qui ??? ».",
            {"Fatou": "[prénom]"},
        ),
    ),
)

# --- engagement-citoyen-hauts-de-france -------------------------------------------------------

_ENGAGEMENT_INTERVIEW_1 = _text(
    """
Enquêteur : Pour commencer, comment vous êtes devenue habitante-relais ?

Mme B. : C'est la directrice du centre social qui m'a proposé. Je fais déjà l'aide aux devoirs
le mercredi, je connais tout le monde dans la cité, alors elle s'est dit que… que j'étais la
bonne personne. Et c'était payé, ça compte aussi. Quinze euros de l'heure, c'est correct. Pour
moi qui fais des ménages à mi-temps, c'est un plus.

Enquêteur : Comment s’est passée la formation ?

Mme B. : Deux demi-journées à Valenciennes. Y avait des gens de Maubeuge, d'Amiens, de Calais.
On nous a expliqué la Région, ce qu'elle fait, les lycées, les trains, les aides pour le permis.
Franchement j'ai appris des choses. Moi je savais pas que c'était la Région qui s'occupait des
TER. Et on a appris à se servir de la tablette, le logiciel, là, de Cartocité. Ça c'était un peu
rapide.

Enquêteur : Et le premier jour sur le terrain ?

Mme B. : Ah, le premier jour ! (rires) J'étais avec Dylan, un jeune du quartier qui faisait
binôme avec moi. On commence par la rue Jean-Jaurès, les petites maisons. Première porte, la
dame ouvre, je dis bonjour, c'est pour un questionnaire de la Région Hauts-de-France. Elle me
dit : « C'est pour la CAF ? Parce que j'ai déjà tout envoyé. » Voilà. Les gens, dès que c'est
officiel, ils pensent contrôle. Ils pensent qu'on va leur enlever quelque chose.

Enquêteur : Comment vous faisiez pour lever cette méfiance ?

Mme B. : Je disais mon prénom, je disais que j'habitais à côté, au bâtiment C. Et là souvent ça
changeait. « Ah, t'es la fille à Monique ! » Voilà, c'est ça qui marche. C'est pas la tablette,
c'est pas le logo de la Région. C'est qu'on me connaît. Dylan, lui, les jeunes lui ouvraient,
moi ils m'ouvraient pas forcément. On se complétait.

Enquêteur : Et une fois la porte ouverte ?

Mme B. : Le questionnaire, il est trop long. Quinze minutes, ils disaient, mais en vrai c'est
vingt, vingt-cinq. Les gens sont sur le pas de la porte, y a le petit qui pleure, la casserole
sur le feu… Et y a des questions, franchement, même moi je comprenais pas. « Mobilité décarbonée
», « intermodalité »… J'avais envie de dire, mais parlez normalement ! Alors je reformulais. Je
sais pas si j'avais le droit, mais je reformulais.

Enquêteur : Vous reformuliez comment ?

Mme B. : Ben, « intermodalité », je disais : est-ce que c'est facile pour vous de prendre le bus
puis le train ? Là ils comprenaient. Et là ils avaient plein de choses à dire. Le bus qui passe
plus après vingt heures, la gare où y a plus de guichet, le TER pour Lille qui est toujours en
retard. Les gens ont des avis, hein. C'est pas qu'ils ont pas d'avis. C'est qu'on leur demande
jamais, ou mal.

Enquêteur : Et la tablette, ça a marché ?

Mme B. : Bof. Elle se bloquait quand y avait pas de réseau, dans les cages d'escalier surtout.
Une fois j'ai perdu six questionnaires d'un coup, tout l'après-midi. J'avais envie de pleurer.
Après on m'a dit qu'il fallait synchroniser au centre social. Personne me l'avait dit
clairement. Maintenant je note aussi sur un carnet, au cas où.

Enquêteur : Vous avez pu toucher les jeunes ?

Mme B. : Les jeunes, c'est le plus dur. Ils sont pas chez eux dans la journée, ou ils dorment.
(rires) Et quand ils sont là, ils disent « la politique, ça m'intéresse pas ». Dylan, lui, il
leur montrait le QR code, il disait « c'est trois minutes sur ton téléphone », et là certains le
faisaient. Sur Snap, il a envoyé le lien à ses potes. Ça a mieux marché que nous à la porte.

Enquêteur : Qu'est-ce que les habitants vous demandaient, en retour ?

Mme B. : Ce que ça allait changer. Tout le temps. « Et après, il se passe quoi ? » Et moi je
savais pas quoi répondre. On m'avait dit que les résultats seraient publiés. Publiés où ? Sur
internet ? Les gens d'ici vont pas aller lire un rapport de la Région sur internet. Moi je
voudrais qu'on revienne, qu'on frappe aux mêmes portes, et qu'on dise : voilà, vous avez dit ça,
et voilà ce qui a été fait. Sinon la prochaine fois ils m'ouvriront plus.

Enquêteur : C'est une inquiétude pour vous ?

Mme B. : Oui. Parce que c'est ma réputation, dans le quartier. J'ai mis mon nom là-dessus. Si ça
sert à rien, c'est moi qui passe pour celle qui raconte des histoires, pas la Région.

Enquêteur : Est-ce que vous referiez la vague 2, à l'automne ?

Mme B. : Oui, je pense. Mais avec moins d'heures, parce que c'était beaucoup, en plus de mon
travail. Les soirs, les samedis… Et j'aimerais qu'on soit mieux payés pour les heures de saisie,
on les comptait pas. Et surtout je veux une réponse à donner aux gens.
"""
)

_ENGAGEMENT_INTERVIEW_2 = _text(
    """
Enquêtrice : Vous avez coordonné quoi, exactement, pour le centre social ?

M. A. : Deux choses. Les stands sur le marché du samedi, place du Colvert, et l'envoi du
questionnaire court par SMS à nos adhérents. On a à peu près neuf cents numéros dans notre
fichier, les familles, les jeunes de l'accueil, les gens qui viennent à l'épicerie solidaire.

Enquêtrice : Commençons par le marché. Comment ça se passait ?

M. A. : On avait une table, un barnum prêté par la mairie, deux tablettes et un panneau « Donnez
votre avis à la Région ». Le premier samedi, personne. Vraiment personne. Les gens passaient
devant en regardant ailleurs, comme quand y a les associations qui cherchent des donateurs, vous
voyez, ceux qui veulent un prélèvement. (rires) Le deuxième samedi on a changé : on a mis du
café, des crêpes, et on a enlevé le mot « Région » du panneau. On a mis « Les transports, ça
vous saoule ? ». Et là ça a marché.

Enquêtrice : Qu'est-ce qui a marché, selon vous ?

M. A. : Le café, clairement. (rires) Non, sérieusement : le fait de commencer par une vraie
question du quotidien, pas par l'institution. Les gens viennent pour râler sur le bus, et après
on leur dit : ben justement, répondez, ça ira à ceux qui décident. Et les jeunes sont venus,
plus qu'on pensait. Le marché c'est un endroit où les jeunes passent avec leurs parents, ou pour
les snacks. On a eu des seize-vingt-cinq ans qu'on n'aurait jamais eus en ligne.

Enquêtrice : Et les SMS ?

M. A. : Alors les SMS, c'est le moins cher, mais c'est le plus froid. On a eu un taux de réponse
d'à peu près douze pour cent. Et surtout des gens qu'on connaissait déjà bien, les adhérents
fidèles. Par contre, petit problème : certains ont cru que c'était une arnaque. Un lien dans un
SMS, avec un numéro inconnu… Y a une dame qui est venue à l'accueil furieuse, elle croyait qu'on
avait vendu son numéro.

Enquêtrice : Et le porte-à-porte, vous l'avez fait aussi ?

M. A. : Non, chez nous c'étaient deux habitantes-relais, pas l'équipe. Et franchement c'est
mieux comme ça. Moi, on me voit comme l'animateur, le gars du centre, celui qui dit non pour les
sorties quand c'est complet. (rires) Elles, elles sont voisines. Les gens leur ouvrent, ils leur
offrent le café, ils racontent leur vie. Par contre, elles rentraient épuisées, et on n'avait
pas prévu de temps pour débriefer avec elles.

Enquêtrice : Comment ça s'est articulé avec le reste de votre travail ?

M. A. : Mal, honnêtement. Le printemps, c'est déjà la période la plus chargée : les inscriptions
pour l'été, les séjours, le dossier de la CAF. Et là on nous rajoute six samedis de marché et le
suivi des SMS. Le financement couvrait mes heures, sur le papier, mais ces heures-là, elles
existent pas en vrai, je les prends sur autre chose. Mes collègues ont compensé. Ça a créé des
tensions dans l'équipe.

Enquêtrice : Vous avez eu des retours de la Région ?

M. A. : Un mail de remerciement. Un tableau avec le nombre de réponses par centre. Nous, on
était troisièmes sur vingt, on était contents. (rires) Mais sur le contenu, rien. On sait pas ce
que les habitants ont dit, dans l'ensemble. On a collecté, on a envoyé, et puis… plus rien. J'ai
demandé à avoir les résultats de notre quartier pour en discuter avec les jeunes, on m'a dit que
c'était en cours d'analyse.

Enquêtrice : Et l'outil de Cartocité ?

M. A. : Sur le marché ça allait, y avait du réseau. Le souci c'était plutôt la saisie : sur une
tablette, avec le vent, les crêpes, les gamins qui veulent jouer avec… (rires) Et le
questionnaire existe qu'en français. On a des familles qui parlent mieux arabe ou turc, on
traduisait à l'oral, un peu à l'arrache.

Enquêtrice : Pour la vague 2, qu'est-ce que vous changeriez ?

M. A. : Trois choses. Un questionnaire de cinq minutes maximum. Des résultats à rapporter aux
gens avant la vague 2, sinon on n'a aucune crédibilité. Et du temps vraiment financé, pas du
temps théorique. Ah, et des crêpes. (rires) Je rigole pas, c'est le meilleur outil de
participation que je connaisse.
"""
)

_ENGAGEMENT_FOCUS_GROUP = _text(
    """
Animateur : Salut tout le monde, merci d’être venus. Le but, c'est de comprendre pourquoi les
jeunes répondent peu aux consultations de la Région, et ce qui marcherait mieux. Pas de bonne
réponse, vous pouvez dire ce que vous pensez, même si c'est négatif. Pour commencer : la Région
Hauts-de-France, pour vous, ça fait quoi ?

P1 : Euh… les lycées ? Je crois.

P2 : Les trains. Les TER. Enfin je crois que c'est eux, parce que y a le logo sur les trains.

P3 : Honnêtement, je sais pas. La mairie je vois, le département un peu, avec le RSA de ma mère.
La Région, je saurais pas dire.

P4 : Y a l'aide pour le permis, là. Mon cousin l'a eue. Mille euros je crois, quelque chose
comme ça.

P5 : Moi je savais même pas que c'était différent du département. (rires)

Animateur : OK. Et est-ce que vous avez déjà répondu à une consultation, un questionnaire de ce
genre ?

P6 : Oui, au printemps, y avait des gens au marché. Ils avaient des crêpes. (rires) J'ai répondu
pour la crêpe, je vais pas mentir.

P2 : Moi j'ai reçu un lien. Dans le groupe WhatsApp du foot, c'est le coach qui l'avait
transféré. Attendez, je l'ai encore… voilà : « Les gars répondez svp c'est pour la Région, ça
prend 3 min 👍 ». Et dessous y a Enzo qui a répondu « c payé ? ». (rires)

P7 : C'est ça, la vraie question. (rires)

P2 : Bon, moi j'ai répondu quand même, parce que c'était le coach. Si c'était un numéro inconnu,
jamais.

Animateur : Pourquoi jamais ?

P2 : Parce que les liens, c'est des arnaques. Tous les jours on reçoit « votre colis est bloqué
», « votre compte CPF »… Je clique sur rien, moi.

P3 : Pareil. Et puis on sait pas ce qu'ils font avec nos réponses. Ils demandent l'âge, le
quartier, le code postal… Après on reçoit des pubs.

P6 : Moi c'est le « Vous acceptez les conditions », avec le texte tout en petit. Personne lit
ça. Si y avait écrit en gros « on donne ton numéro à personne », déjà ça rassurerait.

P1 : Ouais mais même s'ils l'écrivent, on les croit pas forcément. (rires)

Animateur : Et si quelqu'un vient frapper chez vous ?

P5 : Ça dépend qui. Si c'est quelqu'un du quartier, genre la dame du centre social, oui. Si
c'est quelqu'un en costume avec un badge, j'ouvre pas, ma mère non plus.

P4 : Ma mère, elle a eu la visite, au printemps. C'était Nadia, elle la connaît depuis l'école.
Elle a répondu à tout, elle a même fait le questionnaire à ma place parce que j'étais pas là.
(rires)

Animateur : Ah. Et ça, ça pose question, non ?

P4 : Ben elle sait ce que je pense, elle. (rires) Non mais c'est vrai que c'était pas moi.

Animateur : Et au marché, répondre sur une tablette devant tout le monde, ça vous dérange ?

P6 : Un peu, ouais. Y avait ma voisine juste derrière moi, elle regardait l'écran. Quand y a eu
la question sur les revenus de la famille, j'ai mis n'importe quoi. (rires)

P1 : Moi ça me dérange pas, mais faut que ce soit rapide. Au marché t'as les courses, t'as ta
mère qui t'attend à la voiture.

P3 : Ce qui était bien, c'est que la fille qui tenait la tablette, elle avait notre âge. Elle
parlait comme nous. Si c'était un monsieur de la Région en cravate, je m'arrêtais pas.

P5 : Et elle disait pas « consultation », elle disait « t'as deux minutes pour râler sur le bus
? ». Ça, ça donne envie. (rires)

P7 : Mais c'est un peu facile aussi. Ils nous font râler, ils notent, et après ? On râle tous
les jours, ça change rien.

Animateur : Parlons du fond. Si la Région vous demandait vos priorités, qu'est-ce que vous
diriez ?

P1 : Le transport. Le dernier bus pour rentrer de Lille, c'est n'importe quoi. Si je sors, je
dois rentrer à pied ou payer un Uber. Et le TER pour aller en formation à Valenciennes, c'est
deux heures aller.

P7 : Le permis. Sans permis t'as pas de boulot, et sans boulot t'as pas de permis. C'est un
cercle.

P6 : Des stages. Moi j'ai cherché un stage de BTS pendant quatre mois. Quand t'habites ici et
que t'as pas de réseau, t'as rien.

P3 : Des endroits pour se poser. Pas un truc organisé avec un animateur, juste un endroit
chauffé où on peut être entre nous sans se faire virer.

P5 : Et la santé, la tête je veux dire. Y a plein de gens de notre âge qui vont pas bien, et le
psy c'est six mois d'attente.

Animateur : Vous pensez que le fait de répondre à un questionnaire peut changer quelque chose
là-dessus ?

P7 : Non. (silence) Enfin… non. Ils vont faire un PowerPoint avec des camemberts, et après ils
font ce qu'ils avaient prévu.

P1 : Moi je dirais peut-être. Si on est nombreux à dire la même chose, à un moment ils sont
obligés d'écouter. Mais faut qu'on voie le résultat. Genre, « vous avez dit que le bus s'arrête
trop tôt, maintenant il passe jusqu'à minuit ». Là je répondrais à tous les questionnaires.

P3 : Le problème, c'est qu'on voit jamais le lien. Même si un jour le bus passe plus tard, on
saura pas que c'est grâce au questionnaire.

P6 : Ouais. Faudrait qu'ils reviennent au marché, avec les crêpes, et qu'ils disent « voilà ce
qu'on a fait ». (rires)

Animateur : Et sur la forme, le questionnaire en lui-même ?

P5 : Trop long. Au bout de cinq minutes je fermais.

P2 : Les mots. « Quel est votre degré de satisfaction concernant l'offre de mobilité ». Frère,
je sais pas. Le bus il est nul, voilà ma satisfaction. (rires)

P4 : Faut des questions courtes, et qu'on puisse répondre en vocal. Moi j'écris pas bien, mais
je parle bien.

P7 : Ou en story. Un sondage Insta, deux choix, ça prend deux secondes.

P3 : Mais un sondage Insta, ça dit rien, faut aussi pouvoir expliquer.

Animateur : Qu'est-ce qui vous ferait participer à quelque chose de plus long, une réunion, un
atelier ?

P6 : Être payé. (rires) Non mais sérieux, une bourse, un bon d'achat, n'importe quoi. Notre
temps il vaut quelque chose.

P1 : Qu'il y ait les potes. Seul, je vais jamais à une réunion.

P5 : Que ce soit pas dans une mairie. Les mairies ça fait peur, on a l'impression d'aller à une
convocation.

P7 : Qu'il y ait quelqu'un qui décide pour de vrai dans la salle. Pas un stagiaire qui prend des
notes.

P3 : Et qu'on nous parle normalement. Pas comme si on était des cas sociaux.

Animateur : Un dernier mot chacun ?

P4 : Venez dans les quartiers, mais revenez.

P2 : Des liens, oui, mais envoyés par des gens qu'on connaît.

P1 : Montrez les résultats.

P7 : Arrêtez de nous demander notre avis si c'est pour rien en faire.

P6 : Les crêpes. (rires)
"""
)
_EI = "Rapport à l'institution"
_EI_DEFIANCE = (_EI, "Défiance envers l'administration")
_EI_ROLE = (_EI, "Méconnaissance du rôle de la Région")
_EI_SUITES = (_EI, "Doute sur les suites données")
_EC = "Canaux d'aller-vers"
_EC_PORTE = (_EC, "Porte-à-porte")
_EC_STANDS = (_EC, "Stands sur les marchés")
_EC_SMS = (_EC, "Questionnaire par SMS et en ligne")
_EQ = "Conditions de réponse"
_EQ_LONGUEUR = (_EQ, "Longueur et langage du questionnaire")
_EQ_OUTILS = (_EQ, "Outils numériques")
_ER = "Rôle des habitants-relais"
_ER_CONFIANCE = (_ER, "Confiance dans le relais")
_ER_CHARGE = (_ER, "Charge et reconnaissance du travail")

_ENGAGEMENT = ExperimentMaterial(
    codebook=_codebook(
        [
            (
                _EI,
                "Ce que les habitants savent, pensent ou craignent de l'institution qui les "
                "consulte.",
                "#D4C1EE",
                [
                    (
                        _EI_DEFIANCE[1],
                        "Crainte d'un contrôle, d'une arnaque ou d'un usage des réponses contre "
                        "soi dès qu'une démarche paraît officielle.",
                        "#E0D2F3",
                    ),
                    (
                        _EI_ROLE[1],
                        "La personne ignore ce que fait la Région ou la confond avec une autre "
                        "collectivité.",
                        "#DACAF0",
                    ),
                    (
                        _EI_SUITES[1],
                        "Question ou doute sur ce que deviennent les réponses et sur le retour "
                        "fait aux répondants.",
                        "#E8DDF6",
                    ),
                ],
            ),
            (
                _EC,
                "Jugements sur un des canaux de collecte comparés par l'expérimentation.",
                "#FCC894",
                [
                    (
                        _EC_PORTE[1],
                        "Déroulement du porte-à-porte : qui ouvre, qui répond, ce qui se passe sur "
                        "le pas de la porte.",
                        "#FDD7B3",
                    ),
                    (
                        _EC_STANDS[1],
                        "Stands avec tablettes sur les marchés : affluence, accroche, publics "
                        "touchés.",
                        "#FDD0A5",
                    ),
                    (
                        _EC_SMS[1],
                        "Questionnaire court reçu par SMS, lien ou QR code, et sa circulation dans "
                        "les groupes de messagerie.",
                        "#FEE2C6",
                    ),
                ],
            ),
            (
                _EQ,
                "Ce qui, dans le questionnaire et ses outils, facilite ou empêche la réponse.",
                "#A8DEDA",
                [
                    (
                        _EQ_LONGUEUR[1],
                        "Durée jugée excessive, vocabulaire administratif ou technique, questions "
                        "reformulées.",
                        "#C0E8E5",
                    ),
                    (
                        _EQ_OUTILS[1],
                        "Tablettes, réseau, synchronisation, réponse vocale ou sur les réseaux "
                        "sociaux.",
                        "#CFEEEB",
                    ),
                ],
            ),
            (
                _ER,
                "Place des habitants-relais et des animateurs qui vont vers les habitants.",
                "#F9E08A",
                [
                    (
                        _ER_CONFIANCE[1],
                        "La personne répond ou ouvre parce qu'elle connaît celui ou celle qui "
                        "demande, ou s'y refuse faute de le connaître.",
                        "#FBE9A8",
                    ),
                    (
                        _ER_CHARGE[1],
                        "Rémunération, heures non comptées, fatigue, réputation engagée des relais "
                        "et des équipes.",
                        "#FCF0C4",
                    ),
                ],
            ),
        ]
    ),
    sources=(
        DemoSource(
            "interview",
            "Entretien avec Mme B., habitante-relais",
            date(2026, 6, 18),
            "Habitante-relais d'un centre social du Valenciennois, 45 ans, porte-à-porte "
            "pendant la vague 1 (avril-mai 2026). Entretien au centre social, 48 minutes.",
            _ENGAGEMENT_INTERVIEW_1,
        ),
        DemoSource(
            "interview",
            "Entretien avec M. A., animateur de centre social",
            date(2026, 7, 9),
            "Animateur jeunesse, 29 ans, a tenu les stands du marché du samedi et organisé "
            "l'envoi par SMS. Entretien en visioconférence, 41 minutes.",
            _ENGAGEMENT_INTERVIEW_2,
        ),
        DemoSource(
            "focus_group",
            "Focus group de jeunes de 17 à 24 ans",
            date(2026, 10, 21),
            "Sept jeunes recrutés par un centre social de la métropole lilloise, dans ses "
            "locaux, 1 h 15.",
            _ENGAGEMENT_FOCUS_GROUP,
        ),
    ),
    codings=(
        {
            "a": (
                (
                    _ER_CHARGE,
                    "Et c'était payé, ça compte aussi. Quinze euros de l'heure, c'est correct.",
                ),
                (_EI_ROLE, "Moi je savais pas que c'était la Région qui s'occupait des TER."),
                (
                    _EQ_OUTILS,
                    "Et on a appris à se servir de la tablette, le logiciel, là, de Cartocité. Ça "
                    "c'était un peu rapide.",
                ),
                (
                    _EI_DEFIANCE,
                    "Les gens, dès que c'est officiel, ils pensent contrôle. Ils pensent qu'on va "
                    "leur enlever quelque chose.",
                ),
                (
                    _ER_CONFIANCE,
                    "Je disais mon prénom, je disais que j'habitais à côté, au bâtiment C. Et là "
                    "souvent ça changeait.",
                ),
                (
                    _ER_CONFIANCE,
                    "C'est pas la tablette, c'est pas le logo de la Région. C'est qu'on me "
                    "connaît.",
                ),
                (
                    _EQ_LONGUEUR,
                    "Le questionnaire, il est trop long. Quinze minutes, ils disaient, mais en "
                    "vrai c'est vingt, vingt-cinq.",
                ),
                (
                    _EQ_LONGUEUR,
                    "Alors je reformulais. Je sais pas si j'avais le droit, mais je reformulais.",
                    "Reformulation par la relais : biais de mesure possible, à signaler dans le "
                    "rapport et à cadrer pour la vague 2.",
                ),
                (
                    _EC_PORTE,
                    "Les gens ont des avis, hein. C'est pas qu'ils ont pas d'avis. C'est qu'on "
                    "leur demande jamais, ou mal.",
                ),
                (
                    _EQ_OUTILS,
                    "Elle se bloquait quand y avait pas de réseau, dans les cages d'escalier "
                    "surtout. Une fois j'ai perdu six questionnaires d'un coup, tout l'après-midi.",
                ),
                (
                    _EC_PORTE,
                    "Les jeunes, c'est le plus dur. Ils sont pas chez eux dans la journée, ou ils "
                    "dorment.",
                ),
                (
                    _EC_SMS,
                    "Dylan, lui, il leur montrait le QR code, il disait « c'est trois minutes sur "
                    "ton téléphone », et là certains le faisaient.",
                ),
                (
                    _EI_SUITES,
                    "Ce que ça allait changer. Tout le temps. « Et après, il se passe quoi ? »",
                ),
                (
                    _EI_SUITES,
                    "Les gens d'ici vont pas aller lire un rapport de la Région sur internet.",
                ),
                (
                    _ER_CONFIANCE,
                    "Parce que c'est ma réputation, dans le quartier. J'ai mis mon nom là-dessus.",
                ),
                (
                    _ER_CHARGE,
                    "Et j'aimerais qu'on soit mieux payés pour les heures de saisie, on les "
                    "comptait pas.",
                ),
            ),
            "b": (
                (
                    _ER_CHARGE,
                    "Et c'était payé, ça compte aussi. Quinze euros de l'heure, c'est correct.",
                ),
                (_EI_ROLE, "Moi je savais pas que c'était la Région qui s'occupait des TER."),
                (_EQ_OUTILS, "Ça c'était un peu rapide."),
                (
                    _EI_DEFIANCE,
                    "Elle me dit : « C'est pour la CAF ? Parce que j'ai déjà tout envoyé. » Voilà. "
                    "Les gens, dès que c'est officiel, ils pensent contrôle. Ils pensent qu'on va "
                    "leur enlever quelque chose.",
                ),
                (
                    _ER_CONFIANCE,
                    "Je disais mon prénom, je disais que j'habitais à côté, au bâtiment C. Et là "
                    "souvent ça changeait.",
                ),
                (
                    _ER_CONFIANCE,
                    "C'est pas la tablette, c'est pas le logo de la Région. C'est qu'on me "
                    "connaît.",
                ),
                (
                    _EQ_LONGUEUR,
                    "Le questionnaire, il est trop long. Quinze minutes, ils disaient, mais en "
                    "vrai c'est vingt, vingt-cinq.",
                ),
                (
                    _EQ_LONGUEUR,
                    "« Mobilité décarbonée », « intermodalité »… J'avais envie de dire, mais "
                    "parlez normalement !",
                ),
                (
                    _EQ_OUTILS,
                    "Elle se bloquait quand y avait pas de réseau, dans les cages d'escalier "
                    "surtout. Une fois j'ai perdu six questionnaires d'un coup, tout l'après-midi.",
                ),
                (
                    _EC_PORTE,
                    "Les jeunes, c'est le plus dur. Ils sont pas chez eux dans la journée, ou ils "
                    "dorment. (rires) Et quand ils sont là, ils disent « la politique, ça "
                    "m'intéresse pas ».",
                ),
                (
                    _EC_SMS,
                    "Sur Snap, il a envoyé le lien à ses potes. Ça a mieux marché que nous à la "
                    "porte.",
                ),
                (
                    _EI_SUITES,
                    "Ce que ça allait changer. Tout le temps. « Et après, il se passe quoi ? »",
                ),
                (
                    _EI_SUITES,
                    "On m'avait dit que les résultats seraient publiés. Publiés où ? Sur internet "
                    "? Les gens d'ici vont pas aller lire un rapport de la Région sur internet.",
                ),
                (
                    _ER_CHARGE,
                    "Parce que c'est ma réputation, dans le quartier. J'ai mis mon nom là-dessus.",
                    "Le coût pour la relais est moral autant que matériel.",
                ),
                (
                    _ER_CHARGE,
                    "Mais avec moins d'heures, parce que c'était beaucoup, en plus de mon travail.",
                ),
                (
                    _ER_CHARGE,
                    "Et j'aimerais qu'on soit mieux payés pour les heures de saisie, on les "
                    "comptait pas.",
                ),
            ),
        },
        {
            "a": (
                (_EC_STANDS, "Le premier samedi, personne. Vraiment personne."),
                (
                    _EC_STANDS,
                    "on a mis du café, des crêpes, et on a enlevé le mot « Région » du panneau.",
                    "Effacer l'institution pour attirer : à discuter avec la Région, "
                    "commanditaire.",
                ),
                (
                    _EC_STANDS,
                    "le fait de commencer par une vraie question du quotidien, pas par "
                    "l'institution",
                ),
                (
                    _EC_STANDS,
                    "On a eu des seize-vingt-cinq ans qu'on n'aurait jamais eus en ligne.",
                ),
                (_EC_SMS, "Alors les SMS, c'est le moins cher, mais c'est le plus froid."),
                (
                    _EI_DEFIANCE,
                    "Y a une dame qui est venue à l'accueil furieuse, elle croyait qu'on avait "
                    "vendu son numéro.",
                ),
                (
                    _ER_CONFIANCE,
                    "Elles, elles sont voisines. Les gens leur ouvrent, ils leur offrent le café, "
                    "ils racontent leur vie.",
                ),
            ),
        },
        {
            "a": (
                (_EI_ROLE, "La Région, je saurais pas dire."),
                (_EI_ROLE, "Moi je savais même pas que c'était différent du département."),
                (
                    _EC_STANDS,
                    "Ils avaient des crêpes. (rires) J'ai répondu pour la crêpe, je vais pas "
                    "mentir.",
                ),
                (_EC_SMS, "« Les gars répondez svp c'est pour la Région, ça prend 3 min 👍 »"),
                (
                    _ER_CONFIANCE,
                    "Bon, moi j'ai répondu quand même, parce que c'était le coach. Si c'était un "
                    "numéro inconnu, jamais.",
                ),
                (_EI_DEFIANCE, "Parce que les liens, c'est des arnaques."),
                (_EI_DEFIANCE, "Et puis on sait pas ce qu'ils font avec nos réponses."),
                (
                    _ER_CONFIANCE,
                    "Si c'est quelqu'un du quartier, genre la dame du centre social, oui. Si c'est "
                    "quelqu'un en costume avec un badge, j'ouvre pas, ma mère non plus.",
                ),
                (
                    _EC_PORTE,
                    "Elle a répondu à tout, elle a même fait le questionnaire à ma place parce que "
                    "j'étais pas là.",
                    "Réponse par procuration : biais à signaler dans le protocole de la vague 2.",
                ),
                (_EC_STANDS, "Y avait ma voisine juste derrière moi, elle regardait l'écran."),
                (
                    _ER_CONFIANCE,
                    "Ce qui était bien, c'est que la fille qui tenait la tablette, elle avait "
                    "notre âge. Elle parlait comme nous.",
                ),
                (_EI_SUITES, "Ils nous font râler, ils notent, et après ?"),
                (
                    _EI_SUITES,
                    "Ils vont faire un PowerPoint avec des camemberts, et après ils font ce qu'ils "
                    "avaient prévu.",
                ),
                (_EI_SUITES, "Le problème, c'est qu'on voit jamais le lien."),
                (_EQ_LONGUEUR, "Trop long. Au bout de cinq minutes je fermais."),
                (
                    _EQ_LONGUEUR,
                    "« Quel est votre degré de satisfaction concernant l'offre de mobilité ». "
                    "Frère, je sais pas.",
                ),
                (_EQ_OUTILS, "Faut des questions courtes, et qu'on puisse répondre en vocal."),
                (_EQ_OUTILS, "Ou en story. Un sondage Insta, deux choix, ça prend deux secondes."),
                (
                    _EI_DEFIANCE,
                    "Que ce soit pas dans une mairie. Les mairies ça fait peur, on a l'impression "
                    "d'aller à une convocation.",
                ),
                (_EI_SUITES, "Arrêtez de nous demander notre avis si c'est pour rien en faire."),
            ),
            "b": (
                (
                    _EI_ROLE,
                    "Honnêtement, je sais pas. La mairie je vois, le département un peu, avec le "
                    "RSA de ma mère. La Région, je saurais pas dire.",
                ),
                (_EI_ROLE, "Moi je savais même pas que c'était différent du département."),
                (_EC_STANDS, "J'ai répondu pour la crêpe, je vais pas mentir."),
                (
                    _EC_SMS,
                    "Dans le groupe WhatsApp du foot, c'est le coach qui l'avait transféré.",
                ),
                (
                    _ER_CONFIANCE,
                    "Bon, moi j'ai répondu quand même, parce que c'était le coach. Si c'était un "
                    "numéro inconnu, jamais.",
                ),
                (
                    _EI_DEFIANCE,
                    "Parce que les liens, c'est des arnaques. Tous les jours on reçoit « votre "
                    "colis est bloqué », « votre compte CPF »… Je clique sur rien, moi.",
                ),
                (_EI_DEFIANCE, "Et puis on sait pas ce qu'ils font avec nos réponses."),
                (
                    _EC_PORTE,
                    "Si c'est quelqu'un du quartier, genre la dame du centre social, oui. Si c'est "
                    "quelqu'un en costume avec un badge, j'ouvre pas, ma mère non plus.",
                ),
                (
                    _EC_PORTE,
                    "Elle a répondu à tout, elle a même fait le questionnaire à ma place parce que "
                    "j'étais pas là.",
                ),
                (
                    _ER_CONFIANCE,
                    "Ce qui était bien, c'est que la fille qui tenait la tablette, elle avait "
                    "notre âge. Elle parlait comme nous.",
                ),
                (_EI_SUITES, "Ils nous font râler, ils notent, et après ?"),
                (
                    _EI_SUITES,
                    "Ils vont faire un PowerPoint avec des camemberts, et après ils font ce qu'ils "
                    "avaient prévu.",
                ),
                (
                    _EI_SUITES,
                    "Le problème, c'est qu'on voit jamais le lien. Même si un jour le bus passe "
                    "plus tard, on saura pas que c'est grâce au questionnaire.",
                ),
                (
                    _EI_SUITES,
                    "Faudrait qu'ils reviennent au marché, avec les crêpes, et qu'ils disent « "
                    "voilà ce qu'on a fait ».",
                ),
                (_EQ_LONGUEUR, "Trop long. Au bout de cinq minutes je fermais."),
                (
                    _EQ_LONGUEUR,
                    "« Quel est votre degré de satisfaction concernant l'offre de mobilité ». "
                    "Frère, je sais pas.",
                ),
                (_EQ_LONGUEUR, "Faut des questions courtes, et qu'on puisse répondre en vocal."),
                (_EQ_OUTILS, "Ou en story. Un sondage Insta, deux choix, ça prend deux secondes."),
                (_EI_SUITES, "Arrêtez de nous demander notre avis si c'est pour rien en faire."),
            ),
        },
    ),
    verbatims=(
        DemoVerbatim(
            0,
            "Je disais mon prénom, je disais que j'habitais à côté, au bâtiment C. Et là souvent "
            "ça changeait. « Ah, t'es la fille à Monique ! »",
            {"Monique": "[prénom]", "bâtiment C": "[immeuble]"},
        ),
        DemoVerbatim(
            0,
            "J'étais avec Dylan, un jeune du quartier qui faisait binôme avec moi. On commence par "
            "la rue Jean-Jaurès, les petites maisons.",
            {"Dylan": "[prénom]", "rue Jean-Jaurès": "[rue]"},
        ),
        DemoVerbatim(
            2,
            "Et dessous y a Enzo qui a répondu « c payé ? ».",
            {"Enzo": "[prénom]"},
        ),
    ),
)

# --- participation-espace-public-oignies ------------------------------------------------------

_OIGNIES_INTERVIEW_1 = _text(
    """
Enquêtrice : Vous habitez la cité depuis longtemps ?

Mme S. : Depuis 1979. Mon mari était au fond, à la fosse 9, jusqu'à la fermeture. Vous savez,
c'est ici que le dernier puits du Nord-Pas-de-Calais a fermé, en 90. On était tous là, sur le
carreau, le jour de la dernière gaillette. Alors la place, pour moi, c'est pas juste un parking
avec un marché. C'est toute une histoire.

Enquêtrice : Comment vous avez connu la maison mobile ?

Mme S. : En allant au marché. Y avait cette espèce de cabane en bois sur roues, toute colorée,
avec des chaises devant. Au début j'ai cru que c'était un food truck. (rires) Et puis y a une
jeune fille qui m'a proposé un café, elle m'a montré une grande photo de la place vue d'en haut,
et elle m'a demandé : « Vous, vous passez par où ? » Personne m'avait jamais demandé ça. Par où
je passe !

Enquêtrice : Et vous passez par où ?

Mme S. : Ben je contourne ! Je contourne tout, parce que devant la pharmacie y a les voitures
garées n'importe comment, et de l'autre côté y a les marches, avec ma hanche, je peux plus.
Alors je fais le tour par la rue Pasteur, c'est plus long mais c'est plat. Et le mardi, avec le
marché, c'est encore pire, y a des voitures jusque sur le trottoir, faut descendre sur la route.
Elle a tout noté, avec des gommettes sur la photo. Ça m'a fait rire, les gommettes, mais bon,
c'était sérieux.

Enquêtrice : Vous êtes revenue, ensuite ?

Mme S. : Trois fois. Une fois avec ma voisine, Colette, qui voulait parler des bancs. Parce que
des bancs, y en a plus. Ils les ont enlevés y a dix ans, soi-disant parce que les jeunes
traînaient dessus. Résultat, nous les vieux on a plus où s'asseoir non plus. On a puni tout le
monde.

Enquêtrice : Et la marche exploratoire ?

Mme S. : Ah ça c'était bien. On était une douzaine de femmes, des jeunes mamans, des retraitées
comme moi, une dame qui habite vers l'école Basly. On a marché un soir, vers dix-neuf heures, du
parking de l'Intermarché jusqu'à la salle des fêtes. Et on a vu la place avec les yeux de
chacune. La jeune maman avec la poussette, elle passait pas entre les potelets. Moi, je voyais
pas les trous dans le trottoir, y a pas de lumière. Le lampadaire devant le monument aux morts,
il est cassé depuis l'hiver.

Enquêtrice : Qu'est-ce que vous avez ressenti, pendant cette marche ?

Mme S. : Que j'étais pas la seule. Vous savez, quand on a peur le soir, on se dit que c'est
parce qu'on vieillit, qu'on est trouillarde. Et là, les jeunes mamans aussi elles avaient peur.
Pas des jeunes, hein, je veux pas dire ça. Ils sont pas méchants, les jeunes. C'est le noir.
C'est de pas voir où on met les pieds, de pas voir qui arrive. Avec de la lumière, ça changerait
tout.

Enquêtrice : Vous avez parlé des jeunes. Comment vous voyez leur place, sur la place ?

Mme S. : (rires) Leur place sur la place. Ben ils en ont besoin aussi. Mon petit-fils, Théo, il
a seize ans, il a nulle part où aller. Le stade c'est loin, la MJC elle ferme à dix-huit heures.
Alors ils sont sur le muret devant la boulangerie, et la boulangère, elle râle. Faudrait un coin
pour eux, mais pas sous les fenêtres des gens. C'est ça qui est compliqué, contenter tout le
monde.

Enquêtrice : Est-ce que vous pensez que vos idées seront prises en compte ?

Mme S. : Alors là… On a déjà vu ça. En 2014, y avait eu une réunion à la mairie pour la
rénovation de la cité. On avait tout dit, les fenêtres, le chauffage, les jardins. Et puis les
travaux ont été faits comme ils avaient prévu. Alors je dis pas que ce sera pareil. La jeune
fille de la maison mobile, elle m'a montré un tableau, avec chaque idée et ce qu'elle devient. Y
avait « bancs : retenu pour l'atelier de juin ». Ça, c'est bien. Mais j'attends de voir les
bancs.

Enquêtrice : Qu'est-ce qui vous ferait dire, à la fin, que ça a servi ?

Mme S. : Des bancs, de la lumière, et que les jeunes aient leur coin. Et peut-être quelque chose
pour rappeler la mine. Une berline, une plaque, je sais pas. Que les petits sachent ce qu'il y
avait là. Mon mari, il aurait aimé ça.
"""
)

_OIGNIES_INTERVIEW_2 = _text(
    """
Enquêteur : Comment vous avez accueilli le projet de maison mobile, au départ ?

M. H. : Avec prudence, je vais pas vous mentir. Nous, aux services techniques, on a l'habitude
des réunions publiques : on présente le projet, les gens râlent sur le stationnement, et on
repart. Là, on nous annonçait six mois de présence sur la place, des marches, des ateliers… Je
me suis demandé qui allait gérer toutes ces demandes. On est quatre au service, pour toute la
commune.

Enquêteur : Qu'est-ce que ça a changé dans votre travail ?

M. H. : Beaucoup de choses, en fait. D'abord la matière. Avant, on avait un diagnostic fait par
le bureau d'études, des comptages de voitures, des plans. Là on a reçu… je sais plus, plus de
quatre cents contributions, classées par thème. Et certaines, franchement, on les aurait jamais
eues. Les potelets devant la pharmacie, par exemple. Nous on les avait mis pour empêcher le
stationnement sauvage, et on découvre que les poussettes et les fauteuils passent pas. C'est
bête, mais c'est sur le terrain qu'on le voit.

Enquêteur : Vous avez participé à une marche ?

M. H. : À celle des jeunes, en juin. Ça m'a marqué. Ils nous ont emmenés derrière la salle des
fêtes, un endroit où nous on ne va jamais, et ils nous ont expliqué que c'était le seul coin où
on les laisse tranquilles. Sans lumière, sans banc, à côté des conteneurs. Le seul coin où on
les laisse tranquilles, c'est le pire coin de la place. Ça donne à réfléchir.

Enquêteur : Et les ateliers de co-conception ?

M. H. : Alors là c'était plus difficile. Le premier atelier, les habitants voulaient tout : des
arbres, des jeux, un kiosque, des toilettes, garder toutes les places de parking, et agrandir le
marché. Et nous on arrivait avec nos contraintes : le budget, le passage du bus, les normes
d'accessibilité, les réseaux sous la chaussée. On avait l'impression d'être les rabat-joie.

Enquêteur : Comment ça a évolué ?

M. H. : Au deuxième atelier, l'équipe du lab a eu une bonne idée : on a mis les contraintes sur
la table, au sens propre. Des cartes, avec le coût de chaque élément. Un arbre adulte, tant. Un
banc, tant. Une place de parking en moins, tant de recettes du marché en moins. Et les habitants
ont dû composer un projet avec une enveloppe. Ça a complètement changé la discussion. Les gens
ont arbitré eux-mêmes. Ils ont sacrifié le kiosque, d'ailleurs, et ils ont gardé les arbres et
l'éclairage.

Enquêteur : Et le stationnement ?

M. H. : C'est le sujet qui fâche. Les commerçants veulent garder toutes les places, surtout la
pharmacie et le tabac. Les riverains veulent moins de voitures devant chez eux. On a trouvé un
compromis, on supprime douze places sur la place mais on en crée dix sur l'ancien terrain de la
rue Pasteur. Tout le monde n'est pas content. Mais au moins, tout le monde était dans la pièce
quand on a décidé.

Enquêteur : Le tableau de suivi des contributions, vous l'utilisez ?

M. H. : Oui, et au début j'étais contre. C'est du travail en plus : pour chaque idée, dire si
elle est retenue, pourquoi, ou pourquoi pas. Mais quand la dame de la cité 4 est revenue pour
demander ce que devenaient ses bancs, on a pu lui montrer. Ça évite le « vous faites jamais rien
». Maintenant je le montre même aux élus.

Enquêteur : Il y a des idées que vous n'avez pas pu retenir ?

M. H. : Le skatepark. Les jeunes le voulaient vraiment. Mais sur la place, c'est impossible, le
bruit, la surface. On leur a proposé autre chose, près du stade, et ils étaient déçus, ça se
voyait. Un jeune m'a dit : « Donc on est toujours mis à l'écart. » Il avait pas tort. On l'a
écrit dans le tableau, avec la raison. C'est pas satisfaisant, mais c'est honnête.

Enquêteur : Et pour la suite ?

M. H. : Les travaux commencent en mars 2027 si le conseil municipal vote en décembre. Ce que je
voudrais, c'est garder la maison mobile pendant le chantier. Parce que les travaux, c'est là que
les gens vont râler, et c'est là qu'il faut être présents.
"""
)

_OIGNIES_FOCUS_GROUP = _text(
    """
Animatrice : Merci d'être revenus. On voudrait savoir ce que vous avez pensé de la marche du 24
juin, et ce que vous voudriez pour la place. Vous pouvez être francs, hein, c'est fait pour.

P1 : Franchement, au début je suis venu parce que Léa m'a dit qu'y avait des pizzas après.
(rires)

P2 : C’est vrai, je l’ai dit. Et y en avait, des pizzas !

Animatrice : Et à part les pizzas ?

P1 : Ben c'était bizarre mais bien. D'habitude les adultes nous demandent de partir, là ils nous
demandaient de les emmener quelque part.

P3 : Le monsieur de la mairie, il savait même pas qu'on était derrière la salle des fêtes. Il
nous a demandé pourquoi on allait là. Ben parce que partout ailleurs on se fait dégager !

P4 : Devant la boulangerie, la dame elle appelle la police municipale dès qu'on est trois sur le
muret. Trois ! On fait rien, on parle.

P5 : Y a des fois on met de la musique, ça je dis pas. Mais pas fort.

P2 : Si, des fois c'est fort. (rires) Faut être honnête.

Animatrice : Qu'est-ce que vous avez montré, pendant la marche ?

P3 : Le coin derrière la salle. Le passage vers la cité 4 où y a pas de lumière du tout. Et le
parking de l'Intermarché, le soir.

P6 : Moi j'ai montré l'arrêt de bus. Y a pas d'abri. Quand il pleut on attend sous la pluie, et
le bus pour Carvin, des fois il passe pas.

P2 : Pour nous les filles, c'était surtout le passage vers la cité. Le soir, on le prend pas. On
fait le grand tour par la rue principale. Même à plusieurs.

P4 : Ah bon ? Je savais pas.

P2 : Ben non, tu sais pas, t'es un gars. (rires)

Animatrice : C'est intéressant, ça. Vous en aviez parlé entre vous, avant la marche ?

P2 : Pas vraiment. C'est pendant la marche qu'on s'en est rendu compte. La dame du lab, elle a
demandé « qui se sent mal à l'aise ici ? » et toutes les filles ont levé la main. Les garçons,
aucun.

P5 : Ça m'a fait bizarre. Moi je passe là tous les jours.

Animatrice : On a créé un groupe WhatsApp après la marche. Quelqu'un veut lire ce qui s'y est
dit ?

P6 : Moi je peux. Le lendemain, Inès a envoyé la photo du lampadaire cassé avec écrit « voilà le
passage de la peur 😬 faut que la mairie vienne voir la nuit, pas la journée ». Et après Mathis a
répondu « ils viendront jamais la nuit mdr ».

P3 : Et ils sont venus, en fait ! Le monsieur de la voirie, il est venu un soir, à vingt-deux
heures, avec une lampe. On l'a vu.

P1 : Ça, ça m'a surpris. Pour de vrai.

Animatrice : Et pour la place elle-même, qu'est-ce que vous voudriez ?

P4 : Un skatepark. Même petit. Trois modules.

P1 : Un city stade. Ou les deux. (rires)

P5 : Du wifi. Gratuit. Et des prises pour charger les téléphones.

P3 : Un abri. Pas un truc fermé, juste un toit avec des bancs, pour quand il pleut. Un endroit à
nous, mais pas caché. Parce que derrière la salle, c'est caché, c'est pour ça que les gens
pensent qu'on fait des trucs louches.

P2 : Moi je voudrais de la lumière dans le passage. C'est tout. Si y a ça, je suis contente.

P6 : Et des poubelles. Sérieux, y a une poubelle pour toute la place. Après on dit que c'est les
jeunes qui salissent.

Animatrice : Vous avez parlé des adultes, des voisins. Comment vous voyez le fait de partager la
place avec eux ?

P3 : Ça dépend lesquels. Y a les vieux de la cité qui nous connaissent, ils nous disent bonjour,
ils nous ont vus grandir. Et y a ceux qui nous regardent comme si on allait voler leur sac.

P5 : Ma grand-mère, elle dit que de son temps, sur la place, y avait le bal et tout le monde
dansait ensemble. Les jeunes, les vieux, les mineurs, les Polonais. Maintenant chacun reste dans
son coin.

P1 : Faudrait refaire un truc comme ça. Une fête. Avec de la musique de maintenant et de la
musique de vieux. (rires)

P4 : La ducasse, c'est déjà ça, non ?

P1 : La ducasse, c'est que trois jours. Et c'est les forains, c'est pas nous.

Animatrice : Et la mine, le passé de la place, ça compte pour vous ?

P4 : Mon arrière-grand-père, il était mineur, il est venu de Pologne. Mais moi la mine, je
connais que par le 9-9bis, les concerts. C'est un peu loin, quoi.

P3 : Moi je trouve ça bien de garder quelque chose. Pas un musée, hein. Mais genre un mur avec
des photos d'avant, et à côté des photos de nous, maintenant.

P1 : Ah ouais, ça c'est une bonne idée. Mettre les deux.

P5 : Ma grand-mère, elle pleurerait. (rires) En vrai, elle serait contente.

Animatrice : Et la circulation, les voitures, vous en pensez quoi ?

P6 : Ça roule trop vite devant l'école, le matin. Les parents se garent en double file, et nous
on passe entre les voitures avec les vélos.

P4 : Et le mardi, jour de marché, c'est la guerre pour se garer. Les gens klaxonnent, ça crie.
Si on enlève des places, ça va être pire.

P2 : Ou alors les gens viendront à pied. Ma mère prend la voiture pour faire trois cents mètres.
(rires)

Animatrice : Et la maison mobile, vous y passez, en dehors de la marche ?

P5 : Le mercredi, des fois. Y a des jeux de société et la fille du lab elle nous laisse brancher
l'enceinte. (rires)

P3 : Moi j'y suis allée pour les maquettes. On pouvait bouger les arbres, les bancs, en vrai
petit. C'était trop bien. J'ai mis l'abri à côté de l'arrêt de bus.

P6 : Mais les horaires, c'est nul. Elle ferme à dix-huit heures. Nous on sort du lycée à
dix-sept heures trente, le temps de prendre le bus depuis Carvin, c'est fermé.

Animatrice : Est-ce que vous pensez que ce que vous avez dit va compter ?

P4 : Pour le skatepark, on nous a déjà dit non. Enfin, « pas sur la place ». Près du stade. Le
stade c'est à vingt minutes à pied, personne va y aller.

P3 : Mais ils nous ont expliqué pourquoi, au moins. Le bruit, la place qu'il faut. D'habitude on
nous dit juste non.

P6 : Moi je crois que la lumière, ils vont la faire. Parce que les mamans l'ont demandée aussi,
et les vieilles dames. Quand tout le monde demande la même chose, ça passe.

P2 : C'est ça qui est triste. Nous tout seuls on compte pas. Faut que les adultes soient
d'accord avec nous.

P5 : Moi je reviendrai aux ateliers si on a vraiment le droit de dire quelque chose. Pas juste
pour faire la photo pour le journal de la mairie.

P1 : Et s'il y a des pizzas. (rires)

Animatrice : Merci à vous. Le prochain atelier, c'est le 16 septembre à la salle des fêtes, et
on vous enverra le tableau avec ce que deviennent vos propositions.

P2 : Envoyez-le sur le groupe WhatsApp, alors. Sinon on le verra jamais.
"""
)

_OIGNIES_FIELD_NOTES = _text(
    """
Permanence de la maison mobile, samedi 11 avril 2026, place du marché, 9 h 30 – 12 h 30. Pluie
fine toute la matinée ☔, marché réduit de moitié (pas de fromager ni de fleuriste).

Passages comptés : 41 personnes se sont arrêtées, 23 ont laissé une contribution (gommettes sur
la photo aérienne ou carte postale). Profil très différent du mardi : beaucoup d'hommes de 30-50
ans, des pères avec enfants, deux jeunes en scooter qui sont restés vingt minutes à discuter du
city stade.

Thèmes dominants : stationnement devant la pharmacie (« on tourne dix minutes »), absence d'abri
à l'arrêt de bus, bancs. Un monsieur de la cité 4 apporte une photo de la place en 1962, avec le
kiosque et le bal : proposition de l'exposer dans la maison mobile.

Difficulté : la tonnelle ne protège pas du vent, les cartes postales se mouillent ; prévoir un
classeur plastifié. Le café a manqué vers 11 h.

À suivre : une élue est passée sans s’arrêter, deux habitants l'ont remarqué (« elle vient pas
nous voir, elle »).
"""
)
_OU = "Usages de la place"
_OU_CIRCULER = (_OU, "Stationnement et cheminements")
_OU_ASSEOIR = (_OU, "Lieux pour s'asseoir et se retrouver")
_OU_PEUR = (_OU, "Sentiment d'insécurité")
_OU_NUIT = (*_OU_PEUR, "Éclairage la nuit")
_OD = "Dispositif"
_OD_MAISON = (_OD, "Maison mobile")
_OD_MARCHES = (_OD, "Marches exploratoires")
_OD_ATELIERS = (_OD, "Ateliers de co-conception")
_OP = "Prise en compte des avis"
_OP_SUIVI = (_OP, "Traçabilité des contributions")
_OP_MEFIANCE = (_OP, "Méfiance née des concertations passées")
_OM = "Mémoire et cohabitation"
_OM_MINE = (_OM, "Passé minier")
_OM_GENERATIONS = (_OM, "Conflits d'usage entre générations")

_OIGNIES = ExperimentMaterial(
    codebook=_codebook(
        [
            (
                _OU,
                "Manière dont les habitants utilisent, traversent ou évitent aujourd'hui la "
                "place et ses abords.",
                "#B5E0B5",
                [
                    (
                        _OU_CIRCULER[1],
                        "Voitures, stationnement, obstacles et trajets à pied, en poussette ou en "
                        "fauteuil.",
                        "#CBEACB",
                    ),
                    (
                        _OU_ASSEOIR[1],
                        "Bancs, abris, coins où l'on s'arrête : leur manque ou leur demande.",
                        "#D8F0D8",
                    ),
                    (
                        _OU_PEUR[1],
                        "Peur, malaise ou évitement d'un endroit, quelle qu'en soit la cause.",
                        "#C0E5C0",
                        [
                            (
                                _OU_NUIT[2],
                                "Le malaise est relié au manque de lumière, à un lampadaire cassé "
                                "ou à l'obscurité d'un passage.",
                                "#E2F4E2",
                            ),
                        ],
                    ),
                ],
            ),
            (
                _OD,
                "Jugements sur les formats de participation proposés par le lab sur la place.",
                "#A9CCF0",
                [
                    (
                        _OD_MAISON[1],
                        "Permanences de la maison mobile : accueil, horaires, maquettes, photo "
                        "aérienne, contributions recueillies.",
                        "#C2DBF5",
                    ),
                    (
                        _OD_MARCHES[1],
                        "Marches exploratoires : parcours, ce qu’elles ont fait voir ou "
                        "comprendre.",
                        "#B6D4F3",
                    ),
                    (
                        _OD_ATELIERS[1],
                        "Ateliers avec les services techniques : contraintes, arbitrages, "
                        "compromis.",
                        "#CFE3F8",
                    ),
                ],
            ),
            (
                _OP,
                "Ce que les personnes disent de la suite donnée, ou qui sera donnée, à leurs "
                "contributions.",
                "#FCC894",
                [
                    (
                        _OP_SUIVI[1],
                        "Tableau de suivi, explication d'un refus, retour fait aux habitants sur "
                        "une idée précise.",
                        "#FDD7B3",
                    ),
                    (
                        _OP_MEFIANCE[1],
                        "Référence à une concertation passée restée sans effet, ou crainte d'une "
                        "participation pour la photo.",
                        "#FEE2C6",
                    ),
                ],
            ),
            (
                _OM,
                "Histoire de la place et partage de l'espace entre groupes d'habitants.",
                "#D4C1EE",
                [
                    (
                        _OM_MINE[1],
                        "Références à la mine, à la fosse 9, aux anciens usages et à la mémoire "
                        "du lieu.",
                        "#E0D2F3",
                    ),
                    (
                        _OM_GENERATIONS[1],
                        "Tensions ou arrangements entre jeunes, adultes et personnes âgées pour "
                        "l'usage de la place.",
                        "#E8DDF6",
                    ),
                ],
            ),
        ]
    ),
    sources=(
        DemoSource(
            "interview",
            "Entretien avec Mme S., habitante de la cité 4",
            date(2026, 5, 20),
            "Habitante de la cité 4, 67 ans, veuve de mineur, venue trois fois à la maison "
            "mobile et à la marche exploratoire des femmes. Entretien chez elle, 55 minutes.",
            _OIGNIES_INTERVIEW_1,
        ),
        DemoSource(
            "interview",
            "Entretien avec M. H., service voirie et espaces publics",
            date(2026, 9, 15),
            "Agent de la Ville, 48 ans, présent aux trois ateliers de co-conception. Entretien "
            "aux services techniques, 45 minutes.",
            _OIGNIES_INTERVIEW_2,
        ),
        DemoSource(
            "focus_group",
            "Focus group des jeunes de la marche exploratoire",
            date(2026, 7, 8),
            "Six jeunes de 15 à 19 ans (trois filles, trois garçons) après la marche du 24 juin, "
            "à la maison mobile, 1 h 05.",
            _OIGNIES_FOCUS_GROUP,
        ),
        DemoSource(
            "field_notes",
            "Permanence de la maison mobile un samedi de pluie",
            date(2026, 4, 11),
            "Notes de terrain de la chargée de mission, place du marché, 3 heures.",
            _OIGNIES_FIELD_NOTES,
        ),
    ),
    codings=(
        {
            "a": (
                (_OM_MINE, "Mon mari était au fond, à la fosse 9, jusqu'à la fermeture."),
                (
                    _OM_MINE,
                    "Alors la place, pour moi, c'est pas juste un parking avec un marché. C'est "
                    "toute une histoire.",
                ),
                (
                    _OD_MAISON,
                    "Et puis y a une jeune fille qui m'a proposé un café, elle m'a montré une "
                    "grande photo de la place vue d'en haut, et elle m'a demandé : « Vous, vous "
                    "passez par où ? »",
                ),
                (
                    _OU_CIRCULER,
                    "parce que devant la pharmacie y a les voitures garées n'importe comment, et "
                    "de l'autre côté y a les marches, avec ma hanche, je peux plus.",
                ),
                (
                    _OU_CIRCULER,
                    "Et le mardi, avec le marché, c'est encore pire, y a des voitures jusque sur "
                    "le trottoir, faut descendre sur la route.",
                ),
                (_OU_ASSEOIR, "Parce que des bancs, y en a plus."),
                (
                    _OM_GENERATIONS,
                    "Ils les ont enlevés y a dix ans, soi-disant parce que les jeunes traînaient "
                    "dessus. Résultat, nous les vieux on a plus où s'asseoir non plus.",
                ),
                (_OD_MARCHES, "Et on a vu la place avec les yeux de chacune."),
                (
                    _OU_CIRCULER,
                    "La jeune maman avec la poussette, elle passait pas entre les potelets.",
                ),
                (
                    _OU_NUIT,
                    "Le lampadaire devant le monument aux morts, il est cassé depuis l'hiver.",
                ),
                (
                    _OU_PEUR,
                    "Que j'étais pas la seule. Vous savez, quand on a peur le soir, on se dit que "
                    "c'est parce qu'on vieillit, qu'on est trouillarde.",
                ),
                (
                    _OU_NUIT,
                    "C'est le noir. C'est de pas voir où on met les pieds, de pas voir qui arrive. "
                    "Avec de la lumière, ça changerait tout.",
                ),
                (
                    _OM_GENERATIONS,
                    "Alors ils sont sur le muret devant la boulangerie, et la boulangère, elle "
                    "râle.",
                ),
                (
                    _OM_GENERATIONS,
                    "Faudrait un coin pour eux, mais pas sous les fenêtres des gens.",
                ),
                (
                    _OP_MEFIANCE,
                    "En 2014, y avait eu une réunion à la mairie pour la rénovation de la cité. On "
                    "avait tout dit, les fenêtres, le chauffage, les jardins. Et puis les travaux "
                    "ont été faits comme ils avaient prévu.",
                ),
                (
                    _OP_SUIVI,
                    "La jeune fille de la maison mobile, elle m'a montré un tableau, avec chaque "
                    "idée et ce qu'elle devient.",
                ),
                (_OM_MINE, "Et peut-être quelque chose pour rappeler la mine."),
            ),
            "b": (
                (
                    _OM_MINE,
                    "Mon mari était au fond, à la fosse 9, jusqu'à la fermeture. Vous savez, c'est "
                    "ici que le dernier puits du Nord-Pas-de-Calais a fermé, en 90.",
                ),
                (
                    _OM_MINE,
                    "Alors la place, pour moi, c'est pas juste un parking avec un marché. C'est "
                    "toute une histoire.",
                ),
                (_OD_MAISON, "Personne m'avait jamais demandé ça. Par où je passe !"),
                (
                    _OU_CIRCULER,
                    "parce que devant la pharmacie y a les voitures garées n'importe comment, et "
                    "de l'autre côté y a les marches, avec ma hanche, je peux plus.",
                ),
                (
                    _OU_CIRCULER,
                    "Et le mardi, avec le marché, c'est encore pire, y a des voitures jusque sur "
                    "le trottoir, faut descendre sur la route.",
                ),
                (
                    _OU_ASSEOIR,
                    "Une fois avec ma voisine, Colette, qui voulait parler des bancs. Parce que "
                    "des bancs, y en a plus.",
                ),
                (
                    _OM_GENERATIONS,
                    "Ils les ont enlevés y a dix ans, soi-disant parce que les jeunes traînaient "
                    "dessus. Résultat, nous les vieux on a plus où s'asseoir non plus.",
                ),
                (_OD_MARCHES, "Et on a vu la place avec les yeux de chacune."),
                (
                    _OU_CIRCULER,
                    "La jeune maman avec la poussette, elle passait pas entre les potelets.",
                ),
                (
                    _OU_NUIT,
                    "Le lampadaire devant le monument aux morts, il est cassé depuis l'hiver.",
                ),
                (_OU_PEUR, "Et là, les jeunes mamans aussi elles avaient peur."),
                (
                    _OU_PEUR,
                    "C'est le noir. C'est de pas voir où on met les pieds, de pas voir qui arrive. "
                    "Avec de la lumière, ça changerait tout.",
                    "Peur du noir plutôt que des jeunes : je reste au niveau général.",
                ),
                (
                    _OM_GENERATIONS,
                    "Alors ils sont sur le muret devant la boulangerie, et la boulangère, elle "
                    "râle.",
                ),
                (_OU_ASSEOIR, "Faudrait un coin pour eux, mais pas sous les fenêtres des gens."),
                (
                    _OP_MEFIANCE,
                    "On a déjà vu ça. En 2014, y avait eu une réunion à la mairie pour la "
                    "rénovation de la cité. On avait tout dit, les fenêtres, le chauffage, les "
                    "jardins. Et puis les travaux ont été faits comme ils avaient prévu.",
                ),
                (
                    _OP_SUIVI,
                    "La jeune fille de la maison mobile, elle m'a montré un tableau, avec chaque "
                    "idée et ce qu'elle devient. Y avait « bancs : retenu pour l'atelier de juin "
                    "». Ça, c'est bien.",
                ),
                (_OM_MINE, "Et peut-être quelque chose pour rappeler la mine."),
                (_OU_ASSEOIR, "Des bancs, de la lumière, et que les jeunes aient leur coin."),
            ),
        },
        {
            "a": (
                (
                    _OD_MAISON,
                    "Je me suis demandé qui allait gérer toutes ces demandes. On est quatre au "
                    "service, pour toute la commune.",
                ),
                (
                    _OD_MAISON,
                    "Là on a reçu… je sais plus, plus de quatre cents contributions, classées par "
                    "thème.",
                ),
                (
                    _OU_CIRCULER,
                    "Nous on les avait mis pour empêcher le stationnement sauvage, et on découvre "
                    "que les poussettes et les fauteuils passent pas.",
                ),
                (
                    _OD_MARCHES,
                    "Le seul coin où on les laisse tranquilles, c'est le pire coin de la place.",
                    "Formule à reprendre dans le rapport, avec l'accord de l'agent.",
                ),
                (_OD_ATELIERS, "On avait l'impression d'être les rabat-joie."),
            ),
        },
        {
            "a": (
                (
                    _OM_GENERATIONS,
                    "D'habitude les adultes nous demandent de partir, là ils nous demandaient de "
                    "les emmener quelque part.",
                ),
                (
                    _OD_MARCHES,
                    "Le monsieur de la mairie, il savait même pas qu'on était derrière la salle "
                    "des fêtes.",
                ),
                (
                    _OM_GENERATIONS,
                    "Devant la boulangerie, la dame elle appelle la police municipale dès qu'on "
                    "est trois sur le muret.",
                ),
                (_OU_NUIT, "Le passage vers la cité 4 où y a pas de lumière du tout."),
                (_OU_ASSEOIR, "Moi j'ai montré l'arrêt de bus. Y a pas d'abri."),
                (
                    _OU_PEUR,
                    "Pour nous les filles, c'était surtout le passage vers la cité. Le soir, on le "
                    "prend pas.",
                ),
                (_OD_MARCHES, "C'est pendant la marche qu'on s'en est rendu compte."),
                (
                    _OU_NUIT,
                    "« voilà le passage de la peur 😬 faut que la mairie vienne voir la nuit, pas "
                    "la journée »",
                ),
                (
                    _OP_SUIVI,
                    "Et ils sont venus, en fait ! Le monsieur de la voirie, il est venu un soir, à "
                    "vingt-deux heures, avec une lampe.",
                ),
                (
                    _OU_ASSEOIR,
                    "Un abri. Pas un truc fermé, juste un toit avec des bancs, pour quand il "
                    "pleut.",
                ),
                (
                    _OM_GENERATIONS,
                    "Parce que derrière la salle, c'est caché, c'est pour ça que les gens pensent "
                    "qu'on fait des trucs louches.",
                ),
                (_OU_NUIT, "Moi je voudrais de la lumière dans le passage."),
                (
                    _OM_GENERATIONS,
                    "Et y a ceux qui nous regardent comme si on allait voler leur sac.",
                ),
                (
                    _OM_MINE,
                    "Ma grand-mère, elle dit que de son temps, sur la place, y avait le bal et "
                    "tout le monde dansait ensemble.",
                ),
                (_OM_MINE, "Mon arrière-grand-père, il était mineur, il est venu de Pologne."),
                (
                    _OM_MINE,
                    "Mais genre un mur avec des photos d'avant, et à côté des photos de nous, "
                    "maintenant.",
                ),
                (_OU_CIRCULER, "Ça roule trop vite devant l'école, le matin."),
                (_OU_CIRCULER, "Et le mardi, jour de marché, c'est la guerre pour se garer."),
                (
                    _OD_MAISON,
                    "Moi j'y suis allée pour les maquettes. On pouvait bouger les arbres, les "
                    "bancs, en vrai petit.",
                ),
                (_OD_MAISON, "Mais les horaires, c'est nul. Elle ferme à dix-huit heures."),
                (
                    _OP_SUIVI,
                    "Mais ils nous ont expliqué pourquoi, au moins. Le bruit, la place qu'il faut. "
                    "D'habitude on nous dit juste non.",
                ),
                (
                    _OM_GENERATIONS,
                    "Nous tout seuls on compte pas. Faut que les adultes soient d'accord avec "
                    "nous.",
                    "Les jeunes ne se sentent légitimes qu'adossés aux adultes : lien avec "
                    "l'hypothèse 1.",
                ),
                (_OP_MEFIANCE, "Pas juste pour faire la photo pour le journal de la mairie."),
            ),
            "b": (
                (
                    _OD_MARCHES,
                    "D'habitude les adultes nous demandent de partir, là ils nous demandaient de "
                    "les emmener quelque part.",
                ),
                (
                    _OD_MARCHES,
                    "Le monsieur de la mairie, il savait même pas qu'on était derrière la salle "
                    "des fêtes. Il nous a demandé pourquoi on allait là.",
                ),
                (
                    _OM_GENERATIONS,
                    "Devant la boulangerie, la dame elle appelle la police municipale dès qu'on "
                    "est trois sur le muret. Trois ! On fait rien, on parle.",
                ),
                (_OU_NUIT, "Le passage vers la cité 4 où y a pas de lumière du tout."),
                (
                    _OU_ASSEOIR,
                    "Moi j'ai montré l'arrêt de bus. Y a pas d'abri. Quand il pleut on attend sous "
                    "la pluie",
                ),
                (
                    _OU_PEUR,
                    "Pour nous les filles, c'était surtout le passage vers la cité. Le soir, on le "
                    "prend pas. On fait le grand tour par la rue principale. Même à plusieurs.",
                ),
                (
                    _OU_PEUR,
                    "La dame du lab, elle a demandé « qui se sent mal à l'aise ici ? » et toutes "
                    "les filles ont levé la main.",
                ),
                (
                    _OU_NUIT,
                    "« voilà le passage de la peur 😬 faut que la mairie vienne voir la nuit, pas "
                    "la journée »",
                ),
                (
                    _OD_MARCHES,
                    "Et ils sont venus, en fait ! Le monsieur de la voirie, il est venu un soir, à "
                    "vingt-deux heures, avec une lampe.",
                ),
                (
                    _OU_ASSEOIR,
                    "Un abri. Pas un truc fermé, juste un toit avec des bancs, pour quand il "
                    "pleut.",
                ),
                (_OU_ASSEOIR, "Un endroit à nous, mais pas caché."),
                (_OU_NUIT, "Moi je voudrais de la lumière dans le passage."),
                (
                    _OM_GENERATIONS,
                    "Et y a ceux qui nous regardent comme si on allait voler leur sac.",
                ),
                (
                    _OM_GENERATIONS,
                    "Ma grand-mère, elle dit que de son temps, sur la place, y avait le bal et "
                    "tout le monde dansait ensemble.",
                ),
                (_OM_MINE, "Mon arrière-grand-père, il était mineur, il est venu de Pologne."),
                (_OU_CIRCULER, "Ça roule trop vite devant l'école, le matin."),
                (
                    _OU_CIRCULER,
                    "Et le mardi, jour de marché, c'est la guerre pour se garer. Les gens "
                    "klaxonnent, ça crie.",
                ),
                (
                    _OD_MAISON,
                    "Moi j'y suis allée pour les maquettes. On pouvait bouger les arbres, les "
                    "bancs, en vrai petit.",
                ),
                (_OD_MAISON, "Mais les horaires, c'est nul. Elle ferme à dix-huit heures."),
                (
                    _OP_SUIVI,
                    "Mais ils nous ont expliqué pourquoi, au moins. Le bruit, la place qu'il faut. "
                    "D'habitude on nous dit juste non.",
                ),
                (
                    _OM_GENERATIONS,
                    "C'est ça qui est triste. Nous tout seuls on compte pas.",
                ),
                (_OP_MEFIANCE, "Pas juste pour faire la photo pour le journal de la mairie."),
            ),
        },
        {},
    ),
    verbatims=(
        DemoVerbatim(
            0,
            "Mon petit-fils, Théo, il a seize ans, il a nulle part où aller.",
            {"Théo": "[prénom]"},
        ),
        DemoVerbatim(
            0,
            "Alors je fais le tour par la rue Pasteur, c'est plus long mais c'est plat.",
            {"rue Pasteur": "[rue]"},
        ),
        DemoVerbatim(
            2,
            "Le lendemain, Inès a envoyé la photo du lampadaire cassé avec écrit « voilà le "
            "passage de la peur 😬 faut que la mairie vienne voir la nuit, pas la journée ».",
            {"Inès": "[prénom]"},
        ),
    ),
)

# --- assemblee-citoyenne-climat-mel -----------------------------------------------------------
# A proposal starting in 2027: its material comes from the preparatory interviews and the test
# of the invitation letter, in the autumn of 2026.

_ASSEMBLEE_INTERVIEW_1 = _text(
    """
Enquêtrice : Merci de m'accueillir. Comme je vous l’ai dit au téléphone, la Métropole réfléchit
à réunir des habitants tirés au sort pour parler de la rénovation des logements, et on rencontre
des gens avant, pour comprendre. Pour commencer, comment ça se passe chez vous, le chauffage,
l'isolation ?

Mme F. : Ben vous avez vu en entrant, non ? (rires) Le mur de la chambre, là, la moisissure, je
la lave tous les quinze jours à l'eau de Javel et elle revient. Les fenêtres, c'est du simple
vitrage, de 1975 je pense. L'hiver, j'ai mis des couvertures dessus. Et le chauffage, c'est des
convecteurs électriques, alors j'allume le moins possible.

Enquêtrice : Ça représente combien, les factures ?

Mme F. : L'hiver dernier, cent quatre-vingts euros par mois, en mensualisé. Et j'ai eu une
régularisation de trois cents euros en juin. Pour un deux-pièces ! Avec un salaire d'agente
d'entretien, à temps partiel. Alors je fais comme tout le monde, je mets un pull, deux pulls. Le
soir, je suis sous la couette à vingt heures.

Enquêtrice : Votre bailleur vous a parlé de travaux ?

Mme F. : Ça fait six ans qu'ils en parlent. Y a eu une réunion en 2022, dans le hall, avec des
plans. Isolation par l'extérieur, nouvelles fenêtres, VMC. On a signé une pétition, on était
contents. Et puis plus rien. Le gardien dit que c'est le budget. Moi je dis qu'on les intéresse
pas, les vieux immeubles de la rue de Mulhouse.

Enquêtrice : Et les aides, MaPrimeRénov', tout ça, vous en avez entendu parler ?

Mme F. : J'en entends parler surtout par les gens qui m'appellent ! (rires) Trois fois par
semaine, des fois. « Bonjour madame, vous êtes éligible à l'isolation à un euro. » Je suis
locataire, monsieur ! Ma sœur, Josiane, elle est propriétaire à Wattrelos, elle s'est fait
avoir. Ils ont mis de la laine dans les combles, mal posée, et elle a payé quatre mille euros de
reste à charge. Elle a jamais pu les joindre après. Donc maintenant, rénovation, pour moi, c'est
presque un gros mot. Ça sent l'arnaque.

Enquêtrice : Je vais vous présenter l'idée de l'assemblée. Soixante habitants de la métropole,
tirés au sort, qui se réunissent plusieurs week-ends pour faire des propositions à la Métropole
sur la rénovation. Si vous receviez une lettre, vous réagiriez comment ?

Mme F. : Tirés au sort ? Comme le loto ? (rires) Ben… je sais pas. Ma première réaction, ce
serait : pourquoi moi ? Je connais rien à la rénovation énergétique. Les pompes à chaleur, les
DPE, tout ça, c'est du chinois. Y a des ingénieurs pour ça, non ?

Enquêtrice : Et si on vous disait que c'est justement votre expérience de locataire qui
intéresse ?

Mme F. : Là… oui, d'accord. Parce que le froid, je connais. La moisissure, je connais. Les
factures, je connais. Ça, je peux en parler mieux qu'un ingénieur qui habite dans une maison
neuve à Marcq. Mais faudrait qu'on m'explique les trucs techniques avant, sinon je vais pas oser
parler devant des gens qui savent.

Enquêtrice : Qu'est-ce qu'il faudrait pour que vous acceptiez ?

Mme F. : Que ce soit payé, d'abord. Je travaille le samedi matin, des fois, en remplacement. Si
je perds une journée, faut que je la récupère. Et que ce soit pas à l'autre bout de la
métropole. Lille, ça va, y a le métro. Mais si c'est à Villeneuve-d'Ascq dans un endroit où y a
pas de bus, j'y vais pas. Et puis mon petit-fils, je le garde le week-end, des fois. Donc une
garde d'enfants, ou qu'il puisse venir avec moi.

Enquêtrice : Et est-ce que vous auriez confiance dans ce que la Métropole ferait des
propositions ?

Mme F. : La Métropole, c'est qui exactement ? C'est les bus, c'est ça ? Et les poubelles ? Moi
je connais la mairie, je connais le bailleur. La Métropole, je vois pas bien qui c'est, qui
décide. Alors avoir confiance dans quelqu'un qu'on connaît pas… Ils disent qu'ils vont répondre
à chaque proposition. Bon. Répondre, c'est pas faire. Je voudrais savoir ce qu'ils vont faire,
vraiment, et quand.

Enquêtrice : Dernière question : pour vous, la transition écologique, c'est un sujet qui vous
parle ?

Mme F. : Ça me parle, oui. Pour mes petits-enfants, le climat… L'été dernier, on a eu
trente-quatre degrés dans l'appartement, le petit dormait dans la baignoire. Mais ce qui
m'énerve, c'est qu'on nous demande toujours à nous de faire des efforts. Baisser le chauffage,
prendre le vélo, trier. Moi j'ai déjà froid, je prends déjà le bus, j'ai pas de voiture. Les
gens qui prennent l'avion trois fois par an, on leur demande quoi ? Si l'assemblée, c'est pour
nous expliquer qu'il faut baisser le chauffage, je viens pas. Si c'est pour obliger le bailleur
à isoler, là je viens tout de suite.
"""
)

_ASSEMBLEE_INTERVIEW_2 = _text(
    """
Enquêteur : Vous recevez quel public, à l'espace conseil ?

M. O. : Surtout des propriétaires occupants, des maisons individuelles des années cinquante à
soixante-dix, beaucoup de maisons de ville en brique à Roubaix, Tourcoing, Armentières. Des gens
de la classe moyenne, souvent des retraités. Les ménages les plus modestes, on les voit peu, ou
alors trop tard, quand ils ont déjà signé avec une entreprise douteuse.

Enquêteur : Pourquoi trop tard ?

M. O. : Parce que le démarchage va plus vite que nous. Ils appellent, ils passent, ils
promettent. Nous on a un numéro, un site, des permanences. On ne sonne pas aux portes. Quand les
gens arrivent ici avec un devis de vingt-cinq mille euros pour une pompe à chaleur
surdimensionnée, avec un crédit à la consommation, on ne peut plus grand-chose. J'ai eu un
monsieur à Hem le mois dernier, quatre-vingt-deux ans, il avait signé trois devis différents le
même jour.

Enquêteur : Les aides sont-elles compréhensibles, selon vous ?

M. O. : Pour nous, à peine. (rires) Non, je caricature. Mais les règles changent presque tous
les ans. MaPrimeRénov', les certificats d'économie d'énergie, l'éco-prêt à taux zéro, les aides
de la Métropole, celles de certaines communes… Chaque dispositif a ses plafonds, ses conditions,
son calendrier. Et il faut avancer les frais, attendre le versement. Pour un ménage modeste,
avancer dix mille euros, c'est impossible.

Enquêteur : Et les locataires ?

M. O. : C'est le grand angle mort. Un locataire ne peut pas rénover le logement qu'il loue. Il
dépend de son propriétaire, bailleur social ou privé. Et les propriétaires bailleurs privés,
surtout les petits, ils n'ont pas toujours les moyens, ou pas l'envie. La loi interdit de louer
les passoires, progressivement, mais dans les faits beaucoup de locataires n'osent pas demander,
de peur de perdre leur logement.

Enquêteur : Et les copropriétés ?

M. O. : C'est encore un autre monde. Pour isoler une façade, il faut un vote en assemblée
générale, un audit, un maître d'œuvre, des devis, et convaincre des propriétaires qui n'habitent
pas sur place. On accompagne une résidence de Lomme depuis trois ans : l'audit est fait, le
projet est prêt, et chaque année le vote est reporté. Pendant ce temps, les gens du dernier
étage ont froid l'hiver et étouffent l'été.

Enquêteur : Que pensez-vous du projet d'assemblée tirée au sort ?

M. O. : J'étais sceptique au départ. Je me disais : on va demander à des gens qui n'y
connaissent rien de faire des recommandations techniques. Et puis j'ai suivi la Convention
citoyenne pour le climat, en 2020, et je me suis dit que les citoyens, quand on leur donne le
temps et l'information, ils produisent des choses sérieuses. Parfois plus audacieuses que nous.

Enquêteur : Qu'est-ce qu'elle pourrait apporter, concrètement ?

M. O. : Le point de vue des gens qu'on ne voit pas. Les locataires, les jeunes ménages, les gens
qui vivent dans le froid sans rien dire. Nous, on voit ceux qui viennent. Et puis peut-être une
parole forte sur la simplification. Si soixante habitants disent « on ne comprend rien à vos
aides », ça pèse plus qu'un rapport de conseiller.

Enquêteur : Vous voyez des risques ?

M. O. : Deux. Que les gens tirés au sort soient en fait les mêmes que d'habitude, parce que les
autres auront refusé. Et que la Métropole réponde poliment à chaque proposition, sans rien
changer. Si on fait ça, on aura grillé la confiance pour dix ans. Les gens s'en souviennent, de
ce genre de chose.

Enquêteur : Seriez-vous prêt à intervenir devant l'assemblée ?

M. O. : Bien sûr. Mais je voudrais qu'on invite aussi des artisans, des syndics de copropriété,
des locataires qui ont vécu une rénovation. Pas seulement des experts comme moi. Et qu'on laisse
du temps aux questions. Les meilleures questions que j'ai entendues, ce n'étaient jamais des
questions techniques. C'était : « Et moi, concrètement, je commence par quoi ? »
"""
)

_ASSEMBLEE_FOCUS_GROUP = _text(
    """
Animateur : Bonjour à tous, merci d’être venus un samedi matin. Je vous rappelle le principe :
la Métropole réfléchit à une assemblée de soixante habitants tirés au sort sur la rénovation
énergétique des logements. Avant de lancer quoi que ce soit, on veut tester avec vous la lettre
d'invitation et les conditions de participation. Je vous ai distribué le brouillon de la lettre.
Prenez deux minutes pour la lire.

(lecture)

Animateur : Alors, première impression ?

P1 : Honnêtement, si je reçois ça, je le jette. C'est écrit tout petit, y a trois logos en haut,
et le premier paragraphe parle de « la stratégie métropolitaine de transition ». J'ai décroché à
la deuxième ligne.

P2 : Moi j'ai bien aimé la phrase « vous avez été tiré au sort », ça fait quelque chose. On se
sent choisi. Mais après, effectivement, c'est très administratif.

P3 : Et on sait pas ce qu'on y gagne. Enfin, je veux dire, ce qu'on y gagne pour le quartier,
pour soi… Il faut dire à quoi ça sert dès le début.

P4 : Moi ce qui m'a frappée, c'est qu'on parle de six week-ends. Six ! Avant même de dire de
quoi il s'agit. Ça fait peur.

Animateur : Justement, les six week-ends, c'est trop ?

P4 : Pour moi, oui. J'ai trois enfants, une garde alternée, et je bosse un samedi sur deux à
l'hôpital. Six week-ends, c'est trois mois de ma vie à réorganiser.

P5 : Moi je suis retraité, six week-ends ça me va très bien. (rires) Mais je comprends que pour
les actifs ce soit autre chose. C'est pour ça que vous aurez que des retraités, d'ailleurs, si
vous faites pas attention.

P6 : Si c'est payé correctement, on s'organise. Combien c'est, l'indemnité ?

Animateur : Ce n'est pas encore fixé. On parle de quatre-vingts à cent euros par journée.

P6 : Pour un samedi, ça va. Ça paie la nounou et le reste. Mais faut que ce soit versé vite, pas
six mois après comme les remboursements de la Sécu.

P7 : Et les trajets ? Moi j'habite Armentières, si c'est à Villeneuve-d'Ascq, c'est une heure et
quart en transports en commun le samedi.

Animateur : Parlons du tirage au sort lui-même. Qu'est-ce que vous en pensez ?

P2 : Je trouve ça juste. C'est le seul moyen d'avoir des gens qui ne sont pas dans les
associations, dans les partis. Des gens normaux, quoi.

P1 : Des gens normaux, d'accord, mais qui connaissent rien. Moi je connais rien au chauffage.
Qu'est-ce que je vais proposer ? Je vais dire une bêtise devant tout le monde.

P5 : Mais vous vivez dans un logement, non ? Vous avez chaud, vous avez froid, vous payez des
factures. Vous êtes experte de ça. Les ingénieurs, ils vous expliqueront le reste.

P1 : Ouais, peut-être. Si on m'explique vraiment. Pas avec des PowerPoint de quarante pages.

P3 : Moi ce qui me gêne, c'est le hasard. Et si ça tombe sur des gens qui s'en fichent ? Ou qui
sont contre l'écologie ?

P2 : Ben c'est justement ça, la démocratie. Faut convaincre tout le monde, pas seulement ceux
qui sont déjà d'accord.

Animateur : Sur la rénovation, est-ce que vous avez des expériences à partager ?

P7 : Dans ma copropriété, on essaie de voter l'isolation de la façade depuis trois ans. Trois
assemblées générales, trois fois reporté. Attendez, je vous montre le groupe WhatsApp de la
résidence, c'est édifiant. Le voisin du quatrième, Gérard, a écrit juste après la dernière AG :
« Encore reporté… on va geler un hiver de plus 🥶 merci à ceux qui votent toujours contre ». Et
là ça s'est écharpé pendant deux jours sur le groupe.

P5 : Les copropriétés, c'est l'enfer. Y a toujours les propriétaires qui louent et qui veulent
pas payer, et les occupants qui ont froid.

P4 : Moi je suis locataire dans le privé. Mon propriétaire, je l'ai jamais vu. L'agence me dit
que les fenêtres, c'est « à l'étude ». Depuis 2021.

P6 : Et les arnaques ! Ma mère s'est fait démarcher pour des panneaux solaires, le gars est
resté trois heures dans sa cuisine. Elle a signé pour qu'il parte. On a mis des mois à annuler.

P3 : C'est pour ça que les gens n'ont confiance en personne. Quand on entend « rénovation », on
pense « arnaque ».

P2 : Et les aides, c'est un labyrinthe. J'ai passé un week-end entier sur le site pour ma
chaudière. Il fallait un numéro fiscal, un devis signé, un artisan labellisé, et au final on m'a
dit que j'étais au-dessus du plafond de revenus. De quatre-vingts euros ! Quatre-vingts euros
sur l'année !

Animateur : Et la Métropole, vous lui feriez confiance pour donner suite aux propositions ?

P3 : La Métropole, je sais même pas qui c'est. Le président, je saurais pas vous dire son nom.

P5 : C'est eux qui font le tram, le V'Lille, les déchets. Et le logement, un peu, je crois.

P1 : La lettre dit qu'ils vont « répondre publiquement à chaque recommandation ». Répondre, ça
veut dire quoi ? Dire non poliment, c'est répondre aussi.

P2 : Moi ce qui me convaincrait, c'est qu'ils s'engagent sur quelque chose avant. Genre : au
moins la moitié des recommandations seront mises en œuvre. Ou un budget réservé.

P7 : Ou qu'on ait un droit de suivi. Qu'on se revoie un an après, pour voir ce qui a été fait.

Animateur : Et sur le déroulement des week-ends eux-mêmes, qu'est-ce qui vous aiderait ?

P4 : Une garderie sur place. Pas une liste de nounous agréées, une vraie garderie, dans la salle
d'à côté. Là je pourrais venir.

P7 : Des horaires qui tiennent. Si on dit fin à dix-sept heures, c'est dix-sept heures, pas
dix-huit heures trente parce que le débat s'éternise.

P1 : Et qu'on ait les documents avant, en version courte. Deux pages, pas quarante. Avec un
lexique, parce que « DPE », « CEE », « BBC », moi je mélange tout.

P5 : Et du café correct. (rires) Non mais c'est important, l'accueil. Si on est reçus dans une
salle froide avec des chaises en plastique pour parler d'isolation… ce serait un comble.

P6 : Et pouvoir parler en petits groupes, pas seulement en grand. Devant soixante personnes, je
dirai rien, je me connais.

Animateur : Dernier point : la transition écologique, pour vous, c'est une motivation pour
participer ?

P6 : Pour moi, oui. J'ai une fille de huit ans, je pense à elle. Si je peux faire un petit
quelque chose, je le fais.

P4 : Moi c'est plutôt les factures, je vais être honnête. L'écologie, c'est bien, mais ce qui me
fait bouger, c'est les trois cents euros d'électricité en janvier.

P1 : Et puis on nous demande toujours à nous. Éteignez la lumière, baissez le chauffage, prenez
le vélo. Pendant ce temps-là les grosses entreprises, on leur demande rien.

P5 : C'est pour ça que l'assemblée, ça peut être bien. Pour une fois, c'est nous qui demandons
quelque chose aux autres, et pas l'inverse.

Animateur : Merci. Si vous deviez réécrire la première phrase de la lettre ?

P3 : « Vous avez froid chez vous ? Vos factures sont trop chères ? Venez le dire à ceux qui
décident. »

P2 : Ça, je viendrais.
"""
)
_AR = "Rapport à la rénovation"
_AR_FROID = (_AR, "Inconfort et précarité énergétique")
_AR_COUT = (_AR, "Coût et reste à charge")
_AR_AIDES = (_AR, "Complexité des aides")
_AR_ARNAQUES = (_AR, "Démarchage et arnaques")
_AR_BAILLEUR = (_AR, "Dépendance envers le propriétaire")
_AT = "Perception du tirage au sort"
_AT_LEGITIME = (_AT, "Légitimité à participer")
_AT_CONDITIONS = (_AT, "Conditions pour accepter")
_AT_LETTRE = (_AT, "Réception de la lettre d'invitation")
_AM = "Confiance dans la Métropole"
_AM_INCONNUE = (_AM, "Méconnaissance de la Métropole")
_AM_SUITES = (_AM, "Doute sur les suites données")
_AE = "Rapport à la transition"
_AE_INJUSTICE = (_AE, "Injustice dans la répartition des efforts")
_AE_ECOLOGIE = (_AE, "Motivations écologiques")

_ASSEMBLEE = ExperimentMaterial(
    codebook=_codebook(
        [
            (
                _AR,
                "Expériences et représentations de la rénovation énergétique du logement.",
                "#FCC894",
                [
                    (
                        _AR_FROID[1],
                        "Froid, humidité, moisissures, chauffage restreint ou chaleur excessive "
                        "vécus dans le logement.",
                        "#FDD7B3",
                    ),
                    (
                        _AR_COUT[1],
                        "Montant des factures, prix des travaux, reste à charge et avance de "
                        "frais.",
                        "#FDD0A5",
                    ),
                    (
                        _AR_AIDES[1],
                        "Difficulté à comprendre, demander ou obtenir les aides et le vocabulaire "
                        "technique qui les accompagne.",
                        "#FEE2C6",
                    ),
                    (
                        _AR_ARNAQUES[1],
                        "Démarchage téléphonique ou à domicile, fraudes vécues ou redoutées, "
                        "travaux mal faits.",
                        "#FEEAD6",
                    ),
                    (
                        _AR_BAILLEUR[1],
                        "Locataire ou copropriétaire qui ne peut pas décider seul des travaux et "
                        "attend un bailleur, une agence ou un vote.",
                        "#FBC08A",
                    ),
                ],
            ),
            (
                _AT,
                "Réactions à l'idée d'être tiré au sort pour siéger dans l'assemblée.",
                "#A9CCF0",
                [
                    (
                        _AT_LEGITIME[1],
                        "La personne se juge compétente ou non, ose ou non parler, discute la "
                        "justice du hasard.",
                        "#C2DBF5",
                    ),
                    (
                        _AT_CONDITIONS[1],
                        "Indemnisation, durée, horaires, lieu, transport ou garde d'enfants posés "
                        "comme conditions.",
                        "#CFE3F8",
                    ),
                    (
                        _AT_LETTRE[1],
                        "Réactions au brouillon de lettre : forme, vocabulaire, ce qui donne envie "
                        "de répondre ou non.",
                        "#B6D4F3",
                    ),
                ],
            ),
            (
                _AM,
                "Ce que les habitants savent de la Métropole et attendent de ses engagements.",
                "#F4B6C2",
                [
                    (
                        _AM_INCONNUE[1],
                        "La personne ne sait pas ce que fait la Métropole ni qui y décide.",
                        "#F9CCD5",
                    ),
                    (
                        _AM_SUITES[1],
                        "Doute sur les réponses promises aux recommandations, demande "
                        "d'engagements ou de suivi.",
                        "#FBD9E0",
                    ),
                ],
            ),
            (
                _AE,
                "Place de la transition écologique dans les raisons de participer ou non.",
                "#B5E0B5",
                [
                    (
                        _AE_INJUSTICE[1],
                        "Sentiment que les efforts sont toujours demandés aux mêmes, les plus "
                        "modestes, et pas aux autres.",
                        "#CBEACB",
                    ),
                    (
                        _AE_ECOLOGIE[1],
                        "Le climat, l'environnement ou l'avenir des enfants donnés comme raison "
                        "d'agir.",
                        "#D8F0D8",
                    ),
                ],
            ),
        ]
    ),
    sources=(
        DemoSource(
            "interview",
            "Entretien exploratoire avec Mme F., locataire à Roubaix",
            date(2026, 10, 6),
            "Locataire d'un logement social, 52 ans, agente d'entretien à temps partiel. "
            "Entretien préparatoire à son domicile, 50 minutes.",
            _ASSEMBLEE_INTERVIEW_1,
        ),
        DemoSource(
            "interview",
            "Entretien exploratoire avec M. O., conseiller rénovation",
            date(2026, 10, 20),
            "Conseiller d'un espace conseil rénovation de la métropole, 44 ans. Entretien dans "
            "ses locaux, 40 minutes.",
            _ASSEMBLEE_INTERVIEW_2,
        ),
        DemoSource(
            "focus_group",
            "Focus group de test de la lettre d'invitation",
            date(2026, 11, 14),
            "Sept habitants de sept communes de la métropole, un samedi matin dans les locaux "
            "du lab, 1 h 50.",
            _ASSEMBLEE_FOCUS_GROUP,
        ),
    ),
    codings=(
        {
            "a": (
                (
                    _AR_FROID,
                    "Le mur de la chambre, là, la moisissure, je la lave tous les quinze jours à "
                    "l'eau de Javel et elle revient.",
                ),
                (
                    _AR_FROID,
                    "Et le chauffage, c'est des convecteurs électriques, alors j'allume le moins "
                    "possible.",
                ),
                (
                    _AR_COUT,
                    "L'hiver dernier, cent quatre-vingts euros par mois, en mensualisé. Et j'ai eu "
                    "une régularisation de trois cents euros en juin.",
                ),
                (_AR_FROID, "Alors je fais comme tout le monde, je mets un pull, deux pulls."),
                (_AR_BAILLEUR, "Ça fait six ans qu'ils en parlent."),
                (
                    _AR_BAILLEUR,
                    "Moi je dis qu'on les intéresse pas, les vieux immeubles de la rue de "
                    "Mulhouse.",
                ),
                (
                    _AR_ARNAQUES,
                    "« Bonjour madame, vous êtes éligible à l'isolation à un euro. »",
                ),
                (
                    _AR_ARNAQUES,
                    "Ils ont mis de la laine dans les combles, mal posée, et elle a payé quatre "
                    "mille euros de reste à charge.",
                ),
                (
                    _AR_ARNAQUES,
                    "Donc maintenant, rénovation, pour moi, c'est presque un gros mot. Ça sent "
                    "l'arnaque.",
                ),
                (
                    _AT_LEGITIME,
                    "Ma première réaction, ce serait : pourquoi moi ? Je connais rien à la "
                    "rénovation énergétique.",
                ),
                (_AR_AIDES, "Les pompes à chaleur, les DPE, tout ça, c'est du chinois."),
                (
                    _AT_LEGITIME,
                    "Ça, je peux en parler mieux qu'un ingénieur qui habite dans une maison neuve "
                    "à Marcq.",
                ),
                (
                    _AT_LEGITIME,
                    "Mais faudrait qu'on m'explique les trucs techniques avant, sinon je vais pas "
                    "oser parler devant des gens qui savent.",
                ),
                (_AT_CONDITIONS, "Que ce soit payé, d'abord."),
                (
                    _AT_CONDITIONS,
                    "Mais si c'est à Villeneuve-d'Ascq dans un endroit où y a pas de bus, j'y vais "
                    "pas.",
                ),
                (_AT_CONDITIONS, "Donc une garde d'enfants, ou qu'il puisse venir avec moi."),
                (
                    _AM_INCONNUE,
                    "La Métropole, c'est qui exactement ? C'est les bus, c'est ça ? Et les "
                    "poubelles ?",
                ),
                (_AM_SUITES, "Répondre, c'est pas faire."),
                (_AE_ECOLOGIE, "Ça me parle, oui. Pour mes petits-enfants, le climat…"),
                (
                    _AE_INJUSTICE,
                    "Mais ce qui m'énerve, c'est qu'on nous demande toujours à nous de faire des "
                    "efforts.",
                ),
                (
                    _AE_INJUSTICE,
                    "Les gens qui prennent l'avion trois fois par an, on leur demande quoi ?",
                ),
                (
                    _AR_BAILLEUR,
                    "Si c'est pour obliger le bailleur à isoler, là je viens tout de suite.",
                    "Condition de participation formulée en termes de pouvoir réel : à reprendre "
                    "dans la lettre d'invitation.",
                ),
            ),
            "b": (
                (
                    _AR_FROID,
                    "Le mur de la chambre, là, la moisissure, je la lave tous les quinze jours à "
                    "l'eau de Javel et elle revient. Les fenêtres, c'est du simple vitrage, de "
                    "1975 je pense.",
                ),
                (
                    _AR_FROID,
                    "Et le chauffage, c'est des convecteurs électriques, alors j'allume le moins "
                    "possible.",
                ),
                (
                    _AR_COUT,
                    "L'hiver dernier, cent quatre-vingts euros par mois, en mensualisé. Et j'ai eu "
                    "une régularisation de trois cents euros en juin. Pour un deux-pièces !",
                ),
                (
                    _AR_COUT,
                    "Alors je fais comme tout le monde, je mets un pull, deux pulls.",
                ),
                (
                    _AR_BAILLEUR,
                    "Ça fait six ans qu'ils en parlent. Y a eu une réunion en 2022, dans le hall, "
                    "avec des plans.",
                ),
                (
                    _AR_ARNAQUES,
                    "« Bonjour madame, vous êtes éligible à l'isolation à un euro. »",
                ),
                (
                    _AR_ARNAQUES,
                    "Ils ont mis de la laine dans les combles, mal posée, et elle a payé quatre "
                    "mille euros de reste à charge.",
                ),
                (
                    _AR_ARNAQUES,
                    "Donc maintenant, rénovation, pour moi, c'est presque un gros mot. Ça sent "
                    "l'arnaque.",
                ),
                (
                    _AT_LEGITIME,
                    "Ma première réaction, ce serait : pourquoi moi ? Je connais rien à la "
                    "rénovation énergétique.",
                ),
                (
                    _AT_LEGITIME,
                    "Les pompes à chaleur, les DPE, tout ça, c'est du chinois. Y a des ingénieurs "
                    "pour ça, non ?",
                ),
                (
                    _AT_LEGITIME,
                    "Parce que le froid, je connais. La moisissure, je connais. Les factures, je "
                    "connais.",
                ),
                (
                    _AT_LEGITIME,
                    "Mais faudrait qu'on m'explique les trucs techniques avant, sinon je vais pas "
                    "oser parler devant des gens qui savent.",
                ),
                (_AT_CONDITIONS, "Que ce soit payé, d'abord."),
                (
                    _AT_CONDITIONS,
                    "Mais si c'est à Villeneuve-d'Ascq dans un endroit où y a pas de bus, j'y vais "
                    "pas.",
                ),
                (
                    _AM_INCONNUE,
                    "La Métropole, c'est qui exactement ? C'est les bus, c'est ça ? Et les "
                    "poubelles ?",
                ),
                (
                    _AM_SUITES,
                    "Ils disent qu'ils vont répondre à chaque proposition. Bon. Répondre, c'est "
                    "pas faire.",
                ),
                (
                    _AR_FROID,
                    "L'été dernier, on a eu trente-quatre degrés dans l'appartement, le petit "
                    "dormait dans la baignoire.",
                ),
                (
                    _AE_INJUSTICE,
                    "Mais ce qui m'énerve, c'est qu'on nous demande toujours à nous de faire des "
                    "efforts.",
                ),
                (
                    _AE_INJUSTICE,
                    "Moi j'ai déjà froid, je prends déjà le bus, j'ai pas de voiture.",
                ),
                (
                    _AE_INJUSTICE,
                    "Si l'assemblée, c'est pour nous expliquer qu'il faut baisser le chauffage, je "
                    "viens pas.",
                ),
            ),
        },
        {
            "a": (
                (_AR_ARNAQUES, "Parce que le démarchage va plus vite que nous."),
                (
                    _AR_ARNAQUES,
                    "il avait signé trois devis différents le même jour",
                ),
                (_AR_AIDES, "Mais les règles changent presque tous les ans."),
                (
                    _AR_COUT,
                    "Pour un ménage modeste, avancer dix mille euros, c'est impossible.",
                ),
                (
                    _AR_BAILLEUR,
                    "C'est le grand angle mort. Un locataire ne peut pas rénover le logement qu'il "
                    "loue.",
                    "Les locataires, absents des permanences : à viser dans les quotas du tirage.",
                ),
            ),
        },
        {
            "a": (
                (
                    _AT_LETTRE,
                    "Honnêtement, si je reçois ça, je le jette. C'est écrit tout petit, y a trois "
                    "logos en haut",
                ),
                (
                    _AT_LETTRE,
                    "Moi j'ai bien aimé la phrase « vous avez été tiré au sort », ça fait quelque "
                    "chose. On se sent choisi.",
                ),
                (_AT_LETTRE, "Il faut dire à quoi ça sert dès le début."),
                (
                    _AT_CONDITIONS,
                    "J'ai trois enfants, une garde alternée, et je bosse un samedi sur deux à "
                    "l'hôpital.",
                ),
                (
                    _AT_CONDITIONS,
                    "C'est pour ça que vous aurez que des retraités, d'ailleurs, si vous faites "
                    "pas attention.",
                ),
                (
                    _AT_CONDITIONS,
                    "Mais faut que ce soit versé vite, pas six mois après comme les remboursements "
                    "de la Sécu.",
                ),
                (
                    _AT_CONDITIONS,
                    "Moi j'habite Armentières, si c'est à Villeneuve-d'Ascq, c'est une heure et "
                    "quart en transports en commun le samedi.",
                ),
                (
                    _AT_LEGITIME,
                    "Je trouve ça juste. C'est le seul moyen d'avoir des gens qui ne sont pas dans "
                    "les associations, dans les partis.",
                ),
                (
                    _AT_LEGITIME,
                    "Qu'est-ce que je vais proposer ? Je vais dire une bêtise devant tout le "
                    "monde.",
                ),
                (_AT_LEGITIME, "Vous êtes experte de ça."),
                (
                    _AT_LEGITIME,
                    "Et si ça tombe sur des gens qui s'en fichent ? Ou qui sont contre l'écologie "
                    "?",
                ),
                (
                    _AR_BAILLEUR,
                    "« Encore reporté… on va geler un hiver de plus 🥶 merci à ceux qui votent "
                    "toujours contre »",
                ),
                (_AR_BAILLEUR, "Mon propriétaire, je l'ai jamais vu."),
                (_AR_ARNAQUES, "Elle a signé pour qu'il parte."),
                (_AR_ARNAQUES, "Quand on entend « rénovation », on pense « arnaque »."),
                (_AR_AIDES, "Et les aides, c'est un labyrinthe."),
                (_AM_INCONNUE, "La Métropole, je sais même pas qui c'est."),
                (_AM_SUITES, "Dire non poliment, c'est répondre aussi."),
                (_AM_SUITES, "Qu'on se revoie un an après, pour voir ce qui a été fait."),
                (_AT_CONDITIONS, "Une garderie sur place."),
                (_AE_ECOLOGIE, "J'ai une fille de huit ans, je pense à elle."),
                (
                    _AR_COUT,
                    "ce qui me fait bouger, c'est les trois cents euros d'électricité en janvier",
                ),
                (
                    _AE_INJUSTICE,
                    "Pendant ce temps-là les grosses entreprises, on leur demande rien.",
                ),
            ),
            "b": (
                (
                    _AT_LETTRE,
                    "Honnêtement, si je reçois ça, je le jette. C'est écrit tout petit, y a trois "
                    "logos en haut, et le premier paragraphe parle de « la stratégie "
                    "métropolitaine de transition ». J'ai décroché à la deuxième ligne.",
                ),
                (
                    _AT_LEGITIME,
                    "Moi j'ai bien aimé la phrase « vous avez été tiré au sort », ça fait quelque "
                    "chose. On se sent choisi.",
                ),
                (_AT_LETTRE, "Il faut dire à quoi ça sert dès le début."),
                (
                    _AT_LETTRE,
                    "Moi ce qui m'a frappée, c'est qu'on parle de six week-ends. Six !",
                ),
                (
                    _AT_CONDITIONS,
                    "J'ai trois enfants, une garde alternée, et je bosse un samedi sur deux à "
                    "l'hôpital.",
                ),
                (
                    _AT_CONDITIONS,
                    "Mais faut que ce soit versé vite, pas six mois après comme les remboursements "
                    "de la Sécu.",
                ),
                (
                    _AT_CONDITIONS,
                    "Moi j'habite Armentières, si c'est à Villeneuve-d'Ascq, c'est une heure et "
                    "quart en transports en commun le samedi.",
                ),
                (
                    _AT_LEGITIME,
                    "Je trouve ça juste. C'est le seul moyen d'avoir des gens qui ne sont pas dans "
                    "les associations, dans les partis.",
                ),
                (
                    _AT_LEGITIME,
                    "Des gens normaux, d'accord, mais qui connaissent rien. Moi je connais rien au "
                    "chauffage.",
                ),
                (
                    _AT_LEGITIME,
                    "Qu'est-ce que je vais proposer ? Je vais dire une bêtise devant tout le "
                    "monde.",
                ),
                (
                    _AT_LEGITIME,
                    "Et si ça tombe sur des gens qui s'en fichent ? Ou qui sont contre l'écologie "
                    "?",
                ),
                (
                    _AR_BAILLEUR,
                    "Dans ma copropriété, on essaie de voter l'isolation de la façade depuis trois "
                    "ans.",
                ),
                (
                    _AR_FROID,
                    "« Encore reporté… on va geler un hiver de plus 🥶 merci à ceux qui votent "
                    "toujours contre »",
                ),
                (_AR_BAILLEUR, "Mon propriétaire, je l'ai jamais vu."),
                (
                    _AR_ARNAQUES,
                    "Ma mère s'est fait démarcher pour des panneaux solaires, le gars est resté "
                    "trois heures dans sa cuisine. Elle a signé pour qu'il parte.",
                ),
                (_AR_ARNAQUES, "Quand on entend « rénovation », on pense « arnaque »."),
                (_AR_AIDES, "Et les aides, c'est un labyrinthe."),
                (
                    _AM_INCONNUE,
                    "La Métropole, je sais même pas qui c'est. Le président, je saurais pas vous "
                    "dire son nom.",
                ),
                (_AM_SUITES, "Dire non poliment, c'est répondre aussi."),
                (
                    _AM_SUITES,
                    "Genre : au moins la moitié des recommandations seront mises en œuvre.",
                ),
                (_AT_CONDITIONS, "Une garderie sur place."),
                (_AE_ECOLOGIE, "J'ai une fille de huit ans, je pense à elle."),
                (
                    _AE_INJUSTICE,
                    "Et puis on nous demande toujours à nous. Éteignez la lumière, baissez le "
                    "chauffage, prenez le vélo.",
                ),
            ),
        },
    ),
    verbatims=(
        DemoVerbatim(
            0,
            "Ma sœur, Josiane, elle est propriétaire à Wattrelos, elle s'est fait avoir.",
            {"Josiane": "[prénom]", "Wattrelos": "[commune]"},
        ),
        DemoVerbatim(
            0,
            "Moi je dis qu'on les intéresse pas, les vieux immeubles de la rue de Mulhouse.",
            {"rue de Mulhouse": "[rue]"},
        ),
        DemoVerbatim(
            2,
            "Le voisin du quatrième, Gérard, a écrit juste après la dernière AG : « Encore "
            "reporté… on va geler un hiver de plus 🥶 merci à ceux qui votent toujours contre ».",
            {"Gérard": "[prénom]"},
        ),
    ),
)

# --- all experiments -------------------------------------------------------------------------

MATERIAL: dict[str, ExperimentMaterial] = {
    "conseils-de-quartier-lille": _CONSEILS,
    "engagement-citoyen-hauts-de-france": _ENGAGEMENT,
    "participation-espace-public-oignies": _OIGNIES,
    "assemblee-citoyenne-climat-mel": _ASSEMBLEE,
}

# --- open answers ----------------------------------------------------------------------------
# Answers to the demo questionnaires' open questions. Each kind of question has latent themes,
# each theme its own vocabulary; an answer is composed from an opening, a core sentence of its
# theme, sometimes a detail, a second theme and a closing, then roughened like typed answers
# (missing accents, no capital, a typo, SMS style), so that thousands of answers are varied yet
# fall into recognisable clusters.


@dataclass(frozen=True)
class _Theme:
    label: str
    weight: float
    cores: tuple[str, ...]  # complete sentences carrying the theme's vocabulary
    details: tuple[str, ...]  # a second sentence on the same theme
    shorts: tuple[str, ...]  # terse answers, typed fast (five words or more)
    terse: bool = False  # answers of this theme never run long


@dataclass(frozen=True)
class _Kind:
    themes: tuple[_Theme, ...]
    openings: tuple[str, ...]  # a sentence, or a beginning ending with ", ", ": " or "que "
    links: tuple[str, ...]  # before a second theme
    closings: tuple[str, ...]
    reflections: tuple[str, ...]  # last sentences of long answers


def _lines(block: str) -> tuple[str, ...]:
    """The non-blank lines of `block`, stripped: one fragment a line."""
    return tuple(line.strip() for line in block.splitlines() if line.strip())


def _prefixes(block: str) -> tuple[str, ...]:
    """Beginnings of sentences, one a line, each followed by a space."""
    return tuple(line + " " for line in _lines(block))


_POURQUOI = _Kind(
    themes=(
        _Theme(
            "Manque de temps",
            1.4,
            _lines("""
                Je n'ai tout simplement pas le temps avec mon travail.
                Avec mon travail en horaires décalés, je n'ai pas le temps le soir.
                Entre le travail et les trajets, il ne me reste plus de temps.
                Mon travail me prend tout mon temps, je fais des journées de dix heures.
                Je rentre du travail vers 19h30 et {reunions} commencent avant.
                J'ai repris un travail à temps plein, impossible de trouver le temps.
                Avec deux boulots, je n'ai plus de temps libre pour ça.
                Malheureusement {reunions} tombent toujours sur mes heures de travail.
            """),
            _lines("""
                Je finis rarement le travail avant 19h.
                Le peu de temps libre qui me reste, je le garde pour me reposer.
                Je suis aussi en formation le soir après le travail.
                Mon planning de travail change chaque semaine.
            """),
            _lines("""
                pas le temps avec le travail
                trop de travail, pas le temps
                je travaille tard le soir désolé
                horaires de travail pas compatibles du tout
            """),
        ),
        _Theme(
            "Contraintes familiales",
            1.1,
            _lines("""
                Je suis seule avec mes trois enfants, pas de garde le soir.
                Je n'ai personne pour garder les enfants pendant {reunions}.
                Le soir c'est l'heure des devoirs, du bain et du repas des enfants.
                Je garde mes petits-enfants et je m'occupe aussi de ma mère âgée.
                La garde des enfants coûte trop cher pour une soirée.
                Avec un bébé et deux enfants en bas âge, ce n'est pas possible en ce moment.
                Mon mari est absent la semaine donc je garde les enfants seule le soir.
            """),
            _lines("""
                S'il y avait une garde d'enfants sur place, je viendrais.
                La nounou ne garde pas les enfants après 18h.
                Les enfants passent avant tout.
            """),
            _lines("""
                pas de garde pour les enfants
                les enfants le soir c'est compliqué
                maman solo et pas de garde
                je garde mes petits enfants le soir
            """),
        ),
        _Theme(
            "Sentiment que tout est décidé d'avance",
            1.2,
            _lines("""
                J'ai le sentiment que tout est décidé d'avance et qu'on nous consulte pour la forme.
                Les élus ont déjà décidé, on sert juste de caution.
                C'est une concertation alibi, le projet était déjà décidé et ficelé.
                On nous présente des décisions prises d'avance, on n'a rien à dire dessus.
                Quand je pose une question, la réponse est déjà écrite, tout est décidé ailleurs.
                Les vrais choix sont décidés d'avance dans les bureaux de la mairie.
                On nous demande notre avis une fois que tout est déjà décidé.
            """),
            _lines("""
                Je ne veux pas servir de faire-valoir à des décisions prises d'avance.
                C'est de la démocratie de façade, tout est décidé.
                Ils cochent la case participation et c'est tout.
            """),
            _lines("""
                tout est deja decidé de toute facon
                c'est pour la forme, tout est décidé
                tout est décidé d'avance comme d'hab
                concertation bidon, tout était décidé avant
            """),
        ),
        _Theme(
            "Aucun résultat visible",
            1.2,
            _lines("""
                Nos propositions ne donnent aucun résultat concret, rien ne change dans le quartier.
                J'ai participé deux ans et je n'ai vu aucun résultat concret.
                On ne voit jamais le résultat de nos idées, rien ne change.
                Les projets votés ne sont toujours pas réalisés, aucun résultat, ça décourage.
                On attend encore les travaux promis il y a un an, rien de concret.
                À quoi bon donner son avis si rien ne change ensuite ?
                Beaucoup de paroles mais aucun résultat concret sur le terrain.
            """),
            _lines("""
                Les bancs promis ne sont jamais arrivés, rien n'a changé.
                Sans résultat visible on se lasse.
                Des résultats concrets me donneraient envie de revenir.
            """),
            _lines("""
                aucun résultat donc j'ai arrêté
                rien ne change alors à quoi bon
                jamais de résultat concret, j'arrête
                que des promesses, zéro résultat concret
            """),
        ),
        _Theme(
            "Ne se sent pas à sa place",
            1.0,
            _lines("""
                Je ne me sens pas à ma place, je n'ose pas parler en public.
                Les autres ont fait des études, moi je n'ose pas prendre la parole.
                Je ne connais rien aux dossiers, je n'ose pas parler de peur de dire des bêtises.
                Le vocabulaire est trop compliqué, je ne me sens pas à ma place.
                Je pense que ce n'est pas ma place, c'est pour des gens qui savent parler.
                Je suis intimidée, je n'ose pas parler devant les élus et les techniciens.
                Mon français n'est pas assez bon pour parler en public.
            """),
            _lines("""
                On se sent jugé quand on ose parler.
                Je ne me sens pas légitime à côté des habitués.
                Je préfère laisser parler ceux qui savent.
            """),
            _lines("""
                pas à ma place dans ces réunions
                j'ose pas parler devant tout le monde
                c'est pas ma place, je sais pas parler
                trop compliqué pour moi, j'ose rien dire
            """),
        ),
        _Theme(
            "Ambiance et conflits",
            0.8,
            _lines("""
                C'est toujours les mêmes qui monopolisent la parole, l'ambiance est pesante.
                L'ambiance est tendue, les gens se coupent et se disputent.
                Il y a des clans et des disputes entre anciens et nouveaux, mauvaise ambiance.
                Les disputes entre voisins prennent toute la place dans les discussions.
                Certains participants sont agressifs, l'ambiance ne donne pas envie de revenir.
                On perd des heures à écouter toujours les mêmes râler et se disputer.
            """),
            _lines("""
                L'animation devrait calmer les disputes.
                J'en suis ressorti énervé par l'ambiance plusieurs fois.
                Ça tourne au règlement de comptes.
            """),
            _lines("""
                toujours les mêmes qui parlent, ras le bol
                ambiance pourrie, beaucoup trop de disputes
                trop de disputes, mauvaise ambiance
            """),
        ),
        _Theme(
            "Déménagement ou santé",
            0.6,
            _lines("""
                J'ai déménagé dans une autre ville l'an dernier.
                Pour des raisons de santé je ne peux plus me déplacer le soir.
                J'ai des soucis de santé, j'ai été opéré et je suis en convalescence.
                J'ai déménagé à la rentrée à cause d'une mutation.
                Avec mon handicap et ma santé, la salle n'est pas accessible.
                Ma santé ne me permet plus de sortir beaucoup, je suis malade depuis des mois.
            """),
            _lines("""
                Je reviendrai peut-être quand ma santé ira mieux.
                Sans ce déménagement j'aurais continué avec plaisir.
            """),
            _lines("""
                j'ai déménagé, je ne suis plus concerné
                problèmes de santé en ce moment désolée
                déménagé hors du quartier depuis janvier
            """),
        ),
        _Theme(
            "Manque d'information",
            0.9,
            _lines("""
                Je n'ai jamais été informé des dates, je l'apprends après coup.
                Je n'ai pas reçu l'invitation, ou alors elle s'est perdue dans mes mails.
                L'invitation est arrivée trop tard, la réunion était déjà passée.
                Personne ne m'a informé, je ne savais pas où ni quand ça se passait.
                L'information ne circule pas, à part sur Facebook et je n'y suis pas.
                Je n'étais même pas au courant que {demarche} existait.
            """),
            _lines("""
                Une affiche d'information dans le hall suffirait.
                Un SMS de rappel avec l'invitation m'aurait aidé.
                Ma voisine non plus n'était pas au courant.
            """),
            _lines("""
                pas au courant des dates, pas informé
                jamais reçu d'invitation ni de rappel
                pas au courant que ça existait
            """),
        ),
    ),
    openings=_prefixes("""
        Honnêtement,
        Pour être franc,
        Franchement,
        En fait,
        Principalement parce que
        Tout simplement parce que
        Je dirais que
        Pour ma part,
        La raison principale :
        Pas facile à dire.
        Bonjour.
        Bah
        Surtout parce que
    """),
    links=_prefixes("""
        Et puis
        En plus,
        Il faut dire aussi que
        À ça s'ajoute que
        Et aussi,
        D'autre part,
        Sans compter que
    """),
    closings=_lines("""
        Dommage.
        Voilà.
        C'est dommage.
        Peut-être plus tard.
        Je reviendrai peut-être un jour.
        Désolé.
        Voilà pourquoi.
        C'est tout.
        Merci de demander quand même.
    """),
    reflections=_lines("""
        Pourtant je crois à l'idée de faire participer les habitants, mais pas comme ça.
        Si les choses évoluent, je serais prêt à revenir, l'intention est bonne.
        Je pense que je ne suis pas le seul dans ce cas, il faudrait en tenir compte.
        Il faudrait repenser l'organisation pour que des gens comme moi puissent venir.
        J'ai essayé de bonne foi, mais au bout d'un moment on se décourage.
    """),
)

_PRIORIT = _Kind(
    themes=(
        _Theme(
            "Transports et mobilité",
            1.4,
            _lines("""
                Plus de bus et de trains le soir, surtout pour rentrer des grandes villes.
                Le train est trop cher et souvent en retard, les transports c'est galère.
                Dans les villages il n'y a aucun bus, sans transports en commun on est bloqués.
                Un abonnement de transports gratuit pour les moins de 26 ans, bus et train.
                Le dernier bus passe à 20h, après on ne peut plus rentrer chez soi.
                Améliorer les lignes de bus entre les petites communes et les gares.
                Des trains et des bus plus fréquents le week-end pour pouvoir sortir.
            """),
            _lines("""
                Moi je mets une heure et demie en bus pour aller en cours.
                Les correspondances entre bus et train ne sont jamais coordonnées.
                Sans transports on n'accède à rien.
            """),
            _lines("""
                des bus le soir svp merci
                trains et bus moins chers pour nous
                plus de bus dans les villages
                le TER toujours en retard, à améliorer
            """),
        ),
        _Theme(
            "Permis de conduire",
            1.0,
            _lines("""
                Aider à financer le permis de conduire, ça coûte plus de 1500 euros.
                Le permis de conduire est indispensable ici mais l'auto-école est hors de prix.
                Des heures de conduite moins chères et des places d'examen du permis plus rapides.
                Une aide au permis de conduire pour tous, pas seulement certains.
                Passer le code et le permis de conduire gratuitement au lycée.
                Sans permis on ne trouve rien, et sans argent pas de permis.
            """),
            _lines("""
                L'attente pour une date d'examen du permis est de plusieurs mois.
                Mes parents ne peuvent pas me payer l'auto-école.
                J'ai déjà raté le permis une fois, il faut tout repayer.
            """),
            _lines("""
                financer le permis de conduire svp
                le permis trop cher pour nous
                aide au permis pour tout le monde
                auto école et permis hors de prix
            """),
        ),
        _Theme(
            "Emploi et apprentissage",
            1.3,
            _lines("""
                Trouver un stage ou une alternance est très difficile quand on n'a pas de réseau.
                Plus d'offres d'emploi et d'apprentissage près de chez nous, pas seulement à Lille.
                Aider à décrocher un premier emploi stable.
                Les entreprises demandent de l'expérience, mais comment en avoir sans emploi ?
                Des contrats d'alternance dans les métiers qui recrutent vraiment.
                Accompagner ceux qui n'ont pas de diplôme vers un vrai emploi.
                Créer des emplois et des stages dans les petites villes.
            """),
            _lines("""
                J'ai envoyé plus de cinquante candidatures sans réponse.
                Les missions locales sont débordées.
                Beaucoup de mes amis sont sans emploi depuis la fin du lycée.
            """),
            _lines("""
                du travail et des stages svp
                plus de stages et d'alternances
                trouver un emploi c'est galère
                des patrons qui embauchent en alternance
            """),
        ),
        _Theme(
            "Logement",
            1.0,
            _lines("""
                Des logements abordables pour ceux qui veulent quitter le domicile de leurs parents.
                Les loyers sont trop chers pour un étudiant ou un apprenti.
                Plus de résidences étudiantes et de logements pour les jeunes travailleurs.
                Pour un logement on demande des garants et des cautions impossibles à fournir.
                Trouver un logement quand on a un petit salaire est presque impossible.
                Des colocations aidées ou des studios à loyer raisonnable.
            """),
            _lines("""
                J'ai 24 ans et je vis toujours chez ma mère faute de logement.
                Les propriétaires préfèrent louer aux CDI.
                Une grosse partie de mon salaire part dans le loyer.
            """),
            _lines("""
                des loyers moins chers pour nous
                un logement abordable pour commencer
                studios et logements abordables pour étudiants
                pouvoir enfin avoir mon logement
            """),
        ),
        _Theme(
            "Santé mentale",
            0.9,
            _lines("""
                La santé mentale, beaucoup vont mal et n'osent pas en parler.
                Il faut des psy accessibles et gratuits, l'attente est de plusieurs mois.
                Des points d'écoute psy pour ceux qui vont mal : anxiété, déprime, harcèlement.
                Le stress, l'anxiété et l'isolement sont devenus énormes depuis le covid.
                Former les professeurs à repérer le mal-être et les problèmes de santé mentale.
                Prendre au sérieux le harcèlement et l'anxiété chez les ados.
            """),
            _lines("""
                Plusieurs de mes amis sont suivis par un psy, ou devraient l'être.
                Le CMP a une liste d'attente de six mois.
                On se sent seuls face à l'anxiété.
            """),
            _lines("""
                la santé mentale, vraiment une priorité
                plus de psy gratuits pour nous
                aider ceux qui vont mal, la santé mentale
                stress et anxiété partout autour de moi
            """),
        ),
        _Theme(
            "Lieux de loisirs et de rencontre",
            1.1,
            _lines("""
                Des lieux pour se retrouver le soir sans dépenser d'argent.
                Plus d'activités de loisirs sportives et culturelles gratuites.
                Il n'y a aucune activité le week-end dans nos villages, aucun lieu pour se voir.
                Des salles de concert, de sport ou des maisons des jeunes ouvertes tard.
                Un lieu chauffé où on peut se poser entre amis sans se faire virer.
                Organiser des festivals et des activités de loisirs dans les petites villes.
            """),
            _lines("""
                Sinon on traîne dehors et on se fait mal voir.
                Le stade et la médiathèque ferment trop tôt.
                Les loisirs et les activités sont trop chers pour beaucoup de familles.
            """),
            _lines("""
                des lieux pour se retrouver le soir
                plus d'activités et de loisirs gratuits
                aucune activité ici le soir
                un lieu pour se poser entre potes
            """),
        ),
        _Theme(
            "Orientation et études",
            0.9,
            _lines("""
                Mieux accompagner l'orientation au lycée, on choisit ses études sans savoir.
                Parcoursup est stressant et on n'a aucune aide pour l'orientation.
                Des bourses d'études plus élevées pour ne pas avoir à travailler à côté.
                Ouvrir des formations et des études supérieures près de chez nous.
                Faire découvrir les métiers et les formations dès le collège.
                Plus de conseillers d'orientation, on en voit un seul dans toutes ses études.
            """),
            _lines("""
                Je me suis trompée d'orientation et j'ai perdu un an d'études.
                La fac la plus proche est à une heure de route.
                Les informations sur les formations sont introuvables.
            """),
            _lines("""
                aide pour l'orientation et parcoursup svp
                des bourses d'études plus importantes svp
                des formations et des études plus près
                conseillers d'orientation qui nous écoutent vraiment
            """),
        ),
        _Theme(
            "Climat et environnement",
            0.7,
            _lines("""
                Agir pour le climat et l'environnement, c'est notre avenir qui est en jeu.
                Protéger l'environnement, planter des arbres et réduire la pollution.
                Développer les pistes cyclables et les énergies renouvelables pour le climat.
                Lutter contre la pollution de l'air près des autoroutes et des usines.
                Préparer la région au changement climatique, aux canicules et aux inondations.
                Plus d'écologie et de climat dans les décisions, pas seulement des discours.
            """),
            _lines("""
                Les étés deviennent insupportables avec le climat qui change.
                On parle beaucoup d'environnement mais on voit peu d'actions.
                Le climat est le sujet qui inquiète le plus ma génération.
            """),
            _lines("""
                le climat et l'écologie avant tout
                moins de pollution et plus d'environnement
                protéger l'environnement dans la région
                agir vraiment pour le climat maintenant
            """),
        ),
    ),
    openings=_prefixes("""
        Pour moi,
        Selon moi,
        À mon avis,
        Clairement,
        Avant tout,
        La priorité :
        Le plus important :
        Franchement,
        En tant que jeune,
        Bonne question.
        Je dirais :
    """),
    links=_prefixes("""
        Ensuite :
        Et aussi :
        Deuxième priorité :
        Autre chose :
        Sans oublier :
    """),
    closings=_lines("""
        Merci.
        Voilà.
        C'est urgent.
        Merci de nous demander.
        C'est la base.
        Voilà mes priorités.
        Merci de nous écouter.
    """),
    reflections=_lines("""
        Les jeunes des Hauts-de-France se sentent oubliés, surtout loin des grandes villes.
        Si la Région agit là-dessus, beaucoup retrouveront confiance.
        On nous demande souvent notre avis, j'espère que cette fois ce sera suivi d'effets.
        Tout est lié au final : sans ça on ne peut pas construire sa vie ici.
        Beaucoup de mes amis pensent à partir de la région à cause de ça.
    """),
)

_IDEE = _Kind(
    themes=(
        _Theme(
            "Ombre et végétation",
            1.3,
            _lines("""
                Planter des arbres pour avoir de l'ombre l'été, la place est une fournaise.
                Plus de verdure et d'arbres à la place du béton.
                Des arbres et une pelouse pour avoir de la verdure et de l'ombre.
                Végétaliser la place avec des arbres, aujourd'hui c'est du goudron partout.
                Créer un petit jardin avec de la verdure et des arbres au milieu de la place.
                Des grands arbres comme avant, et des fleurs pour la verdure.
            """),
            _lines("""
                En juillet on cuit au soleil, il manque de l'ombre.
                Des arbres rafraîchiraient tout le quartier.
                Un peu de verdure ferait du bien.
            """),
            _lines("""
                des arbres et de l'ombre svp
                plus de verdure et moins de béton
                planter des arbres sur la place
                des fleurs et des arbres partout
            """),
        ),
        _Theme(
            "Bancs et lieux pour s'asseoir",
            1.1,
            _lines("""
                Remettre des bancs, les personnes âgées n'ont nulle part où s'asseoir.
                Des bancs avec dossier et accoudoirs pour s'asseoir.
                Installer des bancs et des tables pour s'asseoir à plusieurs.
                Quelques bancs pour pouvoir s'asseoir en faisant ses courses.
                Des bancs pour s'asseoir et discuter entre voisins.
                Il faudrait des bancs confortables tout autour de la place.
            """),
            _lines("""
                Les bancs ont été retirés il y a des années.
                Avec mes jambes, je dois pouvoir m'asseoir souvent.
                Des bancs recréeraient de la convivialité.
            """),
            _lines("""
                remettre des bancs pour les anciens
                des bancs, il n'y en a plus
                des bancs pour s'asseoir svp
                bancs et tables pour s'asseoir
            """),
        ),
        _Theme(
            "Jeux pour enfants",
            1.1,
            _lines("""
                Une aire de jeux pour les enfants, avec toboggan et balançoires.
                Des jeux pour les petits enfants pendant que les parents font les courses.
                Un espace de jeux sécurisé pour les enfants avec un sol souple et une clôture.
                Il n'y a rien pour les enfants sur la place, il faudrait des jeux.
                Des jeux d'eau pour l'été, les enfants adoreraient.
                Un coin de jeux pour les enfants, visible depuis les terrasses.
            """),
            _lines("""
                L'aire de jeux la plus proche est trop loin à pied.
                Ma fille de quatre ans s'ennuie, il n'y a pas de jeux.
                Les jeux doivent être protégés de la route pour les enfants.
            """),
            _lines("""
                des jeux pour les enfants svp
                une aire de jeux pour les petits
                toboggan et balançoires pour les enfants
                rien pour les enfants ici, dommage
            """),
        ),
        _Theme(
            "Stationnement et circulation",
            1.2,
            _lines("""
                Garder des places de parking, sinon les commerces vont mourir.
                Les voitures roulent trop vite, il faut des ralentisseurs et un passage piéton.
                Limiter les voitures sur la place le jour du marché.
                Organiser le stationnement, aujourd'hui les voitures se garent n'importe comment.
                Des trottoirs sans voitures garées dessus, pour les poussettes et les fauteuils.
                Interdire les voitures le dimanche et rendre la place aux piétons.
                Un parking plus grand derrière la place pour libérer le centre des voitures.
            """),
            _lines("""
                Devant la pharmacie le stationnement est infernal.
                Les potelets bloquent les poussettes mais pas les voitures.
                Il y a souvent des voitures en double file.
            """),
            _lines("""
                plus de places de parking svp
                les voitures roulent beaucoup trop vite
                moins de voitures sur la place
                garder le stationnement pour les commerces
            """),
        ),
        _Theme(
            "Propreté et toilettes",
            0.8,
            _lines("""
                Installer des toilettes publiques, surtout les jours de marché.
                Plus de poubelles et un nettoyage régulier pour une place propre.
                Des poubelles de tri et des sacs pour les déjections canines.
                La place est sale, il faut plus de poubelles et la nettoyer.
                Des toilettes gratuites et propres, pour les anciens et les familles.
                Lutter contre les dépôts sauvages autour des poubelles.
            """),
            _lines("""
                Il y a des papiers partout faute de poubelles.
                Il n'y a qu'une seule poubelle pour toute la place.
                Sans toilettes, les gens font n'importe où.
            """),
            _lines("""
                des toilettes publiques svp merci
                plus de poubelles sur la place
                place sale, il faut nettoyer
                toilettes et poubelles en priorité absolue
            """),
        ),
        _Theme(
            "Animations et marché",
            1.0,
            _lines("""
                Un kiosque pour des concerts et des bals l'été.
                Agrandir le marché et organiser des fêtes avec les commerçants.
                Organiser des fêtes, des brocantes et des marchés de Noël.
                Une guinguette pour des concerts et des fêtes l'été.
                Des animations et des fêtes régulières pour faire revivre la place.
                Un marché le week-end avec des producteurs et des animations.
            """),
            _lines("""
                Avant, il y avait le bal et des fêtes, tout le monde venait.
                La place est morte en dehors du marché.
                Des concerts feraient venir les gens des communes voisines.
            """),
            _lines("""
                un kiosque pour les concerts l'été
                des fêtes et des brocantes svp
                faire revivre la place avec des animations
                plus de fêtes et de concerts svp
            """),
        ),
        _Theme(
            "Éclairage et sécurité",
            1.0,
            _lines("""
                Un meilleur éclairage la nuit, on ne voit rien en traversant la place.
                Réparer les lampadaires et mettre de la lumière dans le passage vers la cité.
                Des caméras, de l'éclairage et plus de passages de la police la nuit.
                Éclairer les coins sombres pour que les femmes se sentent en sécurité la nuit.
                La place fait peur la nuit, il faut plus de lumière.
                Un éclairage doux mais suffisant, surtout près de l'arrêt de bus.
            """),
            _lines("""
                La nuit je fais un détour pour éviter le passage.
                Le lampadaire près du monument est cassé, aucune lumière.
                Sans lumière, les personnes âgées ne sortent plus l'hiver.
            """),
            _lines("""
                plus de lumière la nuit svp
                réparer les lampadaires de la place
                éclairer le passage vers la cité
                on a peur la nuit ici
            """),
        ),
        _Theme(
            "Espace pour les jeunes",
            0.9,
            _lines("""
                Un skatepark ou un city stade pour les ados.
                Un endroit pour les jeunes, avec un abri et du wifi, pas caché derrière la salle.
                Des équipements sportifs en accès libre pour les ados et les jeunes.
                Un coin pour les jeunes où ils ne sont pas chassés.
                Un skatepark, une table de ping-pong et des agrès de street workout.
                Un abri pour les ados avec des prises pour recharger les téléphones.
            """),
            _lines("""
                Les jeunes n'ont nulle part où aller à Oignies.
                Le stade est trop loin pour les ados.
                Sinon les jeunes restent sur le muret de la boulangerie.
            """),
            _lines("""
                un skatepark pour les jeunes svp
                un city stade pour les ados
                un coin pour les jeunes avec wifi
                du sport en accès libre pour les ados
            """),
        ),
    ),
    openings=_prefixes("""
        Mon idée :
        Idée :
        Pour la place :
        Proposition :
        Je propose :
        Selon moi :
        Alors,
        Plusieurs idées.
        Merci de demander.
        En priorité :
        Moi je dirais :
    """),
    links=_prefixes("""
        Et aussi :
        Ensuite,
        Autre idée :
        Et puis
        Sans oublier :
        En plus :
    """),
    closings=_lines("""
        Merci.
        Ce serait super.
        Merci pour la démarche.
        Ce serait un bon début.
        Voilà.
        Pour tout le monde.
        Merci d'avance.
    """),
    reflections=_lines("""
        La place devrait redevenir le cœur de la ville, comme à l'époque de la mine.
        Il faut penser à toutes les générations.
        Si on fait ça, les gens reviendront sur la place au lieu d'aller au supermarché.
        J'espère que nos idées seront vraiment prises en compte cette fois.
        C'est notre place, on aimerait en être fiers.
    """),
)

_COMMENT = _Kind(
    themes=(
        _Theme(
            "Remerciements et encouragements",
            1.3,
            _lines("""
                Merci de nous demander notre avis, c'est une très bonne initiative.
                Bravo pour cette initiative, il faut continuer.
                Enfin on écoute les habitants, merci et bravo à l'équipe.
                Merci, j'ai apprécié l'accueil et l'initiative d'aller vers les gens.
                Très bonne initiative, merci, j'espère qu'il y en aura d'autres.
                Merci aux animateurs, très à l'écoute et sympathiques.
                Bravo, ça change des réunions où personne ne vient.
                Merci de prendre enfin le temps de demander aux habitants.
            """),
            _lines("""
                J'en ai parlé autour de moi, bravo.
                Ça fait plaisir, merci.
                Je participerai à nouveau avec plaisir.
            """),
            _lines("""
                merci, bonne initiative à continuer
                bravo continuez comme ça merci
                très bien, merci à vous
                super initiative, merci beaucoup à l'équipe
            """),
        ),
        _Theme(
            "Attente de retours sur les suites",
            1.3,
            _lines("""
                On aimerait un retour sur ce que deviennent nos propositions.
                J'espère qu'il y aura un vrai retour sur les suites données.
                Il faudrait publier les résultats et dire quelles suites seront données.
                Donner un retour aux participants, même quand la réponse est non.
                Le plus important sera de voir des résultats concrets et un retour rapide.
                Donnez-nous des nouvelles des suites, sinon les gens ne reviendront pas.
                J'attends surtout un retour sur les idées retenues et leurs suites.
            """),
            _lines("""
                La dernière fois on n'a jamais eu de retour.
                Un calendrier des suites serait bienvenu.
                Un mail de retour sur les résultats suffirait.
            """),
            _lines("""
                on veut un retour sur les suites
                un retour sur les résultats svp
                et après, quelles suites ?
                j'attends un retour et des résultats concrets
            """),
        ),
        _Theme(
            "Horaires et accessibilité",
            1.0,
            _lines("""
                Les horaires ne conviennent pas à ceux qui travaillent.
                Organiser des rencontres le samedi, les horaires en soirée sont difficiles.
                Le lieu n'est pas accessible en transport en commun ni en fauteuil.
                Prévoir une garde d'enfants et des horaires adaptés pendant {reunions}.
                Des horaires plus courts, deux heures maximum ce serait mieux.
                Il faudrait un lieu plus accessible, dans les quartiers.
                Pensez à ceux qui ne peuvent pas se déplacer le soir, changez les horaires.
            """),
            _lines("""
                Beaucoup de gens finissent le travail à 18h.
                Pour les personnes âgées, le soir ce n'est pas accessible.
                Un minibus rendrait le lieu accessible.
            """),
            _lines("""
                horaires pas adaptés aux gens qui travaillent
                faites ça le samedi svp merci
                horaires trop tard le soir pour moi
                lieu pas accessible sans voiture
            """),
        ),
        _Theme(
            "Communication insuffisante",
            1.0,
            _lines("""
                Il faudrait mieux informer le quartier, peu de gens sont au courant.
                Plus d'affiches d'information dans les commerces et les halls d'immeubles.
                J'ai découvert {demarche} par hasard, faute d'information.
                Informer sur les réseaux sociaux et dans le journal municipal.
                Les informations arrivent trop tard, on n'est pas au courant à temps.
                Mieux informer les habitants qui n'ont pas internet.
            """),
            _lines("""
                Mes voisins n'étaient pas au courant.
                Un flyer d'information dans les boîtes aux lettres suffirait.
                Les personnes âgées sont oubliées par l'information.
            """),
            _lines("""
                pas assez d'information dans le quartier
                personne n'est au courant autour de moi
                informez plus sur facebook
                plus d'affiches dans les commerces svp
            """),
        ),
        _Theme(
            "Scepticisme sur la démarche",
            1.0,
            _lines("""
                J'ai peur que ce soit encore une opération de séduction avant les élections.
                Beaucoup de belles paroles, je n'y crois pas trop.
                Je reste méfiant, les élus nous ont déjà fait le coup plusieurs fois.
                C'est de la poudre aux yeux tant que les élus décident seuls.
                Je doute que nos avis pèsent vraiment face aux élus.
                Ça ressemble à de la poudre aux yeux pour se donner bonne conscience.
            """),
            _lines("""
                Je jugerai sur les actes des élus.
                Je reste méfiant.
                Je ne suis pas le seul à ne pas y croire.
            """),
            _lines("""
                encore de la poudre aux yeux tout ça
                on verra bien, j'y crois pas trop
                les élus font ce qu'ils veulent de toute façon
                méfiant, déjà vu ce genre de chose
            """),
        ),
        _Theme(
            "Questionnaire trop long ou compliqué",
            0.8,
            _lines("""
                Le questionnaire est beaucoup trop long, j'ai failli abandonner.
                Certaines questions sont compliquées, avec des mots que je ne comprends pas.
                Trop de questions qui se ressemblent, le questionnaire est répétitif.
                Il manque une case « je ne sais pas » pour plusieurs questions.
                Les questions sur les revenus sont trop personnelles.
                Le questionnaire bugue sur téléphone, j'ai dû recommencer.
            """),
            _lines("""
                Il faudrait un questionnaire de cinq minutes maximum.
                Les questions sont trop administratives.
                Un questionnaire en plusieurs langues serait utile.
            """),
            _lines("""
                questionnaire beaucoup trop long franchement
                trop de questions, j'ai failli arrêter
                des questions pas claires du tout
                le questionnaire bugue sur le téléphone
            """),
        ),
        _Theme(
            "Rien à ajouter",
            0.8,
            _lines("""
                Rien à ajouter de particulier pour le moment.
                Pas de commentaire particulier, tout était clair.
                Je n'ai rien d'autre à ajouter, merci.
                Rien de spécial à signaler de mon côté.
                Aucun commentaire supplémentaire, bonne continuation.
                Pas d'autre commentaire, j'ai tout dit plus haut.
                Rien à redire, c'était bien organisé.
                Rien à ajouter pour ma part.
            """),
            _lines("""
                Bonne journée.
                Cordialement.
                À bientôt.
            """),
            _lines("""
                rien à ajouter pour moi
                ras, rien de plus à dire
                pas de commentaire, merci bien
                non rien à signaler merci
            """),
            terse=True,
        ),
    ),
    openings=_prefixes("""
        Bonjour,
        Juste un mot :
        Remarque :
        Pour finir,
        Dans l'ensemble,
        Globalement,
        Franchement,
        Personnellement,
        Bonjour.
        Pour ma part,
        Sinon,
        Honnêtement,
        Mon avis :
    """),
    links=_prefixes("""
        Par contre,
        En revanche,
        Et aussi,
        Autre remarque :
        Petit bémol :
        Cela dit,
    """),
    closings=_lines("""
        Merci.
        Bonne continuation.
        Cordialement.
        Bon courage à l'équipe.
        Voilà.
        Merci de votre travail.
    """),
    reflections=_lines("""
        La participation des habitants est une bonne chose si elle est prise au sérieux.
        J'espère que ce retour sera utile pour améliorer les prochaines fois.
        C'est avec ce genre de démarche qu'on redonnera confiance aux gens.
        Il faut que ce soit utile à tous et pas seulement à ceux qui parlent le plus fort.
    """),
)

_KINDS: dict[str, _Kind] = {
    "pourquoi": _POURQUOI,
    "priorit": _PRIORIT,
    "idee": _IDEE,
    "comment": _COMMENT,
}

OPEN_ANSWER_THEMES: dict[str, tuple[str, ...]] = {
    kind: tuple(theme.label for theme in spec.themes) for kind, spec in _KINDS.items()
}

# What a demo experiment's answers call its meetings and its process.
_CONTEXTS: dict[str | None, dict[str, str]] = {
    None: {"reunions": "les réunions", "demarche": "cette démarche"},
    "conseils-de-quartier-lille": {
        "reunions": "les séances du conseil",
        "demarche": "le conseil de quartier",
    },
    "engagement-citoyen-hauts-de-france": {
        "reunions": "les rencontres",
        "demarche": "la consultation",
    },
    "participation-espace-public-oignies": {
        "reunions": "les ateliers",
        "demarche": "la maison mobile",
    },
    "assemblee-citoyenne-climat-mel": {
        "reunions": "les séances de l'assemblée",
        "demarche": "l'assemblée citoyenne",
    },
}

_SMS = {
    "pour": "pr",
    "toujours": "tjrs",
    "beaucoup": "bcp",
    "quand": "qd",
    "vraiment": "vrmt",
    "jamais": "jms",
    "avec": "avc",
    "même": "mm",
    "c'est": "c",
}
_VOWELS = "aeiouéèêàâîôû"
MIN_WORDS, MAX_WORDS = 5, 60


def open_answer(kind: str, rng: random.Random, slug: str | None = None) -> str:
    """A believable French answer to an open question of `kind` ("pourquoi", "priorit",
    "idee" or "comment"), worded for the experiment `slug` when given."""
    return labelled_open_answer(kind, rng, slug)[0]


def labelled_open_answer(kind: str, rng: random.Random, slug: str | None = None) -> tuple[str, str]:
    """(answer, label of its main latent theme), drawn with `rng` only: the same seed gives
    the same answers."""
    try:
        spec = _KINDS[kind]
    except KeyError:
        raise ValueError(
            f"unknown kind of open answer: {kind!r} (one of {sorted(_KINDS)})"
        ) from None
    context = _CONTEXTS.get(slug, _CONTEXTS[None])
    theme = rng.choices(spec.themes, weights=[t.weight for t in spec.themes])[0]
    for _ in range(20):
        text = _compose(spec, theme, rng, context)
        if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
            return text, theme.label
    return theme.cores[0].format_map(context), theme.label


def _compose(spec: _Kind, theme: _Theme, rng: random.Random, context: dict[str, str]) -> str:
    style = rng.random()
    if style < (0.3 if theme.terse else 0.12):
        return _texted(rng.choice(theme.shorts), rng)
    parts = [rng.choice(theme.cores)]
    opening = rng.choice(spec.openings) if rng.random() < 0.45 else ""
    if opening and _bare(opening) not in parts[0].lower():  # not "Pour ma part, … pour ma part"
        parts[0] = _after(opening, parts[0])
    if not theme.terse and rng.random() < 0.4:
        parts.append(rng.choice(theme.details))
    if not theme.terse and style > 0.84:  # a long answer: a second theme and a reflection
        others = [t for t in spec.themes if t is not theme and not t.terse]
        parts.append(_after(rng.choice(spec.links), rng.choice(rng.choice(others).cores)))
        if rng.random() < 0.7:
            parts.append(rng.choice(spec.reflections))
    closing = rng.choice(spec.closings) if rng.random() < 0.35 else ""
    if closing and _bare(closing) not in parts[-1].lower():  # not "…, merci. Merci."
        parts.append(closing)
    return _roughened(" ".join(parts).format_map(context), rng)


def _bare(fragment: str) -> str:
    return fragment.strip(" ,:.!?").lower()


def _after(prefix: str, sentence: str) -> str:
    """`sentence` after `prefix`: a new sentence keeps its capital, a continued one loses it
    (and "que" elides before a vowel)."""
    if prefix.endswith((". ", "! ", "? ")):
        return prefix + sentence
    if not sentence[1:2].isupper():  # not an acronym such as "TER"
        sentence = sentence[0].lower() + sentence[1:]
    if prefix.endswith("que ") and sentence[0] in _VOWELS:
        return prefix[:-2] + "'" + sentence
    return prefix + sentence


def _texted(text: str, rng: random.Random) -> str:
    """A short answer typed on a phone: abbreviations, accents dropped, loose punctuation."""
    words = text.split()
    if rng.random() < 0.4:
        words = [_SMS.get(w, w) for w in words]
    text = " ".join(words)
    if rng.random() < 0.5:
        text = _without_accents(text)
    if rng.random() < 0.25:
        text = rng.choice(("bah ", "perso ", "franchement ", "alors ")) + text
    if rng.random() < 0.2:
        text = text[0].upper() + text[1:]
    return text + rng.choice(("", "", "", ".", "!", " !!", "...", " merci", " voila"))


def _roughened(text: str, rng: random.Random) -> str:
    """Typed answers are not proofread: some lose their accents, capital or final stop, a few
    carry a typo."""
    if rng.random() < 0.1:
        text = _without_accents(text)
    if rng.random() < 0.12:
        text = text[0].lower() + text[1:]
    if rng.random() < 0.06:
        text = _typo(text, rng)
    ending = rng.random()
    if ending < 0.1 and text.endswith("."):
        text = text[:-1]
    elif ending < 0.14 and text.endswith("."):
        text = text[:-1] + " !!"
    return text


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def _typo(text: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped in one longer word."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)
