"""Numbers a clerk types: only ASCII digits with the documented marks, never more digits
than the field holds, and any stored number shown without an error."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from directives.forms import VietnameseDecimalField
from directives.localization import format_decimal, format_decimal_input, parse_decimal
from directives.models import Directive
from indicators.models import Indicator

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    "typed",
    [
        "١٢٣",  # Arabic-Indic digits
        "۱۲۳",  # Extended Arabic-Indic (Persian) digits
        "１２３",  # full-width digits
        "१२३",  # Devanagari digits
        "1_000",
        "  1e3",
        "1E3",
    ],
)
def test_only_ascii_digits_and_the_two_marks_are_numbers(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [  # a guard for the stricter reading: what the README documents still reads
        ("-5", Decimal("-5")),
        ("0,5", Decimal("0.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1.234.567,5", Decimal("1234567.5")),
        ("99999999999,9999", Decimal("99999999999.9999")),
    ],
)
def test_the_documented_ways_of_typing_still_read(typed, value):
    assert parse_decimal(typed) == value


def appendix_target_field() -> VietnameseDecimalField:
    return Indicator._meta.get_field("target_value").formfield(
        form_class=VietnameseDecimalField, required=False
    )


@pytest.mark.parametrize("typed", ["١٢٣", "1_000", "1e3"])
def test_a_number_box_refuses_foreign_digits_and_python_spellings(typed):
    field = appendix_target_field()
    with pytest.raises(ValidationError) as exc:
        field.clean(typed)
    assert exc.value.messages == ["Hãy nhập một số, ví dụ 32,7."]


def test_a_number_box_refuses_more_digits_than_its_field_holds():
    field = appendix_target_field()
    with pytest.raises(ValidationError) as exc:
        field.clean("999999999999,9999")
    assert exc.value.messages == [
        "Số này quá lớn: số lớn nhất được chấp nhận là 99.999.999.999,9999."
    ]
    with pytest.raises(ValidationError) as exc:
        field.clean("32,12345")
    assert exc.value.messages == ["Chỉ được nhập tối đa 4 chữ số sau dấu thập phân."]
    assert field.clean("99999999999,9999") == Decimal("99999999999.9999")
    assert field.clean("32,70000") == Decimal("32.7")


@pytest.mark.parametrize(
    ("value", "shown", "typed"),
    [
        (Decimal("1E+30"), "1" + ".000" * 10, "1" + "000" * 10),
        (
            Decimal("123456789012345678901234567890.5"),  # more digits than Decimal's context
            "123.456.789.012.345.678.901.234.567.890,5",
            "123456789012345678901234567890,5",
        ),
        (Decimal("-0.0000"), "0", "0"),
    ],
)
def test_any_number_is_shown_without_an_error_and_without_rounding(value, shown, typed):
    assert format_decimal(value) == shown
    assert format_decimal_input(value) == typed


def paste_3707(client):
    Directive.objects.filter(number="3707").delete()
    text = (SOURCES / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    form = client.post(reverse("directives:directive_import"), {"text": text}).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else getattr(value, "pk", value)
    return {k: v for k, v in data.items() if v != [] and v is not False}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("999999999999,9999", "Số này quá lớn: số lớn nhất được chấp nhận là 99.999.999.999,9999."),
        ("١٢٣", "Hãy nhập một số, ví dụ 32,7."),
        ("1_000", "Hãy nhập một số, ví dụ 32,7."),
    ],
)
def test_the_directive_review_refuses_a_target_the_appendix_cannot_hold(
    client, staff_user, typed, message
):
    client.force_login(staff_user)
    data = paste_3707(client)
    data["indicator-1-target"] = typed
    response = client.post(reverse("directives:directive_import"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["indicator-1-target"] == [message]
    assert message in response.content.decode()
    assert not Directive.objects.filter(number="3707").exists()


@pytest.mark.django_db
def test_the_directive_review_reads_a_target_as_a_figure_of_its_indicator(client, staff_user):
    """Indicator 5 counts communes (unit Xã): "1,000" could be 1 or 1000 and is refused;
    "1.000" is one thousand, as the appendix page shows it."""
    client.force_login(staff_user)
    data = paste_3707(client)
    assert data["indicator-4-unit"] == "Xã"
    data["indicator-4-target"] = "1,000"
    response = client.post(reverse("directives:directive_import"), data)
    assert response.context["form"].errors["indicator-4-target"] == [
        "“1,000” có thể là 1 hoặc 1000. Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên, "
        "không dùng dấu phẩy, ví dụ 1000."
    ]
    data["indicator-4-target"] = "1.000"
    assert client.post(reverse("directives:directive_import"), data).status_code == 302
    created = Directive.objects.get(number="3707").indicators.get(order=5)
    assert (created.target_value, created.is_count) == (1000, True)
