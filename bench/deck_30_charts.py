"""Time to build a 30-chart PowerPoint deck: draw the charts, then assemble the slides.

The charts are made as the product makes them: Vega-Lite specifications from
civiclab.stats.charts (bars with intervals, some broken down by group, and trends by wave),
French labels, drawn to PNG at 2x by vl-convert in this process (its engine starts with the
first chart, and that start is counted). The deck is then assembled by
civiclab.reports.render_pptx and read back with python-pptx. No database is used (the
harness still migrates its throwaway one, outside the timing).

Also measured, not counted: the same charts redrawn serially and by 2 threads, to see
whether vl-convert draws in parallel.
"""

import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import BytesIO

import _harness
from django.utils import translation
from PIL import Image
from pptx import Presentation

from civiclab.reports.document import Chart, Document, IndicatorCard, Look, SourceNote
from civiclab.reports.render_pptx import pptx_bytes
from civiclab.stats import charts

CHARTS = 30
TARGET_S = 20.0
THEMES = (
    "Propreté des rues",
    "Sécurité le soir",
    "Transports en commun",
    "Espaces verts",
    "Équipements pour les jeunes",
    "Commerces de proximité",
    "Logement",
    "Autre",
)
WAVES = ("avant", "pendant", "après", "six mois après")
GROUPS = ("Participants", "Non-participants")


def _share(rng: random.Random) -> tuple[float, float, float]:
    value = rng.uniform(0.08, 0.9)
    half = rng.uniform(0.03, 0.07)
    return value, max(0.0, value - half), min(1.0, value + half)


def specs(rng: random.Random) -> list[tuple[str, dict]]:
    """30 titled specifications: a third grouped bars, a third plain bars, a third trends."""
    made = []
    for number in range(CHARTS):
        kind = number % 3
        if kind == 0:
            bars = []
            for theme in THEMES:
                value, low, high = _share(rng)
                bars.append(charts.Bar(theme, value, low, high, rng.randint(80, 600)))
            title = f"Q{number + 1}. Priorités citées par les habitants"
            spec = charts.bars_with_intervals(
                bars, description=f"{title} : part des habitants", value_title="Part des habitants"
            )
        elif kind == 1:
            bars = []
            for answer in ("Oui, tout à fait", "Plutôt oui", "Plutôt non", "Pas du tout"):
                for group in GROUPS:
                    value, low, high = _share(rng)
                    bars.append(charts.Bar(answer, value, low, high, rng.randint(80, 300), group))
            title = f"Q{number + 1}. « Vous sentez-vous écouté·e ? » selon la participation"
            spec = charts.bars_with_intervals(
                bars, description=title, value_title="Part des répondants"
            )
        else:
            points = []
            for wave in WAVES:
                value, low, high = _share(rng)
                points.append(charts.Point(wave, value, low, high, rng.randint(150, 500)))
            title = f"Indicateur {number + 1} : évolution par vague"
            spec = charts.trend(
                points,
                description=title,
                value_title="Part des habitants",
                baseline=0.3,
                target=0.6,
                baseline_label="valeur de référence",
                target_label="objectif",
            )
        made.append((title, spec))
    return made


def draw(item: tuple[str, dict]) -> Chart:
    title, spec = item
    png = charts.to_png(spec, "fr")
    with Image.open(BytesIO(png)) as image:
        width, height = image.size
    note = SourceNote(
        f"{title} · n = 412 · vague « après », 12/10/2026 · pondéré",
        ("H1. Le tirage au sort élargit le cercle", "Impact : écoute", title),
    )
    return Chart(title, spec, png, width, height, alt=spec["description"], note=note)


def deck(drawn: list[Chart]) -> Document:
    blocks = []
    for number, chart in enumerate(drawn):
        if number % 3 == 2:  # trends go on indicator slides, as the product puts them
            blocks.append(
                IndicatorCard(
                    chart.title,
                    "42\u202f%",
                    interval="35\u202f% à 49\u202f%",
                    n=412,
                    wave="vague « après »",
                    baseline="30\u202f%",
                    target="60\u202f%",
                    chart=chart,
                    note=chart.note,
                )
            )
        else:
            blocks.append(chart)
    return Document(
        title="Bilan de l’assemblée citoyenne : 30 graphiques",
        subtitle="Banc d’essai · Lille-Sud",
        made_on=date(2026, 12, 12),
        look=Look(lab_name="Labo des possibles"),
        blocks=tuple(blocks),
        audience="COPIL",
        footer="Document de travail",
    )


def main() -> int:
    translation.activate("fr")
    items = specs(random.Random(2026))

    began, began_cpu = time.perf_counter(), time.process_time()
    drawn = [draw(item) for item in items]
    drawn_s = time.perf_counter() - began
    drawn_cpu = time.process_time() - began_cpu
    started = time.perf_counter()
    data = pptx_bytes(deck(drawn))
    assemble_s = time.perf_counter() - started
    value = time.perf_counter() - began

    presentation = Presentation(BytesIO(data))
    pictures = sum(
        1 for slide in presentation.slides for shape in slide.shapes if shape.shape_type == 13
    )
    sizes = [f"{chart.width_px}x{chart.height_px}" for chart in drawn[:3]]
    print(
        f"charts: {CHARTS} drawn to PNG (2x) in {drawn_s:.2f} s ({drawn_cpu:.2f} s CPU), "
        f"sizes like {', '.join(sizes)}"
    )
    print(f"deck: {len(presentation.slides)} slides, {pictures} pictures, {len(data) / 1e6:.1f} MB")
    print(f"assembling the deck: {assemble_s:.2f} s")

    # Not counted: whether 2 threads draw faster, which needs vl-convert to draw two charts
    # at once. Serial and threaded redraws (warm) take turns; CPU time tells more than wall
    # time on a busy machine: one core's worth of CPU for both means no parallel drawing.
    rounds: dict[str, list[tuple[float, float]]] = {"serial": [], "2 threads": []}
    for _ in range(3):
        for name in rounds:
            wall, cpu = time.perf_counter(), time.process_time()
            if name == "serial":
                for item in items:
                    charts.to_png(item[1], "fr")
            else:
                with ThreadPoolExecutor(max_workers=2) as pool:
                    list(pool.map(lambda item: charts.to_png(item[1], "fr"), items))
            rounds[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    for name, samples in rounds.items():
        wall = statistics.median(sample[0] for sample in samples)
        cpu = statistics.median(sample[1] for sample in samples)
        print(f"warm redraw of the {CHARTS} charts, {name}: {wall:.2f} s ({cpu:.2f} s CPU)")

    status = 0
    if pictures != CHARTS or len(presentation.slides) != CHARTS + 1:
        print("FAIL: the deck does not hold one slide and one picture per chart")
        status = 1
    if value > TARGET_S:
        print(f"FAIL: {value:.2f} s is above the {TARGET_S:.0f} s target")
        status = 1
    print(
        f"BENCH deck_30_charts value={value:.2f} unit=s charts={drawn_s:.2f} "
        f"assemble={assemble_s:.2f} slides={len(presentation.slides)}"
    )
    return status


if __name__ == "__main__":
    _harness.run(main)
