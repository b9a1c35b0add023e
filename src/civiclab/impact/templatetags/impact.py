"""Showing indicator values the French way: decimal comma, no useless zeros, the unit after."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def indicator_value(value: Decimal | None, unit: str = "") -> str:
    """35.5000 and "%" → "35,5 %"; nothing → "—"."""
    if value is None or value == "":
        return "—"
    value = Decimal(value).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    shown = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{shown}\u00a0{unit}" if unit else shown


@register.simple_tag
def answer_labels(question, values: list) -> str:
    """The labels of the answers `values` of `question`, in the order of its choices."""
    labels = {}
    if question is not None and question.choice_list is not None:
        labels = {c.value: c.label_fr or c.value for c in question.choice_list.choices.all()}
    return ", ".join(labels.get(str(v), str(v)) for v in values)
