"""Builder services: versions, structural and wording edits, order, bank, statuses, diff."""

import pytest

from civiclab.audit.models import AuditEvent
from civiclab.surveys import bank, editing, review
from civiclab.surveys.diff import diff_rows, diff_versions
from civiclab.surveys.models import (
    Approval,
    ChoiceList,
    Question,
    Questionnaire,
    QuestionnaireVersion,
)
from civiclab.surveys.services import import_xlsform
from civiclab.surveys.versioning import EditRefused, copy_version, version_for_edit
from civiclab.surveys.xlsform import export_xlsform
from tests.surveys.forms import kobo_form

Type = Question.Type


@pytest.fixture
def questionnaire(coordinator_a, experiment_a) -> Questionnaire:
    questionnaire, _report = import_xlsform(coordinator_a, experiment_a, kobo_form())
    return questionnaire


PLAIN_QUESTION_FIELDS = [
    "type", "label_fr", "label_en", "hint_fr", "hint_en", "required", "relevant", "constraint",
    "constraint_message_fr", "constraint_message_en", "appearance", "choice_filter",
    "calculation", "min_value", "max_value", "step", "max_choices", "is_personal_data",
    "position",
]  # fmt: skip


def rows_of(version: QuestionnaireVersion) -> dict:
    """Every row of a version without ids, links followed by code or name."""
    questions = version.questions.select_related("section", "choice_list")
    return {
        "sections": sorted(
            version.sections.values_list(
                "code", "label_fr", "label_en", "relevant", "appearance", "position"
            )
        ),
        "questions": sorted(
            (
                q.code,
                q.section.code if q.section else None,
                q.choice_list.name if q.choice_list else None,
                *(getattr(q, f) for f in PLAIN_QUESTION_FIELDS),
            )
            for q in questions
        ),
        "choices": sorted(
            (cl.name, c.value, c.label_fr, c.label_en, c.position, str(c.filters))
            for cl in version.choice_lists.all()
            for c in cl.choices.all()
        ),
    }


def freeze(questionnaire) -> QuestionnaireVersion:
    version = questionnaire.current_version()
    version.frozen = True
    version.save(update_fields=["frozen"])
    return version


# ---------------------------------------------------------------- versions


def test_copy_keeps_every_row_and_link(questionnaire, coordinator_a):
    """A copied version has the same sections, lists, choices and questions, linked to the
    copy's own rows, never to the original's."""
    original = questionnaire.current_version()
    copy = copy_version(original, coordinator_a).version
    assert copy.number == original.number + 1
    assert rows_of(copy) == rows_of(original)
    assert copy.questions.count() == original.questions.count() > 10
    own_sections = set(copy.sections.values_list("pk", flat=True))
    own_lists = set(copy.choice_lists.values_list("pk", flat=True))
    for question in copy.questions.all():
        assert question.section_id is None or question.section_id in own_sections
        assert question.choice_list_id is None or question.choice_list_id in own_lists


def test_version_for_edit_copies_only_a_frozen_version(questionnaire, coordinator_a):
    current = questionnaire.current_version()
    assert version_for_edit(questionnaire, coordinator_a) == current
    freeze(questionnaire)
    new = version_for_edit(questionnaire, coordinator_a)
    assert new.number == current.number + 1 and not new.frozen
    assert version_for_edit(questionnaire, coordinator_a) == new


def test_structural_edit_on_frozen_version_makes_a_new_version(questionnaire, coordinator_a):
    frozen = freeze(questionnaire)
    age = frozen.questions.get(code="age")
    saved = editing.update_question(coordinator_a, age, {"required": False})
    assert saved.version.number == frozen.number + 1
    age.refresh_from_db()
    assert age.required is True  # the frozen version keeps what respondents saw
    assert saved.required is False


def test_wording_fix_on_frozen_version_stays_in_place_and_is_audited(questionnaire, coordinator_a):
    frozen = freeze(questionnaire)
    age = frozen.questions.get(code="age")
    saved = editing.update_question(coordinator_a, age, {"label_fr": "Votre âge ?"})
    assert saved.pk == age.pk and questionnaire.versions.count() == 1
    event = AuditEvent.objects.filter(object_type="surveys.question").latest("id")
    assert event.changes["label_fr"] == ["Quel âge avez-vous ?", "Votre âge ?"]
    assert event.changes["wording_only"] == [None, True]


def test_choice_relabel_is_wording_but_new_value_is_structural(questionnaire, coordinator_a):
    frozen = freeze(questionnaire)
    oui_non = frozen.choice_lists.get(name="oui_non")
    rows = [editing.ChoiceRow("oui", "Oui !", "Yes"), editing.ChoiceRow("non", "Non", "No")]
    editing.update_choice_list(coordinator_a, oui_non, "oui_non", rows)
    assert questionnaire.versions.count() == 1
    assert oui_non.choices.get(value="oui").label_fr == "Oui !"
    rows.append(editing.ChoiceRow("nsp", "Ne sait pas", "Don't know"))
    saved = editing.update_choice_list(coordinator_a, oui_non, "oui_non", rows)
    assert saved.version.number == 2
    assert list(saved.choices.values_list("value", flat=True)) == ["oui", "non", "nsp"]
    assert oui_non.choices.count() == 2


def test_open_collection_refuses_structural_edits(questionnaire, coordinator_a):
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save()
    question = questionnaire.current_version().questions.get(code="age")
    with pytest.raises(EditRefused):
        editing.delete_question(coordinator_a, question)
    editing.update_question(coordinator_a, question, {"hint_fr": "En années"})  # wording: fine


# ---------------------------------------------------------------- order


def codes(questionnaire) -> list[tuple[str | None, str]]:
    version = questionnaire.current_version()
    return [
        (b.section.code if b.section else None, q.code)
        for b in editing.version_outline(version)
        for q in b.questions
    ]


def test_moving_up_leaves_the_section_then_enters_the_previous_one(questionnaire, coordinator_a):
    version = questionnaire.current_version()
    first_of_avis = version.questions.get(code="confiance")
    editing.move_question(coordinator_a, first_of_avis, -1)
    assert (None, "confiance") in codes(questionnaire)
    move = editing.move_question(coordinator_a, first_of_avis, -1)
    assert ("profil", "confiance") in codes(questionnaire)
    assert codes(questionnaire)[move.position - 1] == ("profil", "confiance")


def test_drag_to_before_another_question_and_section_move(questionnaire, coordinator_a):
    version = questionnaire.current_version()
    merci = version.questions.get(code="merci")
    age = version.questions.get(code="age")
    editing.move_question_before(coordinator_a, merci, f"q-{age.pk}")
    assert codes(questionnaire)[0] == ("profil", "merci")
    avis = version.sections.get(code="avis")
    editing.move_section(coordinator_a, avis, -1)
    assert codes(questionnaire)[0][0] == "avis"
    # the export writes the groups in that order and still converts
    export_xlsform(version)


def test_duplicate_question_and_section_get_free_codes(questionnaire, coordinator_a):
    version = questionnaire.current_version()
    copy = editing.duplicate_question(coordinator_a, version.questions.get(code="age"))
    assert copy.code == "age_2" and copy.section.code == "profil"
    section = editing.duplicate_section(coordinator_a, version.sections.get(code="profil"))
    assert section.code == "profil_2"
    assert set(section.questions.values_list("code", flat=True)) >= {"age_3", "nom_2"}


def test_matrix_round_trips_through_xlsform(questionnaire, coordinator_a, experiment_b):
    version = questionnaire.current_version()
    accord = version.choice_lists.get(name="accord")
    section = editing.save_matrix(
        coordinator_a,
        questionnaire,
        label_fr="Votre satisfaction",
        label_en="Your satisfaction",
        scale=accord,
        rows=[editing.MatrixRow("L'accueil", "The welcome"), editing.MatrixRow("Les horaires")],
    )
    assert section.is_matrix
    assert editing.version_outline(version)[-1].section == section  # added at the end
    rows = list(section.questions.order_by("position"))
    assert [q.type for q in rows] == [Type.SINGLE_CHOICE] * 2
    assert {q.choice_list_id for q in rows} == {accord.pk}
    again, _report = import_xlsform(coordinator_a, experiment_b, export_xlsform(version))
    imported = again.current_version().sections.get(code=section.code)
    assert imported.is_matrix
    assert list(imported.questions.order_by("position").values_list("code", flat=True)) == [
        q.code for q in rows
    ]


# ---------------------------------------------------------------- bank


def test_bank_insertion_reuses_lists_and_never_clashes(questionnaire, coordinator_a):
    version = questionnaire.current_version()
    lists_before = ChoiceList.objects.filter(version=version).count()
    first = bank.insert_block(coordinator_a, questionnaire, "profil")
    # kobo_form already has `oui_non` with the same values and labels: reused, not copied
    assert "oui_non" in first.reused_lists
    assert first.section.code == "profil_2"  # the form already has a "profil" section
    second = bank.insert_block(coordinator_a, questionnaire, "profil")
    assert second.renamed["sexe"] == "sexe_2"
    assert ChoiceList.objects.filter(version=version).count() == lists_before + 5
    all_codes = list(version.questions.values_list("code", flat=True))
    assert len(all_codes) == len(set(all_codes))
    evaluation = bank.insert_block(coordinator_a, questionnaire, "evaluation")
    scales = evaluation.section.questions.values_list("choice_list__name", flat=True)
    assert set(scales) == {"accord5"} and len(scales) == 10


# ---------------------------------------------------------------- statuses


def test_transitions_allowed_and_refused(questionnaire, coordinator_a, partner_b):
    with pytest.raises(review.TransitionRefused):
        review.approve(partner_b, questionnaire)  # still a draft
    review.submit_for_review(coordinator_a, questionnaire)
    with pytest.raises(review.TransitionRefused):
        review.open_collection(coordinator_a, questionnaire)
    review.request_changes(partner_b, questionnaire, "Ajouter une question sur l'âge.")
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert questionnaire.threads.get().comments.get().body.startswith("Ajouter")
    review.submit_for_review(coordinator_a, questionnaire)
    review.approve(partner_b, questionnaire, "Bon pour nous.")
    approval = Approval.objects.get()
    assert approval.version.number == 1 and approval.approved_by == partner_b
    review.open_collection(coordinator_a, questionnaire)
    review.close_collection(coordinator_a, questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.CLOSED


def test_structural_edit_invalidates_the_approval(questionnaire, coordinator_a, partner_b):
    review.submit_for_review(coordinator_a, questionnaire)
    review.approve(partner_b, questionnaire)
    question = questionnaire.current_version().questions.get(code="age")
    editing.update_question(coordinator_a, question, {"label_en": "Your age?"})
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.APPROVED  # wording: still approved
    editing.update_question(coordinator_a, question, {"required": False})
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert Approval.objects.get().invalidated_at is not None


def test_threads_resolve_and_reopen(questionnaire, coordinator_a, partner_b):
    thread = review.start_thread(partner_b, questionnaire, "age", "Pourquoi 15 ans ?")
    assert review.open_thread_counts(questionnaire) == {"age": 1}
    review.set_resolved(coordinator_a, thread, True)
    thread.refresh_from_db()
    assert thread.resolved_by == coordinator_a and thread.resolved_at
    assert review.open_thread_counts(questionnaire) == {}
    review.reply(partner_b, thread, "Finalement non.")
    thread.refresh_from_db()
    assert not thread.is_resolved
    with pytest.raises(EditRefused):
        review.start_thread(partner_b, questionnaire, "absente", "?")


# ---------------------------------------------------------------- diff


def test_diff_rows_by_code():
    old = [
        {"code": "a", "type": "short_text", "label_fr": "A", "required": False, "choices": []},
        {
            "code": "b",
            "type": "single_choice",
            "label_fr": "B",
            "choices": [("1", "Un", "One"), ("2", "Deux", "Two")],
        },
        {"code": "gone", "type": "date", "label_fr": "G"},
    ]
    new = [
        {"code": "a", "type": "long_text", "label_fr": "A", "required": True, "choices": []},
        {
            "code": "b",
            "type": "single_choice",
            "label_fr": "B",
            "choices": [("1", "Une", "One"), ("3", "Trois", "Three")],
        },
        {"code": "c", "type": "note", "label_fr": "C"},
    ]
    diff = diff_rows(old, new)
    assert [r["code"] for r in diff.added] == ["c"]
    assert [r["code"] for r in diff.removed] == ["gone"]
    a, b = diff.changed
    assert {(f.name, f.old, f.new) for f in a.fields} == {
        ("type", "short_text", "long_text"),
        ("required", False, True),
    }
    assert b.fields == []
    assert b.choices_added == [("3", "Trois", "Three")]
    assert b.choices_removed == [("2", "Deux", "Two")]
    assert b.choices_relabelled == [("1", "Un", "Une", "One", "One")]


def test_diff_between_two_stored_versions(questionnaire, coordinator_a):
    frozen = freeze(questionnaire)
    question = frozen.questions.get(code="age")
    new_age = editing.update_question(
        coordinator_a, question, {"required": False, "relevant": "${premiere_fois} = 'oui'"}
    )
    editing.delete_question(coordinator_a, new_age.version.questions.get(code="merci"))
    diff = diff_versions(frozen, new_age.version)
    assert [r["code"] for r in diff.removed] == ["merci"]
    (change,) = diff.changed
    assert {f.name for f in change.fields} == {"required", "relevant"}
    assert diff_versions(frozen, frozen).is_empty
