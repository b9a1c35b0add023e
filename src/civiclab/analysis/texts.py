"""The wording of questions and their answers, in French and English, for results that are
computed once and shown in either language."""

from collections.abc import Iterable

from civiclab.surveys.models import Question, Questionnaire


def question_texts(questionnaire: Questionnaire, codes: Iterable[str] | None = None) -> dict:
    """Code -> {"label": [fr, en], "choices": {value: [fr, en]}} for the questions of the
    current version (those of `codes` only, when given), choices in the questionnaire's order."""
    questions = Question.objects.filter(version=questionnaire.current_version())
    if codes is not None:
        questions = questions.filter(code__in=set(codes))
    texts = {}
    for question in questions.select_related("choice_list").prefetch_related(
        "choice_list__choices"
    ):
        choices = question.choice_list.choices.all() if question.choice_list else []
        texts[question.code] = {
            "label": [question.label_fr, question.label_en],
            "choices": {c.value: [c.label_fr, c.label_en] for c in choices},
        }
    return texts
