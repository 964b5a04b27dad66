"""A department employee signs in and reads Kế hoạch 3707/KH-UBND in a real Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()


def test_staff_member_browses_the_plan_and_its_appendix(page: Page, seeded_live_server):
    UserFactory(
        username="chuyenvien",
        is_staff=True,
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )
    log_in(page, seeded_live_server.url, "chuyenvien")
    page.get_by_role("link", name="Văn bản chỉ đạo").click()

    expect(page.get_by_role("heading", name="Văn bản chỉ đạo")).to_be_visible()
    page.get_by_label("Loại văn bản").select_option("KH")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text("2 văn bản")).to_be_visible()

    page.get_by_role("link", name=re.compile("TRIỂN KHAI NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM")).click()
    expect(page.get_by_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).to_be_visible()
    expect(page.get_by_text("Số 3707/KH-UBND")).to_be_visible()

    appendix = page.locator("table.appendix")
    expect(appendix.locator("thead")).to_contain_text("Năm học 2023-2024")
    expect(appendix.locator("thead")).to_contain_text("Chỉ tiêu phấn đấu")
    expect(appendix.locator("tbody tr")).to_have_count(26)
    second = appendix.locator("tbody tr").nth(1)
    expect(second).to_contain_text("Tỷ lệ huy động trẻ mẫu giáo")
    expect(second.locator("td").nth(5)).to_have_text("99,85")

    task = page.locator(".task").filter(has_text="Sở Tài chính chủ trì")
    expect(task.locator(".assignment--lead")).to_contain_text("Sở Tài chính")
    expect(task.locator(".assignment--coordinate")).to_contain_text("Sở GD&ĐT")


def test_the_list_works_on_a_phone(page: Page, seeded_live_server):
    UserFactory(username="pgd_phongtho", role=roles.REPORTING_UNIT)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, seeded_live_server.url, "pgd_phongtho")
    expect(page.get_by_role("link", name="Văn bản chỉ đạo")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    # No sideways scrolling on a narrow screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
