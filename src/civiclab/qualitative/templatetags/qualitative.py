"""Figures of the qualitative pages as a reader sees them."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civiclab.analysis.display import figure

register = template.Library()


@register.filter
def decimal(value: float | None, places: int = 2) -> str:
    """0.7312 → "0,73"; nothing → "—" (an undefined statistic is not zero)."""
    if value is None:
        return "—"
    return number_format(round(value, places), decimal_pos=places, use_l10n=True)


@register.filter
def grouped(value: int | None) -> str:
    """1966 → "1 966": counts of answers run into thousands."""
    return "—" if value is None else number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def percent(value: float | None) -> str:
    return figure(value, share=True)


@register.filter
def get(mapping: dict, key):
    return mapping.get(key)


@register.filter
def kappa_words(kappa: float | None) -> str:
    """Landis and Koch's (1977) reading of kappa, the one coders usually quote."""
    if kappa is None:
        return _("Agreement cannot be computed on these codings.")
    if kappa < 0:
        return _("Less agreement than chance: the codes are understood differently.")
    bands = [
        (0.2, _("Slight agreement: compare your definitions of the codes before going on.")),
        (0.4, _("Fair agreement: the codebook needs clearer definitions.")),
        (0.6, _("Moderate agreement: discuss the disagreements below.")),
        (0.8, _("Substantial agreement.")),
    ]
    for upper, words in bands:
        if kappa <= upper:
            return words
    return _("Almost perfect agreement.")
