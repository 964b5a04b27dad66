"""The reporting journey in a real Chromium: a district fills and submits, the department
returns it with a reason, the district fixes and resubmits, the department approves and
the province roll-up shows the value."""

import contextlib
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency, Directive
from indicators.models import IndicatorTarget
from tests.factories import UserFactory
from tests.reports.conftest import make_period


@contextlib.contextmanager
def confirming(page: Page, question: str):
    """The click inside must ask the question before anything is sent; it is accepted."""
    asked = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    yield
    page.wait_for_load_state()
    assert asked and question in asked[0], asked


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def fill_indicators(page: Page, numerator: str, denominator: str, communes: str) -> None:
    ratio = page.locator("fieldset.indicator-entry").filter(has_text="Tỷ lệ huy động trẻ mẫu giáo")
    ratio.get_by_label("Tử số").fill(numerator)
    ratio.get_by_label("Mẫu số").fill(denominator)
    count = page.locator("fieldset.indicator-entry").filter(has_text="Số đơn vị cấp xã đạt chuẩn")
    count.get_by_label("Giá trị").fill(communes)


def test_district_report_from_draft_to_roll_up(page: Page, seeded_live_server):
    base = seeded_live_server.url
    district = Agency.objects.get(code="lc-phongtho-ubnd")
    staff = UserFactory(
        username="chuyenvien",
        first_name="Chuyên viên Sở",
        is_staff=True,
        role=roles.DEPARTMENT_STAFF,
    )
    UserFactory(
        username="pgd_phongtho",
        first_name="Phòng GD&ĐT huyện Phong Thổ",
        role=roles.REPORTING_UNIT,
        agency=district,
    )
    plan = Directive.objects.get(number="3707")
    for order, target in ((2, "99.8"), (8, "3")):
        IndicatorTarget.objects.create(
            indicator=plan.indicators.get(order=order),
            agency=district,
            target_value=Decimal(target),
        )
    make_period(staff=staff, units=[district])

    # The district sees what it owes and fills its report.
    log_in(page, base, "pgd_phongtho")
    expect(page.get_by_text("Báo cáo cần nộp")).to_be_visible()
    page.get_by_role("link", name="Sơ kết học kỳ I năm học 2024 - 2025").click()
    tasks = page.locator("fieldset.answer")
    expect(tasks).to_have_count(2)
    for index in range(2):
        task = tasks.nth(index)
        task.get_by_label("Tình trạng").select_option(label="Đang triển khai")
        task.get_by_label("Kết quả đạt được").fill(
            "Đã tổ chức hội nghị triển khai tới 100% trường học."
        )
    fill_indicators(page, "2.580", "2.600", "3")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    with confirming(page, "gửi báo cáo này về Sở"):
        page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Báo cáo đã được gửi về Sở.")).to_be_visible()
    log_out(page)

    # The department returns it with a reason.
    log_in(page, base, "chuyenvien")
    page.get_by_role("link", name="Sơ kết học kỳ I năm học 2024 - 2025").first.click()
    page.get_by_role("link", name="Ủy ban nhân dân huyện Phong Thổ").click()
    page.get_by_role("button", name="Trả lại đơn vị").click()
    expect(page.get_by_text("Hãy ghi lý do trả lại báo cáo.")).to_be_visible()
    page.get_by_label("Lý do").fill("Số xã đạt chuẩn chưa khớp hồ sơ công nhận, đề nghị rà soát.")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    expect(page.get_by_text("Đã trả lại báo cáo cho đơn vị.")).to_be_visible()
    log_out(page)

    # The district sees the reason, fixes and resubmits.
    log_in(page, base, "pgd_phongtho")
    expect(page.get_by_text("Số xã đạt chuẩn chưa khớp hồ sơ công nhận")).to_be_visible()
    page.get_by_role("link", name="Sơ kết học kỳ I năm học 2024 - 2025").click()
    fill_indicators(page, "2.580", "2.600", "2")
    with confirming(page, "gửi báo cáo này về Sở"):
        page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Báo cáo đã được gửi về Sở.")).to_be_visible()
    log_out(page)

    # The department approves; the roll-up shows the district's values.
    log_in(page, base, "chuyenvien")
    page.get_by_role("link", name="Sơ kết học kỳ I năm học 2024 - 2025").first.click()
    page.get_by_role("link", name="Ủy ban nhân dân huyện Phong Thổ").click()
    with confirming(page, "Duyệt báo cáo này"):
        page.get_by_role("button", name="Duyệt").click()
    expect(page.get_by_text("Đã duyệt báo cáo.")).to_be_visible()
    expect(page.locator("ol.history")).to_contain_text("Trả lại báo cáo")
    page.get_by_role("link", name="Sơ kết học kỳ I năm học 2024 - 2025").click()
    expect(page.locator("table.board")).to_contain_text("Đã duyệt")
    page.get_by_role("link", name="Chỉ tiêu: tổng hợp toàn tỉnh").click()
    row = page.locator("#indicator-2")
    expect(row.locator(".province-value")).to_contain_text("99,23")  # 2580 / 2600
    expect(page.locator("#indicator-8 .province-value")).to_contain_text("2")
    expect(page).to_have_url(re.compile(r"/rollup/$"))
