"""French text normalisation for open answers: words, lemmas, stop words, readable forms.

What happens to an answer, in order:

1. HTML tags and entities, web addresses and e-mail addresses are removed (answers pasted
   from a web form or an e-mail keep their markup); the text is lower-cased.
2. Elisions are cut off (``l'éclairage`` → ``éclairage``, ``qu'on`` → ``on``), with the
   typographic apostrophe as well as the straight one.
3. Words are runs of letters: hyphens and punctuation split them; tokens holding a digit
   (``2024``, ``3ème``) and one-letter tokens are dropped, since neither names a theme.
4. Stop words are dropped (the ``stop-words`` package's French list, plus the words of
   :data:`NO_THEME_WORDS`), then each word is lemmatised with simplemma (``passent`` →
   ``passer``, ``poubelles`` → ``poubelle``) and dropped again if its lemma is a stop word
   (``sont`` → ``être``). simplemma only knows accented spellings, and a quarter of residents
   type without accents: a word it does not know takes the lemma of its accented spelling
   (``securite`` → ``sécurité``) when that spelling is unambiguous.

Lemmatisation goes through a cache of distinct words: an answer set of a million answers
holds a few tens of thousands of distinct words, so simplemma (a few microseconds a word)
is called that many times instead of once per word written.

:func:`lemmatise_many` works on a whole set of answers and does two things that need the
whole set: a word without accents that no dictionary restores takes the lemma of the accented
spelling other residents wrote (``honnetement``, ``honnêtement``), and each lemma gets the
form residents wrote most often, to show to people (see :class:`Lemmatised`). It also tells
which answers are mostly not French.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import simplemma
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY
from stop_words import get_stop_words

LANG = "fr"

# An open answer is a few lines. A whole document pasted into the box says no more about
# its theme after its first pages, and cutting it keeps the cost of one answer bounded.
MAX_CHARACTERS = 20_000

# Words that are frequent in answers to open questions but say how or when people answer,
# not what about: "il faut", "trop", "plus de", "c'est bien", "des choses", "le week-end"...
# Left in, they are the top terms of every theme and pull unrelated answers together. Listed
# as lemmas and as written, accented or not.
_NO_THEME_WORDS = """
    bonjour merci personnellement franchement honnêtement sinon problème problèmes
    faut falloir faudrait chose choses trop plus bien très tres vraiment beaucoup peu assez
    moins mieux toujours jamais souvent parfois rien tout toute toutes tous aussi encore
    déjà deja surtout même meme etc oui non ok svp stp bref voilà voila
    faire fait avoir être etre pouvoir vouloir devoir aller mettre dire penser trouver croire
    sembler savoir venir rester donner prendre arriver manquer manque davantage ras nsp
    pense trouve crois semble serait seraient pourrait pourraient devrait devraient
    truc gens monde personne personnes exemple niveau cas part
    bon bonne bons bonnes mauvais mauvaise grand grande petit petite gros grosse
    vrai vraie certain certaine certains certaines autre autres chaque plusieurs
    an ans année années jour jours fois moment aujourdhui maintenant actuellement
    près pres cela ça ca ceci celui celle ceux celles quelque quelques quelqu quelquun chez
    jusqu lorsqu puisqu quoiqu presqu uns unes weekend
"""
NO_THEME_WORDS = frozenset(_NO_THEME_WORDS.split())

_APOSTROPHE = "['’‘`´ʼ]"
_ELISION = re.compile(rf"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu){_APOSTROPHE}")
_TODAY = re.compile(rf"aujourd{_APOSTROPHE}hui")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL)
_TAG = re.compile(r"<[^>]{0,2000}>")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
# Runs of two letters or more between word boundaries: "3ème" and "mot_clé" are skipped whole.
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]«»\"]")


def fold_accents(word: str) -> str:
    """``éclairé`` → ``eclaire``: the word without its diacritics."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stop_words() -> frozenset[str]:
    words = {w.lower() for w in get_stop_words(LANG)} | NO_THEME_WORDS
    # Residents often leave accents out: "tres", "deja", "etre" are stop words too.
    return frozenset(words | {fold_accents(w) for w in words})


STOP_WORDS = _stop_words()


def normalise(text: str, *, elisions: bool = False) -> str:
    """Lower-cased text without markup, addresses or elisions, ready to be cut into words.

    ``elisions=True`` keeps them, to quote the text: they make no word of their own anyway
    (one letter, or "qu", "jusqu"... which are stop words).
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    # Each step is skipped when its mark is absent: most answers need none of them, and this
    # runs on every answer twice.
    text = text[:MAX_CHARACTERS].lower()
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    if "@" in text or "http" in text or "www." in text:
        text = _ADDRESS.sub(" ", text)
    if "aujourd" in text:  # "aujourd'hui" is one word with an apostrophe, not an elision
        text = _TODAY.sub("aujourdhui", text)
    if "week" in text:  # and "week-end" one word with a hyphen ("end" is English)
        text = text.replace("week-end", "weekend")
    return text if elisions else _ELISION.sub("", text)


def tokens(text: str) -> list[str]:
    """The words of an answer, lower-cased, before stop words and lemmatisation."""
    return _WORD.findall(normalise(text))


@functools.cache
def _lexicon() -> tuple[frozenset[str], dict[str, str]]:
    """simplemma's French words, and the lemma of accent-less spellings of accented ones.

    simplemma only knows ``sécurité``; a quarter of residents type ``securite``. The map
    gives the lemma for a spelling without accents when every accented word it could be has
    the same lemma (``ecoutent`` → ``écouter``), and nothing when they differ. Built once per
    process, in about a second.
    """
    dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary(LANG)
    words = set(dictionary)
    words.update(dictionary.values())
    restored: dict[str, str] = {}
    ambiguous: set[str] = set()
    for word in words:
        if word.isascii():
            continue
        folded = fold_accents(word)
        if folded in words:  # "marche" is a word as it is
            continue
        lemma = dictionary.get(word, word).lower()
        if restored.setdefault(folded, lemma) != lemma:
            ambiguous.add(folded)
    for folded in ambiguous:
        del restored[folded]
    return frozenset(words), restored


# Languages whose answers turn up in French consultations, recognised by their stop words.
OTHER_LANGUAGES = ("english", "german", "spanish", "italian", "portuguese", "dutch", "arabic")


@functools.cache
def _foreign_stop_words() -> frozenset[str]:
    """Stop words of :data:`OTHER_LANGUAGES` that are not French words ("the", "und", "los";
    not "place", "sent" or "important", which the English list holds too)."""
    words, restored = _lexicon()
    foreign = {w.lower() for language in OTHER_LANGUAGES for w in get_stop_words(language)}
    return frozenset(
        w for w in foreign if w not in STOP_WORDS and w not in words and w not in restored
    )


def french_weight(token: str) -> float:
    """How surely a lower-case word is French: 1 for a stop word or a word simplemma knows,
    0.5 for one it knows once accents are restored (``the`` would be ``thé``), 0 otherwise."""
    words, restored = _lexicon()
    if token in STOP_WORDS or token in words:
        return 1.0
    return 0.5 if token in restored else 0.0


def looks_french(words: Sequence[str]) -> bool:
    """Whether the words of an answer (from :func:`tokens`) are French.

    An answer is not French when more of its words are stop words of another language than
    French stop words (``the``, ``and`` against ``le``, ``et``), or when it has a few words
    and less than a third of them are French at all (another script, another language).
    Short answers are given the benefit of the doubt: "hlm insalubres" is French.
    """
    if len(words) < 3:
        return True
    foreign = _foreign_stop_words()
    french_stops = sum(w in STOP_WORDS for w in words)
    if sum(w in foreign for w in words) > french_stops:
        return False
    return len(words) < 4 or sum(map(french_weight, words)) >= len(words) / 3


def _lemma(token: str) -> str:
    """Lemma of one lower-case token, or "" when it carries no theme."""
    if token in STOP_WORDS:
        return ""
    words, restored = _lexicon()
    if token in words or token not in restored:
        lemma = simplemma.lemmatize(token, lang=LANG).lower()
    else:
        lemma = restored[token]
    if lemma in STOP_WORDS or len(lemma) < 2 or not lemma.isalpha():
        return ""
    return lemma


class _Cache:
    """Lemmas of the words met so far, bounded so that a long-lived worker does not grow."""

    LIMIT = 500_000

    def __init__(self) -> None:
        self.lemmas: dict[str, str] = {}

    def lemma(self, token: str) -> str:
        lemma = self.lemmas.get(token)
        if lemma is None:
            if len(self.lemmas) >= self.LIMIT:
                self.lemmas.clear()
            lemma = self.lemmas[token] = _lemma(token)
        return lemma


_cache = _Cache()


def lemmas(text: str) -> list[str]:
    """Lemmas of the words of one answer that can name a theme, in order.

    >>> lemmas("Les bus ne passent pas assez souvent, l'éclairage est nul !")
    ['bus', 'passer', 'éclairage', 'nul']
    """
    lemma = _cache.lemma
    return [lem for lem in map(lemma, tokens(text)) if lem]


@dataclass(frozen=True)
class Lemmatised:
    """A set of answers, lemmatised together.

    ``lemmas`` has one list per answer. ``forms`` maps each lemma to the form residents wrote
    most often for it (``bus``, ``poubelles``, ``éclairage``, ``passent``): shown to people,
    it is always a word they will find in the answers, and it hides the lemmatiser's slips
    (simplemma reads ``sales`` as the verb ``saler``). Between spellings that differ only by
    accents, the accented one is shown. ``french`` says, per answer, whether it is French
    (:func:`looks_french`).
    """

    lemmas: list[list[str]]
    forms: dict[str, str]
    french: list[bool]


def lemmatise_many(texts: Iterable[str]) -> Lemmatised:
    """Lemmas of many answers at once, with accents restored from the set (see module doc)."""
    texts = texts if isinstance(texts, Sequence) else list(texts)
    written: Counter[str] = Counter()
    for text in texts:
        written.update(tokens(text))
    resolved = _resolve(written)

    all_lemmas: list[list[str]] = []
    french: list[bool] = []
    for text in texts:
        words = tokens(text)
        all_lemmas.append([lem for lem in map(resolved.__getitem__, words) if lem])
        french.append(looks_french(words))
    return Lemmatised(all_lemmas, _readable_forms(written, resolved), french)


def lemmas_many(texts: Iterable[str]) -> list[list[str]]:
    """Lemmas of each answer of a set, accents restored from the set."""
    return lemmatise_many(texts).lemmas


def written_phrases(
    texts: Iterable[str], pairs: Iterable[tuple[str, str]], max_between: int = 1
) -> dict[tuple[str, str], str]:
    """How residents most often wrote each pair of successive lemmas, with the words between.

    The pair ``("maison", "quartier")`` reads "maison de quartier", ``("piste", "cyclable")``
    "pistes cyclables": more natural than each word's usual form side by side ("pistes
    cyclable"). A pair with more than ``max_between`` dropped words between its lemmas, or
    not found in the texts, is left out.
    """
    wanted = set(pairs)
    if not wanted:
        return {}
    firsts = {first for first, _second in wanted}
    found: dict[tuple[str, str], Counter[str]] = {}
    for text in texts:
        text = normalise(text, elisions=True)
        previous, start, between = "", 0, 0
        for match in _WORD.finditer(text):
            lemma = _cache.lemma(match.group())
            if not lemma:
                between += 1
                continue
            pair = (previous, lemma)
            if between <= max_between and pair in wanted:
                span = text[start : match.end()]
                if not _PUNCTUATION.search(span):  # "rue. les poubelles" is no phrase
                    found.setdefault(pair, Counter())[" ".join(span.split())] += 1
            previous, start, between = (lemma, match.start(), 0) if lemma in firsts else ("", 0, 0)
    return {pair: spellings.most_common(1)[0][0] for pair, spellings in found.items()}


def _resolve(written: Counter[str]) -> dict[str, str]:
    """Lemma of each distinct word; a word simplemma does not know takes the lemma of the
    accented spelling written most often in the set (``honnetement`` → ``honnêtement``)."""
    resolved = {token: _cache.lemma(token) for token in written}
    words, _restored = _lexicon()
    twins: dict[str, str] = {}
    for token, _count in written.most_common():
        folded = fold_accents(token)
        if folded != token and folded not in twins:
            twins[folded] = token
    for token, twin in twins.items():
        if token in resolved and token not in words:
            resolved[token] = resolved[twin]
    return resolved


def _readable_forms(written: Counter[str], resolved: dict[str, str]) -> dict[str, str]:
    by_lemma: dict[str, Counter[str]] = {}
    for token, count in written.items():
        lemma = resolved[token]
        if lemma:
            by_lemma.setdefault(lemma, Counter())[token] += count
    forms = {}
    for lemma, spellings in by_lemma.items():
        # Group spellings that differ only by accents, take the most written group, and
        # within it the accented spelling written most.
        groups: dict[str, int] = Counter()
        for token, count in spellings.items():
            groups[fold_accents(token)] += count
        best_group = max(groups, key=lambda g: (groups[g], g == fold_accents(lemma)))
        candidates = [t for t in spellings if fold_accents(t) == best_group]
        forms[lemma] = max(candidates, key=lambda t: (t != best_group, spellings[t], t))
    return forms
