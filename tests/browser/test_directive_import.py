"""A staff member pastes Kế hoạch 3707/KH-UBND, corrects one target and confirms."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Directive
from tests.browser.jobs import let_the_worker_run_the_job
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_paste_correct_one_target_and_confirm(page: Page, seeded_live_server):
    Directive.objects.filter(number="3707").delete()
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    text = (
        Path(settings.BASE_DIR) / "fixtures" / "sources" / "001_e1b72a20e9d27a54.txt"
    ).read_text(encoding="utf-8")
    page.goto(f"{seeded_live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{seeded_live_server.url}/directives/")
    page.get_by_role("link", name="Đọc văn bản mới").click()
    page.get_by_label("Nội dung văn bản").fill(text)
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc văn bản")).to_be_visible()
    expect(page.get_by_label("Số", exact=True)).to_have_value("3707")
    row = page.locator("#indicator-2")
    expect(row.get_by_label("Chỉ tiêu", exact=False).first).to_have_value(
        "Tỷ lệ huy động trẻ mẫu giáo"
    )
    target = row.get_by_label("Chỉ tiêu phấn đấu 2")
    expect(target).to_have_value("99,85")
    target.fill("99,9")
    assert not Directive.objects.filter(number="3707").exists()
    page.get_by_role("button", name="Xác nhận và tạo").click()

    expect(page.get_by_text("Đã tạo văn bản.")).to_be_visible()
    expect(page.locator("table.appendix tbody tr").nth(1).locator("td").nth(5)).to_have_text("99,9")
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    assert plan.indicators.get(order=2).target_value == Decimal("99.9")


def test_upload_a_scan_follow_its_reading_and_review_it(page: Page, seeded_live_server):
    """A scanned page is read by a background job: the progress page, the worker, then
    the review of what was read, marked as read from a scan; nothing is created yet."""
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    scan = Path(settings.BASE_DIR) / "tests" / "directives" / "corpus" / "pdf"
    scan = scan / "donghai-ubnd-phuong-scan.png"
    before = Directive.objects.count()
    page.goto(f"{seeded_live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{seeded_live_server.url}/directives/import/")
    page.get_by_label("Hoặc tải tệp lên").set_input_files(scan)
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đọc văn bản {scan.name}")
    let_the_worker_run_the_job(page)

    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc văn bản")).to_be_visible()
    expect(page.get_by_text("được đọc từ bản quét")).to_be_visible()
    assert "/directives/import/" in page.url and page.url.rstrip("/") != (
        f"{seeded_live_server.url}/directives/import"
    )
    assert Directive.objects.count() == before


def test_a_file_the_reader_refuses_fails_its_job_with_the_message(page: Page, seeded_live_server):
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    page.goto(f"{seeded_live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill("test-password")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{seeded_live_server.url}/directives/import/")
    page.get_by_label("Hoặc tải tệp lên").set_input_files(
        {"name": "ke-hoach.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04"}
    )
    page.get_by_role("button", name="Đọc văn bản").click()
    let_the_worker_run_the_job(page)
    expect(page.get_by_role("alert")).to_have_text("Tệp không phải là văn bản Word (.docx).")
    expect(page.locator("#job-status")).to_have_text("Không thành công")
