"""Master data (agencies, indicators, unit targets) in and out of workbooks, safely."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from tablib import Dataset

from directives.models import Agency
from directives.resources import AgencyResource
from indicators.models import IndicatorTarget
from indicators.resources import IndicatorTargetResource

pytestmark = pytest.mark.django_db


def xlsx_of(dataset: Dataset):
    return openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx")))


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_exported_text_never_becomes_a_formula(text):
    agency = Agency.objects.get(code="lc-sgddt")
    agency.short_name = text
    agency.save()
    sheet = xlsx_of(AgencyResource().export(Agency.objects.filter(pk=agency.pk))).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"
    assert cell.value == "'" + text


def test_a_neutralized_cell_comes_back_as_it_was():
    agency = Agency.objects.get(code="lc-sgddt")
    agency.short_name = "-Sở GD&ĐT"
    agency.save()
    dataset = AgencyResource().export(Agency.objects.filter(pk=agency.pk))
    Agency.objects.filter(pk=agency.pk).update(short_name="khác")
    result = AgencyResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    agency.refresh_from_db()
    assert agency.short_name == "-Sở GD&ĐT"


def test_unit_targets_go_out_and_come_back_with_vietnamese_numbers(plan_3707):
    phong_tho = Agency.objects.get(code="lc-phongtho-ubnd")
    indicator = plan_3707.indicators.get(order=2)
    IndicatorTarget.objects.create(
        indicator=indicator, agency=phong_tho, target_value=Decimal("99.7")
    )
    dataset = IndicatorTargetResource().export()
    assert list(dataset[0][:3]) == ["3707/KH-UBND", 2, "lc-phongtho-ubnd"]
    data = Dataset(headers=dataset.headers)
    data.append(["3707/KH-UBND", 2, "lc-phongtho-ubnd", "99,5", "99,9", ""])
    data.append(["3707/KH-UBND", 8, "lc-phongtho-ubnd", "", "3", "xã Mường So"])
    result = IndicatorTargetResource().import_data(data, dry_run=False)
    assert not result.has_errors(), result.row_errors()
    target = IndicatorTarget.objects.get(indicator=indicator, agency=phong_tho)
    assert target.target_value == Decimal("99.9") and target.baseline_value == Decimal("99.5")
    assert IndicatorTarget.objects.get(indicator__order=8, agency=phong_tho).note == "xã Mường So"
    assert target.history.count() == 2  # created, then changed by the import


def test_a_target_for_an_unknown_indicator_is_refused_and_nothing_changes(plan_3707):
    data = Dataset(
        headers=["Văn bản", "TT", "Mã đơn vị", "Chỉ tiêu đạt được", "Chỉ tiêu giao", "Ghi chú"]
    )
    data.append(["3707/KH-UBND", 2, "lc-phongtho-ubnd", "", "99,9", ""])
    data.append(["3707/KH-UBND", 99, "lc-phongtho-ubnd", "", "1", ""])
    result = IndicatorTargetResource().import_data(data, dry_run=False, raise_errors=False)
    assert result.has_validation_errors() or result.has_errors()
    assert not IndicatorTarget.objects.exists()


def test_unit_targets_import_through_the_admin_preview(client, staff_user, plan_3707):
    client.force_login(staff_user)
    workbook = openpyxl.Workbook()
    workbook.active.append(
        ["Văn bản", "TT", "Mã đơn vị", "Chỉ tiêu đạt được", "Chỉ tiêu giao", "Ghi chú"]
    )
    workbook.active.append(["3707/KH-UBND", 7, "lc-sinho-ubnd", 0, 1, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "chi-tieu-giao.xlsx"
    response = client.post(
        reverse("admin:indicators_indicatortarget_import"),
        {"format": "0", "import_file": buffer, "resource": "0"},
    )
    assert response.status_code == 200
    assert response.context["confirm_form"] is not None
    assert not IndicatorTarget.objects.exists()


def test_an_indicator_import_does_not_create_school_years(plan_3707):
    """School years are the administrator's master data; staff import indicators only."""
    from directives.models import SchoolYear
    from indicators.resources import IndicatorResource

    dataset = IndicatorResource().export(plan_3707.indicators.filter(order=1))
    data = Dataset(headers=dataset.headers)
    row = list(dataset[0])
    column = str(IndicatorResource().fields["baseline_year"].column_name)
    row[dataset.headers.index(column)] = "2011-2012"
    data.append(row)
    result = IndicatorResource().import_data(data, dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    assert not SchoolYear.objects.filter(start_year=2011).exists()
