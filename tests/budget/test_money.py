"""Amounts typed the French way are understood; bad ones are refused; euros read the French way."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from civiclab.budget.money import format_euros, parse_amount, percent

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1 234,56", D("1234.56")),
        ("1234.56", D("1234.56")),
        ("1234,5", D("1234.50")),
        ("1\u00a0234,56", D("1234.56")),
        ("1\u202f234,56 €", D("1234.56")),
        ("1.234,56", D("1234.56")),
        (" 12 ", D("12.00")),
        ("0", D("0.00")),
        ("9 999 999 999,99", D("9999999999.99")),
    ],
)
def test_french_and_plain_amounts_are_accepted(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("12,5x", "invalid"),
        ("-3", "negative"),
        ("\u22123", "negative"),
        ("- 1 234,56", "negative"),
        ("abc", "invalid"),
        ("1,234.56", "invalid"),
        ("1e3", "invalid"),
        ("12,345", "too_many_decimals"),
        ("10 000 000 000", "too_large"),
        ("  ", "required"),
        ("1..2", "invalid"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as refusal:
        parse_amount(typed)
    assert refusal.value.code == code


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1234.56"), f"1{NNBSP}234,56{NBSP}€"),
        (D("0"), f"0,00{NBSP}€"),
        (D("999.5"), f"999,50{NBSP}€"),
        (D("1234567.8"), f"1{NNBSP}234{NNBSP}567,80{NBSP}€"),
        (D("-150.25"), f"-150,25{NBSP}€"),
        (1000, f"1{NNBSP}000,00{NBSP}€"),
        (None, ""),
    ],
)
def test_euros_are_written_the_french_way(value, text):
    assert format_euros(value) == text


def test_euros_filter_in_templates_and_without_cents():
    template = Template("{% load budget %}{{ a|euros }}|{{ a|euros:0 }}|{{ b|euros:0 }}")
    rendered = template.render(Context({"a": D("1234.56"), "b": D("1234.5")}))
    assert rendered == f"1{NNBSP}234,56{NBSP}€|1{NNBSP}235{NBSP}€|1{NNBSP}235{NBSP}€"


def test_percent():
    assert percent(D("1650.25"), D("1500")) == 110
    assert percent(D("0"), D("0")) is None
