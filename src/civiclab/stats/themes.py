"""Suggested themes for large sets of French open answers, for a person to review.

The pipeline, and why each step is what it is. Figures are adjusted Rand indices (ARI: 1 is
a perfect match, 0 is chance) against the known themes of 8 labelled sets of 3,000 generated
answers (``tests/stats/french_answers.py``: 9 themes, shared filler words, a quarter of the
answers touching a second theme), on average, with the true number of themes unless said:

1. **French lemmas** (:mod:`civiclab.stats.french`): stop words and filler words out,
   ``poubelles`` and ``poubelle`` one word, accents restored. Answers left with no lemma, or
   not in French, are not classified (-1): the result counts them rather than hiding them
   in a theme. With plain words instead (stop words removed): 0.82 instead of 0.85, and
   0.70 on the worst set.
2. **TF-IDF of lemmas and pairs of lemmas**, sublinear term frequency: pairs ("piste
   cyclable", "présence policière") carry what single words share between themes (0.84
   with single lemmas only). A term must appear in at least 2 answers and in 1 out of
   2,000; one in more than half the answers ("quartier" in a neighbourhood survey) names no
   theme. Vocabulary and weights are learnt on a sample of 50,000 answers at most, so a
   million answers cost that sample plus one pass.
3. **Latent semantic analysis**: a 100-dimension truncated SVD (fewer below 2,500 answers,
   see below), rows normalised, so that answers using different words of one theme meet.
   20 dimensions scored 0.80, 50 dimensions 0.82, 100 dimensions 0.85, 200 no better.
4. **KMeans**, 50 starts: with 20, one set of 23 stayed in a poor solution (0.72 instead
   of 0.86, a theme merged into another), with 10 another one (0.70). Beyond 20,000
   answers the starts run on a sample of 20,000, then one run on all answers from the best
   of them: on a million answers 0.86 as with 20 starts on all, clustering in 10 s instead
   of 73. Measured against it on the same TF-IDF: KMeans without the reduction 0.53; an
   NMF topic model, each answer in its heaviest topic, 0.62 (Frobenius) and 0.75
   (Kullback-Leibler, slower); MiniBatchKMeans on a million answers 0.62 where KMeans then
   scored 0.78. scikit-learn's default TF-IDF of the raw text with KMeans (one start)
   scores 0.25.
5. **Number of themes**, when not given: KMeans for 4 to 15 themes on a sample of 4,000
   answers, on the first 50 dimensions, and the smallest number whose cosine silhouette
   comes within 10% of the best: 0.84 on average, 9 themes found on 6 sets out of 8, 11
   on the others (on 20 other sets: 9 on 15, 10 on 5; 0.85). The best silhouette alone
   keeps rising as themes split into sub-themes: it chose 12 to 15 themes (0.70). All 100
   dimensions, whose weaker ones separate sub-themes, chose 9 to 13 (0.80). A wider margin
   (15%) merged real themes (8 themes on 2 sets of 20,000 answers out of 3, 0.74 and 0.75
   instead of 0.86): too many themes are easier to repair, by merging, than too few.
6. **Description**: top terms are those whose average weight in the theme most exceeds
   their weight in the other answers, shown as residents wrote them most often rather than
   as lemmas (see :class:`civiclab.stats.french.Lemmatised`). A pair of lemmas is shown only
   when it is a set phrase, and as residents wrote it, words between included ("maison de
   quartier", "heures de pointe"; :func:`civiclab.stats.french.written_phrases`).
   Examples are the members nearest to the theme's centre.

With fewer answers, themes are found less well: 0.79 for 1,000 answers, 0.74 for 600, 0.50
for 300, and the automatic number tends to be too high below a few thousand answers (10 to
13 themes for 9; 0.75 for 1,000 answers, 0.62 for 600): the reviewer then merges themes.
The reduction keeps one dimension per 25 answers (10 at least): with 50 dimensions for 300
answers, the automatic number was 12 to 14 and the ARI 0.39.

On 100,000 answers the whole runs in about 15 s on one core (``bench/themes_100k.py``,
``docs/benchmarks.md``); a million answers took 2 minutes on a 2-core machine busy with
other work (ARI 0.86), with a peak of 1.9 GB, the answers' 0.5 GB included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from civiclab.stats.french import lemmatise_many, written_phrases

NOT_CLASSIFIED = -1

# Vocabulary and reduction are learnt on a sample: beyond it the words that matter are all
# there, and the cost of a million answers stays that of a sample plus one pass.
FIT_SAMPLE = 50_000
MIN_DF_SHARE = 0.0005  # a term must appear in 1 answer out of 2,000 (at least 2)
MAX_DF = 0.5  # a term in half the answers names no theme ("quartier", "habitant")
MAX_FEATURES = 30_000
COMPONENTS = 100
AUTO_COMPONENTS = 50
MIN_COMPONENTS = 10
ANSWERS_PER_COMPONENT = 25
AUTO_RANGE = (4, 15)
AUTO_TOLERANCE = 0.1
AUTO_SAMPLE = 4_000
AUTO_N_INIT = 6
FINAL_N_INIT = 50
CLUSTER_SAMPLE = 20_000
THREADS = 1
PAIR_SHARE = 0.5
PHRASE_SHARE = 0.5
PHRASE_SAMPLE = 20_000  # answers read again to find how residents write the phrases shown


@dataclass(frozen=True)
class Theme:
    """One suggested theme. ``examples`` are indices (into the texts given) of the answers
    nearest to its centre, most representative first."""

    index: int
    size: int
    top_terms: tuple[str, ...]
    examples: tuple[int, ...]


@dataclass(frozen=True)
class ThemeSuggestion:
    """Themes suggested for a set of answers.

    ``assignments`` has one theme index per answer, or :data:`NOT_CLASSIFIED` (-1) for an
    answer left with no word that names a theme, or not in French (``not_french`` of them).
    Themes are numbered by decreasing size. ``silhouette`` (cosine, -1 to 1, on a sample)
    says how distinct the themes are; None when it cannot be computed (fewer than 2 themes).
    """

    assignments: np.ndarray
    themes: tuple[Theme, ...]
    n_themes: int
    silhouette: float | None
    not_french: int

    @property
    def not_classified(self) -> int:
        return int(np.count_nonzero(self.assignments == NOT_CLASSIFIED))


def suggest_themes(
    texts: Sequence[str],
    n_themes: int | None = None,
    *,
    seed: int = 0,
    progress: Callable[[float, str], None] | None = None,
    top_terms: int = 10,
    examples: int = 5,
) -> ThemeSuggestion:
    """Group French open answers into themes, each described by its top terms and examples.

    ``n_themes`` None chooses the number of themes (see the module docstring). ``progress``,
    when given, is called a handful of times with the fraction done (0 to 1) and the name of
    the step starting: "lemmas", "vectors", "reduction", "number of themes", "clustering",
    "description", "done". The result depends only on the texts, the arguments and ``seed``.
    """

    if n_themes is not None and n_themes < 1:
        raise ValueError(f"n_themes must be at least 1, or None to choose it; not {n_themes}")
    # One thread for BLAS and OpenMP: the task runs in a background worker next to the web
    # server, and on our 2-core machine one thread was faster anyway (3,000 answers: 1.8 s
    # with one thread, 13 s with two, spent waiting between KMeans's many small steps).
    with threadpool_limits(limits=THREADS):
        return _suggest(list(texts), n_themes, seed, progress, top_terms, examples)


def _suggest(
    texts: list[str],
    n_themes: int | None,
    seed: int,
    progress: Callable[[float, str], None] | None,
    top_terms: int,
    examples: int,
) -> ThemeSuggestion:
    def report(fraction: float, step: str) -> None:
        if progress is not None:
            progress(fraction, step)

    report(0.0, "lemmas")
    lemmatised = lemmatise_many(texts)
    assignments = np.full(len(texts), NOT_CLASSIFIED, dtype=np.int64)
    not_french = lemmatised.french.count(False)
    rows = np.array(
        [
            i
            for i, (lemmas, french) in enumerate(
                zip(lemmatised.lemmas, lemmatised.french, strict=True)
            )
            if lemmas and french
        ],
        dtype=np.int64,
    )
    documents = [" ".join(lemmatised.lemmas[i]) for i in rows]
    forms = lemmatised.forms
    del lemmatised  # a million lists of lemmas: no longer needed, make room
    rng = np.random.default_rng(seed)

    # Fractions from where the time goes on 100,000 answers.
    report(0.3, "vectors")
    vectoriser, matrix = _vectors(documents, rng)
    del documents
    if matrix is not None:
        # Answers whose every lemma is too rare to be in the vocabulary share nothing with
        # the others: they are not classified rather than put anywhere.
        kept = np.flatnonzero(matrix.getnnz(axis=1) > 0)
        rows, matrix = rows[kept], matrix[kept]
    if matrix is None or len(rows) == 0:
        report(1.0, "done")
        return ThemeSuggestion(assignments, (), 0, None, not_french)

    report(0.4, "reduction")
    reduced = _reduce(matrix, rng, seed)
    distinct = _count_distinct(reduced)
    if n_themes is None:
        report(0.45, "number of themes")
        # On the first, strongest dimensions only: the weaker ones separate sub-themes,
        # which pushes the silhouette towards too many themes.
        k = _choose_k(normalize(reduced[:, :AUTO_COMPONENTS]), distinct, rng, seed)
    else:
        k = min(n_themes, distinct)

    report(0.6, "clustering")
    labels, centres = _cluster(reduced, k, seed)
    silhouette = _silhouette(reduced, labels, rng, seed)

    report(0.95, "description")
    # Themes numbered by decreasing size; a cluster left empty by the algorithm is dropped.
    sizes = np.bincount(labels, minlength=k)
    order = np.argsort(-sizes, kind="stable")[: np.count_nonzero(sizes)]
    rank = np.full(k, NOT_CLASSIFIED, dtype=np.int64)
    rank[order] = np.arange(len(order))
    labels, centres, k = rank[labels], centres[order], len(order)
    assignments[rows] = labels
    ranking = _rank_terms(matrix, labels, k, vectoriser, 20 * max(top_terms, 0))
    # How residents write the phrases that may be shown, read from a sample of the answers;
    # a pair of lemmas never written close together is not shown ("simple ... travailler").
    pairs = {ranking.names[j] for ranked in ranking.ranked for j in ranked if ranking.phrase[j]}
    sample = rows if len(rows) <= PHRASE_SAMPLE else rng.choice(rows, PHRASE_SAMPLE, False)
    phrases = written_phrases((texts[i] for i in np.sort(sample)), pairs)
    ranking.phrase &= np.array([name in phrases for name in ranking.names], dtype=bool)
    themes = tuple(
        Theme(
            index=t,
            size=int(np.count_nonzero(labels == t)),
            top_terms=tuple(
                phrases[term] if len(term) == 2 else forms.get(term[0], term[0])
                for term in _choose_terms(ranking, t, top_terms)
            ),
            examples=_examples(reduced, labels, centres, rows, t, examples),
        )
        for t in range(k)
    )
    report(1.0, "done")
    return ThemeSuggestion(assignments, themes, k, silhouette, not_french)


def _vectors(
    documents: list[str], rng: np.random.Generator
) -> tuple[TfidfVectorizer | None, sp.csr_matrix | None]:
    """TF-IDF of lemmas and pairs of lemmas, vocabulary learnt on a sample."""
    if not documents:
        return None, None
    fit_on = documents
    if len(documents) > FIT_SAMPLE:
        fit_on = [documents[i] for i in np.sort(rng.choice(len(documents), FIT_SAMPLE, False))]
    min_df = max(2, round(MIN_DF_SHARE * len(fit_on)))
    # Small or uniform sets may have no term common enough and rare enough: loosen the
    # bounds rather than classify nothing.
    for low, high in ((min_df, MAX_DF), (min_df, 1.0), (1, 1.0)):
        vectoriser = TfidfVectorizer(
            token_pattern=r"\S+",
            lowercase=False,
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=low,
            max_df=high,
            max_features=MAX_FEATURES,
            dtype=np.float32,
        )
        try:
            vectoriser.fit(fit_on)
        except ValueError:  # "no terms remain": try the next bounds
            continue
        return vectoriser, vectoriser.transform(documents).tocsr()
    return None, None


def _reduce(matrix: sp.csr_matrix, rng: np.random.Generator, seed: int) -> np.ndarray:
    """Latent semantic analysis: a few dozen dimensions where synonyms meet, rows of norm 1."""
    n, features = matrix.shape
    # Fewer answers support fewer dimensions: with 50 for 300 answers, themes split into
    # many small groups (see the module docstring).
    components = min(COMPONENTS, max(MIN_COMPONENTS, n // ANSWERS_PER_COMPONENT))
    components = min(components, features - 1, n - 1)
    if components < 2:
        return normalize(matrix.toarray().astype(np.float32))
    svd = TruncatedSVD(n_components=components, random_state=seed)
    # Identical answers have no variance: its share per component is 0/0, which is harmless.
    with np.errstate(invalid="ignore", divide="ignore"):
        svd.fit(matrix[np.sort(rng.choice(n, FIT_SAMPLE, False))] if n > FIT_SAMPLE else matrix)
    return normalize(svd.transform(matrix).astype(np.float32))


def _count_distinct(reduced: np.ndarray) -> int:
    """How many different answers there are, as the algorithm sees them."""
    # Rows projected on one random direction: two different rows almost never meet there,
    # and counting distinct numbers is cheap even for a million rows.
    direction = np.random.default_rng(0).normal(size=reduced.shape[1]).astype(reduced.dtype)
    return len(np.unique(np.round(reduced @ direction, 5)))


def _cluster(reduced: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    if k == 1:
        return np.zeros(len(reduced), dtype=np.int64), reduced.mean(axis=0, keepdims=True)
    model = KMeans(n_clusters=k, n_init=FINAL_N_INIT, random_state=seed)
    if len(reduced) > CLUSTER_SAMPLE:
        # The starts on a sample, then one run on every answer from the best of them:
        # on a million answers, as good (ARI 0.86) in a fraction of the time.
        sample = np.random.default_rng(seed).choice(len(reduced), CLUSTER_SAMPLE, False)
        model.fit(reduced[np.sort(sample)])
        model = KMeans(n_clusters=k, init=model.cluster_centers_, n_init=1)
    labels = model.fit_predict(reduced)
    return labels.astype(np.int64), model.cluster_centers_


def _choose_k(reduced: np.ndarray, distinct: int, rng: np.random.Generator, seed: int) -> int:
    """The smallest number of themes whose silhouette comes within AUTO_TOLERANCE of the best
    in AUTO_RANGE, measured on a sample (see the module docstring)."""
    low, high = AUTO_RANGE
    high = min(high, distinct - 1)
    if high < 2:
        return max(1, min(distinct, low))
    low = min(low, high)
    sample = reduced
    if len(reduced) > AUTO_SAMPLE:
        sample = reduced[np.sort(rng.choice(len(reduced), AUTO_SAMPLE, False))]
    scores = {}
    for k in range(low, high + 1):
        labels = KMeans(n_clusters=k, n_init=AUTO_N_INIT, random_state=seed).fit_predict(sample)
        if len(np.unique(labels)) > 1:
            scores[k] = silhouette_score(sample, labels, metric="cosine")
    if not scores:
        return 1
    best = max(scores.values())
    return min(k for k, score in scores.items() if score >= best - AUTO_TOLERANCE * abs(best))


def _silhouette(
    reduced: np.ndarray, labels: np.ndarray, rng: np.random.Generator, seed: int
) -> float | None:
    if len(np.unique(labels)) < 2 or len(np.unique(labels)) >= len(labels):
        return None
    return float(
        silhouette_score(
            reduced,
            labels,
            metric="cosine",
            sample_size=min(len(labels), AUTO_SAMPLE),
            random_state=seed,
        )
    )


@dataclass
class _Ranking:
    """Terms (one or two lemmas) and, per theme, those that characterise it, best first."""

    names: list[tuple[str, ...]]
    phrase: np.ndarray  # which pairs of lemmas may be shown
    ranked: list[np.ndarray]
    scores: list[np.ndarray]


def _rank_terms(
    matrix: sp.csr_matrix, labels: np.ndarray, k: int, vectoriser: TfidfVectorizer, depth: int
) -> _Ranking:
    """Per theme, the `depth` terms whose weight in the theme most exceeds their weight in the
    other answers: words of every theme ("quartier") score nothing; a single theme is
    described by its own weights."""
    membership = sp.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
        shape=(k, len(labels)),
    )
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    sums = np.asarray((membership @ matrix).todense(), dtype=np.float64)
    total = sums.sum(axis=0)
    names = [tuple(name.split(" ")) for name in vectoriser.get_feature_names_out()]
    index = {name[0]: j for j, name in enumerate(names) if len(name) == 1}
    df = np.bincount(matrix.indices, minlength=len(names))
    # A pair of lemmas is shown only when it is a set phrase: present in most answers holding
    # its rarer word ("pistes cyclables", "présence policière"). Others are accidents of
    # stop words removed between two words ("trop loin et ferme" gives "loin ferme").
    phrase = np.zeros(len(names), dtype=bool)
    for j, name in enumerate(names):
        if len(name) == 2 and name[0] in index and name[1] in index:
            rarer = min(df[index[name[0]]], df[index[name[1]]])
            phrase[j] = df[j] >= PHRASE_SHARE * rarer
    ranked, scores = [], []
    for t in range(k):
        others = len(labels) - sizes[t]
        score = sums[t] / sizes[t] - ((total - sums[t]) / others if others else 0.0)
        best = np.argsort(-score, kind="stable")[:depth]
        best = best[score[best] > 0]
        ranked.append(best)
        scores.append(score)
    return _Ranking(names, phrase, ranked, scores)


def _choose_terms(ranking: _Ranking, theme: int, count: int) -> list[tuple[str, ...]]:
    """The theme's `count` best terms, phrases standing in for their words."""
    names, phrase, score = ranking.names, ranking.phrase, ranking.scores[theme]
    # A phrase reads better than one of its words alone ("pistes cyclables" rather than
    # "pistes"): it stands in for the word when it weighs at least half as much.
    phrases: dict[str, int] = {}
    for j in ranking.ranked[theme]:
        if phrase[j]:
            for lemma in names[j]:
                phrases.setdefault(lemma, j)
    chosen: list[tuple[str, ...]] = []
    shown: set[str] = set()
    for j in ranking.ranked[theme]:
        if len(chosen) >= count:
            break
        term = names[j]
        if len(term) == 2 and not phrase[j]:
            continue
        better = phrases.get(term[0]) if len(term) == 1 else None
        if better is not None and score[better] >= PAIR_SHARE * score[j]:
            term = names[better]
        if all(lemma in shown for lemma in term):
            continue  # "pistes" adds nothing after "pistes cyclables"
        shown.update(term)
        chosen.append(term)
    return chosen


def _examples(
    reduced: np.ndarray,
    labels: np.ndarray,
    centres: np.ndarray,
    rows: np.ndarray,
    theme: int,
    count: int,
) -> tuple[int, ...]:
    members = np.flatnonzero(labels == theme)
    if count <= 0 or len(members) == 0:
        return ()
    similarity = reduced[members] @ centres[theme]
    nearest = members[np.argsort(-similarity, kind="stable")[:count]]
    return tuple(int(rows[i]) for i in nearest)
