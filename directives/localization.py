"""Vietnamese numbers: "32,7" and "1.234,5" in, "99,85" and "1.234" out."""

import enum
import re
from collections.abc import Callable
from decimal import Context, Decimal, InvalidOperation
from functools import partial

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# ASCII digits and the two marks (a minus sign may come first). Python's Decimal() also
# takes "١٢٣", "1_000", "1e3" and "Infinity"; none of them is a number a clerk types.
NUMBER_SHAPE = re.compile(r"[0-9.,]*[0-9][0-9.,]*")

# Spaces a clerk or a spreadsheet puts between thousands: "1 000", "1 000" (no-break).
GROUPING_SPACES = " \u00a0\u202f\u2009"
SPACE_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:[.,][0-9]*)?")

# Thousands grouped by one mark: one to three digits, not starting with 0, then groups of
# exactly three. "1.234.567" and "1,234" are grouped; "0.500" and "1234.567" are not.
GROUPED = {
    ".": re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"),
    ",": re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+"),
}


class NumberKind(enum.StrEnum):
    """What a figure counts, which decides how an ambiguous one is read."""

    ANY = "any"
    COUNT = "count"  # whole units: communes, schools, pupils
    PERCENTAGE = "percentage"  # 0 to 100


class AmbiguousNumber(ValueError):
    """Text that reads as two different numbers; its text is the message to show."""


def parse_decimal(text: str, *, kind: NumberKind = NumberKind.ANY) -> Decimal:
    """Read a number as a Vietnamese civil servant types it, with the meaning the product
    gives the same text when it shows a number.

    The comma is the decimal mark. A dot followed by exactly three digits groups thousands,
    as on every page of the product ("1.000" is one thousand); any other single dot is a
    decimal point typed on an English keyboard ("32.7"). With both marks, the last one is
    the decimal mark and the other groups thousands. Spaces group thousands too. Groups are
    one to three digits, not starting with 0, then groups of exactly three; a mark that
    cannot group is a decimal mark. ASCII digits only; a leading "-" makes it negative.

    ==================  =============  ==================================================
    typed               reads as       why
    ==================  =============  ==================================================
    "32,7"  "0,5"       32.7  0.5      the comma is the decimal mark
    "32.7"  "99.85"     32.7  99.85    a dot not before three digits is a decimal point
    "1.000"  "1.234"    1000  1234     a dot before three digits groups thousands
    "1.234.567"         1234567        (idem, repeated)
    "1.234,5"           1234.5         both marks: the last one is the decimal mark
    "1,234.5"           1234.5         (idem, English grouping)
    "1,234,567"         1234567        repeated commas can only group thousands
    "1 000"  "1 234,5"  1000  1234.5   spaces group thousands
    "0.500"  "1234.5"   0.5  1234.5    the dot cannot group after "0" or four digits
    "1,234"             1.234          decimal comma: the product shows 1.234 as "1,234"
    "1,000"             1              (idem); for a count, ambiguous (below)
    "99.850"            99850          groups thousands; for a percentage, ambiguous
    ==================  =============  ==================================================

    Ambiguous, refused with AmbiguousNumber, whose message says both readings:

    - for a ``COUNT``, a comma before exactly three digits after one group ("1,000",
      "12,500"): a decimal comma (1; 12.5) or an English thousands comma (1000; 12500).
      A count is a whole number, so both are plausible; "1000" or "1.000" is not.
    - for a ``PERCENTAGE``, a dot before exactly three digits after one group ("99.850",
      "1.000"): thousands (99850) cannot be a percentage, a decimal point (99.85) can,
      and the same text means one thousand everywhere else; "99,85" is not ambiguous.

    Raises ValueError for anything else: "1,2,3", "1.23.456", "12 5", "1e3", "1_000",
    "١٢٣", "12%".
    """
    cleaned = text.strip()
    sign, body = ("-", cleaned[1:]) if cleaned.startswith("-") else ("", cleaned)
    if any(space in body for space in GROUPING_SPACES):
        if not SPACE_GROUPED.fullmatch(body):
            raise ValueError(text)
        for space in GROUPING_SPACES:
            body = body.replace(space, "")
    if NUMBER_SHAPE.fullmatch(body) is None:
        raise ValueError(text)
    whole, fraction = _split_at_decimal_mark(body, text, kind)
    return Decimal(f"{sign}{whole or '0'}.{fraction}" if fraction else f"{sign}{whole}")


def _split_at_decimal_mark(body: str, text: str, kind: NumberKind) -> tuple[str, str]:
    """The digits before and after the decimal mark, thousands marks removed.

    The one place that decides what each mark means (see ``parse_decimal``).
    """
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
        thousands_mark = "." if decimal_mark == "," else ","
        whole, fraction = body.rsplit(decimal_mark, 1)
        if not GROUPED[thousands_mark].fullmatch(whole):
            raise ValueError(text)  # "1,23.5", "1.234,5.6"
        return whole.replace(thousands_mark, ""), fraction
    if not commas and not dots:
        return body, ""
    mark = "," if commas else "."
    if commas + dots > 1:  # a repeated mark can only group thousands: "1.234.567"
        if not GROUPED[mark].fullmatch(body):
            raise ValueError(text)  # "1,2,3"
        return body.replace(mark, ""), ""
    whole, fraction = body.split(mark)
    if not GROUPED[mark].fullmatch(body):
        return whole, fraction  # the mark cannot group: a decimal mark ("32,7", "32.7")
    # One group, the mark, three digits: "1.000", "1,000". Both readings are possible.
    if mark == ".":
        if kind == NumberKind.PERCENTAGE:
            decimals = fraction.rstrip("0")
            raise AmbiguousNumber(
                _(
                    "In “%(typed)s” the dot separates thousands (%(thousands)s), too large "
                    "for a percentage. For a decimal, write it with a comma: %(decimal)s."
                )
                % {
                    "typed": text.strip(),
                    "thousands": whole + fraction,
                    "decimal": f"{whole},{decimals}" if decimals else whole,
                }
            )
        return whole + fraction, ""
    if kind == NumberKind.COUNT:
        raise AmbiguousNumber(
            _(
                "“%(typed)s” could be %(decimal)s or %(thousands)s. This indicator counts "
                "whole units: enter a whole number without a comma, for example "
                "%(thousands)s."
            )
            % {
                "typed": text.strip(),
                "decimal": format_decimal(Decimal(f"{whole}.{fraction}")),
                "thousands": whole + fraction,
            }
        )
    return whole, fraction


def figure_of_kind(number: Decimal, kind: NumberKind) -> Decimal:
    """The number, if a figure of this kind can be it: a count is a whole number.

    Raises ValueError whose text is the message to show.
    """
    number = number if isinstance(number, Decimal) else Decimal(str(number))
    if kind == NumberKind.COUNT and number != number.to_integral_value():
        raise ValueError(_("This indicator counts whole units: enter a whole number."))
    return number


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
    return _format_decimal(value, _number_format(get_language()))


def decimal_formatter() -> Callable[[object], str]:
    """``format_decimal`` for the language active now, looked up once: for a writer of
    hundreds of numbers in one language (the dashboard's scorecard)."""
    return partial(_format_decimal, marks=_number_format(get_language()))


def table_formatter() -> Callable[[object], str]:
    """``decimal_formatter()`` that formats each distinct finite Decimal once: a table of
    units repeats its targets and values (the roll-up's unit rows)."""
    format_number = decimal_formatter()
    numbers: dict[Decimal, str] = {}

    def number(value) -> str:
        if type(value) is Decimal and value.is_finite():
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = format_number(value)
            return found
        return format_number(value)

    return number


def _format_decimal(value, marks: tuple) -> str:
    if value is None or value == "":
        return ""
    if type(value) is Decimal and value.is_finite() and type(marks[0]) is int and marks[0] > 0:
        # What _shown() then _grouped() write, read off the digits as they are: a roll-up
        # or a dashboard shows thousands of numbers, and normalizing each cost the most.
        if value.is_zero():
            return "0"
        text = f"{value:f}"
        if len(text) <= 200:
            if "." in text:
                text = text.rstrip("0").removesuffix(".")
            return _grouped_text(text, *marks)
    try:
        number = _shown(value)
    except InvalidOperation:
        return str(value)
    return _grouped(number)


# Each language's NUMBER_GROUPING, THOUSAND_SEPARATOR and DECIMAL_SEPARATOR as
# formats.get_format gives them, forgotten (as Django's own format cache is) when a test
# changes a setting.
_number_formats: dict[str, tuple] = {}


@receiver(setting_changed)
def _forget_number_formats(**kwargs) -> None:
    _number_formats.clear()


def _number_format(language: str) -> tuple:
    try:
        return _number_formats[language]
    except KeyError:
        marks = tuple(
            formats.get_format(name, language, use_l10n=True)
            for name in ("NUMBER_GROUPING", "THOUSAND_SEPARATOR", "DECIMAL_SEPARATOR")
        )
        _number_formats[language] = marks
        return marks


def _grouped(number: Decimal) -> str:
    """``formats.number_format(number, use_l10n=True, force_grouping=True)``, without its
    general machinery where the grouping is plain (every third digit): a roll-up or a
    dashboard shows thousands of numbers, and that call was most of their cost."""
    marks = _number_format(get_language())
    if type(marks[0]) is not int or marks[0] <= 0 or len(number.as_tuple().digits) > 200:
        return formats.number_format(number, use_l10n=True, force_grouping=True)
    return _grouped_text(f"{number:f}", *marks)


def _grouped_text(text: str, grouping: int, separator: str, decimal_mark: str) -> str:
    """A number written in fixed point ("-1234.5"), its whole part grouped."""
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    whole, point, fraction = text.partition(".")
    if len(whole) > grouping:
        if grouping == 3:
            whole = f"{int(whole):,}".replace(",", separator)
        else:
            head = len(whole) % grouping or grouping
            whole = separator.join(
                [whole[:head]]
                + [whole[i : i + grouping] for i in range(head, len(whole), grouping)]
            )
    if point:
        return sign + whole + decimal_mark + fraction
    return sign + whole


def format_decimal_input(value) -> str:
    """A number for an input box, which ``parse_decimal`` reads back as the same number: no
    thousands mark ("1234,5"); where the decimal mark is a dot (English), never a dot
    before exactly three digits, which would group thousands: 1.234 is "1.2340"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    try:
        number = _shown(value)
    except InvalidOperation:
        return str(value)
    shown = formats.number_format(number, use_l10n=True, force_grouping=False)
    if "." in shown and len(shown.rsplit(".", 1)[1]) == 3:
        shown += "0"
    return shown
