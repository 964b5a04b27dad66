"""Vietnamese numbers: "32,7" and "1.234,5" in, "99,85" and "1.234" out."""

from decimal import Decimal, InvalidOperation

from django.utils import formats


def parse_decimal(text: str) -> Decimal:
    """Read a number as a Vietnamese civil servant types it.

    "32,7" and "32.7" are both 32.7; with both marks, the last one is the decimal mark
    ("1.234,5" is 1234.5, "1,234.5" too). Raises ValueError for anything else.
    """
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands_mark = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands_mark, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_decimal(value) -> str:
    """A number for a page, in the active language: 99,85 / 1.234 / 100 (no trailing zeros)."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))  # 1E+2 → 100
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def format_decimal_input(value) -> str:
    """A number for an input box: "99,85" with no thousands mark, so it reads back the same."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    number = Decimal(value).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, use_l10n=True, force_grouping=False)
