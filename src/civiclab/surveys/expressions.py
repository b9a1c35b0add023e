"""XLSForm expressions (relevant, constraint, calculation, choice_filter): parse and evaluate."""

# The tree `parse` returns is plain JSON, so the browser can evaluate it without a parser
# (static/js/expressions.js follows the same rules; tests/surveys/expression_cases.json holds
# the cases both must pass). Nodes:
#
#   None                        empty text: no condition (`evaluate` gives True)
#   {"num": 18}                 number literal (int when written without ".", else float)
#   {"lit": "travail"}          string literal
#   {"ref": "age"}              ${age}
#   {"current": True}           .  (the question being checked)
#   {"col": "commune"}          bare name, only with parse(..., choice_filter=True):
#                               a column of the choice being filtered (`choice` argument)
#   {"op": OP, "args": [...]}   OP: or and = != < <= > >= + - * div mod, two or more
#                               args combined left to right (1 - 2 - 3 is one node)
#   {"op": "neg", "args": [x]}  unary minus (folded into number literals)
#   {"call": NAME, "args": [...]}  a function of FUNCTIONS, arity checked; the pattern of
#                               regex() is always a {"lit"} checked at parse time
#
# Values while evaluating are XPath's: str, float (number) or bool. Answers read as:
# missing, None or "" -> ""; a list (multiple choice, ranking) -> its values joined by one
# space, as ODK stores select_multiple; int, float, Decimal -> float; dates stay
# "YYYY-MM-DD" strings. Dates are compared as day numbers: converting a string that is a
# valid ISO date to a number gives its days since 1970-01-01 (as ODK does for date fields),
# so `${d} < today()`, `${d} >= '2025-01-01'` and `today() - ${birth}` work, while
# `${d} = today()` compares the strings. today() and date() give ISO strings.

import datetime
import functools
import math
import re
import warnings
from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 2000
MAX_DEPTH = 50  # nesting of brackets, calls and operators; keeps recursion far from limits
MAX_REGEX_LENGTH = 200
MAX_REGEX_COUNT = 1000
MAX_VARIABLE_REPEAT = 10  # (a{1,3}){n} tries about 3**n splits: keep n small

# name -> (fewest, most arguments); None: any number
FUNCTIONS = {
    "selected": (2, 2),
    "count-selected": (1, 1),
    "selected-at": (2, 2),
    "string-length": (1, 1),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "boolean": (1, 1),
    "number": (1, 1),
    "int": (1, 1),
    "round": (1, 2),
    "string": (1, 1),
    "concat": (0, None),
    "contains": (2, 2),
    "starts-with": (2, 2),
    "regex": (2, 2),
    "if": (3, 3),
    "coalesce": (2, 2),
    "today": (0, 0),
    "date": (1, 1),
}
# Binary operators from the loosest to the tightest.
LEVELS = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod"))

CODE_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")  # XLSForm names, as models.XLSFORM_NAME_PATTERN
NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
# and/or/div/mod are operators only after an operand, as in XPath; `5 mod-3` is 5 mod -3.
KEYWORD_RE = re.compile(r"(?:and|or|div|mod)(?![A-Za-z0-9_.])")
NUMBER_TEXT_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SPACES_RE = re.compile(r"[ \t\r\n]+")
XPATH_SPACE = " \t\r\n"
EPOCH = datetime.date(1970, 1, 1)
OPERAND_END = {"num", "lit", "ref", "current", "name", ")"}
UNEXPECTED = _("unexpected %(token)s at character %(position)d")


class ExpressionError(ValueError):
    """A malformed or unsupported expression; `position` is the 0-based offset of the problem."""

    def __init__(self, message, position: int = 0):
        super().__init__(str(message))
        self.message = str(message)
        self.position = position


def _error(message, position: int, **values) -> ExpressionError:
    # Messages count characters from 1, as people do; `.position` stays 0-based.
    return ExpressionError(message % {"position": position + 1, **values}, position)


# ------------------------------------------------------------------------------ parsing


def parse(text: str, *, choice_filter: bool = False) -> dict | None:
    """The tree of `text`, None when it is blank; ExpressionError when it is not valid."""
    if len(text) > MAX_LENGTH:
        message = _("the expression is too long (%(length)d characters, at most %(limit)d)")
        raise ExpressionError(message % {"length": len(text), "limit": MAX_LENGTH}, MAX_LENGTH)
    tokens = _tokenize(text)
    if tokens[0][0] == "end":
        return None
    return _Parser(text, tokens, choice_filter).parse()


def _tokenize(text: str) -> list[tuple[str, object, int]]:
    """(kind, value, position) triples, ending with ("end", None, len(text))."""
    tokens = []
    i = 0
    while i < len(text):
        if text[i] in XPATH_SPACE:
            i += 1
            continue
        after_operand = bool(tokens) and tokens[-1][0] in OPERAND_END
        token, i = _token(text, i, after_operand)
        tokens.append(token)
    tokens.append(("end", None, len(text)))
    return tokens


def _token(text: str, i: int, after_operand: bool) -> tuple[tuple[str, object, int], int]:
    char = text[i]
    if after_operand and (match := KEYWORD_RE.match(text, i)):
        return ("op", match.group(), i), match.end()
    if match := NUMBER_RE.match(text, i):
        return ("num", _number_literal(match.group(), i), i), match.end()
    if char in "'\"":
        end = text.find(char, i + 1)
        if end < 0:
            raise _error(_("unterminated string starting at character %(position)d"), i)
        return ("lit", text[i + 1 : end], i), end + 1
    if text.startswith("${", i):
        return _reference(text, i)
    if char == ".":
        if text.startswith("..", i):
            raise _error(UNEXPECTED, i, token="'..'")
        return ("current", True, i), i + 1
    if match := CODE_RE.match(text, i):
        return ("name", match.group(), i), match.end()
    for operator in ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*"):
        if text.startswith(operator, i):
            return ("op", operator, i), i + len(operator)
    if char in "(),":
        return (char, char, i), i + 1
    raise _error(_("unexpected character '%(char)s' at character %(position)d"), i, char=char)


def _number_literal(raw: str, position: int) -> int | float:
    value = float(raw)
    if not math.isfinite(value):
        raise _error(_("number too large at character %(position)d"), position)
    # Whole numbers stay ints so the tree reads like the text ({"num": 18}).
    return int(raw) if "." not in raw and value < 2**53 else value


def _reference(text: str, i: int) -> tuple[tuple[str, object, int], int]:
    end = text.find("}", i + 2)
    if end < 0:
        raise _error(_("unterminated ${...} reference starting at character %(position)d"), i)
    code = text[i + 2 : end]
    if not CODE_RE.fullmatch(code):
        message = _("invalid question code '%(code)s' at character %(position)d")
        raise _error(message, i, code=code)
    return ("ref", code, i), end + 1


class _Parser:
    """Recursive descent over the tokens, one method per precedence level."""

    def __init__(self, text: str, tokens: list, choice_filter: bool):
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.choice_filter = choice_filter
        self.nesting = 0
        self.depths: dict[int, tuple[int, dict]] = {}  # id(node) -> (depth, node kept alive)

    def parse(self) -> dict:
        tree = self.binary(0)
        if self.peek()[0] != "end":
            raise self.unexpected()
        return tree

    def peek(self) -> tuple[str, object, int]:
        return self.tokens[self.index]

    def take(self) -> tuple[str, object, int]:
        self.index += 1
        return self.tokens[self.index - 1]

    def unexpected(self) -> ExpressionError:
        kind, position = self.peek()[0], self.peek()[2]
        if kind == "end":
            message = _(
                "the expression is incomplete: a value is missing at character %(position)d"
            )
            return _error(message, position)
        # The token as written: from its start to the next token, spaces left out.
        token = self.text[position : self.tokens[self.index + 1][2]].rstrip(XPATH_SPACE)
        if kind not in ("num", "ref", "lit"):
            token = f"'{token}'"
        return _error(UNEXPECTED, position, token=token)

    def depth(self, node: dict) -> int:
        return self.depths.get(id(node), (1, None))[0]

    def node(self, node: dict, depth: int, position: int) -> dict:
        if depth > MAX_DEPTH:
            raise self.too_deep(position)
        self.depths[id(node)] = (depth, node)
        return node

    def too_deep(self, position: int) -> ExpressionError:
        message = _(
            "the expression is too deeply nested at character %(position)d "
            "(at most %(limit)d levels)"
        )
        return _error(message, position, limit=MAX_DEPTH)

    def binary(self, level: int) -> dict:
        if level == len(LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in LEVELS[level]:
            _kind, operator, position = self.take()
            right = self.binary(level + 1)
            depth = 1 + self.depth(right)
            if left.get("op") == operator:  # same operator: one node, folded left to right
                left["args"].append(right)
                left = self.node(left, max(self.depth(left), depth), position)
            else:
                depth = max(depth, 1 + self.depth(left))
                left = self.node({"op": operator, "args": [left, right]}, depth, position)
        return left

    def unary(self) -> dict:
        minus = []
        while self.peek()[:2] == ("op", "-"):  # a loop, not recursion: "- - - 1" is fine
            minus.append(self.take()[2])
        operand = self.primary()
        for position in reversed(minus):
            if "num" in operand:
                number = operand["num"]
                operand = {"num": -number if number else -float(number)}  # keeps -0
            else:
                operand = self.node(
                    {"op": "neg", "args": [operand]}, 1 + self.depth(operand), position
                )
        return operand

    def primary(self) -> dict:
        kind, value, position = self.peek()
        if kind in ("num", "lit", "ref", "current"):
            self.take()
            return {kind: value}
        if kind == "(":
            self.take()
            self.enter(position)
            inner = self.binary(0)
            self.expect(")")
            self.nesting -= 1
            return inner
        if kind == "name":
            self.take()
            if self.peek()[0] == "(":
                return self.call(value, position)
            if self.choice_filter:
                return {"col": value}
            message = _(
                "unexpected name '%(name)s' at character %(position)d: "
                "write ${%(name)s} to use a question"
            )
            raise _error(message, position, name=value)
        raise self.unexpected()

    def enter(self, position: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise self.too_deep(position)

    def expect(self, kind: str) -> None:
        if self.peek()[0] == kind:
            self.take()
            return
        if self.peek()[0] == "end":
            message = _("missing '%(token)s' at character %(position)d")
            raise _error(message, self.peek()[2], token=kind)
        raise self.unexpected()

    def call(self, name: str, position: int) -> dict:
        if name not in FUNCTIONS:
            raise _error(
                _("unknown function '%(name)s' at character %(position)d"), position, name=name
            )
        self.enter(self.take()[2])
        args, positions = [], []
        if self.peek()[0] != ")":
            positions.append(self.peek()[2])
            args.append(self.binary(0))
            while self.peek()[0] == ",":
                self.take()
                positions.append(self.peek()[2])
                args.append(self.binary(0))
        self.expect(")")
        self.nesting -= 1
        _check_arity(name, len(args), position)
        if name == "regex":
            _check_pattern(args[1], positions[1])
        depth = 1 + max((self.depth(arg) for arg in args), default=0)
        return self.node({"call": name, "args": args}, depth, position)


def _check_arity(name: str, given: int, position: int) -> None:
    low, high = FUNCTIONS[name]
    if given >= low and (high is None or given <= high):
        return
    if low == high:
        message = _(
            "wrong number of arguments for '%(name)s' at character %(position)d: "
            "%(given)d given, %(expected)d expected"
        )
        raise _error(message, position, name=name, given=given, expected=low)
    message = _(
        "wrong number of arguments for '%(name)s' at character %(position)d: "
        "%(given)d given, %(low)d to %(high)d expected"
    )
    raise _error(message, position, name=name, given=given, low=low, high=high)


def _check_pattern(node: dict, position: int) -> None:
    # A literal pattern can be checked once, here, so evaluation never meets a bad one.
    if "lit" not in node:
        message = _("the pattern of regex() must be a quoted string, at character %(position)d")
        raise _error(message, position)
    try:
        _compiled(node["lit"])
    except _PatternError as error:
        message = _("invalid regex pattern at character %(position)d: %(reason)s")
        raise _error(message, position, reason=error.reason) from None


def references(ast: dict | None) -> set[str]:
    """The question codes an expression reads through ${code}."""
    found, stack = set(), [ast] if ast else []
    while stack:
        node = stack.pop()
        if "ref" in node:
            found.add(node["ref"])
        stack.extend(node.get("args", ()))
    return found


# ------------------------------------------------------------------------ regex subset
#
# regex() patterns must mean the same to Python's `re` and to the browser's
# `new RegExp(pattern, "u")`. We accept a common subset and translate the three places where
# Python differs: `.` (JS also stops at \r, \u2028, \u2029), `$` (Python also matches before
# a final newline) and `\s` (JS knows more spaces); \d \w \b are ASCII in both (re.ASCII).
# Nested repetition such as (a+)+ or (a|b)* is refused: it makes backtracking exponential.

JS_SPACES = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_DOT = r"[^\n\r\u2028\u2029]"
SYNTAX_CHARS = set("^$\\.*+?()[]{}|/")  # what JS allows after "\" in "u" mode
REPEAT_RE = re.compile(r"\{([0-9]+)(,([0-9]*))?\}")
HEX2_RE = re.compile(r"[0-9A-Fa-f]{2}")
HEX4_RE = re.compile(r"[0-9A-Fa-f]{4}")
GROUP_OPENINGS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(")


class _PatternError(Exception):
    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = str(reason)


def _unsupported(construct: str) -> _PatternError:
    return _PatternError(_("'%(construct)s' is not supported") % {"construct": construct})


class _Group:
    def __init__(self, lookaround: bool = False):
        self.lookaround = lookaround
        self.variable = False  # holds a repetition of varying count or an alternation
        self.unbounded = False  # holds *, + or {n,}


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    translated = _python_pattern(pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: refuse
            return re.compile(translated, re.ASCII)
    except (re.error, Warning, OverflowError, RecursionError):
        raise _PatternError(_("it is not a valid regular expression")) from None


def _python_pattern(pattern: str) -> str:
    if len(pattern) > MAX_REGEX_LENGTH:
        reason = _("it is longer than %(limit)d characters") % {"limit": MAX_REGEX_LENGTH}
        raise _PatternError(reason)
    out, groups, last, i = [], [_Group()], None, 0  # last: what a quantifier would repeat
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            text, i, repeatable = _escape(pattern, i, in_class=False)
            out.append(text)
            last = "atom" if repeatable else None
        elif char == "[":
            text, i = _char_class(pattern, i)
            out.append(text)
            last = "atom"
        elif char == "(":
            opening = next(o for o in GROUP_OPENINGS if pattern.startswith(o, i))
            if opening == "(" and pattern.startswith("(?", i):
                raise _unsupported("(?")
            groups.append(_Group(lookaround=opening not in ("(", "(?:")))
            out.append(opening)
            i += len(opening)
            last = None
        elif char == ")":
            last = _close_group(groups)
            out.append(")")
            i += 1
        elif char == "|":
            groups[-1].variable = True
            out.append("|")
            i += 1
            last = None
        elif char in "*+?{":
            text, i = _quantifier(pattern, i, last, groups[-1])
            out.append(text)
            last = "repeated"
        elif char in "]}":
            raise _unsupported(char)
        else:
            out.append({".": JS_DOT, "$": r"\Z"}.get(char, char))
            last = None if char in "^$" else "atom"
            i += 1
    if len(groups) > 1:
        raise _PatternError(_("unbalanced parentheses"))
    return "".join(out)


def _close_group(groups: list[_Group]):
    if len(groups) == 1:
        raise _PatternError(_("unbalanced parentheses"))
    group = groups.pop()
    groups[-1].variable |= group.variable
    groups[-1].unbounded |= group.unbounded
    return None if group.lookaround else group


def _quantifier(pattern: str, i: int, last, group: _Group) -> tuple[str, int]:
    char = pattern[i]
    if char == "{":
        match = REPEAT_RE.match(pattern, i)
        if not match:
            raise _unsupported("{")
        low = int(match[1])
        high = low if match[2] is None else (int(match[3]) if match[3] else None)
        end = match.end()
    else:
        low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        end = i + 1
    if last is None or last == "repeated":
        reason = _("'%(char)s' has nothing to repeat") % {"char": char}
        raise _PatternError(reason)
    if max(low, high or 0) > MAX_REGEX_COUNT:
        reason = _("repetition counts above %(limit)d are not supported")
        raise _PatternError(reason % {"limit": MAX_REGEX_COUNT})
    if high is not None and low > high:
        raise _PatternError(_("it is not a valid regular expression"))
    if isinstance(last, _Group) and (high is None or high > 1):
        loose = high is None or high > MAX_VARIABLE_REPEAT
        if last.unbounded or (last.variable and loose):
            raise _PatternError(
                _(
                    "a repetition inside a repeated group, such as (a+)+ or (a|b)*, can make "
                    "the check extremely slow: use a character class or a bounded count"
                )
            )
    group.variable |= low != high
    group.unbounded |= high is None
    if pattern.startswith("?", end):  # lazy: same meaning in both engines
        end += 1
    return pattern[i:end], end


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int, bool]:
    """(Python text, next index, can be repeated) for the escape at pattern[i]."""
    letter = pattern[i + 1 : i + 2]
    if letter == "":
        raise _PatternError(_("it is not a valid regular expression"))
    if letter in ("d", "D", "w", "W", "n", "r", "t", "f", "v"):
        return "\\" + letter, i + 2, True
    if letter == "s":
        return (JS_SPACES if in_class else f"[{JS_SPACES}]"), i + 2, True
    if letter == "S" and not in_class:
        return f"[^{JS_SPACES}]", i + 2, True
    if letter in ("b", "B") and not in_class:
        return "\\" + letter, i + 2, False
    if letter == "b":  # backspace inside a class, in both engines
        return "\\b", i + 2, True
    if letter == "x" and HEX2_RE.fullmatch(pattern, i + 2, i + 4):
        return pattern[i : i + 4], i + 4, True
    # A \u escape for half of a surrogate pair means different things to the two engines.
    unicode = letter == "u" and HEX4_RE.fullmatch(pattern, i + 2, i + 6)
    if unicode and not 0xD800 <= int(pattern[i + 2 : i + 6], 16) <= 0xDFFF:
        return pattern[i : i + 6], i + 6, True
    if letter in SYNTAX_CHARS or (in_class and letter == "-"):
        return "\\" + letter, i + 2, True
    raise _unsupported("\\" + letter)


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    out, j = ["["], i + 1
    if pattern.startswith("^", j):
        out.append("^")
        j += 1
    if pattern.startswith("]", j):  # JS: an empty class; Python: a literal "]"
        raise _PatternError(_("a character class [...] is empty or not closed"))
    while j < len(pattern):
        char = pattern[j]
        if char == "]":
            out.append("]")
            return "".join(out), j + 1
        if char == "\\":
            text, j, _repeatable = _escape(pattern, j, in_class=True)
            out.append(text)
            continue
        if char == "[":
            raise _unsupported("[")
        out.append(char)
        j += 1
    raise _PatternError(_("a character class [...] is empty or not closed"))


# --------------------------------------------------------------------------- evaluation


def evaluate(
    ast: dict | None,
    answers: Mapping,
    current=None,
    today: datetime.date | None = None,
    *,
    choice: Mapping | None = None,
) -> str | float | bool:
    """The value of `ast` (str, float or bool) given the answers so far; None gives True.

    `current` is the value of `.`, `today` defaults to the server's date, `choice` holds the
    columns of the choice a choice_filter is tried on. To evaluate the same tree many times,
    `compile_tree` it once."""
    if ast is None:
        return True
    return compile_tree(ast)(answers, current, today, choice=choice)


class Expression:
    """A tree turned into Python closures once, for conditions checked on every answer."""

    def __init__(self, ast: dict):
        self._run = _compiled_node(ast)

    def __call__(self, answers: Mapping, current=None, today=None, *, choice=None):
        return self._run(_Context(answers, _value(current), today, choice or {}))


def compile_tree(ast: dict) -> Expression:
    """`ast` ready to evaluate: `compile_tree(ast)(answers, current, today, choice=...)` gives what
    `evaluate(ast, answers, current, today, choice=...)` does. A malformed tree is refused
    here (ExpressionError), even in a branch an evaluation would not take."""
    return Expression(ast)


class _Context:
    __slots__ = ("_today", "answers", "choice", "current")

    def __init__(self, answers: Mapping, current, today: datetime.date | None, choice: Mapping):
        self.answers = answers
        self.current = current
        self._today = today
        self.choice = choice

    @property
    def today(self) -> str:
        # Read only when today() is called: most conditions never need the clock.
        return (self._today or datetime.date.today()).isoformat()[:10]


def _compiled_node(node: dict):
    """A function of a _Context giving the node's value (see the module comment)."""
    if not isinstance(node, dict):
        raise ExpressionError(_("invalid expression tree"))
    if "num" in node:
        number = float(node["num"])
        return lambda context: number
    if "lit" in node:
        text = node["lit"]
        return lambda context: text
    if "ref" in node:
        code = node["ref"]
        return lambda context: _value(context.answers.get(code))
    if "current" in node:
        return lambda context: context.current
    if "col" in node:
        column = node["col"]
        return lambda context: _value(context.choice.get(column))
    if "op" in node:
        return _compiled_operation(node["op"], [_compiled_node(arg) for arg in node["args"]])
    if "call" in node and node["call"] in FUNCTIONS:
        return _compiled_call(node["call"], node["args"])
    raise ExpressionError(_("invalid expression tree"))


def _compiled_operation(operator: str, args: list):
    if operator == "and":
        return lambda context: all(is_true(arg(context)) for arg in args)
    if operator == "or":
        return lambda context: any(is_true(arg(context)) for arg in args)
    if operator == "neg" and len(args) == 1:
        operand = args[0]
        return lambda context: -to_number(operand(context))
    if operator not in BINARY or len(args) < 2:
        raise ExpressionError(_("invalid expression tree"))
    combine, first, rest = BINARY[operator], args[0], args[1:]
    if len(rest) == 1:
        second = rest[0]
        return lambda context: combine(first(context), second(context))

    def chain(context):
        result = first(context)
        for arg in rest:
            result = combine(result, arg(context))
        return result

    return chain


def _compiled_call(name: str, args: list):
    fewest, most = FUNCTIONS[name]
    if len(args) < fewest or (most is not None and len(args) > most):
        raise ExpressionError(_("invalid expression tree"))
    if name == "regex":
        if not isinstance(args[1], dict) or "lit" not in args[1]:
            raise ExpressionError(_("invalid expression tree"))
        try:
            pattern = _compiled(args[1]["lit"])
        except _PatternError as error:
            raise ExpressionError(error.reason) from None
        text = _compiled_node(args[0])
        return lambda context: pattern.search(to_string(text(context))) is not None
    compiled = [_compiled_node(arg) for arg in args]
    if name == "if":  # only the branch taken is evaluated
        condition, then, otherwise = compiled
        return lambda context: (then if is_true(condition(context)) else otherwise)(context)
    if name == "today":
        return lambda context: context.today
    function = CALLS[name]
    if len(compiled) == 1:
        only = compiled[0]
        return lambda context: function(only(context))
    return lambda context: function(*(arg(context) for arg in compiled))


def _value(raw):
    """An answer as an XPath value (see the module comment)."""
    if raw is None:
        return ""
    if isinstance(raw, bool | str | float):
        return raw
    if isinstance(raw, int | Decimal):
        try:
            return float(raw)
        except OverflowError:
            return math.inf if raw > 0 else -math.inf
    if isinstance(raw, list | tuple):
        return " ".join(to_string(item) for item in raw)
    if isinstance(raw, datetime.date):
        return raw.isoformat()[:10]
    return str(raw)


def is_true(value) -> bool:
    """XPath boolean(): non-empty strings and numbers other than 0 and NaN are true."""
    value = _value(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return value != ""


def to_string(value) -> str:
    """XPath string(): 18.0 -> '18', 0.5 -> '0.5', never an exponent; True -> 'true'."""
    value = _value(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_text(value)
    return value


def to_number(value) -> float:
    """XPath number(), plus ISO dates as days since 1970-01-01; NaN when not a number."""
    value = _value(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    text = value.strip(XPATH_SPACE)
    if NUMBER_TEXT_RE.fullmatch(text):  # no exponent, no "+", no decimal comma
        return float(text)
    days = _days(text)
    return math.nan if days is None else float(days)


def _equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return is_true(a) == is_true(b)
    if isinstance(a, float) or isinstance(b, float):
        return to_number(a) == to_number(b)
    return a == b


def _divide(a, b) -> float:
    a, b = to_number(a), to_number(b)
    if b == 0:  # XPath: Infinity or NaN, never an error
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _modulo(a, b) -> float:
    a, b = to_number(a), to_number(b)
    if b == 0 or not math.isfinite(a) or math.isnan(b):
        return math.nan
    return math.fmod(a, b)  # truncated, like XPath and JS's %: -7 mod 3 = -1


BINARY = {
    "=": _equal,
    "!=": lambda a, b: not _equal(a, b),
    "<": lambda a, b: to_number(a) < to_number(b),
    "<=": lambda a, b: to_number(a) <= to_number(b),
    ">": lambda a, b: to_number(a) > to_number(b),
    ">=": lambda a, b: to_number(a) >= to_number(b),
    "+": lambda a, b: to_number(a) + to_number(b),
    "-": lambda a, b: to_number(a) - to_number(b),
    "*": lambda a, b: to_number(a) * to_number(b),
    "div": _divide,
    "mod": _modulo,
}


def _items(value) -> list[str]:
    return [item for item in SPACES_RE.split(to_string(value)) if item]


def _selected_at(value, index) -> str:
    items, index = _items(value), to_number(index)
    if not math.isfinite(index):
        return ""
    index = math.trunc(index)
    return items[index] if 0 <= index < len(items) else ""


def _int(value) -> float:
    number = to_number(value)
    return math.copysign(float(math.trunc(number)), number) if math.isfinite(number) else number


def _round(value, places=None) -> float:
    number = to_number(value)
    if places is None:
        return _xpath_round(number)
    n = to_number(places)
    if math.isnan(n):
        return math.nan
    if not math.isfinite(number) or number == 0 or n == math.inf:
        return number
    if n == -math.inf:
        return math.copysign(0.0, number)
    return _round_places(number, math.trunc(n))


def _xpath_round(number: float) -> float:
    # XPath round(): halves go towards +infinity (round(-2.5) = -2), like JS Math.round.
    if not math.isfinite(number) or number == 0:
        return number
    floor = math.floor(number)
    result = float(floor + 1 if number - floor >= 0.5 else floor)
    return math.copysign(result, number) if result == 0 else result


def _round_places(number: float, places: int) -> float:
    # Half away from zero on the shortest decimal form, as ODK Collect's round(x, n):
    # round(2.675, 2) = 2.68 although the double 2.675 is slightly below it.
    digits, exponent = _decimal_digits(abs(number))
    if exponent >= -places:
        return number
    drop = -places - exponent
    kept = int(digits[:-drop] or "0") if drop < len(digits) else 0
    first_dropped = digits[-drop] if drop <= len(digits) else "0"
    kept += first_dropped >= "5"
    if kept == 0:
        return math.copysign(0.0, number)
    return math.copysign(float(f"{kept}e{-places}"), number)


def _decimal_digits(number: float) -> tuple[str, int]:
    """(digits, exponent) of the shortest decimal form of a positive finite number."""
    _sign, digits, exponent = Decimal(repr(number)).normalize().as_tuple()
    return "".join(map(str, digits)), exponent


def _number_text(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    digits, exponent = _decimal_digits(abs(number))
    if exponent >= 0:
        text = digits + "0" * exponent
    elif -exponent < len(digits):
        text = f"{digits[:exponent]}.{digits[exponent:]}"
    else:
        text = "0." + "0" * (-exponent - len(digits)) + digits
    return "-" + text if number < 0 else text


def _days(text: str) -> int | None:
    """Days since 1970-01-01 of a valid 'YYYY-MM-DD', else None."""
    if not ISO_DATE_RE.fullmatch(text):
        return None
    try:
        return (datetime.date.fromisoformat(text) - EPOCH).days
    except ValueError:
        return None


def _date(value) -> str:
    """date(): a day number or an ISO date string as 'YYYY-MM-DD'; '' when it is neither."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        try:
            return (EPOCH + datetime.timedelta(days=math.floor(value))).isoformat()
        except OverflowError:
            return ""
    if isinstance(value, str):
        text = value.strip(XPATH_SPACE)
        return text if _days(text) is not None else ""
    return ""


CALLS = {
    "selected": lambda value, choice: to_string(choice).strip(XPATH_SPACE) in _items(value),
    "count-selected": lambda value: float(len(_items(value))),
    "selected-at": _selected_at,
    "string-length": lambda value: float(len(to_string(value))),
    "not": lambda value: not is_true(value),
    "true": lambda: True,
    "false": lambda: False,
    "boolean": is_true,
    "number": to_number,
    "int": _int,
    "round": _round,
    "string": to_string,
    "concat": lambda *values: "".join(to_string(value) for value in values),
    "contains": lambda text, part: to_string(part) in to_string(text),
    "starts-with": lambda text, start: to_string(text).startswith(to_string(start)),
    "coalesce": lambda first, second: first if to_string(first) != "" else second,
    "date": _date,
}
