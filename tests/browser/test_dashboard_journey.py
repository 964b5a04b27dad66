"""Leadership's four questions, asked on the dashboard in a real Chromium as lanhdao, each
answered there and in the list behind it; the PDF and workbook download."""

import re

import pytest
from playwright.sync_api import Page, expect

from reports.demo import load_demo_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as_leadership(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill("demo-edu-plans")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_leadership_answers_its_four_questions_on_the_dashboard(
    page: Page, seeded_live_server, job_worker, settings
):
    settings.DEBUG = True
    load_demo_data()
    base = seeded_live_server.url
    log_in_as_leadership(page, base)
    page.get_by_role("link", name="Bảng điều hành").click()
    expect(page.locator("h1")).to_have_text("Bảng điều hành")
    expect(page.locator(".dashboard-choice")).to_contain_text("Kế hoạch 3707/KH-UBND")

    # 1. How far along is the province on 3707? The count of its tasks, and the rate.
    headline = page.locator("table.task-headline")
    expect(headline).to_contain_text("Hoàn thành đúng hạn")
    expect(headline).to_contain_text("Tỷ lệ hoàn thành")
    expect(headline.locator(".task-headline__rate")).to_contain_text("%")

    # 2. Which districts are behind? The least disciplined unit first, and the ranking.
    discipline = page.locator("table.discipline tbody tr").first
    expect(discipline).to_contain_text("Phong Thổ")
    expect(page.locator("table.scorecard")).to_contain_text("Tam Đường")

    # 3. Which targets are at risk? The list, with the units furthest behind: open one.
    risks = page.locator("table.indicator-risks tbody tr")
    expect(risks.first).to_be_visible()
    unit_link = risks.first.locator("ul.plain-list a").first
    unit_name = unit_link.inner_text()
    unit_link.click()
    expect(page.locator("h1")).to_contain_text(unit_name.replace("UBND ", "")[:10])
    page.go_back()

    # 4. Which tasks are overdue? The count opens the list of those tasks.
    overdue = page.locator("table.task-headline tr.task-headline__open_overdue a").first
    count = int(overdue.inner_text())
    assert count > 0
    overdue.click()
    expect(page.locator("#listed-heading")).to_have_text("Chưa hoàn thành, quá hạn")
    expect(page.locator("section[aria-labelledby='listed-heading'] tbody tr")).to_have_count(count)
    page.go_back()

    # Print and share: the same dashboard as a PDF and as a workbook, each made in the
    # background by the worker and downloaded from its progress page.
    job_worker()
    dashboard_url = page.url
    for button, suffix in (("Tải PDF", ".pdf"), ("Tải Excel", ".xlsx")):
        page.get_by_role("button", name=button).click()
        expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
        link = page.get_by_role("link", name=re.compile("^Tải về bao-cao-nhanh"))
        expect(link).to_be_visible(timeout=60_000)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith(suffix)
        page.goto(dashboard_url)


def test_on_a_phone_the_dashboard_reads_in_one_column(page: Page, seeded_live_server, settings):
    """Leaders read on phones: nothing scrolls sideways but the wide scorecard, inside its
    own box; the headline and the targets at risk are one column of cards."""
    settings.DEBUG = True
    load_demo_data()
    page.set_viewport_size({"width": 390, "height": 800})
    log_in_as_leadership(page, seeded_live_server.url)
    page.goto(f"{seeded_live_server.url}/dashboard/")
    expect(page.locator("table.indicator-risks")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for table in ("table.task-headline", "table.indicator-risks"):
        box = page.locator(table).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (table, box)
