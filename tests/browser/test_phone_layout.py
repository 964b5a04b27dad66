"""The pages a unit and a reviewer read on a phone (390 px) fit the screen and stay legible."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency
from reports.demo import load_demo_data
from reports.models import ProgressReport
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_report_rollup_and_board_fit_a_phone(page: Page, seeded_live_server, settings):
    settings.DEBUG = True  # the demo period is demo data
    period = load_demo_data()
    report = ProgressReport.objects.get(
        period=period, status="approved", agency__code="lc-tamduong-ubnd"
    )
    UserFactory(
        username="cv-dien-thoai",
        is_staff=True,
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )
    page.set_viewport_size(PHONE)
    base = seeded_live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("cv-dien-thoai")
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    pages = {
        report.get_absolute_url(): "Chỉ tiêu",
        f"/reporting/periods/{period.pk}/rollup/": "Chỉ tiêu",
        f"/reporting/periods/{period.pk}/": "Tình trạng",
    }
    for path, second_column in pages.items():
        page.goto(f"{base}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
        # Each row is a card: a cell is at least half the screen wide and names its column.
        cell = page.locator("table.table--stack tbody td").nth(1)
        assert cell.bounding_box()["width"] >= PHONE["width"] / 2, path
        label = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert label.strip('"') == second_column, (path, label)
