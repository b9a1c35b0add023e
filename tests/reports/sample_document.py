"""A rich report built by hand, for the renderers' tests: real charts, French text, a photo."""

import functools
from datetime import date
from io import BytesIO

from PIL import Image, ImageDraw

from civiclab.reports.document import (
    BudgetSummary,
    Chart,
    Document,
    IndicatorCard,
    Look,
    Milestone,
    Photo,
    Quote,
    SourceNote,
    Table,
    Text,
    Timeline,
)
from civiclab.stats import charts

NNBSP = "\u202f"  # what French formatting puts before % and between thousands

CHAIN = (
    "H1. Le tirage au sort élargit le cercle des habitants qui participent",
    "Impact : les habitants se sentent entendus par la mairie",
    "Sentiment d’être écouté",
)
NOTE = SourceNote(
    text=(
        "Question « Avez-vous le sentiment d’être écouté·e par la mairie ? » · n = 412 · "
        "vague « après », 12/10/2026 · pondéré (calage sur l’âge et le sexe)"
    ),
    chain=CHAIN,
)
EMOJI_QUOTE = "On a enfin été écoutés, et franchement ça fait du bien 😊 !"
LONG_QUOTE = " ".join(
    [
        "Au début je ne voulais pas venir, je pensais que c’était encore une réunion où tout",
        "était décidé d’avance, comme d’habitude.",
        "Et puis on m’a expliqué que j’avais été tirée au sort, que ma voix comptait autant que",
        "celle de l’adjoint ; je me suis dit qu’il fallait au moins essayer.",
        "La première séance a été difficile : on ne se connaissait pas, certains parlaient",
        "beaucoup, d’autres pas du tout.",
        "Les animateurs ont fait des petits groupes, et là tout a changé, chacun a pu dire ce",
        "qu’il vivait dans le quartier : les poubelles, l’éclairage de la rue des Postes, les",
        "jeunes qui n’ont nulle part où aller le soir, le bus qui ne passe plus après 21 heures.",
        "On a travaillé pendant six samedis, on a rencontré des techniciens de la métropole, on",
        "a visité le chantier de la médiathèque.",
        "À la fin, on a rédigé nos propositions nous-mêmes, avec nos mots, et le maire est venu",
        "les écouter une par une. Trois ont déjà été votées au conseil municipal.",
        "Je ne sais pas si tout sera fait, mais pour la première fois j’ai eu l’impression",
        "qu’on nous prenait au sérieux, et j’ai envie de continuer, de m’engager dans le conseil",
        "citoyen l’an prochain, et d’en parler à mes voisins qui n’y croient plus.",
    ]
)
NEIGHBOURHOODS = (
    "Bois-Blancs",
    "Centre",
    "Faubourg de Béthune",
    "Fives",
    "Hellemmes",
    "Lille-Moulins",
    "Lille-Sud",
    "Lomme",
    "Saint-Maurice Pellevoisin",
    "Vauban-Esquermes",
    "Wazemmes",
    "Vieux-Lille",
)


def percent(value: float) -> str:
    return f"{round(value * 100)}{NNBSP}%"


def chart(title: str, spec: dict, note: SourceNote = NOTE) -> Chart:
    png = charts.to_png(spec, "fr")
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    return Chart(title, spec, png, width, height, alt=spec["description"], note=note)


def priorities_chart() -> Chart:
    shares = (0.64, 0.51, 0.47, 0.33, 0.28, 0.12)
    labels = (
        "Propreté des rues",
        "Sécurité le soir",
        "Transports en commun",
        "Espaces verts",
        "Équipements pour les jeunes",
        "Autre",
    )
    bars = [
        charts.Bar(label, share, share - 0.05, share + 0.05, 412)
        for label, share in zip(labels, shares, strict=True)
    ]
    spec = charts.bars_with_intervals(
        bars,
        description="Part des habitants citant chaque priorité, la propreté en tête (64 %).",
        value_title="Part des habitants",
    )
    return chart("Les priorités des habitants", spec)


def breakdown_chart() -> Chart:
    bars = []
    for label, base in (("Oui, tout à fait", 0.22), ("Plutôt oui", 0.31), ("Plutôt non", 0.27)):
        for group, shift in (("Participants", 0.08), ("Non-participants", -0.05)):
            value = base + shift
            bars.append(charts.Bar(label, value, value - 0.06, value + 0.06, 200, group))
    spec = charts.bars_with_intervals(
        bars,
        description="Réponses des participants et des non-participants, côte à côte.",
        value_title="Part des répondants",
    )
    note = SourceNote("Question « Faites-vous confiance au conseil municipal ? » · n = 398")
    return chart("Confiance envers le conseil municipal, selon la participation", spec, note)


def trend_chart() -> Chart:
    points = [
        charts.Point("avant", 0.30, 0.25, 0.35, 380),
        charts.Point("pendant", 0.36, 0.31, 0.41, 356),
        charts.Point("après", 0.42, 0.35, 0.49, 412),
    ]
    spec = charts.trend(
        points,
        description="Sentiment d’être écouté : de 30 % avant l’assemblée à 42 % après.",
        value_title="Part des habitants",
        baseline=0.30,
        target=0.50,
        baseline_label="valeur de référence",
        target_label="objectif",
    )
    return chart("Évolution par vague", spec)


def logo_png() -> bytes:
    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 110, 110), fill="#0B5CAD")
    draw.rectangle((130, 40, 340, 80), fill="#12314F")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def photo_jpeg(width: int = 1200, height: int = 800) -> bytes:
    image = Image.new("RGB", (width, height), "#d9c7a8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill="#8a6d4b")
    for i in range(8):
        x = 80 + i * (width - 160) // 7
        draw.ellipse((x - 40, height // 2 - 40, x + 40, height // 2 + 40), fill="#3d5a80")
        draw.rectangle((x - 45, height // 2 + 40, x + 45, height * 2 // 3 + 60), fill="#293241")
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def participation_table(rows: int = 12) -> Table:
    lines = []
    for i in range(rows):
        name = NEIGHBOURHOODS[i % len(NEIGHBOURHOODS)]
        invited = 1000 + 137 * i
        present = 40 + 7 * i
        lines.append(
            (
                name if i < len(NEIGHBOURHOODS) else f"{name} ({i // len(NEIGHBOURHOODS) + 1})",
                f"{invited // 1000}{NNBSP}{invited % 1000:03d}",
                str(present),
                f"{present / invited * 100:.1f}".replace(".", ",") + f"{NNBSP}%",
            )
        )
    return Table(
        "Participation par quartier",
        ("Quartier", "Habitants invités", "Présents", "Taux de présence"),
        tuple(lines),
        note=SourceNote("Listes d’émargement des six séances · n = 1 042 invitations"),
    )


@functools.cache
def sample_document(look: Look | None = None) -> Document:
    """Every kind of block, with the awkward cases: a long quote, an emoji, a 12-row table."""
    look = look or Look(lab_name="Labo des possibles", logo_png=logo_png())
    card = IndicatorCard(
        title="Part des habitants qui se sentent écoutés",
        value=percent(0.42),
        interval=f"{percent(0.35)} à {percent(0.49)}",
        n=412,
        wave="vague « après »",
        baseline=percent(0.30),
        target=percent(0.50),
        change="+12 points depuis la vague « avant » (de 30 % à 42 %), objectif non atteint.",
        warnings=("Moins de 30 réponses chez les 18-24 ans : à lire avec prudence.",),
        chart=trend_chart(),
        note=NOTE,
    )
    bare_card = IndicatorCard(
        title="Propositions de l’assemblée reprises par le conseil municipal",
        value="3",
        baseline="0",
        target="5",
        change="Trois propositions sur douze ont été votées.",
        note=SourceNote("Délibérations du conseil municipal, 2026", chain=CHAIN[:2]),
    )
    photo = Photo(
        photo_jpeg(),
        1200,
        800,
        caption="Séance plénière du 14 novembre à la maison de quartier Kennedy",
        credit="Photo : Labo des possibles",
        alt="Huit habitants assis côte à côte face à la salle.",
    )
    timeline = Timeline(
        "Calendrier de l’assemblée",
        (
            Milestone("15/01/2026", "Tirage au sort des 60 membres", "fait"),
            Milestone("07/03/2026", "Première séance : se connaître, choisir les thèmes", "fait"),
            Milestone("11/04/2026", "Rencontre avec les services de la métropole", "fait"),
            Milestone("16/05/2026", "Rédaction des propositions", "en retard"),
            Milestone("20/06/2026", "Remise des propositions au maire", "prévu"),
            Milestone("12/12/2026", "COPIL de bilan", "prévu"),
        ),
    )
    budget = BudgetSummary(
        "Budget de l’expérimentation",
        ("Ligne", "Prévu", "Engagé", "Payé"),
        (
            ("Animation des séances", f"18{NNBSP}000 €", f"12{NNBSP}400 €", f"9{NNBSP}300 €"),
            (
                "Indemnisation des participants",
                f"9{NNBSP}000 €",
                f"6{NNBSP}750 €",
                f"6{NNBSP}750 €",
            ),
            ("Location de salles", f"2{NNBSP}400 €", f"1{NNBSP}200 €", "800 €"),
            ("Évaluation", f"6{NNBSP}000 €", f"2{NNBSP}000 €", "0 €"),
            ("Communication", f"1{NNBSP}600 €", "900 €", "450 €"),
        ),
        ("Total", f"37{NNBSP}000 €", f"23{NNBSP}250 €", f"17{NNBSP}300 €"),
        consumed=f"63{NNBSP}% du budget engagé, 47{NNBSP}% payé",
    )
    text = Text(
        "Ce que nous avons appris",
        (
            "L’assemblée a réuni 48 habitants tirés au sort sur six samedis ; 41 sont venus "
            "jusqu’au bout.",
            "Les participants se sentent davantage écoutés qu’avant (« on nous prend enfin au "
            "sérieux »), mais l’objectif de 50 % n’est pas encore atteint.",
            "Trois propositions sur douze ont déjà été votées ; les autres attendent l’avis "
            "des services.",
        ),
    )
    return Document(
        title="Assemblée citoyenne de Lille-Sud : bilan à mi-parcours",
        subtitle="Assemblée tirée au sort · Lille-Sud (Nord)",
        made_on=date(2026, 12, 12),
        look=look,
        blocks=(
            text,
            card,
            bare_card,
            priorities_chart(),
            breakdown_chart(),
            participation_table(),
            Quote(EMOJI_QUOTE, "Participante, 34 ans", "Entretien avec Mme R., 11/06/2026"),
            Quote(LONG_QUOTE, "Participante, 52 ans", "Entretien avec Mme B., 02/07/2026"),
            photo,
            timeline,
            budget,
        ),
        audience="Comité de pilotage (COPIL)",
        footer="Document de travail — ne pas diffuser",
    )
