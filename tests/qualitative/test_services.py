"""Sources, codebook, codings and verbatims: what the services accept, refuse and keep."""

import pytest
from django.core.exceptions import ValidationError

from civiclab.audit.models import AuditEvent
from civiclab.qualitative import services
from civiclab.qualitative.models import Code, Coding, Memo, Source, Verbatim
from civiclab.qualitative.selectors import answer_text, open_answers, segments
from tests.qualitative.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def test_a_transcript_keeps_its_text_with_unix_line_endings(interview):
    assert "\r" not in interview.text
    assert interview.text.count("\n") == 3  # the last line break is trimmed
    assert AuditEvent.objects.filter(object_type="qualitative.source").exists()


def test_a_source_without_text_is_refused(experiment_a, analyst_a):
    with pytest.raises(ValidationError):
        services.save_source(
            analyst_a, Source(experiment=experiment_a, kind="interview", title="Vide"), "  \n "
        )
    assert not Source.objects.exists()


def test_offsets_count_code_points_so_an_emoji_is_one_character(interview, codes, analyst_a):
    start = interview.text.index("rue Victor Hugo")
    end = interview.text.index(" ; les trottoirs")
    [coding] = services.add_codings(
        analyst_a, interview, [codes["cadre"]], start, end, expected_text="rue Victor Hugo 😀"
    )
    assert coding.text == "rue Victor Hugo 😀"
    assert end - start == len("rue Victor Hugo 😀") == 17  # 15 letters, a space, one emoji


def test_a_selection_that_does_not_match_the_text_codes_nothing(interview, codes, analyst_a):
    start = interview.text.index("Victor")
    with pytest.raises(ValidationError, match="rechargez la page"):
        services.add_codings(
            analyst_a, interview, [codes["cadre"]], start, start + 6, expected_text="Hugo V"
        )
    assert not Coding.objects.exists()


def test_a_selection_sent_with_browser_line_breaks_is_accepted(interview, codes, analyst_a):
    start = interview.text.index("Et ensuite")
    end = interview.text.index("Je suis")
    passage = interview.text[start:end]
    assert "\n" in passage
    sent = passage.replace("\n", "\r\n")  # how a form field carries a line break
    [coding] = services.add_codings(
        analyst_a, interview, [codes["ecoute"]], start, end, expected_text=sent
    )
    assert coding.text == passage


@pytest.mark.parametrize("start,end", [(-1, 4), (5, 5), (0, 10_000)])
def test_a_selection_outside_the_text_is_refused(interview, codes, analyst_a, start, end):
    with pytest.raises(ValidationError):
        services.add_codings(analyst_a, interview, [codes["cadre"]], start, end)


def test_coding_twice_the_same_passage_keeps_one(interview, codes, analyst_a):
    for _ in range(2):
        services.add_codings(analyst_a, interview, [codes["cadre"], codes["ecoute"]], 0, 12)
    assert Coding.objects.count() == 2


def test_a_code_of_another_experiment_is_refused(interview, experiment_b, analyst_a):
    foreign = Code.objects.create(experiment=experiment_b, name="Ailleurs")
    with pytest.raises(ValidationError):
        services.add_codings(analyst_a, interview, [foreign], 0, 12)
    assert not Coding.objects.exists()


def test_a_coded_text_can_no_longer_change(interview, codes, analyst_a):
    services.add_codings(analyst_a, interview, [codes["cadre"]], 0, 12)
    with pytest.raises(ValidationError):
        services.save_source(analyst_a, interview, interview.text + " ajout")
    interview.refresh_from_db()
    assert not interview.text.endswith("ajout")


def test_open_answers_are_read_from_the_responses(open_source):
    texts = [answer_text(open_source, r) for r in open_answers(open_source)]
    assert texts == ANSWERS


def test_whole_answers_are_coded_once_each(open_source, codes, analyst_a):
    ids = list(open_answers(open_source).values_list("pk", flat=True))
    assert services.code_whole_answers(analyst_a, open_source, codes["ecoute"], ids) == 3
    assert services.code_whole_answers(analyst_a, open_source, codes["ecoute"], ids) == 0
    coding = Coding.objects.get(response_id=ids[0])
    assert (coding.start, coding.end, coding.text) == (0, len(ANSWERS[0]), ANSWERS[0])


def test_an_answer_of_another_source_cannot_be_coded(open_source, interview, codes, analyst_a):
    response = open_answers(open_source).first()
    with pytest.raises(ValidationError):
        services.add_codings(analyst_a, open_source, [codes["cadre"]], 0, 3, response_id=0)
    # A document source ignores an answer id: its passages index its own text.
    [coding] = services.add_codings(
        analyst_a, interview, [codes["cadre"]], 0, 3, response_id=response.pk
    )
    assert coding.response is None


def test_merging_moves_passages_memos_and_sub_codes(interview, codes, analyst_a, experiment_a):
    services.add_codings(analyst_a, interview, [codes["cadre"], codes["ecoute"]], 0, 12)
    services.add_codings(analyst_a, interview, [codes["cadre"]], 20, 30)
    services.add_memo(analyst_a, experiment_a, "À revoir", code=codes["cadre"])
    child = services.save_code(
        analyst_a, Code(experiment=experiment_a, parent=codes["cadre"], name="Trottoirs")
    )
    moved = services.merge_codes(analyst_a, codes["cadre"], codes["ecoute"])
    assert moved == 1  # the passage both carried is kept once
    assert list(
        Coding.objects.filter(code=codes["ecoute"])
        .values_list("start", flat=True)
        .order_by("start")
    ) == [0, 20]
    assert Memo.objects.get().code == codes["ecoute"]
    child.refresh_from_db()
    assert child.parent == codes["ecoute"]
    assert not Code.objects.filter(pk=codes["cadre"].pk).exists()


def test_a_code_cannot_go_inside_its_own_sub_code(codes, analyst_a):
    family = codes["family"]
    family.parent = codes["cadre"]
    with pytest.raises(ValidationError):
        services.save_code(analyst_a, family)
    with pytest.raises(ValidationError):
        services.merge_codes(analyst_a, codes["family"], codes["cadre"])


def test_sibling_codes_have_different_names(codes, analyst_a, experiment_a):
    with pytest.raises(ValidationError):
        services.save_code(
            analyst_a, Code(experiment=experiment_a, parent=codes["family"], name="cadre de vie")
        )


def test_a_codebook_import_creates_parents_and_is_all_or_nothing(experiment_a, analyst_a):
    created, updated = services.import_codebook(
        analyst_a, experiment_a, [(("Freins", "Temps", "Travail"), "Horaires", "#AABBCC")]
    )
    assert (created, updated) == (3, 1)
    travail = Code.objects.get(name="Travail")
    assert (travail.parent.name, travail.parent.parent.name) == ("Temps", "Freins")
    assert travail.colour == "#AABBCC"
    with pytest.raises(ValidationError):
        services.import_codebook(
            analyst_a,
            experiment_a,
            [(("Effets",), "", None), (("Effets", "Confiance"), "", "rouge")],
        )
    assert not Code.objects.filter(name="Effets").exists()


def test_passages_can_be_moved_to_split_a_code(interview, codes, analyst_a, experiment_a):
    services.add_codings(analyst_a, interview, [codes["cadre"]], 0, 12)
    services.add_codings(analyst_a, interview, [codes["cadre"]], 20, 30)
    new = services.save_code(
        analyst_a, Code(experiment=experiment_a, parent=codes["family"], name="Trottoirs")
    )
    moved = services.move_codings(analyst_a, Coding.objects.filter(start=20), new)
    assert moved == 1
    assert set(Coding.objects.values_list("code__name", "start")) == {
        ("Cadre de vie", 0),
        ("Trottoirs", 20),
    }


def test_pseudonymising_replaces_whole_words_longest_first():
    text = "Hugo habite rue Victor Hugo, près de l'école Hugoline."
    shown = services.pseudonymise(text, [("Hugo", "[prénom]"), ("rue Victor Hugo", "[rue]")])
    assert shown == "[prénom] habite [rue], près de l'école Hugoline."


def test_a_verbatim_keeps_the_passage_and_its_hidden_version(interview, analyst_a):
    start = interview.text.index(" Au début")
    end = interview.text.index(" ; les")
    verbatim = services.save_verbatim(
        analyst_a, interview, start, end, replacements=[("Victor Hugo", "[rue]")]
    )
    assert verbatim.original == "Au début, c'était pour la rue Victor Hugo 😀"
    assert interview.text[verbatim.start : verbatim.end] == verbatim.original
    assert verbatim.text == "Au début, c'était pour la rue [rue] 😀"
    assert verbatim.attribution == "Entretien Mme R."
    assert Verbatim.objects.count() == 1


def test_segments_cut_the_text_where_codings_start_and_end(interview, codes, analyst_a):
    services.add_codings(analyst_a, interview, [codes["family"]], 0, 30)
    services.add_codings(analyst_a, interview, [codes["cadre"]], 10, 20)
    pieces = segments(interview.text, list(Coding.objects.select_related("code")))
    assert [(p.start, p.end, len(p.codings)) for p in pieces[:3]] == [
        (0, 10, 1),
        (10, 20, 2),
        (20, 30, 1),
    ]
    assert "".join(p.text for p in pieces) == interview.text
    assert pieces[1].colour == codes["cadre"].colour  # the narrower passage shows


def test_names_and_places_are_suggested_for_hiding():
    text = (
        "Alors, Nolan m'a dit que la rue Pierre-Legrand était fermée. Je suis allée à "
        "l'école Anatole-France avec Karim. Voilà, c'est Mme R. qui parle de Fives."
    )
    assert services.name_candidates(text) == [
        "Nolan",
        "rue Pierre-Legrand",
        "école Anatole-France",
        "Karim",
        "Fives",
    ]
