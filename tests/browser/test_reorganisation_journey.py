"""Reorganising in a real Chromium: staff upload the workbook of the new units, read the
preview, apply it after confirming, and read what it did."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency
from tests.browser.jobs import let_the_worker_run_the_job
from tests.browser.test_reporting_journey import log_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKBOOK = (
    "Mã,Tên,Tên viết tắt,Loại,Mã cơ quan cấp trên,Tiếp nhận từ,Căn cứ nêu rõ,"
    "Nhận người dùng,Ghi chú\n"
    "tt-xa-mot,Ủy ban nhân dân xã Một,UBND xã Một,commune,tt-ubnd,tt-a-ubnd,x,x,Đề án\n"
    "tt-xa-hai,Ủy ban nhân dân xã Hai,UBND xã Hai,commune,tt-ubnd,tt-a-ubnd,x,,Đề án\n"
)


def test_staff_import_preview_and_apply_a_reorganisation(page: Page, seeded_live_server):
    base = seeded_live_server.url
    root = AgencyFactory(code="tt-ubnd", kind="province", name="Ủy ban nhân dân tỉnh Thử")
    district = AgencyFactory(
        code="tt-a-ubnd", kind="district", parent=root, name="Ủy ban nhân dân huyện A"
    )
    AgencyFactory(code="tt-a-pgd", parent=district, name="Phòng Giáo dục và Đào tạo huyện A")
    UserFactory(username="pgd-huyen-a", agency=district)
    UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    log_in(page, base, "chuyenvien")

    page.goto(f"{base}/directives/")
    page.get_by_role("link", name="Sắp xếp đơn vị").click()
    page.get_by_role("link", name="Ghi nhận việc sắp xếp").click()
    page.get_by_label("Có hiệu lực từ ngày").fill("01/01/2031")
    page.get_by_label("Căn cứ pháp lý").fill("Nghị quyết thử nghiệm 1/NQ-UBTVQH15")
    page.get_by_label("Tệp danh sách đơn vị sau sắp xếp").set_input_files(
        {"name": "don-vi-moi.csv", "mimeType": "text/csv", "buffer": WORKBOOK.encode()}
    )
    page.get_by_role("button", name="Ghi nhận và xem trước").click()

    expect(page.get_by_role("heading", name="Xem trước việc sắp xếp")).to_be_visible()
    expect(page.get_by_role("heading", name="2 đơn vị ngừng hoạt động")).to_be_visible()
    expect(page.get_by_role("heading", name="2 đơn vị được thành lập")).to_be_visible()
    expect(page.get_by_text("pgd-huyen-a: từ Ủy ban nhân dân huyện A sang")).to_be_visible()
    assert not Agency.objects.filter(code="tt-xa-mot").exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Áp dụng việc sắp xếp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Áp dụng phương án sắp xếp")
    assert not Agency.objects.filter(code="tt-xa-mot").exists()
    let_the_worker_run_the_job(page)
    expect(page.get_by_role("heading", name="Xem trước việc sắp xếp")).not_to_be_visible()
    expect(page.get_by_text("Đã áp dụng việc sắp xếp: 2 đơn vị ngừng hoạt động")).to_be_visible()
    expect(page.get_by_text("Phòng Giáo dục và Đào tạo huyện A")).to_be_visible()
    assert Agency.objects.get(code="tt-xa-mot").valid_from == datetime.date(2031, 1, 1)
    assert Agency.objects.get(code="tt-a-pgd").valid_until == datetime.date(2030, 12, 31)
