"""The administration refuses a baseline or target its columns cannot hold, whether typed
in a change form or brought in by a workbook, and its lists keep opening."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorTarget

pytestmark = pytest.mark.django_db

TOO_LARGE = "999999999999,9999"
TOO_LARGE_MESSAGE = "Số này quá lớn: số lớn nhất được chấp nhận là 99.999.999.999,9999."
NOT_A_NUMBER = "Hãy nhập một số, ví dụ 32,7."


def change_data(indicator, **values):
    return {
        "directive": indicator.directive_id,
        "order": indicator.order,
        "name": indicator.name,
        "unit": indicator.unit,
        "education_level": indicator.education_level,
        "baseline_value": "32,7",
        "baseline_year": indicator.baseline_year_id or "",
        "target_value": "33,15",
        "direction": indicator.direction,
        "rollup_rule": indicator.rollup_rule,
        "ratio_scale": indicator.ratio_scale,
        "unit_targets-TOTAL_FORMS": 0,
        "unit_targets-INITIAL_FORMS": 0,
        **values,
    }


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("target_value", TOO_LARGE, TOO_LARGE_MESSAGE),
        ("baseline_value", TOO_LARGE, TOO_LARGE_MESSAGE),
        ("target_value", "١٢٣", NOT_A_NUMBER),
        ("target_value", "1_000", NOT_A_NUMBER),
    ],
)
def test_the_indicator_change_form_refuses_a_number_it_cannot_hold(
    client, staff_user, plan_3707, field, typed, message
):
    client.force_login(staff_user)
    indicator = plan_3707.indicators.get(order=1)
    before = (indicator.baseline_value, indicator.target_value)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    response = client.post(url, change_data(indicator, **{field: typed}))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert message in response.content.decode()
    indicator.refresh_from_db()
    assert (indicator.baseline_value, indicator.target_value) == before
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 200


def largest(model, name: str) -> Decimal:
    """The largest number the model field's digits hold."""
    field = model._meta.get_field(name)
    return Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1).scaleb(
        -field.decimal_places
    )


def test_the_indicator_change_form_takes_the_largest_number(client, staff_user, plan_3707):
    biggest = largest(Indicator, "target_value")
    client.force_login(staff_user)
    indicator = plan_3707.indicators.get(order=1)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    typed = str(biggest).replace(".", ",")
    response = client.post(url, change_data(indicator, target_value=typed))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_value == biggest
    changelist = client.get(
        reverse("admin:indicators_indicator_changelist") + f"?directive__id__exact={plan_3707.pk}"
    )
    assert "99.999.999.999,9999" in changelist.content.decode()


def exported_indicators(client, plan) -> openpyxl.Workbook:
    fields = ["directive", "order", "name", "unit", "baseline_value", "target_value"]
    response = client.post(
        reverse("admin:indicators_indicator_export") + f"?directive__id__exact={plan.pk}",
        {"format": "0", **{f"indicatorresource_{name}": "on" for name in fields}},
    )
    return openpyxl.load_workbook(io.BytesIO(response.content))


def workbook_upload(workbook: openpyxl.Workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "chi-tieu.xlsx"
    return buffer


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (float("999999999999.9999"), TOO_LARGE_MESSAGE),
        (TOO_LARGE, TOO_LARGE_MESSAGE),
        (10**15, TOO_LARGE_MESSAGE),
        ("١٢٣", "“١٢٣” không phải là số."),
        ("1_000", "“1_000” không phải là số."),
    ],
)
def test_an_indicator_workbook_with_a_number_too_large_imports_nothing(
    client, staff_user, plan_3707, cell, message
):
    client.force_login(staff_user)
    workbook = exported_indicators(client, plan_3707)
    sheet = workbook.active
    assert sheet["F1"].value == "Chỉ tiêu phấn đấu"
    sheet["F3"] = cell  # indicator 2's target
    before = plan_3707.indicators.get(order=2).target_value
    response = client.post(
        reverse("admin:indicators_indicator_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.field_specific_errors == {"target_value": [message]}
    assert message in response.content.decode()
    assert plan_3707.indicators.get(order=2).target_value == before


def test_a_unit_target_workbook_takes_the_largest_number(client, staff_user, plan_3707):
    """Unit targets come in through their own resource; the largest number is kept whole."""
    from directives.models import Agency

    # Its four decimals are for figures that are not counts of whole units.
    plan_3707.indicators.filter(order=8).update(is_count=False)
    client.force_login(staff_user)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Văn bản", "TT", "Mã đơn vị", "Chỉ tiêu đạt được", "Chỉ tiêu giao"])
    sheet.append(["3707/KH-UBND", 8, "lc-phongtho-ubnd", 2, "99999999999,9999"])
    sheet.append(["3707/KH-UBND", 9, "lc-phongtho-ubnd", 2, TOO_LARGE])
    response = client.post(
        reverse("admin:indicators_indicatortarget_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )
    assert response.status_code == 200
    result = response.context["result"]
    (invalid,) = result.invalid_rows
    assert invalid.number == 2
    assert invalid.field_specific_errors == {"target_value": [TOO_LARGE_MESSAGE]}
    assert not IndicatorTarget.objects.filter(agency=Agency.objects.get(code="lc-phongtho-ubnd"))

    sheet.delete_rows(3)
    response = client.post(
        reverse("admin:indicators_indicatortarget_import"),
        {"format": "0", "import_file": workbook_upload(workbook), "resource": "0"},
    )
    confirm = response.context["confirm_form"]
    client.post(
        reverse("admin:indicators_indicatortarget_process_import"),
        {key: confirm.initial[key] for key in confirm.initial},
    )
    target = IndicatorTarget.objects.get(indicator__order=8, agency__code="lc-phongtho-ubnd")
    assert target.target_value == Decimal("99999999999.9999")
    assert client.get(reverse("admin:indicators_indicatortarget_changelist")).status_code == 200
    assert Indicator.objects.count() == 26
