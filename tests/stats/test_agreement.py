"""Inter-coder agreement per character: figures checked against hand arithmetic and literature."""

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from civiclab.stats import agreement as agreement_module
from civiclab.stats.agreement import (
    CodedDocument,
    Disagreement,
    agreement,
    disagreements,
)


def _codings(code, flags):
    """One coding per run of 1s in a 0/1 list, as a coder would select them."""
    codings, start = [], None
    for index, flag in enumerate([*flags, 0]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            codings.append((code, start, index))
            start = None
    return codings


def test_hand_computed_two_by_two_table():
    """A codes [0, 8), B codes [2, 10) of a 20-character text.

    Table: both = 6 (2..7), A only = 2 (0, 1), B only = 2 (8, 9), neither = 10.
    Cohen's kappa: p_o = (6 + 10) / 20 = 0.8; A and B each code 8/20 = 0.4, so
    p_e = 0.4·0.4 + 0.6·0.6 = 0.16 + 0.36 = 0.52; kappa = (0.8 − 0.52) / (1 − 0.52)
    = 0.28 / 0.48 = 7/12.
    Krippendorff's alpha: n = 40 values, n_1 = 2·6 + 4 = 16, n_0 = 2·10 + 4 = 24,
    o_01 = 4 disagreeing units; alpha = 1 − 39·4 / (24·16) = 1 − 156/384 = 0.59375.
    """
    result = agreement([CodedDocument(20, [("x", 0, 8)], [("x", 2, 10)])])
    code = result.for_code("x")
    assert (code.a_only, code.b_only, code.both, code.neither) == (2, 2, 6, 10)
    assert code.percent_agreement == pytest.approx(0.8)
    assert code.kappa == pytest.approx(7 / 12)
    assert code.alpha == pytest.approx(0.59375)
    assert code.neither_share == pytest.approx(0.5)
    assert code.coded_agreement == pytest.approx(6 / 10)  # overlap over union
    assert code.undefined is None
    assert not code.one_coder_only


def test_uncoded_text_inflates_kappa_and_is_reported_next_to_it():
    """The same codings in a 200-character text: 190 characters nobody coded.

    p_o = 196/200 = 0.98; both code 8/200 = 0.04, so p_e = 0.04² + 0.96² = 0.9232;
    kappa = (0.98 − 0.9232) / (1 − 0.9232) = 0.0568 / 0.0768 = 71/96 ≈ 0.74 (vs 0.58).
    """
    result = agreement([(200, [("x", 0, 8)], [("x", 2, 10)])])
    assert result.kappa == pytest.approx(71 / 96)
    assert result.for_code("x").kappa == pytest.approx(71 / 96)
    assert result.for_code("x").neither_share == pytest.approx(190 / 200)
    assert result.uncoded == 190
    assert result.uncoded_share == pytest.approx(0.95)
    # The overlap of the codings themselves did not change.
    assert result.coded_agreement == pytest.approx(0.6)


def test_documents_without_a_code_count_as_neither_for_it():
    """The 200-character case again, split into the coded 20 characters and 180 uncoded."""
    result = agreement([(20, [("x", 0, 8)], [("x", 2, 10)]), (180, [], [])])
    code = result.for_code("x")
    assert code.neither == 10 + 180
    assert code.kappa == pytest.approx(71 / 96)
    assert result.uncoded == 190


def test_krippendorff_2011_binary_worked_example_through_documents():
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two
    observers, ten units, binary data, published alpha = 0.095.

        unit:  1 2 3 4 5 6 7 8 9 10
        A:     0 1 0 0 0 0 0 0 1 0
        B:     1 1 1 0 0 1 0 0 0 0

    Coincidences o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20;
    alpha = 1 − 19·4 / (14·6) = 1 − 76/84 = 0.0952.
    Each unit is one character; the units are spread over three documents (3, 4, 3 long) to
    check the concatenation across documents.
    Cohen's kappa by hand: p_o = 6/10; A codes 0.2, B 0.4; p_e = 0.2·0.4 + 0.8·0.6 = 0.56;
    kappa = 0.04 / 0.44 = 1/11.
    """
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    documents = [
        (3, _codings("x", a[0:3]), _codings("x", b[0:3])),
        (4, _codings("x", a[3:7]), _codings("x", b[3:7])),
        (3, _codings("x", a[7:10]), _codings("x", b[7:10])),
    ]
    code = agreement(documents).for_code("x")
    assert (code.neither, code.a_only, code.b_only, code.both) == (5, 1, 3, 1)
    assert round(code.alpha, 3) == 0.095
    assert code.alpha == pytest.approx(1 - 76 / 84)
    assert code.kappa == pytest.approx(1 / 11)
    assert code.percent_agreement == pytest.approx(0.6)


def test_pooled_over_codes_and_restricted_to_coded_text():
    """Two codes in a 100-character text; A: x [0, 10), y [10, 20); B: x [0, 10), y [15, 20).

    Pooled over (character, code) units, 200 of them: both = 10 + 5, A only = 5,
    neither = 90 + 90. p_o = 195/200 = 0.975; A codes 20/200 = 0.1, B 15/200 = 0.075;
    p_e = 0.1·0.075 + 0.9·0.925 = 0.84; kappa = 0.135 / 0.16 = 0.84375.
    Only the 20 characters someone coded: 40 units, both = 15, A only = 5, neither = 20
    (x on 10..19, y on 0..9). p_o = 35/40 = 0.875; A codes 0.5, B 0.375;
    p_e = 0.5·0.375 + 0.5·0.625 = 0.5; kappa = 0.375 / 0.5 = 0.75.
    """
    a = [("x", 0, 10), ("y", 10, 20)]
    b = [("x", 0, 10), ("y", 15, 20)]
    result = agreement([(100, a, b)])
    assert result.kappa == pytest.approx(0.84375)
    assert result.percent_agreement == pytest.approx(0.975)
    assert result.coded_characters == 20
    assert result.coded_kappa == pytest.approx(0.75)
    assert result.coded_undefined is None
    assert result.uncoded_share == pytest.approx(0.8)
    assert result.coded_agreement == pytest.approx(15 / 20)
    assert result.for_code("x").kappa == pytest.approx(1.0)
    # y alone: p_o = 95/100; p_e = 0.1·0.05 + 0.9·0.95 = 0.86; kappa = 0.09/0.14 = 9/14.
    assert result.for_code("y").kappa == pytest.approx(9 / 14)


def test_pooled_alpha_matches_the_package_on_the_units_spelled_out():
    """Pooled alpha is alpha over (character, code) units, fed to krippendorff directly."""
    a = [("x", 0, 10), ("y", 10, 20)]
    b = [("x", 0, 10), ("y", 15, 20)]
    result = agreement([(100, a, b)])
    x = np.zeros(100, dtype=int), np.zeros(100, dtype=int)
    y = np.zeros(100, dtype=int), np.zeros(100, dtype=int)
    x[0][0:10] = x[1][0:10] = 1
    y[0][10:20] = 1
    y[1][15:20] = 1
    units = np.vstack([np.concatenate([x[0], y[0]]), np.concatenate([x[1], y[1]])])
    expected = krippendorff.alpha(reliability_data=units, level_of_measurement="nominal")
    assert result.alpha == pytest.approx(expected)


def test_same_results_as_the_packages_on_full_character_vectors():
    """Random codings: kappa and alpha equal the packages run on per-character vectors."""
    rng = np.random.default_rng(7)
    documents, vectors_a, vectors_b = [], [], []
    for length in (500, 1200, 800):
        a_flags = rng.random(length) < 0.3
        b_flags = a_flags ^ (rng.random(length) < 0.1)
        documents.append((length, _codings("c", a_flags), _codings("c", b_flags)))
        vectors_a.append(a_flags)
        vectors_b.append(b_flags)
    a, b = np.concatenate(vectors_a).astype(int), np.concatenate(vectors_b).astype(int)
    code = agreement(documents).for_code("c")
    assert code.kappa == pytest.approx(cohen_kappa_score(a, b))
    expected = krippendorff.alpha(
        reliability_data=np.vstack([a, b]), level_of_measurement="nominal"
    )
    assert code.alpha == pytest.approx(expected)


def test_closed_formula_for_large_tables_gives_the_package_value(monkeypatch):
    """Above the row limit alpha comes from Krippendorff's formula: same figure."""
    documents = [(200, [("x", 0, 8), ("y", 50, 90)], [("x", 2, 10), ("y", 60, 120)])]
    with_package = agreement(documents)
    monkeypatch.setattr(agreement_module, "PACKAGE_ROWS_LIMIT", 0)
    with_formula = agreement(documents)
    assert with_formula.alpha == pytest.approx(with_package.alpha, abs=1e-12)
    for code in ("x", "y"):
        assert with_formula.for_code(code).alpha == pytest.approx(
            with_package.for_code(code).alpha, abs=1e-12
        )


def test_identical_codings_give_one():
    """Overlapping codings of one code by one coder count once."""
    a = [("x", 3, 12), ("x", 5, 8), ("y", 20, 30)]
    b = [("x", 3, 12), ("y", 20, 25), ("y", 25, 30)]
    result = agreement([(50, a, b), (10, [("x", 0, 10)], [("x", 0, 10)])])
    for code in result.codes:
        assert code.kappa == pytest.approx(1.0)
        assert code.alpha == pytest.approx(1.0)
        assert code.percent_agreement == 1.0
        assert code.a_only == code.b_only == 0
    assert result.for_code("x").both == 9 + 10
    assert result.kappa == pytest.approx(1.0)
    assert result.coded_kappa == pytest.approx(1.0)
    assert disagreements([(50, a, b)]) == ()


def test_a_code_only_one_coder_used_is_defined_and_flagged():
    """No agreement beyond chance: kappa 0, alpha = 1 − (n − 1)·o_01/(n_0·n_1) < 0.

    n = 20 values, o_01 = 4, n_0 = 2·6 + 4 = 16, n_1 = 4: alpha = 1 − 19·4/64 = −0.1875.
    """
    result = agreement([(10, [("x", 2, 6)], [])])
    code = result.for_code("x")
    assert code.one_coder_only
    assert code.undefined is None
    assert code.kappa == 0.0
    assert code.alpha == pytest.approx(-0.1875)
    assert code.percent_agreement == pytest.approx(0.6)
    assert code.coded_agreement == 0.0


def test_a_code_nobody_used_is_undefined_not_perfect():
    result = agreement([(10, [("x", 0, 5)], [("x", 0, 5)])], codes=["unused", "x"])
    assert [code.code for code in result.codes] == ["unused", "x"]
    unused = result.for_code("unused")
    assert unused.undefined == "code_unused"
    assert unused.kappa is unused.alpha is unused.percent_agreement is None
    assert unused.coded_agreement is None
    assert unused.neither == 10
    assert not unused.one_coder_only
    # The pool leaves the unused code out: it would only add agreed "absent" units.
    assert result.kappa == pytest.approx(1.0)


def test_whole_text_coded_by_both_is_undefined():
    result = agreement([(10, [("x", 0, 10)], [("x", 0, 4), ("x", 4, 10)])])
    code = result.for_code("x")
    assert code.undefined == "whole_text_coded"
    assert code.kappa is None and code.alpha is None
    assert code.coded_agreement == 1.0
    assert result.undefined == "whole_text_coded"
    assert result.uncoded_share == 0.0


def test_nothing_coded_and_no_text():
    nothing = agreement([(10, [], []), (5, [], [])])
    assert nothing.codes == ()
    assert nothing.undefined == "no_codes"
    assert nothing.coded_undefined == "nothing_coded"
    assert nothing.kappa is None and nothing.coded_kappa is None
    assert nothing.uncoded_share == 1.0

    empty = agreement([], codes=["x"])
    assert empty.undefined == empty.coded_undefined == "no_text"
    assert empty.uncoded_share is None
    assert empty.for_code("x").undefined == "no_text"
    assert empty.for_code("x").neither_share is None


def test_coded_kappa_needs_two_codes():
    """With one code, kappa on coded text only has no "neither" cell: never positive."""
    result = agreement([(100, [("x", 0, 8)], [("x", 2, 10)])])
    assert result.coded_undefined == "single_code"
    assert result.coded_kappa is None and result.coded_alpha is None
    assert result.coded_agreement == pytest.approx(0.6)


def test_empty_selections_are_ignored_and_bad_offsets_refused():
    result = agreement([(10, [("x", 3, 3)], [])], codes=["x"])
    assert result.for_code("x").undefined == "code_unused"
    with pytest.raises(ValueError, match="outside the text"):
        agreement([(10, [("x", 5, 11)], [])])
    with pytest.raises(ValueError, match="outside the text"):
        agreement([(10, [("x", 6, 5)], [])])
    with pytest.raises(KeyError):
        result.for_code("nope")


def test_offsets_on_emoji_and_accents_are_plain_str_indices():
    """A coding is counted in code points: the thumbs-up with its skin tone is 2 characters."""
    text = "Élise : « c'est 👍🏽 » — Noël 🇫🇷"
    thumb = text.index("👍🏽")
    flag = text.index("🇫🇷")
    a = [("ton", thumb, thumb + len("👍🏽")), ("lieu", flag, len(text))]
    b = [("ton", thumb, thumb + len("👍🏽")), ("lieu", text.index("Noël"), len(text))]
    result = agreement([(len(text), a, b)])
    assert result.for_code("ton").both == 2
    lieu = result.for_code("lieu")
    assert (lieu.both, lieu.b_only) == (2, len("Noël "))
    assert disagreements([(len(text), a, b)]) == (
        Disagreement(0, text.index("Noël"), flag, "lieu", "b"),
    )


def test_disagreements_are_maximal_runs_per_coder():
    """Adjacent and overlapping codings merge into one run; runs are sorted by position."""
    documents = [
        (30, [("x", 0, 5), ("x", 5, 8), ("y", 20, 25)], [("x", 6, 12)]),
        (10, [], [("x", 0, 3), ("x", 2, 4)]),
    ]
    assert disagreements(documents) == (
        Disagreement(0, 0, 6, "x", "a"),
        Disagreement(0, 8, 12, "x", "b"),
        Disagreement(0, 20, 25, "y", "a"),
        Disagreement(1, 0, 4, "x", "b"),
    )


def test_results_are_frozen():
    result = agreement([(10, [("x", 0, 5)], [("x", 0, 6)])])
    with pytest.raises(AttributeError):
        result.kappa = 1.0
    with pytest.raises(AttributeError):
        result.codes[0].kappa = 1.0


def test_long_documents_with_many_codes():
    """Two 200,000-character documents, 30 codes: counts stay exact."""
    length, codes = 200_000, [f"c{index}" for index in range(30)]
    a = [(code, index * 6000, index * 6000 + 5000) for index, code in enumerate(codes)]
    b = [(code, start + 1000, end) for code, start, end in a]
    result = agreement([(length, a, b), (length, a, b)], codes=codes)
    for code in result.codes:
        assert (code.both, code.a_only, code.b_only) == (8000, 2000, 0)
    assert result.uncoded == 2 * (length - 30 * 5000)
    assert len(disagreements([(length, a, b)])) == 30
