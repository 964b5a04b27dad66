"""Vietnamese numbers: "32,7" and "1.234,5" in, "99,85" and "1.234" out."""

import re
from decimal import Context, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

# ASCII digits and the two marks, with an optional minus sign in front. Python's Decimal()
# also takes "١٢٣", "1_000", "1e3" and "Infinity"; none of them is a number a clerk types.
NUMBER_SHAPE = re.compile(r"(-?)([0-9.,]*[0-9][0-9.,]*)")


def parse_decimal(text: str) -> Decimal:
    """Read a number as a Vietnamese civil servant types it.

    ASCII digits, with "," or "." as the decimal mark: "32,7" and "32.7" are both 32.7;
    with both marks, the last one is the decimal mark and the other groups thousands
    ("1.234,5" is 1234.5, "1,234.5" too). Spaces are ignored, a leading "-" makes it
    negative. Raises ValueError for anything else.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    shape = NUMBER_SHAPE.fullmatch(cleaned)
    if shape is None:
        raise ValueError(text)
    sign, body = shape.groups()
    whole, fraction = _split_at_decimal_mark(body, text)
    return Decimal(f"{sign}{whole or '0'}.{fraction}" if fraction else f"{sign}{whole}")


def _split_at_decimal_mark(body: str, text: str) -> tuple[str, str]:
    """The digits before and after the decimal mark, thousands marks removed.

    The one place that decides what each mark means.
    """
    if "," in body and "." in body:
        decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
        thousands_mark = "." if decimal_mark == "," else ","
        whole, fraction = body.rsplit(decimal_mark, 1)
        whole = whole.replace(thousands_mark, "")
    elif body.count(",") == 1:
        whole, fraction = body.split(",")
    elif body.count(".") == 1:
        whole, fraction = body.split(".")
    else:
        whole, fraction = body, ""
    if "," in whole or "." in whole:
        raise ValueError(text)  # a mark repeated where only one may be: "1,2,3"
    return whole, fraction


def largest_decimal(*, max_digits: int, decimal_places: int) -> Decimal:
    """The largest number a field of these digits holds: 99999999999.9999 for 15 and 4."""
    return Decimal(10) ** (max_digits - decimal_places) - Decimal(1).scaleb(-decimal_places)


def decimal_for_field(
    number: Decimal,
    *,
    max_digits: int | None,
    decimal_places: int | None,
    rounding: str | None = None,
) -> Decimal:
    """The number, if a field of ``max_digits`` digits with ``decimal_places`` of them
    after the mark holds it exactly; trailing zeros beyond those places are dropped. With
    ``rounding`` (a ``decimal`` constant) further digits are rounded away instead of
    refused: a spreadsheet cell carries whatever a calculation left in it.

    Raises ValueError whose text is the message to show: the number is too large (the
    message names the largest accepted), or has too many digits after the mark.
    """
    if not number.is_finite():
        raise ValueError(_("Enter a number, for example 32,7."))
    if max_digits is None or decimal_places is None:
        return number
    largest = largest_decimal(max_digits=max_digits, decimal_places=decimal_places)
    too_large = ValueError(
        _("This number is too large: the largest accepted is %(largest)s.")
        % {"largest": format_decimal(largest)}
    )
    if abs(number) > largest:
        raise too_large
    if number.as_tuple().exponent >= -decimal_places:
        return number
    rounded = number.quantize(Decimal(1).scaleb(-decimal_places), rounding=rounding)
    if rounding is None and rounded != number:
        raise ValueError(
            _("Use at most %(places)s digits after the decimal mark.") % {"places": decimal_places}
        )
    if abs(rounded) > largest:
        raise too_large  # 99999999999.99996 rounds up past the largest
    return rounded


def _shown(value) -> Decimal:
    """The value as a Decimal without trailing zeros, never rounded: 99.8500 → 99.85.

    Raises InvalidOperation for what is not a finite number.
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise InvalidOperation(value)
    if number.is_zero():
        return Decimal(0)
    # normalize() rounds to the context's precision: give it exactly the digits there are.
    return number.normalize(Context(prec=len(number.as_tuple().digits)))


def format_decimal(value) -> str:
    """A number for a page, in the active language: 99,85 / 1.234 / 100 (no trailing zeros)."""
    if value is None or value == "":
        return ""
    try:
        number = _shown(value)
    except InvalidOperation:
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def format_decimal_input(value) -> str:
    """A number for an input box: "99,85" with no thousands mark, so it reads back the same."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    try:
        number = _shown(value)
    except InvalidOperation:
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=False)
