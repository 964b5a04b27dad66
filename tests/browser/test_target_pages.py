"""Giao chỉ tiêu on a phone: staff set a province target and a unit's target on 390 px,
one card per row, a refused figure shown beside its box."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency, Assignment, Directive
from indicators.models import IndicatorTarget
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def fits_as_cards(page: Page, second_column: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width)
    cell = page.locator("table.table--stack tbody td").nth(1)
    assert cell.bounding_box()["width"] >= PHONE["width"] / 2, page.url
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert label.strip('"') == second_column, (page.url, label)


def test_staff_set_targets_on_a_phone(page: Page, seeded_live_server):
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    district = Agency.objects.get(code="lc-phongtho-ubnd")
    task = plan.task_groups.order_by("order").first().tasks.order_by("order").first()
    Assignment.objects.create(task=task, agency=district, role=Assignment.Role.IMPLEMENT)
    indicator = plan.indicators.get(order=1)
    UserFactory(
        username="cv-giao-chi-tieu",
        is_staff=True,
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )
    page.set_viewport_size(PHONE)
    base = seeded_live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("cv-giao-chi-tieu")
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(f"{base}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Giao chỉ tiêu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giao chỉ tiêu của kế hoạch")
    fits_as_cards(page, "Chỉ tiêu")
    box = page.get_by_label("Chỉ tiêu phấn đấu của tỉnh – TT 1", exact=True)
    box.fill("99,9")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.get_by_text("Đã lưu 1 chỉ tiêu.")).to_be_visible()
    expect(box).to_have_value("99,9")

    page.locator(f"#indicator-{indicator.pk}").get_by_role(
        "link", name=re.compile("Giao cho từng đơn vị")
    ).click()
    # Measured once the indicator's page has loaded, not while the click navigates.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chỉ tiêu giao các đơn vị")
    fits_as_cards(page, "Năm trước")
    unit_box = page.get_by_label(f"Chỉ tiêu giao cho {district}", exact=True)
    unit_box.fill("abc")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(unit_box).to_have_value("abc")
    unit_box.fill("98,5")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.get_by_text("Đã lưu 1 chỉ tiêu.")).to_be_visible()
    assert IndicatorTarget.objects.get(indicator=indicator, agency=district).target_value == 98.5
