"""Demo gallery of an experiment: illustrations drawn with Pillow (no photo is downloaded or
copied), with French captions and a mix of image-rights statuses, and one short video."""

import io
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import reportlab
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from civiclab.experiments.models import Experiment
from civiclab.gallery import services
from civiclab.gallery.models import MediaItem
from civiclab.gallery.webm import tiny_webm

W, H = 1600, 1067
Consent = MediaItem.Consent
Colour = tuple[int, int, int]

SKIN = [(241, 194, 160), (224, 172, 130), (198, 134, 94), (141, 85, 54), (92, 58, 40)]
CLOTHES = [
    (200, 62, 62),
    (40, 96, 160),
    (46, 139, 87),
    (235, 170, 40),
    (120, 80, 160),
    (60, 60, 70),
    (230, 120, 60),
    (30, 150, 160),
    (180, 180, 190),
]
HAIR = [(40, 30, 25), (90, 60, 30), (200, 170, 90), (150, 150, 150), (20, 20, 20)]
POSTIT = [(255, 236, 110), (255, 170, 190), (160, 220, 250), (170, 230, 150), (255, 200, 120)]


# --- Drawing helpers ------------------------------------------------------------------------


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(image: Image.Image, box, top: Colour, bottom: Colour) -> None:
    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(image)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=_mix(top, bottom, (y - y0) / max(1, y1 - y0 - 1)))


# Bitstream Vera ships inside the ReportLab wheel (as for our PDFs): accents and « » with no
# system font; Pillow's built-in font has no accents.
_FONT_FILE = Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"


def _font(size: int):
    try:
        return ImageFont.truetype(str(_FONT_FILE), size)
    except OSError:
        return ImageFont.load_default(size=size)


def _person(draw, rng, x: int, feet: int, height: int, *, back: bool = False, arm=None) -> None:
    """A simple silhouette standing at (x, feet), `height` pixels tall."""
    head = height * 0.16
    body_top = feet - height + head * 2
    shirt = rng.choice(CLOTHES)
    trousers = _mix(rng.choice(CLOTHES), (30, 30, 40), 0.5)
    width = height * 0.28
    draw.rounded_rectangle(
        (x - width * 0.38, feet - height * 0.45, x + width * 0.38, feet), radius=6, fill=trousers
    )
    draw.rounded_rectangle(
        (x - width / 2, body_top, x + width / 2, feet - height * 0.38),
        radius=int(width / 3),
        fill=shirt,
    )
    if arm == "up":
        draw.line(
            [(x + width / 2 - 4, body_top + 10), (x + width * 0.9, body_top - head * 1.2)],
            fill=shirt,
            width=max(4, int(width / 5)),
        )
    skin = rng.choice(SKIN)
    centre_y = body_top - head * 0.9
    draw.ellipse((x - head, centre_y - head, x + head, centre_y + head), fill=skin)
    hair = rng.choice(HAIR)
    if back:
        draw.ellipse((x - head, centre_y - head, x + head, centre_y + head * 0.9), fill=hair)
    else:
        draw.chord(
            (x - head, centre_y - head, x + head, centre_y + head * 0.6), 180, 360, fill=hair
        )


def _seated(draw, rng, x: int, y: int, size: int) -> None:
    """Head and shoulders of someone seated, seen from behind (audience, table)."""
    draw.rounded_rectangle(
        (x - size, y, x + size, y + size * 1.6), radius=size // 2, fill=rng.choice(CLOTHES)
    )
    draw.ellipse(
        (x - size * 0.55, y - size * 1.05, x + size * 0.55, y + size * 0.05), fill=rng.choice(HAIR)
    )


def _building(draw, rng, x: int, ground: int, width: int, height: int) -> None:
    wall = rng.choice([(222, 205, 180), (200, 180, 160), (235, 225, 210), (190, 150, 120)])
    draw.rectangle((x, ground - height, x + width, ground), fill=wall)
    draw.polygon(
        [
            (x - 6, ground - height),
            (x + width + 6, ground - height),
            (x + width, ground - height - 24),
            (x, ground - height - 24),
        ],
        fill=(120, 110, 110),
    )
    glass = (150, 180, 200)
    for wy in range(ground - height + 30, ground - 70, 70):
        for wx in range(x + 18, x + width - 30, 54):
            draw.rectangle((wx, wy, wx + 26, wy + 38), fill=glass, outline=(90, 90, 90))
    door = x + width // 2
    draw.rectangle((door - 18, ground - 64, door + 18, ground), fill=(110, 70, 50))


def _tree(draw, x: int, ground: int, size: int, green: Colour = (70, 140, 70)) -> None:
    draw.rectangle((x - size * 0.08, ground - size, x + size * 0.08, ground), fill=(110, 80, 50))
    for dx, dy, r in ((0, -1.15, 0.5), (-0.35, -0.9, 0.38), (0.35, -0.9, 0.38)):
        cx, cy, radius = x + dx * size, ground + dy * size, r * size
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=green)


def _postit(image: Image.Image, rng, x: int, y: int, size: int) -> None:
    note = Image.new("RGBA", (size, size), (*rng.choice(POSTIT), 255))
    draw = ImageDraw.Draw(note)
    for line in range(3):
        top = size * (0.25 + 0.2 * line)
        draw.line(
            [(size * 0.15, top), (size * rng.uniform(0.5, 0.85), top)], fill=(70, 70, 90), width=3
        )
    note = note.rotate(rng.uniform(-8, 8), expand=True, resample=Image.Resampling.BICUBIC)
    image.paste(note, (x, y), note)


def _label(image: Image.Image, text: str) -> None:
    """A small caption in the corner: these are illustrations, not photos of real people."""
    draw = ImageDraw.Draw(image)
    font = _font(26)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x, y = 24, H - (bottom - top) - 44
    draw.rounded_rectangle(
        (x - 12, y - 10, x + right - left + 12, y + bottom - top + 14), radius=8, fill=(18, 49, 79)
    )
    draw.text((x - left, y - top), text, font=font, fill=(255, 255, 255))


# --- Scenes -----------------------------------------------------------------------------------


def _workshop(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 640), (246, 236, 214), (232, 216, 190))
    _gradient(image, (0, 640, W, H), (176, 132, 96), (140, 100, 70))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 90, 560, 380), fill=(250, 250, 250), outline=(150, 150, 150), width=4)
    for i in range(6):
        draw.line(
            [(150, 130 + i * 40), (rng.randint(330, 520), 130 + i * 40)],
            fill=(40, 90, 160),
            width=5,
        )
    for row in range(3):
        for col in range(5):
            _postit(image, rng, 760 + col * 120 + rng.randint(-8, 8), 90 + row * 115, 90)
    for x in range(220, 1420, 240):
        _seated(draw, rng, x + rng.randint(-20, 20), 560, 46)
    draw.ellipse((140, 640, 1460, 980), fill=(120, 82, 50))
    draw.ellipse((160, 650, 1440, 960), fill=(150, 105, 66))
    for _ in range(9):
        px, py = rng.randint(300, 1250), rng.randint(700, 880)
        draw.rectangle((px, py, px + 110, py + 70), fill=(255, 255, 255), outline=(200, 200, 200))
    for x in (240, 560, 1040, 1360):
        _seated(draw, rng, x, 930, 60)
    return image


def _market(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 700), (120, 180, 235), (205, 230, 250))
    _gradient(image, (0, 700, W, H), (170, 170, 165), (130, 130, 128))
    draw = ImageDraw.Draw(image)
    x = -20
    while x < W:
        width = rng.randint(200, 300)
        _building(draw, rng, x, 700, width, rng.randint(380, 560))
        x += width + 10
    stripes = [(200, 50, 50), (250, 250, 250)]
    for i in range(10):
        draw.polygon(
            [
                (300 + i * 100, 430),
                (400 + i * 100, 430),
                (410 + i * 100, 520),
                (290 + i * 100, 520),
            ],
            fill=stripes[i % 2],
        )
    draw.rectangle((320, 520, 1280, 760), fill=(150, 110, 70))
    draw.rectangle((300, 740, 1300, 800), fill=(120, 85, 55))
    for crate in range(6):
        cx = 360 + crate * 155
        draw.rectangle(
            (cx, 660, cx + 130, 745), fill=(190, 150, 100), outline=(110, 80, 50), width=3
        )
        fruit = rng.choice([(230, 60, 50), (250, 160, 30), (120, 180, 60), (140, 60, 140)])
        for fx in range(5):
            for fy in range(2):
                draw.ellipse(
                    (cx + 8 + fx * 24, 630 + fy * 22, cx + 34 + fx * 24, 656 + fy * 22), fill=fruit
                )
    _person(draw, rng, 800, 640, 260)
    for x in (180, 1420, 1520, 90):
        _person(draw, rng, x + rng.randint(-20, 20), 1000, rng.randint(400, 470))
    draw.rectangle((1040, 540, 1300, 610), fill=(255, 255, 255), outline=(60, 60, 60), width=3)
    draw.text((1068, 556), "Votre avis ?", font=_font(34), fill=(18, 49, 79))
    return image


def _walk(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 560), (160, 200, 240), (230, 240, 250))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, H), (W, H), (900, 560), (700, 560)], fill=(120, 120, 125))
    draw.polygon([(0, 560), (700, 560), (0, H)], fill=(190, 185, 175))
    draw.polygon([(900, 560), (W, 560), (W, H)], fill=(190, 185, 175))
    for i, (x, height) in enumerate(((-40, 520), (160, 420), (360, 330), (520, 260))):
        _building(draw, rng, x, 560 + (3 - i) * 10, 200, height)
    for i, (x, height) in enumerate(((930, 260), (1060, 330), (1220, 420), (1400, 520))):
        _building(draw, rng, x, 560 + i * 10, 200, height)
    for x, size in ((620, 120), (980, 120), (420, 220), (1180, 220)):
        _tree(draw, x, 560 + size, size)
    _person(draw, rng, 760, 900, 380, arm="up")
    draw.rectangle((840, 470, 960, 540), fill=(255, 255, 255), outline=(18, 49, 79), width=4)
    for x in (560, 640, 900, 980, 1060, 480, 1140):
        _person(
            draw,
            rng,
            x + rng.randint(-15, 15),
            rng.randint(930, 1000),
            rng.randint(330, 400),
            back=True,
        )
    return image


def _map(rng) -> Image.Image:
    image = Image.new("RGB", (W, H), (245, 240, 225))
    draw = ImageDraw.Draw(image)
    for x in range(0, W, 80):
        draw.line([(x, 0), (x, H)], fill=(232, 226, 208), width=1)
    for y in range(0, H, 80):
        draw.line([(0, y), (W, y)], fill=(232, 226, 208), width=1)
    draw.polygon([(900, 150), (1250, 120), (1320, 380), (1000, 420)], fill=(190, 225, 170))
    river = [(0, 700), (300, 640), (600, 720), (900, 600), (1200, 660), (W, 560)]
    draw.line(river, fill=(120, 175, 220), width=46, joint="curve")
    for _ in range(14):
        a = (rng.randint(0, W), rng.randint(0, H))
        b = (a[0] + rng.randint(-600, 600), a[1] + rng.randint(-400, 400))
        draw.line([a, b], fill=(200, 190, 170), width=rng.choice((10, 16)))
    for _ in range(8):
        x, y = rng.randint(150, 1450), rng.randint(120, 900)
        colour = rng.choice([(200, 50, 50), (40, 96, 160), (46, 139, 87), (235, 150, 30)])
        draw.polygon([(x, y), (x - 22, y - 40), (x + 22, y - 40)], fill=colour)
        draw.ellipse((x - 26, y - 80, x + 26, y - 28), fill=colour)
        draw.ellipse((x - 10, y - 64, x + 10, y - 44), fill=(255, 255, 255))
    for i in range(5):
        _postit(image, rng, 1180 + (i % 2) * 150, 560 + (i // 2) * 140, 120)
    draw.rectangle((60, 60, 560, 230), fill=(255, 255, 255), outline=(120, 120, 120), width=3)
    draw.text((84, 84), "Carte des envies", font=_font(40), fill=(18, 49, 79))
    draw.text((84, 150), "quartier — atelier", font=_font(30), fill=(90, 90, 90))
    return image


def _meeting(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, H), (60, 55, 70), (30, 28, 36))
    draw = ImageDraw.Draw(image)
    draw.rectangle((420, 80, 1180, 500), fill=(240, 240, 245))
    for i, value in enumerate((0.4, 0.7, 0.55, 0.9)):
        draw.rectangle((520 + i * 160, 460 - value * 320, 620 + i * 160, 460), fill=CLOTHES[i + 1])
    draw.rectangle((120, 520, 1480, 560), fill=(90, 60, 40))
    _person(draw, rng, 1320, 560, 300)
    for row, y in enumerate((640, 760, 890)):
        size = 38 + row * 10
        for x in range(100 + row * 30, W, 130 + row * 20):
            _seated(draw, rng, x + rng.randint(-10, 10), y, size)
    return image


def _postit_wall(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, H), (238, 238, 240), (214, 216, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle(
        (80, 80, W - 80, H - 140), fill=(250, 250, 250), outline=(170, 170, 170), width=4
    )
    headings = ["Ce qui marche", "À améliorer", "Idées"]
    for i, heading in enumerate(headings):
        x = 120 + i * 470
        draw.text((x, 110), heading, font=_font(44), fill=(18, 49, 79))
        for row in range(4):
            for col in range(3):
                if rng.random() < 0.85:
                    _postit(image, rng, x + col * 140, 190 + row * 170, 120)
    return image


def _ballot(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 700), (238, 228, 210), (225, 210, 185))
    _gradient(image, (0, 700, W, H), (150, 120, 90), (120, 95, 70))
    draw = ImageDraw.Draw(image)
    draw.rectangle((560, 620, 1040, 700), fill=(110, 80, 55))
    draw.rectangle((650, 380, 950, 620), fill=(225, 240, 250), outline=(90, 110, 130), width=6)
    draw.rectangle((760, 372, 840, 388), fill=(60, 60, 60))
    for _ in range(12):
        x, y = rng.randint(670, 900), rng.randint(470, 590)
        draw.rectangle((x, y, x + 46, y + 30), fill=(255, 255, 255), outline=(190, 190, 190))
    draw.text((600, 280), "Budget participatif", font=_font(50), fill=(18, 49, 79))
    for i, x in enumerate((1160, 1300, 1430, 1540)):
        _person(draw, rng, x, 1000 - i * 12, 420 - i * 20)
    _person(draw, rng, 400, 1000, 440, arm="up")
    return image


def _square(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 600), (250, 200, 150), (250, 235, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 600, W, H), fill=(205, 195, 175))
    x = 0
    while x < W:
        width = rng.randint(220, 320)
        _building(draw, rng, x, 600, width, rng.randint(300, 460))
        x += width
    draw.ellipse((620, 720, 980, 830), fill=(150, 150, 155))
    draw.ellipse((650, 730, 950, 815), fill=(140, 190, 225))
    draw.rectangle((785, 640, 815, 770), fill=(150, 150, 155))
    for bx in (160, 1240):
        draw.rectangle((bx, 820, bx + 220, 840), fill=(110, 80, 50))
        draw.rectangle((bx + 10, 840, bx + 24, 880), fill=(60, 60, 60))
        draw.rectangle((bx + 196, 840, bx + 210, 880), fill=(60, 60, 60))
    _tree(draw, 120, 760, 200, (80, 150, 80))
    _tree(draw, 1480, 760, 200, (80, 150, 80))
    draw.rectangle((1010, 540, 1290, 760), fill=(255, 255, 255), outline=(18, 49, 79), width=5)
    draw.line([(1150, 760), (1150, 960)], fill=(110, 80, 50), width=12)
    for line, text in enumerate(("Et vous,", "votre place", "idéale ?")):
        draw.text((1034, 562 + line * 56), text, font=_font(38), fill=(18, 49, 79))
    for x in (300, 420, 520, 900, 1420):
        _person(draw, rng, x + rng.randint(-20, 20), rng.randint(960, 1040), rng.randint(360, 440))
    return image


def _garden(rng) -> Image.Image:
    image = Image.new("RGB", (W, H))
    _gradient(image, (0, 0, W, 480), (150, 200, 240), (220, 236, 248))
    _gradient(image, (0, 480, W, H), (120, 170, 90), (90, 140, 70))
    draw = ImageDraw.Draw(image)
    for x in (100, 420, 1300):
        _tree(draw, x, 480, 220, (60, 130, 70))
    for i in range(3):
        top = 620 + i * 130
        draw.rectangle((240 + i * 40, top, 1360 - i * 40, top + 80), fill=(130, 90, 60))
        draw.rectangle((250 + i * 40, top, 1350 - i * 40, top + 30), fill=(90, 60, 40))
        for px in range(280 + i * 40, 1330 - i * 40, 70):
            draw.ellipse((px, top - 36, px + 40, top + 4), fill=(60 + rng.randint(0, 60), 160, 70))
    for x in (520, 900, 1150):
        _person(draw, rng, x, 1000, 380)
    return image


# Scene, label, caption (with {territory}), text alternative ("" when missing on purpose),
# image rights, consent note.
SCENES: list[tuple[Callable, str, str, str, str, str]] = [
    (
        _workshop,
        "Atelier citoyen",
        "Atelier de co-construction avec les habitants, {territory}",
        "Une dizaine d'habitants autour d'une grande table couverte de feuilles, devant un "
        "tableau de papier et un mur de post-it.",
        Consent.CONSENTED,
        "Autorisations signées le jour même, classeur « Droit à l'image » au bureau du lab.",
    ),
    (
        _market,
        "Stand sur le marché",
        "Stand « Votre avis ? » sur le marché du samedi, {territory}",
        "Un stand à auvent rayé rouge et blanc sur un marché ; une animatrice derrière les "
        "cagettes de fruits, des passants devant.",
        Consent.CONSENTED,
        "Formulaires signés par l'animatrice et les trois passants reconnaissables.",
    ),
    (
        _walk,
        "Balade urbaine",
        "Balade urbaine commentée dans le quartier, {territory}",
        "",
        Consent.CONSENTED,
        "Autorisations collectées au départ de la balade (12 formulaires).",
    ),
    (
        _map,
        "Carte collaborative",
        "La carte des envies remplie pendant l'atelier",
        "Une carte dessinée du quartier, avec une rivière, un parc et des épingles de couleur "
        "posées par les participants, et quelques post-it.",
        Consent.NOT_NEEDED,
        "",
    ),
    (
        _meeting,
        "Réunion publique",
        "Réunion publique de restitution, {territory}",
        "Une salle pleine vue de dos ; sur l'estrade, une intervenante présente un graphique "
        "en barres projeté.",
        Consent.UNKNOWN,
        "Formulaires à récupérer auprès de la mairie.",
    ),
    (
        _postit_wall,
        "Mur d'idées",
        "Mur d'idées : ce qui marche, ce qui est à améliorer, les propositions",
        "Un tableau blanc en trois colonnes couvertes de post-it jaunes, roses, bleus et verts.",
        Consent.NOT_NEEDED,
        "",
    ),
    (
        _ballot,
        "Vote du budget participatif",
        "Vote des projets du budget participatif",
        "Une urne transparente remplie de bulletins sur une table ; des habitants font la queue "
        "pour voter.",
        Consent.REFUSED,
        "Deux personnes au premier plan ont refusé la diffusion.",
    ),
    (
        _square,
        "Porteur de parole",
        "Porteur de parole sur la place centrale, {territory}",
        "Une place avec une fontaine et des bancs ; un panneau demande « Et vous, votre place "
        "idéale ? » et des passants s'arrêtent.",
        Consent.WITHDRAWN,
        "Une participante a retiré son autorisation par courriel ; ne plus diffuser.",
    ),
    (
        _garden,
        "Jardin partagé",
        "Chantier participatif au jardin partagé",
        "Trois personnes plantent des semis dans des bacs de jardin en bois, sous les arbres.",
        Consent.CONSENTED,
        "Autorisations signées, scannées dans les documents de l'expérimentation.",
    ),
]
CREDITS = [
    "Camille Roux / civiclab",
    "Service communication, {territory}",
    "Yanis Benali / civiclab",
    "Léa Martin",
]


def _dates(experiment: Experiment, count: int) -> list[date | None]:
    """`count` dates spread over the experiment's dates, never in the future."""
    today = timezone.localdate()
    first = experiment.start_date or today - timedelta(days=180)
    last = min(experiment.end_date or today, today)
    if last < first:
        return [None] * count
    span = (last - first).days
    return [first + timedelta(days=round(span * (i + 1) / (count + 1))) for i in range(count)]


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _video(rng, territory: str) -> bytes:
    """A few seconds of title cards: the kind of short teaser a lab posts after a workshop."""
    frames = []
    for index, (scene, text) in enumerate(
        (
            (_workshop, "Atelier citoyen"),
            (_map, "Vos idées sur la carte"),
            (_postit_wall, territory),
        )
    ):
        frame = scene(random.Random(index)).resize((640, 427), Image.Resampling.LANCZOS)
        draw = ImageDraw.Draw(frame)
        draw.rectangle((0, 360, 640, 427), fill=(18, 49, 79))
        draw.text((20, 372), text, font=_font(34), fill=(255, 255, 255))
        frames.append(frame)
    return tiny_webm(frames, frame_ms=1500)


def build_demo_gallery(experiment: Experiment, actor) -> None:
    """Demo photos (and one video) of `experiment`; nothing if it already has media."""
    if MediaItem.objects.filter(experiment=experiment).exists():
        return
    rng = random.Random(experiment.slug)
    territory = experiment.territory.name if experiment.territory_id else ""
    dates = _dates(experiment, len(SCENES) + 1)
    for index, (scene, label, caption, alt_text, consent, note) in enumerate(SCENES):
        image = scene(rng)
        _label(image, f"{label} · illustration de démonstration")
        upload = SimpleUploadedFile(f"{label}.jpg", _jpeg(image), "image/jpeg")
        services.upload_media(
            actor,
            experiment,
            [upload],
            caption=caption.format(territory=territory),
            credit=CREDITS[index % len(CREDITS)].format(territory=territory),
            taken_on=dates[index],
            alt_text=alt_text,
            consent=consent,
            consent_note=note,
        )
    poster = _workshop(random.Random(0))
    _label(poster, "Teaser · illustration de démonstration")
    [video] = services.upload_media(
        actor,
        experiment,
        [SimpleUploadedFile("teaser.webm", _video(rng, territory), "video/webm")],
        poster=SimpleUploadedFile("affiche-teaser.jpg", _jpeg(poster), "image/jpeg"),
        caption=f"Teaser de l'expérimentation, {territory}",
        credit="civiclab",
        taken_on=dates[-1],
        alt_text=(
            "Trois cartons titres : un atelier citoyen, une carte des idées, un mur de post-it."
        ),
        consent=Consent.NOT_NEEDED,
        consent_note="Illustrations sans personne reconnaissable.",
    )
    # Captions as a subtitling tool exports them (SRT); civiclab keeps them as WebVTT.
    srt = "".join(
        f"{n}\n00:00:0{start},500 --> 00:00:0{start + 1},400\n{text}\n\n"
        for n, (start, text) in enumerate(
            ((0, "Atelier citoyen"), (1, "Vos idées sur la carte"), (3, territory)), 1
        )
    )
    services.edit_media(
        actor,
        video,
        captions=SimpleUploadedFile("teaser.srt", srt.encode("utf-8"), "application/x-subrip"),
        **{name: getattr(video, name) for name in services.DETAILS},
    )
