"""The demo lab's answers: two waves (before, after) of each demo questionnaire, given by
believable participants whose opinions move between the waves, so analyses have data.

Answers are generated from the questionnaire's own rules (whatever questions the surveys demo
puts in it), checked with `validation.check` like any channel's, and stored in bulk with what
`services._store` writes. A fixed seed makes the same demo every time.
"""

import functools
import math
import random
import re
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from datetime import time as clock
from statistics import NormalDist

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from civiclab.collection import campaigns as campaign_services
from civiclab.collection.models import (
    Campaign,
    Invitation,
    PersonalData,
    Respondent,
    Response,
)
from civiclab.collection.services import fingerprint, spec_for
from civiclab.collection.validation import CHOICE_TYPES, FieldSpec, FormSpec, check
from civiclab.demo.experiments import EXPERIMENTS
from civiclab.experiments.models import Membership
from civiclab.qualitative.demo_material import open_answer
from civiclab.surveys import review
from civiclab.surveys.models import Question, Questionnaire, QuestionnaireVersion

SEED = 2026
T = Question.Type
Channel = Response.Channel
WAVE_LABELS = {Campaign.Wave.BEFORE: "Vague 1 — avant", Campaign.Wave.AFTER: "Vague 2 — après"}
PANEL_SHARE = 0.30  # of wave-2 answers, given by wave-1 respondents
RECONTACT_SHARE = 0.5  # of wave-1 respondents who leave a way to reach them again
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Audience:
    """Who answers one wave, compared with the usual tilt of participation."""

    older: float = 1.0  # above 1: even more older people than usual
    youth: float = 1.0  # weight of the under-30s; small makes the thin subgroup
    qpv: float = 0.12  # share living in a priority neighbourhood (QPV)
    first_time: float = 0.35
    workers: float = 1.0  # weight of manual workers and clerical employees


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, int]  # answers in wave 1, wave 2
    targets: tuple[int, int]
    effect: float  # shift of opinions after, in standard deviations of the attitude
    channels: dict  # channel -> share, outside the panel (panel members answer online)
    places: tuple[str, ...]  # where surveyors hold the tablet
    homes: tuple[str, ...]  # where respondents live
    surveyors: tuple[str, ...]  # demo logins
    wave2_open: bool
    before: Audience = Audience()
    after: Audience = Audience()
    quotas: bool = False
    purpose: str = ""


PLANS = {
    # Drawing a third of the seats by lot is meant to make members feel heard: +12 points.
    "conseils-de-quartier-lille": Plan(
        sizes=(450, 400),
        targets=(500, 450),
        effect=0.33,
        channels={Channel.ONLINE: 0.5, Channel.FACE_TO_FACE: 0.3, Channel.PAPER: 0.2},
        places=(
            "Marché de Wazemmes",
            "Mairie de quartier de Fives",
            "Maison de quartier de Moulins",
            "Centre social de Lille-Sud",
        ),
        homes=("Fives", "Moulins", "Wazemmes", "Lille-Sud", "Vauban-Esquermes", "Bois-Blancs"),
        surveyors=("equipe", "analyste"),
        wave2_open=True,
        before=Audience(older=1.3, qpv=0.14),
        after=Audience(older=1.15, qpv=0.18, first_time=0.4),
        quotas=True,
        purpose=(
            "Mesurer comment les membres des conseils de quartier de Lille vivent leur "
            "conseil avant et après l'ouverture d'un tiers des sièges au tirage au sort. "
            "Les réponses sont analysées sans votre nom."
        ),
    ),
    # The region reaches new people, but their view of the consultation does not move.
    "engagement-citoyen-hauts-de-france": Plan(
        sizes=(1450, 1300),
        targets=(1400, 1400),
        effect=0.07,
        channels={Channel.ONLINE: 0.35, Channel.FACE_TO_FACE: 0.55, Channel.PAPER: 0.1},
        places=(
            "Marché de Wazemmes",
            "Marché de Roubaix",
            "Centre social de Denain",
            "Porte-à-porte, cité 12-14 à Lens",
            "Gare d'Amiens",
        ),
        homes=("Lille", "Roubaix", "Denain", "Lens", "Amiens", "Calais", "Maubeuge"),
        surveyors=("innovateur", "analyste", "coordinateur"),
        wave2_open=True,
        before=Audience(first_time=0.3),
        after=Audience(older=0.8, youth=1.6, qpv=0.3, first_time=0.55, workers=1.8),
        purpose=(
            "Savoir qui participe à la consultation régionale et ce que les habitants en "
            "pensent, avant et après les stands, le porte-à-porte et les SMS. Les réponses "
            "sont analysées sans votre nom."
        ),
    ),
    # Few young people stop at the mobile house: their answers stay under 30 per wave.
    "participation-espace-public-oignies": Plan(
        sizes=(320, 260),
        targets=(300, 300),
        effect=0.2,
        channels={Channel.ONLINE: 0.15, Channel.FACE_TO_FACE: 0.6, Channel.PAPER: 0.25},
        places=(
            "Place du marché",
            "Maison mobile, place du marché",
            "Cité 4",
            "Sortie de l'école Jean-Jaurès",
        ),
        homes=("Centre", "Cité 4", "Cité 2", "Quartier de la gare", "Les Ateliers"),
        surveyors=("communication", "coordinatrice"),
        wave2_open=False,
        before=Audience(youth=0.4, qpv=0.25, workers=1.5),
        after=Audience(youth=0.4, qpv=0.25, workers=1.5),
        purpose=(
            "Recueillir l'avis des habitants d'Oignies sur la place du marché, avant et "
            "après les ateliers de co-conception. Les réponses sont analysées sans votre nom."
        ),
    ),
}
DEFAULT_PLAN = Plan(
    sizes=(200, 200),
    targets=(200, 200),
    effect=0.1,
    channels={Channel.ONLINE: 0.5, Channel.FACE_TO_FACE: 0.4, Channel.PAPER: 0.1},
    places=("Mairie",),
    homes=("Centre",),
    surveyors=("equipe",),
    wave2_open=True,
)

# --- free texts ------------------------------------------------------------------------------

# Open questions whose answers speak of one subject, found by a part of the question's code.
OPEN_KINDS = ("pourquoi", "priorit", "idee")
FIRST_NAMES = ["Camille", "Nadia", "Hugo", "Inès", "Karim", "Julie", "Yanis", "Chloé", "Marc"]
LAST_NAMES = ["Martin", "Benali", "Dubois", "Lefebvre", "Haddad", "Roux", "Petit", "Durand"]


# --- who answers -----------------------------------------------------------------------------


@dataclass
class Person:
    age: int
    sex: str
    pcs: str  # INSEE socio-professional group, 1 digit
    diploma: int  # 0 no diploma ... 6 five years of higher education or more
    qpv: bool
    first_time: bool
    attitude: float  # towards the process: drives every opinion item
    home: str
    respondent: Respondent | None = None
    invitation: Invitation | None = None


def _population(age: int) -> float:
    """Relative number of inhabitants of each age, from 15."""
    if age < 60:
        return 1.0
    if age < 80:
        return 1.0 - (age - 60) * 0.02
    return max(0.05, 0.6 - (age - 80) * 0.04)


def _propensity(age: int, audience: Audience) -> float:
    """How likely people of that age are to take part: older people answer more."""
    base = 0.45 + 0.012 * (min(age, 75) - 15)
    if age >= 80:
        base *= 0.85
    tilt = audience.older ** ((age - 45) / 30)
    return base * tilt * (audience.youth if age < 30 else 1.0)


_AGES = range(15, 95)


def _age_weights(audience: Audience) -> list[float]:
    return [_population(a) * _propensity(a, audience) for a in _AGES]


def _pcs(rng: random.Random, age: int, audience: Audience) -> str:
    if age >= 64:
        return rng.choices("783", weights=(90, 7, 3))[0]
    workers = audience.workers
    if age < 25:
        return rng.choices("8564", weights=(55, 25 * workers**0.5, 10 * workers, 10))[0]
    # Managers answer far more than their share of the population, manual workers far less.
    weights = (1, 6, 24, 25, 22 * workers**0.5, 8 * workers, 9)
    return rng.choices("1234568", weights=weights)[0]


DIPLOMAS_BY_PCS = {
    "1": (15, 10, 40, 20, 10, 3, 2),
    "2": (10, 8, 35, 22, 15, 6, 4),
    "3": (0, 1, 2, 8, 14, 30, 45),
    "4": (1, 2, 10, 20, 35, 22, 10),
    "5": (8, 10, 32, 28, 14, 6, 2),
    "6": (25, 15, 45, 12, 3, 0, 0),
    "7": (20, 10, 25, 15, 12, 10, 8),
    "8": (15, 10, 15, 30, 12, 10, 8),
}
QPV_BY_PCS = {"3": 0.35, "4": 0.8, "5": 1.5, "6": 1.8, "8": 1.4}


def _person(rng: random.Random, audience: Audience, weights: list[float], homes) -> Person:
    age = rng.choices(_AGES, weights=weights)[0]
    pcs = _pcs(rng, age, audience)
    qpv = rng.random() < min(0.9, audience.qpv * QPV_BY_PCS.get(pcs, 1.0))
    first_time = rng.random() < min(0.95, audience.first_time * (1.4 if age < 30 else 1.0))
    sex = rng.choices(("femme", "homme", "autre"), weights=(54, 45, 1))[0]
    attitude = rng.gauss(0, 1) + 0.004 * (age - 50) - 0.25 * qpv - 0.1 * first_time
    return Person(
        age=age,
        sex=sex,
        pcs=pcs,
        diploma=rng.choices(range(7), weights=DIPLOMAS_BY_PCS[pcs])[0],
        qpv=qpv,
        first_time=first_time,
        attitude=attitude,
        home=rng.choice(homes),
    )


def _again(rng: random.Random, person: Person) -> Person:
    """A panel member months later: same person, opinion partly the same."""
    return replace(person, first_time=False, attitude=person.attitude + rng.gauss(0, 0.35))


# --- their answers ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _band(value: str) -> tuple[int, int] | None:
    """Ages of an age-band choice: "15_29" -> (15, 29), "moins_15" -> (0, 14), "75_plus"."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if len(numbers) == 1 and value.startswith(("moins", "under")):
        return (0, numbers[0] - 1)
    if len(numbers) == 1 and ("plus" in value or value.endswith("+")):
        return (numbers[0], 150)
    return (numbers[0], numbers[1]) if len(numbers) == 2 else None


@functools.lru_cache(maxsize=1024)
def _leanings(code: str, count: int) -> tuple[float, ...]:
    # Per-question preferences, the same whatever order the questions are generated in.
    rng = random.Random(f"{SEED}:{code}")
    return tuple(rng.random() for _ in range(count))


@dataclass
class Asked:
    """What one generated answer depends on."""

    person: Person
    shift: float  # of opinions, in this wave
    moment: datetime
    rng: random.Random


PROFILE_CODES = {
    "sex": ("sexe", "sex", "genre", "gender"),
    "pcs": ("pcs", "csp"),
    "diploma": ("diplome", "diploma", "niveau_diplome"),
    "qpv": ("qpv",),
    "first_time": ("premiere_participation", "premiere_fois", "first_time"),
}


def kind(spec: FieldSpec) -> str:
    """How answers to the question are generated: a profile trait, an opinion, or by type."""
    code = spec.code.lower()
    if spec.type in (T.NOTE, T.CALCULATE):
        return "none"
    if "age" in code and spec.choices and all(_band(c) for c in spec.choices):
        return "age_band"
    if code in ("age", "âge") and spec.type == T.INTEGER:
        return "age"
    if spec.choices:
        trait = next((k for k, codes in PROFILE_CODES.items() if code.startswith(codes)), None)
        if trait:
            return trait
    if spec.type == T.SHORT_TEXT and any(w in code for w in ("commune", "quartier", "ville")):
        return "home"
    if spec.type in CHOICE_TYPES and len(spec.choices) >= 3 and all(map(str.isdigit, spec.choices)):
        return "opinion"  # an agreement or satisfaction scale: choices are ranks
    if spec.type == T.YES_NO or set(spec.choices) >= {"oui", "non"}:
        return "intention"
    return spec.type


def _either(spec: FieldSpec, yes: bool, rng: random.Random) -> str:
    value = "oui" if yes else "non"
    return value if value in spec.choices else rng.choice(spec.choices)


def _age_band(spec: FieldSpec, asked: Asked) -> str:
    age = asked.person.age
    return next((c for c in spec.choices if _band(c)[0] <= age <= _band(c)[1]), spec.choices[-1])


def _sex(spec: FieldSpec, asked: Asked) -> str:
    sex = asked.person.sex
    if sex not in spec.choices:
        sex = asked.rng.choice(("femme", "homme"))
    return next((c for c in spec.choices if c.startswith(sex[0])), asked.rng.choice(spec.choices))


def _pcs_answer(spec: FieldSpec, asked: Asked) -> str:
    pcs = asked.person.pcs
    return pcs if pcs in spec.choices else asked.rng.choice(spec.choices)


def _diploma(spec: FieldSpec, asked: Asked) -> str:
    return spec.choices[round(asked.person.diploma * (len(spec.choices) - 1) / 6)]


def _qpv(spec: FieldSpec, asked: Asked) -> str:
    if "nsp" in spec.choices and asked.rng.random() < 0.04:
        return "nsp"
    return _either(spec, asked.person.qpv, asked.rng)


def _opinion(spec: FieldSpec, asked: Asked) -> str:
    lean = 0.5 + 0.12 * _leanings(spec.code, 1)[0]
    latent = 0.8 * asked.person.attitude + asked.shift + asked.rng.gauss(0, 0.6)
    cuts = _cuts(len(spec.choices), round(lean, 3))
    return spec.choices[sum(latent > c for c in cuts)]


@functools.lru_cache(maxsize=256)
def _cuts(count: int, lean: float) -> tuple[float, ...]:
    """Where the attitude crosses from one choice to the next: a binomial spread over the
    choices, one peak, slightly on the agreeing side."""
    cumulative, cuts = 0.0, []
    for k in range(count - 1):
        cumulative += math.comb(count - 1, k) * lean**k * (1 - lean) ** (count - 1 - k)
        cuts.append(NormalDist().inv_cdf(min(cumulative, 0.999)))
    return tuple(cuts)


def _intention(spec: FieldSpec, asked: Asked) -> str:
    # Intentions (carry on, take part again) follow the attitude, and move with the wave.
    chance = 1 / (1 + math.exp(-(0.9 * asked.person.attitude + 0.9 + 1.5 * asked.shift)))
    return _either(spec, asked.rng.random() < chance, asked.rng)


def _single(spec: FieldSpec, asked: Asked) -> str:
    weights = [0.2 + w for w in _leanings(spec.code, len(spec.choices))]
    return asked.rng.choices(spec.choices, weights=weights)[0]


def _picked(spec: FieldSpec, asked: Asked) -> list[str]:
    chances = [0.12 + 0.5 * w for w in _leanings(spec.code, len(spec.choices))]
    rng = asked.rng
    picked = [c for c, p in zip(spec.choices, chances, strict=True) if rng.random() < p]
    picked = picked or [rng.choices(spec.choices, weights=chances)[0]]
    return picked[: spec.max_choices or len(picked)]


def _ranked(spec: FieldSpec, asked: Asked) -> list[str]:
    preferences = dict(zip(spec.choices, _leanings(spec.code, len(spec.choices)), strict=True))
    ranked = sorted(spec.choices, key=lambda c: -preferences[c] - asked.rng.random())
    return ranked[: min(len(ranked), spec.max_choices or 3)]


def _number(spec: FieldSpec, asked: Asked) -> int | float:
    low = float(spec.minimum) if spec.minimum is not None else 0.0
    high = float(spec.maximum) if spec.maximum is not None else low + 10
    # Counts (meetings attended...) are mostly small, a little higher for the convinced.
    keen = 1.2 if asked.person.attitude > 0.5 else 1.0
    value = low + (high - low) * min(1.0, asked.rng.betavariate(1.5, 4) * keen)
    return round(value) if spec.type == T.INTEGER else round(value, 1)


def _date(spec: FieldSpec, asked: Asked) -> str:
    return (asked.moment.date() - timedelta(days=asked.rng.randrange(1, 365))).isoformat()


def _text(spec: FieldSpec, asked: Asked) -> str:
    code, rng = spec.code.lower(), asked.rng
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if "mail" in code or "courriel" in code:
        return f"{first}.{last}{rng.randrange(10, 99)}@exemple.fr".lower()
    if "tel" in code or "phone" in code:
        return "06 " + " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
    if code in ("nom", "name", "prenom", "nom_prenom"):
        return f"{first} {last}"
    kind = next((key for key in OPEN_KINDS if key in code), "comment")
    # One draw from the shared generator, as when answers came from pools of 6 sentences: every
    # later answer of the demo stays what it was. The text has a generator of its own.
    draw = rng.randrange(6)
    own = random.Random(f"{code}:{asked.moment.isoformat()}:{asked.person.age}:{draw}")
    return open_answer(kind, own)


GENERATORS = {
    "age_band": _age_band,
    "age": lambda spec, asked: asked.person.age,
    "sex": _sex,
    "pcs": _pcs_answer,
    "diploma": _diploma,
    "qpv": _qpv,
    "first_time": lambda spec, asked: _either(spec, asked.person.first_time, asked.rng),
    "home": lambda spec, asked: asked.person.home,
    "opinion": _opinion,
    "intention": _intention,
    T.SINGLE_CHOICE: _single,
    T.SCALE: _single,
    T.YES_NO: _single,
    T.MULTIPLE_CHOICE: _picked,
    T.RANKING: _ranked,
    T.INTEGER: _number,
    T.DECIMAL: _number,
    T.DATE: _date,
}

# Chance of leaving an optional question unanswered, by channel: free texts are often skipped.
SKIP_CLOSED = {Channel.ONLINE: 0.03, Channel.FACE_TO_FACE: 0.02, Channel.PAPER: 0.08}
SKIP_TEXT = {Channel.ONLINE: 0.7, Channel.FACE_TO_FACE: 0.8, Channel.PAPER: 0.88}
# The question a consultation is about (a priority, an idea) is answered far more often than a
# closing "any comment?"; its answers are what the suggested themes are tried on.
SKIP_OPEN = {Channel.ONLINE: 0.25, Channel.FACE_TO_FACE: 0.3, Channel.PAPER: 0.5}
TEXT_TYPES = {T.SHORT_TEXT, T.LONG_TEXT}


def _skipped(spec: FieldSpec, channel: str, rng: random.Random) -> bool:
    if spec.required:
        return False
    if spec.personal:
        return rng.random() < 0.6  # most people keep their contact details to themselves
    table = SKIP_CLOSED
    if spec.type in TEXT_TYPES:
        is_open = any(key in spec.code.lower() for key in OPEN_KINDS)
        table = SKIP_OPEN if is_open else SKIP_TEXT
    return rng.random() < table[channel]


def _generate(spec: FieldSpec, kind_: str, asked: Asked) -> object:
    return GENERATORS.get(kind_, _text)(spec, asked)


def _checked(form: FormSpec, kinds: dict, asked: Asked, channel: str):
    """Generated answers to every question (`check` drops those show-if conditions hide),
    checked; what a constraint refuses is drawn again, then left out. None if still refused."""
    answers = {
        f.code: _generate(f, kinds[f.code], asked)
        for f in form.fields
        if kinds[f.code] != "none" and not _skipped(f, channel, asked.rng)
    }
    for attempt in range(6):
        checked = check(form, answers)
        if checked.ok:
            return checked
        for code in checked.errors:
            f = form.field(code)
            if f is None or (not f.required and attempt >= 2):
                answers.pop(code, None)
            else:
                answers[code] = _generate(f, kinds[code], asked)
    return None


# --- when and how ----------------------------------------------------------------------------


@dataclass
class Wave:
    campaign: Campaign
    version: QuestionnaireVersion
    spec: FormSpec
    audience: Audience
    shift: float
    size: int
    surveyors: list
    places: tuple[str, ...]
    channels: dict
    rng: random.Random
    taken: set  # pseudonyms of the experiment
    kinds: dict  # question code -> kind()
    stored: list = field(default_factory=list)  # (Response, Person)
    personal: list = field(default_factory=list)
    references: int = 0
    rejected: int = 0


def _moment(wave: Wave, channel: str) -> datetime:
    campaign, rng = wave.campaign, wave.rng
    end = min(campaign.closes_at, timezone.now() - timedelta(hours=2))
    days = max(1, (end - campaign.opens_at).days)
    # Many answers come in the first days after the launch, the rest over the whole wave.
    day = rng.randrange(max(1, days // 4)) if rng.random() < 0.4 else rng.randrange(days)
    hours = {Channel.ONLINE: (7, 23), Channel.FACE_TO_FACE: (9, 18), Channel.PAPER: (9, 19)}
    hour = rng.randrange(*hours[channel])
    # opens_at is in the lab's time zone: adding to it keeps local (wall-clock) hours.
    midnight = campaign.opens_at.replace(hour=0, minute=0)
    return min(midnight + timedelta(days=day, hours=hour, minutes=rng.randrange(60)), end)


def _response(wave: Wave, person: Person, channel: str) -> Response | None:
    rng = wave.rng
    moment = _moment(wave, channel)
    checked = _checked(wave.spec, wave.kinds, Asked(person, wave.shift, moment, rng), channel)
    if checked is None:
        wave.rejected += 1
        return None
    started = None if channel == Channel.PAPER else moment - timedelta(minutes=rng.randrange(3, 20))
    face_to_face = channel == Channel.FACE_TO_FACE
    reference = ""
    if channel == Channel.PAPER:
        wave.references += 1
        reference = f"V{wave.campaign.wave[0].upper()}-{wave.references:04d}"
    respondent = person.respondent
    if checked.personal and respondent is None:
        respondent = person.respondent = _new_respondent(wave)
    response = Response(
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        campaign=wave.campaign,
        version=wave.version,
        respondent=respondent,
        channel=channel,
        answers=checked.answers,
        fingerprint=fingerprint(wave.version.number, checked.answers, checked.personal),
        surveyor=rng.choice(wave.surveyors) if face_to_face else None,
        entered_by=rng.choice(wave.surveyors) if channel == Channel.PAPER else None,
        place=rng.choice(wave.places) if face_to_face else "",
        paper_reference=reference,
        started_at=started,
        submitted_at=moment,
        consent_at=started,
    )
    if checked.personal:
        wave.personal.append((response, respondent, checked.personal))
    return response


# --- respondents -----------------------------------------------------------------------------


def _pseudonym(wave: "Wave") -> str:
    # Drawn from the demo's seed (new_pseudonym() is not reproducible), unique per experiment.
    while True:
        pseudonym = "R-" + "".join(wave.rng.choices(PSEUDONYM_ALPHABET, k=8))
        if pseudonym not in wave.taken:
            wave.taken.add(pseudonym)
            return pseudonym


def _new_respondent(wave: "Wave") -> Respondent:
    # Saved in bulk with the others (_save_respondents), before the responses that use it.
    experiment_id = wave.campaign.questionnaire.experiment_id
    return Respondent(experiment_id=experiment_id, pseudonym=_pseudonym(wave))


def _save_respondents(people: list[Person]) -> None:
    fresh = [p.respondent for p in people if p.respondent is not None and p.respondent.pk is None]
    Respondent.objects.bulk_create(fresh)


# --- storing ---------------------------------------------------------------------------------


def _store(wave: Wave, people: list[Person], channels: list[str]) -> None:
    """Generate, check and bulk-store the answers of `people`, one channel each."""
    responses = []
    for person, channel in zip(people, channels, strict=True):
        response = _response(wave, person, channel)
        if response is not None:
            responses.append(response)
            wave.stored.append((response, person))
    _save_respondents([person for _response, person in wave.stored])
    Response.objects.bulk_create(responses, batch_size=500)
    PersonalData.objects.bulk_create(
        PersonalData(response=r, respondent=respondent, data=data)
        for r, respondent, data in wave.personal
    )
    # Stored today, but received (as far as the demo can tell) when they were given.
    wave.campaign.responses.update(received_at=F("submitted_at"))
    if not wave.version.frozen:
        QuestionnaireVersion.objects.filter(pk=wave.version.pk).update(frozen=True)
        wave.version.frozen = True


def _channels(wave: Wave, count: int) -> list[str]:
    names, shares = zip(*wave.channels.items(), strict=True)
    return wave.rng.choices(names, weights=shares, k=count)


def _fill_first(wave: Wave, homes) -> list[Person]:
    weights = _age_weights(wave.audience)
    people = [_person(wave.rng, wave.audience, weights, homes) for _ in range(wave.size)]
    for person in people:
        if wave.rng.random() < RECONTACT_SHARE:
            person.respondent = _new_respondent(wave)
    _store(wave, people, _channels(wave, len(people)))
    return [p for _response, p in wave.stored if p.respondent is not None]


def _fill_second(wave: Wave, source: Campaign, pool: list[Person], homes, actor) -> int:
    """Wave 2: a panel of wave-1 respondents answering their one-time link, then newcomers."""
    invitations = campaign_services.invite_panel(actor, wave.campaign, source)
    by_respondent = {i.respondent_id: i for i in invitations}
    panel = wave.rng.sample(pool, min(len(pool), round(wave.size * PANEL_SHARE)))
    returning = [
        replace(_again(wave.rng, p), invitation=by_respondent[p.respondent.pk]) for p in panel
    ]
    weights = _age_weights(wave.audience)
    newcomers = [
        _person(wave.rng, wave.audience, weights, homes) for _ in range(wave.size - len(panel))
    ]
    channels = [Channel.ONLINE] * len(returning) + _channels(wave, len(newcomers))
    _store(wave, returning + newcomers, channels)
    used = []
    for response, person in wave.stored:
        if person.invitation is not None:
            person.invitation.used_at = response.submitted_at
            used.append(person.invitation)
    Invitation.objects.bulk_update(used, ["used_at"])
    return len(used)


# --- campaigns -------------------------------------------------------------------------------


def _periods(plan: Plan, questionnaire: Questionnaire) -> list[tuple[datetime, datetime]]:
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    if plan.wave2_open:
        second = (now - timedelta(days=40), now + timedelta(days=25))
    else:
        second = (now - timedelta(days=70), now - timedelta(days=12))
    start = questionnaire.experiment.start_date
    start_at = timezone.make_aware(datetime.combine(start, clock(9)))
    closes = min(start_at + timedelta(days=70), second[0] - timedelta(days=30))
    return [(closes - timedelta(days=56), closes), second]


def _campaign(actor, questionnaire, plan, wave, index, period) -> Campaign:
    fields = {
        "label": WAVE_LABELS[wave],
        "wave": wave,
        "online": True,
        "face_to_face": True,
        "paper": True,
        "opens_at": period[0],
        "closes_at": period[1],
        "target_size": plan.targets[index],
    }
    if plan.purpose:
        fields["consent_purpose"] = plan.purpose
    return campaign_services.create_campaign(actor, questionnaire, **fields)


def _quota_cells(campaign: Campaign, version) -> list[tuple[dict, int]]:
    """Age band × sex cells in the population's proportions (INSEE's two-answer sex)."""
    questions = {q.code: q for q in campaign_services.quota_questions(version)}
    bands = next(
        (q for q in questions.values() if "age" in q.code and _bands(q) == len(_choices(q))),
        None,
    )
    sexes = questions.get("sexe")
    if bands is None or sexes is None:
        return []
    band_values = [v for v in _choices(bands) if _band(v)[0] >= 15]
    shares = {
        v: sum(_population(a) for a in _AGES if _band(v)[0] <= a <= _band(v)[1])
        for v in band_values
    }
    total = sum(shares.values()) or 1
    cells = []
    for value in band_values:
        for sex in ("femme", "homme"):
            target = round(campaign.target_size * shares[value] / total / 2)
            cells.append(({bands.code: value, sexes.code: sex}, target))
    return cells


def _choices(question: Question) -> list[str]:
    return [c.value for c in question.choice_list.choices.all()]


def _bands(question: Question) -> int:
    return sum(1 for v in _choices(question) if _band(v))


def _actor(questionnaire: Questionnaire):
    coordinator = (
        Membership.objects.filter(
            experiment=questionnaire.experiment,
            role=Membership.Role.COORDINATOR,
            person__user__isnull=False,
        )
        .select_related("person__user")
        .order_by("pk")
        .first()
    )
    return (
        coordinator.person.user if coordinator else get_user_model().objects.get(username="admin")
    )


def _open(actor, questionnaire: Questionnaire) -> None:
    """Walk the questionnaire through review to open, as the team would."""
    steps = {"draft": "submit", "in_review": "approve", "approved": "open", "closed": "reopen"}
    for _step in range(len(steps)):
        action = steps.get(questionnaire.status)
        if action is None:
            return
        questionnaire = review.change_status(actor, questionnaire, action)


def _surveyors(plan: Plan) -> list:
    users = list(get_user_model().objects.filter(username__in=plan.surveyors).order_by("username"))
    return users or list(get_user_model().objects.filter(username="admin"))


# --- the builder -----------------------------------------------------------------------------


def build(stdout=None) -> dict[str, int]:
    """Give each demo questionnaire its two waves of answers, unless it has campaigns already.
    Returns the number of responses stored per questionnaire's experiment slug."""
    slugs = [e["slug"] for e in EXPERIMENTS]
    counts = {}
    questionnaires = Questionnaire.objects.filter(experiment__slug__in=slugs).select_related(
        "experiment"
    )
    for questionnaire in questionnaires.order_by("experiment__slug", "pk"):
        if questionnaire.campaigns.exists() or questionnaire.current_version() is None:
            continue
        began = time.perf_counter()
        stored, refused = _answer(questionnaire)
        counts[questionnaire.experiment.slug] = stored
        if stdout is not None:
            # Refused: generated answers that still broke a constraint; none is expected.
            stdout.write(
                f"  {questionnaire.experiment.slug}: {stored} answers over two waves, "
                f"{refused} refused ({time.perf_counter() - began:.1f} s)\n"
            )
    return counts


def _answer(questionnaire: Questionnaire) -> tuple[int, int]:
    """Open `questionnaire`, add its two waves and their answers: (stored, refused)."""
    plan = PLANS.get(questionnaire.experiment.slug, DEFAULT_PLAN)
    actor = _actor(questionnaire)
    _open(actor, questionnaire)
    version = questionnaire.current_version()
    spec = spec_for(version)
    surveyors = _surveyors(plan)
    kinds = {f.code: kind(f) for f in spec.fields}
    taken = set(questionnaire.experiment.respondents.values_list("pseudonym", flat=True))
    waves = []
    for index, (wave_kind, period) in enumerate(
        zip(WAVE_LABELS, _periods(plan, questionnaire), strict=True)
    ):
        campaign = _campaign(actor, questionnaire, plan, wave_kind, index, period)
        if plan.quotas:
            campaign_services.set_quotas(actor, campaign, _quota_cells(campaign, version))
        waves.append(
            Wave(
                campaign=campaign,
                version=version,
                spec=spec,
                audience=(plan.before, plan.after)[index],
                shift=plan.effect * index,
                size=plan.sizes[index],
                surveyors=surveyors,
                places=plan.places,
                channels=plan.channels,
                rng=random.Random(f"{SEED}:{questionnaire.experiment.slug}:{index}"),
                taken=taken,
                kinds=kinds,
            )
        )
    pool = _fill_first(waves[0], plan.homes)
    _fill_second(waves[1], waves[0].campaign, pool, plan.homes, actor)
    if not plan.wave2_open:
        review.change_status(actor, Questionnaire.objects.get(pk=questionnaire.pk), "close")
    return sum(len(w.stored) for w in waves), sum(w.rejected for w in waves)
