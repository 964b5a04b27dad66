"""Approved data does not move: a unit target an approved report relies on can neither
change nor go, in the admin or its import; and should one disappear all the same, the
report keeps its indicator and value and the province value stays what was approved."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from directives.models import Agency, Assignment
from indicators.models import IndicatorTarget
from reports.selectors import indicator_rollup, report_page
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

REFUSED = "Không thể sửa hoặc xóa chỉ tiêu giao cho"


# The demo (tests/conftest.py): four approved districts; indicator 6 (districts at
# PCGD THCS level 1) sums to 4.


def province_value(period, order):
    return {row.indicator.order: row for row in indicator_rollup(period)}[order].province_value


def tamduong_target(order=6):
    return IndicatorTarget.objects.get(agency__code="lc-tamduong-ubnd", indicator__order=order)


def test_deleting_a_target_an_approved_report_relies_on_is_refused(client, staff_user, demo):
    assert province_value(demo, 6) == 4
    target = tamduong_target()
    client.force_login(staff_user)
    url = reverse("admin:indicators_indicatortarget_delete", args=[target.pk])
    page = client.get(url).content.decode()
    assert REFUSED in page and "Báo cáo đã duyệt: " in page
    client.post(url, {"post": "yes"})
    client.post(
        reverse("admin:indicators_indicatortarget_changelist"),
        {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    )
    assert IndicatorTarget.objects.filter(pk=target.pk).exists()
    assert province_value(demo, 6) == 4


def test_a_target_no_approved_report_relies_on_is_deleted_as_before(client, staff_user, demo):
    """Sở Tài chính has approved reports on nothing: a target given to it goes."""
    target = IndicatorTarget.objects.create(
        indicator=tamduong_target().indicator,
        agency=Agency.objects.get(code="lc-stc"),
        target_value=1,
    )
    client.force_login(staff_user)
    url = reverse("admin:indicators_indicatortarget_delete", args=[target.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not IndicatorTarget.objects.filter(pk=target.pk).exists()


def test_changing_a_target_an_approved_report_relies_on_is_refused(client, staff_user, demo):
    target = tamduong_target(order=8)
    client.force_login(staff_user)
    url = reverse("admin:indicators_indicatortarget_change", args=[target.pk])
    data = change_form_data(client.get(url))
    data["target_value"] = "9"
    response = client.post(url, data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    data = change_form_data(client.get(url))
    data["note"] = "Theo Quyết định giao chỉ tiêu"  # the note is not what was judged
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert target.target_value == 3 and target.note == "Theo Quyết định giao chỉ tiêu"


def test_an_old_version_of_such_a_target_is_not_put_back(client, admin_user, demo):
    target = tamduong_target(order=8)
    old = target.history.get()
    IndicatorTarget.objects.filter(pk=target.pk).update(target_value=4)  # a direct fix
    client.force_login(admin_user)
    url = reverse("admin:indicators_indicatortarget_simple_history", args=[target.pk, old.pk])
    response = client.post(url, change_form_data(client.get(url)))
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert tamduong_target(order=8).target_value == 4


def test_the_indicator_page_refuses_to_drop_a_target_approved_data_relies_on(
    client, staff_user, demo
):
    target = tamduong_target()
    client.force_login(staff_user)
    url = reverse("admin:indicators_indicator_change", args=[target.indicator_id])
    shown = client.get(url)
    data = change_form_data(shown)
    (form,) = [
        f for f in shown.context["inline_admin_formsets"][0].formset if f.instance.pk == target.pk
    ]
    data[f"{form.prefix}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert IndicatorTarget.objects.filter(pk=target.pk).exists()


def test_the_target_import_refuses_rows_that_move_approved_data(client, staff_user, demo):
    workbook = openpyxl.Workbook()
    workbook.active.append(
        ["Văn bản", "TT", "Mã đơn vị", "Chỉ tiêu đạt được", "Chỉ tiêu giao", "Ghi chú"]
    )
    workbook.active.append(["3707/KH-UBND", 8, "lc-tamduong-ubnd", 2, 9, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "chi-tieu-giao.xlsx"
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:indicators_indicatortarget_import"),
        {"format": "0", "import_file": buffer, "resource": "0"},
    )
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert REFUSED in response.content.decode()
    assert tamduong_target(order=8).target_value == 3


def test_an_approved_report_keeps_its_figure_when_its_target_disappears(demo):
    """However a target goes (a script, the database), what was approved stays."""
    report = demo.reports.get(agency__code="lc-tamduong-ubnd")
    before = {row.indicator.order: row.value.value for row in report_page(report).indicator_rows}
    tamduong_target().delete()
    after = {row.indicator.order: row for row in report_page(report).indicator_rows}
    assert after[6].value.value == before[6] == 1 and after[6].unit_target is None
    assert province_value(demo, 6) == 4
    rows = {row.indicator.order: row for row in indicator_rollup(demo)}
    assert "lc-tamduong-ubnd" in {unit.agency.code for unit in rows[6].units}
    assert Decimal(4) == rows[6].province_value


def test_an_approved_report_keeps_its_answers_when_its_assignments_go(demo):
    report = demo.reports.get(agency__code="lc-tamduong-ubnd")
    answered = [row.task.pk for row in report_page(report).task_rows]
    assert answered
    Assignment.objects.filter(agency=report.agency, task__group__directive=demo.directive).delete()
    rows = report_page(report).task_rows
    assert [row.task.pk for row in rows] == answered
    assert all(row.answer.results for row in rows)


def test_a_period_holding_approved_reports_is_not_deleted(client, admin_user, demo):
    client.force_login(admin_user)
    url = reverse("admin:reports_reportingperiod_delete", args=[demo.pk])
    page = client.post(url, {"post": "yes"}).content.decode()
    assert "Không thể xóa kỳ báo cáo đã có báo cáo được duyệt" in page
    assert type(demo).objects.filter(pk=demo.pk).exists()
