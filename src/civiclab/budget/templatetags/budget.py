"""Template filters for money: {{ amount|euros }} → 1 234,56 €."""

from django import template

from civiclab.budget.money import format_euros, percent

register = template.Library()


@register.filter
def euros(value, decimals: int = 2) -> str:
    """1234.56 → "1 234,56 €" (narrow no-break space between thousands); `euros:0` drops cents."""
    return format_euros(value, int(decimals))


@register.filter
def percent_of(part, whole) -> int | None:
    return percent(part, whole)


@register.filter
def bar_width(part, whole) -> int:
    """A percentage for the width of a bar, kept between 0 and 100."""
    value = percent(part, whole)
    return 0 if value is None else max(0, min(100, value))
