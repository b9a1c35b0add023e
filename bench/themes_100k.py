"""Suggested themes for 100,000 French open answers, against plain scikit-learn on the raw text.

Run from the repository root:  .venv/bin/python bench/themes_100k.py  (or `make bench`).
THEMES_ROWS=20000 runs a smaller set (the readable lines say how many answers).

What it does, in memory (no database: the analysis core is pure):
  1. generates 100,000 labelled answers of 5 to 60 words with tests/stats/french_answers.py
     (9 known themes, shared filler words, a quarter of the answers touching a second theme,
     inflections, missing accents, typos);
  2. value: `civiclab.stats.themes.suggest_themes(texts)` as the product runs it, the number
     of themes chosen automatically: lemmas, TF-IDF, LSA, KMeans, top terms and examples;
     its adjusted Rand index (ARI) against the known themes;
  3. baseline: scikit-learn's `TfidfVectorizer()` with its defaults on the raw text, then
     `KMeans(n_clusters=9, n_init=1)`, told the true number of themes; its ARI;
  4. peak memory of the process (ru_maxrss) once the product has run, the answers included.

The product limits itself to one thread (it runs in a background worker next to the web
server); the baseline keeps scikit-learn's defaults, which use the machine's 2 cores.

The last line printed is machine-readable:
  BENCH themes_100k value=<s> unit=s baseline=<s> ratio=<value/baseline> ari=<product ARI>
        peak_mb=<MB>
The script exits with status 1 when a target is missed: value <= 120 s and ARI >= 0.6.
"""

import os
import resource
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from civiclab.stats.themes import suggest_themes  # noqa: E402
from tests.stats.french_answers import THEMES, labelled_answers  # noqa: E402

ROWS = int(os.environ.get("THEMES_ROWS", "100000"))
SEED = 20261202
TARGET_SECONDS, TARGET_ARI = 120.0, 0.6


def code_version() -> str:
    """The commit measured, and whether src/ differs from it (as bench/_harness.py does;
    importing the harness would set Django up, which this benchmark does not need)."""
    try:
        git = ["git", "-C", str(REPO)]
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "src"], capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{head} (src/ has uncommitted changes)" if dirty else head


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    python = sys.version.split()[0]
    print(f"code: {code_version()}, scikit-learn {sklearn.__version__}, Python {python}")
    began = time.perf_counter()
    texts, labels = labelled_answers(ROWS, SEED)
    words = np.array([len(text.split()) for text in texts])
    print(
        f"setup: {ROWS} labelled answers, {len(THEMES)} themes, {words.min()} to "
        f"{words.max()} words (median {np.median(words):.0f}), "
        f"generated in {time.perf_counter() - began:.1f} s"
    )

    steps: list[tuple[float, str]] = []
    start = time.perf_counter()
    result = suggest_themes(
        texts, progress=lambda _f, step: steps.append((time.perf_counter() - start, step))
    )
    value = time.perf_counter() - start
    peak = peak_mb()
    ari = adjusted_rand_score(labels, result.assignments)
    timeline = ", ".join(
        f"{name} {later - at:.1f} s" for (at, name), (later, _n) in pairwise(steps)
    )
    print(
        f"value: suggest_themes {value:.2f} s, {result.n_themes} themes chosen, "
        f"ARI {ari:.3f}, {result.not_classified} not classified, peak {peak:.0f} MB"
    )
    print(f"  steps: {timeline}")
    for theme in result.themes:
        print(f"  theme {theme.index} ({theme.size}): {', '.join(theme.top_terms)}")

    start = time.perf_counter()
    raw = TfidfVectorizer().fit_transform(texts)
    predicted = KMeans(n_clusters=len(THEMES), n_init=1, random_state=0).fit_predict(raw)
    baseline = time.perf_counter() - start
    baseline_ari = adjusted_rand_score(labels, predicted)
    print(
        f"baseline: TfidfVectorizer() + KMeans({len(THEMES)}, n_init=1) on the raw text "
        f"{baseline:.2f} s, ARI {baseline_ari:.3f} ({raw.shape[1]} terms)"
    )
    print(f"total run time {time.perf_counter() - began:.1f} s")

    failed = value > TARGET_SECONDS or ari < TARGET_ARI
    if failed:
        print(f"FAIL: targets are value <= {TARGET_SECONDS:.0f} s and ARI >= {TARGET_ARI}")
    ratio = value / baseline if baseline else 0.0
    print(
        f"BENCH themes_100k value={value:.2f} unit=s baseline={baseline:.2f} "
        f"ratio={ratio:.2f} ari={ari:.3f} peak_mb={peak:.0f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
