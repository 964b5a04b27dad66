"""Baselines and targets typed in the administration or brought in by a workbook are read
as the pages show numbers ("1.000" is one thousand), as figures of their indicator: a count
takes whole numbers only, and what could be two numbers is refused saying both (issue 9)."""

from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from directives.models import Agency
from indicators.models import IndicatorTarget
from tests.indicators.test_value_limits_admin import (
    change_data,
    exported_indicators,
    workbook_upload,
)

pytestmark = pytest.mark.django_db

NOT_WHOLE = "Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên."
COUNT_AMBIGUOUS = (
    "“1,000” có thể là 1 hoặc 1000. Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên, "
    "không dùng dấu phẩy, ví dụ 1000."
)


def post_indicator(client, indicator, **values):
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = change_data(indicator, baseline_value="106", is_count="on", **values)
    return client.post(url, data)


def test_an_admin_target_typed_as_the_page_shows_it_is_stored_as_thousands(
    client, staff_user, plan_3707
):
    client.force_login(staff_user)
    communes = plan_3707.indicators.get(order=5)  # Xã: a count
    assert post_indicator(client, communes, target_value="1.000").status_code == 302
    communes.refresh_from_db()
    assert (communes.baseline_value, communes.target_value) == (106, 1000)


@pytest.mark.parametrize(
    ("order", "typed", "message"),
    [
        (5, "1,5", NOT_WHOLE),
        (5, "1,000", COUNT_AMBIGUOUS),
        (
            1,  # %: the target of a rate
            "99.850",
            "Trong “99.850”, dấu chấm ngăn cách hàng nghìn (99850), quá lớn đối với một tỷ "
            "lệ phần trăm. Nếu là số thập phân, hãy viết bằng dấu phẩy: 99,85.",
        ),
    ],
)
def test_an_admin_target_its_indicator_cannot_take_is_refused_with_a_message(
    client, staff_user, plan_3707, order, typed, message
):
    client.force_login(staff_user)
    indicator = plan_3707.indicators.get(order=order)
    before = indicator.target_value
    response = post_indicator(client, indicator, target_value=typed)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["target_value"] == [message]
    indicator.refresh_from_db()
    assert indicator.target_value == before


def test_a_unit_target_typed_in_the_admin_is_read_for_its_indicator(client, staff_user, plan_3707):
    client.force_login(staff_user)
    url = reverse("admin:indicators_indicatortarget_add")
    data = {
        "indicator": plan_3707.indicators.get(order=8).pk,  # Xã
        "agency": Agency.objects.get(code="lc-phongtho-ubnd").pk,
        "baseline_value": "",
        "note": "",
    }
    response = client.post(url, {**data, "target_value": "1,000"})
    assert response.context["adminform"].form.errors["target_value"] == [COUNT_AMBIGUOUS]
    assert client.post(url, {**data, "target_value": "1.000"}).status_code == 302
    assert IndicatorTarget.objects.get(agency__code="lc-phongtho-ubnd").target_value == 1000


# --- workbooks (django-import-export) ----------------------------------------------------


def import_targets(client, rows):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Văn bản", "TT", "Mã đơn vị", "Chỉ tiêu đạt được", "Chỉ tiêu giao"])
    for row in rows:
        workbook.active.append(row)
    return client.post(
        reverse("admin:indicators_indicatortarget_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )


def confirm(client, response, model: str):
    form = response.context["confirm_form"]
    return client.post(
        reverse(f"admin:indicators_{model}_process_import"),
        {key: form.initial[key] for key in form.initial},
    )


def test_a_unit_target_workbook_reads_1000_as_one_thousand(client, staff_user, plan_3707):
    client.force_login(staff_user)
    response = import_targets(client, [["3707/KH-UBND", 8, "lc-phongtho-ubnd", "2", "1.000"]])
    assert not response.context["result"].has_validation_errors()
    confirm(client, response, "indicatortarget")
    target = IndicatorTarget.objects.get(indicator__order=8, agency__code="lc-phongtho-ubnd")
    assert (target.baseline_value, target.target_value) == (2, 1000)


@pytest.mark.parametrize(
    ("cell", "message"),
    [("1,000", COUNT_AMBIGUOUS), ("1,5", NOT_WHOLE), (1.5, NOT_WHOLE)],
)
def test_a_unit_target_workbook_refuses_a_count_that_is_not_whole(
    client, staff_user, plan_3707, cell, message
):
    client.force_login(staff_user)
    response = import_targets(client, [["3707/KH-UBND", 8, "lc-phongtho-ubnd", 2, cell]])
    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors == {"target_value": [message]}
    assert not IndicatorTarget.objects.exists()


def test_an_indicator_workbook_reads_1000_as_one_thousand(client, staff_user, plan_3707):
    client.force_login(staff_user)
    workbook = exported_indicators(client, plan_3707)
    sheet = workbook.active
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"B{r}"].value == 5)
    assert sheet[f"D{row}"].value == "Xã"
    sheet[f"F{row}"] = "1.000"
    response = client.post(
        reverse("admin:indicators_indicator_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )
    assert not response.context["result"].has_validation_errors()
    confirm(client, response, "indicator")
    communes = plan_3707.indicators.get(order=5)
    assert communes.target_value == 1000
    assert communes.is_count  # a workbook without the column keeps it


def test_an_indicator_workbook_refuses_an_ambiguous_count(client, staff_user, plan_3707):
    client.force_login(staff_user)
    workbook = exported_indicators(client, plan_3707)
    sheet = workbook.active
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"B{r}"].value == 5)
    sheet[f"F{row}"] = "1,000"
    response = client.post(
        reverse("admin:indicators_indicator_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )
    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors == {"target_value": [COUNT_AMBIGUOUS]}
    assert plan_3707.indicators.get(order=5).target_value == Decimal(106)
