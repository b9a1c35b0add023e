"""Euros as people type them (1 234,56 / 1234.56) and as the French read them (1 234,56 €)."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# French typography, as CLDR has it: a narrow no-break space (U+202F) between thousands and a
# no-break space (U+00A0) before the euro sign, so that an amount never breaks across lines.
THOUSANDS_SEPARATOR = "\u202f"
BEFORE_CURRENCY = "\u00a0"
MAX_AMOUNT = Decimal("9999999999.99")  # what DecimalField(max_digits=12, decimal_places=2) holds

# Every space people (and spreadsheets) put between thousands, and the euro sign.
_IGNORED = re.compile(r"[\s\u00a0\u202f\u2009\u2007'€]|EUR$", re.IGNORECASE)
_PLAIN = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")  # 1234 / 1234,56 / 1234.56
_DOTTED_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+$")  # 1.234,56 (Excel)

MESSAGES = {
    "required": _("Give an amount in euros, for example 1 234,56."),
    "negative": _("An amount cannot be negative: enter it without the minus sign."),
    "invalid": _("“%(value)s” is not an amount in euros: write it like 1 234,56 or 1234.56."),
    "too_many_decimals": _("An amount has at most two decimals (the cents)."),
    "too_large": _("This amount is too large (at most 9 999 999 999,99 €)."),
}


def parse_amount(text: str) -> Decimal:
    """The amount written in `text`; raises ValidationError (with a code) if it is not one."""
    raw = str(text).strip()
    if not raw:
        raise ValidationError(MESSAGES["required"], code="required")
    compact = _IGNORED.sub("", raw)
    if compact.startswith(("-", "\u2212")):
        raise ValidationError(MESSAGES["negative"], code="negative")
    if _DOTTED_THOUSANDS.match(compact):
        compact = compact.replace(".", "")
    elif not _PLAIN.match(compact):
        raise ValidationError(MESSAGES["invalid"], code="invalid", params={"value": raw})
    try:
        amount = Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        raise ValidationError(MESSAGES["invalid"], code="invalid", params={"value": raw}) from None
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(MESSAGES["too_many_decimals"], code="too_many_decimals")
    if amount > MAX_AMOUNT:
        raise ValidationError(MESSAGES["too_large"], code="too_large")
    return amount.quantize(Decimal("0.01"))


def format_euros(value, decimals: int = 2) -> str:
    """`value` the French way: 1234.5 → "1 234,50 €" (see the separators above)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    units, _dot, cents = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while len(units) > 3:
        units, group = units[:-3], units[-3:]
        groups.insert(0, group)
    number = THOUSANDS_SEPARATOR.join([units, *groups])
    if cents:
        number = f"{number},{cents}"
    return f"{sign}{number}{BEFORE_CURRENCY}€"


def percent(part, whole) -> int | None:
    """`part` as a whole percentage of `whole` (None when there is nothing to compare with)."""
    if not whole:
        return None
    ratio = Decimal(part or 0) * 100 / Decimal(whole)
    return int(ratio.quantize(Decimal(1), rounding=ROUND_HALF_UP))
