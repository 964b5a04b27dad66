"""Figures typed the way the pages show them are read with the same meaning on every door
of a report: "1.000" is one thousand; a count takes whole numbers only; what could be two
numbers is refused with a message saying both (issue 9)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import ProvinceValue
from tests.reports.test_value_limits import filled_template
from tests.reports.test_views import form_data

pytestmark = pytest.mark.django_db

NOT_WHOLE = "Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên."


def post_report(client, report, **figures):
    """The report form posted with the figures of indicator 2 (a rate of children counted:
    numerator, denominator) and 8 (communes counted: value)."""
    data = form_data(report, **figures)
    return client.post(reverse("reports:report_edit", args=[report.pk]), data)


def field_name(report, order: int, figure: str) -> str:
    indicator = report.period.directive.indicators.get(order=order)
    return f"indicator-{indicator.pk}-{figure}"


def test_a_denominator_of_1000_typed_as_the_page_shows_it_is_taken(
    client, unit_user, phongtho_report
):
    """The denominator "1.000" was read as 1 and refused as smaller than 327."""
    client.force_login(unit_user)
    response = post_report(client, phongtho_report, numerator="327", denominator="1.000")
    assert response.status_code == 302
    rate = phongtho_report.values.get(indicator__order=2)
    assert (rate.numerator, rate.denominator, rate.value) == (327, 1000, Decimal("32.70"))


def test_communes_typed_with_a_thousands_dot_are_stored_as_thousands(
    client, unit_user, phongtho_report
):
    client.force_login(unit_user)
    assert post_report(client, phongtho_report, communes="1.234").status_code == 302
    assert phongtho_report.values.get(indicator__order=8).value == 1234


@pytest.mark.parametrize(
    ("figure", "typed", "message"),
    [
        ("communes", "1,5", NOT_WHOLE),
        ("denominator", "1000,5", NOT_WHOLE),
        ("numerator", "2.5", NOT_WHOLE),
        (
            "communes",
            "1,000",
            "“1,000” có thể là 1 hoặc 1000. Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên, "
            "không dùng dấu phẩy, ví dụ 1000.",
        ),
    ],
)
def test_a_count_that_is_not_a_whole_number_is_refused_with_a_message(
    client, unit_user, phongtho_report, figure, typed, message
):
    client.force_login(unit_user)
    response = post_report(client, phongtho_report, **{figure: typed})
    assert response.status_code == 200
    order, name = (8, "value") if figure == "communes" else (2, figure)
    assert response.context["form"].errors[field_name(phongtho_report, order, name)] == [message]
    assert message in response.content.decode()
    assert not phongtho_report.values.exists()


@pytest.mark.parametrize(
    ("numerator", "denominator", "communes"),
    [
        ("327", "1.000", "1.234"),
        ("100000", "1234567", "0"),
        ("999", "1000", "1000000"),
        ("99999999999", "99999999999", "99999999999"),
    ],
)
def test_the_report_form_shows_its_figures_so_that_they_read_back_the_same(
    client, unit_user, phongtho_report, numerator, denominator, communes
):
    """Saved, shown again in the boxes, saved again untouched: the same numbers."""
    client.force_login(unit_user)
    figures = {"numerator": numerator, "denominator": denominator, "communes": communes}
    assert post_report(client, phongtho_report, **figures).status_code == 302
    stored = sorted(
        (v.indicator.order, v.value, v.numerator, v.denominator)
        for v in phongtho_report.values.select_related("indicator")
    )
    page = client.get(reverse("reports:report_edit", args=[phongtho_report.pk])).content.decode()
    shown = {
        figure: box_value(page, field_name(phongtho_report, order, figure))
        for order, figure in ((2, "numerator"), (2, "denominator"), (8, "value"))
    }
    phongtho_report.refresh_from_db()
    response = post_report(
        client,
        phongtho_report,
        numerator=shown["numerator"],
        denominator=shown["denominator"],
        communes=shown["value"],
    )
    assert response.status_code == 302
    again = sorted(
        (v.indicator.order, v.value, v.numerator, v.denominator)
        for v in phongtho_report.values.select_related("indicator")
    )
    assert again == stored


def box_value(page: str, name: str) -> str:
    """What the input box ``name`` of the page shows."""
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)[1]


# --- the Excel fill-in template ----------------------------------------------------------


def upload_template(client, report, cells):
    return client.post(
        reverse("reports:report_upload", args=[report.pk]),
        {"file": filled_template(client, report, cells)},
    )


def test_text_cells_of_the_template_are_read_as_the_pages_show_numbers(
    client, unit_user, phongtho_report
):
    client.force_login(unit_user)
    response = upload_template(
        client, phongtho_report, {(2, "G"): "327", (2, "H"): "1.000", (8, "F"): "1.234"}
    )
    assert response.context["preview"].problems == []
    apply = reverse("reports:report_upload_apply", args=[phongtho_report.pk])
    assert client.post(apply, {"token": response.context["token"]}).status_code == 302
    rate = phongtho_report.values.get(indicator__order=2)
    assert (rate.numerator, rate.denominator) == (327, 1000)
    assert phongtho_report.values.get(indicator__order=8).value == 1234


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({(8, "F"): "1,5"}, NOT_WHOLE),
        ({(8, "F"): 1.5}, NOT_WHOLE),  # a number cell
        ({(2, "H"): "1000,5"}, NOT_WHOLE),
        (
            {(2, "H"): "1,000"},
            "“1,000” có thể là 1 hoặc 1000. Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên, "
            "không dùng dấu phẩy, ví dụ 1000.",
        ),
    ],
)
def test_the_template_refuses_a_count_that_is_not_whole(
    client, unit_user, phongtho_report, cells, message
):
    client.force_login(unit_user)
    response = upload_template(client, phongtho_report, cells)
    assert [p.message for p in response.context["preview"].problems] == [message]
    assert not phongtho_report.values.exists()


# --- province-only figures ---------------------------------------------------------------


def test_a_province_percentage_with_a_thousands_dot_is_refused_saying_why(
    client, staff_user, period
):
    indicator = period.directive.indicators.get(order=15)  # %, entered by the province
    url = reverse("reports:period_rollup", args=[period.pk])
    client.force_login(staff_user)
    response = client.post(url, {"indicator": indicator.pk, "value": "99.850"}, follow=True)
    assert (
        "Trong “99.850”, dấu chấm ngăn cách hàng nghìn (99850), quá lớn đối với một tỷ lệ "
        "phần trăm. Nếu là số thập phân, hãy viết bằng dấu phẩy: 99,85."
    ) in response.content.decode()
    assert not ProvinceValue.objects.exists()
    client.post(url, {"indicator": indicator.pk, "value": "99.85"})
    assert ProvinceValue.objects.get(indicator=indicator).value == Decimal("99.85")


def test_a_province_count_takes_whole_numbers_only(client, staff_user, period):
    indicator = period.directive.indicators.get(order=16)  # students per 10 000 people
    indicator.unit, indicator.is_count = "Trường", True
    indicator.save()
    url = reverse("reports:period_rollup", args=[period.pk])
    client.force_login(staff_user)
    response = client.post(url, {"indicator": indicator.pk, "value": "12,5"}, follow=True)
    assert NOT_WHOLE in response.content.decode()
    assert not ProvinceValue.objects.exists()
    client.post(url, {"indicator": indicator.pk, "value": "1.000"})
    assert ProvinceValue.objects.get(indicator=indicator).value == 1000
