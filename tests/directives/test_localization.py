"""Vietnamese dates and numbers, in pages and in inputs."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from directives.forms import VietnameseDecimalField
from directives.localization import format_decimal, parse_decimal


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


@pytest.mark.parametrize("typed", ["05/03/2025", "05-03-2025", "2025-03-05"])
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
