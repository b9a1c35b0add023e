"""The expression engine: its parser, and its Python and browser halves agreeing on every case."""

import datetime
import functools
import json
import math
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from civiclab.surveys.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    ExpressionError,
    compile_tree,
    evaluate,
    is_true,
    parse,
    references,
    to_string,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "src" / "civiclab" / "static" / "js" / "expressions.js"
CASES = json.loads(Path(__file__).with_name("expression_cases.json").read_text("utf-8"))
CASE_IDS = [f"{i}: {case['expr']}" for i, case in enumerate(CASES)]

# Loads the script as the browser does (a classic script in a fresh global, no `module`),
# evaluates every item read from stdin, and prints the results as JSON.
NODE_RUNNER = r"""
const fs = require("fs");
const vm = require("vm");
const sandbox = {};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), sandbox, { filename: process.argv[1] });
const engine = sandbox.CivicExpressions;
const items = JSON.parse(fs.readFileSync(0, "utf8"));
const results = items.map((item) => {
  try {
    const v = engine.evaluate(item.ast, item.answers, item.current, item.today, item.choice);
    return typeof v === "number" && !isFinite(v) ? { nonfinite: String(v) } : { value: v };
  } catch (error) {
    return { error: String(error) };
  }
});
process.stdout.write(JSON.stringify(results));
"""


def node_path() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "`node` is not on PATH: the browser half of the expression engine "
            "(static/js/expressions.js) cannot be checked. Install Node.js (CI does)."
        )
    return node


def run_js(items: list[dict]) -> list[dict]:
    completed = subprocess.run(
        [node_path(), "-e", NODE_RUNNER, str(SCRIPT)],
        input=json.dumps(items, allow_nan=False),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def decoded(outcome: dict):
    """A value from the node runner, with NaN and infinities back as floats."""
    assert "error" not in outcome, outcome["error"]
    return float(outcome["nonfinite"]) if "nonfinite" in outcome else outcome["value"]


def parsed(case: dict) -> dict | None:
    return parse(case["expr"], choice_filter="choice" in case)


@functools.cache
def js_case_results() -> list[dict]:
    """All cases through one node process."""
    items = [
        {
            "ast": parsed(case),
            "answers": case["answers"],
            "current": case.get("current"),
            "today": case.get("today"),
            "choice": case.get("choice"),
        }
        for case in CASES
    ]
    return run_js(items)


def python_result(case: dict):
    today = case.get("today")
    return evaluate(
        parsed(case),
        case["answers"],
        current=case.get("current"),
        today=datetime.date.fromisoformat(today) if today else None,
        choice=case.get("choice"),
    )


def assert_matches(result, expected) -> None:
    if isinstance(expected, bool):
        assert result is expected
    elif isinstance(expected, int | float):
        assert isinstance(result, int | float) and not isinstance(result, bool), result
        assert math.isclose(result, expected, rel_tol=1e-12, abs_tol=1e-12), result
    else:
        assert isinstance(result, str) and result == expected, result


# ---------------------------------------------------------------- the shared conformance cases


def test_there_are_enough_cases():
    """The shared suite covers at least 80 cases."""
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_python_agrees_with_the_case(case):
    """The server's evaluation gives the expected value."""
    assert_matches(python_result(case), case["expected"])


@pytest.mark.parametrize("index", range(len(CASES)), ids=CASE_IDS)
def test_javascript_agrees_with_the_case(index):
    """The browser's evaluation of the same tree gives the same expected value."""
    assert_matches(decoded(js_case_results()[index]), CASES[index]["expected"])


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_trees_are_plain_json(case):
    """Every tree survives a strict JSON round trip unchanged, so the browser gets it whole."""
    tree = parsed(case)
    assert json.loads(json.dumps(tree, allow_nan=False)) == tree


def test_the_script_also_loads_as_a_node_module():
    """require() gives the same functions as the browser's global."""
    script = f"process.stdout.write(JSON.stringify(Object.keys(require({str(SCRIPT)!r}))))"
    completed = subprocess.run(
        [node_path(), "-e", script], capture_output=True, text=True, timeout=30, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert set(json.loads(completed.stdout)) >= {"evaluate", "isTrue"}


def test_both_halves_agree_on_deep_and_long_expressions():
    """The deepest accepted nesting and long chains evaluate alike, without recursion errors."""
    deep = "not(" * (MAX_DEPTH - 1) + "true()" + ")" * (MAX_DEPTH - 1)
    chain = " and ".join(["${a} = 1"] * 150)
    total = " + ".join(f"${{q{i}}}" for i in range(200))
    answers = {"a": 1, **{f"q{i}": 1 for i in range(200)}}
    expected = [(MAX_DEPTH - 1) % 2 == 0, True, 200]  # not() applied MAX_DEPTH - 1 times
    trees = [parse(deep), parse(chain), parse(total)]
    items = [{"ast": tree, "answers": answers} for tree in trees]
    for tree, outcome, wanted in zip(trees, run_js(items), expected, strict=True):
        assert_matches(evaluate(tree, answers), wanted)
        assert_matches(decoded(outcome), wanted)


def test_dates_agree_over_a_wide_range():
    """Day numbers and ISO dates convert alike in both halves, leap years included."""
    days = [*range(-800_000, 3_000_000, 9_973), 0, -1, 59, 60, 11_016, 11_017]
    items = [{"ast": parse(f"date({d})"), "answers": {}} for d in days]
    items += [{"ast": parse(f"number(date({d}))"), "answers": {}} for d in days]
    js = [to_string(decoded(outcome)) for outcome in run_js(items)]
    python = [to_string(evaluate(item["ast"], {})) for item in items]
    assert js == python
    assert python.count("") == python.count("NaN") > 0  # the range ends were reached


# ------------------------------------------------------------------------------ the parser


def test_a_blank_expression_means_no_condition():
    """Empty or blank text parses to None, which evaluates to true."""
    assert parse("") is None
    assert parse("  \n ") is None
    assert evaluate(None, {}) is True


def test_the_tree_is_small_and_documented():
    """A Kobo-style condition gives the tree described in the module."""
    assert parse("${age} >= 18 and selected(${motifs}, 'travail')") == {
        "op": "and",
        "args": [
            {"op": ">=", "args": [{"ref": "age"}, {"num": 18}]},
            {"call": "selected", "args": [{"ref": "motifs"}, {"lit": "travail"}]},
        ],
    }
    assert parse(". <= -2.5") == {"op": "<=", "args": [{"current": True}, {"num": -2.5}]}
    assert parse("1 - 2 - 3") == {"op": "-", "args": [{"num": 1}, {"num": 2}, {"num": 3}]}
    assert parse("-${a}") == {"op": "neg", "args": [{"ref": "a"}]}
    assert parse("commune = 'x'", choice_filter=True) == {
        "op": "=",
        "args": [{"col": "commune"}, {"lit": "x"}],
    }


def error_of(text: str, **options) -> ExpressionError:
    with translation.override("en"), pytest.raises(ExpressionError) as caught:
        parse(text, **options)
    return caught.value


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("${a} = )", 7, "unexpected ')' at character 8"),
        ("(${age} > 18) and )", 18, "unexpected ')' at character 19"),
        ("${a} = 'oui", 7, "unterminated string starting at character 8"),
        ('concat("a, ${b})', 7, "unterminated string starting at character 8"),
        ("foo(1)", 0, "unknown function 'foo' at character 1"),
        ("count(${x}) > 2", 0, "unknown function 'count' at character 1"),
        ("${bad name} = 1", 0, "invalid question code 'bad name' at character 1"),
        ("${} = 1", 0, "invalid question code '' at character 1"),
        ("${age >= 18", 0, "unterminated ${...} reference starting at character 1"),
        ("${a} == 1", 6, "unexpected '=' at character 7"),
        ("${a} <> 1", 6, "unexpected '>' at character 7"),
        ("${a} = 1 2", 9, "unexpected 2 at character 10"),
        ("${a} 'x'", 5, "unexpected 'x' at character 6"),
        ("${a} xor ${b}", 5, "unexpected 'xor' at character 6"),
        ("${a} =", 6, "the expression is incomplete: a value is missing at character 7"),
        ("(1 + 2", 6, "missing ')' at character 7"),
        ("/data/age > 3", 0, "unexpected character '/' at character 1"),
        ("../age > 3", 0, "unexpected '..' at character 1"),
        ("${a} = ‘oui’", 7, "unexpected character '‘' at character 8"),
        ("${a} = 'x' && ${b}", 11, "unexpected character '&' at character 12"),
        ("${a}[1]", 4, "unexpected character '[' at character 5"),
        (
            "age >= 18",
            0,
            "unexpected name 'age' at character 1: write ${age} to use a question",
        ),
        (
            "selected(${a})",
            0,
            "wrong number of arguments for 'selected' at character 1: 1 given, 2 expected",
        ),
        (
            "round(1, 2, 3)",
            0,
            "wrong number of arguments for 'round' at character 1: 3 given, 1 to 2 expected",
        ),
        ("1" * 400, 0, "number too large at character 1"),
    ],
)
def test_errors_say_what_and_where(text, position, message):
    """A malformed expression raises ExpressionError with its 0-based position and a message
    counting characters from 1."""
    error = error_of(text)
    assert isinstance(error, ValueError)
    assert error.position == position
    assert str(error) == message


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+$", "a repetition inside a repeated group"),
        ("^([a-z]+\\.)+[a-z]+$", "a repetition inside a repeated group"),
        ("(a|b)*c", "a repetition inside a repeated group"),
        ("(a{1,3}){1,40}", "a repetition inside a repeated group"),
        ("(?P<x>a)", "'(?' is not supported"),
        ("(?i)abc", "'(?' is not supported"),
        ("\\Aabc", "'\\A' is not supported"),
        ("a\\-b", "'\\-' is not supported"),
        ("(a)\\1", "'\\1' is not supported"),
        ("[[a]]", "'[' is not supported"),
        ("a{2", "'{' is not supported"),
        ("a]", "']' is not supported"),
        ("*a", "'*' has nothing to repeat"),
        ("^*", "'*' has nothing to repeat"),
        ("a**", "'*' has nothing to repeat"),
        ("(ab", "unbalanced parentheses"),
        ("ab)", "unbalanced parentheses"),
        ("[abc", "a character class [...] is empty or not closed"),
        ("[]a]", "a character class [...] is empty or not closed"),
        ("a{2000}", "repetition counts above 1000 are not supported"),
        ("a{3,2}", "it is not a valid regular expression"),
        ("[z-a]", "it is not a valid regular expression"),
        ("(?<=a+)b", "it is not a valid regular expression"),
        ("a" * 201, "it is longer than 200 characters"),
    ],
)
def test_regex_patterns_outside_the_shared_subset_are_refused(pattern, reason):
    """Patterns that Python and the browser would read differently, or that could hang, fail
    at parse time with the reason."""
    text = f"regex(., '{pattern}')"
    error = error_of(text)
    assert error.position == 9
    assert str(error).startswith("invalid regex pattern at character 10: " + reason)


def test_a_regex_pattern_must_be_written_out():
    """regex() takes its pattern as a quoted string, so it can be checked before use."""
    error = error_of("regex(., ${pattern})")
    assert error.position == 9
    assert str(error) == "the pattern of regex() must be a quoted string, at character 10"


@pytest.mark.parametrize(
    "text",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "1 + " * 25_000 + "1",
        "'" + "a" * 100_000,
        "${" * 50_000,
    ],
)
def test_hostile_input_is_refused_quickly(text):
    """Very long input fails cleanly with ExpressionError, fast, whatever it holds."""
    started = time.monotonic()
    error = error_of(text)
    assert time.monotonic() - started < 1
    assert error.position == MAX_LENGTH
    assert str(error) == f"the expression is too long ({len(text)} characters, at most 2000)"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("(" * 600 + "1" + ")" * 600, MAX_DEPTH),
        ("not(" * 300 + "true()" + ")" * 300, 4 * MAX_DEPTH + 3),
        ("-(" * 500 + "1" + ")" * 500, 2 * MAX_DEPTH + 1),
        ("1" + " - 2 + 3" * 150, None),
    ],
)
def test_deep_nesting_within_the_length_limit_is_refused(text, position):
    """Nesting past MAX_DEPTH levels is an ExpressionError, never a RecursionError."""
    assert len(text) <= MAX_LENGTH
    error = error_of(text)
    assert "too deeply nested" in str(error)
    if position is not None:
        assert error.position == position


def test_long_flat_chains_are_fine():
    """Repeating one operator makes one node, not a deep tree."""
    tree = parse(" or ".join(["${a} = 'x'"] * 130))
    assert len(tree["args"]) == 130
    assert evaluate(tree, {"a": "x"}) is True
    assert evaluate(parse("-" * 1999 + "1"), {}) == -1


def test_unicode_digits_are_not_numbers():
    """Only ASCII digits make a number, in expressions as in answers."""
    assert error_of("\u0661 = 1").position == 0
    assert to_string(evaluate(parse("number(.)"), {}, current="\u0661")) == "NaN"


# ------------------------------------------------------------------------------ references


def test_references_lists_the_question_codes_used():
    """references() gives each ${code} once, and nothing for . or choice columns."""
    tree = parse(
        "${a} + ${b} > 2 and selected(${c}, 'x') or ${a} = . and name = 'y'", choice_filter=True
    )
    assert references(tree) == {"a", "b", "c"}
    assert references(parse(". > 3")) == set()
    assert references(None) == set()


# ------------------------------------------------------------------- python-only conveniences


def test_decimal_answers_read_as_numbers():
    """Decimal answers (from the database) compare and compute like floats."""
    assert evaluate(parse("${taux} * 2"), {"taux": Decimal("1.5")}) == 3.0
    assert evaluate(parse(". <= 2.5"), {}, current=Decimal("2.50")) is True
    assert to_string(Decimal("12.50")) == "12.5"


def test_today_defaults_to_the_servers_date():
    """Without `today`, today() is the date the server runs on."""
    assert evaluate(parse("today()"), {}) == datetime.date.today().isoformat()


def test_is_true_accepts_raw_answers_too():
    """is_true() follows XPath boolean() for values and for answers as stored."""
    assert [is_true(v) for v in ("", "non", 0, 0.0, math.nan, 2, True, False)] == [
        False,
        True,
        False,
        False,
        False,
        True,
        True,
        False,
    ]
    assert is_true(None) is False
    assert is_true([]) is False
    assert is_true(["a"]) is True
    assert is_true(Decimal("0")) is False


def test_evaluation_never_raises_on_odd_numbers():
    """Overflow, infinities and NaN stay numbers, as in XPath."""
    big = {"x": 10**400}
    assert to_string(evaluate(parse("${x} * 2"), big)) == "Infinity"
    assert to_string(evaluate(parse("round(${x} div 0, 2)"), {"x": 1})) == "Infinity"
    assert to_string(evaluate(parse("int(0 div 0)"), {})) == "NaN"
    assert to_string(evaluate(parse("date(1 div 0)"), {})) == ""


def test_a_compiled_tree_is_evaluated_again_with_each_answers():
    """Compiled once, a tree gives each set of answers its own value, as `evaluate` does."""
    condition = compile_tree(parse("${age} >= 18 and selected(${canal}, 'affiche')"))
    assert condition({"age": 34, "canal": ["affiche", "bouche"]}) is True
    assert condition({"age": 12, "canal": ["affiche"]}) is False
    assert condition({"age": 34, "canal": []}) is False
    constraint = compile_tree(parse(". <= today()"))
    assert constraint({}, "2026-01-01", datetime.date(2026, 1, 2)) is True
    assert constraint({}, "2026-01-03", datetime.date(2026, 1, 2)) is False


@pytest.mark.parametrize(
    "tree",
    [
        {"unknown": 1},
        {"op": "=", "args": [{"num": 1}]},
        {"op": "xor", "args": [{"num": 1}, {"num": 2}]},
        {"call": "if", "args": [{"num": 1}, {"lit": "a"}]},
        {"call": "system", "args": []},
        {"call": "regex", "args": [{"lit": "a"}, {"ref": "motif"}]},
        {"call": "regex", "args": [{"lit": "a"}, "literal"]},
        {"op": "neg", "args": []},
        # in the branch an evaluation would not take
        {"call": "if", "args": [{"num": 1}, {"lit": "a"}, {"call": "if", "args": []}]},
        ["not", "a", "node"],
    ],
)
def test_a_malformed_tree_is_refused_when_compiled(tree):
    """Trees come from `parse`; one that does not (stored data gone wrong) is refused whole,
    before any answer is read, with the engine's own error."""
    with pytest.raises(ExpressionError, match="arbre d'expression invalide"):
        compile_tree(tree)
