"""Vietnamese dates and numbers, in pages and in inputs."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from directives.forms import VietnameseDecimalField
from directives.localization import (
    AmbiguousNumber,
    NumberKind,
    figure_of_kind,
    format_decimal,
    format_decimal_input,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("32,7", Decimal("32.7")),
        ("32.7", Decimal("32.7")),
        ("99,85", Decimal("99.85")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        (" 106 ", Decimal("106")),
    ],
)
def test_numbers_are_read_as_typed_in_vietnam(typed, value):
    assert parse_decimal(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3", "NaN", "Infinity", "12%"])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("99.8500"), "99,85"),
        (Decimal("100.0000"), "100"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("0"), "0"),
        (None, ""),
    ],
)
def test_numbers_are_shown_the_vietnamese_way(value, shown):
    with translation.override("vi"):
        assert format_decimal(value) == shown


class EntryForm(forms.Form):
    day = forms.DateField()
    value = VietnameseDecimalField(required=False, max_digits=8, decimal_places=3)


@pytest.mark.parametrize("typed", ["05/03/2025", "5/3/2025", "2025-03-05"])
def test_dates_are_read_day_first(typed):
    with translation.override("vi"):
        form = EntryForm({"day": typed, "value": "32,7"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2025, 3, 5)
    assert form.cleaned_data["value"] == Decimal("32.7")


def test_a_number_field_refuses_text_with_a_vietnamese_message():
    with translation.override("vi"):
        form = EntryForm({"day": "17/09/2024", "value": "ba mươi"})
        assert not form.is_valid()
        assert form.errors["value"] == ["Hãy nhập một số, ví dụ 32,7."]


def test_a_number_field_shows_its_value_with_a_comma():
    with translation.override("vi"):
        form = EntryForm(initial={"value": Decimal("99.8500")})
        assert 'value="99,85"' in str(form["value"])
        assert 'type="text"' in str(form["value"])


# --- the one rule: what each mark means (issue 9) ----------------------------------------

ANY, COUNT, PERCENTAGE = NumberKind.ANY, NumberKind.COUNT, NumberKind.PERCENTAGE


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.000", Decimal("1000")),  # as every page shows one thousand
        ("1.234", Decimal("1234")),
        ("1.234.567", Decimal("1234567")),
        ("100.000", Decimal("100000")),
        ("1.000,5", Decimal("1000.5")),
        ("1,234,567", Decimal("1234567")),
        ("1 000", Decimal("1000")),
        ("1\u202f000", Decimal("1000")),
        ("99.85", Decimal("99.85")),
        ("1.5", Decimal("1.5")),
        ("1.2345", Decimal("1.2345")),
        ("0.500", Decimal("0.5")),  # no thousands start with 0
        ("1234.567", Decimal("1234.567")),  # nor with four digits
        ("1,234", Decimal("1.234")),  # the comma is the decimal mark
        ("1,000", Decimal("1")),
        ("-1.000", Decimal("-1000")),
    ],
)
def test_a_dot_before_three_digits_groups_thousands(typed, value):
    assert parse_decimal(typed) == value


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("1.000", COUNT, Decimal("1000")),
        ("1.234", COUNT, Decimal("1234")),
        ("1,234,567", COUNT, Decimal("1234567")),
        ("1,5", COUNT, Decimal("1.5")),  # not ambiguous: refused later as not whole
        ("99.85", PERCENTAGE, Decimal("99.85")),
        ("99,850", PERCENTAGE, Decimal("99.85")),
        ("0.500", PERCENTAGE, Decimal("0.5")),
        ("1,000", PERCENTAGE, Decimal("1")),
    ],
)
def test_what_is_not_ambiguous_for_its_kind_reads_once(typed, kind, value):
    assert parse_decimal(typed, kind=kind) == value


@pytest.mark.parametrize(
    ("typed", "kind", "message"),
    [
        (
            "1,000",
            COUNT,
            "“1,000” có thể là 1 hoặc 1000. Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên, "
            "không dùng dấu phẩy, ví dụ 1000.",
        ),
        (
            "12,500",
            COUNT,
            "“12,500” có thể là 12,5 hoặc 12500. Chỉ tiêu này đếm số đơn vị: hãy nhập số "
            "nguyên, không dùng dấu phẩy, ví dụ 12500.",
        ),
        (
            "99.850",
            PERCENTAGE,
            "Trong “99.850”, dấu chấm ngăn cách hàng nghìn (99850), quá lớn đối với một tỷ lệ "
            "phần trăm. Nếu là số thập phân, hãy viết bằng dấu phẩy: 99,85.",
        ),
        (
            "100.000",
            PERCENTAGE,
            "Trong “100.000”, dấu chấm ngăn cách hàng nghìn (100000), quá lớn đối với một tỷ "
            "lệ phần trăm. Nếu là số thập phân, hãy viết bằng dấu phẩy: 100.",
        ),
    ],
)
def test_what_could_be_two_numbers_is_refused_saying_both(typed, kind, message):
    with translation.override("vi"), pytest.raises(AmbiguousNumber) as exc:
        parse_decimal(typed, kind=kind)
    assert str(exc.value) == message


@pytest.mark.parametrize("typed", ["1.23.456", "12 5", "1 0000", "1,23.5", "1.234,5.6", "- 5"])
def test_marks_that_group_nothing_are_refused(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


def test_a_count_takes_whole_numbers_only():
    with translation.override("vi"), pytest.raises(ValueError) as exc:
        figure_of_kind(Decimal("1.5"), COUNT)
    assert str(exc.value) == "Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên."
    assert figure_of_kind(Decimal("3.0000"), COUNT) == 3
    assert figure_of_kind(Decimal("1.5"), ANY) == Decimal("1.5")


ROUND_TRIP = [
    "0",
    "1",
    "0.5",
    "0.05",
    "0.125",
    "1.234",
    "32.7",
    "99.85",
    "100",
    "999",
    "1000",
    "1001",
    "1234.5",
    "12345.678",
    "100000",
    "1000000",
    "1234567.8912",
    "-1000",
    "99999999999.9999",
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("number", ROUND_TRIP)
def test_what_an_input_box_shows_reads_back_as_the_same_number(language, number):
    value = Decimal(number)
    kinds = [ANY]
    if value == value.to_integral_value():
        kinds.append(COUNT)
    if 0 <= value <= 100:
        kinds.append(PERCENTAGE)
    with translation.override(language):
        shown = format_decimal_input(value)
        assert "," not in shown or language == "vi"
        for kind in kinds:
            assert parse_decimal(shown, kind=kind) == value, (shown, kind)


@pytest.mark.parametrize("number", ROUND_TRIP)
def test_what_a_vietnamese_page_shows_reads_back_as_the_same_number(number):
    value = Decimal(number)
    with translation.override("vi"):
        shown = format_decimal(value)
        assert parse_decimal(shown) == value, shown
        if value == value.to_integral_value():
            assert parse_decimal(shown, kind=COUNT) == value, shown
        if 0 <= value <= 100:
            assert parse_decimal(shown, kind=PERCENTAGE) == value, shown


def test_an_english_input_box_never_shows_a_dot_before_three_digits():
    with translation.override("en"):
        assert format_decimal_input(Decimal("1.234")) == "1.2340"
        assert format_decimal_input(Decimal("1234.5")) == "1234.5"
    with translation.override("vi"):
        assert format_decimal_input(Decimal("1.234")) == "1,234"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_shown_number_is_what_djangos_number_format_writes(language):
    """format_decimal's own grouping writes what Django's number_format writes."""
    from django.utils import formats
    from django.utils.translation import override

    from directives.localization import _shown, format_decimal

    numbers = [0, 1, -1, 7, 999, 1000, -1000, 12345, 123456, 1234567, -98765432.5]
    numbers += ["99.85", "0.001", "-0.5", "1234.5678", "1E+3", "-1E+7", "100.10", "3.14159"]
    numbers += [Decimal("99999999999.99"), Decimal("1E-20"), Decimal("-0"), Decimal("1E+30")]
    # Decimals as the database gives them, with their places: written from their digits.
    numbers += [Decimal(str(number)) for number in numbers if not isinstance(number, Decimal)]
    numbers += [Decimal("100.0000"), Decimal("-1234567.000100"), Decimal("0.000")]
    numbers += [Decimal("-0.000"), Decimal("12345678.90"), Decimal("5E+2"), Decimal("1" * 30)]
    with override(language):
        for number in numbers:
            expected = formats.number_format(_shown(number), use_l10n=True, force_grouping=True)
            assert format_decimal(number) == expected, number


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_formatter_for_many_numbers_writes_what_format_decimal_writes(language):
    """decimal_formatter() and table_formatter() are format_decimal for the language active
    when they were made."""
    from django.utils.translation import override

    from directives.localization import decimal_formatter, format_decimal, table_formatter

    values = [None, "", "abc", 0, -3, 1234567, 0.25, Decimal("NaN"), Decimal("-0.00")]
    values += [Decimal("1234.500"), Decimal("-98765432.1"), Decimal("1E+3"), Decimal("0.001")]
    # A table's formatter writes each distinct Decimal once: equal values of another
    # exponent, and the same values again, come out as format_decimal writes them.
    values += [Decimal("1234.5"), Decimal("1.0E+3"), Decimal("0.0010"), Decimal("1234.500")]
    with override(language):
        number, table_number = decimal_formatter(), table_formatter()
        for value in values:
            assert number(value) == format_decimal(value), value
            assert table_number(value) == format_decimal(value), value
