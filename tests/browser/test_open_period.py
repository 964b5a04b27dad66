"""Opening a period in a real Chromium: the province's units by level, dates typed
day/month/year, a wrong date explained; and leadership reading the admin."""

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Directive
from reports.models import ReportingPeriod
from tests.browser.test_reporting_journey import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_open_a_period_for_the_units_they_tick(page: Page, seeded_live_server):
    base = seeded_live_server.url
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    plan = Directive.objects.get(number="3707")
    log_in(page, base, "chuyenvien")
    page.goto(f"{base}/reporting/periods/")
    page.get_by_label("Mở kỳ báo cáo mới cho").select_option(value=str(plan.pk))
    page.get_by_role("button", name="Tiếp tục").click()

    districts = page.get_by_role("group", name="UBND cấp huyện")
    expect(districts.get_by_role("checkbox")).to_have_count(8)
    expect(page.get_by_role("group", name="Sở, ban, ngành tỉnh")).to_be_visible()
    expect(page.get_by_text("Sở Giáo dục và Đào tạo tỉnh Bắc Giang")).to_have_count(0)

    page.get_by_label("Tên kỳ báo cáo").fill("Báo cáo tháng 10/2024")
    page.get_by_label("Loại kỳ báo cáo").select_option(label="Tháng")
    page.get_by_label("Từ ngày").fill("1/10/2024")
    page.get_by_label("Đến ngày").fill("31-10-2024")
    page.get_by_label("Hạn nộp báo cáo").fill("05/11/2024")
    page.get_by_label("Khóa sổ sau ngày").fill("2024-11-15")
    # Only two units this month: everything ticked by default is unticked first.
    ticked = page.locator("fieldset.unit-level input:checked")
    while ticked.count():
        ticked.first.uncheck()
    districts.get_by_label("Ủy ban nhân dân huyện Phong Thổ").check()
    page.get_by_label("Sở Giáo dục và Đào tạo tỉnh Lai Châu").check()
    page.get_by_role("button", name="Mở kỳ báo cáo").click()

    # "31-10-2024" is not a date as the form writes them: it says so, and keeps the rest.
    expect(page.get_by_text("Hãy nhập ngày theo dạng ngày/tháng/năm").first).to_be_visible()
    expect(page.get_by_label("Từ ngày")).to_have_value("1/10/2024")
    expect(districts.get_by_label("Ủy ban nhân dân huyện Phong Thổ")).to_be_checked()
    page.get_by_label("Đến ngày").fill("31/10/2024")
    page.get_by_role("button", name="Mở kỳ báo cáo").click()

    expect(page.get_by_text("Đã mở kỳ báo cáo: 2 đơn vị phải báo cáo.")).to_be_visible()
    period = ReportingPeriod.objects.get(name="Báo cáo tháng 10/2024")
    assert sorted(period.reports.values_list("agency__code", flat=True)) == [
        "lc-phongtho-ubnd",
        "lc-sgddt",
    ]
    assert str(period.locks_on) == "2024-11-15"


def test_leadership_reads_a_directive_in_the_admin(page: Page, seeded_live_server):
    base = seeded_live_server.url
    UserFactory(username="lanhdao", is_staff=True, role=roles.LEADERSHIP)
    log_in(page, base, "lanhdao")
    page.get_by_role("link", name="Quản trị").click()
    expect(page.get_by_role("link", name="Người dùng")).to_have_count(0)
    page.goto(f"{base}/admin/directives/directive/")
    page.get_by_role("link", name="3707/KH-UBND").click()
    title = Directive.objects.get(number="3707").title
    expect(page.locator(".field-title .readonly").first).to_contain_text(title[:40])
    expect(page.get_by_role("button", name="Lưu")).to_have_count(0)
