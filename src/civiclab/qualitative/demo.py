"""The demo lab's qualitative work: codebooks, transcripts coded by two people, verbatims, and
the open answers of each questionnaire ready for suggested themes."""

from django.contrib.auth import get_user_model

from civiclab.collection.demo import OPEN_KINDS
from civiclab.experiments.models import Membership
from civiclab.impact.models import current_questions
from civiclab.qualitative import services, themes
from civiclab.qualitative.demo_material import MATERIAL
from civiclab.qualitative.models import Code, Source, ThemeRun
from civiclab.qualitative.selectors import open_answers
from civiclab.surveys.models import Question

Role = Membership.Role
# Who codes, by preference: the impact analyst first, then a researcher as second coder.
FIRST_CODER = (Role.IMPACT_ANALYST, Role.COORDINATOR, Role.TEAM_MEMBER)
SECOND_CODER = (Role.RESEARCHER, Role.TEAM_MEMBER, Role.COORDINATOR, Role.IMPACT_ANALYST)
OPEN_TYPES = {Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT}
DEMO_THEMES_FROM = 300  # answers: fewer make poor themes, and the demo should show good ones


def _coder(experiment, roles, other=None):
    members = Membership.objects.filter(experiment=experiment, person__user__isnull=False)
    for role in roles:
        for membership in members.filter(role=role).select_related("person__user"):
            if membership.person.user != other:
                return membership.person.user
    return get_user_model().objects.get(username="admin")


def build_demo_qualitative(experiment) -> None:
    """Once per experiment: nothing is added if the experiment already has sources."""
    material = MATERIAL.get(experiment.slug)
    if material is None or Source.objects.filter(experiment=experiment).exists():
        return
    first = _coder(experiment, FIRST_CODER)
    coders = {"a": first, "b": _coder(experiment, SECOND_CODER, other=first)}
    codes = _codebook(experiment, material.codebook, first)
    sources = []
    for spec in material.sources:
        source = Source(
            experiment=experiment,
            kind=spec.kind,
            title=spec.title,
            held_on=spec.date,
            description=spec.description,
        )
        sources.append(services.save_source(first, source, spec.text))
    for source, work in zip(sources, material.codings, strict=True):
        for who, codings in work.items():
            _code(source, codes, coders[who], codings)
    for verbatim in material.verbatims:
        source = sources[verbatim.source]
        start = source.text.index(verbatim.quote)
        services.save_verbatim(
            first,
            source,
            start,
            start + len(verbatim.quote),
            replacements=list(verbatim.replacements.items()),
        )
    _open_answer_sources(experiment, first)


def _codebook(experiment, codebook, actor) -> dict[tuple[str, ...], Code]:
    codes = {}
    for spec in codebook:
        code = Code(
            experiment=experiment,
            parent=codes.get(spec.path[:-1]),
            name=spec.path[-1],
            description=spec.description,
            colour=spec.colour,
        )
        codes[spec.path] = services.save_code(actor, code)
    return codes


def _code(source, codes, coder, codings) -> None:
    for path, quote, *memo in codings:
        start = source.text.index(quote)
        [coding] = services.add_codings(coder, source, [codes[path]], start, start + len(quote))
        if memo:
            services.add_memo(coder, source.experiment, memo[0], coding=coding)


def _open_answer_sources(experiment, actor) -> None:
    """A source for the open question of each questionnaire (a priority, an idea, a reason; not
    where people live), so that themes can be tried at once."""
    for questionnaire in experiment.questionnaires.all():
        for question in current_questions(questionnaire).values():
            is_open = any(key in question.code.lower() for key in OPEN_KINDS)
            if question.type in OPEN_TYPES and is_open and not question.is_personal_data:
                source = services.open_answers_source(actor, experiment, questionnaire, question)
                if open_answers(source).count() >= DEMO_THEMES_FROM:
                    _suggest_themes(source, actor)


def _suggest_themes(source, actor) -> None:
    """Themes already suggested, waiting for review: what a visitor of the demo sees first."""
    run = ThemeRun.objects.create(source=source, requested_by=actor)
    themes.suggest.call(run.pk)
