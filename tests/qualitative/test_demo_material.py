"""Integrity of the demo's qualitative material: quotes found once, codebooks well formed,
sources of the stated kinds and sizes, two coders who agree moderately, varied open answers."""

import random
import re
from datetime import date

import numpy as np
import pytest

from civiclab.demo.experiments import EXPERIMENTS
from civiclab.qualitative.demo_material import (
    MATERIAL,
    OPEN_ANSWER_THEMES,
    ExperimentMaterial,
    labelled_open_answer,
    open_answer,
)

CUTOFF = date(2026, 11, 30)  # the demo's material stops before this day
PREPARATION = date(2026, 9, 1)  # a proposal's material comes from its preparation, after this
SLUGS = sorted(MATERIAL)
SPEAKER = re.compile(r"^(?:[A-ZÀ-Ý][\w.’' -]{0,24} : |\()")
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
KINDS = ("pourquoi", "priorit", "idee", "comment")


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of "#RRGGBB"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def coverage(text: str, codings) -> dict[tuple[str, ...], np.ndarray]:
    """For each code, which characters of `text` the codings cover."""
    masks: dict[tuple[str, ...], np.ndarray] = {}
    for path, quote, *_ in codings:
        start = text.find(quote)
        mask = masks.setdefault(path, np.zeros(len(text), dtype=bool))
        mask[start : start + len(quote)] = True
    return masks


def kappa(text: str, a, b) -> float:
    """Cohen's kappa on the characters, pooled over the codes either coder used: for each
    code and character, do both coders agree on whether the code is there?"""
    masks_a, masks_b = coverage(text, a), coverage(text, b)
    codes = sorted(set(masks_a) | set(masks_b))
    absent = np.zeros(len(text), dtype=bool)
    va = np.concatenate([masks_a.get(code, absent) for code in codes])
    vb = np.concatenate([masks_b.get(code, absent) for code in codes])
    observed = float(np.mean(va == vb))
    pa, pb = float(va.mean()), float(vb.mean())
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected)


def test_every_demo_experiment_has_material():
    assert set(MATERIAL) == {e["slug"] for e in EXPERIMENTS}


@pytest.mark.parametrize("slug", SLUGS)
def test_codebook_is_a_well_formed_tree(slug):
    codebook = MATERIAL[slug].codebook
    paths = [code.path for code in codebook]
    assert len(paths) == len(set(paths))
    assert 10 <= len(codebook) <= 16
    families = [code for code in codebook if len(code.path) == 1]
    assert 3 <= len(families) <= 5
    assert 10 <= len(codebook) - len(families) <= 16
    for code in codebook:
        assert code.parent is None or code.parent in paths, code.path
        assert code.description.endswith(".") and ". " not in code.description[:-1]
        assert HEX.match(code.colour), code.colour
        assert luminance(code.colour) > 0.5, f"{code.colour} too dark behind black text"
    assert len({code.colour.upper() for code in codebook}) == len(codebook)
    assert len({code.colour.upper() for code in families}) == len(families)


@pytest.mark.parametrize("slug", SLUGS)
def test_sources_have_the_stated_kinds_sizes_and_dates(slug):
    material = MATERIAL[slug]
    experiment = next(e for e in EXPERIMENTS if e["slug"] == slug)
    kinds = [source.kind for source in material.sources]
    assert kinds[:3] == ["interview", "interview", "focus_group"]
    assert kinds[3:] in ([], ["field_notes"])
    start, end = experiment["start_date"], experiment["end_date"] or CUTOFF
    if start > CUTOFF:  # a proposal: material from its preparation
        start = PREPARATION
    for source in material.sources:
        assert source.title and source.description
        assert start <= source.date <= end and source.date < CUTOFF, source.title
        if source.kind == "interview":
            assert 3_500 <= len(source.text) <= 7_000, source.title
        elif source.kind == "focus_group":
            assert 6_000 <= len(source.text) <= 10_000, source.title
        else:
            assert 300 <= len(source.text) <= 3_000, source.title
        if source.kind != "field_notes":
            paragraphs = source.text.split("\n\n")
            assert len(paragraphs) > 10
            for paragraph in paragraphs:
                assert SPEAKER.match(paragraph), paragraph[:60]
        assert "  " not in source.text and source.text == source.text.strip()
    texts = "".join(source.text for source in material.sources)
    assert any(ord(c) > 0xFFFF for c in texts), "an emoji exercises offsets"
    assert "’" in texts and "«" in texts


def check_quote(material: ExperimentMaterial, index: int, quote: str) -> None:
    text = material.sources[index].text
    assert quote and text.count(quote) == 1, f"{text.count(quote)} × {quote!r}"


@pytest.mark.parametrize("slug", SLUGS)
def test_codings_quote_their_source_once_with_codes_of_the_codebook(slug):
    material = MATERIAL[slug]
    paths = {code.path for code in material.codebook}
    assert len(material.codings) == len(material.sources)
    memos = 0
    for index, by_coder in enumerate(material.codings):
        assert set(by_coder) <= {"a", "b"}
        for codings in by_coder.values():
            for coding in codings:
                assert len(coding) in (2, 3)
                path, quote, *memo = coding
                assert path in paths, path
                check_quote(material, index, quote)
                if memo:
                    assert memo[0].strip()
                    memos += 1
    assert memos >= 2


@pytest.mark.parametrize("slug", SLUGS)
def test_who_coded_what(slug):
    material = MATERIAL[slug]
    interview, partly, focus = material.codings[:3]
    assert set(interview) == {"a", "b"} and set(focus) == {"a", "b"}
    assert set(partly) == {"a"}, "interview 2 is coded by the analyst only"
    for codings in (*interview.values(), *focus.values()):
        assert 12 <= len(codings) <= 25
    text = material.sources[1].text
    assert 3 <= len(partly["a"]) <= 12
    for _, quote, *_ in partly["a"]:
        assert text.find(quote) + len(quote) <= 0.6 * len(text), "only its first half"
    for by_coder in material.codings[3:]:
        assert not by_coder
    for coded in (interview, focus):
        a = {(path, quote) for path, quote, *_ in coded["a"]}
        b = {(path, quote) for path, quote, *_ in coded["b"]}
        assert a & b and a - b and b - a, "same codings, and disagreements"


def test_coders_agree_moderately_on_interview_1(capsys):
    values = {}
    for slug in SLUGS:
        material = MATERIAL[slug]
        coded = material.codings[0]
        values[slug] = kappa(material.sources[0].text, coded["a"], coded["b"])
    with capsys.disabled():
        print("\nkappa a/b on interview 1:", {s: round(v, 3) for s, v in values.items()})
    for slug, value in values.items():
        assert 0.35 <= value <= 0.85, f"{slug}: kappa {value:.3f}"


@pytest.mark.parametrize("slug", SLUGS)
def test_verbatims_are_quotes_with_what_to_pseudonymise(slug):
    material = MATERIAL[slug]
    assert 2 <= len(material.verbatims) <= 3
    for verbatim in material.verbatims:
        check_quote(material, verbatim.source, verbatim.quote)
        assert verbatim.replacements
        for original, replacement in verbatim.replacements.items():
            assert original in verbatim.quote
            assert re.fullmatch(r"\[[^\]]+\]", replacement)


def test_open_answers_have_latent_themes():
    assert set(OPEN_ANSWER_THEMES) == set(KINDS)
    for labels in OPEN_ANSWER_THEMES.values():
        assert 6 <= len(labels) <= 9 and len(set(labels)) == len(labels)
    with pytest.raises(ValueError):
        open_answer("autre", random.Random(0))


@pytest.mark.parametrize("kind", KINDS)
def test_open_answers_are_deterministic_varied_and_clustered(kind):
    seeded, reseeded = random.Random(7), random.Random(7)
    assert [open_answer(kind, seeded) for _ in range(50)] == [
        open_answer(kind, reseeded) for _ in range(50)
    ]
    rng = random.Random(2026)
    drawn = [labelled_open_answer(kind, rng) for _ in range(2_000)]
    texts = [text for text, _ in drawn]
    assert all(5 <= len(text.split()) <= 60 for text in texts)
    assert len(set(texts)) > 1_500
    assert {label for _, label in drawn} == set(OPEN_ANSWER_THEMES[kind])


def test_open_answers_speak_of_the_experiment():
    rng = random.Random(3)
    texts = [
        open_answer(kind, rng, "conseils-de-quartier-lille")
        for _ in range(1_500)
        for kind in ("pourquoi", "comment")
    ]
    assert any("conseil" in text for text in texts)
    assert not any("{" in text or "}" in text for text in texts)
